#pragma once
// Internal: bounds on broken or absurd input (issue 13), so that it stops with a message naming
// the feature instead of giving a silent wrong answer or running for hours: finite coordinates,
// widths and radii up to 10 km, a vertex budget per footprint, and a time guard on the GEOS
// operations of one footprint. See docs/validity.md.
#include <zoning/error.hpp>
#include <zoning/geos.hpp>

#include <chrono>
#include <cstddef>
#include <string>

namespace zoning::geom {

/// The largest corridor width and disc radius accepted (m): beyond it a figure is a typo or a
/// unit error (km or mm for m), and buffers of 1e30 m give garbage, not an answer.
inline constexpr double kMaxWidthM = 10000;
inline constexpr double kMaxRadiusM = 10000;

/// Throws InputError "WHERE: vertex N (x, y) is not a finite coordinate" at the first vertex
/// with a NaN or infinite x or y.
void require_finite(const GeosContext& ctx, const GEOSGeometry* g, const std::string& where);

/// Throws InputError "WHAT V m is not a valid LABEL: give 0 to MAX m" unless 0 <= v <= max
/// (so NaN and infinity too).
void require_distance(double v, double max, const std::string& what, const std::string& label);

/// Throws InputError naming `where` when `g` has more than `max_vertices` vertices (0: no limit).
void require_vertex_budget(const GeosContext& ctx, const GEOSGeometry* g, std::size_t max_vertices,
                           const std::string& where);

/// A deadline for the GEOS operations of this thread while it lives (seconds <= 0: none).
/// GEOS 3.11 can only interrupt process-wide (GEOS_interruptRequest): one callback, registered
/// once, requests an interruption when the deadline of the thread it runs on has passed. Another
/// thread may catch that request first: `interrupted` then tells it apart (its own deadline has
/// not passed) and the caller retries. GEOS checks for interruptions only between coarse steps
/// (noding, graph building), so an operation stops some time after its deadline.
class TimeGuard {
public:
    explicit TimeGuard(double seconds);
    ~TimeGuard();
    TimeGuard(const TimeGuard&) = delete;
    TimeGuard& operator=(const TimeGuard&) = delete;

    [[nodiscard]] bool expired() const noexcept;
    [[nodiscard]] double elapsed_s() const noexcept;
    [[nodiscard]] double limit_s() const noexcept { return seconds_; }

private:
    double seconds_;
    std::chrono::steady_clock::time_point start_;
    std::chrono::steady_clock::time_point previous_;  ///< an enclosing guard's deadline
};

/// A footprint's repair or screening stopped by its TimeGuard. what(): "WHO: OPERATION stopped after
/// T s (--footprint-timeout S): ..."; the caller may screen the other footprints and give this
/// one verdict `unknown` with reason().
class FootprintTimeout : public InputError {
public:
    FootprintTimeout(const std::string& who, std::string operation, double elapsed_s, double limit_s);
    [[nodiscard]] const std::string& operation() const noexcept { return operation_; }
    /// "STAGE stopped after T s (--footprint-timeout S) in OPERATION: the geometry is too complex ...",
    /// STAGE "screening" or "repair".
    [[nodiscard]] std::string reason(const std::string& stage) const;

private:
    std::string operation_;
    double elapsed_s_, limit_s_;
};

/// Whether a GEOS failure message is an interruption (GEOS's InterruptedException).
[[nodiscard]] bool is_interruption(const std::string& message);

/// The FootprintTimeout for a guard that expired: "WHO: OPERATION stopped after T s (--footprint-timeout
/// S) ...", the operation taken from the GEOS failure message ("GEOS corridor buffer failed: ...").
[[noreturn]] void throw_timeout(const TimeGuard& guard, const std::string& who, const std::string& message);

/// Runs `f` under a TimeGuard of `seconds`. An interruption past the deadline becomes the
/// InputError of throw_timeout; one before it (another thread's request) runs `f` again.
template <class F>
auto guarded(double seconds, const std::string& who, F&& f) -> decltype(f()) {
    for (int attempt = 0;; ++attempt) {
        TimeGuard guard(seconds);
        try {
            return f();
        } catch (const InternalError& e) {
            const std::string message = e.what();
            if (!is_interruption(message)) throw;
            if (guard.expired()) throw_timeout(guard, who, message);
            if (attempt >= 100) throw;
        }
    }
}

}  // namespace zoning::geom
