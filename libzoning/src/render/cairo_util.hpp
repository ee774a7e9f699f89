#pragma once
// RAII for Cairo handles and small drawing helpers in page millimetres.
#include <zoning/error.hpp>
#include <zoning/style.hpp>

#include <cairo.h>

#include <memory>
#include <string>

namespace zoning::render {

struct CairoDeleter {
    void operator()(cairo_t* c) const noexcept {
        if (c != nullptr) cairo_destroy(c);
    }
};
struct SurfaceDeleter {
    void operator()(cairo_surface_t* s) const noexcept {
        if (s != nullptr) cairo_surface_destroy(s);
    }
};
using CairoPtr = std::unique_ptr<cairo_t, CairoDeleter>;
using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;

inline void check(cairo_surface_t* s, const std::string& what) {
    const cairo_status_t st = cairo_surface_status(s);
    if (st != CAIRO_STATUS_SUCCESS) {
        throw InternalError(what + ": " + cairo_status_to_string(st));
    }
}
/// After cairo_surface_finish: the file is complete, or an InputError naming it (a full disk).
inline void check_written(cairo_surface_t* s, const std::string& file) {
    const cairo_status_t st = cairo_surface_status(s);
    if (st != CAIRO_STATUS_SUCCESS) throw InputError(file + ": cannot write: " + cairo_status_to_string(st));
}
inline void check(cairo_t* c, const std::string& what) {
    const cairo_status_t st = cairo_status(c);
    if (st != CAIRO_STATUS_SUCCESS) {
        throw InternalError(what + ": " + cairo_status_to_string(st));
    }
}

inline void set_color(cairo_t* cr, Rgba c) {
    cairo_set_source_rgba(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0, c.a / 255.0);
}

inline void set_line(cairo_t* cr, const Style& s) {
    cairo_set_line_width(cr, s.width_mm);
    if (s.dash_mm.empty()) {
        cairo_set_dash(cr, nullptr, 0, 0);
    } else {
        cairo_set_dash(cr, s.dash_mm.data(), static_cast<int>(s.dash_mm.size()), 0);
    }
}

}  // namespace zoning::render
