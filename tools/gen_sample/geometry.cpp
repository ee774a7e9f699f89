#include "common.hpp"

#include <zoning/error.hpp>

#include <algorithm>

namespace gen {

namespace {
GEOSCoordSequence* make_seq(const GeosContext& ctx, const std::vector<Pt>& pts, bool close) {
    const size_t n = pts.size() + (close ? 1 : 0);
    GEOSCoordSequence* seq = GEOSCoordSeq_create_r(ctx, static_cast<unsigned>(n), 2);
    for (size_t i = 0; i < pts.size(); ++i)
        GEOSCoordSeq_setXY_r(ctx, seq, static_cast<unsigned>(i), pts[i][0], pts[i][1]);
    if (close)
        GEOSCoordSeq_setXY_r(ctx, seq, static_cast<unsigned>(pts.size()), pts[0][0], pts[0][1]);
    return seq;
}
}  // namespace

Geom make_polygon(const GeosContext& ctx, const std::vector<Pt>& ring) {
    std::vector<Pt> r = ring;
    if (r.size() > 1 && r.front() == r.back()) r.pop_back();
    GEOSGeometry* shell = GEOSGeom_createLinearRing_r(ctx, make_seq(ctx, r, true));
    return ctx.own(GEOSGeom_createPolygon_r(ctx, shell, nullptr, 0), "polygon");
}

Geom make_line(const GeosContext& ctx, const std::vector<Pt>& pts) {
    return ctx.own(GEOSGeom_createLineString_r(ctx, make_seq(ctx, pts, false)), "line");
}

Geom make_point(const GeosContext& ctx, Pt p) {
    return ctx.own(GEOSGeom_createPointFromXY_r(ctx, p[0], p[1]), "point");
}

Geom inter(const GeosContext& ctx, const GEOSGeometry* a, const GEOSGeometry* b) {
    return ctx.own(GEOSIntersection_r(ctx, a, b), "intersection");
}
Geom diff(const GeosContext& ctx, const GEOSGeometry* a, const GEOSGeometry* b) {
    return ctx.own(GEOSDifference_r(ctx, a, b), "difference");
}
Geom unite(const GeosContext& ctx, const GEOSGeometry* a, const GEOSGeometry* b) {
    return ctx.own(GEOSUnion_r(ctx, a, b), "union");
}
Geom buffer(const GeosContext& ctx, const GEOSGeometry* g, double d, int quadsegs) {
    return ctx.own(GEOSBuffer_r(ctx, g, d, quadsegs), "buffer");
}
Geom union_of(const GeosContext& ctx, const std::vector<Geom>& parts) {
    std::vector<const GEOSGeometry*> raw;
    raw.reserve(parts.size());
    for (const auto& p : parts)
        if (p && !is_empty(ctx, p.get())) raw.push_back(p.get());
    return ctx.union_all(raw);
}

namespace {
/// The polygon without holes smaller than min_area: overlay noise leaves zero-area slivers
/// (rings of near-duplicate points) that GEOS accepts but that a shapefile cannot carry
/// (GDAL re-nests rings by position on reading, and a sliver lands outside its shell).
Geom without_small_holes(const GeosContext& ctx, const GEOSGeometry* poly, double min_area) {
    const int n = GEOSGetNumInteriorRings_r(ctx, poly);
    std::vector<int> keep;
    for (int i = 0; i < n; ++i) {
        Geom hole = ctx.own(GEOSGeom_createPolygon_r(
                                ctx, ctx.clone(GEOSGetInteriorRingN_r(ctx, poly, i)).release(), nullptr, 0),
                            "hole");
        if (area(ctx, hole.get()) >= min_area) keep.push_back(i);
    }
    if (static_cast<int>(keep.size()) == n) return ctx.clone(poly);
    Geom shell = ctx.clone(GEOSGetExteriorRing_r(ctx, poly));
    std::vector<Geom> holes;
    for (int i : keep) holes.push_back(ctx.clone(GEOSGetInteriorRingN_r(ctx, poly, i)));
    std::vector<GEOSGeometry*> raw;
    for (auto& h : holes) raw.push_back(h.release());
    return ctx.own(GEOSGeom_createPolygon_r(ctx, shell.release(), raw.data(), static_cast<unsigned>(raw.size())),
                   "polygon without slivers");
}
}  // namespace

Geom clean_polygonal(const GeosContext& ctx, const GEOSGeometry* g, double min_area) {
    std::vector<Geom> keep;
    for (auto& p : polygons_of(ctx, g))
        if (area(ctx, p.get()) >= min_area) keep.push_back(without_small_holes(ctx, p.get(), min_area));
    if (keep.empty()) return ctx.empty_polygon();
    if (keep.size() == 1) return std::move(keep.front());
    std::vector<GEOSGeometry*> raw;
    for (auto& k : keep) raw.push_back(k.release());
    return ctx.own(GEOSGeom_createCollection_r(ctx, GEOS_MULTIPOLYGON, raw.data(),
                                               static_cast<unsigned>(raw.size())),
                   "multipolygon");
}

double area(const GeosContext& ctx, const GEOSGeometry* g) {
    double a = 0;
    GEOSArea_r(ctx, g, &a);
    return a;
}
double length(const GeosContext& ctx, const GEOSGeometry* g) {
    double a = 0;
    GEOSLength_r(ctx, g, &a);
    return a;
}
double distance(const GeosContext& ctx, const GEOSGeometry* a, const GEOSGeometry* b) {
    double d = 0;
    GEOSDistance_r(ctx, a, b, &d);
    return d;
}
bool is_empty(const GeosContext& ctx, const GEOSGeometry* g) { return GEOSisEmpty_r(ctx, g) != 0; }

Pt centroid(const GeosContext& ctx, const GEOSGeometry* g) {
    Geom c = ctx.own(GEOSGetCentroid_r(ctx, g), "centroid");
    Pt p{};
    GEOSGeomGetX_r(ctx, c.get(), &p[0]);
    GEOSGeomGetY_r(ctx, c.get(), &p[1]);
    return p;
}
Pt interior_point(const GeosContext& ctx, const GEOSGeometry* g) {
    Geom c = ctx.own(GEOSPointOnSurface_r(ctx, g), "point on surface");
    Pt p{};
    GEOSGeomGetX_r(ctx, c.get(), &p[0]);
    GEOSGeomGetY_r(ctx, c.get(), &p[1]);
    return p;
}
int num_vertices(const GeosContext& ctx, const GEOSGeometry* g) {
    return GEOSGetNumCoordinates_r(ctx, g);
}

Geom blob(const GeosContext& ctx, Rng& r, Pt c, double rx, double ry, double rot, int n,
          double rough) {
    std::array<double, 5> amp{}, ph{};
    for (size_t k = 0; k < amp.size(); ++k) {
        amp[k] = rough * r.u(0.3, 1.0) / static_cast<double>(k + 1);
        ph[k] = r.u(0, 2 * kPi);
    }
    std::vector<Pt> ring;
    ring.reserve(static_cast<size_t>(n));
    const double cr = std::cos(rot), sr = std::sin(rot);
    for (int i = 0; i < n; ++i) {
        const double t = 2 * kPi * i / n;
        double f = 1;
        for (size_t k = 0; k < amp.size(); ++k)
            f += amp[k] * std::sin(static_cast<double>(k + 2) * t + ph[k]);
        f = std::max(f, 0.3);
        const double x = f * rx * std::cos(t), y = f * ry * std::sin(t);
        ring.push_back({c[0] + x * cr - y * sr, c[1] + x * sr + y * cr});
    }
    return make_polygon(ctx, ring);
}

namespace {
std::vector<Pt> chaikin(const std::vector<Pt>& p, int iterations) {
    std::vector<Pt> cur = p;
    for (int it = 0; it < iterations; ++it) {
        if (cur.size() < 3) return cur;
        std::vector<Pt> next;
        next.push_back(cur.front());
        for (size_t i = 0; i + 1 < cur.size(); ++i) {
            const Pt& a = cur[i];
            const Pt& b = cur[i + 1];
            next.push_back({0.75 * a[0] + 0.25 * b[0], 0.75 * a[1] + 0.25 * b[1]});
            next.push_back({0.25 * a[0] + 0.75 * b[0], 0.25 * a[1] + 0.75 * b[1]});
        }
        next.push_back(cur.back());
        cur = std::move(next);
    }
    return cur;
}
}  // namespace

std::vector<Pt> meander(const std::vector<Pt>& ctrl, Rng& r, double amp, double ratio,
                        double step) {
    const std::vector<Pt> smooth = chaikin(ctrl, 4);
    // cumulative length
    std::vector<double> s(smooth.size(), 0);
    for (size_t i = 1; i < smooth.size(); ++i)
        s[i] = s[i - 1] + std::hypot(smooth[i][0] - smooth[i - 1][0], smooth[i][1] - smooth[i - 1][1]);
    const double total = s.back();
    const int n = std::max(2, static_cast<int>(total / step));
    std::vector<Pt> base;
    size_t seg = 0;
    for (int k = 0; k <= n; ++k) {
        const double t = total * k / n;
        while (seg + 2 < smooth.size() && s[seg + 1] < t) ++seg;
        const double len = s[seg + 1] - s[seg];
        const double f = len > 0 ? (t - s[seg]) / len : 0;
        base.push_back({smooth[seg][0] + f * (smooth[seg + 1][0] - smooth[seg][0]),
                        smooth[seg][1] + f * (smooth[seg + 1][1] - smooth[seg][1])});
    }
    Noise1 noise(r, amp, amp * ratio);
    const double taper = std::min(1000.0, total / 4);
    std::vector<Pt> out;
    out.reserve(base.size());
    for (size_t k = 0; k < base.size(); ++k) {
        const size_t a = k == 0 ? 0 : k - 1;
        const size_t b = std::min(base.size() - 1, k + 1);
        double dx = base[b][0] - base[a][0], dy = base[b][1] - base[a][1];
        const double dl = std::hypot(dx, dy);
        dx /= dl;
        dy /= dl;
        const double t = total * static_cast<double>(k) / n;
        const double w = std::min({1.0, t / taper, (total - t) / taper});
        const double o = noise(t) * w;
        out.push_back({base[k][0] - dy * o, base[k][1] + dx * o});
    }
    out.front() = ctrl.front();
    out.back() = ctrl.back();
    return out;
}

std::vector<Pt> coords_of(const GeosContext& ctx, const GEOSGeometry* line) {
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(ctx, line);
    unsigned n = 0;
    GEOSCoordSeq_getSize_r(ctx, seq, &n);
    std::vector<Pt> out(n);
    for (unsigned i = 0; i < n; ++i) GEOSCoordSeq_getXY_r(ctx, seq, i, &out[i][0], &out[i][1]);
    return out;
}

std::vector<Geom> polygons_of(const GeosContext& ctx, const GEOSGeometry* g) {
    std::vector<Geom> out;
    if (g == nullptr || is_empty(ctx, g)) return out;
    const int type = GEOSGeomTypeId_r(ctx, g);
    if (type == GEOS_POLYGON) {
        out.push_back(ctx.clone(g));
    } else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
        const int n = GEOSGetNumGeometries_r(ctx, g);
        for (int i = 0; i < n; ++i) {
            auto sub = polygons_of(ctx, GEOSGetGeometryN_r(ctx, g, i));
            for (auto& s : sub) out.push_back(std::move(s));
        }
    }
    return out;
}

std::vector<Geom> lines_of(const GeosContext& ctx, const GEOSGeometry* g) {
    std::vector<Geom> out;
    if (g == nullptr || is_empty(ctx, g)) return out;
    const int type = GEOSGeomTypeId_r(ctx, g);
    if (type == GEOS_LINESTRING) {
        out.push_back(ctx.clone(g));
    } else if (type == GEOS_MULTILINESTRING || type == GEOS_GEOMETRYCOLLECTION) {
        const int n = GEOSGetNumGeometries_r(ctx, g);
        for (int i = 0; i < n; ++i) {
            auto sub = lines_of(ctx, GEOSGetGeometryN_r(ctx, g, i));
            for (auto& s : sub) out.push_back(std::move(s));
        }
    }
    return out;
}

}  // namespace gen
