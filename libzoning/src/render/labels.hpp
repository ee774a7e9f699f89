#pragma once
// Labels in the map frame: the names of the features hit and the ids of the footprints.
#include <zoning/map.hpp>

#include "render/frame.hpp"
#include "render/page.hpp"

#include <string>
#include <vector>

namespace zoning::render {

/// A label as draw_labels placed it: its anchor (the point of the feature or footprint it names)
/// and its baseline point's offset from the anchor, in page mm, so that a zoomable map (the HTML
/// report's) can keep the text at the page's size beside the anchor.
struct PlacedLabel {
    double ax = 0, ay = 0;  ///< the anchor (page mm)
    double dx = 0, dy = 0;  ///< the baseline point minus the anchor (mm)
    std::string text;
    Rgba color;
    double size_mm = 0;
    bool bold = false;
    double align = 0;  ///< 0 left, 0.5 centre of the baseline point
};

/// Writes the names (else codes) of the features the footprints `fps` hit, most severe first,
/// each name once, at the first of ten places around the piece that is inside the frame and
/// over no other label and no `obstacles`; allowed features only for the urban boundary. Then
/// the footprint ids (2–12 footprints: all; 13–60: those of 注意 or worse). Returns the names
/// placed, in order; every label drawn (the ids too) into `out` when given.
std::vector<std::string> draw_labels(Page& p, const View& v, const MapSources& in, const std::vector<size_t>& fps,
                                     const std::vector<PageRect>& obstacles, std::vector<PlacedLabel>* out = nullptr);

}  // namespace zoning::render
