#pragma once
// Internal: the loops of `stats` over pieces, on worker threads. Each worker has its own GEOS
// context and PROJ objects (neither is thread-safe) and whatever it prepares (prepared
// geometries are not thread-safe either), made on its first item; the shared inputs are only
// read. Results go to per-item slots, so they do not depend on the number of threads.
#include <zoning/area.hpp>
#include <zoning/geos.hpp>

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cstddef>
#include <memory>
#include <mutex>
#include <thread>

namespace zoning::stats {

/// What one thread measures with: a GEOS context and an AreaMeter of the caller's CRS and method.
struct Worker {
    explicit Worker(const AreaMeter& like) : meter(like.crs(), like.method()) {}
    GeosContext ctx;
    AreaMeter meter;
    Prepared prepared{nullptr, PreparedDeleter{ctx.handle()}};  ///< for the loop's own use
};

/// Worker threads for `threads` (0: one per core).
inline unsigned worker_count(unsigned threads) {
    return threads > 0 ? threads : std::max(1u, std::thread::hardware_concurrency());
}

/// Calls body(worker, i) for i in [0, n) on `threads` workers (> 1). Geometries a body makes
/// belong to its worker's context, which ends with this call: hand them over to a context that
/// lives on (GeomDeleter{ctx.handle()}) before returning.
template <class Body>
void parallel_items(size_t n, unsigned threads, const AreaMeter& like, size_t grain, Body body) {
    std::mutex make_lock;  // GEOS_init_r races (libgeos/geos#1311)
    tbb::enumerable_thread_specific<std::unique_ptr<Worker>> workers;
    tbb::task_arena arena(static_cast<int>(threads));
    arena.execute([&] {
        tbb::parallel_for(tbb::blocked_range<size_t>(0, n, grain), [&](const tbb::blocked_range<size_t>& r) {
            std::unique_ptr<Worker>& w = workers.local();
            if (!w) {
                std::lock_guard<std::mutex> lock(make_lock);
                w = std::make_unique<Worker>(like);
            }
            for (size_t i = r.begin(); i != r.end(); ++i) body(*w, i);
        });
    });
}

/// Gives `g` (made by a worker's context) to `ctx`: a context does not own the geometries it
/// made, only its handle is needed to free them.
inline void hand_over(Geom& g, const GeosContext& ctx) {
    if (g) g = Geom(g.release(), GeomDeleter{ctx.handle()});
}

}  // namespace zoning::stats
