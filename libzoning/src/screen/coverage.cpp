// The catalog's coverage and where each footprint lies against it.
#include "screen/coverage.hpp"

#include <zoning/error.hpp>

#include <algorithm>

namespace zoning {

std::string_view to_string(Coverage c) {
    switch (c) {
        case Coverage::full: return "full";
        case Coverage::partial: return "partial";
        case Coverage::none: return "none";
        case Coverage::unchecked: return "unchecked";
    }
    return "unchecked";
}

}  // namespace zoning

namespace zoning::coverage {

namespace {

bool holds(const GeosContext& ctx, char answer, const char* what) {
    if (answer == 2) throw InternalError(std::string("GEOS coverage ") + what + " failed: " + ctx.last_error());
    return answer == 1;
}

int points_in(const GeosContext& ctx, const GEOSGeometry* g) {
    if (GEOSisEmpty_r(ctx, g) == 1) return 0;
    return std::max(1, GEOSGetNumGeometries_r(ctx, g));
}

}  // namespace

Warning unchecked_warning(const LoadedCatalog& catalog) {
    return {catalog.catalog().path.string(),
            "the catalog declares no coverage (no admin layer, no layer with coverage: true): whether a "
            "footprint lies outside the district is not checked, and 'allowed' there means only that no "
            "layer was hit"};
}

Check::Check(const GeosContext& ctx, const LoadedCatalog& catalog)
    : ctx_(ctx), layer_(catalog.coverage_layer()), prepared_(nullptr, PreparedDeleter{ctx.handle()}) {
    if (layer_ == nullptr) return;
    union_ = layer_->union_geometry();
    prepared_ = ctx_.prepare(union_);
    env_ = layer_->extent();
}

void Check::measure(FootprintResult& r, const GEOSGeometry* centreline, const AreaMeter& meter) const {
    if (layer_ == nullptr) {
        r.coverage = Coverage::unchecked;
        return;
    }
    const GEOSGeometry* g = r.geom.get();
    const int dim = geometry_dimension(ctx_, g);
    auto all_outside = [&] {
        r.coverage = Coverage::none;
        r.outside_catalog_m2 = dim == 2 ? r.area_m2 : 0;
        r.outside_catalog_ellipsoidal_m2 = dim == 2 ? r.area_ellipsoidal_m2 : 0;
        r.outside_catalog_m = dim == 1 ? r.length_m : (centreline != nullptr ? r.length_m : 0);
        r.outside = ctx_.clone(g);
    };
    if (!env_.intersects(ctx_.envelope(g))) return all_outside();
    if (holds(ctx_, GEOSPreparedContainsProperly_r(ctx_, prepared_.get(), g), "containsProperly")) {
        r.coverage = Coverage::full;
        return;
    }
    if (!holds(ctx_, GEOSPreparedIntersects_r(ctx_, prepared_.get(), g), "intersects")) return all_outside();

    Geom diff = ctx_.own(GEOSDifference_r(ctx_, g, union_), "coverage difference");
    bool outside = false, inside = false;
    if (dim == 2) {
        diff = ctx_.polygonal_part(diff.get());
        r.outside_catalog_m2 = meter.planar(ctx_, diff.get());
        r.outside_catalog_ellipsoidal_m2 = meter.ellipsoidal(ctx_, diff.get());
        outside = r.outside_catalog_m2 > kMinConflictArea;
        inside = r.area_m2 - r.outside_catalog_m2 > kMinConflictArea;
        if (centreline != nullptr) {
            Geom line = ctx_.lineal_part(ctx_.own(GEOSDifference_r(ctx_, centreline, union_), "coverage difference").get());
            r.outside_catalog_m = meter.length(ctx_, line.get());
        }
    } else if (dim == 1) {
        diff = ctx_.lineal_part(diff.get());
        r.outside_catalog_m = meter.length(ctx_, diff.get());
        outside = r.outside_catalog_m > kMinConflictLength;
        inside = r.length_m - r.outside_catalog_m > kMinConflictLength;
    } else {
        // A point on the coverage's boundary is inside (as for the zones).
        const int out = points_in(ctx_, diff.get());
        outside = out > 0;
        inside = out < points_in(ctx_, g);
    }
    if (!outside) {
        r.coverage = Coverage::full;
        r.outside_catalog_m2 = 0;
        r.outside_catalog_ellipsoidal_m2 = 0;
        r.outside_catalog_m = 0;
        return;
    }
    if (!inside) return all_outside();
    r.coverage = Coverage::partial;
    r.outside = std::move(diff);
}

}  // namespace zoning::coverage
