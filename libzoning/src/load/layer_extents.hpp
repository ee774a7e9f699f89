#pragma once
// Internal: is a layer placed where the catalog's other layers are? A layer that mostly lies
// outside the district (the admin layers), or without one outside the other layers, after
// reprojection was placed wrongly: a wrong .prj, the wrong 3-degree zone, coordinates with or
// without the zone prefix. One rule for the loader (which refuses such a catalog, exit 2) and
// `zoning check` (which reports it as an error finding).
#include <zoning/catalog.hpp>
#include <zoning/geos.hpp>

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace zoning::load {

/// What the rule needs of one layer.
struct LayerPlacement {
    LayerKind kind = LayerKind::other;
    size_t features = 0;
    Envelope extent;  ///< of its features, in the working CRS
    /// How many of its features have an envelope that does not meet `area`.
    std::function<size_t(const Envelope& area)> count_outside;
};

/// One misplaced layer.
struct Misplaced {
    size_t layer = 0;            ///< position in the input
    size_t outside = 0, features = 0;
    Envelope extent, reference;  ///< the layer's, and the district's (or the other layers')
    bool against_admin = false;  ///< reference = the admin layers
};

/// The misplaced layers, in input order. A layer whose extent holds the reference's centre (a
/// province-wide layer in a county's catalog) is not misplaced; nor is one with half or more of
/// its features within 10 % (at least 1 km) of the reference. With admin layers, they are the
/// reference and are not checked themselves.
std::vector<Misplaced> misplaced_layers(const std::vector<LayerPlacement>& layers);

/// "LABEL: layer 'ID': N of M features lie outside the district (the admin layers) after
/// reprojection from CRS (layer …, district …): a wrong .prj or crs:, …?"
std::string misplaced_message(const Misplaced& m, const std::string& label, const std::string& id,
                              const std::string& crs_label);

}  // namespace zoning::load
