#pragma once
// The table of conflict areas (冲突面积统计): its rows as data (MapTable), how many fit, and
// its drawing.
#include <zoning/geos.hpp>
#include <zoning/layer.hpp>
#include <zoning/map.hpp>
#include <zoning/screen.hpp>

#include "render/page.hpp"

#include <vector>

namespace zoning::render {

/// Height of a table row in mm.
constexpr double kTableRow = 4.2;

/// The table of the footprints `fps` (indexes into `report.footprints`): one row per layer (per
/// class for layers with classes) and per measure, summed over the footprints; the areas and
/// lengths of the union of the pieces. `shown` is left at 0 (see fit_table).
MapTable table_data(const GeosContext& ctx, const LoadedCatalog& catalog, const ScreenReport& report,
                    const std::vector<size_t>& fps);

/// Height the table needs for all its rows: title, header, rows, total and note.
double table_height(const MapTable& t);

/// Sets `t.shown`: the rows that fit in `r`, less one for the "另有 N 项" line when some do not.
void fit_table(MapTable& t, const PageRect& r);

/// Draws the table in `r`: its `shown` rows, the overflow line, the total and the note.
void draw_table(Page& p, const PageRect& r, const MapTable& t);

}  // namespace zoning::render
