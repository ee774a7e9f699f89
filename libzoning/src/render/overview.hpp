#pragma once
// The overview inset (位置示意图): where the map frame lies in the district.
#include <zoning/geos.hpp>
#include <zoning/map.hpp>

#include "render/frame.hpp"
#include "render/page.hpp"

#include <vector>

namespace zoning::render {

/// Draws in `r` the whole district (the admin layers' extent, else the catalog's, grown to
/// hold the frame) with its admin boundaries (else the control units) and the red line, the
/// frame's extent `frame_ext` as a black box and a red star at the footprints `fps`.
void draw_overview(Page& p, const PageRect& r, const Envelope& frame_ext, const MapSources& in,
                   const std::vector<size_t>& fps);

}  // namespace zoning::render
