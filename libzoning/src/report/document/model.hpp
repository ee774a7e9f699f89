#pragma once
// Internal: the report as a document model, apart from any writer. A document is a list of
// blocks (headings, paragraphs, label/value fields, the verdict banner, the 审查意见, tables, page
// breaks, the map figure, the signature block); the PDF writer lays them out on pages, and an
// HTML writer can render the same list.
#include <zoning/geos.hpp>
#include <zoning/map.hpp>
#include <zoning/style.hpp>
#include <zoning/verdict.hpp>

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace zoning::report::document {

struct Heading {
    std::string text;
    int level = 1;  ///< 1 a section, 2 a sub-section
};

struct Paragraph {
    std::string text;
    bool small = false;  ///< notes under a table
};

/// Label: value lines (the cover, the data and method page).
struct Fields {
    std::vector<std::pair<std::string, std::string>> items;
};

/// The overall verdict in large type, and a line under it.
struct VerdictBanner {
    Verdict verdict = Verdict::allowed;
    std::string text;     ///< the verdict as printed (禁止)
    std::string caption;  ///< e.g. 审查结论
};

enum class Align { left, right };

struct Column {
    std::string title;
    double weight = 1;  ///< share of the table's width (relative to the others)
    Align align = Align::left;
};

struct Row {
    std::vector<std::string> cells;
    std::optional<Verdict> verdict;  ///< colours the row's verdict cell
    bool subtotal = false;           ///< a layer's row above its class rows, a total: bold
};

/// A table; a writer that breaks it across pages repeats the header.
struct Table {
    std::string caption;
    std::vector<Column> columns;
    std::vector<Row> rows;
    int verdict_column = -1;  ///< the column coloured by Row::verdict
    double width = 1;         ///< share of the text width (narrow tables: coordinates)
};

struct PageBreak {};

/// The conflict map on a page of its own (landscape).
struct MapFigure {
    std::string caption;
    /// The conflict parts too small to see at the map's scale (their extent under 3 mm both
    /// ways, or their area under 3 mm × 3 mm on the page), by label: each gets a zoomed inset at a scale of its own (the PDF: pages of insets
    /// after the map).
    std::vector<std::string> insets;
    std::string insets_caption;  ///< the heading of the inset pages
};

/// The 审查意见: generated text (what is touched, which rule, what procedure is needed), framed
/// under the verdict on the cover; the HTML makes it editable before printing.
struct Opinion {
    std::string caption;                  ///< 审查意见
    std::vector<std::string> paragraphs;  ///< the overall sentence, one per footprint touched, the closing note
};

/// 制图, 审核, 日期 with a line to sign on.
struct Signature {
    std::vector<std::pair<std::string, std::string>> items;
};

using Block = std::variant<Heading, Paragraph, Fields, VerdictBanner, Opinion, Table, PageBreak, MapFigure, Signature>;

/// The conflict map as vector data in the working CRS (x easting, y northing), for a writer that
/// draws it itself (the HTML report's inline SVG; the PDF draws the map with render/). The same
/// frame, features and legend as the PDF's map page (report/document/map_data).
struct MapShape {
    int dim = 2;  ///< 0 points, 1 lines, 2 polygons (rings; holes after their shell)
    std::vector<std::vector<std::pair<double, double>>> paths;
};
struct MapItem {
    std::string id;     ///< the layer id, the footprint id, or the part's label (生态保护红线-1)
    std::string title;  ///< shown on hover: the feature's, footprint's or part's name
    Style style;
    Verdict verdict = Verdict::allowed;
    MapShape shape;
};
struct MapData {
    Envelope extent;                  ///< the map frame (working CRS)
    double scale = 0;                 ///< 1:scale of the PDF's map page
    double grid_step = 0;             ///< m, as on the PDF's map page
    int decimals = 1;                 ///< of the layers' simplified coordinates
    std::string note;                 ///< the grid's step and the CRS in words
    std::vector<MapItem> layers;      ///< zone features in the frame, bottom to top, clipped and simplified
    std::vector<MapItem> conflicts;   ///< the conflict pieces by verdict and dimension (points and lines too)
    std::vector<MapItem> footprints;  ///< as screened, centre lines, points; drawn under the conflicts
    std::vector<MapItem> parts;       ///< the conflict parts (their 界址点 rings), over the pieces
    std::vector<MapItem> outlines;    ///< the site polygons' outlines once more, over the parts (as the PDF)
    /// A circle around a severe piece too small to see at the PDF's scale (centre, radius in m).
    struct Ring {
        double x = 0, y = 0, r = 0;
    };
    std::vector<Ring> rings;
    /// The PDF map page's labels (the names of the features hit, the footprint ids) where that
    /// page places them: the anchor in the working CRS, the text's baseline point beside it in mm
    /// of that page (scaled with the zoom by the page's script, so the text keeps its size).
    struct Label {
        double x = 0, y = 0;          ///< the anchor (working CRS)
        double dx_mm = 0, dy_mm = 0;  ///< the baseline point from the anchor, mm of the PDF page (y down)
        std::string text;
        Rgba color;
        double size_mm = 0;
        bool bold = false;
        double align = 0;  ///< 0 starts at the point, 0.5 centred on it
    };
    std::vector<Label> labels;
    double m_per_mm = 1;  ///< metres of the working CRS per mm of the PDF's map page
    std::vector<MapLegendEntry> legend;
};

struct Document {
    std::string title;     ///< 建设项目用地管控审查报告
    std::string project;   ///< the project name (PDF metadata, the footer)
    std::string footer;    ///< printed left in every page's footer
    std::string page_of;   ///< printf pattern of the page number: "第 %d 页 共 %d 页"
    std::string date;      ///< the report's date (YYYY-MM-DD): also the PDF's creation date
    std::vector<Block> blocks;
    std::optional<MapData> map;  ///< the map as vector data (HTML only)
};

}  // namespace zoning::report::document
