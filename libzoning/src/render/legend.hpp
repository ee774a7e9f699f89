#pragma once
// The legend (图例): its entries as data (MapLegend), collected while the frame is planned, how
// many fit, and its drawing.
#include <zoning/map.hpp>
#include <zoning/style.hpp>

#include "render/page.hpp"

#include <vector>

namespace zoning::render {

/// Height of a legend row in mm.
constexpr double kLegendRow = 4.0;

/// Collects the legend entries of what the frame shows, each text and swatch dimension once
/// (the first one added wins).
class LegendBuilder {
public:
    void add(const Style& s, int dim, bool point_marker = false, LegendGroup group = LegendGroup::layers,
             bool cross = false);
    [[nodiscard]] size_t size() const { return added_.size(); }
    /// The entries in the legend's order: footprints and conflicts as added, then the layers
    /// in the reverse of the order added (the layers are added bottom first). `shown` is left
    /// at 0 (see fit_legend).
    [[nodiscard]] MapLegend legend() const;

private:
    std::vector<MapLegendEntry> added_;
};

/// Height the legend needs for all its entries in two columns.
double legend_height(const MapLegend& l);

/// Sets `l.columns` and `l.shown`: one column when the entries fit in one, else two, and as
/// many as the two hold.
void fit_legend(MapLegend& l, const PageRect& r);

/// Draws the legend in `r`: its `shown` entries, (余略) when some are not.
void draw_legend(Page& p, const PageRect& r, const MapLegend& l);

}  // namespace zoning::render
