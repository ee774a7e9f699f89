#pragma once
// Labels in the map frame: the names of the features hit and the ids of the footprints.
#include <zoning/map.hpp>

#include "render/frame.hpp"
#include "render/page.hpp"

#include <string>
#include <vector>

namespace zoning::render {

/// Writes the names (else codes) of the features the footprints `fps` hit, most severe first,
/// each name once, at the first of ten places around the piece that is inside the frame and
/// over no other label and no `obstacles`; allowed features only for the urban boundary. Then
/// the footprint ids (2–12 footprints: all; 13–60: those of 注意 or worse). Returns the names
/// placed, in order.
std::vector<std::string> draw_labels(Page& p, const View& v, const MapSources& in, const std::vector<size_t>& fps,
                                     const std::vector<PageRect>& obstacles);

}  // namespace zoning::render
