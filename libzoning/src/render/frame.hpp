#pragma once
// The map frame: the catalog layers, the footprints and the conflict pieces. What the frame
// shows is worked out first (plan_frame: GEOS only, with the legend entries of all of it),
// then drawn part by part.
#include <zoning/footprint.hpp>
#include <zoning/geos.hpp>
#include <zoning/layer.hpp>
#include <zoning/screen.hpp>
#include <zoning/style.hpp>

#include "render/legend.hpp"
#include "render/page.hpp"

#include <vector>

namespace zoning::render {

/// What the pages are drawn from: the catalog, the screening and the footprints as read
/// (centre lines of corridors, points of discs), in the report's order.
struct MapSources {
    const LoadedCatalog& catalog;
    const ScreenReport& report;
    const std::vector<Footprint>& footprints;
};

/// What one frame shows.
struct FrameContent {
    struct LayerFeature {
        const ZoneFeature* feature;
        Style style;  ///< as drawn: the layer's style with the width thinned for the scale
    };
    /// Conflict pieces of one severity and one dimension, united.
    struct Pieces {
        Verdict level;
        int dim;
        Geom geom;
    };
    /// A circle around a small severe piece, in page mm.
    struct Ring {
        double x, y, r;
    };
    std::vector<LayerFeature> features;  ///< the zone features in the frame, bottom to top
    std::vector<Pieces> conflicts;       ///< 注意, then 限制, then 禁止; points, lines, polygons
    std::vector<Ring> rings;             ///< one per place
    /// What was not screened, drawn grey hatched: the parts outside the catalog's coverage, and
    /// the footprints whose screening stopped at --footprint-timeout; united per dimension.
    std::vector<std::pair<int, Geom>> uncovered;
};

/// The rectangle `e` as a polygon.
Geom envelope_box(const GeosContext& ctx, const Envelope& e);

/// What the frame `v` shows of the footprints `fps`; adds the legend entries of the layers,
/// the footprints and the conflicts, in that order.
FrameContent plan_frame(const GeosContext& ctx, const MapSources& in, const std::vector<size_t>& fps, const View& v,
                        LegendBuilder& legend);

/// The zone features, bottom to top.
void draw_layers(Page& p, const View& v, const FrameContent& fc);
/// The footprints: sites outlined, corridors and discs outlined around their centre line or point.
void draw_footprints(Page& p, const View& v, const MapSources& in, const std::vector<size_t>& fps);
/// Conflict pieces on top of everything (after the parts not screened, grey hatched): polygons hatched, lines as thick strokes over a white
/// casing, points as discs; then the rings.
void draw_conflicts(Page& p, const View& v, const FrameContent& fc);
/// The outlines of polygon footprints once more over the conflicts, so that a site's edge stays
/// black where a conflict piece shares it (corridors and discs keep their conflicts on top).
void outline_site_polygons(Page& p, const View& v, const MapSources& in, const std::vector<size_t>& fps);

}  // namespace zoning::render
