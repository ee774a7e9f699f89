#include "geom/bounds.hpp"
#include "report/format.hpp"

#include <zoning/error.hpp>

#include <cmath>
#include <cstdio>
#include <mutex>

namespace zoning::geom {

namespace {

std::string number(double v) { return report::significant(v, 10); }

/// The first non-finite vertex of `g` (counting from 1 over all parts), or 0.
std::size_t first_bad_vertex(GEOSContextHandle_t h, const GEOSGeometry* g, std::size_t& seen, double& bx,
                             double& by) {
    const int type = GEOSGeomTypeId_r(h, g);
    if (type == GEOS_POLYGON) {
        if (GEOSisEmpty_r(h, g) == 1) return 0;
        if (auto n = first_bad_vertex(h, GEOSGetExteriorRing_r(h, g), seen, bx, by)) return n;
        const int holes = GEOSGetNumInteriorRings_r(h, g);
        for (int i = 0; i < holes; ++i) {
            if (auto n = first_bad_vertex(h, GEOSGetInteriorRingN_r(h, g, i), seen, bx, by)) return n;
        }
        return 0;
    }
    if (type == GEOS_POINT || type == GEOS_LINESTRING || type == GEOS_LINEARRING) {
        const GEOSCoordSequence* cs = GEOSGeom_getCoordSeq_r(h, g);
        unsigned size = 0;
        if (cs == nullptr || GEOSCoordSeq_getSize_r(h, cs, &size) == 0) return 0;
        for (unsigned i = 0; i < size; ++i) {
            double x = 0, y = 0;
            GEOSCoordSeq_getXY_r(h, cs, i, &x, &y);
            ++seen;
            if (!std::isfinite(x) || !std::isfinite(y)) {
                bx = x;
                by = y;
                return seen;
            }
        }
        return 0;
    }
    const int parts = GEOSGetNumGeometries_r(h, g);
    for (int i = 0; i < parts; ++i) {
        if (auto n = first_bad_vertex(h, GEOSGetGeometryN_r(h, g, i), seen, bx, by)) return n;
    }
    return 0;
}

using Clock = std::chrono::steady_clock;
thread_local Clock::time_point t_deadline = Clock::time_point::max();
GEOSInterruptCallback* g_previous_callback = nullptr;

void on_interrupt_check() {
    if (t_deadline != Clock::time_point::max() && Clock::now() > t_deadline) GEOS_interruptRequest();
    if (g_previous_callback != nullptr) g_previous_callback();
}

}  // namespace

void require_finite(const GeosContext& ctx, const GEOSGeometry* g, const std::string& where) {
    std::size_t seen = 0;
    double x = 0, y = 0;
    if (const std::size_t n = first_bad_vertex(ctx, g, seen, x, y)) {
        throw InputError(where + ": vertex " + std::to_string(n) + " (" + number(x) + ", " + number(y) +
                         ") is not a finite coordinate");
    }
}

void require_distance(double v, double max, const std::string& what, const std::string& label) {
    if (v >= 0 && v <= max) return;  // false for NaN
    throw InputError(what + " " + number(v) + " m is not a valid " + label + ": give 0 to " + number(max) + " m");
}

void require_vertex_budget(const GeosContext& ctx, const GEOSGeometry* g, std::size_t max_vertices,
                           const std::string& where) {
    if (max_vertices == 0) return;
    const int n = GEOSGetNumCoordinates_r(ctx, g);
    if (n >= 0 && static_cast<std::size_t>(n) > max_vertices) {
        throw InputError(where + ": " + std::to_string(n) + " vertices, more than --max-vertices " +
                         std::to_string(max_vertices) + " (simplify it, split it, or raise the limit)");
    }
}

TimeGuard::TimeGuard(double seconds)
    : seconds_(seconds), start_(Clock::now()), previous_(t_deadline) {
    static std::once_flag registered;
    std::call_once(registered, [] { g_previous_callback = GEOS_interruptRegisterCallback(&on_interrupt_check); });
    if (seconds > 0 && std::isfinite(seconds)) {
        const auto mine = start_ + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
        if (mine < t_deadline) t_deadline = mine;
    }
}

TimeGuard::~TimeGuard() {
    // A request this thread made and no GEOS check consumed must not stop the next operation
    // (of any thread: the flag is process-wide). Another thread past its deadline asks again.
    if (t_deadline != Clock::time_point::max() && Clock::now() > t_deadline) GEOS_interruptCancel();
    t_deadline = previous_;
}

bool TimeGuard::expired() const noexcept { return t_deadline != Clock::time_point::max() && Clock::now() > t_deadline; }

double TimeGuard::elapsed_s() const noexcept { return std::chrono::duration<double>(Clock::now() - start_).count(); }

bool is_interruption(const std::string& message) { return message.find("InterruptedException") != std::string::npos; }

namespace {

std::string seconds_text(double s) {
    char took[64];
    std::snprintf(took, sizeof took, "%.1f s", s);
    return took;
}

constexpr const char* kTooComplex =
    "the geometry is too complex (a self-crossing outline or line?): simplify or split it, or raise "
    "--footprint-timeout";

}  // namespace

FootprintTimeout::FootprintTimeout(const std::string& who, std::string operation, double elapsed_s, double limit_s)
    : InputError(who + ": " + operation + " stopped after " + seconds_text(elapsed_s) + " (--footprint-timeout " +
                 number(limit_s) + "): " + kTooComplex),
      operation_(std::move(operation)),
      elapsed_s_(elapsed_s),
      limit_s_(limit_s) {}

std::string FootprintTimeout::reason(const std::string& stage) const {
    return stage + " stopped after " + seconds_text(elapsed_s_) + " (--footprint-timeout " + number(limit_s_) +
           ") in " + operation_ + ": " + kTooComplex;
}

void throw_timeout(const TimeGuard& guard, const std::string& who, const std::string& message) {
    std::string op = "a GEOS operation";
    const auto failed = message.find(" failed:");
    if (message.rfind("GEOS ", 0) == 0 && failed != std::string::npos) op = "GEOS " + message.substr(5, failed - 5);
    throw FootprintTimeout(who, op, guard.elapsed_s(), guard.limit_s());
}

}  // namespace zoning::geom
