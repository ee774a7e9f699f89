#include "load/layer_extents.hpp"

#include <algorithm>
#include <cstdio>

namespace zoning::load {

namespace {

std::string show(const Envelope& e) {
    char buf[128];
    std::snprintf(buf, sizeof buf, "%.0f %.0f .. %.0f %.0f", e.minx, e.miny, e.maxx, e.maxy);
    return buf;
}

}  // namespace

std::vector<Misplaced> misplaced_layers(const std::vector<LayerPlacement>& layers) {
    std::vector<Misplaced> out;
    if (layers.size() < 2) return out;
    bool have_admin = false;
    for (const auto& l : layers) have_admin = have_admin || (l.kind == LayerKind::admin && l.features > 0);
    for (size_t i = 0; i < layers.size(); ++i) {
        const LayerPlacement& l = layers[i];
        const bool admin = l.kind == LayerKind::admin;
        if (l.features == 0 || (have_admin && admin)) continue;
        Envelope ref;
        for (size_t j = 0; j < layers.size(); ++j) {
            if (j == i || (have_admin && layers[j].kind != LayerKind::admin)) continue;
            ref.expand(layers[j].extent);
        }
        if (ref.empty()) continue;
        const double cx = (ref.minx + ref.maxx) / 2, cy = (ref.miny + ref.maxy) / 2;
        const Envelope& e = l.extent;
        if (e.minx <= cx && cx <= e.maxx && e.miny <= cy && cy <= e.maxy) continue;
        const Envelope grown = ref.grown(std::max(1000.0, 0.1 * std::max(ref.maxx - ref.minx, ref.maxy - ref.miny)));
        const size_t outside = l.count_outside(grown);
        if (2 * outside <= l.features) continue;
        out.push_back({i, outside, l.features, e, ref, have_admin});
    }
    return out;
}

std::string misplaced_message(const Misplaced& m, const std::string& label, const std::string& id,
                              const std::string& crs_label) {
    return label + ": layer '" + id + "': " + std::to_string(m.outside) + " of " + std::to_string(m.features) +
           " features lie outside " + (m.against_admin ? "the district (the admin layers)" : "the other layers") +
           " after reprojection from " + crs_label + " (layer " + show(m.extent) + ", " +
           (m.against_admin ? "district " : "others ") + show(m.reference) +
           "): a wrong .prj or crs:, the wrong 3-degree zone, or coordinates with or without the zone prefix?";
}

}  // namespace zoning::load
