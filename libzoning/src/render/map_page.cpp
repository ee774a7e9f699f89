// One page of a conflict map: planned, then drawn part by part.
#include "render/map_page.hpp"

#include "render/cairo_util.hpp"
#include "render/labels.hpp"
#include "render/layout.hpp"
#include "render/legend.hpp"
#include "render/overview.hpp"
#include "render/table.hpp"

#include <algorithm>

namespace zoning::render {

std::string map_title(const ScreenReport& report, const MapOptions& opts) {
    std::string title = opts.title;
    if (title.empty()) {
        for (const auto& fp : report.footprints) {
            if (!fp.name.empty()) {
                title = fp.name;
                break;
            }
        }
    }
    if (title.empty()) title = "建设项目";
    return title;
}

std::vector<PageContent> paginate(const ScreenReport& report, const MapOptions& opts, const std::string& title) {
    std::vector<PageContent> pages;
    if (opts.per_footprint) {
        for (size_t i = 0; i < report.footprints.size(); ++i) {
            const auto& fp = report.footprints[i];
            PageContent pc;
            pc.title = opts.title.empty() && !fp.name.empty() ? fp.name : title;
            pc.subtitle = "要素 " + fp.id + (fp.name.empty() || fp.name == pc.title ? "" : " " + fp.name) + " (" +
                          std::to_string(i + 1) + "/" + std::to_string(report.footprints.size()) + ")";
            pc.fps = {i};
            pages.push_back(pc);
        }
    } else {
        PageContent pc;
        pc.title = title;
        if (report.footprints.size() > 1) pc.subtitle = std::to_string(report.footprints.size()) + " 个要素";
        for (size_t i = 0; i < report.footprints.size(); ++i)
            pc.fps.push_back(i);
        pages.push_back(pc);
    }
    return pages;
}

PageRenderer::PageRenderer(const MapSources& in, const MapOptions& opts, double w_mm, double h_mm, std::string date)
    : in_(in), opts_(opts), w_(w_mm), h_(h_mm), date_(std::move(date)) {}

PagePlan PageRenderer::plan(const PageContent& pc) const {
    PagePlan plan;
    plan.fps = pc.fps;
    MapPage& mp = plan.page;
    mp.title = pc.title;
    layout_page(mp, w_, h_);

    // The frame: the footprints with the margin at a round scale, and what it shows.
    Envelope fp_env;
    for (size_t i : pc.fps)
        fp_env.expand(ctx_.envelope(in_.report.footprints[i].geom.get()));
    plan.view = fit_view(mp.frame, fp_env, opts_.margin);
    mp.extent = plan.view.ext;
    mp.scale = plan.view.m_per_mm * 1000.0;
    LegendBuilder legend;
    plan.frame = plan_frame(ctx_, in_, pc.fps, plan.view, legend);

    plan.title = {pc.title, pc.subtitle, in_.report.catalog, in_.report.crs, date_, Verdict::allowed};
    for (size_t i : pc.fps)
        plan.title.verdict = most_severe(plan.title.verdict, in_.report.footprints[i].verdict);

    // The legend and the table share the space beside the frame by what each needs.
    mp.legend_contents = legend.legend();
    mp.table_contents = table_data(ctx_, in_.catalog, in_.report, pc.fps);
    share_panel(mp, legend_height(mp.legend_contents), table_height(mp.table_contents));
    fit_legend(mp.legend_contents, mp.legend);
    fit_table(mp.table_contents, mp.table);
    for (size_t i = 0; i < mp.legend_contents.shown; ++i)
        mp.legend_entries.push_back(mp.legend_contents.entries[i].label());
    return plan;
}

std::vector<std::string> PageRenderer::place_labels(Page& p, const PagePlan& plan,
                                                    std::vector<PlacedLabel>* out) const {
    std::vector<PageRect> rings;  // kept free of labels
    for (const auto& r : plan.frame.rings)
        rings.push_back({r.x - r.r, r.y - r.r, 2 * r.r, 2 * r.r});
    return draw_labels(p, plan.view, in_, plan.fps, rings, out);
}

std::vector<PlacedLabel> PageRenderer::labels(cairo_t* cr, const std::string& font, const PagePlan& plan) const {
    Page p(cr, ctx_, font);
    std::vector<PlacedLabel> out;
    place_labels(p, plan, &out);
    return out;
}

MapPage PageRenderer::draw(cairo_t* cr, const std::string& font, PagePlan plan, SvgSections* sections) const {
    Page p(cr, ctx_, font);
    MapPage& mp = plan.page;
    const View& v = plan.view;
    const std::vector<size_t>& fps = plan.fps;
    auto section = [&](const char* name) {
        if (sections != nullptr) sections->mark(cr, name);
    };
    // Drawn clipped to the map frame.
    auto in_frame = [&](auto&& draw) {
        cairo_save(cr);
        p.rect(mp.frame);
        cairo_clip(cr);
        draw();
        cairo_restore(cr);
    };

    section("page");
    p.fill_rect({0, 0, w_, h_}, kWhite);
    // Neat lines: a thin inner and a thick outer border, as on printed maps.
    const double m = 8;
    p.stroke_rect({m, m, w_ - 2 * m, h_ - 2 * m}, kBlack, 0.8);
    p.stroke_rect({m + 1.2, m + 1.2, w_ - 2 * m - 2.4, h_ - 2 * m - 2.4}, kBlack, 0.2);

    section("layers");
    in_frame([&] {
        p.fill_rect(mp.frame, kWhite);
        draw_layers(p, v, plan.frame);
    });
    section("conflicts");
    in_frame([&] {
        // The footprints first and the conflicts on top: a narrow corridor's outline must not
        // hide the piece that conflicts.
        draw_footprints(p, v, in_, fps);
        draw_conflicts(p, v, plan.frame);
        outline_site_polygons(p, v, in_, fps);
    });
    section("labels");
    in_frame([&] { mp.labels = place_labels(p, plan, nullptr); });
    p.stroke_rect(mp.frame, kBlack, 0.4);

    section("north-arrow");
    draw_north_arrow(p, mp.frame);
    section("scale-bar");
    draw_scale_bar(p, v);
    section("title");
    draw_title_block(p, mp.title_block, plan.title);
    section("overview");
    draw_overview(p, mp.overview, v.ext, in_, fps);
    section("legend");
    draw_legend(p, mp.legend, mp.legend_contents);
    section("table");
    draw_table(p, mp.table, mp.table_contents);
    section("end");
    check(cr, "drawing the map");
    return std::move(mp);
}

double PageRenderer::draw_inset(cairo_t* cr, const std::string& font, const PageRect& frame, const Envelope& around,
                                const std::vector<size_t>& fps, double map_scale) const {
    // The smallest round scale (1, 2, 2.5, 5 × 10^n, from 1:50) at which `around` takes `share`
    // of the frame each way.
    auto round_scale = [&](double share) {
        const double need = std::max((around.maxx - around.minx) / share / frame.w, (around.maxy - around.miny) / share / frame.h);
        double s = 50;
        for (double decade = 10; s / 1000.0 < need && decade < 1e8; decade *= 10) {
            for (const double m : {5.0, 10.0, 20.0, 25.0}) {
                s = m * decade;
                if (s / 1000.0 >= need) break;
            }
        }
        return s;
    };
    // A third of the frame, the rest its surroundings; a sliver (long, a few metres wide) that
    // would then be drawn at not even 4 times the map's scale fills the frame (9/10) instead.
    double scale = round_scale(1.0 / 3);
    if (scale * 4 > map_scale) scale = std::min(scale, round_scale(0.9));
    View v;
    v.frame = frame;
    v.m_per_mm = scale / 1000.0;
    const double cx = (around.minx + around.maxx) / 2, cy = (around.miny + around.maxy) / 2;
    v.ext = {cx - frame.w / 2 * v.m_per_mm, cy - frame.h / 2 * v.m_per_mm, cx + frame.w / 2 * v.m_per_mm,
             cy + frame.h / 2 * v.m_per_mm};
    Page p(cr, ctx_, font);
    LegendBuilder legend;
    const FrameContent fc = plan_frame(ctx_, in_, fps, v, legend);
    cairo_save(cr);
    p.rect(frame);
    cairo_clip(cr);
    p.fill_rect(frame, kWhite);
    draw_layers(p, v, fc);
    draw_footprints(p, v, in_, fps);
    draw_conflicts(p, v, fc);
    outline_site_polygons(p, v, in_, fps);
    cairo_restore(cr);
    p.stroke_rect(frame, kBlack, 0.4);
    check(cr, "drawing an inset");
    return scale;
}

}  // namespace zoning::render
