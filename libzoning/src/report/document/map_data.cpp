// The conflict map as vector data for the HTML report (model.hpp's MapData).
#include "report/document/map_data.hpp"

#include <zoning/error.hpp>

#include "report/document/map_grid.hpp"
#include "report/document/parts.hpp"

#include <geos_c.h>

#include <algorithm>
#include <cmath>

namespace zoning::report::document {

namespace {

/// The view the simplification aims at: half a pixel of a frame this many pixels wide.
constexpr double kViewPx = 1000;

using Path = std::vector<std::pair<double, double>>;

Path coords(GEOSContextHandle_t h, const GEOSGeometry* g) {
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(h, g);
    unsigned int n = 0;
    if (seq == nullptr || GEOSCoordSeq_getSize_r(h, seq, &n) == 0) throw InternalError("reading a map geometry");
    Path out;
    out.reserve(n);
    for (unsigned int i = 0; i < n; ++i) {
        double x = 0, y = 0;
        if (GEOSCoordSeq_getXY_r(h, seq, i, &x, &y) == 0) throw InternalError("reading a map geometry");
        out.emplace_back(x, y);
    }
    return out;
}

/// The rings, lines or points of `g` of dimension `dim` (collections walked), rings unclosed.
void collect(GEOSContextHandle_t h, const GEOSGeometry* g, int dim, std::vector<Path>& out) {
    if (g == nullptr || GEOSisEmpty_r(h, g) == 1) return;
    const int type = GEOSGeomTypeId_r(h, g);
    switch (type) {
        case GEOS_POINT:
            if (dim == 0) out.push_back(coords(h, g));
            return;
        case GEOS_LINESTRING:
        case GEOS_LINEARRING:
            if (dim == 1) out.push_back(coords(h, g));
            return;
        case GEOS_POLYGON: {
            if (dim != 2) return;
            auto ring = [&](const GEOSGeometry* r) {
                Path p = coords(h, r);
                if (p.size() > 1 && p.front() == p.back()) p.pop_back();
                if (p.size() >= 3) out.push_back(std::move(p));
            };
            ring(GEOSGetExteriorRing_r(h, g));
            const int holes = GEOSGetNumInteriorRings_r(h, g);
            for (int i = 0; i < holes; ++i)
                ring(GEOSGetInteriorRingN_r(h, g, i));
            return;
        }
        default: {
            const int n = GEOSGetNumGeometries_r(h, g);
            for (int i = 0; i < n; ++i)
                collect(h, GEOSGetGeometryN_r(h, g, i), dim, out);
        }
    }
}

MapShape shape_of(GEOSContextHandle_t h, const GEOSGeometry* g) {
    MapShape s;
    s.dim = std::clamp(geometry_dimension(h, g), 0, 2);
    collect(h, g, s.dim, s.paths);
    return s;
}

}  // namespace

MapData build_map_data(const render::MapSources& in, const render::PagePlan& plan,
                       const std::vector<ConflictPart>& parts, const std::vector<render::PlacedLabel>& labels,
                       std::string note) {
    const GeosContext ctx;
    MapData m;
    const Envelope& e = plan.view.ext;
    m.extent = e;
    m.scale = plan.page.scale;
    m.grid_step = grid_step(m.scale);
    m.note = std::move(note);
    // Half a pixel of the frame kViewPx wide; coordinates rounded to a tenth of that.
    const double tolerance = (e.maxx - e.minx) / kViewPx / 2;
    m.decimals = std::clamp(static_cast<int>(std::ceil(-std::log10(tolerance / 10))), 0, 3);
    // Clipped a tenth beyond the frame: the edges the clip makes stay out of the first view (a
    // polygon outlined along the frame would look like a boundary), and a pan shows a little more.
    const Envelope clip = e.grown(std::max(e.maxx - e.minx, e.maxy - e.miny) / 10);
    for (const auto& [feature, style] : plan.frame.features) {
        const Geom clipped =
            ctx.own(GEOSClipByRect_r(ctx, feature->geom.get(), clip.minx, clip.miny, clip.maxx, clip.maxy),
                    "clipping a zone feature to the map");
        if (GEOSisEmpty_r(ctx, clipped.get()) == 1) continue;
        const Geom simple = ctx.own(GEOSTopologyPreserveSimplify_r(ctx, clipped.get(), tolerance),
                                    "simplifying a zone feature for the map");
        MapItem item{style.label, feature->name, style, feature->verdict, shape_of(ctx, simple.get())};
        if (!item.shape.paths.empty()) m.layers.push_back(std::move(item));
    }
    for (const auto& pieces : plan.frame.conflicts) {
        Style s = conflict_style(pieces.level >= Verdict::restricted);
        MapItem item{"", "", s, pieces.level, shape_of(ctx, pieces.geom.get())};
        if (!item.shape.paths.empty()) m.conflicts.push_back(std::move(item));
    }
    // The rings and the labels are placed on the page (mm): back to the world.
    const double mpm = plan.view.m_per_mm;
    m.m_per_mm = mpm;
    for (const auto& r : plan.frame.rings) {
        m.rings.push_back(
            {e.minx + (r.x - plan.view.frame.x) * mpm, e.maxy - (r.y - plan.view.frame.y) * mpm, r.r * mpm});
    }
    for (const render::PlacedLabel& l : labels) {
        m.labels.push_back({e.minx + (l.ax - plan.view.frame.x) * mpm, e.maxy - (l.ay - plan.view.frame.y) * mpm, l.dx,
                            l.dy, l.text, l.color, l.size_mm, l.bold, l.align});
    }
    for (const size_t i : plan.fps) {
        const FootprintResult& fr = in.report.footprints[i];
        const GEOSGeometry* source = i < in.footprints.size() ? in.footprints[i].geom.get() : fr.geom.get();
        const std::string name = fr.name.empty() ? fr.id : fr.id + " " + fr.name;
        Style s = footprint_style();
        if (fr.width_m > 0 || fr.radius_m > 0) {
            // A corridor or a disc: the area screened, then its centre line or point.
            m.footprints.push_back({fr.id, name, s, fr.verdict, shape_of(ctx, fr.geom.get())});
            s.width_mm = 0.5;
            s.fill = render::kBlack;
        }
        m.footprints.push_back({fr.id, name, s, fr.verdict, shape_of(ctx, source)});
        // A site's edge stays black where a conflict part shares it (render's outline_site_polygons).
        if (fr.width_m <= 0 && fr.radius_m <= 0 && m.footprints.back().shape.dim == 2) {
            MapItem outline = m.footprints.back();
            outline.style.fill.reset();
            m.outlines.push_back(std::move(outline));
        }
    }
    for (const ConflictPart& p : parts) {
        MapItem item{
            p.label, p.label + " · " + p.feature, conflict_style(p.verdict >= Verdict::restricted), p.verdict, {}};
        int ring = 0;
        for (const PartPoint& pt : p.points) {
            if (pt.ring != ring) {
                ring = pt.ring;
                item.shape.paths.emplace_back();
            }
            item.shape.paths.back().emplace_back(pt.y, pt.x);  // X northing, Y easting
        }
        // Each ring was closed by its first point again: the writer closes it itself.
        for (Path& r : item.shape.paths) {
            if (r.size() > 1 && r.front() == r.back()) r.pop_back();
        }
        m.parts.push_back(std::move(item));
    }
    m.legend = plan.page.legend_contents.entries;
    return m;
}

std::string map_note(double step, const Crs& crs, bool zh) {
    const std::string grid = step >= 1000 ? grid_label(step, step) + (zh ? " 公里" : " km")
                                          : std::to_string(static_cast<long long>(step)) + (zh ? " 米" : " m");
    return std::string(zh ? "坐标网格间距 " : "grid every ") + grid +
           (zh ? "，X 北、Y 东（公里）；" : ", X north, Y east (km); ") + crs_in_words(crs, zh);
}

}  // namespace zoning::report::document
