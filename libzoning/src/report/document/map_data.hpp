#pragma once
// Internal: the conflict map as vector data (model.hpp's MapData) for the HTML report: the PDF
// map page's frame, zone features and legend (render/map_page's plan), the features clipped to
// the frame and simplified with GEOS to about half a pixel of a 2000-pixel-wide view, the
// footprints and the conflict parts (their 界址点 rings) unsimplified.
#include <zoning/crs.hpp>
#include <zoning/report_document.hpp>

#include "render/map_page.hpp"
#include "report/document/model.hpp"

#include <string>
#include <vector>

namespace zoning::report::document {

/// The map data of `plan` (planned by a render::PageRenderer over `in`), with `parts` on top,
/// the `labels` the renderer places on that page and `note` (map_note) under it.
MapData build_map_data(const render::MapSources& in, const render::PagePlan& plan,
                       const std::vector<ConflictPart>& parts, const std::vector<render::PlacedLabel>& labels,
                       std::string note);

/// The line under the map: the grid's step and the working CRS in words.
std::string map_note(double grid_step_m, const Crs& crs, bool zh);

}  // namespace zoning::report::document
