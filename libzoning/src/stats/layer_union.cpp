#include "stats/layer_union.hpp"

#include <zoning/error.hpp>

#include <cmath>
#include <vector>

namespace zoning::stats {

double planar_area(const GeosContext& ctx, const GEOSGeometry* g) {
    double a = 0;
    if (g == nullptr || GEOSisEmpty_r(ctx, g) != 0) return 0;
    if (GEOSArea_r(ctx, g, &a) == 0) throw InternalError("GEOS area failed: " + ctx.last_error());
    return a;
}

LayerUnion layer_union(const GeosContext& ctx, const ZoneLayer& layer, bool try_coverage) {
    LayerUnion u;
    bool polygonal = !layer.features().empty();
    for (const auto& f : layer.features()) polygonal = polygonal && f.dimension == 2;
    if (try_coverage && polygonal && layer.features().size() > 1) {
        std::vector<Geom> parts;
        double sum = 0;
        parts.reserve(layer.features().size());
        for (const auto& f : layer.features()) {
            sum += planar_area(ctx, f.geom.get());
            parts.push_back(ctx.clone(f.geom.get()));
        }
        Geom coll = ctx.collect(std::move(parts));
        // GEOS 3.11 does not check that the input is a coverage: check the result instead.
        GEOSGeometry* raw = GEOSCoverageUnion_r(ctx, coll.get());
        if (raw != nullptr) {
            Geom cu(raw, GeomDeleter{ctx.handle()});
            const double area = planar_area(ctx, cu.get());
            if (GEOSisValid_r(ctx, cu.get()) == 1 && std::abs(area - sum) <= 1e-9 * std::max(sum, 1.0)) {
                u.owned = std::move(cu);
                u.geom = u.owned.get();
                return u;
            }
        }
    }
    u.geom = layer.union_geometry();
    return u;
}

}  // namespace zoning::stats
