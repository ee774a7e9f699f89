// The legend: entries as data, then drawn.
#include "render/legend.hpp"

#include "render/cairo_util.hpp"

#include <algorithm>
#include <cmath>

namespace zoning::render {

namespace {

int rows_per_column(const PageRect& r) {
    return std::max(1, static_cast<int>((r.h - 7) / kLegendRow));
}

/// A legend swatch of `w`×`h` mm at (x, y).
void swatch(Page& p, double x, double y, double w, double h, const MapLegendEntry& e) {
    cairo_t* cr = p.cr();
    const Style& s = e.style;
    cairo_save(cr);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    if (e.point_marker || e.dim == 0) {
        cairo_new_path(cr);
        cairo_arc(cr, x + w / 2, y + h / 2, std::min(h / 2 - 0.3, 1.4), 0, 2 * M_PI);
        set_color(cr, s.hatch ? Rgba{255, 255, 255, 0} : (s.fill ? *s.fill : kWhite));
        cairo_fill_preserve(cr);
        set_color(cr, s.stroke);
        cairo_set_line_width(cr, s.hatch ? 0.6 : 0.35);
        cairo_set_dash(cr, nullptr, 0, 0);
        cairo_stroke(cr);
    } else if (e.dim == 1) {
        cairo_new_path(cr);
        cairo_move_to(cr, x, y + h / 2);
        cairo_line_to(cr, x + w, y + h / 2);
        set_color(cr, s.stroke);
        set_line(cr, s);
        cairo_stroke(cr);
    } else {
        cairo_new_path(cr);
        cairo_rectangle(cr, x, y, w, h);
        if (s.fill) {
            set_color(cr, *s.fill);
            cairo_fill_preserve(cr);
        }
        p.cross_hatch(e.cross);
        if (s.hatch) p.hatch_current_path(s);
        p.cross_hatch(false);
        set_color(cr, s.stroke);
        set_line(cr, s);
        cairo_set_line_width(cr, std::min(s.width_mm, 0.6));
        cairo_stroke(cr);
    }
    cairo_restore(cr);
}

}  // namespace

void LegendBuilder::add(const Style& s, int dim, bool point_marker, LegendGroup group, bool cross) {
    for (const auto& e : added_) {
        if (e.style.label == s.label && e.dim == dim) return;
    }
    added_.push_back({s, dim, point_marker, cross, group});
}

MapLegend LegendBuilder::legend() const {
    MapLegend l;
    for (const LegendGroup group : {LegendGroup::footprints, LegendGroup::conflicts}) {
        for (const auto& e : added_) {
            if (e.group == group) l.entries.push_back(e);
        }
    }
    for (auto it = added_.rbegin(); it != added_.rend(); ++it) {
        if (it->group == LegendGroup::layers) l.entries.push_back(*it);
    }
    return l;
}

double legend_height(const MapLegend& l) {
    return 7 + kLegendRow * std::ceil(static_cast<double>(l.entries.size()) / 2) + 1;
}

void fit_legend(MapLegend& l, const PageRect& r) {
    const int rows = rows_per_column(r);
    l.columns = static_cast<int>(l.entries.size()) > rows ? 2 : 1;
    l.shown = std::min(l.entries.size(), static_cast<size_t>(rows) * static_cast<size_t>(l.columns));
}

void draw_legend(Page& p, const PageRect& r, const MapLegend& l) {
    p.font(3.2, true);
    p.text(r.x, r.y + 4, "图  例");
    const double row = kLegendRow, sw = 8, sh = 3.2;
    const double col_w = r.w / 2;
    const int rows = rows_per_column(r);
    const double text_w = (l.columns == 2 ? col_w : r.w) - sw - 3;
    p.font(2.6);
    for (size_t i = 0; i < l.entries.size(); ++i) {
        if (i == l.shown) {
            p.text(r.x + r.w - 2, r.y + 4, "(余略)", kGrey, 1);
            break;
        }
        const int col = static_cast<int>(i) / rows;
        const int rowi = static_cast<int>(i) % rows;
        const double x = r.x + col * col_w, y = r.y + 7 + rowi * row;
        const MapLegendEntry& e = l.entries[i];
        swatch(p, x, y, sw, sh, e);
        p.fit_font(e.label(), text_w, 2.6, 1.9);
        p.text(x + sw + 2, y + sh - 0.6, p.fit(e.label(), text_w));
    }
}

}  // namespace zoning::render
