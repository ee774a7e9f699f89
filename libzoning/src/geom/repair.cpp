#include "geom/repair.hpp"

namespace zoning::geom {

Geom repair(const GeosContext& ctx, const GEOSGeometry* g) {
    GEOSContextHandle_t h = ctx.handle();
    const int dim = geometry_dimension(h, g);
    Geom fixed = ctx.own(GEOSMakeValid_r(h, g), "MakeValid");
    if (dim == 2) fixed = ctx.polygonal_part(fixed.get());
    else if (dim == 1) fixed = ctx.lineal_part(fixed.get());
    return fixed;
}

}  // namespace zoning::geom
