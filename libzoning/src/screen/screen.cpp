// Screening one footprint against every layer: index query, prepared predicates, overlay only
// where needed, measure, judge.
#include <zoning/error.hpp>
#include <zoning/screen.hpp>

#include "geom/bounds.hpp"
#include "geom/corridor.hpp"
#include "screen/land_use.hpp"
#include "screen/coverage.hpp"

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
    coverage::Check cover{ctx, catalog};  ///< the catalog's coverage, prepared for this thread
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

    /// The rule packs, loaded on the first footprint with a category when not given.
    const RuleSet& rules() {
        if (!opts.rules) opts.rules = std::make_shared<const RuleSet>(load_catalog_rules(catalog.catalog()));
        return *opts.rules;
    }

    /// The verdicts of a conflict and its class rows by the rules for a project of `category`
    /// (docs/rules.md): each class row by its grade, the layer's row as its worst class row, or by
    /// the layer's own grade without classes; each feature hit takes its row's verdict (the map
    /// and the GeoPackage colour the pieces by it). A near entry is not in the zone: no rule.
    void apply_rules(Conflict& c, const LayerSpec& spec, Category category) {
        if (c.near_only) {
            AppliedRule near;
            near.basis = kNearBasis;
            near.layer_verdict = true;
            c.rule = near;
            for (ClassRow& row : c.classes)
                row.rule = near;
            return;
        }
        const RuleSet& set = rules();
        if (c.classes.empty()) {
            const std::string cls = c.features.empty() ? std::string() : c.features.front().cls;
            RuleDecision d = decide(set, spec.kind, grade_for(spec, cls), category, c.verdict);
            c.verdict = d.verdict;
            c.rule = std::move(d.rule);
            for (FeatureHit& h : c.features)
                h.verdict = c.verdict;
            return;
        }
        for (ClassRow& row : c.classes) {
            RuleDecision d = decide(set, spec.kind, grade_for(spec, row.cls), category, row.verdict);
            row.verdict = d.verdict;
            row.rule = std::move(d.rule);
            for (size_t i : row.features)
                c.features[i].verdict = row.verdict;
        }
        std::stable_sort(c.classes.begin(), c.classes.end(),
                         [](const ClassRow& a, const ClassRow& b) { return a.verdict > b.verdict; });
        c.verdict = c.classes.front().verdict;
        c.rule = c.classes.front().rule;
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

    /// What a hit of one feature leaves for the layer's and its class's figures.
    struct HitParts {
        bool inside = false;              ///< the feature holds the whole (areal) footprint
        const GEOSGeometry* len = nullptr;  ///< the geometry whose length counts (or none)
    };

    /// The length of a line footprint along a line zone: its part within kAlongTolerance of it.
    Geom along(const ZoneFeature& f, const GEOSGeometry* line) const {
        Geom band = ctx.own(GEOSBuffer_r(ctx, f.geom.get(), kAlongTolerance, 8), "along buffer");
        return ctx.lineal_part(intersection(band.get(), line).get());
    }

    /// The class rows of a conflict (a layer with a class_field): features grouped by class, each
    /// group measured as the union of its pieces (the layer's own figures when it is the only one).
    void class_rows(Conflict& c, const LayerSpec& spec, Mode mode, const std::vector<HitParts>& parts,
                    const FootprintResult& r) {
        std::vector<std::string> order;
        std::vector<std::vector<size_t>> groups;
        for (size_t i = 0; i < c.features.size(); ++i) {
            const auto it = std::find(order.begin(), order.end(), c.features[i].cls);
            if (it == order.end()) {
                order.push_back(c.features[i].cls);
                groups.push_back({i});
            } else {
                groups[static_cast<size_t>(it - order.begin())].push_back(i);
            }
        }
        for (size_t g = 0; g < order.size(); ++g) {
            ClassRow row;
            row.cls = order[g];
            const auto rule = spec.classes.find(row.cls);
            row.title = rule != spec.classes.end() && !rule->second.title.empty() ? rule->second.title : row.cls;
            row.features = groups[g];
            row.near_only = c.near_only;
            bool first = true;
            for (size_t i : row.features) {
                const FeatureHit& h = c.features[i];
                row.verdict = first ? h.verdict : most_severe(row.verdict, h.verdict);
                row.distance_m = first ? h.distance_m : std::min(row.distance_m, h.distance_m);
                first = false;
            }
            if (c.near_only) {
                c.classes.push_back(std::move(row));
                continue;
            }
            row.distance_m = 0;
            if (order.size() == 1) {
                // One class: the layer's figures.
                row.area_m2 = c.area_m2;
                row.area_ellipsoidal_m2 = c.area_ellipsoidal_m2;
                row.length_m = c.length_m;
                row.share = c.share;
            } else if (row.features.size() == 1) {
                const FeatureHit& h = c.features[row.features.front()];
                row.area_m2 = h.area_m2;
                row.area_ellipsoidal_m2 = h.area_ellipsoidal_m2;
                row.length_m = h.length_m;
            } else {
                std::vector<const GEOSGeometry*> pieces, lens;
                bool whole = false;
                for (size_t i : row.features) {
                    pieces.push_back(c.features[i].piece.get());
                    if (parts[i].len != nullptr) lens.push_back(parts[i].len);
                    whole = whole || parts[i].inside;
                }
                if (mode == Mode::area) {
                    if (whole) {
                        row.area_m2 = r.area_m2;
                        row.area_ellipsoidal_m2 = r.area_ellipsoidal_m2;
                    } else {
                        const Geom u = ctx.union_all(pieces);
                        row.area_m2 = planar(u.get());
                        row.area_ellipsoidal_m2 = ellipsoidal(u.get());
                    }
                }
                if (!lens.empty()) row.length_m = length(ctx.union_all(lens).get());
            }
            if (order.size() > 1) {
                if (mode == Mode::area) row.share = r.area_m2 > 0 ? row.area_m2 / r.area_m2 : 0;
                else if (mode == Mode::line) row.share = r.length_m > 0 ? row.length_m / r.length_m : 0;
                else row.share = 1;
            }
            c.classes.push_back(std::move(row));
        }
        std::stable_sort(c.classes.begin(), c.classes.end(),
                         [](const ClassRow& a, const ClassRow& b) { return a.verdict > b.verdict; });
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
        std::vector<const GEOSGeometry*> pieces;  // area pieces or line pieces
        std::vector<HitParts> parts;              // per feature hit
        std::vector<Geom> owned;
        bool whole = false;  // a feature contains the whole footprint
        // A line footprint meets a line zone within kAlongTolerance of it (it runs along it).
        const double reach = mode == Mode::line ? kAlongTolerance : 0.0;
        const Envelope reach_env = env.grown(reach);
        for (size_t fi : layer.query(env.grown(std::max(near, reach)))) {
            const ZoneFeature& f = layer.features()[fi];
            const bool along_line = mode == Mode::line && f.dimension == 1;
            if (!f.env.intersects(along_line ? reach_env : env)) {
                near_candidates.push_back(fi);
                continue;
            }
            const GEOSPreparedGeometry* p = prep(li, fi);
            if (!holds(GEOSPreparedIntersects_r(ctx, p, screened), "intersects") &&
                !(along_line && holds(GEOSPreparedDistanceWithin_r(ctx, p, screened, kAlongTolerance), "distanceWithin"))) {
                near_candidates.push_back(fi);
                continue;
            }
            FeatureHit h;
            h.fid = f.fid;
            h.name = f.name;
            h.code = f.code;
            h.cls = f.cls;
            h.verdict = f.verdict;
            HitParts hp;
            bool hit = false;
            if (f.dimension < 2) {
                // A line or point zone (a river, a well): any intersection is a hit.
                h.piece = intersection(f.geom.get(), screened);
                if (along_line) {
                    // A line footprint: the length of it along the zone line; the piece is where
                    // they meet, or the part along it when they do not quite (within the tolerance).
                    Geom a = along(f, screened);
                    h.length_m = length(a.get());
                    hp.len = a.get();
                    if (GEOSisEmpty_r(ctx, h.piece.get()) != 0) h.piece = ctx.clone(a.get());
                    owned.push_back(std::move(a));
                } else {
                    h.length_m = length(h.piece.get());
                    if (mode != Mode::point) hp.len = h.piece.get();
                }
                hit = true;
            } else if (mode == Mode::point) {
                // A point on the boundary counts as inside: a tower's footing there touches the zone.
                hit = true;
                h.piece = intersection(f.geom.get(), screened);
            } else if (mode == Mode::line) {
                h.piece = line_inside(f, p, screened);
                h.length_m = length(h.piece.get());
                hp.len = h.piece.get();
                hit = h.length_m > kMinConflictLength;
            } else {
                // Inside the feature, the piece is the footprint: its areas are the footprint's,
                // already measured (the same function of the same coordinates, so the same bits).
                const bool inside = holds(GEOSPreparedContainsProperly_r(ctx, p, screened), "containsProperly");
                if (inside) {
                    h.piece = ctx.clone(screened);
                    whole = true;
                    hp.inside = true;
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
                        hp.len = in.get();
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
            parts.push_back(hp);
        }

        if (!c.features.empty()) {
            // The layer's conflict: footprint ∩ union(features); overlaps count once.
            const bool all = whole && mode == Mode::area;  // the whole footprint: measured already
            c.piece = all ? ctx.clone(screened) : ctx.union_all(pieces);
            // Lengths: a line footprint inside the layer (along its lines), a corridor's centre
            // line inside, the layer's lines (rivers) inside an areal footprint.
            std::vector<const GEOSGeometry*> lens;
            for (const HitParts& hp : parts) {
                if (hp.len != nullptr) lens.push_back(hp.len);
            }
            if (!lens.empty()) c.length_m = length(ctx.union_all(lens).get());
            if (mode == Mode::area) {
                c.area_m2 = all ? r.area_m2 : planar(c.piece.get());
                c.area_ellipsoidal_m2 = all ? r.area_ellipsoidal_m2 : ellipsoidal(c.piece.get());
                c.share = r.area_m2 > 0 ? c.area_m2 / r.area_m2 : 0;
                if (spec.kind == LayerKind::urban_boundary) c.outside_m2 = std::max(0.0, r.area_m2 - c.area_m2);
            } else if (mode == Mode::line) {
                c.share = r.length_m > 0 ? c.length_m / r.length_m : 0;
            } else {
                c.share = 1;
            }
            if (!spec.class_field.empty()) class_rows(c, spec, mode, parts, r);
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
        if (!spec.class_field.empty()) class_rows(c, spec, mode, {}, r);
        return c;
    }
};

Screener::Screener(const LoadedCatalog& catalog, ScreenOptions opts)
    : impl_(std::make_unique<Impl>(catalog, std::move(opts))) {}
Screener::~Screener() = default;
const GeosContext& Screener::context() const noexcept { return impl_->ctx; }
std::shared_ptr<const GeosContext> Screener::shared_context() const noexcept { return impl_->ctx_owner; }
const AreaMeter& Screener::meter() const noexcept { return impl_->meter; }

namespace {

/// A footprint's result before it is measured: what it is, from the footprint read.
FootprintResult result_of(const GeosContext& ctx, const Footprint& fp) {
    FootprintResult r;
    r.id = fp.id;
    r.name = fp.name;
    r.source = fp.source;
    r.geometry_type = fp.geometry_type;
    r.width_m = fp.width_m;
    r.radius_m = fp.radius_m;
    r.dimension = geometry_dimension(ctx, fp.geom.get());
    r.category = fp.category;
    return r;
}

/// The result of a footprint that could not be screened: verdict unknown, the reason given.
FootprintResult not_screened(const GeosContext& ctx, const Footprint& fp, const std::string& reason) {
    FootprintResult r = result_of(ctx, fp);
    r.geom = ctx.clone(fp.geom.get());
    r.verdict = Verdict::unknown;
    r.not_screened = reason;
    return r;
}

}  // namespace

FootprintResult Screener::screen(const Footprint& fp) {
    const std::string who = "footprint " + fp.id + " (" + fp.source + ")";
    if (!fp.not_screened.empty()) return not_screened(impl_->ctx, fp, fp.not_screened);
    try {
        return geom::guarded(impl_->opts.footprint_timeout_s, who, [&] { return screen_one(fp); });
    } catch (const geom::FootprintTimeout& e) {
        // That footprint is `unknown`; the others are screened (issue 13).
        return not_screened(impl_->ctx, fp, e.reason("screening"));
    } catch (const InputError& e) {
        const std::string what = e.what();
        if (what.rfind(who, 0) == 0) throw;
        throw InputError(who + ": " + what);
    }
}

FootprintResult Screener::screen_one(const Footprint& fp) {
    Impl& m = *impl_;
    const GeosContext& ctx = m.ctx;
    FootprintResult r = result_of(ctx, fp);
    const int dim = r.dimension;

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
        if (is_descriptive(m.layers[li]->spec().kind)) continue;  // land use: the table below, no verdict
        Conflict c = m.screen_layer(li, r.geom.get(), mode, centreline.get(), r);
        if (c.features.empty()) continue;
        if (fp.category) m.apply_rules(c, m.layers[li]->spec(), *fp.category);
        r.verdict = most_severe(r.verdict, c.verdict);
        r.conflicts.push_back(std::move(c));
    }
    r.land_use = screen::land_use_tables(ctx, m.meter, m.layers, mode == Mode::area ? 2 : mode == Mode::line ? 1 : 0, r);
    m.cover.measure(r, centreline.get(), m.meter);
    if (r.coverage == Coverage::none) r.verdict = Verdict::unknown;  // the catalog says nothing there
    return r;
}

const AppliedRule* Conflict::feature_rule(size_t i) const {
    for (const ClassRow& row : classes) {
        if (std::find(row.features.begin(), row.features.end(), i) != row.features.end())
            return row.rule ? &*row.rule : nullptr;
    }
    return rule ? &*rule : nullptr;
}

bool ScreenReport::has_categories() const {
    return std::any_of(footprints.begin(), footprints.end(),
                       [](const FootprintResult& f) { return f.category.has_value(); });
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
    // The rule packs, loaded once for every thread when a footprint has a category (docs/rules.md).
    ScreenOptions run_opts = opts;
    if (std::any_of(footprints.begin(), footprints.end(), [](const Footprint& f) { return f.category.has_value(); })) {
        if (!run_opts.rules) run_opts.rules = std::make_shared<const RuleSet>(load_catalog_rules(catalog.catalog()));
        rep.rules = run_opts.rules;
    }
    // The coverage's union is made once, here, with the loading context, before any thread uses it.
    if (const ZoneLayer* cover = catalog.coverage_layer()) {
        (void)cover->union_geometry();
        rep.coverage_layer = cover->spec().id;
    } else if (!footprints.empty()) {
        rep.warnings.push_back(coverage::unchecked_warning(catalog));
    }

    // One Screener (GEOS context, prepared geometries, PROJ objects) per worker thread.
    // Contexts are created under a lock: GEOS_init_r races (libgeos/geos#1311).
    std::mutex make_lock;
    tbb::enumerable_thread_specific<std::unique_ptr<Screener>> screeners;
    auto local = [&]() -> Screener& {
        std::unique_ptr<Screener>& s = screeners.local();
        if (!s) {
            std::lock_guard<std::mutex> lock(make_lock);
            s = std::make_unique<Screener>(catalog, run_opts);
        }
        return *s;
    };
    const unsigned threads = opts.threads > 0 ? opts.threads
                                              : std::max(1u, std::thread::hardware_concurrency());
    if (threads == 1 || footprints.size() < 2) {
        Screener& s = local();
        for (size_t i = 0; i < footprints.size(); ++i) {
            rep.footprints[i] = s.screen(footprints[i]);
            if (opts.on_progress) opts.on_progress({"footprints", i + 1, footprints.size()});
        }
    } else {
        std::mutex progress_lock;
        size_t done = 0;
        tbb::task_arena arena(static_cast<int>(threads));
        arena.execute([&] {
            tbb::parallel_for(tbb::blocked_range<size_t>(0, footprints.size(), 1),
                              [&](const tbb::blocked_range<size_t>& range) {
                                  Screener& s = local();
                                  for (size_t i = range.begin(); i != range.end(); ++i) {
                                      rep.footprints[i] = s.screen(footprints[i]);
                                      if (!opts.on_progress) continue;
                                      std::lock_guard<std::mutex> lock(progress_lock);
                                      opts.on_progress({"footprints", ++done, footprints.size()});
                                  }
                              });
        });
    }
    for (const auto& f : rep.footprints) {
        if (!f.not_screened.empty()) {
            rep.warnings.push_back({"footprint " + f.id + " (" + f.source + ")", "not screened (verdict unknown): " + f.not_screened});
        }
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
