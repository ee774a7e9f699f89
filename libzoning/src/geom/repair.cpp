#include "geom/repair.hpp"

#include <zoning/error.hpp>

#include <memory>

namespace zoning::geom {

namespace {
struct ParamsDeleter {
    GEOSContextHandle_t ctx = nullptr;
    void operator()(GEOSMakeValidParams* p) const noexcept { GEOSMakeValidParams_destroy_r(ctx, p); }
};
}  // namespace

Geom repair(const GeosContext& ctx, const GEOSGeometry* g) {
    GEOSContextHandle_t h = ctx.handle();
    const int dim = geometry_dimension(h, g);
    // The structure method (GEOS 3.10+), not the default linework one: it reads overlapping
    // parts of a multipolygon as their union and a hole sticking out of its shell as shell minus
    // hole, where linework takes the XOR of the linework (dropping an overlap); and it is fast,
    // where linework nodes every crossing into thousands of slivers (docs/validity.md).
    std::unique_ptr<GEOSMakeValidParams, ParamsDeleter> params(GEOSMakeValidParams_create_r(h), ParamsDeleter{h});
    if (!params) throw InternalError("GEOS MakeValid parameters: " + ctx.last_error());
    GEOSMakeValidParams_setMethod_r(h, params.get(), GEOS_MAKE_VALID_STRUCTURE);
    GEOSMakeValidParams_setKeepCollapsed_r(h, params.get(), 0);
    Geom fixed = ctx.own(GEOSMakeValidWithParams_r(h, g, params.get()), "MakeValid");
    if (dim == 2) fixed = ctx.polygonal_part(fixed.get());
    else if (dim == 1) fixed = ctx.lineal_part(fixed.get());
    return fixed;
}

}  // namespace zoning::geom
