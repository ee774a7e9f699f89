#pragma once
// zoning report: the 审查报告 of one project, a document a bureau files (docs/report.md). The
// screening's results become a document model (cover, conclusion, tables, 界址点 of the conflict
// parts, data and method) that a writer lays out: PDF (Cairo + Pango, A4 portrait) first. The
// conflict parts can also be written as a land-survey coordinate exchange TXT (--parts).
#include <zoning/footprint.hpp>
#include <zoning/layer.hpp>
#include <zoning/report.hpp>
#include <zoning/screen.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace zoning {

/// What the cover and the signature block say.
struct ReportOptions {
    std::string title;         ///< project name (default: the first footprint's name, else the file's)
    std::string project_code;  ///< 项目代码
    std::string applicant;     ///< 建设单位
    std::string org;           ///< 制图/审查单位
    std::string author;        ///< 制图
    std::string reviewer;      ///< 审核
    std::string date;          ///< YYYY-MM-DD (default: today)
    Lang lang = Lang::zh;
    /// Also write the conflict parts as a coordinate exchange TXT here (empty: no).
    std::filesystem::path parts_txt;
    /// Files the report must not overwrite (the footprint sources); the catalog and its layer
    /// sources are added by write_report.
    std::vector<std::filesystem::path> inputs;
};

/// One boundary point (界址点) of a conflict part, as surveyors write it.
struct PartPoint {
    std::string name;  ///< J1, J2, ... (the closing point repeats the ring's first name)
    int ring = 1;      ///< 圈号: 1 the first outer ring, then the others in order
    double x = 0;      ///< X: northing (the working CRS's y)
    double y = 0;      ///< Y: easting (the working CRS's x)
};

/// A conflict part: a footprint ∩ one zoning feature whose verdict is above allowed, polygonal.
struct ConflictPart {
    std::string label;          ///< 生态保护红线-1: the layer title and its number in the layer
    std::string footprint;      ///< footprint id
    std::string footprint_name;
    std::string layer, layer_title;
    std::string feature;        ///< the feature's name (else "fid N")
    std::string cls;            ///< the feature's class value
    Verdict verdict = Verdict::allowed;
    double area_m2 = 0;         ///< planar (working CRS)
    double area_ellipsoidal_m2 = 0;
    std::vector<PartPoint> points;  ///< rings in order, each closed by its first point again
};

struct ReportResult {
    int pages = 0;                  ///< of the PDF (0: an HTML page)
    std::uintmax_t html_bytes = 0;  ///< the size of the HTML page (0: a PDF)
    std::vector<ConflictPart> parts;
    std::string font;           ///< the font family that renders the text
    /// --parts was written: not when there is no conflict part (a TXT without a plot is not one
    /// that zoning or the bureau's software reads).
    bool parts_written = false;
};

/// The conflict parts of a report, in report order (footprint, layer, feature), numbered per layer.
std::vector<ConflictPart> conflict_parts(const ScreenReport& report);

/// Writes the report of `report` (screened from `footprints` on `catalog`) to `out` (.pdf, or
/// .html: one self-contained page), and
/// the parts to `opts.parts_txt` when given and there are any; each file staged and renamed only when complete,
/// never over an input. Throws InputError for another extension or no footprints.
ReportResult write_report(const std::filesystem::path& out, const LoadedCatalog& catalog, const ScreenReport& report,
                          const std::vector<Footprint>& footprints, const ReportOptions& opts);

}  // namespace zoning
