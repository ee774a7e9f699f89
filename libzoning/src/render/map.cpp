// zoning map: one printable page per project (or per footprint), drawn with Cairo in page
// millimetres. Layout: a title block on top; the map frame; beside it (landscape) or below it
// (portrait) the overview inset, the legend and the table of conflict areas.
#include <zoning/area.hpp>
#include <zoning/error.hpp>
#include <zoning/map.hpp>
#include <zoning/style.hpp>
#include <zoning/version.hpp>

#include "output/staged_output.hpp"
#include "render/cairo_util.hpp"
#include "render/fonts.hpp"
#include "render/frame.hpp"
#include "render/furniture.hpp"
#include "render/labels.hpp"
#include "render/layout.hpp"
#include "render/legend.hpp"
#include "render/page.hpp"
#include "render/svg_sections.hpp"
#include "render/table.hpp"

#include <cairo-pdf.h>
#include <cairo-svg.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <map>
#include <set>

namespace zoning {

namespace fs = std::filesystem;

namespace {

using render::check;
using render::set_color;
using render::set_line;
using render::grouped;
using render::kBlack;
using render::kGrey;
using render::kWhite;
using render::Page;
using render::verdict_color;
using render::View;

constexpr double kPtPerMm = 72.0 / 25.4;

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string today() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

struct PageContent {
    std::string title;
    std::string subtitle;              ///< e.g. the footprint of an --all page
    std::vector<size_t> fps;           ///< indexes into the report's footprints
};

class MapRenderer {
public:
    MapRenderer(const LoadedCatalog& cat, const ScreenReport& report, const std::vector<Footprint>& footprints,
                const MapOptions& opts, std::string font, double w_mm, double h_mm)
        : cat_(cat), report_(report), footprints_(footprints), opts_(opts), font_(std::move(font)), w_(w_mm), h_(h_mm) {}

    MapPage draw_page(cairo_t* cr, const PageContent& pc, render::SvgSections* sections) {
        Page p(cr, ctx_, font_);
        MapPage mp;
        mp.title = pc.title;
        render::layout_page(mp, w_, h_);
        auto section = [&](const char* name) {
            if (sections != nullptr) sections->mark(cr, name);
        };

        section("page");
        p.fill_rect({0, 0, w_, h_}, kWhite);
        // Neat lines: a thin inner and a thick outer border, as on printed maps.
        const double m = 8;
        p.stroke_rect({m, m, w_ - 2 * m, h_ - 2 * m}, kBlack, 0.8);
        p.stroke_rect({m + 1.2, m + 1.2, w_ - 2 * m - 2.4, h_ - 2 * m - 2.4}, kBlack, 0.2);

        // ---- the frame ---------------------------------------------------------------------
        Envelope fp_env;
        for (size_t i : pc.fps) fp_env.expand(ctx_.envelope(report_.footprints[i].geom.get()));
        View v = render::fit_view(mp.frame, fp_env, opts_.margin);
        mp.extent = v.ext;
        mp.scale = v.m_per_mm * 1000.0;

        const render::MapSources in{cat_, report_, footprints_};
        render::LegendBuilder legend;
        const render::FrameContent fc = render::plan_frame(ctx_, in, pc.fps, v, legend);
        std::vector<PageRect> obstacles;  // the conflict rings, kept free of labels
        for (const auto& r : fc.rings) obstacles.push_back({r.x - r.r, r.y - r.r, 2 * r.r, 2 * r.r});

        section("layers");
        cairo_save(cr);
        p.rect(mp.frame);
        cairo_clip(cr);
        p.fill_rect(mp.frame, kWhite);
        render::draw_layers(p, v, fc);
        cairo_restore(cr);

        section("conflicts");
        cairo_save(cr);
        p.rect(mp.frame);
        cairo_clip(cr);
        // The footprints first and the conflicts on top: a narrow corridor's outline must not
        // hide the piece that conflicts.
        render::draw_footprints(p, v, in, pc.fps);
        render::draw_conflicts(p, v, fc);
        render::outline_site_polygons(p, v, in, pc.fps);
        cairo_restore(cr);

        section("labels");
        cairo_save(cr);
        p.rect(mp.frame);
        cairo_clip(cr);
        mp.labels = render::draw_labels(p, v, in, pc.fps, obstacles);
        cairo_restore(cr);
        p.stroke_rect(mp.frame, kBlack, 0.4);

        section("north-arrow");
        render::draw_north_arrow(p, mp.frame);
        section("scale-bar");
        render::draw_scale_bar(p, v);

        section("title");
        render::TitleBlock tb{pc.title, pc.subtitle, report_.catalog, report_.crs, date_, Verdict::allowed};
        for (size_t i : pc.fps) tb.verdict = most_severe(tb.verdict, report_.footprints[i].verdict);
        render::draw_title_block(p, mp.title_block, tb);
        section("overview");
        overview(p, mp.overview, v.ext, pc);
        MapTable td = render::table_data(ctx_, cat_, report_, pc.fps);
        MapLegend lg = legend.legend();
        render::share_panel(mp, render::legend_height(lg), render::table_height(td));
        render::fit_legend(lg, mp.legend);
        render::fit_table(td, mp.table);
        section("legend");
        render::draw_legend(p, mp.legend, lg);
        for (size_t i = 0; i < lg.shown; ++i) mp.legend_entries.push_back(lg.entries[i].label());
        mp.legend_contents = std::move(lg);
        section("table");
        render::draw_table(p, mp.table, td);
        mp.table_contents = std::move(td);
        section("end");
        check(cr, "drawing the map");
        return mp;
    }

private:
    void overview(Page& p, const PageRect& r, const Envelope& frame_ext, const PageContent& pc) {
        cairo_t* cr = p.cr();
        p.fill_rect(r, kWhite);
        // The district: admin layers when the catalog has them, else every layer.
        Envelope ext;
        for (const auto& l : cat_.layers()) {
            if (l.spec().kind == LayerKind::admin) ext.expand(l.extent());
        }
        const bool have_admin = !ext.empty();
        if (!have_admin) ext = cat_.extent();
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
        for (const auto& l : cat_.layers()) {
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
            for (const auto& f : l.features()) p.draw(v, f.geom.get(), s, 0.3);
        }
        // Where the map frame lies.
        double x0 = v.px(frame_ext.minx), x1 = v.px(frame_ext.maxx);
        double y0 = v.py(frame_ext.maxy), y1 = v.py(frame_ext.miny);
        if (x1 - x0 < 2.5) { const double c = (x0 + x1) / 2; x0 = c - 1.25; x1 = c + 1.25; }
        if (y1 - y0 < 2.5) { const double c = (y0 + y1) / 2; y0 = c - 1.25; y1 = c + 1.25; }
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
        for (size_t i : pc.fps) fp.expand(ctx_.envelope(report_.footprints[i].geom.get()));
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
        p.text(r.x + 2, r.y + 4, "位置示意图 · " + report_.catalog);
        p.stroke_rect(r, kBlack, 0.3);
    }


public:
    std::string date_;

private:
    GeosContext ctx_;
    const LoadedCatalog& cat_;
    const ScreenReport& report_;
    const std::vector<Footprint>& footprints_;
    const MapOptions& opts_;
    std::string font_;
    double w_, h_;
};

enum class Format { png, svg, pdf };

Format format_of(const fs::path& out) {
    const std::string ext = lower(out.extension().string());
    if (ext == ".png") return Format::png;
    if (ext == ".svg") return Format::svg;
    if (ext == ".pdf") return Format::pdf;
    throw InputError(out.string() + ": unknown map format '" + ext + "' (use .png, .svg or .pdf)");
}

}  // namespace

Paper parse_paper(std::string_view s) {
    const std::string l = lower(std::string(s));
    if (l == "a4") return Paper::a4;
    if (l == "a3") return Paper::a3;
    throw InputError("unknown paper size '" + std::string(s) + "' (A4 or A3)");
}

Orientation parse_orientation(std::string_view s) {
    if (s == "portrait") return Orientation::portrait;
    if (s == "landscape") return Orientation::landscape;
    throw InputError("unknown orientation '" + std::string(s) + "' (portrait or landscape)");
}

std::pair<double, double> MapPage::to_page(double x, double y) const {
    const double m_per_mm = scale / 1000.0;
    return {frame.x + (x - extent.minx) / m_per_mm, frame.y + (extent.maxy - y) / m_per_mm};
}

MapResult render_map(const fs::path& out, const LoadedCatalog& catalog, const ScreenReport& report,
                     const std::vector<Footprint>& footprints, const MapOptions& opts) {
    const Format format = format_of(out);
    if (report.footprints.empty()) throw InputError("no footprints to map");
    if (opts.per_footprint && format != Format::pdf) {
        throw InputError(out.string() + ": --all draws one page per footprint and needs a .pdf output");
    }
    if (!(opts.dpi >= 36 && opts.dpi <= 1200)) throw InputError("--dpi must be between 36 and 1200");
    output::StagedOutput staged(out);  // the folder must exist; the map appears only when complete

    MapResult result;
    result.font = render::cjk_font_family();
    double w = opts.paper == Paper::a4 ? 210 : 297, h = opts.paper == Paper::a4 ? 297 : 420;
    if (opts.orientation == Orientation::landscape) std::swap(w, h);
    result.width_mm = w;
    result.height_mm = h;

    std::string title = opts.title;
    if (title.empty()) {
        for (const auto& fp : report.footprints) {
            if (!fp.name.empty()) { title = fp.name; break; }
        }
    }
    if (title.empty()) title = "建设项目";
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
        for (size_t i = 0; i < report.footprints.size(); ++i) pc.fps.push_back(i);
        pages.push_back(pc);
    }

    MapRenderer renderer(catalog, report, footprints, opts, result.font, w, h);
    renderer.date_ = opts.date.empty() ? today() : opts.date;

    const fs::path tmp = staged.path();
    {
        if (format == Format::png) {
            const double px_per_mm = opts.dpi / 25.4;
            result.width_px = static_cast<int>(std::lround(w * px_per_mm));
            result.height_px = static_cast<int>(std::lround(h * px_per_mm));
            render::SurfacePtr s(cairo_image_surface_create(CAIRO_FORMAT_RGB24, result.width_px, result.height_px));  // opaque: smaller PNGs
            check(s.get(), "creating the image");
            render::CairoPtr cr(cairo_create(s.get()));
            cairo_scale(cr.get(), px_per_mm, px_per_mm);
            result.pages.push_back(renderer.draw_page(cr.get(), pages[0], nullptr));
            cr.reset();
            cairo_surface_flush(s.get());
            const cairo_status_t st = cairo_surface_write_to_png(s.get(), tmp.c_str());
            if (st != CAIRO_STATUS_SUCCESS) {
                throw InputError(out.string() + ": cannot write: " + cairo_status_to_string(st));
            }
        } else if (format == Format::pdf) {
            render::SurfacePtr s(cairo_pdf_surface_create(tmp.c_str(), w * kPtPerMm, h * kPtPerMm));
            check(s.get(), out.string() + ": cannot create the PDF");
            cairo_pdf_surface_set_metadata(s.get(), CAIRO_PDF_METADATA_TITLE, (title + " 用地管控冲突分析图").c_str());
            cairo_pdf_surface_set_metadata(s.get(), CAIRO_PDF_METADATA_CREATOR, ("zoning " + std::string(kVersion)).c_str());
            render::CairoPtr cr(cairo_create(s.get()));
            cairo_scale(cr.get(), kPtPerMm, kPtPerMm);
            for (const auto& pc : pages) {
                result.pages.push_back(renderer.draw_page(cr.get(), pc, nullptr));
                cairo_show_page(cr.get());
            }
            cr.reset();
            cairo_surface_finish(s.get());
            check(s.get(), out.string() + ": writing the PDF");
        } else {
            render::SvgSections sections;
            {
                render::SurfacePtr s(cairo_svg_surface_create(tmp.c_str(), w * kPtPerMm, h * kPtPerMm));
                check(s.get(), out.string() + ": cannot create the SVG");
                cairo_svg_surface_restrict_to_version(s.get(), CAIRO_SVG_VERSION_1_1);
                render::CairoPtr cr(cairo_create(s.get()));
                cairo_scale(cr.get(), kPtPerMm, kPtPerMm);
                result.pages.push_back(renderer.draw_page(cr.get(), pages[0], &sections));
                cr.reset();
                cairo_surface_finish(s.get());
                check(s.get(), out.string() + ": writing the SVG");
            }
            sections.apply(tmp);
        }
        staged.commit();
    }
    return result;
}

}  // namespace zoning
