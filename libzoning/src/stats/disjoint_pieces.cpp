#include "stats/disjoint_pieces.hpp"

#include <zoning/error.hpp>

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

}  // namespace

DisjointPieces::DisjointPieces(const GeosContext& ctx, const AreaMeter& meter, const ZoneLayer& layer,
                               double touch_m2)
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
    std::vector<const GEOSGeometry*> earlier;
    for (size_t i = 0; i < features.size(); ++i) {
        Piece& p = pieces_[i];
        p.geom = poly[i];
        // The features before this one that it meets (envelope, then an exact test).
        earlier.clear();
        for (size_t j : layer.query(features[i].env)) {
            if (j >= i) break;  // ascending
            if (pieces_[j].geom == nullptr) continue;  // feature j lies inside features before it
            const char hit = GEOSIntersects_r(ctx, poly[i], poly[j]);
            if (hit == 2) throw InternalError("GEOS intersects failed: " + ctx.last_error());
            if (hit == 1) earlier.push_back(poly[j]);
        }
        p.planar = meter.planar(ctx, p.geom);
        if (!earlier.empty()) {
            // Touching neighbours (a clean parcel map) leave the feature whole; only a real
            // overlap cuts it.
            Geom others = earlier.size() == 1 ? ctx.clone(earlier.front()) : ctx.union_all(earlier);
            Geom rest = ctx.polygonal_part(ctx.own(GEOSDifference_r(ctx, poly[i], others.get()), "difference").get());
            const double rest_planar = meter.planar(ctx, rest.get());
            if (p.planar - rest_planar >= touch_m2) {
                ++cut_;
                p.owned = std::move(rest);
                p.geom = p.owned.get();
                p.planar = rest_planar;
            }
        }
        if (GEOSisEmpty_r(ctx, p.geom) != 0 || p.planar <= 0) {
            p.geom = nullptr;
            p.owned.reset();
            p.planar = 0;  // (an extracted polygon stays in extracted_ for the features after it)
            continue;
        }
        p.ellipsoidal = meter.ellipsoidal(ctx, p.geom);
    }
}

}  // namespace zoning::stats
