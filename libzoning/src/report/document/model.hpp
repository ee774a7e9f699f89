#pragma once
// Internal: the report as a document model, apart from any writer. A document is a list of
// blocks (headings, paragraphs, label/value fields, the verdict banner, the 审查意见, tables, page
// breaks, the map figure, the signature block); the PDF writer lays them out on pages, and an
// HTML writer can render the same list.
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

struct Document {
    std::string title;     ///< 建设项目用地管控审查报告
    std::string project;   ///< the project name (PDF metadata, the footer)
    std::string footer;    ///< printed left in every page's footer
    std::string page_of;   ///< printf pattern of the page number: "第 %d 页 共 %d 页"
    std::string date;      ///< the report's date (YYYY-MM-DD): also the PDF's creation date
    std::vector<Block> blocks;
};

}  // namespace zoning::report::document
