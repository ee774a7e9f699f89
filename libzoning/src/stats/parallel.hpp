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

/// Loops over fewer items than this stay on the calling thread: workers cost a GEOS context and
/// PROJ objects each.
inline constexpr size_t kParallelFrom = 256;

/// What one thread measures with: a GEOS context and an AreaMeter of the caller's CRS and method.
struct Worker {
    explicit Worker(const AreaMeter& like) : meter(like.crs(), like.method()) {}
    GeosContext ctx;
    AreaMeter meter;
    Prepared prepared{nullptr, PreparedDeleter{ctx.handle()}};
};

/// What a loop body gets: the context and meter of the thread it runs on.
struct Tools {
    const GeosContext& ctx;
    const AreaMeter& meter;
    bool on_worker;      ///< false on the calling thread
    Prepared& prepared;  ///< this thread's slot for prepared_here

    /// A prepared `g` usable on this thread: `callers` (made by the calling thread) when the body
    /// runs there and it is given, else this thread's own, made on first use. One geometry per
    /// loop: the slot keeps the first one.
    const GEOSPreparedGeometry* prepared_here(const GEOSPreparedGeometry* callers, const GEOSGeometry* g) {
        if (!on_worker && callers != nullptr) return callers;
        if (!prepared) prepared = ctx.prepare(g);
        return prepared.get();
    }
};

/// Worker threads for `threads` (0: one per core).
inline unsigned worker_count(unsigned threads) {
    return threads > 0 ? threads : std::max(1u, std::thread::hardware_concurrency());
}

/// Calls body(tools, i) for i in [0, n): on the calling thread with `ctx` and `meter` when
/// `worth_workers` is false or `threads` comes to one, else on workers. Geometries a body makes
/// on a worker belong to that worker's context, which ends with this call: hand them over
/// (hand_over) to `ctx` afterwards, which is harmless for those made on the calling thread.
template <class Body>
void for_each_item(size_t n, unsigned threads, bool worth_workers, const GeosContext& ctx, const AreaMeter& meter,
                   size_t grain, Body body) {
    const unsigned t = worker_count(threads);
    if (t == 1 || !worth_workers || n < 2) {
        Prepared slot(nullptr, PreparedDeleter{ctx.handle()});
        Tools tools{ctx, meter, false, slot};
        for (size_t i = 0; i < n; ++i) body(tools, i);
        return;
    }
    std::mutex make_lock;  // GEOS_init_r races (libgeos/geos#1311)
    tbb::enumerable_thread_specific<std::unique_ptr<Worker>> workers;
    tbb::task_arena arena(static_cast<int>(t));
    arena.execute([&] {
        tbb::parallel_for(tbb::blocked_range<size_t>(0, n, grain), [&](const tbb::blocked_range<size_t>& r) {
            std::unique_ptr<Worker>& w = workers.local();
            if (!w) {
                std::lock_guard<std::mutex> lock(make_lock);
                w = std::make_unique<Worker>(meter);
            }
            Tools tools{w->ctx, w->meter, true, w->prepared};
            for (size_t i = r.begin(); i != r.end(); ++i) body(tools, i);
        });
    });
}

/// Gives `g` (perhaps made by a worker's context) to `ctx`: a context does not own the geometries
/// it made, only its handle is needed to free them.
inline void hand_over(Geom& g, const GeosContext& ctx) {
    if (g) g = Geom(g.release(), GeomDeleter{ctx.handle()});
}

}  // namespace zoning::stats
