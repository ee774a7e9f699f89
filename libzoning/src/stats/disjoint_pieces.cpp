#include "stats/disjoint_pieces.hpp"

#include <zoning/error.hpp>

#include "stats/parallel.hpp"

#include <atomic>

namespace zoning::stats {

namespace {

bool plain_polygonal(const GeosContext& ctx, const GEOSGeometry* g) {
    const int t = GEOSGeomTypeId_r(ctx, g);
    return t == GEOS_POLYGON || t == GEOS_MULTIPOLYGON;
}

}  // namespace

DisjointPieces::DisjointPieces(const GeosContext& ctx, const AreaMeter& meter, const ZoneLayer& layer,
                               double touch_m2, unsigned threads, const std::vector<char>* only)
    : layer_(&layer) {
    auto taken = [only](size_t i) { return only == nullptr || (*only)[i] != 0; };
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
    auto cut_one = [&](size_t i, const GeosContext& c, const AreaMeter& m) {
        Piece& p = pieces_[i];
        if (!taken(i)) return;
        p.geom = poly[i];
        // The features before this one that it meets (envelope, then an exact prepared test:
        // GEOSIntersects would run a full relate for every pair).
        std::vector<const GEOSGeometry*> earlier;
        Prepared prep(nullptr, PreparedDeleter{c.handle()});
        for (size_t j : layer.query(features[i].env)) {
            if (j >= i) break;  // ascending
            if (!taken(j)) continue;
            if (!prep) prep = c.prepare(poly[i]);
            const char hit = GEOSPreparedIntersects_r(c, prep.get(), poly[j]);
            if (hit == 2) throw InternalError("GEOS intersects failed: " + c.last_error());
            if (hit == 1) earlier.push_back(poly[j]);
        }
        p.planar = m.planar(c, p.geom);
        if (!earlier.empty()) {
            // Touching neighbours (a clean parcel map) leave the feature whole; only a real
            // overlap cuts it.
            // One difference per neighbour: each is clipped to this feature's envelope, where
            // uniting the neighbours first would build their whole outlines (townships: costly).
            Geom rest = c.clone(poly[i]);
            for (const GEOSGeometry* o : earlier) {
                rest = c.polygonal_part(c.own(GEOSDifference_r(c, rest.get(), o), "difference").get());
                if (GEOSisEmpty_r(c, rest.get()) != 0) break;
            }
            const double rest_planar = m.planar(c, rest.get());
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
        p.ellipsoidal = m.ellipsoidal(c, p.geom);
    };

    for_each_item(features.size(), threads, features.size() >= kParallelFrom, ctx, meter, 64,
                  [&](Tools& t, size_t i) { cut_one(i, t.ctx, t.meter); });
    for (Piece& p : pieces_) hand_over(p.owned, ctx);
    cut_ = cut.load();
}

}  // namespace zoning::stats
