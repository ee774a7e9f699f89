#pragma once
// RAII for the GEOS C API (reentrant _r functions). One GeosContext per thread; every geometry
// is owned by a Geom bound to the context that made it. Prepared geometries are owned by
// Prepared and must stay on the thread of their context (libgeos/geos#825).
#include <geos_c.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace zoning {

class GeosContext;

/// Deleter that frees a GEOSGeometry with the context that created it.
struct GeomDeleter {
    GEOSContextHandle_t ctx = nullptr;
    void operator()(GEOSGeometry* g) const noexcept {
        if (g != nullptr) GEOSGeom_destroy_r(ctx, g);
    }
};
using Geom = std::unique_ptr<GEOSGeometry, GeomDeleter>;

struct PreparedDeleter {
    GEOSContextHandle_t ctx = nullptr;
    void operator()(const GEOSPreparedGeometry* p) const noexcept {
        if (p != nullptr) GEOSPreparedGeom_destroy_r(ctx, p);
    }
};
using Prepared = std::unique_ptr<const GEOSPreparedGeometry, PreparedDeleter>;

/// Axis-aligned box in the working CRS (x = easting, y = northing).
struct Envelope {
    double minx = 0, miny = 0, maxx = -1, maxy = -1;
    [[nodiscard]] bool empty() const noexcept { return maxx < minx || maxy < miny; }
    [[nodiscard]] bool intersects(const Envelope& o) const noexcept {
        return !empty() && !o.empty() && minx <= o.maxx && o.minx <= maxx && miny <= o.maxy &&
               o.miny <= maxy;
    }
    void expand(const Envelope& o) noexcept;
    void expand(double x, double y) noexcept;
    [[nodiscard]] Envelope grown(double d) const noexcept {
        return empty() ? *this : Envelope{minx - d, miny - d, maxx + d, maxy + d};
    }
};

/// A GEOS context handle with error capture. Not copyable, not shared between threads.
class GeosContext {
public:
    GeosContext();
    ~GeosContext();
    GeosContext(const GeosContext&) = delete;
    GeosContext& operator=(const GeosContext&) = delete;

    [[nodiscard]] GEOSContextHandle_t handle() const noexcept { return ctx_; }
    operator GEOSContextHandle_t() const noexcept { return ctx_; }  // NOLINT: intended

    /// Takes ownership of a raw result; throws InternalError naming `what` and the last GEOS
    /// message when the result is null.
    [[nodiscard]] Geom own(GEOSGeometry* g, std::string_view what) const;
    [[nodiscard]] Geom clone(const GEOSGeometry* g) const;
    [[nodiscard]] Prepared prepare(const GEOSGeometry* g) const;

    [[nodiscard]] Geom from_wkt(std::string_view wkt) const;
    [[nodiscard]] Geom from_wkb(const unsigned char* data, size_t size) const;
    [[nodiscard]] std::string to_wkt(const GEOSGeometry* g, int decimals = 3) const;
    [[nodiscard]] std::vector<unsigned char> to_wkb(const GEOSGeometry* g) const;

    [[nodiscard]] Envelope envelope(const GEOSGeometry* g) const;
    [[nodiscard]] Geom empty_polygon() const;
    /// Builds a GeometryCollection-free union-ready collection (takes ownership of parts).
    [[nodiscard]] Geom collect(std::vector<Geom> parts) const;
    /// Unary union of a set of polygons (cascaded; overlapping parts counted once).
    [[nodiscard]] Geom union_all(const std::vector<const GEOSGeometry*>& parts) const;
    /// Keeps only the polygonal (dim 2) parts of a geometry, e.g. of a MakeValid result.
    [[nodiscard]] Geom polygonal_part(const GEOSGeometry* g) const;
    /// Keeps only the lineal (dim 1) parts.
    [[nodiscard]] Geom lineal_part(const GEOSGeometry* g) const;

    [[nodiscard]] std::string last_error() const { return last_error_; }
    [[nodiscard]] std::string last_notice() const { return last_notice_; }

private:
    Geom part_of_dimension(const GEOSGeometry* g, int dim) const;
    GEOSContextHandle_t ctx_;
    std::string last_error_;
    std::string last_notice_;
};

/// Dimension of a geometry's parts: 0 point, 1 line, 2 polygon (max over a collection).
int geometry_dimension(GEOSContextHandle_t ctx, const GEOSGeometry* g);

}  // namespace zoning
