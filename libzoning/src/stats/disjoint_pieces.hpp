#pragma once
// Internal: a polygon layer cut into pieces that do not overlap, so that its area and its
// intersections with other geometries add up piece by piece instead of being measured on the
// layer's union. Building the union of 900,000 farmland parcels costs minutes and gigabytes and
// grows with the whole layer; the pieces cost one local overlay for each feature that meets a
// feature before it, and nothing for the others.
#include <zoning/area.hpp>
#include <zoning/geos.hpp>
#include <zoning/layer.hpp>

#include <cstddef>
#include <vector>

namespace zoning::stats {

/// One piece: feature i of the layer, minus the features before it that overlap it.
struct Piece {
    const GEOSGeometry* geom = nullptr;  ///< the feature itself, or `owned`; null when nothing is left
    Geom owned;                          ///< set when the feature was cut
    double planar = 0;                   ///< m², working CRS
    double ellipsoidal = 0;              ///< m², the meter's ellipsoidal method
};

class DisjointPieces {
public:
    /// Cuts `layer` (every feature polygonal: ZoneLayer::polygonal), measuring each piece with `meter` (its CRS and
    /// method; the workers make their own). Piece i = feature i − ∪ { feature j : j < i, whose
    /// interior meets it }: the pieces do not overlap and their union is the layer's union. An
    /// overlap under `touch_m2` is a touch: the feature is kept whole. `threads` workers (0: one
    /// per core), each with its own GEOS context; the pieces are the same for any number, and
    /// are owned through `ctx`.
    /// With `only` (one flag per feature), the pieces of the features flagged (a class of the
    /// layer), cut against the flagged features before them; the others get empty pieces.
    DisjointPieces(const GeosContext& ctx, const AreaMeter& meter, const ZoneLayer& layer, double touch_m2,
                   unsigned threads, const std::vector<char>* only = nullptr);

    /// One piece per feature of the layer, in the layer's order (so the layer's R-tree indexes them).
    [[nodiscard]] const std::vector<Piece>& pieces() const noexcept { return pieces_; }
    /// Pieces whose feature's envelope intersects `box`, ascending (the layer's R-tree).
    [[nodiscard]] std::vector<size_t> query(const Envelope& box) const { return layer_->query(box); }
    /// Features that overlapped a feature before them (their overlap is counted once).
    [[nodiscard]] size_t cut() const noexcept { return cut_; }
    [[nodiscard]] const ZoneLayer& layer() const noexcept { return *layer_; }

private:
    const ZoneLayer* layer_;
    std::vector<Piece> pieces_;
    std::vector<Geom> extracted_;  ///< polygons of features that are collections
    size_t cut_ = 0;
};

}  // namespace zoning::stats
