// zoning report: the public entry point. The document is built from the screening
// (report/document/build), laid out by the PDF writer (report/document/pdf_writer) with the
// conflict map drawn by the map renderer (render/), and written through a staging folder; the
// conflict parts go to a coordinate exchange TXT with --parts.
#include <zoning/error.hpp>
#include <zoning/formats.hpp>
#include <zoning/map.hpp>
#include <zoning/report_document.hpp>

#include "output/staged_output.hpp"
#include "render/cairo_util.hpp"
#include "render/fonts.hpp"
#include "render/map_page.hpp"
#include "report/document/build.hpp"
#include "report/document/html_writer.hpp"
#include "report/document/map_data.hpp"
#include "report/document/map_grid.hpp"
#include "report/document/parts.hpp"
#include "report/document/pdf_writer.hpp"
#include "report/format.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <optional>

namespace zoning {

namespace fs = std::filesystem;

namespace {

void write_text_file(const fs::path& file, const std::string& text, const std::string& shown) {
    std::ofstream f(file, std::ios::binary);
    if (!f) throw InputError(shown + ": cannot write");
    f << text;
    f.close();
    if (!f) throw InputError(shown + ": write failed");
}

/// YYYY-MM-DD, a real day (leap years counted).
bool is_iso_date(const std::string& s) {
    int y = 0, m = 0, d = 0;
    char tail = 0;
    if (s.size() != 10 || s[4] != '-' || s[7] != '-' ||
        !std::all_of(s.begin(), s.end(), [](char c) { return c == '-' || (c >= '0' && c <= '9'); }) ||
        std::sscanf(s.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 || m > 12 || d < 1) {
        return false;
    }
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

}  // namespace

ReportResult write_report(const fs::path& out, const LoadedCatalog& catalog, const ScreenReport& report,
                          const std::vector<Footprint>& footprints, const ReportOptions& opts) {
    const std::string ext = report::ascii_lower(out.extension().string());
    const bool html = ext == ".html" || ext == ".htm";
    if (ext != ".pdf" && !html) {
        throw InputError(out.string() + ": unknown report format '" + out.extension().string() +
                         "' (use .pdf or .html)");
    }
    if (report.footprints.empty()) throw InputError("no footprints to report");
    // Printed on the cover, the map and the signatures, the PDF's creation date and the TXT's
    // 数据产生日期: a day, checked before anything is written.
    if (!opts.date.empty() && !is_iso_date(opts.date)) {
        throw InputError("--date '" + opts.date + "' is not a date YYYY-MM-DD");
    }
    std::vector<fs::path> inputs = opts.inputs;
    inputs.push_back(catalog.catalog().path);
    for (const auto& l : catalog.catalog().layers) inputs.push_back(l.source);
    if (!opts.parts_txt.empty() && output::same_file(opts.parts_txt, out)) {
        throw InputError("--parts " + opts.parts_txt.string() + ": the same file as the report");
    }
    std::optional<GkSystem> gk;
    if (!opts.parts_txt.empty()) {
        gk = report::document::gk_system_of(catalog.working_crs());
        if (!gk) {
            throw InputError("--parts " + opts.parts_txt.string() + ": the working CRS " + catalog.working_crs().label() +
                             " is not a Chinese Gauss-Krüger zone, which a coordinate TXT needs");
        }
    }
    ReportResult result;
    result.parts = conflict_parts(report);
    output::StagedOutput staged(out, inputs);
    std::optional<output::StagedOutput> staged_parts;
    if (!opts.parts_txt.empty() && !result.parts.empty()) staged_parts.emplace(opts.parts_txt, inputs);

    result.font = render::cjk_font_family();
    const std::string date = opts.date.empty() ? report::today_iso() : opts.date;
    const std::string title = report::document::project_title(report, opts);

    // The map page: the renderer of `zoning map` on A4 landscape, in millimetres; the parts too
    // small to see at its scale get an inset each.
    MapOptions map_opts;
    map_opts.paper = Paper::a4;
    map_opts.orientation = Orientation::landscape;
    map_opts.title = title;
    map_opts.date = date;
    const render::PageRenderer renderer({catalog, report, footprints}, map_opts, 297, 210, date);
    const std::vector<render::PageContent> pages = render::paginate(report, map_opts, title);
    const double map_scale = renderer.plan(pages.front()).page.scale;
    const std::vector<size_t> insets = report::document::parts_too_small(result.parts, map_scale);
    report::document::Document doc =
        report::document::build_document(catalog, report, result.parts, opts, title, date, insets);
    // Over its frame, the kilometre grid; under it, the grid's step and the CRS in words.
    const bool zh = opts.lang == Lang::zh;
    auto map = [&](cairo_t* cr, double, double) {
        constexpr double kPtPerMm = 72.0 / 25.4;
        cairo_scale(cr, kPtPerMm, kPtPerMm);
        const MapPage page = renderer.draw(cr, result.font, renderer.plan(pages.front()), nullptr);
        const double step = report::document::draw_grid(cr, result.font, page);
        return report::document::map_note(step, catalog.working_crs(), zh);
    };
    // Each inset: the part's extent (X north, Y east) in the same renderer, at its own scale.
    auto inset = [&](cairo_t* cr, size_t i, double x, double y, double w, double h) {
        constexpr double kPtPerMm = 72.0 / 25.4;
        const ConflictPart& p = result.parts.at(insets.at(i));
        Envelope around;
        for (const PartPoint& pt : p.points) around.expand(pt.y, pt.x);  // x east, y north
        cairo_scale(cr, kPtPerMm, kPtPerMm);
        const double scale = renderer.draw_inset(cr, result.font, {x / kPtPerMm, y / kPtPerMm, w / kPtPerMm, h / kPtPerMm},
                                                 around, pages.front().fps, map_scale);
        return p.label + (zh ? "（用地 " : " (footprint ") + p.footprint + (zh ? "，" : ", ") + report::number(p.area_m2, 2) +
               (zh ? " 平方米）  1:" : " m²)  1:") + std::to_string(static_cast<long long>(scale));
    };
    if (html) {
        // The same page's frame, features and legend as vector data, drawn by the page itself.
        const render::PagePlan plan = renderer.plan(pages.front());
        // The labels where the PDF's map page has them: placed with the font's metrics, drawn
        // into nothing kept (in mm, as the PDF writer draws the page).
        const render::SurfacePtr surface(cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, nullptr));
        const render::CairoPtr cr(cairo_create(surface.get()));
        render::check(cr.get(), "placing the map's labels");
        constexpr double kPtPerMm = 72.0 / 25.4;
        cairo_scale(cr.get(), kPtPerMm, kPtPerMm);
        const std::vector<render::PlacedLabel> labels = renderer.labels(cr.get(), result.font, plan);
        doc.map = report::document::build_map_data(
            {catalog, report, footprints}, plan, result.parts, labels,
            report::document::map_note(report::document::grid_step(plan.page.scale), catalog.working_crs(), zh));
        result.html_bytes =
            report::document::HtmlWriter(result.font, opts.lang).write(doc, staged.path(), out.string());
    } else {
        const report::document::PdfWriter writer(result.font, map, inset);
        result.pages = writer.write(doc, staged.path(), out.string());
    }
    if (staged_parts) {
        TxtWriteOptions t;
        t.producer = opts.org;
        t.date = date;  // --date, not the clock: the same report, the same TXT
        write_text_file(staged_parts->path(), format_coord_txt(report::document::parts_as_plots(result.parts), *gk, t),
                        opts.parts_txt.string());
    }
    staged.commit();
    if (staged_parts) staged_parts->commit();
    result.parts_written = staged_parts.has_value();
    return result;
}

}  // namespace zoning
