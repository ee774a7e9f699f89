#pragma once
// Data checks of a catalog (`zoning check`): is each layer sound, do the partitions partition the
// district, and do the three control lines (三条控制线: red line, permanent farmland, urban
// development boundary) overlap. The sources are read raw (before the loader's MakeValid repair),
// so invalid geometry is reported with GEOS's reason and location. See docs/check.md.
#include <zoning/catalog.hpp>
#include <zoning/geos.hpp>

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zoning {

enum class Severity { info, warning, error };
std::string_view to_string(Severity s);

struct CheckOptions {
    std::string total;          ///< layer whose union is the district (default: first admin layer)
    double min_area_m2 = 1e-6;  ///< smaller overlaps, gaps and outside parts are touches, not findings
};

/// One problem found. `geom` (the piece or the location point) is what `-o` writes.
struct Finding {
    std::string layer;
    std::optional<std::int64_t> fid;  ///< the feature, when the finding is about one
    std::string type;                 ///< invalid_geometry, empty_geometry, repaired, overlap, ...
    Severity severity = Severity::warning;
    std::string detail;
    std::optional<double> area_m2;    ///< planar, working CRS
    std::optional<double> x, y;       ///< location in the working CRS (x = easting)
    Geom geom{nullptr, GeomDeleter{}};
};

/// One overlap piece between features of two control-line layers.
struct ControlLineConflict {
    std::string a, b;                 ///< layer ids, in kind order: red line, farmland, urban
    std::int64_t a_fid = 0, b_fid = 0;
    std::string a_name, b_name;       ///< name (else code) of each feature
    double area_m2 = 0, area_ellipsoidal_m2 = 0;
    double x = 0, y = 0;              ///< centroid of the piece
    Geom piece{nullptr, GeomDeleter{}};
};

struct CheckReport {
    std::shared_ptr<GeosContext> context;  ///< made the geometries below; declared first, freed last
    std::string catalog;
    std::string crs;      ///< label of the working CRS
    std::string crs_wkt;  ///< its WKT, for -o
    std::vector<Finding> findings;
    std::vector<ControlLineConflict> conflicts;

    /// Findings of severity error plus control-line conflicts (which are errors).
    [[nodiscard]] size_t errors() const;
    [[nodiscard]] size_t count(Severity s) const;
};

/// Reads every layer of the catalog raw and checks it. Throws CatalogError/InputError for what
/// stops the loader too (missing source, unknown field, bad filter); a source without CRS is a
/// finding, not an error.
CheckReport run_check(const Catalog& catalog, const CheckOptions& opts = {});

void write_check_text(std::ostream& out, const CheckReport& r);
/// JSON `zoning.check/1`.
void write_check_json(std::ostream& out, const CheckReport& r);
/// Writes the findings and conflicts as geometries to a GeoPackage (layers `findings` and
/// `control_line_conflicts`), through a temporary folder renamed into place when complete.
/// Refuses to overwrite any of `inputs`.
void write_check_geometries(const std::filesystem::path& path, const CheckReport& r,
                            const std::vector<std::filesystem::path>& inputs);

}  // namespace zoning
