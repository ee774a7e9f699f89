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
/// and the data and method page, in `opts.lang`. `title` is the project name as printed.
Document build_document(const LoadedCatalog& catalog, const ScreenReport& report, const std::vector<ConflictPart>& parts,
                        const ReportOptions& opts, const std::string& title, const std::string& date);

/// The project name: --title, else the first footprint's name, else its id.
std::string project_title(const ScreenReport& report, const ReportOptions& opts);

}  // namespace zoning::report::document
