// Where the parts of a page go, and the scale of its map frame.
#include "render/layout.hpp"

#include <algorithm>
#include <cmath>

namespace zoning::render {

void layout_page(MapPage& mp, double w, double h) {
    const double m = 8 + 3;  // inside the neat lines
    const double title_h = 22;
    mp.title_block = {m, m, w - 2 * m, title_h};
    const double top = m + title_h + 2;
    const double bottom = h - m;
    if (w > h) {
        const double panel_w = std::round(w * 0.27);
        mp.frame = {m, top, w - 2 * m - panel_w - 4, bottom - top};
        const double px = mp.frame.x + mp.frame.w + 4;
        const double ov_h = panel_w * 0.62;
        mp.overview = {px, top, panel_w, ov_h};
        const double rest = bottom - (top + ov_h + 3);
        const double legend_h = rest * 0.5;
        mp.legend = {px, top + ov_h + 3, panel_w, legend_h};
        mp.table = {px, mp.legend.y + legend_h + 3, panel_w, bottom - (mp.legend.y + legend_h + 3)};
    } else {
        const double panel_h = std::round(h * 0.25);
        mp.frame = {m, top, w - 2 * m, bottom - top - panel_h - 4};
        const double py = mp.frame.y + mp.frame.h + 4;
        const double total = w - 2 * m - 6;
        const double ov_w = total * 0.24, lg_w = total * 0.40;  // two legend columns that hold 13 characters
        mp.overview = {m, py, ov_w, panel_h};
        mp.legend = {m + ov_w + 3, py, lg_w, panel_h};
        mp.table = {mp.legend.x + lg_w + 3, py, total - ov_w - lg_w, panel_h};
    }
}

void share_panel(MapPage& mp, double legend_need, double table_need) {
    if (mp.legend.x != mp.table.x) return;  // portrait: side by side
    const double top = mp.legend.y, bottom = mp.table.y + mp.table.h, gap = 3;
    const double rest = bottom - top - gap;
    double legend_h = legend_need;
    if (legend_need + table_need > rest) legend_h = std::max(rest - table_need, std::min(legend_need, rest * 0.6));
    legend_h = std::clamp(legend_h, 12.0, rest - 12.0);
    mp.legend.h = legend_h;
    mp.table.y = top + legend_h + gap;
    mp.table.h = bottom - mp.table.y;
}

std::vector<double> round_scales() {
    std::vector<double> out;
    for (double p = 100; p <= 1e6; p *= 10) {
        for (double m : {1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0}) {
            if (m * p >= 500) out.push_back(m * p);
        }
    }
    out.push_back(1e7);
    return out;
}

View fit_view(const PageRect& frame, const Envelope& fp, double margin_fraction) {
    const double w = fp.maxx - fp.minx, h = fp.maxy - fp.miny;
    const double margin = std::max({margin_fraction * std::max(w, h), 150.0});
    const double need = std::max((w + 2 * margin) / frame.w, (h + 2 * margin) / frame.h);  // m per mm
    const std::vector<double> scales = round_scales();
    double scale = scales.back();
    for (double s : scales) {
        if (s / 1000.0 >= need) {
            scale = s;
            break;
        }
    }
    View v;
    v.frame = frame;
    v.m_per_mm = scale / 1000.0;
    const double cx = (fp.minx + fp.maxx) / 2, cy = (fp.miny + fp.maxy) / 2;
    v.ext = {cx - frame.w / 2 * v.m_per_mm, cy - frame.h / 2 * v.m_per_mm, cx + frame.w / 2 * v.m_per_mm,
             cy + frame.h / 2 * v.m_per_mm};
    return v;
}

}  // namespace zoning::render
