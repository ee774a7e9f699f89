#include "workload.hpp"

#include <zoning/catalog.hpp>
#include <zoning/error.hpp>

#include <geos_c.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace workload {
namespace {

constexpr double kPi = 3.14159265358979323846;
using Pt = std::array<double, 2>;

double mm(double v) { return std::round(v * 1000.0) / 1000.0; }

zoning::Geom make_ring_polygon(const zoning::GeosContext& ctx, const std::vector<Pt>& pts) {
    GEOSCoordSequence* seq = GEOSCoordSeq_create_r(ctx, static_cast<unsigned>(pts.size() + 1), 2);
    for (unsigned k = 0; k <= pts.size(); ++k) {
        const Pt& p = pts[k % pts.size()];
        GEOSCoordSeq_setXY_r(ctx, seq, k, p[0], p[1]);
    }
    GEOSGeometry* shell = GEOSGeom_createLinearRing_r(ctx, seq);
    return ctx.own(GEOSGeom_createPolygon_r(ctx, shell, nullptr, 0), "workload polygon");
}

zoning::Geom make_line(const zoning::GeosContext& ctx, const std::vector<Pt>& pts) {
    GEOSCoordSequence* seq = GEOSCoordSeq_create_r(ctx, static_cast<unsigned>(pts.size()), 2);
    for (unsigned k = 0; k < pts.size(); ++k) GEOSCoordSeq_setXY_r(ctx, seq, k, pts[k][0], pts[k][1]);
    return ctx.own(GEOSGeom_createLineString_r(ctx, seq), "workload line");
}

zoning::Geom make_point(const zoning::GeosContext& ctx, Pt p) {
    return ctx.own(GEOSGeom_createPointFromXY_r(ctx, mm(p[0]), mm(p[1])), "workload point");
}

/// Shoelace area about the first vertex (coordinates are large).
double ring_area(const std::vector<Pt>& pts) {
    double s = 0;
    const Pt o = pts.front();
    for (size_t k = 0; k < pts.size(); ++k) {
        const Pt& a = pts[k];
        const Pt& b = pts[(k + 1) % pts.size()];
        s += (a[0] - o[0]) * (b[1] - o[1]) - (b[0] - o[0]) * (a[1] - o[1]);
    }
    return std::abs(s) / 2;
}

/// A star-shaped polygon (angles strictly increasing, radii positive: always simple) of
/// `area` m² around `c`.
std::vector<Pt> star(Rng& r, Pt c, double area) {
    const size_t n = 5 + r.i(12);
    std::vector<double> ang(n);
    const double rot = r.u(0, 2 * kPi);
    for (size_t k = 0; k < n; ++k) ang[k] = rot + 2 * kPi * (static_cast<double>(k) + r.u(0.1, 0.9)) / static_cast<double>(n);
    std::vector<Pt> unit(n);
    const double stretch = r.u(1.0, 2.5);  // elongated sites as well as compact ones
    const double cs = std::cos(rot), sn = std::sin(rot);
    for (size_t k = 0; k < n; ++k) {
        const double rad = r.u(0.6, 1.4);
        const double x = rad * std::cos(ang[k]) * stretch, y = rad * std::sin(ang[k]) / stretch;
        unit[k] = {x * cs - y * sn, x * sn + y * cs};
    }
    const double s = std::sqrt(area / ring_area(unit));
    std::vector<Pt> pts(n);
    for (size_t k = 0; k < n; ++k) pts[k] = {mm(c[0] + unit[k][0] * s), mm(c[1] + unit[k][1] * s)};
    return pts;
}

/// A polyline of 2–8 segments of 100–800 m, heading wandering by up to ±40° per vertex.
std::vector<Pt> corridor(Rng& r, Pt c) {
    const size_t segs = 2 + r.i(7);
    double heading = r.u(0, 2 * kPi);
    std::vector<Pt> pts{{mm(c[0]), mm(c[1])}};
    Pt p = c;
    for (size_t k = 0; k < segs; ++k) {
        const double len = r.u(100, 800);
        p = {p[0] + len * std::cos(heading), p[1] + len * std::sin(heading)};
        pts.push_back({mm(p[0]), mm(p[1])});
        heading += r.u(-0.7, 0.7);
    }
    return pts;
}

/// GEOS 3.11 has no GEOSPreparedContainsXY (3.12+): a point geometry it is.
bool contains_xy(const zoning::GeosContext& ctx, const GEOSPreparedGeometry* prepared, double x, double y) {
    zoning::Geom p = ctx.own(GEOSGeom_createPointFromXY_r(ctx, x, y), "point");
    return GEOSPreparedContains_r(ctx, prepared, p.get()) == 1;
}

struct Target {
    std::string layer;
    const zoning::ZoneFeature* feature;
};

Pt point_in(const zoning::GeosContext& ctx, Rng& r, const GEOSGeometry* g, const zoning::Envelope& env,
            const GEOSPreparedGeometry* prepared) {
    for (int tries = 0; tries < 64; ++tries) {
        const Pt p{r.u(env.minx, env.maxx), r.u(env.miny, env.maxy)};
        if (contains_xy(ctx, prepared, p[0], p[1])) return p;
    }
    zoning::Geom s = ctx.own(GEOSPointOnSurface_r(ctx, g), "point on surface");
    double x = 0, y = 0;
    GEOSGeomGetX_r(ctx, s.get(), &x);
    GEOSGeomGetY_r(ctx, s.get(), &y);
    return {x, y};
}

Pt point_on_boundary(const zoning::GeosContext& ctx, Rng& r, const GEOSGeometry* g) {
    zoning::Geom b = ctx.own(GEOSBoundary_r(ctx, g), "boundary");
    double len = 0;
    GEOSLength_r(ctx, b.get(), &len);
    zoning::Geom p = ctx.own(GEOSInterpolate_r(ctx, b.get(), r.u() * len), "interpolate");
    double x = 0, y = 0;
    GEOSGeomGetX_r(ctx, p.get(), &x);
    GEOSGeomGetY_r(ctx, p.get(), &y);
    return {x, y};
}

}  // namespace

double Rng::log_u(double a, double b) { return a * std::exp(u() * std::log(b / a)); }

const char* to_string(Placement p) {
    switch (p) {
        case Placement::inside: return "inside";
        case Placement::across: return "across";
        case Placement::anywhere: return "anywhere";
    }
    return "anywhere";
}

std::vector<Item> generate(const zoning::LoadedCatalog& catalog, const Options& opts,
                           const zoning::GeosContext& ctx) {
    // Targets: per layer, its polygon features. A layer is chosen uniformly, then a feature,
    // so a layer of thousands of parcels does not crowd out one of five reserves.
    std::vector<std::vector<Target>> targets;
    const zoning::ZoneLayer* area_layer = nullptr;
    for (const zoning::ZoneLayer& l : catalog.layers()) {
        const zoning::LayerKind k = l.spec().kind;
        if (k == zoning::LayerKind::admin || k == zoning::LayerKind::control_unit) {
            if (k == zoning::LayerKind::admin && area_layer == nullptr) area_layer = &l;
            continue;
        }
        std::vector<Target> t;
        for (const zoning::ZoneFeature& f : l.features())
            if (f.dimension == 2) t.push_back({l.spec().id, &f});
        if (!t.empty()) targets.push_back(std::move(t));
    }
    if (targets.empty())
        throw zoning::InputError(catalog.catalog().path.string() +
                                 ": no polygon layer (other than admin and control_unit) to place footprints on");

    // The area "anywhere" footprints fall in: the district, or the catalog's extent.
    zoning::Geom area_geom(nullptr, zoning::GeomDeleter{ctx.handle()});
    zoning::Envelope area_env = catalog.extent();
    if (area_layer != nullptr) {
        area_geom = ctx.clone(area_layer->union_geometry());
        area_env = ctx.envelope(area_geom.get());
    }
    zoning::Prepared area_prep = area_geom ? ctx.prepare(area_geom.get()) : zoning::Prepared(nullptr, zoning::PreparedDeleter{ctx.handle()});

    Rng r(opts.seed);
    std::vector<Item> items;
    items.reserve(opts.count);
    size_t n_site = 0, n_line = 0, n_point = 0;
    for (size_t k = 0; k < opts.count; ++k) {
        Item it;
        const double s = r.u();
        it.shape = s < opts.site_share                         ? Shape::site
                   : s < opts.site_share + opts.corridor_share ? Shape::corridor
                                                               : Shape::point;
        const double p = r.u();
        it.placement = p < opts.inside_share                     ? Placement::inside
                       : p < opts.inside_share + opts.across_share ? Placement::across
                                                                   : Placement::anywhere;
        Pt c{};
        if (it.placement == Placement::anywhere) {
            for (int tries = 0; tries < 64; ++tries) {
                c = {r.u(area_env.minx, area_env.maxx), r.u(area_env.miny, area_env.maxy)};
                if (!area_prep || contains_xy(ctx, area_prep.get(), c[0], c[1])) break;
            }
        } else {
            const std::vector<Target>& layer = targets[r.i(targets.size())];
            const Target& t = layer[r.i(layer.size())];
            it.target = t.layer;
            if (it.placement == Placement::inside) {
                zoning::Prepared fp = ctx.prepare(t.feature->geom.get());
                c = point_in(ctx, r, t.feature->geom.get(), t.feature->env, fp.get());
            } else {
                c = point_on_boundary(ctx, r, t.feature->geom.get());
            }
        }
        char id[16];
        switch (it.shape) {
            case Shape::site:
                std::snprintf(id, sizeof id, "S%06zu", ++n_site);
                it.geom = make_ring_polygon(ctx, star(r, c, r.log_u(0.5e4, 50e4)));
                break;
            case Shape::corridor:
                std::snprintf(id, sizeof id, "L%06zu", ++n_line);
                it.width_m = std::round(r.u(6, 40) * 2) / 2;
                it.geom = make_line(ctx, corridor(r, c));
                break;
            case Shape::point:
                std::snprintf(id, sizeof id, "P%06zu", ++n_point);
                it.geom = make_point(ctx, c);
                break;
        }
        it.id = id;
        items.push_back(std::move(it));
    }
    return items;
}

}  // namespace workload
