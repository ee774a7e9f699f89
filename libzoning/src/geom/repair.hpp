#pragma once
// Internal: validity repair with GEOS MakeValid, structure method (keeps both lobes of a bowtie,
// unlike buffer(0); overlapping parts become their union, unlike the linework method).
#include <zoning/geos.hpp>

namespace zoning::geom {

/// MakeValid's (structure method) result for the invalid geometry `g`, reduced to `g`'s dimension (a repaired
/// polygon stays polygonal; it is empty when nothing of that dimension is left). Validity is
/// tested by the caller (io/feature_reader.cpp), which also says why `g` was invalid.
Geom repair(const GeosContext& ctx, const GEOSGeometry* g);

}  // namespace zoning::geom
