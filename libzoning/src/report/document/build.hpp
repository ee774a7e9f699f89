#pragma once
// Internal: the report's document model made from the screening (report/document/model.hpp).
#include <zoning/layer.hpp>
#include <zoning/report_document.hpp>

#include "report/document/model.hpp"

#include <string>
#include <vector>

namespace zoning::report::document {

/// The cover, the conclusion (overall verdict, one-line reason per footprint), the tables
/// (footprint × layer × class, features hit, 占用地类), the map figure, the 界址点 of each part
/// and the data and method page, in `opts.lang`. `title` is the project name as printed;
/// `insets` the indexes of the parts too small to see at the map's scale (zoomed insets).
Document build_document(const LoadedCatalog& catalog, const ScreenReport& report, const std::vector<ConflictPart>& parts,
                        const ReportOptions& opts, const std::string& title, const std::string& date,
                        const std::vector<size_t>& insets = {});

/// The parts too small to see on the page at 1:`scale`: their extent under `min_mm` both ways, or
/// their planar area under `min_mm` × `min_mm` (a sliver); they need a zoomed inset.
std::vector<size_t> parts_too_small(const std::vector<ConflictPart>& parts, double scale, double min_mm = 3);

/// The project name: --title, else the first footprint's name, else its id.
std::string project_title(const ScreenReport& report, const ReportOptions& opts);

}  // namespace zoning::report::document
