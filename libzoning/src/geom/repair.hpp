#pragma once
// Internal: validity repair with GEOS MakeValid (keeps both lobes of a bowtie, unlike buffer(0)).
#include <zoning/geos.hpp>

#include <string>

namespace zoning::geom {

struct Repair {
    Geom geom;           ///< the valid geometry (the input itself when it was valid)
    bool repaired = false;
    std::string reason;  ///< GEOS's validity reason with location, when repaired
};

/// Returns `g` when valid; otherwise MakeValid's result reduced to the input's dimension
/// (a repaired polygon stays polygonal).
Repair make_valid(const GeosContext& ctx, Geom g);

}  // namespace zoning::geom
