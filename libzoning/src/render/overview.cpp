// The overview inset (位置示意图).
#include "render/overview.hpp"

#include "render/cairo_util.hpp"

#include <algorithm>
#include <cmath>

namespace zoning::render {

void draw_overview(Page& p, const PageRect& r, const Envelope& frame_ext, const MapSources& in,
                   const std::vector<size_t>& fps) {
    const GeosContext& ctx = p.geos();
    cairo_t* cr = p.cr();
    p.fill_rect(r, kWhite);
    // The district: admin layers when the catalog has them, else every layer.
    Envelope ext;
    for (const auto& l : in.catalog.layers()) {
        if (l.spec().kind == LayerKind::admin) ext.expand(l.extent());
    }
    const bool have_admin = !ext.empty();
    if (!have_admin) ext = in.catalog.extent();
    ext.expand(frame_ext);
    const PageRect inner{r.x + 2, r.y + 6, r.w - 4, r.h - 8};
    const double w = ext.maxx - ext.minx, h = ext.maxy - ext.miny;
    View v;
    v.m_per_mm = std::max(w / inner.w, h / inner.h) * 1.02;
    const double cx = (ext.minx + ext.maxx) / 2, cy = (ext.miny + ext.maxy) / 2;
    v.frame = inner;
    v.ext = {cx - inner.w / 2 * v.m_per_mm, cy - inner.h / 2 * v.m_per_mm, cx + inner.w / 2 * v.m_per_mm,
             cy + inner.h / 2 * v.m_per_mm};
    cairo_save(cr);
    p.rect(r);
    cairo_clip(cr);
    for (const auto& l : in.catalog.layers()) {
        const LayerKind k = l.spec().kind;
        Style s;
        if (k == LayerKind::ecological_redline) {
            s.stroke = Rgba{230, 0, 0, 120};
            s.fill = Rgba{255, 120, 120, 110};
            s.width_mm = 0.1;
        } else if (k == LayerKind::admin || (!have_admin && k == LayerKind::control_unit)) {
            s.stroke = Rgba{110, 110, 110, 255};
            s.width_mm = 0.15;
        } else {
            continue;
        }
        for (const auto& f : l.features())
            p.draw(v, f.geom.get(), s, 0.3);
    }
    // Where the map frame lies.
    double x0 = v.px(frame_ext.minx), x1 = v.px(frame_ext.maxx);
    double y0 = v.py(frame_ext.maxy), y1 = v.py(frame_ext.miny);
    if (x1 - x0 < 2.5) {
        const double c = (x0 + x1) / 2;
        x0 = c - 1.25;
        x1 = c + 1.25;
    }
    if (y1 - y0 < 2.5) {
        const double c = (y0 + y1) / 2;
        y0 = c - 1.25;
        y1 = c + 1.25;
    }
    // A black box over a white halo (it must stand out from the red line's fill), and a star
    // at the project.
    cairo_rectangle(cr, x0, y0, x1 - x0, y1 - y0);
    set_color(cr, Rgba{255, 255, 255, 220});
    cairo_set_line_width(cr, 1.2);
    cairo_set_dash(cr, nullptr, 0, 0);
    cairo_stroke_preserve(cr);
    set_color(cr, kBlack);
    cairo_set_line_width(cr, 0.5);
    cairo_stroke(cr);
    Envelope fp;
    for (size_t i : fps)
        fp.expand(ctx.envelope(in.report.footprints[i].geom.get()));
    const double sx = v.px((fp.minx + fp.maxx) / 2), sy = v.py((fp.miny + fp.maxy) / 2);
    cairo_new_path(cr);
    for (int k = 0; k < 10; ++k) {
        const double a = -M_PI / 2 + k * M_PI / 5, rad = k % 2 == 0 ? 2.4 : 1.0;
        cairo_line_to(cr, sx + rad * std::cos(a), sy + rad * std::sin(a));
    }
    cairo_close_path(cr);
    set_color(cr, Rgba{220, 0, 0, 255});
    cairo_fill_preserve(cr);
    set_color(cr, kWhite);
    cairo_set_line_width(cr, 0.35);
    cairo_stroke(cr);
    cairo_restore(cr);
    p.font(2.8, true);
    p.text(r.x + 2, r.y + 4, "位置示意图 · " + in.report.catalog);
    p.stroke_rect(r, kBlack, 0.3);
}

}  // namespace zoning::render
