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
#include "render/overview.hpp"
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
        render::draw_overview(p, mp.overview, v.ext, in, pc.fps);
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
