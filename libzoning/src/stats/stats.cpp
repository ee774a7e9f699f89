// District statistics: union per layer, clipped to the district, broken down per unit.
#include <zoning/error.hpp>
#include <zoning/stats.hpp>

#include "geom/rtree.hpp"
#include "stats/disjoint_pieces.hpp"
#include "stats/layer_union.hpp"
#include "stats/parallel.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
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

int layer_dimension(const ZoneLayer& l) {
    int d = -1;
    for (const auto& f : l.features()) d = std::max(d, f.dimension);
    return d < 0 ? 2 : d;
}


/// A unit of the breakdown layer (--by).
struct Unit {
    const ZoneFeature* f;
    Prepared prep;
    double area_e;
    std::string key;
};

/// What every layer is measured against: the district and the breakdown units.
struct District {
    const GeosContext& ctx;
    const AreaMeter& meter;
    const GEOSGeometry* geom;
    const GEOSPreparedGeometry* prep;
    const std::vector<Unit>& units;
    const GEOSGeometry* units_union;  ///< null without --by
    const ZoneLayer* units_layer;     ///< the --by layer, or null
    unsigned threads;                 ///< workers for the loops over pieces (0: one per core)
};

/// A sliver left where two boundaries meet (under kTouchM2) is a touch: no area. Applied to each
/// piece's leftover (outside the district, outside every unit), so that slivers along a whole
/// boundary do not add up to an area.
Measure unless_touch(const Measure& m) { return m.planar >= kTouchM2 ? m : Measure{}; }

Measure& operator+=(Measure& a, const Measure& b) {
    a.planar += b.planar;
    a.ellipsoidal += b.ellipsoidal;
    a.length += b.length;
    return a;
}

/// A row per unit (and a remainder row, key left empty, when the units leave part of `area`
/// uncovered), from `part_in(unit)` = the layer's measure inside that unit and `rest()` = its
/// measure outside every unit.
template <class PartIn, class Rest>
void unit_rows(const District& d, int dim, const Measure& area, PartIn part_in, Rest rest, LayerStats& s) {
    double sum = 0, sum_len = 0;
    for (const Unit& unit : d.units) {
        StatsRow row;
        row.key = unit.key;
        row.fid = unit.f->fid;
        row.unit_area_ellipsoidal_m2 = unit.area_e;
        const Measure pm = part_in(unit);
        if (pm.planar >= kTouchM2 || pm.length > 0) {
            row.area_m2 = pm.planar;
            row.area_ellipsoidal_m2 = pm.ellipsoidal;
            row.length_m = dim == 1 ? pm.length : 0.0;
        }
        sum += row.area_m2;
        sum_len += row.length_m;
        s.by.push_back(std::move(row));
    }
    // The part of the district no unit covers gets its own row: rows always add up.
    const bool short_area = dim == 2 && area.planar - sum > std::max(kTouchM2, 1e-9 * area.planar);
    const bool short_len = dim == 1 && area.length - sum_len > 1e-6;
    if (short_area || short_len) {
        const Measure rm = rest();
        if (rm.planar >= kTouchM2 || (dim == 1 && rm.length > 1e-6)) {
            StatsRow row;
            row.remainder = true;
            row.area_m2 = rm.planar;
            row.area_ellipsoidal_m2 = rm.ellipsoidal;
            row.length_m = dim == 1 ? rm.length : 0.0;
            s.by.push_back(std::move(row));
        }
    }
}

/// A line or point layer (or a mixed one), measured on its union.
void stats_from_union(const District& d, const GEOSGeometry* u, bool by, LayerStats& s) {
    const GeosContext& ctx = d.ctx;
    const int dim = s.dimension;
    auto part = [&](Geom g) { return dim == 2 ? ctx.polygonal_part(g.get()) : dim == 1 ? ctx.lineal_part(g.get()) : std::move(g); };
    Geom inside_owned(nullptr, GeomDeleter{ctx.handle()});
    const GEOSGeometry* inside = u;
    if (!is_empty(ctx, u) && GEOSPreparedCovers_r(ctx, d.prep, u) != 1) {
        inside_owned = clip(ctx, u, dim, d.geom);
        inside = inside_owned.get();
        const Measure om = measure(ctx, d.meter, part(ctx.own(GEOSDifference_r(ctx, u, d.geom), "difference")).get());
        if (om.planar >= kTouchM2) {
            s.outside_m2 = om.planar;
            s.outside_ellipsoidal_m2 = om.ellipsoidal;
        }
        s.outside_length_m = dim == 1 ? om.length : 0.0;
    }
    const Measure im = measure(ctx, d.meter, inside);
    s.area_m2 = im.planar;
    s.area_ellipsoidal_m2 = im.ellipsoidal;
    s.length_m = dim == 1 ? im.length : 0.0;
    if (!by || dim < 1) return;
    const Envelope ie = ctx.envelope(inside);
    unit_rows(
        d, dim, im,
        [&](const Unit& unit) {
            if (!ie.intersects(unit.f->env) || GEOSPreparedIntersects_r(ctx, unit.prep.get(), inside) != 1) return Measure{};
            if (GEOSPreparedCovers_r(ctx, unit.prep.get(), inside) == 1) return im;
            return measure(ctx, d.meter, clip(ctx, inside, dim, unit.f->geom.get()).get());
        },
        [&] { return measure(ctx, d.meter, part(ctx.own(GEOSDifference_r(ctx, inside, d.units_union), "difference")).get()); },
        s);
}

/// A part of a layer inside the district: a piece (borrowed) or the piece clipped (owned).
struct Inside {
    const GEOSGeometry* geom = nullptr;
    Geom owned;
    Measure m;
};

/// The rows per unit of polygon parts inside the district that do not overlap (`inside`, their
/// sum `in_m`); `near(box)` gives, ascending, the parts whose envelope may meet `box`.
template <class Near>
void rows_of_parts(const District& d, const std::vector<Inside>& inside, Near near, const Measure& in_m,
                   LayerStats& s) {
    const GeosContext& ctx = d.ctx;
    const bool worth_workers = inside.size() >= stats::kParallelFrom;
    // The layer inside each unit: a unit's pieces are summed in their order, units in parallel
    // (each worker prepares the units it takes: prepared geometries are not thread-safe).
    std::vector<Measure> per_unit(d.units.size());
    auto part_in = [&](size_t u, const GeosContext& c, const AreaMeter& meter, const GEOSPreparedGeometry* unit_prep) {
        const Unit& unit = d.units[u];
        Measure sum;
        for (size_t i : near(unit.f->env)) {
            const Inside& in = inside[i];
            if (in.geom == nullptr || GEOSPreparedIntersects_r(c, unit_prep, in.geom) != 1) continue;
            if (GEOSPreparedCovers_r(c, unit_prep, in.geom) == 1) {
                sum += in.m;
            } else {
                sum += measure(c, meter, clip(c, in.geom, 2, unit.f->geom.get()).get());
            }
        }
        per_unit[u] = sum;
    };
    stats::for_each_item(d.units.size(), d.threads, worth_workers, ctx, d.meter, 1, [&](stats::Tools& t, size_t u) {
        if (!t.on_worker) return part_in(u, t.ctx, t.meter, d.units[u].prep.get());
        const Prepared unit_prep = t.ctx.prepare(d.units[u].f->geom.get());
        part_in(u, t.ctx, t.meter, unit_prep.get());
    });
    unit_rows(
        d, 2, in_m, [&](const Unit& unit) { return per_unit[static_cast<size_t>(&unit - d.units.data())]; },
        [&] {
            // The part of each piece outside every unit: the piece less the units near it, one
            // at a time (each overlay clipped to the piece; the whole units' union would be
            // scanned for every piece).
            std::vector<Measure> rest(inside.size());
            auto rest_of = [&](size_t i, const GeosContext& c, const AreaMeter& meter, const GEOSPreparedGeometry* all) {
                const Inside& in = inside[i];
                if (in.geom == nullptr || GEOSPreparedCovers_r(c, all, in.geom) == 1) return;
                Geom left = c.clone(in.geom);
                for (size_t u : d.units_layer->query(c.envelope(in.geom))) {
                    left = c.polygonal_part(c.own(GEOSDifference_r(c, left.get(), d.units_layer->features()[u].geom.get()), "difference").get());
                    if (GEOSisEmpty_r(c, left.get()) != 0) break;
                }
                rest[i] = unless_touch(measure(c, meter, left.get()));
            };
            stats::for_each_item(inside.size(), d.threads, worth_workers, ctx, d.meter, 64, [&](stats::Tools& t, size_t i) {
                rest_of(i, t.ctx, t.meter, t.prepared_here(nullptr, d.units_union));
            });
            Measure sum;
            for (const Measure& m : rest) sum += m;
            return sum;
        },
        s);
}

/// A polygon layer, measured piece by piece (the pieces do not overlap: their measures add up).
void stats_from_pieces(const District& d, const stats::DisjointPieces& dp, bool by, LayerStats& s) {
    const GeosContext& ctx = d.ctx;
    std::vector<Inside> inside(dp.pieces().size());
    std::vector<Measure> outside(dp.pieces().size());
    // Piece i inside and outside the district (clipped only when it crosses the boundary).
    auto split = [&](size_t i, const GeosContext& c, const AreaMeter& meter, const GEOSPreparedGeometry* district) {
        const stats::Piece& p = dp.pieces()[i];
        if (p.geom == nullptr) return;
        Inside& in = inside[i];
        if (GEOSPreparedCovers_r(c, district, p.geom) == 1) {
            in.geom = p.geom;
            in.m = {p.planar, p.ellipsoidal, 0};
        } else if (GEOSPreparedIntersects_r(c, district, p.geom) != 1) {
            outside[i] = {p.planar, p.ellipsoidal, 0};
        } else {
            in.owned = clip(c, p.geom, 2, d.geom);
            in.m = measure(c, meter, in.owned.get());
            if (in.m.planar > 0) in.geom = in.owned.get();
            Geom out = c.polygonal_part(c.own(GEOSDifference_r(c, p.geom, d.geom), "difference").get());
            outside[i] = unless_touch(measure(c, meter, out.get()));
        }
    };
    const bool worth_workers = inside.size() >= stats::kParallelFrom;
    stats::for_each_item(inside.size(), d.threads, worth_workers, ctx, d.meter, 64, [&](stats::Tools& t, size_t i) {
        split(i, t.ctx, t.meter, t.prepared_here(d.prep, d.geom));
    });
    for (Inside& in : inside) stats::hand_over(in.owned, ctx);
    Measure in_m, out_m;  // summed in the pieces' order: the same for any number of threads
    for (size_t i = 0; i < inside.size(); ++i) {
        in_m += inside[i].m;
        out_m += outside[i];
    }
    s.area_m2 = in_m.planar;
    s.area_ellipsoidal_m2 = in_m.ellipsoidal;
    if (out_m.planar >= kTouchM2) {
        s.outside_m2 = out_m.planar;
        s.outside_ellipsoidal_m2 = out_m.ellipsoidal;
    }
    if (!by) return;
    rows_of_parts(d, inside, [&](const Envelope& box) { return dp.query(box); }, in_m, s);
}

/// The overlap union(a) ∩ union(b) of two polygon layers inside the district, as parts that do
/// not overlap (piece of a ∩ piece of b ∩ district), in the order of the outer pieces: for the
/// rows per unit of `--wide`.
std::vector<Inside> overlap_parts_in_district(const District& d, const stats::DisjointPieces& a,
                                              const stats::DisjointPieces& b) {
    const GeosContext& ctx = d.ctx;
    const stats::DisjointPieces& outer = a.pieces().size() <= b.pieces().size() ? a : b;
    const stats::DisjointPieces& inner = &outer == &a ? b : a;
    std::vector<std::vector<Inside>> per_piece(outer.pieces().size());
    auto parts_of = [&](size_t i, const GeosContext& c, const AreaMeter& m, const GEOSPreparedGeometry* district) {
        const stats::Piece& p = outer.pieces()[i];
        if (p.geom == nullptr) return;
        const std::vector<size_t> near = inner.query(outer.layer().features()[i].env);
        if (near.empty()) return;
        const Prepared prep = c.prepare(p.geom);
        for (size_t j : near) {
            const stats::Piece& q = inner.pieces()[j];
            if (q.geom == nullptr || GEOSPreparedIntersects_r(c, prep.get(), q.geom) != 1) continue;
            Inside part;
            if (GEOSPreparedCovers_r(c, prep.get(), q.geom) == 1) {
                part.geom = q.geom;
            } else {
                part.owned = clip(c, q.geom, 2, p.geom);
                part.geom = part.owned.get();
            }
            if (GEOSisEmpty_r(c, part.geom) != 0) continue;
            if (GEOSPreparedCovers_r(c, district, part.geom) != 1) {
                if (GEOSPreparedIntersects_r(c, district, part.geom) != 1) continue;
                part.owned = clip(c, part.geom, 2, d.geom);
                part.geom = part.owned.get();
            }
            part.m = measure(c, m, part.geom);
            if (part.m.planar < kTouchM2) continue;
            per_piece[i].push_back(std::move(part));
        }
    };
    const bool worth_workers = outer.pieces().size() + inner.pieces().size() >= stats::kParallelFrom;
    stats::for_each_item(per_piece.size(), d.threads, worth_workers, ctx, d.meter, 16, [&](stats::Tools& t, size_t i) {
        parts_of(i, t.ctx, t.meter, t.prepared_here(d.prep, d.geom));
    });
    std::vector<Inside> parts;
    for (auto& v : per_piece) {
        for (Inside& part : v) {
            stats::hand_over(part.owned, ctx);
            parts.push_back(std::move(part));
        }
    }
    return parts;
}

/// The classes of a layer with a class_field: most severe verdict first, then in the order they
/// first occur among the features.
std::vector<std::string> classes_of(const ZoneLayer& l) {
    std::vector<std::string> order;
    std::set<std::string> seen;
    for (const auto& f : l.features()) {
        if (seen.insert(f.cls).second) order.push_back(f.cls);
    }
    std::stable_sort(order.begin(), order.end(), [&](const std::string& x, const std::string& y) {
        return l.spec().verdict_for(x) > l.spec().verdict_for(y);
    });
    return order;
}

/// union(a) ∩ union(b) of two polygon layers, summed over pairs of pieces: each piece of the
/// layer with fewer pieces (the larger polygons) is prepared once and meets the pieces of the
/// other layer in its envelope; a piece it covers counts whole, without an overlay. The outer
/// pieces are shared out among `threads` workers; the sum is taken in their order.
Measure overlap_of_pieces(const GeosContext& ctx, const AreaMeter& meter, const stats::DisjointPieces& a,
                          const stats::DisjointPieces& b, unsigned threads) {
    const stats::DisjointPieces& outer = a.pieces().size() <= b.pieces().size() ? a : b;
    const stats::DisjointPieces& inner = &outer == &a ? b : a;
    std::vector<Measure> per_piece(outer.pieces().size());  // summed in order below
    auto overlap_of = [&](size_t i, const GeosContext& c, const AreaMeter& m) {
        const stats::Piece& p = outer.pieces()[i];
        if (p.geom == nullptr) return;
        const std::vector<size_t> near = inner.query(outer.layer().features()[i].env);
        if (near.empty()) return;
        const Prepared prep = c.prepare(p.geom);
        Measure sum;
        for (size_t j : near) {
            const stats::Piece& q = inner.pieces()[j];
            if (q.geom == nullptr || GEOSPreparedIntersects_r(c, prep.get(), q.geom) != 1) continue;
            if (GEOSPreparedCovers_r(c, prep.get(), q.geom) == 1) {
                sum += Measure{q.planar, q.ellipsoidal, 0};
            } else {
                sum += measure(c, m, clip(c, q.geom, 2, p.geom).get());
            }
        }
        per_piece[i] = sum;
    };
    const bool worth_workers = outer.pieces().size() + inner.pieces().size() >= stats::kParallelFrom;
    stats::for_each_item(per_piece.size(), threads, worth_workers, ctx, meter, 16,
                         [&](stats::Tools& t, size_t i) { overlap_of(i, t.ctx, t.meter); });
    Measure sum;
    for (const Measure& m : per_piece) sum += m;
    return sum;
}
}  // namespace

LayerMeasure measure_layer(const LoadedCatalog& catalog, const ZoneLayer& layer, EllipsoidalMethod ellipsoidal,
                           unsigned threads) {
    const GeosContext& ctx = catalog.context();
    const AreaMeter meter(catalog.working_crs(), ellipsoidal);
    LayerMeasure m;
    if (layer.polygonal()) {
        const stats::DisjointPieces dp(ctx, meter, layer, kTouchM2, threads);
        for (const stats::Piece& p : dp.pieces()) {
            m.area_m2 += p.planar;
            m.area_ellipsoidal_m2 += p.ellipsoidal;
        }
        m.overlapping = dp.cut();
    } else {
        const Measure u = measure(ctx, meter, layer.union_geometry());
        m.area_m2 = u.planar;
        m.area_ellipsoidal_m2 = u.ellipsoidal;
        m.length_m = u.length;
    }
    return m;
}

StatsReport compute_stats(const LoadedCatalog& catalog, const StatsOptions& opts) {
    const GeosContext& ctx = catalog.context();
    const AreaMeter meter(catalog.working_crs(), opts.ellipsoidal);
    StatsReport r;
    r.catalog = catalog.catalog().name;
    r.crs = catalog.working_crs().label();
    r.ellipsoidal = opts.ellipsoidal;
    r.warnings = catalog.warnings();
    r.layers_chosen = !opts.layers.empty();
    if (opts.wide && opts.by.empty()) {
        throw InputError("--wide: give the layer whose units make the rows with --by (e.g. --by townships)");
    }
    r.wide = opts.wide;

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
            it = unions.emplace(l.spec().id, stats::layer_union(ctx, l, is_partition(l.spec().kind))).first;
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
        if (opts.wide) {
            for (const Unit& u : units) {
                StatsRow row;
                row.key = u.key;
                row.fid = u.f->fid;
                row.area_m2 = meter.planar(ctx, u.f->geom.get());
                row.area_ellipsoidal_m2 = u.area_e;
                row.unit_area_ellipsoidal_m2 = u.area_e;
                row.share = share_of_district(u.area_e);
                r.units.push_back(std::move(row));
            }
        }
    }

    // Layers.
    std::vector<const ZoneLayer*> chosen;
    if (opts.layers.empty()) {
        for (const auto& l : catalog.layers()) chosen.push_back(&l);
    } else {
        for (const auto& id : opts.layers) chosen.push_back(&find(id, "--layers"));
    }
    // Pieces of the polygon layers, cut once each (see disjoint_pieces.hpp).
    std::map<std::string, std::unique_ptr<stats::DisjointPieces>> cut;
    auto pieces_of = [&](const ZoneLayer& l) -> const stats::DisjointPieces& {
        auto& p = cut[l.spec().id];
        if (!p) p = std::make_unique<stats::DisjointPieces>(ctx, meter, l, kTouchM2, opts.threads);
        return *p;
    };
    const District d{ctx, meter, district, district_prep.get(), units, units_union, by, opts.threads};
    // A row's share is of its unit, the remainder's of the district.
    auto shares_of_rows = [&](std::vector<StatsRow>& rows) {
        for (StatsRow& row : rows) {
            row.share = row.remainder ? share_of_district(row.area_ellipsoidal_m2)
                        : row.unit_area_ellipsoidal_m2 > 0 ? row.area_ellipsoidal_m2 / row.unit_area_ellipsoidal_m2
                                                            : 0.0;
            if (row.remainder) row.key = "(" + by->spec().id + " 之外 / outside every " + by->spec().id + " unit)";
        }
    };

    for (const ZoneLayer* lp : chosen) {
        const ZoneLayer& l = *lp;
        LayerStats s;
        s.id = l.spec().id;
        s.title = l.spec().title;
        s.kind = l.spec().kind;
        s.features = l.features().size();
        s.dimension = layer_dimension(l);
        if (l.polygonal()) {
            const stats::DisjointPieces& p = pieces_of(l);
            s.overlapping = p.cut();
            stats_from_pieces(d, p, by != nullptr, s);
        } else {
            stats_from_union(d, union_of(l).geom, by != nullptr, s);
        }
        s.share = share_of_district(s.area_ellipsoidal_m2);
        if (by != nullptr && s.dimension >= 1) {
            double sum = 0;
            for (const StatsRow& row : s.by) sum += row.area_m2;
            shares_of_rows(s.by);
            if (s.dimension == 2 && sum - s.area_m2 > std::max(kTouchM2, 1e-9 * s.area_m2)) {
                r.warnings.push_back({"layer " + s.id + " by " + by->spec().id,
                                      "the units of '" + by->spec().id + "' overlap: the rows sum to " +
                                          std::to_string(sum) + " m², more than the layer's " +
                                          std::to_string(s.area_m2) + " m² in the district (zoning check lists the overlaps)"});
            }
        }
        if (opts.wide && l.polygonal() && !l.spec().class_field.empty()) {
            // Each class on its own pieces: the union of its features, wherever the other
            // classes lie (a class inside another still counts whole).
            for (const std::string& cls : classes_of(l)) {
                std::vector<char> only(l.features().size(), 0);
                ClassStats c;
                c.cls = cls;
                c.verdict = l.spec().verdict_for(cls);
                for (size_t i = 0; i < only.size(); ++i) {
                    only[i] = l.features()[i].cls == cls ? 1 : 0;
                    c.features += static_cast<size_t>(only[i]);
                }
                const stats::DisjointPieces cp(ctx, meter, l, kTouchM2, opts.threads, &only);
                LayerStats part;
                part.dimension = 2;
                stats_from_pieces(d, cp, true, part);
                shares_of_rows(part.by);
                c.area_m2 = part.area_m2;
                c.area_ellipsoidal_m2 = part.area_ellipsoidal_m2;
                c.share = share_of_district(part.area_ellipsoidal_m2);
                c.outside_m2 = part.outside_m2;
                c.by = std::move(part.by);
                s.classes.push_back(std::move(c));
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
            if (is_control_line(ka) && is_control_line(kb) && ka != kb) add_pair(chosen[i], chosen[j]);
        }
    }
    for (const auto& [a, b] : opts.overlaps) add_pair(&find(a, "--overlap"), &find(b, "--overlap"));
    for (const auto& [a, b] : pairs) {
        OverlapStats o;
        o.a = a->spec().id;
        o.b = b->spec().id;
        Measure m;
        if (a->polygonal() && b->polygonal()) {
            m = overlap_of_pieces(ctx, meter, pieces_of(*a), pieces_of(*b), opts.threads);
        } else {
            const GEOSGeometry* ua = union_of(*a).geom;
            const GEOSGeometry* ub = union_of(*b).geom;
            if (!is_empty(ctx, ua) && !is_empty(ctx, ub) && ctx.envelope(ua).intersects(ctx.envelope(ub))) {
                Geom piece = clip(ctx, ua, 2, ub);
                m = measure(ctx, meter, piece.get());
            }
        }
        if (m.planar >= kTouchM2) {
            o.area_m2 = m.planar;
            o.area_ellipsoidal_m2 = m.ellipsoidal;
        }
        o.share = share_of_district(o.area_ellipsoidal_m2);
        if (opts.wide) {
            // The overlap inside the district, per unit.
            std::vector<Inside> parts;
            if (a->polygonal() && b->polygonal()) {
                parts = overlap_parts_in_district(d, pieces_of(*a), pieces_of(*b));
            } else if (m.planar >= kTouchM2) {
                Inside in;
                in.owned = clip(ctx, clip(ctx, union_of(*a).geom, 2, union_of(*b).geom).get(), 2, district);
                in.m = measure(ctx, meter, in.owned.get());
                if (in.m.planar >= kTouchM2) {
                    in.geom = in.owned.get();
                    parts.push_back(std::move(in));
                }
            }
            std::vector<Envelope> boxes;
            Measure in_m;
            for (const Inside& part : parts) {
                boxes.push_back(ctx.envelope(part.geom));
                in_m += part.m;
            }
            const geom::BoxTree tree(boxes);
            LayerStats rows;
            rows.dimension = 2;
            rows_of_parts(d, parts, [&](const Envelope& box) { return tree.query(box); }, in_m, rows);
            shares_of_rows(rows.by);
            if (in_m.planar >= kTouchM2) {
                o.in_area_m2 = in_m.planar;
                o.in_area_ellipsoidal_m2 = in_m.ellipsoidal;
            }
            o.in_share = share_of_district(o.in_area_ellipsoidal_m2);
            o.by = std::move(rows.by);
        }
        r.overlaps.push_back(std::move(o));
    }
    return r;
}

}  // namespace zoning
