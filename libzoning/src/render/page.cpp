// Drawing on a map page in page millimetres.
#include "render/page.hpp"

#include "render/cairo_util.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>

namespace zoning::render {

namespace {

std::string fmt(const char* f, double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, f, v);
    return buf;
}

}  // namespace

Rgba verdict_color(Verdict v) {
    switch (v) {
        case Verdict::prohibited: return {200, 0, 0, 255};
        case Verdict::restricted: return {220, 110, 0, 255};
        case Verdict::caution: return {180, 150, 0, 255};
        case Verdict::allowed: return {0, 130, 60, 255};
        case Verdict::unknown: return {110, 110, 110, 255};  // grey: not screened, never green
    }
    return kBlack;
}

std::string grouped(double v, int decimals) {
    std::string spec = "%.";  // appended piece by piece: GCC 12 -Wrestrict false positive (bug 105329)
    spec += std::to_string(decimals);
    spec += 'f';
    std::string s = fmt(spec.c_str(), v);
    const size_t dot = s.find('.');
    size_t end = dot == std::string::npos ? s.size() : dot;
    const size_t start = s[0] == '-' ? 1 : 0;
    std::string out;  // copied, not inserted in place: GCC 12 -Wrestrict false positive (bug 105329)
    out.reserve(s.size() + s.size() / 3);
    for (size_t i = 0; i < s.size(); ++i) {
        if (i > start && i < end && (end - i) % 3 == 0) out.push_back(',');
        out.push_back(s[i]);
    }
    return out;
}

// ---- text ----------------------------------------------------------------------------------

void Page::font(double size_mm, bool bold) {
    cairo_select_font_face(cr_, font_.c_str(), CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr_, size_mm);
}

double Page::text_width(const std::string& s) {
    cairo_text_extents_t e;
    cairo_text_extents(cr_, s.c_str(), &e);
    return e.x_advance;
}

void Page::text(double x, double y, const std::string& s, Rgba color, double align, bool halo) {
    const double w = text_width(s);
    cairo_move_to(cr_, x - w * align, y);
    if (halo) {
        cairo_text_path(cr_, s.c_str());
        set_color(cr_, Rgba{255, 255, 255, 230});
        cairo_set_line_width(cr_, 0.7);
        cairo_set_line_join(cr_, CAIRO_LINE_JOIN_ROUND);
        cairo_set_dash(cr_, nullptr, 0, 0);
        cairo_stroke_preserve(cr_);
        set_color(cr_, color);
        cairo_fill(cr_);
    } else {
        set_color(cr_, color);
        cairo_show_text(cr_, s.c_str());
    }
}

void Page::fit_font(const std::string& s, double w, double max_mm, double min_mm, bool bold) {
    for (double size = max_mm; size > min_mm; size -= 0.1) {
        font(size, bold);
        if (text_width(s) <= w) return;
    }
    font(min_mm, bold);
}

std::string Page::fit(std::string s, double w) {
    if (text_width(s) <= w) return s;
    while (!s.empty() && text_width(s + "…") > w) {
        size_t i = s.size() - 1;
        while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80)
            --i;
        s.erase(i);
    }
    return s + "…";
}

// ---- shapes --------------------------------------------------------------------------------

void Page::fill_rect(const PageRect& r, Rgba c) {
    rect(r);
    set_color(cr_, c);
    cairo_fill(cr_);
}

void Page::stroke_rect(const PageRect& r, Rgba c, double w) {
    rect(r);
    set_color(cr_, c);
    cairo_set_line_width(cr_, w);
    cairo_set_dash(cr_, nullptr, 0, 0);
    cairo_stroke(cr_);
}

void Page::path(const View& v, const GEOSGeometry* g) {
    const int type = GEOSGeomTypeId_r(ctx_, g);
    if (type == GEOS_POLYGON) {
        ring(v, GEOSGetExteriorRing_r(ctx_, g), true);
        const int n = GEOSGetNumInteriorRings_r(ctx_, g);
        for (int i = 0; i < n; ++i)
            ring(v, GEOSGetInteriorRingN_r(ctx_, g, i), true);
    } else if (type == GEOS_LINESTRING || type == GEOS_LINEARRING) {
        ring(v, g, type == GEOS_LINEARRING);
    } else if (type == GEOS_MULTIPOLYGON || type == GEOS_MULTILINESTRING || type == GEOS_GEOMETRYCOLLECTION) {
        const int n = GEOSGetNumGeometries_r(ctx_, g);
        for (int i = 0; i < n; ++i)
            path(v, GEOSGetGeometryN_r(ctx_, g, i));
    }
}

std::vector<std::pair<double, double>> Page::points(const View& v, const GEOSGeometry* g) {
    std::vector<std::pair<double, double>> out;
    const int type = GEOSGeomTypeId_r(ctx_, g);
    if (type == GEOS_POINT) {
        double x = 0, y = 0;
        if (GEOSGeomGetX_r(ctx_, g, &x) == 1 && GEOSGeomGetY_r(ctx_, g, &y) == 1) out.emplace_back(v.px(x), v.py(y));
    } else if (type == GEOS_MULTIPOINT || type == GEOS_GEOMETRYCOLLECTION) {
        const int n = GEOSGetNumGeometries_r(ctx_, g);
        for (int i = 0; i < n; ++i) {
            auto p = points(v, GEOSGetGeometryN_r(ctx_, g, i));
            out.insert(out.end(), p.begin(), p.end());
        }
    }
    return out;
}

void Page::draw(const View& v, const GEOSGeometry* g, const Style& s, double point_r) {
    const int dim = geometry_dimension(ctx_, g);
    cairo_set_line_join(cr_, CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_cap(cr_, CAIRO_LINE_CAP_ROUND);
    if (dim == 0) {
        for (const auto& [x, y] : points(v, g)) {
            cairo_new_sub_path(cr_);
            cairo_arc(cr_, x, y, point_r, 0, 2 * M_PI);
        }
        set_color(cr_, s.fill ? Rgba{s.fill->r, s.fill->g, s.fill->b, 255} : kWhite);
        cairo_fill_preserve(cr_);
        set_color(cr_, s.stroke);
        cairo_set_line_width(cr_, std::max(0.25, s.width_mm * 0.6));
        cairo_set_dash(cr_, nullptr, 0, 0);
        cairo_stroke(cr_);
        return;
    }
    cairo_new_path(cr_);
    path(v, g);
    if (dim == 2 && s.fill) {
        cairo_set_fill_rule(cr_, CAIRO_FILL_RULE_EVEN_ODD);
        set_color(cr_, *s.fill);
        cairo_fill_preserve(cr_);
    }
    if (dim == 2 && s.hatch) {
        hatch_current_path(s);
    }
    set_color(cr_, s.stroke);
    set_line(cr_, s);
    cairo_stroke(cr_);
}

void Page::hatch_current_path(const Style& s) {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    cairo_path_t* raw = cairo_copy_path(cr_);
    std::unique_ptr<cairo_path_t, decltype(&cairo_path_destroy)> saved(raw, &cairo_path_destroy);
    cairo_fill_extents(cr_, &x0, &y0, &x1, &y1);
    cairo_save(cr_);
    cairo_set_fill_rule(cr_, CAIRO_FILL_RULE_EVEN_ODD);
    cairo_clip(cr_);
    const double step = 1.2;
    const double h = y1 - y0;
    for (double x = x0 - h; x <= x1; x += step) {
        cairo_move_to(cr_, x, y1);
        cairo_line_to(cr_, x + h, y0);
        if (cross_) {
            cairo_move_to(cr_, x, y0);
            cairo_line_to(cr_, x + h, y1);
        }
    }
    set_color(cr_, s.stroke);
    cairo_set_line_width(cr_, 0.25);
    cairo_set_dash(cr_, nullptr, 0, 0);
    cairo_stroke(cr_);
    cairo_restore(cr_);
    cairo_new_path(cr_);
    cairo_append_path(cr_, saved.get());
}

void Page::ring(const View& v, const GEOSGeometry* r, bool close) {
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(ctx_, r);
    unsigned int n = 0;
    if (seq == nullptr || GEOSCoordSeq_getSize_r(ctx_, seq, &n) == 0 || n == 0) return;
    for (unsigned int i = 0; i < n; ++i) {
        double x = 0, y = 0;
        GEOSCoordSeq_getXY_r(ctx_, seq, i, &x, &y);
        if (i == 0)
            cairo_move_to(cr_, v.px(x), v.py(y));
        else
            cairo_line_to(cr_, v.px(x), v.py(y));
    }
    if (close) cairo_close_path(cr_);
}

}  // namespace zoning::render
