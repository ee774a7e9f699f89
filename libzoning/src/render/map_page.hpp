#pragma once
// One page of a conflict map, from the screening to the drawing: the page is planned first
// (layout, scale, what the frame shows, the legend and the table; no Cairo), then each part is
// drawn in turn.
#include <zoning/geos.hpp>
#include <zoning/map.hpp>

#include "render/frame.hpp"
#include "render/furniture.hpp"
#include "render/labels.hpp"
#include "render/page.hpp"
#include "render/svg_sections.hpp"

#include <cairo.h>

#include <string>
#include <vector>

namespace zoning::render {

/// What one page maps.
struct PageContent {
    std::string title;
    std::string subtitle;     ///< e.g. the footprint of an --all page
    std::vector<size_t> fps;  ///< indexes into the report's footprints
};

/// The project name of the title: --title, else the first footprint name, else 建设项目.
std::string map_title(const ScreenReport& report, const MapOptions& opts);

/// The pages: one for all the footprints, or one per footprint (--all).
std::vector<PageContent> paginate(const ScreenReport& report, const MapOptions& opts, const std::string& title);

/// A page planned: all of it but the labels (they need the font's metrics).
struct PagePlan {
    std::vector<size_t> fps;  ///< the page's footprints
    MapPage page;             ///< layout, extent, scale, legend and table (labels still empty)
    View view;                ///< of the map frame
    FrameContent frame;       ///< what the frame shows
    TitleBlock title;
};

/// Plans and draws the pages of one map on a `w`×`h` mm sheet. Holds the GEOS context the
/// plans' geometries belong to.
class PageRenderer {
public:
    PageRenderer(const MapSources& in, const MapOptions& opts, double w_mm, double h_mm, std::string date);

    /// Lays out the page and works out what each part shows; draws nothing.
    [[nodiscard]] PagePlan plan(const PageContent& pc) const;
    /// Draws a planned page in `font`; marks the SVG sections when `sections` is given.
    MapPage draw(cairo_t* cr, const std::string& font, PagePlan plan, SvgSections* sections) const;
    /// Draws a zoomed inset in `frame` (page mm): the zone layers, the footprints `fps` and their
    /// conflicts around `around` (working CRS), at a round scale of its own at which `around`
    /// takes about a third of the frame (1:50 at the most), or nine tenths of it when a third
    /// would not be 4 times 1:`map_scale` (a sliver); returns the scale denominator.
    double draw_inset(cairo_t* cr, const std::string& font, const PageRect& frame, const Envelope& around,
                      const std::vector<size_t>& fps, double map_scale) const;
    /// The labels `draw` would write on the planned page in `font`, as placed (drawn into `cr`,
    /// which may be a throwaway surface: the text's metrics decide the places).
    [[nodiscard]] std::vector<PlacedLabel> labels(cairo_t* cr, const std::string& font, const PagePlan& plan) const;

private:
    std::vector<std::string> place_labels(Page& p, const PagePlan& plan, std::vector<PlacedLabel>* out) const;

    GeosContext ctx_;
    MapSources in_;
    const MapOptions& opts_;
    double w_, h_;
    std::string date_;
};

}  // namespace zoning::render
