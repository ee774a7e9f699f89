#pragma once
// Where the parts of a page go, and the scale of its map frame: plain arithmetic in page
// millimetres, no drawing.
#include <zoning/geos.hpp>
#include <zoning/map.hpp>

#include "render/page.hpp"

#include <vector>

namespace zoning::render {

/// Places the title block, the map frame, the overview, the legend and the table on a page of
/// `w`×`h` mm: the frame on the left with a column on the right (landscape), or on top with a
/// row below it (portrait).
void layout_page(MapPage& mp, double w, double h);

/// Landscape: the legend and the table share the column below the overview. Each gets what it
/// needs (heights in mm) when both fit; otherwise the table keeps at least 40 % of it.
/// Portrait (side by side): unchanged.
void share_panel(MapPage& mp, double legend_need, double table_need);

/// Round map scales: 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^n from 1:500 to 1:5,000,000, then
/// 1:10,000,000, so the footprints fill the frame without an odd denominator.
std::vector<double> round_scales();

/// The frame's world extent: the footprints `fp` grown by the margin (`margin_fraction` × their larger
/// side, at least 150 m), at the smallest round scale that shows them, centred.
View fit_view(const PageRect& frame, const Envelope& fp, double margin_fraction);

}  // namespace zoning::render
