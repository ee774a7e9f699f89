// Screening one footprint against every layer: index query, prepared predicates, overlay only
// where needed, measure, judge.
#include <zoning/error.hpp>
#include <zoning/screen.hpp>

#include "geom/bounds.hpp"
#include "geom/corridor.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <mutex>
#include <thread>

namespace zoning {

namespace {

/// How a footprint is measured against polygonal zones.
enum class Mode { area, line, point };

}  // namespace

struct Screener::Impl {
    const LoadedCatalog& catalog;
    ScreenOptions opts;
    std::shared_ptr<GeosContext> ctx_owner = std::make_shared<GeosContext>();
    const GeosContext& ctx = *ctx_owner;
    AreaMeter meter;
    std::vector<const ZoneLayer*> layers;
    /// Prepared geometry per layer and feature, made on first use with this thread's context.
    std::vector<std::vector<Prepared>> prepared;

    Impl(const LoadedCatalog& c, ScreenOptions o)
        : catalog(c), opts(std::move(o)), meter(c.working_crs(), opts.ellipsoidal) {
        for (const auto& id : opts.layers) {
            if (c.find(id) == nullptr) {
                std::string known;
                for (const auto& l : c.layers()) known += (known.empty() ? "" : ", ") + l.spec().id;
                throw InputError("--layers: no layer '" + id + "' in the catalog (layers: " + known + ")");
            }
        }
        for (const auto& l : c.layers()) {
            if (opts.layers.empty() ||
                std::find(opts.layers.begin(), opts.layers.end(), l.spec().id) != opts.layers.end()) {
                layers.push_back(&l);
            }
        }
        prepared.resize(layers.size());
        for (size_t i = 0; i < layers.size(); ++i) {
            prepared[i].reserve(layers[i]->features().size());
            for (size_t j = 0; j < layers[i]->features().size(); ++j) {
                prepared[i].emplace_back(nullptr, PreparedDeleter{ctx.handle()});
            }
        }
    }

    const GEOSPreparedGeometry* prep(size_t li, size_t fi) {
        Prepared& p = prepared[li][fi];
        if (!p) p = ctx.prepare(layers[li]->features()[fi].geom.get());
        return p.get();
    }

    double planar(const GEOSGeometry* g) const { return meter.planar(ctx, g); }
    double ellipsoidal(const GEOSGeometry* g) const { return meter.ellipsoidal(ctx, g); }
    double length(const GEOSGeometry* g) const { return meter.length(ctx, g); }

    /// A GEOS predicate's answer; its exception value (2) is an error, not a "no" (a GEOS
    /// failure or interruption must never drop a conflict).
    bool holds(char answer, const char* what) const {
        if (answer == 2) throw InternalError(std::string("GEOS ") + what + " failed: " + ctx.last_error());
        return answer == 1;
    }

    Geom intersection(const GEOSGeometry* a, const GEOSGeometry* b) const {
        return ctx.own(GEOSIntersection_r(ctx, a, b), "intersection");
    }

    /// The part of a line inside a polygonal feature, without what runs along its boundary.
    Geom line_inside(const ZoneFeature& f, const GEOSPreparedGeometry* p, const GEOSGeometry* line) const {
        if (holds(GEOSPreparedContainsProperly_r(ctx, p, line), "containsProperly")) return ctx.clone(line);
        Geom piece = ctx.lineal_part(intersection(f.geom.get(), line).get());
        if (GEOSisEmpty_r(ctx, piece.get()) != 0) return piece;
        Geom boundary = ctx.own(GEOSBoundary_r(ctx, f.geom.get()), "boundary");
        if (!holds(GEOSIntersects_r(ctx, piece.get(), boundary.get()), "intersects")) return piece;
        return ctx.lineal_part(ctx.own(GEOSDifference_r(ctx, piece.get(), boundary.get()), "difference").get());
    }

    Conflict screen_layer(size_t li, const GEOSGeometry* screened, Mode mode, const GEOSGeometry* centreline,
                          const FootprintResult& r) {
        const ZoneLayer& layer = *layers[li];
        const LayerSpec& spec = layer.spec();
        const double near = spec.near_m.value_or(-1);
        const Envelope env = ctx.envelope(screened);
        Conflict c;
        c.layer = spec.id;
        c.kind = spec.kind;
        c.title = spec.title;

        std::vector<size_t> near_candidates;
        std::vector<const GEOSGeometry*> pieces;        // area pieces or line pieces
        std::vector<const GEOSGeometry*> centre_pieces; // centreline inside, for corridors
        std::vector<Geom> owned;
        bool whole = false;  // a feature contains the whole footprint
        for (size_t fi : layer.query(env.grown(std::max(near, 0.0)))) {
            const ZoneFeature& f = layer.features()[fi];
            if (!f.env.intersects(env)) {
                near_candidates.push_back(fi);
                continue;
            }
            const GEOSPreparedGeometry* p = prep(li, fi);
            if (!holds(GEOSPreparedIntersects_r(ctx, p, screened), "intersects")) {
                near_candidates.push_back(fi);
                continue;
            }
            FeatureHit h;
            h.fid = f.fid;
            h.name = f.name;
            h.code = f.code;
            h.cls = f.cls;
            h.verdict = f.verdict;
            bool hit = false;
            if (f.dimension < 2) {
                // A line or point zone (a river, a well): any intersection is a hit.
                h.piece = intersection(f.geom.get(), screened);
                h.length_m = length(h.piece.get());
                hit = true;
            } else if (mode == Mode::point) {
                // A point on the boundary counts as inside: a tower's footing there touches the zone.
                hit = true;
                h.piece = intersection(f.geom.get(), screened);
            } else if (mode == Mode::line) {
                h.piece = line_inside(f, p, screened);
                h.length_m = length(h.piece.get());
                hit = h.length_m > kMinConflictLength;
            } else {
                // Inside the feature, the piece is the footprint: its areas are the footprint's,
                // already measured (the same function of the same coordinates, so the same bits).
                const bool inside = holds(GEOSPreparedContainsProperly_r(ctx, p, screened), "containsProperly");
                if (inside) {
                    h.piece = ctx.clone(screened);
                    whole = true;
                    h.area_m2 = r.area_m2;
                } else {
                    h.piece = ctx.polygonal_part(intersection(f.geom.get(), screened).get());
                    h.area_m2 = planar(h.piece.get());
                }
                hit = h.area_m2 > kMinConflictArea;
                if (hit) {
                    h.area_ellipsoidal_m2 = inside ? r.area_ellipsoidal_m2 : ellipsoidal(h.piece.get());
                    if (centreline != nullptr) {
                        Geom in = line_inside(f, p, centreline);
                        h.length_m = length(in.get());
                        centre_pieces.push_back(in.get());
                        owned.push_back(std::move(in));
                    }
                }
            }
            if (!hit) {
                near_candidates.push_back(fi);  // touches only: distance 0
                continue;
            }
            c.verdict = most_severe(c.verdict, h.verdict);
            pieces.push_back(h.piece.get());
            c.features.push_back(std::move(h));
        }

        if (!c.features.empty()) {
            // The layer's conflict: footprint ∩ union(features); overlaps count once.
            const bool all = whole && mode == Mode::area;  // the whole footprint: measured already
            c.piece = all ? ctx.clone(screened) : ctx.union_all(pieces);
            if (mode == Mode::area) {
                c.area_m2 = all ? r.area_m2 : planar(c.piece.get());
                c.area_ellipsoidal_m2 = all ? r.area_ellipsoidal_m2 : ellipsoidal(c.piece.get());
                c.share = r.area_m2 > 0 ? c.area_m2 / r.area_m2 : 0;
                if (centreline != nullptr) {
                    Geom u = ctx.union_all(centre_pieces);
                    c.length_m = length(u.get());
                } else if (c.area_m2 == 0) {
                    c.length_m = length(c.piece.get());  // a line zone (a river) inside the site
                }
                if (spec.kind == LayerKind::urban_boundary) c.outside_m2 = std::max(0.0, r.area_m2 - c.area_m2);
            } else if (mode == Mode::line) {
                c.length_m = length(c.piece.get());
                c.share = r.length_m > 0 ? c.length_m / r.length_m : 0;
            } else {
                c.share = 1;
            }
            return c;
        }

        // Not inside: within near_m of it?
        if (near < 0 || near_candidates.empty()) return c;
        double best = std::numeric_limits<double>::infinity();
        for (size_t fi : near_candidates) {
            double d = 0;
            if (GEOSPreparedDistance_r(ctx, prep(li, fi), screened, &d) != 1) {
                throw InternalError("GEOS distance failed: " + ctx.last_error());
            }
            if (d > near) continue;
            const ZoneFeature& f = layer.features()[fi];
            FeatureHit h;
            h.fid = f.fid;
            h.name = f.name;
            h.code = f.code;
            h.cls = f.cls;
            h.verdict = std::min(Verdict::caution, f.verdict);
            h.distance_m = d;
            best = std::min(best, d);
            c.features.push_back(std::move(h));
        }
        if (c.features.empty()) return c;
        std::sort(c.features.begin(), c.features.end(),
                  [](const FeatureHit& a, const FeatureHit& b) { return a.distance_m < b.distance_m; });
        c.near_only = true;
        c.distance_m = best;
        c.verdict = std::min(Verdict::caution, spec.max_verdict());
        if (spec.kind == LayerKind::urban_boundary && mode == Mode::area) c.outside_m2 = r.area_m2;
        return c;
    }
};

Screener::Screener(const LoadedCatalog& catalog, ScreenOptions opts)
    : impl_(std::make_unique<Impl>(catalog, std::move(opts))) {}
Screener::~Screener() = default;
const GeosContext& Screener::context() const noexcept { return impl_->ctx; }
std::shared_ptr<const GeosContext> Screener::shared_context() const noexcept { return impl_->ctx_owner; }
const AreaMeter& Screener::meter() const noexcept { return impl_->meter; }

FootprintResult Screener::screen(const Footprint& fp) {
    const std::string who = "footprint " + fp.id + " (" + fp.source + ")";
    try {
        return geom::guarded(impl_->opts.footprint_timeout_s, who, [&] { return screen_one(fp); });
    } catch (const InputError& e) {
        const std::string what = e.what();
        if (what.rfind(who, 0) == 0) throw;
        throw InputError(who + ": " + what);
    }
}

FootprintResult Screener::screen_one(const Footprint& fp) {
    Impl& m = *impl_;
    const GeosContext& ctx = m.ctx;
    FootprintResult r;
    r.id = fp.id;
    r.name = fp.name;
    r.source = fp.source;
    r.geometry_type = fp.geometry_type;
    r.width_m = fp.width_m;
    r.radius_m = fp.radius_m;
    const int dim = geometry_dimension(ctx, fp.geom.get());
    r.dimension = dim;

    Mode mode = Mode::area;
    Geom centreline(nullptr, GeomDeleter{ctx.handle()});
    if (dim == 2) {
        r.geom = ctx.clone(fp.geom.get());
    } else if (dim == 1) {
        r.length_m = m.length(fp.geom.get());
        if (fp.width_m > 0) {
            // Full width: width/2 each side, flat end caps (the corridor ends where the line does).
            r.geom = geom::corridor(ctx, fp.geom.get(), fp.width_m / 2);
            centreline = ctx.clone(fp.geom.get());
        } else {
            r.geom = ctx.clone(fp.geom.get());
            mode = Mode::line;
        }
    } else {
        if (fp.radius_m > 0) {
            r.geom = ctx.own(GEOSBuffer_r(ctx, fp.geom.get(), fp.radius_m, 32), "disc buffer");
        } else {
            r.geom = ctx.clone(fp.geom.get());
            mode = Mode::point;
        }
    }
    if (mode == Mode::area) {
        r.area_m2 = m.planar(r.geom.get());
        r.area_ellipsoidal_m2 = m.ellipsoidal(r.geom.get());
    }
    for (size_t li = 0; li < m.layers.size(); ++li) {
        Conflict c = m.screen_layer(li, r.geom.get(), mode, centreline.get(), r);
        if (c.features.empty()) continue;
        r.verdict = most_severe(r.verdict, c.verdict);
        r.conflicts.push_back(std::move(c));
    }
    return r;
}

Verdict ScreenReport::worst() const {
    Verdict v = Verdict::allowed;
    for (const auto& f : footprints) v = most_severe(v, f.verdict);
    return v;
}

ScreenReport screen_all(const LoadedCatalog& catalog, const std::vector<Footprint>& footprints,
                        const ScreenOptions& opts) {
    ScreenReport rep;
    rep.catalog = catalog.catalog().name;
    rep.crs = catalog.working_crs().label();
    rep.ellipsoidal = opts.ellipsoidal;
    rep.warnings = catalog.warnings();
    rep.footprints.resize(footprints.size());

    // One Screener (GEOS context, prepared geometries, PROJ objects) per worker thread.
    // Contexts are created under a lock: GEOS_init_r races (libgeos/geos#1311).
    std::mutex make_lock;
    tbb::enumerable_thread_specific<std::unique_ptr<Screener>> screeners;
    auto local = [&]() -> Screener& {
        std::unique_ptr<Screener>& s = screeners.local();
        if (!s) {
            std::lock_guard<std::mutex> lock(make_lock);
            s = std::make_unique<Screener>(catalog, opts);
        }
        return *s;
    };
    const unsigned threads = opts.threads > 0 ? opts.threads
                                              : std::max(1u, std::thread::hardware_concurrency());
    if (threads == 1 || footprints.size() < 2) {
        Screener& s = local();
        for (size_t i = 0; i < footprints.size(); ++i) rep.footprints[i] = s.screen(footprints[i]);
    } else {
        tbb::task_arena arena(static_cast<int>(threads));
        arena.execute([&] {
            tbb::parallel_for(tbb::blocked_range<size_t>(0, footprints.size(), 1),
                              [&](const tbb::blocked_range<size_t>& range) {
                                  Screener& s = local();
                                  for (size_t i = range.begin(); i != range.end(); ++i) {
                                      rep.footprints[i] = s.screen(footprints[i]);
                                  }
                              });
        });
    }
    for (auto& s : screeners) {
        if (s) rep.contexts.push_back(s->shared_context());
    }
    if (rep.contexts.empty()) {
        Screener s(catalog, opts);
        rep.contexts.push_back(s.shared_context());
    }
    rep.context = rep.contexts.front();
    return rep;
}

}  // namespace zoning
