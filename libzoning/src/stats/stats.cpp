// District statistics: union per layer, clipped to the district, broken down per unit.
#include <zoning/error.hpp>
#include <zoning/stats.hpp>

#include "stats/layer_union.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace zoning {

namespace {

/// Below this a polygon piece is a touch, not an area (the screen's threshold, design.md).
constexpr double kTouchM2 = 1e-6;

struct Measure {
    double planar = 0, ellipsoidal = 0, length = 0;
};

bool is_empty(const GeosContext& ctx, const GEOSGeometry* g) { return g == nullptr || GEOSisEmpty_r(ctx, g) != 0; }

Measure measure(const GeosContext& ctx, const AreaMeter& meter, const GEOSGeometry* g) {
    Measure m;
    if (is_empty(ctx, g)) return m;
    m.planar = meter.planar(ctx, g);
    m.ellipsoidal = m.planar > 0 ? meter.ellipsoidal(ctx, g) : 0.0;
    m.length = meter.length(ctx, g);
    return m;
}

/// a ∩ b keeping only parts of the dimension of `a` (polygon ∩ polygon can give lines where
/// they touch; those are not area).
Geom clip(const GeosContext& ctx, const GEOSGeometry* a, int dim_a, const GEOSGeometry* b) {
    Geom g = ctx.own(GEOSIntersection_r(ctx, a, b), "intersection");
    return dim_a == 2 ? ctx.polygonal_part(g.get()) : dim_a == 1 ? ctx.lineal_part(g.get()) : std::move(g);
}

std::string unit_key(const ZoneFeature& f) {
    if (!f.name.empty()) return f.name;
    if (!f.code.empty()) return f.code;
    return "fid " + std::to_string(f.fid);
}

bool control_line(LayerKind k) {
    return k == LayerKind::ecological_redline || k == LayerKind::permanent_farmland ||
           k == LayerKind::urban_boundary;
}

bool coverage_kind(LayerKind k) { return k == LayerKind::admin || k == LayerKind::control_unit; }

int layer_dimension(const ZoneLayer& l) {
    int d = -1;
    for (const auto& f : l.features()) d = std::max(d, f.dimension);
    return d < 0 ? 2 : d;
}

}  // namespace

StatsReport compute_stats(const LoadedCatalog& catalog, const StatsOptions& opts) {
    const GeosContext& ctx = catalog.context();
    const AreaMeter meter(catalog.working_crs(), opts.ellipsoidal);
    StatsReport r;
    r.catalog = catalog.catalog().name;
    r.crs = catalog.working_crs().label();
    r.ellipsoidal = opts.ellipsoidal;
    r.warnings = catalog.warnings();

    auto find = [&](const std::string& id, const std::string& option) -> const ZoneLayer& {
        const ZoneLayer* l = catalog.find(id);
        if (l == nullptr) {
            std::string ids;
            for (const auto& x : catalog.layers()) ids += (ids.empty() ? "" : ", ") + x.spec().id;
            throw InputError(option + ": the catalog " + catalog.catalog().path.string() + " has no layer '" +
                             id + "' (layers: " + ids + ")");
        }
        return *l;
    };

    // The district.
    const ZoneLayer* total = nullptr;
    if (!opts.total.empty()) {
        total = &find(opts.total, "--total");
    } else {
        for (const auto& l : catalog.layers()) {
            if (l.spec().kind == LayerKind::admin) {
                total = &l;
                break;
            }
        }
        if (total == nullptr) {
            throw InputError(catalog.catalog().path.string() + ": no layer of kind admin to measure the district "
                             "with; name one with --total");
        }
    }
    if (layer_dimension(*total) != 2 || total->features().empty()) {
        throw InputError("--total: layer '" + total->spec().id + "' has no polygons to measure the district with");
    }

    // Unions, built once each (coverage union for partitions when they are valid coverages).
    std::map<std::string, stats::LayerUnion> unions;
    auto union_of = [&](const ZoneLayer& l) -> const stats::LayerUnion& {
        auto it = unions.find(l.spec().id);
        if (it == unions.end()) {
            it = unions.emplace(l.spec().id, stats::layer_union(ctx, l, coverage_kind(l.spec().kind))).first;
        }
        return it->second;
    };

    const GEOSGeometry* district = union_of(*total).geom;
    const Measure dm = measure(ctx, meter, district);
    r.total_layer = total->spec().id;
    r.total_title = total->spec().title;
    r.total_area_m2 = dm.planar;
    r.total_area_ellipsoidal_m2 = dm.ellipsoidal;
    const Prepared district_prep = ctx.prepare(district);
    auto share_of_district = [&](double e) { return dm.ellipsoidal > 0 ? e / dm.ellipsoidal : 0.0; };

    // The breakdown units.
    const ZoneLayer* by = opts.by.empty() ? nullptr : &find(opts.by, "--by");
    struct Unit {
        const ZoneFeature* f;
        Prepared prep;
        double area_e;
        std::string key;
    };
    std::vector<Unit> units;
    const GEOSGeometry* units_union = nullptr;
    if (by != nullptr) {
        r.by_layer = by->spec().id;
        r.by_title = by->spec().title;
        if (layer_dimension(*by) != 2) throw InputError("--by: layer '" + by->spec().id + "' has no polygons");
        std::map<std::string, int> seen;
        for (const auto& f : by->features()) ++seen[unit_key(f)];
        for (const auto& f : by->features()) {
            std::string key = unit_key(f);
            if (seen[key] > 1) key += " (fid " + std::to_string(f.fid) + ")";
            units.push_back({&f, ctx.prepare(f.geom.get()), meter.ellipsoidal(ctx, f.geom.get()), std::move(key)});
        }
        units_union = union_of(*by).geom;
    }

    // Layers.
    std::vector<const ZoneLayer*> chosen;
    if (opts.layers.empty()) {
        for (const auto& l : catalog.layers()) chosen.push_back(&l);
    } else {
        for (const auto& id : opts.layers) chosen.push_back(&find(id, "--layers"));
    }
    for (const ZoneLayer* lp : chosen) {
        const ZoneLayer& l = *lp;
        const stats::LayerUnion& lu = union_of(l);
        LayerStats s;
        s.id = l.spec().id;
        s.title = l.spec().title;
        s.kind = l.spec().kind;
        s.features = l.features().size();
        s.dimension = layer_dimension(l);
        s.coverage_union = lu.coverage;
        const GEOSGeometry* u = lu.geom;
        Geom inside_owned(nullptr, GeomDeleter{ctx.handle()});
        const GEOSGeometry* inside = u;
        if (!is_empty(ctx, u) && GEOSPreparedCovers_r(ctx, district_prep.get(), u) != 1) {
            inside_owned = clip(ctx, u, s.dimension, district);
            inside = inside_owned.get();
            Geom out = ctx.own(GEOSDifference_r(ctx, u, district), "difference");
            out = s.dimension == 2 ? ctx.polygonal_part(out.get()) : s.dimension == 1 ? ctx.lineal_part(out.get()) : std::move(out);
            const Measure om = measure(ctx, meter, out.get());
            if (om.planar >= kTouchM2) {
                s.outside_m2 = om.planar;
                s.outside_ellipsoidal_m2 = om.ellipsoidal;
            }
            s.outside_length_m = s.dimension == 1 ? om.length : 0.0;
        }
        const Measure im = measure(ctx, meter, inside);
        s.area_m2 = im.planar;
        s.area_ellipsoidal_m2 = im.ellipsoidal;
        s.length_m = s.dimension == 1 ? im.length : 0.0;
        s.share = share_of_district(s.area_ellipsoidal_m2);

        if (by != nullptr && s.dimension >= 1) {
            double sum = 0, sum_len = 0;
            const Envelope ie = ctx.envelope(inside);
            for (const Unit& unit : units) {
                StatsRow row;
                row.key = unit.key;
                row.fid = unit.f->fid;
                row.unit_area_ellipsoidal_m2 = unit.area_e;
                if (ie.intersects(unit.f->env) && GEOSPreparedIntersects_r(ctx, unit.prep.get(), inside) == 1) {
                    Measure pm;
                    if (GEOSPreparedCovers_r(ctx, unit.prep.get(), inside) == 1) {
                        pm = im;
                    } else {
                        Geom piece = clip(ctx, inside, s.dimension, unit.f->geom.get());
                        pm = measure(ctx, meter, piece.get());
                    }
                    if (pm.planar >= kTouchM2 || pm.length > 0) {
                        row.area_m2 = pm.planar;
                        row.area_ellipsoidal_m2 = pm.ellipsoidal;
                        row.length_m = s.dimension == 1 ? pm.length : 0.0;
                    }
                }
                row.share = unit.area_e > 0 ? row.area_ellipsoidal_m2 / unit.area_e : 0.0;
                sum += row.area_m2;
                sum_len += row.length_m;
                s.by.push_back(std::move(row));
            }
            // The part of the district no unit covers gets its own row: rows always add up.
            const bool short_area = s.dimension == 2 && s.area_m2 - sum > std::max(kTouchM2, 1e-9 * s.area_m2);
            const bool short_len = s.dimension == 1 && s.length_m - sum_len > 1e-6;
            if (short_area || short_len) {
                Geom rest = ctx.own(GEOSDifference_r(ctx, inside, units_union), "difference");
                rest = s.dimension == 2 ? ctx.polygonal_part(rest.get()) : ctx.lineal_part(rest.get());
                const Measure rm = measure(ctx, meter, rest.get());
                if (rm.planar >= kTouchM2 || (s.dimension == 1 && rm.length > 1e-6)) {
                    StatsRow row;
                    row.key = "(" + by->spec().id + " 之外 / outside every " + by->spec().id + " unit)";
                    row.remainder = true;
                    row.area_m2 = rm.planar;
                    row.area_ellipsoidal_m2 = rm.ellipsoidal;
                    row.length_m = s.dimension == 1 ? rm.length : 0.0;
                    row.share = share_of_district(rm.ellipsoidal);
                    sum += row.area_m2;
                    s.by.push_back(std::move(row));
                }
            }
            if (s.dimension == 2 && sum - s.area_m2 > std::max(kTouchM2, 1e-9 * s.area_m2)) {
                r.warnings.push_back({"layer " + s.id + " by " + by->spec().id,
                                      "the units of '" + by->spec().id + "' overlap: the rows sum to " +
                                          std::to_string(sum) + " m², more than the layer's " +
                                          std::to_string(s.area_m2) + " m² in the district (zoning check lists the overlaps)"});
            }
        }
        r.layers.push_back(std::move(s));
    }

    // Overlaps: every pair of control-line layers of different kinds, then the pairs asked for.
    std::vector<std::pair<const ZoneLayer*, const ZoneLayer*>> pairs;
    std::set<std::pair<std::string, std::string>> seen_pairs;
    auto add_pair = [&](const ZoneLayer* a, const ZoneLayer* b) {
        if (a == b) throw InputError("--overlap: a layer with itself ('" + a->spec().id + "'): zoning check lists the overlaps inside one layer");
        auto key = std::minmax(a->spec().id, b->spec().id);
        if (seen_pairs.insert({key.first, key.second}).second) pairs.emplace_back(a, b);
    };
    for (size_t i = 0; i < chosen.size(); ++i) {
        for (size_t j = i + 1; j < chosen.size(); ++j) {
            const LayerKind ka = chosen[i]->spec().kind, kb = chosen[j]->spec().kind;
            if (control_line(ka) && control_line(kb) && ka != kb) add_pair(chosen[i], chosen[j]);
        }
    }
    for (const auto& [a, b] : opts.overlaps) add_pair(&find(a, "--overlap"), &find(b, "--overlap"));
    for (const auto& [a, b] : pairs) {
        OverlapStats o;
        o.a = a->spec().id;
        o.b = b->spec().id;
        const GEOSGeometry* ua = union_of(*a).geom;
        const GEOSGeometry* ub = union_of(*b).geom;
        if (!is_empty(ctx, ua) && !is_empty(ctx, ub) && ctx.envelope(ua).intersects(ctx.envelope(ub))) {
            Geom piece = clip(ctx, ua, 2, ub);
            const Measure m = measure(ctx, meter, piece.get());
            if (m.planar >= kTouchM2) {
                o.area_m2 = m.planar;
                o.area_ellipsoidal_m2 = m.ellipsoidal;
            }
        }
        o.share = share_of_district(o.area_ellipsoidal_m2);
        r.overlaps.push_back(std::move(o));
    }
    return r;
}

}  // namespace zoning
