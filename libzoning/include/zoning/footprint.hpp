#pragma once
// Project footprints: polygons (sites), lines (roads, pipelines, channels) and points (turbines,
// wells, towers), read from any GDAL vector source and brought into the working CRS.
#include <zoning/crs.hpp>
#include <zoning/geos.hpp>
#include <zoning/layer.hpp>
#include <zoning/rules.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace zoning {

struct Footprint {
    std::string id;             ///< from --id-field, else the OGR feature id
    std::string name;           ///< from --name-field, or empty
    std::string source;         ///< "file.geojson layer L fid N" for messages
    std::string geometry_type;  ///< as read: "Polygon", "MultiLineString", "Point", ...
    Geom geom;                  ///< in the working CRS (repaired when it was invalid)
    double width_m = 0;         ///< full corridor width of a line (0: none)
    double radius_m = 0;        ///< disc radius around a point (0: none)
    /// Why it cannot be screened (its repair stopped at --footprint-timeout: `geom` is then the
    /// geometry as read, unrepaired); empty normally. Screening gives it verdict `unknown`.
    std::string not_screened;
    /// What the project is (rules.hpp): --category-field, else --category, else the catalog's
    /// default_category; nothing: the layers' verdicts as the catalog gives them.
    std::optional<Category> category;
};

struct FootprintQuery {
    std::vector<std::string> sources;  ///< GDAL vector sources
    std::string layer;                 ///< layer name inside each source (default: every layer)
    std::string where;                 ///< OGR SQL attribute filter
    std::string id_field, name_field;
    std::string s_srs;                 ///< CRS to assume/override for the sources
    double width_m = 0;                ///< corridor width for lines
    std::string width_field;           ///< per-feature width for lines
    double radius_m = 0;               ///< disc radius for points
    std::string encoding;              ///< text encoding of shapefiles without .cpg (default: detected)
    bool fix_axes = false;             ///< correct swapped X/Y and zone prefixes instead of stopping
    bool from_gcj02 = false;           ///< lon/lat sources are GCJ-02 (奥维 9.3+ KML): undo the offset
    /// Read against a catalog, a footprint farther than `outside_warn_m` from the catalog's
    /// extent gets a warning; farther than `outside_stop_m` (wrong zone, CRS or axes) an
    /// InputError, unless allow_outside.
    double outside_warn_m = 1000;
    double outside_stop_m = 50000;
    bool allow_outside = false;
    /// A footprint with more vertices is an InputError (0: no limit): beyond it overlay and
    /// repair times and memory explode (docs/validity.md).
    std::size_t max_vertices = 1'000'000;
    /// Repairing one invalid footprint may take this long (seconds; 0: no limit), as ScreenOptions.
    double timeout_s = 60;
    /// The project category of every footprint (--category), or of those whose category_field is
    /// empty; nothing: the catalog's default_category, if any.
    std::optional<Category> category;
    /// Field holding each footprint's category, a code or the Chinese name (--category-field);
    /// an unknown value is an InputError naming the footprint and listing the vocabulary.
    std::string category_field;
};

/// Reads every footprint for screening against `catalog`: into its working CRS, and checked
/// against its extent (outside_warn_m, outside_stop_m, allow_outside). Throws InputError naming
/// file, layer and feature for a missing file, an unknown --encoding, a source without CRS
/// (unless s_srs; always for DXF), an empty or null geometry, an unusable width (beyond 10 km too, as a radius), a non-finite
/// coordinate, more than max_vertices, a repair longer than timeout_s, coordinates
/// that look swapped or wrongly zone-prefixed (unless fix_axes), a footprint far outside the
/// catalog. Sources: any GDAL vector format and the coordinate TXT (formats.hpp). Invalid
/// polygons are repaired with MakeValid and reported through `warnings`, as are the encoding
/// assumed, declared vs computed TXT areas, every fix applied and footprints near but outside.
std::vector<Footprint> read_footprints(const FootprintQuery& q, const LoadedCatalog& catalog,
                                       std::vector<Warning>& warnings);

/// The same without a catalog (to look at footprints alone): into `working`, and without the
/// extent check, which only the overload above can make. Screening code uses that one.
std::vector<Footprint> read_footprints(const FootprintQuery& q, const Crs& working,
                                       const GeosContext& ctx, std::vector<Warning>& warnings);

}  // namespace zoning
