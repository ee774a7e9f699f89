#include "stats/disjoint_pieces.hpp"

#include <zoning/error.hpp>

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

namespace zoning::stats {

bool polygonal_layer(const ZoneLayer& layer) {
    if (layer.features().empty()) return false;
    for (const auto& f : layer.features()) {
        if (f.dimension != 2) return false;
    }
    return true;
}

namespace {

bool plain_polygonal(const GeosContext& ctx, const GEOSGeometry* g) {
    const int t = GEOSGeomTypeId_r(ctx, g);
    return t == GEOS_POLYGON || t == GEOS_MULTIPOLYGON;
}

/// What one thread needs: its own GEOS context and PROJ objects.
struct Worker {
    Worker(const Crs& working, EllipsoidalMethod method) : meter(working, method) {}
    GeosContext ctx;
    AreaMeter meter;
};

}  // namespace

DisjointPieces::DisjointPieces(const GeosContext& ctx, const Crs& working, EllipsoidalMethod method,
                               const ZoneLayer& layer, double touch_m2, unsigned threads)
    : layer_(&layer) {
    const auto& features = layer.features();
    pieces_.resize(features.size());
    // The polygons of each feature: the feature itself, or the polygons of a MakeValid collection
    // (overlay takes no mixed collections), kept whole for the features after it to subtract.
    std::vector<const GEOSGeometry*> poly(features.size());
    for (size_t i = 0; i < features.size(); ++i) {
        poly[i] = features[i].geom.get();
        if (!plain_polygonal(ctx, poly[i])) {
            extracted_.push_back(ctx.polygonal_part(poly[i]));
            poly[i] = extracted_.back().get();
        }
    }

    std::atomic<size_t> cut{0};
    // Piece i reads only the (immutable) features: the pieces are cut in parallel, each thread
    // with its own GEOS context and PROJ objects, and come out the same for any thread count.
    auto cut_one = [&](size_t i, const GeosContext& c, const AreaMeter& meter) {
        Piece& p = pieces_[i];
        p.geom = poly[i];
        // The features before this one that it meets (envelope, then an exact prepared test:
        // GEOSIntersects would run a full relate for every pair).
        std::vector<const GEOSGeometry*> earlier;
        Prepared prep(nullptr, PreparedDeleter{c.handle()});
        for (size_t j : layer.query(features[i].env)) {
            if (j >= i) break;  // ascending
            if (!prep) prep = c.prepare(poly[i]);
            const char hit = GEOSPreparedIntersects_r(c, prep.get(), poly[j]);
            if (hit == 2) throw InternalError("GEOS intersects failed: " + c.last_error());
            if (hit == 1) earlier.push_back(poly[j]);
        }
        p.planar = meter.planar(c, p.geom);
        if (!earlier.empty()) {
            // Touching neighbours (a clean parcel map) leave the feature whole; only a real
            // overlap cuts it.
            Geom others = earlier.size() == 1 ? c.clone(earlier.front()) : c.union_all(earlier);
            Geom rest = c.polygonal_part(c.own(GEOSDifference_r(c, poly[i], others.get()), "difference").get());
            const double rest_planar = meter.planar(c, rest.get());
            if (p.planar - rest_planar >= touch_m2) {
                ++cut;
                p.owned = std::move(rest);
                p.geom = p.owned.get();
                p.planar = rest_planar;
            }
        }
        if (GEOSisEmpty_r(c, p.geom) != 0 || p.planar <= 0) {
            p.geom = nullptr;  // (an extracted polygon stays in extracted_ for the features after it)
            p.owned.reset();
            p.planar = 0;
            return;
        }
        p.ellipsoidal = meter.ellipsoidal(c, p.geom);
    };

    const unsigned n = threads > 0 ? threads : std::max(1u, std::thread::hardware_concurrency());
    if (n == 1 || features.size() < 256) {
        const AreaMeter meter(working, method);
        for (size_t i = 0; i < features.size(); ++i) cut_one(i, ctx, meter);
    } else {
        std::mutex make_lock;  // GEOS_init_r races (libgeos/geos#1311)
        tbb::enumerable_thread_specific<std::unique_ptr<Worker>> workers;
        tbb::task_arena arena(static_cast<int>(n));
        arena.execute([&] {
            tbb::parallel_for(tbb::blocked_range<size_t>(0, features.size(), 64), [&](const tbb::blocked_range<size_t>& r) {
                std::unique_ptr<Worker>& w = workers.local();
                if (!w) {
                    std::lock_guard<std::mutex> lock(make_lock);
                    w = std::make_unique<Worker>(working, method);
                }
                for (size_t i = r.begin(); i != r.end(); ++i) cut_one(i, w->ctx, w->meter);
            });
        });
        // The pieces outlive the workers' contexts: hand them to `ctx` (a context does not own
        // the geometries it made; only its handle is needed to free them).
        for (Piece& p : pieces_) {
            if (p.owned) p.owned = Geom(p.owned.release(), GeomDeleter{ctx.handle()});
        }
    }
    cut_ = cut.load();
}

}  // namespace zoning::stats
