// North arrow, scale bar and title block.
#include "render/furniture.hpp"

#include "render/cairo_util.hpp"

#include <cmath>

namespace zoning::render {

namespace {

/// 1, 2, 5 × 10^n at or below `v`.
double round_down_125(double v) {
    const double p = std::pow(10.0, std::floor(std::log10(v)));
    for (double m : {5.0, 2.0, 1.0}) {
        if (m * p <= v) return m * p;
    }
    return p;
}

}  // namespace

void draw_north_arrow(Page& p, const PageRect& f) {
    cairo_t* cr = p.cr();
    const double cx = f.x + f.w - 11, top = f.y + 5;
    const double h = 13, hw = 4;
    p.fill_rect({cx - 7, top - 1, 14, h + 8}, Rgba{255, 255, 255, 200});
    p.font(3.6, true);
    p.text(cx, top + 3.4, "北", kBlack, 0.5);
    const double y0 = top + 5, y1 = y0 + h;
    cairo_new_path(cr);
    cairo_move_to(cr, cx, y0);
    cairo_line_to(cr, cx - hw, y1);
    cairo_line_to(cr, cx, y1 - 3.5);
    cairo_close_path(cr);
    set_color(cr, kBlack);
    cairo_fill(cr);
    cairo_move_to(cr, cx, y0);
    cairo_line_to(cr, cx + hw, y1);
    cairo_line_to(cr, cx, y1 - 3.5);
    cairo_close_path(cr);
    set_color(cr, kWhite);
    cairo_fill_preserve(cr);
    set_color(cr, kBlack);
    cairo_set_line_width(cr, 0.3);
    cairo_set_dash(cr, nullptr, 0, 0);
    cairo_stroke(cr);
}

void draw_scale_bar(Page& p, const View& v) {
    cairo_t* cr = p.cr();
    const int n = 4;
    const double seg_m = round_down_125(v.frame.w / 4.5 * v.m_per_mm / n);
    const double len_m = seg_m * n;
    const double len_mm = len_m / v.m_per_mm;
    p.font(2.4);
    // Every tick when the numbers fit, else 0, the middle and the end; in kilometres when
    // every number shown is a whole kilometre.
    const double widest_m = p.text_width(grouped(len_m, 0));
    const int every = widest_m + 1.5 < len_mm / n ? 1 : 2;
    const bool km = std::fmod(seg_m * every, 1000.0) == 0;
    const std::string unit = km ? "千米" : "米";
    auto label = [&](double m) { return grouped(km ? m / 1000 : m, 0); };
    const double widest = p.text_width(label(len_m));
    const double unit_w = p.text_width(unit);
    const double x = v.frame.x + 6, y = v.frame.y + v.frame.h - 8;
    const PageRect box{x - 3, y - 9.5, len_mm + widest / 2 + unit_w + 8, 15};
    p.fill_rect(box, Rgba{255, 255, 255, 225});
    p.stroke_rect(box, kGrey, 0.15);
    for (int i = 0; i < n; ++i) {
        const PageRect seg{x + len_mm * i / n, y, len_mm / n, 1.6};
        p.fill_rect(seg, i % 2 == 0 ? kBlack : kWhite);
        p.stroke_rect(seg, kBlack, 0.2);
    }
    p.font(2.4);
    for (int i = 0; i <= n; i += every)
        p.text(x + len_mm * i / n, y + 4.6, label(seg_m * i), kBlack, 0.5);
    p.text(x + len_mm + widest / 2 + 1.5, y + 4.6, unit, kBlack, 0);
    p.font(2.6, true);
    p.text(x, y - 2.5, "比例尺 1:" + grouped(v.m_per_mm * 1000, 0), kBlack, 0);
    check(cr, "scale bar");
}

void draw_title_block(Page& p, const PageRect& r, const TitleBlock& t) {
    const Verdict worst = t.verdict;
    p.font(6.0, true);
    const double vw = 44;
    std::string title = p.fit(t.title + " 用地管控冲突分析图", r.w - vw - 4);
    p.text(r.x, r.y + 8, title);
    p.font(3.0);
    std::string sub = "底图: " + t.catalog + "管控要素目录 · 坐标系 " + t.crs + " · 制图日期 " + t.date;
    if (!t.subtitle.empty()) sub = t.subtitle + " · " + sub;
    p.text(r.x, r.y + 15, p.fit(sub, r.w - vw - 4), kGrey);
    // Verdict badge on the right.
    const PageRect badge{r.x + r.w - vw, r.y + 1, vw, 15};
    Rgba bg = verdict_color(worst);
    p.fill_rect(badge, bg);
    p.font(3.0);
    p.text(badge.x + vw / 2, badge.y + 5.2, "审查结论", kWhite, 0.5);
    p.font(5.5, true);
    p.text(badge.x + vw / 2, badge.y + 12.3, std::string(to_chinese(worst)), kWhite, 0.5);
    cairo_t* cr = p.cr();
    cairo_move_to(cr, r.x, r.y + r.h - 1);
    cairo_line_to(cr, r.x + r.w, r.y + r.h - 1);
    set_color(cr, kBlack);
    cairo_set_line_width(cr, 0.3);
    cairo_set_dash(cr, nullptr, 0, 0);
    cairo_stroke(cr);
}

}  // namespace zoning::render
