#pragma once
// Field formats (docs/formats.md): the 国土资源部 coordinate exchange TXT (界址点坐标文件), text
// encodings (GBK vs UTF-8), the Chinese Gauss-Krüger zone systems, the coordinate sanity checks
// applied to every footprint input (swapped X/Y, zone prefixes, lat/lon order), GCJ-02, and
// `zoning convert`.
#include <zoning/crs.hpp>
#include <zoning/geos.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace zoning {

// ---- text encodings -------------------------------------------------------------------------

enum class TextEncoding { ascii, utf8, gbk, unknown };
/// "ASCII", "UTF-8", "GBK", "unknown".
std::string_view to_string(TextEncoding e);
/// ASCII when every byte is < 0x80; UTF-8 when the bytes are valid UTF-8; GBK when they are
/// valid GBK (lead 0x81-0xFE, trail 0x40-0x7E/0x80-0xFE); unknown otherwise.
TextEncoding detect_text_encoding(std::string_view bytes);
/// Converts `bytes` in `from` ("GBK", "CP936", "UTF-8", any iconv name) to UTF-8. Throws
/// InputError naming `what` and the byte offset of the first undecodable byte.
std::string to_utf8(std::string_view bytes, const std::string& from, const std::string& what);
/// Converts UTF-8 text to `to` (e.g. "GBK"). Throws InputError for a character `to` lacks.
std::string from_utf8(std::string_view text, const std::string& to, const std::string& what);
/// The encodings named when one is unknown: those of Chinese field data first.
inline constexpr std::string_view kCommonEncodings = "GBK, GB18030, CP936, UTF-8, BIG5, ISO-8859-1";
/// Whether `name` is an encoding the converter (iconv, which GDAL's CPLRecode uses too) knows.
bool is_known_encoding(const std::string& name);
/// Throws InputError "`what`: unknown text encoding 'FOO': use one of GBK, ..." unless
/// is_known_encoding(name).
void check_encoding(const std::string& name, const std::string& what);

// ---- Chinese Gauss-Krüger zone systems ------------------------------------------------------

enum class GkDatum { cgcs2000, xian1980, beijing1954 };

struct GkSystem {
    GkDatum datum = GkDatum::cgcs2000;
    int zone_width = 3;     ///< 3 or 6 degrees
    int zone = 0;           ///< 带号: 25..45 (3°) or 13..23 (6°)
    bool prefixed = false;  ///< easting carries the zone number (false easting zone×1e6+5e5)
    [[nodiscard]] int central_meridian() const { return zone_width == 3 ? 3 * zone : 6 * zone - 3; }
};

/// The EPSG code of a GK zone system. Throws InputError for a zone outside China's range.
int gk_epsg(const GkSystem& s);
/// The GK zone system of an EPSG code, when it is one of the tables above.
std::optional<GkSystem> gk_system_of_epsg(int epsg);
/// Parses 坐标系 text: "2000国家大地坐标系", "CGCS2000", "1980西安坐标系", "西安80", "北京54", ...
std::optional<GkDatum> parse_gk_datum(std::string_view text);
/// "2000国家大地坐标系", "1980西安坐标系", "1954北京坐标系".
std::string_view gk_datum_name(GkDatum d);

// ---- the coordinate exchange TXT ------------------------------------------------------------

struct TxtPoint {
    std::string name;  ///< 点号, e.g. "J1"
    int ring = 1;      ///< 圈号: 1 outer ring, 2+ inner rings or further parts
    double x = 0;      ///< X as written: northing
    double y = 0;      ///< Y as written: easting, with or without zone prefix
    int line = 0;      ///< 1-based line in the file
};

struct TxtPlot {
    int point_count = 0;       ///< 界址点数 as declared
    std::optional<double> area_ha;  ///< 地块面积 (公顷) as declared
    std::string id;            ///< 地块编号
    std::string name;          ///< 地块名称
    std::string shape = "面";  ///< 图形属性: 点, 线 or 面
    std::string sheet;         ///< 图幅号
    std::string use;           ///< 地块用途
    std::string land_class;    ///< 地类编号
    std::vector<std::string> extra;  ///< fields 9.. of a 12-field plot line
    std::vector<TxtPoint> points;    ///< in file order, closing repeats included
    int line = 0;
    /// Rings as runs of equal 圈号, without the closing repeat of the first point.
    [[nodiscard]] std::vector<std::vector<TxtPoint>> rings() const;
};

struct CoordTxt {
    std::vector<std::pair<std::string, std::string>> header;  ///< [属性描述] in file order
    std::vector<TxtPlot> plots;
    TextEncoding encoding = TextEncoding::utf8;  ///< as detected
    bool crlf = false;
    std::vector<std::string> notes;  ///< "file:line: ..." warnings (declared vs computed area)

    /// Value of a header key ("" when absent).
    [[nodiscard]] std::string value(std::string_view key) const;
    /// The GK system from 坐标系, 几度分带 and 带号; `prefixed` from the coordinates (a value
    /// of 10 million or more is a zone-prefixed easting). Nothing when the header does not say.
    [[nodiscard]] std::optional<GkSystem> gk_system() const;
};

/// True when the file starts (after a BOM and blank lines) with [属性描述] or [地块坐标] in
/// UTF-8 or GBK.
bool looks_like_coord_txt(const std::filesystem::path& file);
/// Parses the bytes of a coordinate TXT (GBK or UTF-8, CRLF or LF). Throws InputError
/// "file:line: reason" for what is really broken.
CoordTxt parse_coord_txt(std::string_view bytes, const std::string& file);
CoordTxt read_coord_txt(const std::filesystem::path& file);
/// Planar area of a plot in m² in its own coordinates (outer rings minus holes); 0 for 点/线.
double plot_area_m2(const TxtPlot& plot);

struct TxtWriteOptions {
    bool gbk = false;   ///< write GBK (default UTF-8)
    bool crlf = true;   ///< CRLF line ends (what the bureau's software writes)
    std::string producer;  ///< 数据产生单位
    /// 数据产生日期, YYYY-MM-DD (the report's --date: the same report gives the same file), written
    /// as the bureau's files do, Y-M-D without leading zeros (2026-12-1); empty: today's.
    std::string date;
};
/// The text of a coordinate TXT for `plots` in the GK system `sys`: header filled, points named
/// J1.., rings closed, 界址点数 counting the point lines, 地块面积 computed (ha, 4 decimals).
std::string format_coord_txt(const std::vector<TxtPlot>& plots, const GkSystem& sys,
                             const TxtWriteOptions& opts = {});

// ---- coordinate sanity ----------------------------------------------------------------------

/// What the coordinates of a source look like against its CRS, and how to fix it.
struct AxisDiagnosis {
    bool swap = false;           ///< x holds northings/latitudes: swap x and y
    double add_to_x = 0;         ///< add (or, negative, remove) a zone prefix
    std::optional<Crs> use_crs;  ///< the CRS the coordinates really are in (zone mismatch)
    std::string problem;         ///< what looks wrong (empty: nothing)
    std::string fix;             ///< what --fix-axes does about it
    bool fixable = true;
    [[nodiscard]] bool ok() const { return problem.empty(); }
};

/// Checks the bounding box (x = first column as read, after the CRS's normalised axis order:
/// easting or longitude) of coordinates declared in `crs`. Only Chinese GK CRSs (transverse
/// Mercator, CM 72..138 E) and geographic CRSs are checked; others give an empty diagnosis.
AxisDiagnosis diagnose_axes(const Crs& crs, const Envelope& box);

// ---- GCJ-02 ---------------------------------------------------------------------------------

/// WGS84 lon/lat to GCJ-02 (the offset of Chinese web maps and 奥维 9.3+ KML). Outside China
/// (the usual rough box) the coordinates are returned unchanged.
std::pair<double, double> wgs84_to_gcj02(double lon, double lat);
/// GCJ-02 to WGS84 by fixed-point iteration of the forward formula (residual < 1e-9 degree).
std::pair<double, double> gcj02_to_wgs84(double lon, double lat);

// ---- zoning convert -------------------------------------------------------------------------

struct ConvertOptions {
    std::filesystem::path input;
    std::filesystem::path output;
    std::string format;      ///< txt, geojson, shp, gpkg, kml, dxf (default: from the extension)
    std::string s_srs;       ///< CRS of the input (required for DXF)
    std::string t_srs;       ///< CRS of the output (default: the input's; KML is always lon/lat)
    std::string layer;       ///< input layer (default: every layer)
    std::string where;       ///< OGR SQL attribute filter on the input features
    std::string id_field, name_field;  ///< default: 地块编号/地块名称 for TXT, else id/name if present
    std::string encoding;    ///< input encoding override (shapefiles without .cpg)
    bool fix_axes = false;
    bool from_gcj02 = false;
    bool txt_gbk = false;    ///< write the TXT in GBK
};

struct ConvertSummary {
    int features = 0;
    std::string format;      ///< the output format
    std::string crs;         ///< label of the output CRS
    std::vector<std::string> notes;  ///< what was assumed, detected or fixed
};

/// Converts between the field formats, keeping ids and names. Writes through a temporary file
/// and refuses to overwrite the input. Throws InputError.
ConvertSummary convert(const ConvertOptions& opts);

}  // namespace zoning
