// Labels in the map frame: where each name goes (text metrics decide, so it is done while drawing).
#include "render/labels.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <set>
#include <utility>

namespace zoning::render {

std::vector<std::string> draw_labels(Page& p, const View& v, const MapSources& in, const std::vector<size_t>& fps,
                                     const std::vector<PageRect>& obstacles, std::vector<PlacedLabel>* out) {
    const GeosContext& ctx = p.geos();
    const PageRect& frame_rect = v.frame;
    std::vector<std::string> labels;
    std::vector<PageRect> placed = obstacles;
    auto overlaps = [&](const PageRect& r) {
        for (const auto& o : placed) {
            if (r.x < o.x + o.w && o.x < r.x + r.w && r.y < o.y + o.h && o.y < r.y + r.h) return true;
        }
        return false;
    };
    auto inside = [&](double x, double y) {
        return x > frame_rect.x + 2 && x < frame_rect.x + frame_rect.w - 2 && y > frame_rect.y + 4 &&
               y < frame_rect.y + frame_rect.h - 2;
    };
    const double size = 2.6;
    p.font(size, true);
    std::set<std::pair<std::string, std::int64_t>> done;
    const Geom frame = envelope_box(ctx, v.ext);
    // Most severe first, so those win the space.
    std::vector<std::pair<const Conflict*, const FeatureHit*>> hits;
    for (size_t i : fps) {
        for (const Conflict& c : in.report.footprints[i].conflicts) {
            if (c.kind == LayerKind::admin) continue;
            for (const FeatureHit& h : c.features)
                hits.emplace_back(&c, &h);
        }
    }
    std::stable_sort(hits.begin(), hits.end(),
                     [](const auto& a, const auto& b) { return a.second->verdict > b.second->verdict; });
    std::set<std::string> texts;
    for (const auto& [c, h] : hits) {
        if (!done.insert({c->layer, h->fid}).second) continue;
        // Allowed features (general control units, townships) would only crowd the map; the
        // urban boundary is named, since lying inside it is what allows a project.
        if (h->verdict == Verdict::allowed && c->kind != LayerKind::urban_boundary) continue;
        std::string text = !h->name.empty() ? h->name : h->code;
        if (text.empty() || !texts.insert(text).second) continue;
        // Anchor: a point inside the piece (in the frame), or for a near entry inside the
        // feature's part in the frame.
        const GEOSGeometry* g = h->piece.get();
        Geom clipped;
        if (g == nullptr || GEOSisEmpty_r(ctx, g) != 0) {
            const ZoneLayer* l = in.catalog.find(c->layer);
            if (l == nullptr) continue;
            for (const auto& f : l->features()) {
                if (f.fid == h->fid) {
                    g = f.geom.get();
                    break;
                }
            }
            if (g == nullptr) continue;
        }
        clipped = Geom(GEOSIntersection_r(ctx, g, frame.get()), GeomDeleter{ctx});
        if (!clipped || GEOSisEmpty_r(ctx, clipped.get()) != 0) continue;
        Geom pt(GEOSPointOnSurface_r(ctx, clipped.get()), GeomDeleter{ctx});
        double x = 0, y = 0;
        if (!pt || GEOSGeomGetX_r(ctx, pt.get(), &x) != 1 || GEOSGeomGetY_r(ctx, pt.get(), &y) != 1) continue;
        // Candidate places around the anchor: above, below, right, left, further above and below.
        const double w = p.text_width(text);
        const double ax = v.px(x), ay = v.py(y);
        const std::array<std::pair<double, double>, 10> offsets{{{0, -1.5},
                                                                 {0, size + 1.5},
                                                                 {w / 2 + 2, size / 2 - 0.3},
                                                                 {-w / 2 - 2, size / 2 - 0.3},
                                                                 {0, -size - 3},
                                                                 {0, 2 * size + 3},
                                                                 {0, -7},
                                                                 {0, size + 7},
                                                                 {w / 2 + 7, size / 2 - 0.3},
                                                                 {-w / 2 - 7, size / 2 - 0.3}}};
        bool ok = false;
        double lx = 0, ly = 0;
        for (const auto& [dx, dy] : offsets) {
            lx = ax + dx;
            ly = ay + dy;
            const PageRect r{lx - w / 2 - 0.5, ly - size, w + 1, size + 1};
            if (overlaps(r) || !inside(r.x, r.y) || !inside(r.x + r.w, r.y + r.h)) continue;
            placed.push_back(r);
            ok = true;
            break;
        }
        if (!ok) continue;
        const Style st = [&] {
            const ZoneLayer* l = in.catalog.find(c->layer);
            return l != nullptr ? layer_style(l->spec(), h->cls) : footprint_style();
        }();
        // Text in the layer's colour, darkened when light (farmland yellow is unreadable).
        Rgba color = st.stroke;
        color.a = 255;
        if (0.299 * color.r + 0.587 * color.g + 0.114 * color.b > 110) {
            color = Rgba{static_cast<std::uint8_t>(color.r * 6 / 10), static_cast<std::uint8_t>(color.g * 6 / 10),
                         static_cast<std::uint8_t>(color.b * 6 / 10), 255};
        }
        p.text(lx, ly, text, color, 0.5, true);
        labels.push_back(text);
        if (out != nullptr) out->push_back({ax, ay, lx - ax, ly - ay, text, color, size, true, 0.5});
    }
    // Footprint ids of a many-part project: every part of up to 12, else the parts that conflict.
    if (fps.size() > 1 && fps.size() <= 60) {
        p.font(2.3, false);
        for (size_t i : fps) {
            const FootprintResult& fr = in.report.footprints[i];
            if (fr.verdict < Verdict::caution && fps.size() > 12) continue;  // all ids of a small project
            Geom pt(GEOSPointOnSurface_r(ctx, fr.geom.get()), GeomDeleter{ctx});
            double x = 0, y = 0;
            if (!pt || GEOSGeomGetX_r(ctx, pt.get(), &x) != 1 || GEOSGeomGetY_r(ctx, pt.get(), &y) != 1) continue;
            const double ax = v.px(x), ay = v.py(y), lx = ax + 2.0, ly = ay + 3.2;
            const double w = p.text_width(fr.id);
            const PageRect r{lx, ly - 2.3, w, 2.8};
            if (overlaps(r) || !inside(r.x, r.y) || !inside(r.x + r.w, r.y + r.h)) continue;
            placed.push_back(r);
            p.text(lx, ly, fr.id, kBlack, 0, true);
            if (out != nullptr) out->push_back({ax, ay, lx - ax, ly - ay, fr.id, kBlack, 2.3, false, 0});
        }
    }
    return labels;
}

}  // namespace zoning::render
