#pragma once
// Internal: the 占用地类 table of a footprint — its area by land-use class (first and second
// level) over each `land_use` layer, with 耕地 and the part in 永久基本农田 (docs/land-use.md).
// Called from Screener::screen_one; a land_use layer is never a conflict and has no verdict.
#include <zoning/screen.hpp>

#include <vector>

namespace zoning::screen {

/// The tables of footprint `r` (its screened geometry, areas, dimension and conflicts already
/// set) over every land_use layer of `layers`. `measured_dimension` is how the footprint is
/// measured: 2 by area (polygons, corridors, discs), 1 by length (lines without width), 0 points.
/// The permanent farmland is the union of r's permanent_farmland conflict pieces.
std::vector<LandUseTable> land_use_tables(const GeosContext& ctx, const AreaMeter& meter,
                                          const std::vector<const ZoneLayer*>& layers, int measured_dimension,
                                          const FootprintResult& r);

/// One table over one land_use layer; `farmland` is footprint ∩ permanent farmland (polygonal,
/// measured by area only), or null when no permanent_farmland layer was screened.
LandUseTable land_use_table(const GeosContext& ctx, const AreaMeter& meter, const ZoneLayer& layer,
                            int measured_dimension, const FootprintResult& r, const GEOSGeometry* farmland);

}  // namespace zoning::screen
