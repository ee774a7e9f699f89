#pragma once
// Internal: opening GDAL vector sources and converting OGR geometries to GEOS.
#include <zoning/crs.hpp>
#include <zoning/geos.hpp>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace zoning::io {

struct OgrSource {
    GDALDatasetUniquePtr dataset;
    OGRLayer* layer = nullptr;  ///< owned by dataset
    std::string label;          ///< "path layer NAME" for messages
    std::string driver;         ///< GDAL driver short name ("ESRI Shapefile", "DXF", "KML", ...);
                                ///< "coordinate TXT" for the 国土资源部 exchange format
    std::vector<std::string> notes;  ///< what was detected or assumed on opening (encoding,
                                     ///< declared vs computed areas): report them as warnings
    std::string crs_hint;       ///< why the source has no CRS, when its format can tell
    /// The result layer of a database source's `sql:` (released before the dataset closes).
    std::unique_ptr<OGRLayer, std::function<void(OGRLayer*)>> sql_result;
    [[nodiscard]] bool is_database() const { return driver == "PostgreSQL"; }
    [[nodiscard]] bool is_coord_txt() const { return driver == "coordinate TXT"; }
    [[nodiscard]] bool is_dxf() const { return driver == "DXF"; }
};

/// Opens `path` read-only and selects `layer_name` (or the only layer; several layers and no
/// name is an error). Throws InputError naming the file and reason.
/// A coordinate TXT (界址点 file) is read into a Memory layer. A shapefile without .cpg and
/// without a code page in its DBF is decoded as UTF-8 or GBK as its bytes say, and a note says
/// which; `encoding` (an iconv/GDAL name such as GBK, CP936, UTF-8) overrides the detection.
OgrSource open_vector(const std::filesystem::path& path, const std::string& layer_name,
                      const std::string& encoding = {});
/// Opens a database source (a GDAL `PG:…` connection or a `postgresql://` URL, credentials from
/// libpq's PGSERVICE/PGPASSFILE/environment) read-only, and selects table `layer_name`
/// (schema.table or table) or runs the read-only query `sql`. Throws InputError on one line:
/// the connection (password redacted) and libpq's or the server's reason.
OgrSource open_database(const std::string& connection, const std::string& layer_name, const std::string& sql);
std::vector<OgrSource> open_vector_layers(const std::filesystem::path& path,
                                          const std::string& encoding = {});

/// The text encoding to open a shapefile's DBF with when GDAL cannot know it (no .cpg, no code
/// page byte), with a note saying what was assumed; empty when GDAL knows or it is all ASCII.
struct EncodingChoice {
    std::string encoding;  ///< value of the ENCODING open option, or empty
    std::string note;
};
EncodingChoice shapefile_encoding(const std::filesystem::path& shp, const std::string& override_encoding);

/// A message on one line: runs of blanks, tabs and line breaks made one space (libpq's reasons
/// span lines and tabs).
std::string one_line(std::string m);

/// The layer's CRS, or nothing when the source has none.
std::optional<Crs> layer_crs(OGRLayer* layer, const std::string& what);

/// Index of a field in the layer definition, or -1.
int field_index(OGRLayer* layer, const std::string& name);
/// "A, B, C": the layer's field names, for messages.
std::string field_list(OGRLayer* layer);
/// The same for a source; "none: its .dbf is missing" for a shapefile without its .dbf.
std::string field_list(const OgrSource& src);
/// Why a shapefile has no CRS, for messages: "PATH.prj could not be parsed as a CRS" or
/// "no .prj"; "" for other formats.
std::string no_crs_reason(const OgrSource& src);

/// 2-D GEOS copy of an OGR geometry (curves linearised). Null for a null geometry.
Geom to_geos(const GeosContext& ctx, const OGRGeometry* g);

/// Field value as UTF-8 text ("" when unset or null).
std::string field_text(const OGRFeature& f, int index);

/// Field values as UTF-8 text for what the engine reports (names, codes, classes, ids): a value
/// that is not valid UTF-8 (GBK bytes under a .cpg that says UTF-8) would make a report that is not
/// valid JSON or XML. Valid GBK is read as GBK and counted (the caller warns once); anything else
/// throws InputError naming the feature and the field.
class TextFields {
public:
    std::string operator()(const OGRFeature& f, int index, const std::string& where);
    [[nodiscard]] int gbk_values() const { return gbk_; }
    /// "N text value(s) ... read as GBK (CP936); first at WHERE field F", or "" when none was.
    [[nodiscard]] std::string warning() const;

private:
    int gbk_ = 0;
    std::string first_;
};

}  // namespace zoning::io
