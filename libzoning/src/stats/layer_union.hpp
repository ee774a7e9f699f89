#pragma once
// Internal: the union of a layer's features (stats: the district, the --by units, line and point
// layers), with GEOSCoverageUnion for layers that form a valid coverage (partitions such as
// townships), checked, else the cascaded union.
#include <zoning/geos.hpp>
#include <zoning/layer.hpp>

namespace zoning::stats {

struct LayerUnion {
    Geom owned;                          ///< set when this call built the union
    const GEOSGeometry* geom = nullptr;  ///< the union (owned, or the layer's cached one)
};

/// Tries GEOSCoverageUnion on the polygonal features of `layer` when `try_coverage` and the
/// layer is polygonal; the result is accepted only when it is valid and its planar area equals
/// the sum of the features' areas (relative 1e-9), i.e. the features did not overlap. Otherwise
/// returns the layer's own (cascaded) union. Geometries are made with `ctx`, the loading context.
LayerUnion layer_union(const GeosContext& ctx, const ZoneLayer& layer, bool try_coverage);

/// Planar area of the polygonal parts (GEOSArea; inputs are in a projected CRS).
double planar_area(const GeosContext& ctx, const GEOSGeometry* g);

}  // namespace zoning::stats
