// The map frame: layers, footprints and conflict pieces, planned and then drawn.
#include "render/frame.hpp"

#include "render/cairo_util.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace zoning::render {

namespace {

constexpr Rgba kCasing{255, 255, 255, 230};

/// Legend text of conflict pieces of a dimension.
std::string conflict_label(Verdict level, int dim) {
    const char* what = dim == 0 ? "冲突点位" : dim == 1 ? "冲突线段" : "冲突区域";
    return std::string(what) + "(" + std::string(to_chinese(level)) + ")";
}

/// Legend text of footprints of a dimension (a corridor or disc counts as its source's).
std::string footprint_label(int dim) {
    if (dim == 0) return "项目点位";
    if (dim == 1) return "项目线路";
    return footprint_style().label;
}

/// Drawing order of layer kinds, bottom to top: area fills first, boundaries last.
int draw_rank(LayerKind k) {
    switch (k) {
        case LayerKind::permanent_farmland: return 1;
        case LayerKind::control_unit: return 2;
        case LayerKind::natural_park: return 3;
        case LayerKind::nature_reserve: return 4;
        case LayerKind::water_source: return 5;
        case LayerKind::other: return 6;
        case LayerKind::ecological_redline: return 7;
        case LayerKind::urban_boundary: return 8;
        case LayerKind::admin: return 9;
        case LayerKind::land_use: return 0;  // not drawn (plan_layers)
    }
    return 6;
}

/// Zone outlines thin out at small scales, so that dense layers (hundreds of red-line patches,
/// thousands of farmland plots) do not clog the map.
double line_factor(double scale) {
    if (scale <= 50000) return 1.0;
    if (scale <= 100000) return 0.75;
    return 0.6;
}

/// The screened geometry of footprint `i` as read: the centre line of a corridor, the point of
/// a disc.
const GEOSGeometry* source_geometry(const MapSources& in, size_t i) {
    return i < in.footprints.size() ? in.footprints[i].geom.get() : in.report.footprints[i].geom.get();
}

void plan_layers(const GeosContext& ctx, const LoadedCatalog& cat, const View& v, FrameContent& fc,
                 LegendBuilder& legend) {
    std::vector<const ZoneLayer*> layers;
    for (const auto& l : cat.layers())
        if (!is_descriptive(l.spec().kind)) layers.push_back(&l);  // land use: a table, not a fill
    std::stable_sort(layers.begin(), layers.end(), [](const ZoneLayer* a, const ZoneLayer* b) {
        return draw_rank(a->spec().kind) < draw_rank(b->spec().kind);
    });
    const Geom frame = envelope_box(ctx, v.ext);
    const Prepared pframe = ctx.prepare(frame.get());
    const double thin = line_factor(v.m_per_mm * 1000);
    for (const ZoneLayer* l : layers) {
        for (size_t i : l->query(v.ext)) {
            const ZoneFeature& f = l->features()[i];
            if (GEOSPreparedIntersects_r(ctx, pframe.get(), f.geom.get()) != 1) continue;
            const Style s = layer_style(l->spec(), f.cls);
            Style drawn = s;
            drawn.width_mm *= thin;
            fc.features.push_back({&f, std::move(drawn)});
            // An outline-only polygon shows only where its boundary crosses the frame.
            if (f.dimension == 2 && !s.fill) {
                Geom edge(GEOSBoundary_r(ctx, f.geom.get()), GeomDeleter{ctx});
                if (!edge || GEOSPreparedIntersects_r(ctx, pframe.get(), edge.get()) != 1) continue;
            }
            legend.add(s, f.dimension);
        }
    }
}

void plan_footprints(const GeosContext& ctx, const MapSources& in, const std::vector<size_t>& fps,
                     LegendBuilder& legend) {
    const Style s = footprint_style();
    for (size_t i : fps) {
        const FootprintResult& fr = in.report.footprints[i];
        const int odim = geometry_dimension(ctx, source_geometry(in, i));
        Style entry = s;
        entry.label = footprint_label(odim);
        if (fr.width_m > 0 || fr.radius_m > 0) entry.label += "及用地范围";
        legend.add(entry, odim == 2 || fr.width_m > 0 || fr.radius_m > 0 ? 2 : odim, odim == 0 && fr.radius_m == 0,
                   LegendGroup::footprints);
    }
}

/// The conflict pieces by severity and dimension, and the rings around the small severe ones
/// (smaller than 5 mm on paper), so that a reader finds them at any scale.
void plan_conflicts(const GeosContext& ctx, const ScreenReport& report, const std::vector<size_t>& fps, const View& v,
                    FrameContent& fc, LegendBuilder& legend) {
    std::vector<FrameContent::Ring> rings;
    // Caution orange, restricted red, prohibited red cross-hatched: 禁止 and 限制 share the
    // style table's colour but not the pattern.
    for (const Verdict level : {Verdict::caution, Verdict::restricted, Verdict::prohibited}) {
        const bool severe = level >= Verdict::restricted;
        const Style s = conflict_style(severe);
        // The pieces of the features of this severity (a layer's verdict is its most severe
        // class: its whole piece would paint a 准保护区 as if it were 一级), by dimension,
        // united so that overlapping features are drawn once.
        std::array<std::vector<const GEOSGeometry*>, 3> by_dim;
        // A mixed collection is split into its parts (borrowed from the piece).
        auto sort_in = [&](auto&& self, const GEOSGeometry* g) -> void {
            if (GEOSGeomTypeId_r(ctx, g) == GEOS_GEOMETRYCOLLECTION) {
                const int n = GEOSGetNumGeometries_r(ctx, g);
                for (int k = 0; k < n; ++k)
                    self(self, GEOSGetGeometryN_r(ctx, g, k));
                return;
            }
            const int dim = geometry_dimension(ctx, g);
            if (dim >= 0 && dim <= 2 && GEOSisEmpty_r(ctx, g) == 0) by_dim[static_cast<size_t>(dim)].push_back(g);
        };
        auto take = [&](const GEOSGeometry* g, Verdict verdict) {
            if (g == nullptr || verdict != level) return;
            sort_in(sort_in, g);
        };
        for (size_t i : fps) {
            for (const Conflict& c : report.footprints[i].conflicts) {
                if (c.near_only) continue;
                if (c.features.empty()) {
                    take(c.piece.get(), c.verdict);
                    continue;
                }
                for (const FeatureHit& h : c.features)
                    take(h.piece.get(), h.verdict);
            }
        }
        for (int dim = 0; dim <= 2; ++dim) {
            const auto& parts = by_dim[static_cast<size_t>(dim)];
            if (parts.empty()) continue;
            Geom u = ctx.union_all(parts);
            if (!u || GEOSisEmpty_r(ctx, u.get()) != 0) continue;
            const GEOSGeometry* piece = u.get();
            Style entry = s;
            entry.label = conflict_label(level, dim);
            legend.add(entry, dim, dim == 0, LegendGroup::conflicts, level == Verdict::prohibited);
            if (severe) {
                const int n = GEOSGetNumGeometries_r(ctx, piece);
                for (int k = 0; k < n; ++k) {
                    const Envelope e = ctx.envelope(GEOSGetGeometryN_r(ctx, piece, k));
                    const double w = (e.maxx - e.minx) / v.m_per_mm, h = (e.maxy - e.miny) / v.m_per_mm;
                    if (std::max(w, h) >= 5) continue;
                    rings.push_back({v.px((e.minx + e.maxx) / 2), v.py((e.miny + e.maxy) / 2),
                                     std::max(std::hypot(w, h) / 2 + 2.0, 4.0)});
                }
            }
            fc.conflicts.push_back({level, dim, std::move(u)});
        }
    }
    // One ring per place: rings whose centres are close merge into the first.
    for (const FrameContent::Ring& r : rings) {
        const bool near = std::any_of(fc.rings.begin(), fc.rings.end(), [&](const FrameContent::Ring& k) {
            return std::hypot(k.x - r.x, k.y - r.y) < std::max(k.r, r.r) * 0.6;
        });
        if (!near) fc.rings.push_back(r);
    }
    if (!fc.rings.empty()) {
        Style ring = conflict_style(true);
        ring.label = "冲突位置(圈示)";
        ring.fill.reset();
        ring.hatch = false;
        legend.add(ring, 0, true, LegendGroup::conflicts);
    }
}

/// The parts not screened (outside the coverage; footprints stopped by the timeout), grey.
void plan_uncovered(const GeosContext& ctx, const ScreenReport& report, const std::vector<size_t>& fps,
                    FrameContent& fc, LegendBuilder& legend) {
    std::array<std::vector<const GEOSGeometry*>, 3> by_dim;
    bool stopped = false;
    for (size_t i : fps) {
        const FootprintResult& fr = report.footprints[i];
        const GEOSGeometry* g = !fr.not_screened.empty() ? fr.geom.get() : fr.outside.get();
        stopped = stopped || !fr.not_screened.empty();
        if (g == nullptr || GEOSisEmpty_r(ctx, g) != 0) continue;
        const int dim = geometry_dimension(ctx, g);
        if (dim >= 0 && dim <= 2) by_dim[static_cast<size_t>(dim)].push_back(g);
    }
    for (int dim = 2; dim >= 0; --dim) {
        const auto& parts = by_dim[static_cast<size_t>(dim)];
        if (parts.empty()) continue;
        // A not-screened footprint may be an invalid geometry as read (its repair timed out):
        // collected, not united.
        std::vector<Geom> copies;
        for (const GEOSGeometry* g : parts) copies.push_back(ctx.clone(g));
        fc.uncovered.emplace_back(dim, ctx.collect(std::move(copies)));
        Style entry = uncovered_style();
        if (stopped) entry.label = "未审查(超出目录范围或超时)";
        legend.add(entry, dim, dim == 0, LegendGroup::conflicts);
    }
}

}  // namespace

Geom envelope_box(const GeosContext& ctx, const Envelope& e) {
    char wkt[256];
    std::snprintf(wkt, sizeof wkt, "POLYGON((%.3f %.3f,%.3f %.3f,%.3f %.3f,%.3f %.3f,%.3f %.3f))", e.minx, e.miny,
                  e.maxx, e.miny, e.maxx, e.maxy, e.minx, e.maxy, e.minx, e.miny);
    return ctx.from_wkt(wkt);
}

FrameContent plan_frame(const GeosContext& ctx, const MapSources& in, const std::vector<size_t>& fps, const View& v,
                        LegendBuilder& legend) {
    FrameContent fc;
    plan_layers(ctx, in.catalog, v, fc, legend);
    plan_footprints(ctx, in, fps, legend);
    plan_uncovered(ctx, in.report, fps, fc, legend);
    plan_conflicts(ctx, in.report, fps, v, fc, legend);
    return fc;
}

void draw_layers(Page& p, const View& v, const FrameContent& fc) {
    for (const auto& [f, style] : fc.features)
        p.draw(v, f->geom.get(), style, 0.9);
}

void draw_footprints(Page& p, const View& v, const MapSources& in, const std::vector<size_t>& fps) {
    const Style s = footprint_style();
    for (size_t i : fps) {
        const FootprintResult& fr = in.report.footprints[i];
        const GEOSGeometry* orig = source_geometry(in, i);
        if (fr.width_m > 0 || fr.radius_m > 0) {
            Style outline = s;
            outline.width_mm = 0.35;
            p.draw(v, fr.geom.get(), outline);
            Style centre = s;
            centre.width_mm = 0.5;
            centre.fill = kBlack;
            p.draw(v, orig, centre, 0.5);
        } else {
            p.draw(v, orig, s, 1.1);
        }
    }
}

void draw_conflicts(Page& p, const View& v, const FrameContent& fc) {
    cairo_t* cr = p.cr();
    const Style grey = uncovered_style();
    for (const auto& [dim, g] : fc.uncovered) {
        if (dim == 0) {
            for (const auto& [x, y] : p.points(v, g.get())) {
                cairo_new_path(cr);
                cairo_arc(cr, x, y, 2.2, 0, 2 * M_PI);
                set_color(cr, *grey.fill);
                cairo_fill_preserve(cr);
                set_color(cr, grey.stroke);
                cairo_set_line_width(cr, 0.7);
                cairo_stroke(cr);
            }
        } else if (dim == 1) {
            Style line = grey;
            line.width_mm = 1.4;
            p.draw(v, g.get(), line);
        } else {
            p.draw(v, g.get(), grey);
        }
    }
    for (const FrameContent::Pieces& pieces : fc.conflicts) {
        const Style s = conflict_style(pieces.level >= Verdict::restricted);
        p.cross_hatch(pieces.level == Verdict::prohibited);
        const GEOSGeometry* piece = pieces.geom.get();
        if (pieces.dim == 0) {
            for (const auto& [x, y] : p.points(v, piece)) {
                cairo_new_path(cr);
                cairo_arc(cr, x, y, 2.2, 0, 2 * M_PI);
                set_color(cr, kCasing);
                cairo_set_line_width(cr, 1.4);
                cairo_set_dash(cr, nullptr, 0, 0);
                cairo_stroke_preserve(cr);
                set_color(cr, *s.fill);
                cairo_fill_preserve(cr);
                set_color(cr, s.stroke);
                cairo_set_line_width(cr, 0.7);
                cairo_stroke(cr);
            }
        } else if (pieces.dim == 1) {
            Style casing = s;
            casing.width_mm = 2.4;
            casing.stroke = kCasing;
            p.draw(v, piece, casing);
            Style line = s;
            line.width_mm = 1.4;
            p.draw(v, piece, line);
        } else {
            p.draw(v, piece, s);
        }
    }
    p.cross_hatch(false);
    const Style severe = conflict_style(true);
    for (const FrameContent::Ring& r : fc.rings) {
        cairo_new_path(cr);
        cairo_arc(cr, r.x, r.y, r.r, 0, 2 * M_PI);
        set_color(cr, kCasing);
        cairo_set_line_width(cr, 1.3);
        cairo_set_dash(cr, nullptr, 0, 0);
        cairo_stroke_preserve(cr);
        set_color(cr, severe.stroke);
        cairo_set_line_width(cr, 0.6);
        cairo_stroke(cr);
    }
}

void outline_site_polygons(Page& p, const View& v, const MapSources& in, const std::vector<size_t>& fps) {
    Style s = footprint_style();
    s.fill.reset();
    for (size_t i : fps) {
        const FootprintResult& fr = in.report.footprints[i];
        if (fr.width_m > 0 || fr.radius_m > 0 || i >= in.footprints.size()) continue;
        const GEOSGeometry* orig = in.footprints[i].geom.get();
        if (geometry_dimension(p.geos(), orig) == 2) p.draw(v, orig, s);
    }
}

}  // namespace zoning::render
