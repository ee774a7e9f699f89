#pragma once
// Drawing on a map page in page millimetres: the world-to-page view of a frame, text, rectangles,
// geometries in a style, hatches. Every part of the page draws through these.
#include <zoning/geos.hpp>
#include <zoning/map.hpp>
#include <zoning/style.hpp>
#include <zoning/verdict.hpp>

#include <cairo.h>

#include <string>
#include <utility>
#include <vector>

namespace zoning::render {

constexpr Rgba kBlack{0, 0, 0, 255};
constexpr Rgba kWhite{255, 255, 255, 255};
constexpr Rgba kGrey{90, 90, 90, 255};

/// The colour of a verdict (badge, table).
Rgba verdict_color(Verdict v);

/// 1234567.891 -> "1,234,567.89" with `decimals`.
std::string grouped(double v, int decimals);

/// World (working CRS) to page (mm) for one frame.
struct View {
    PageRect frame;
    Envelope ext;
    double m_per_mm = 1;
    [[nodiscard]] double px(double x) const { return frame.x + (x - ext.minx) / m_per_mm; }
    [[nodiscard]] double py(double y) const { return frame.y + (ext.maxy - y) / m_per_mm; }
};

/// A Cairo context drawing in page millimetres, with the page's font and a GEOS context for
/// the geometries it draws. Borrows both.
class Page {
public:
    Page(cairo_t* cr, const GeosContext& ctx, const std::string& font) : cr_(cr), ctx_(ctx), font_(font) {}

    // ---- text ------------------------------------------------------------------------------
    void font(double size_mm, bool bold = false);
    double text_width(const std::string& s);
    /// Draws `s` with its baseline at y; align 0 left, 0.5 centre, 1 right of x.
    void text(double x, double y, const std::string& s, Rgba color = kBlack, double align = 0, bool halo = false);
    /// Selects the largest font size from `max_mm` down to `min_mm` at which `s` fits in `w` mm.
    void fit_font(const std::string& s, double w, double max_mm, double min_mm, bool bold = false);
    /// Shortens `s` (by UTF-8 characters) until it fits in `w` mm.
    std::string fit(std::string s, double w);

    // ---- shapes ----------------------------------------------------------------------------
    void rect(const PageRect& r) { cairo_rectangle(cr_, r.x, r.y, r.w, r.h); }
    void fill_rect(const PageRect& r, Rgba c);
    void stroke_rect(const PageRect& r, Rgba c, double w);

    /// Appends the geometry's rings and lines (points are skipped) to the current path.
    void path(const View& v, const GEOSGeometry* g);
    /// Page positions of the geometry's points.
    std::vector<std::pair<double, double>> points(const View& v, const GEOSGeometry* g);
    /// Draws a geometry in a style: polygons filled and outlined, lines stroked, points as
    /// circles of radius `point_r` mm.
    void draw(const View& v, const GEOSGeometry* g, const Style& s, double point_r = 1.0);

    /// Hatches drawn from now on are crossed (both diagonals): prohibited conflicts.
    void cross_hatch(bool on) { cross_ = on; }
    /// Diagonal hatch inside the current path (kept for the stroke that follows).
    void hatch_current_path(const Style& s);

    [[nodiscard]] cairo_t* cr() const { return cr_; }
    [[nodiscard]] const GeosContext& geos() const { return ctx_; }

private:
    void ring(const View& v, const GEOSGeometry* r, bool close);

    cairo_t* cr_;
    const GeosContext& ctx_;
    std::string font_;
    bool cross_ = false;
};

}  // namespace zoning::render
