#include "geom/repair.hpp"

#include <zoning/error.hpp>

namespace zoning::geom {

Repair make_valid(const GeosContext& ctx, Geom g) {
    GEOSContextHandle_t h = ctx.handle();
    const char valid = GEOSisValid_r(h, g.get());
    if (valid == 1) return {std::move(g), false, {}};
    if (valid == 2) throw InternalError("GEOS isValid failed: " + ctx.last_error());
    Repair r;
    char* reason = GEOSisValidReason_r(h, g.get());
    r.reason = reason != nullptr ? reason : "invalid";
    GEOSFree_r(h, reason);
    const int dim = geometry_dimension(h, g.get());
    Geom fixed = ctx.own(GEOSMakeValid_r(h, g.get()), "MakeValid");
    if (dim == 2) fixed = ctx.polygonal_part(fixed.get());
    else if (dim == 1) fixed = ctx.lineal_part(fixed.get());
    r.geom = std::move(fixed);
    r.repaired = true;
    return r;
}

}  // namespace zoning::geom
