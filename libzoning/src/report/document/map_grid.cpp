// The kilometre grid of the report's map page.
#include "report/document/map_grid.hpp"

#include "render/cairo_util.hpp"

#include <cmath>
#include <cstdio>

namespace zoning::report::document {

double grid_step(double scale, double min_mm) {
    const double m_per_mm = scale / 1000.0;
    for (double decade = 100;; decade *= 10) {
        for (const double k : {1.0, 2.0, 5.0}) {
            if (k * decade / m_per_mm >= min_mm) return k * decade;
        }
        if (decade > 1e7) return 1e8;
    }
}

std::vector<double> grid_values(double lo, double hi, double step) {
    std::vector<double> out;
    for (double v = std::ceil(lo / step) * step; v <= hi; v += step) out.push_back(v);
    return out;
}

std::string grid_label(double value_m, double step) {
    char buf[64];
    std::snprintf(buf, sizeof buf, step >= 1000 ? "%.0f" : "%.1f", value_m / 1000.0);
    return buf;
}

double draw_grid(cairo_t* cr, const std::string& font, const MapPage& page) {
    const PageRect& f = page.frame;
    const Envelope& e = page.extent;
    const double step = grid_step(page.scale);
    cairo_save(cr);
    cairo_rectangle(cr, f.x, f.y, f.w, f.h);
    cairo_clip(cr);
    render::set_color(cr, Rgba{60, 60, 60, 150});
    cairo_set_line_width(cr, 0.15);
    cairo_set_dash(cr, nullptr, 0, 0);
    const std::vector<double> xs = grid_values(e.minx, e.maxx, step);  // eastings: Y
    const std::vector<double> ys = grid_values(e.miny, e.maxy, step);  // northings: X
    for (const double x : xs) {
        const double px = page.to_page(x, e.miny).first;
        cairo_move_to(cr, px, f.y);
        cairo_line_to(cr, px, f.y + f.h);
    }
    for (const double y : ys) {
        const double py = page.to_page(e.minx, y).second;
        cairo_move_to(cr, f.x, py);
        cairo_line_to(cr, f.x + f.w, py);
    }
    cairo_stroke(cr);
    // Labels inside the frame's edges, with a white halo: the page around the frame is the map's.
    cairo_select_font_face(cr, font.c_str(), CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, 2.3);
    auto label = [&](double x, double y, const std::string& s, double align) {
        cairo_text_extents_t te;
        cairo_text_extents(cr, s.c_str(), &te);
        cairo_move_to(cr, x - te.x_advance * align, y);
        cairo_text_path(cr, s.c_str());
        render::set_color(cr, Rgba{255, 255, 255, 230});
        cairo_set_line_width(cr, 0.6);
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
        cairo_stroke_preserve(cr);
        render::set_color(cr, Rgba{40, 40, 40, 255});
        cairo_fill(cr);
    };
    // Y (eastings) along the top, X (northings) down both sides, each with its letter on the
    // first label; none where the frame's furniture sits (the north arrow top right, the scale
    // bar bottom left) or where the two rows of labels would meet in a corner.
    bool first = true;
    for (const double x : xs) {
        const double px = page.to_page(x, e.miny).first;
        if (px < f.x + 14 || px > f.x + f.w - 30) continue;
        label(px + 0.6, f.y + 3.0, (first ? "Y=" : "") + grid_label(x, step), 0);
        first = false;
    }
    first = true;
    for (auto it = ys.rbegin(); it != ys.rend(); ++it) {
        const double py = page.to_page(e.minx, *it).second;
        if (py < f.y + 7 || py > f.y + f.h - 24) continue;
        const std::string s = (first ? "X=" : "") + grid_label(*it, step);
        label(f.x + 1.0, py - 0.6, s, 0);
        if (py > f.y + 40) label(f.x + f.w - 1.0, py - 0.6, s, 1);
        first = false;
    }
    cairo_restore(cr);
    return step;
}

}  // namespace zoning::report::document
