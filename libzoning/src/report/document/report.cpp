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
    report::document::Document doc = report::document::build_document(catalog, report, result.parts, opts, title, date);

    // The map page: the renderer of `zoning map` on A4 landscape, in millimetres.
    MapOptions map_opts;
    map_opts.paper = Paper::a4;
    map_opts.orientation = Orientation::landscape;
    map_opts.title = title;
    map_opts.date = date;
    const render::PageRenderer renderer({catalog, report, footprints}, map_opts, 297, 210, date);
    const std::vector<render::PageContent> pages = render::paginate(report, map_opts, title);
    // Over its frame, the kilometre grid; under it, the grid's step and the CRS in words.
    const bool zh = opts.lang == Lang::zh;
    auto map = [&](cairo_t* cr, double, double) {
        constexpr double kPtPerMm = 72.0 / 25.4;
        cairo_scale(cr, kPtPerMm, kPtPerMm);
        const MapPage page = renderer.draw(cr, result.font, renderer.plan(pages.front()), nullptr);
        const double step = report::document::draw_grid(cr, result.font, page);
        return report::document::map_note(step, catalog.working_crs(), zh);
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
        const report::document::PdfWriter writer(result.font, map);
        result.pages = writer.write(doc, staged.path(), out.string());
    }
    if (staged_parts) {
        TxtWriteOptions t;
        t.producer = opts.org;
        write_text_file(staged_parts->path(), format_coord_txt(report::document::parts_as_plots(result.parts), *gk, t),
                        opts.parts_txt.string());
    }
    staged.commit();
    if (staged_parts) staged_parts->commit();
    result.parts_written = staged_parts.has_value();
    return result;
}

}  // namespace zoning
