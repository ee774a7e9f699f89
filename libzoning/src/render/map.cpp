// zoning map: the public entry points. The pages are planned and drawn by render::PageRenderer
// (render/map_page.*); here they are put on a PNG, SVG or PDF surface and written.
#include <zoning/error.hpp>
#include <zoning/map.hpp>
#include <zoning/version.hpp>

#include "output/staged_output.hpp"
#include "render/cairo_util.hpp"
#include "render/fonts.hpp"
#include "render/map_page.hpp"
#include "render/svg_sections.hpp"
#include "report/format.hpp"

#include <cairo-pdf.h>
#include <cairo-svg.h>

#include <algorithm>
#include <cmath>
#include <ctime>

namespace zoning {

namespace fs = std::filesystem;

namespace {

using render::check;

constexpr double kPtPerMm = 72.0 / 25.4;

/// Width and height of the sheet in mm.
std::pair<double, double> sheet_mm(const MapOptions& opts) {
    double w = opts.paper == Paper::a4 ? 210 : 297, h = opts.paper == Paper::a4 ? 297 : 420;
    if (opts.orientation == Orientation::landscape) std::swap(w, h);
    return {w, h};
}

enum class Format { png, svg, pdf };

Format format_of(const fs::path& out) {
    const std::string ext = report::ascii_lower(out.extension().string());
    if (ext == ".png") return Format::png;
    if (ext == ".svg") return Format::svg;
    if (ext == ".pdf") return Format::pdf;
    throw InputError(out.string() + ": unknown map format '" + ext + "' (use .png, .svg or .pdf)");
}

}  // namespace

Paper parse_paper(std::string_view s) {
    const std::string l = report::ascii_lower(std::string(s));
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

std::vector<MapPage> plan_map(const LoadedCatalog& catalog, const ScreenReport& report,
                              const std::vector<Footprint>& footprints, const MapOptions& opts) {
    if (report.footprints.empty()) throw InputError("no footprints to map");
    const auto [w, h] = sheet_mm(opts);
    const render::PageRenderer renderer({catalog, report, footprints}, opts, w, h,
                                        opts.date.empty() ? report::today_iso() : opts.date);
    std::vector<MapPage> out;
    for (const auto& pc : render::paginate(report, opts, render::map_title(report, opts))) {
        out.push_back(std::move(renderer.plan(pc).page));
    }
    return out;
}

MapResult render_map(const fs::path& out, const LoadedCatalog& catalog, const ScreenReport& report,
                     const std::vector<Footprint>& footprints, const MapOptions& opts) {
    const Format format = format_of(out);
    if (report.footprints.empty()) throw InputError("no footprints to map");
    if (opts.per_footprint && format != Format::pdf) {
        throw InputError(out.string() + ": --all draws one page per footprint and needs a .pdf output");
    }
    if (!(opts.dpi >= 36 && opts.dpi <= 1200)) throw InputError("--dpi must be between 36 and 1200");
    // The folder must exist, the map appears only when complete, and never over an input.
    std::vector<fs::path> inputs = opts.inputs;
    inputs.push_back(catalog.catalog().path);
    for (const auto& l : catalog.catalog().layers) inputs.push_back(l.source);
    output::StagedOutput staged(out, inputs);

    MapResult result;
    result.font = render::cjk_font_family();
    const auto [w, h] = sheet_mm(opts);
    result.width_mm = w;
    result.height_mm = h;

    const std::string title = render::map_title(report, opts);
    const std::vector<render::PageContent> pages = render::paginate(report, opts, title);
    const render::PageRenderer renderer({catalog, report, footprints}, opts, w, h,
                                        opts.date.empty() ? report::today_iso() : opts.date);
    auto draw = [&](cairo_t* cr, const render::PageContent& pc, render::SvgSections* sections) {
        return renderer.draw(cr, result.font, renderer.plan(pc), sections);
    };

    const fs::path tmp = staged.path();
    {
        if (format == Format::png) {
            const double px_per_mm = opts.dpi / 25.4;
            result.width_px = static_cast<int>(std::lround(w * px_per_mm));
            result.height_px = static_cast<int>(std::lround(h * px_per_mm));
            render::SurfacePtr s(cairo_image_surface_create(CAIRO_FORMAT_RGB24, result.width_px,
                                                            result.height_px));  // opaque: smaller PNGs
            check(s.get(), "creating the image");
            render::CairoPtr cr(cairo_create(s.get()));
            cairo_scale(cr.get(), px_per_mm, px_per_mm);
            result.pages.push_back(draw(cr.get(), pages[0], nullptr));
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
            cairo_pdf_surface_set_metadata(s.get(), CAIRO_PDF_METADATA_CREATOR,
                                           ("zoning " + std::string(kVersion)).c_str());
            render::CairoPtr cr(cairo_create(s.get()));
            cairo_scale(cr.get(), kPtPerMm, kPtPerMm);
            for (const auto& pc : pages) {
                result.pages.push_back(draw(cr.get(), pc, nullptr));
                cairo_show_page(cr.get());
            }
            cr.reset();
            cairo_surface_finish(s.get());
            render::check_written(s.get(), out.string());
        } else {
            render::SvgSections sections;
            {
                render::SurfacePtr s(cairo_svg_surface_create(tmp.c_str(), w * kPtPerMm, h * kPtPerMm));
                check(s.get(), out.string() + ": cannot create the SVG");
                cairo_svg_surface_restrict_to_version(s.get(), CAIRO_SVG_VERSION_1_1);
                render::CairoPtr cr(cairo_create(s.get()));
                cairo_scale(cr.get(), kPtPerMm, kPtPerMm);
                result.pages.push_back(draw(cr.get(), pages[0], &sections));
                cr.reset();
                cairo_surface_finish(s.get());
                render::check_written(s.get(), out.string());
            }
            sections.apply(tmp);
        }
        staged.commit();
    }
    return result;
}

}  // namespace zoning
