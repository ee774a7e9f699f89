#pragma once
// Conflict maps: a printable page per project (or per footprint) rendered with Cairo as PNG,
// SVG or PDF. The footprints with a margin, the catalog layers in the frame in the styles of
// style.hpp, the conflict pieces hatched on top, labels of the features hit, a legend of what is
// shown, a scale bar, a north arrow, a title, a table of conflict areas and an overview inset of
// the whole district. See docs/map.md.
#include <zoning/footprint.hpp>
#include <zoning/layer.hpp>
#include <zoning/screen.hpp>
#include <zoning/style.hpp>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace zoning {

enum class Paper { a4, a3 };
enum class Orientation { portrait, landscape };
Paper parse_paper(std::string_view s);              // "A4" | "A3" (any case); throws InputError
Orientation parse_orientation(std::string_view s);  // "portrait" | "landscape"; throws InputError

struct MapOptions {
    Paper paper = Paper::a4;
    Orientation orientation = Orientation::landscape;
    double dpi = 150;          ///< PNG resolution (PDF and SVG are vector)
    std::string title;         ///< project name (default: the footprints' name, else 建设项目)
    std::string date;          ///< printed date (default: today, YYYY-MM-DD)
    bool per_footprint = false;///< one page per footprint (multi-page PDF only)
    double margin = 0.2;       ///< margin around the footprints, as a fraction of their extent
    /// Files the map must not overwrite (the footprint sources); the catalog and its layer
    /// sources are added by render_map.
    std::vector<std::filesystem::path> inputs;
};

/// A rectangle on the page in millimetres from the top-left corner.
struct PageRect {
    double x = 0, y = 0, w = 0, h = 0;
};

/// The groups of the legend, in its order.
enum class LegendGroup { footprints, conflicts, layers };

/// One entry of the legend (图例): a swatch in a style and its text (`style.label`).
struct MapLegendEntry {
    Style style;
    int dim = 2;                ///< the swatch: 0 a disc, 1 a line, 2 a box
    bool point_marker = false;  ///< a disc whatever `dim` (point footprints, the conflict ring)
    bool cross = false;         ///< cross-hatched (prohibited conflicts)
    LegendGroup group = LegendGroup::layers;
    [[nodiscard]] const std::string& label() const { return style.label; }
};

/// The legend of a page: only what is drawn in the frame, each text and swatch kind once.
struct MapLegend {
    /// The footprints by kind, the conflicts by kind and verdict (in the order drawn), then the
    /// layers top first (the reverse of the drawing order).
    std::vector<MapLegendEntry> entries;
    size_t shown = 0;     ///< entries printed; when some are not, the legend says (余略)
    int columns = 1;      ///< 1 or 2
};

/// What a row of the conflict table measures.
enum class TableMeasure {
    points,  ///< point footprints in the zone: N 处
    length,  ///< a line footprint inside the zone: 长 … 米
    area,    ///< areal footprints (polygons, corridors, discs): 公顷 and 亩
    near,    ///< only near the zone (its near_m): 邻近 … 米
};

/// One row of the conflict table (冲突面积统计): one catalog layer (one class of it when the
/// layer has classes) and one measure, summed over the page's footprints.
struct MapTableRow {
    std::string label;                    ///< as printed: the layer title, then the class title (or value)
    std::string layer;                    ///< catalog layer id
    std::string cls;                      ///< class value; empty for a layer without classes
    std::vector<std::string> footprints;  ///< ids of the page's footprints counted in the row, in page order
    TableMeasure measure = TableMeasure::area;
    Verdict verdict = Verdict::allowed;
    double area_m2 = 0;     ///< planar area of the union of the pieces (working CRS)
    double area_ellipsoidal_m2 = 0;  ///< its ellipsoidal area (the screen's class or layer row)
    double length_m = 0;    ///< planar length of the line pieces
    int points = 0;         ///< point footprints in the zone
    double distance_m = 0;  ///< near rows: the least distance
    /// The rule's basis (footprints with a category, docs/rules.md): printed after the label;
    /// "依据不一，见报告" when the page's footprints got different rules in the row; empty: none.
    std::string basis;
    [[nodiscard]] double hectares() const;  ///< area_ellipsoidal_m2 / 10,000 (printed with 4 decimals)
    [[nodiscard]] double mu() const;        ///< area_ellipsoidal_m2 / 666.67 (printed with 2 decimals)
};

/// The conflict table of a page: its rows (admin layers left out, a near row only for a layer
/// that has no measured row), the rows printed, and the footprints' total.
struct MapTable {
    std::string heading;           ///< 冲突面积统计, 冲突长度统计 (lines only) or 冲突统计 (points only)
    std::vector<MapTableRow> rows; ///< most severe first (stable: by layer, class and measure within a verdict)
    size_t shown = 0;              ///< rows printed; the others are one line "… 另有 N 项,见报告"
    double fp_area_m2 = 0;         ///< the total row: the footprints' area,
    double fp_area_ellipsoidal_m2 = 0;  ///< (printed: ellipsoidal, docs/areas.md)
    double fp_length_m = 0;        ///< else their length,
    int fp_points = 0;             ///< else their count
    /// N of "另有 N 项": the least severe rows that did not fit.
    [[nodiscard]] size_t left_out() const { return rows.size() - shown; }
};

/// What was drawn on a page, for tests and for callers that place things over the map.
struct MapPage {
    std::string title;
    Envelope extent;            ///< world extent of the map frame (working CRS)
    double scale = 0;           ///< scale denominator (1:scale), a round number
    PageRect frame, legend, table, overview, title_block;
    std::vector<std::string> legend_entries;  ///< the texts of the legend entries printed
    std::vector<std::string> labels;  ///< labels of features hit placed on the map
    MapLegend legend_contents;
    MapTable table_contents;
    /// Page position (mm) of a world point in this page's frame.
    [[nodiscard]] std::pair<double, double> to_page(double x, double y) const;
};

struct MapResult {
    double width_mm = 0, height_mm = 0;
    int width_px = 0, height_px = 0;  ///< PNG only
    std::vector<MapPage> pages;
    std::string font;                 ///< the font family that renders the text
};

/// The pages render_map would draw, planned without drawing: the layout, the frame's extent
/// and scale, the legend and the table (`legend_contents`, `table_contents`, `legend_entries`)
/// exactly as render_map prints them. `labels` stay empty (their places depend on the font).
/// No font is needed; throws InputError when there are no footprints.
std::vector<MapPage> plan_map(const LoadedCatalog& catalog, const ScreenReport& report,
                              const std::vector<Footprint>& footprints, const MapOptions& opts);

/// Renders the map of `report` (screened from `footprints`, same order) on `catalog` to `out`:
/// .png, .svg or .pdf by extension. Written to a temporary file and renamed when complete.
/// Throws InputError for an unknown extension, --all without .pdf, no footprints.
MapResult render_map(const std::filesystem::path& out, const LoadedCatalog& catalog,
                     const ScreenReport& report, const std::vector<Footprint>& footprints,
                     const MapOptions& opts);

}  // namespace zoning
