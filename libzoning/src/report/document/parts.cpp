// The conflict parts of a report and their boundary points (界址点): each footprint ∩ zoning
// feature whose verdict is above allowed, its polygons' rings with points J1..Jn numbered as the
// coordinate exchange TXT numbers them (io/coord_txt.cpp), so the report and --parts agree.
#include "report/document/parts.hpp"

#include <zoning/catalog.hpp>
#include <zoning/error.hpp>

#include <geos_c.h>

#include <algorithm>
#include <map>

namespace zoning {

namespace {

struct XY {
    double x, y;  // working CRS: x easting, y northing
};

std::vector<XY> ring_coords(GEOSContextHandle_t h, const GEOSGeometry* ring) {
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(h, ring);
    unsigned int n = 0;
    if (seq == nullptr || GEOSCoordSeq_getSize_r(h, seq, &n) == 0) throw InternalError("reading a conflict part's ring");
    std::vector<XY> out;
    out.reserve(n);
    for (unsigned int i = 0; i < n; ++i) {
        XY p{};
        if (GEOSCoordSeq_getXY_r(h, seq, i, &p.x, &p.y) == 0) throw InternalError("reading a conflict part's ring");
        out.push_back(p);
    }
    if (out.size() > 1 && out.front().x == out.back().x && out.front().y == out.back().y) out.pop_back();
    return out;
}

/// Twice the signed area in the map plane (x east, y north): > 0 counter-clockwise.
double signed_area2(const std::vector<XY>& r) {
    double s = 0;
    for (size_t i = 0; i < r.size(); ++i) {
        const XY& a = r[i];
        const XY& b = r[(i + 1) % r.size()];
        s += (a.x - r[0].x) * (b.y - r[0].y) - (b.x - r[0].x) * (a.y - r[0].y);
    }
    return s;
}

/// As surveyors list them: an outer ring clockwise on the map, a hole counter-clockwise, both
/// from the northernmost point (the westernmost of equals).
void normalise(std::vector<XY>& r, bool outer) {
    if (r.size() < 3) return;
    const bool ccw = signed_area2(r) > 0;
    if (ccw == outer) std::reverse(r.begin(), r.end());
    const auto first = std::min_element(r.begin(), r.end(), [](const XY& a, const XY& b) {
        return a.y != b.y ? a.y > b.y : a.x < b.x;
    });
    std::rotate(r.begin(), first, r.end());
}

}  // namespace

std::vector<ConflictPart> conflict_parts(const ScreenReport& report) {
    std::vector<ConflictPart> parts;
    if (!report.context) return parts;
    const GeosContext& ctx = *report.context;
    std::map<std::string, int> numbers;  // per layer
    for (const FootprintResult& f : report.footprints) {
        for (const Conflict& c : f.conflicts) {
            if (c.kind == LayerKind::admin || is_descriptive(c.kind)) continue;
            for (const FeatureHit& h : c.features) {
                if (h.verdict == Verdict::allowed || !h.piece || h.area_m2 < kMinConflictArea) continue;
                const Geom poly = ctx.polygonal_part(h.piece.get());
                if (!poly || GEOSisEmpty_r(ctx, poly.get()) == 1) continue;
                ConflictPart p;
                p.label = c.title + "-" + std::to_string(++numbers[c.layer]);
                p.footprint = f.id;
                p.footprint_name = f.name;
                p.layer = c.layer;
                p.layer_title = c.title;
                p.feature = h.name.empty() ? "fid " + std::to_string(h.fid) : h.name;
                p.cls = h.cls;
                p.verdict = h.verdict;
                p.area_m2 = h.area_m2;
                p.area_ellipsoidal_m2 = h.area_ellipsoidal_m2;
                int ring_no = 0;
                int number = 0;
                auto add_ring = [&](const GEOSGeometry* ring, bool outer) {
                    std::vector<XY> r = ring_coords(ctx, ring);
                    if (r.size() < 3) return;
                    normalise(r, outer);
                    ++ring_no;
                    const int first = number + 1;
                    for (const XY& xy : r) p.points.push_back({"J" + std::to_string(++number), ring_no, xy.y, xy.x});
                    p.points.push_back({"J" + std::to_string(first), ring_no, r.front().y, r.front().x});
                };
                const int n = GEOSGetNumGeometries_r(ctx, poly.get());
                for (int i = 0; i < n; ++i) {
                    const GEOSGeometry* g = GEOSGetGeometryN_r(ctx, poly.get(), i);
                    add_ring(GEOSGetExteriorRing_r(ctx, g), true);
                    const int holes = GEOSGetNumInteriorRings_r(ctx, g);
                    for (int k = 0; k < holes; ++k) add_ring(GEOSGetInteriorRingN_r(ctx, g, k), false);
                }
                if (!p.points.empty()) parts.push_back(std::move(p));
            }
        }
    }
    return parts;
}

}  // namespace zoning

namespace zoning::report::document {

namespace {

/// A TXT field holds no comma (the separator) nor a line break.
std::string txt_field(std::string s) {
    for (char& ch : s) {
        if (ch == ',' || ch == '\n' || ch == '\r' || ch == '@') ch = ' ';
    }
    // The full-width comma separates fields too.
    for (size_t at = s.find("\xEF\xBC\x8C"); at != std::string::npos; at = s.find("\xEF\xBC\x8C", at)) {
        s.replace(at, 3, " ");
    }
    return s;
}

}  // namespace

std::vector<TxtPlot> parts_as_plots(const std::vector<ConflictPart>& parts) {
    std::vector<TxtPlot> plots;
    for (const ConflictPart& p : parts) {
        TxtPlot t;
        t.id = txt_field(p.label);
        t.name = txt_field(p.footprint_name.empty() ? p.footprint : p.footprint_name);
        t.shape = "面";
        t.use = txt_field(p.layer_title);
        for (size_t i = 0; i < p.points.size(); ++i) {
            const PartPoint& pt = p.points[i];
            const bool closing = i + 1 == p.points.size() || p.points[i + 1].ring != pt.ring;
            if (closing) continue;  // format_coord_txt closes each ring itself
            TxtPoint q;
            q.name = pt.name;
            q.ring = pt.ring;
            q.x = pt.x;
            q.y = pt.y;
            t.points.push_back(q);
        }
        t.point_count = static_cast<int>(t.points.size());
        plots.push_back(std::move(t));
    }
    return plots;
}

std::optional<GkSystem> gk_system_of(const Crs& crs) {
    if (!crs.epsg) return std::nullopt;
    return gk_system_of_epsg(*crs.epsg);
}

std::string crs_in_words(const Crs& crs, bool zh) {
    const std::optional<GkSystem> s = gk_system_of(crs);
    if (!s) return crs.name.empty() ? crs.label() : crs.name + " (" + crs.label() + ")";
    const std::string cm = std::to_string(s->central_meridian());
    const std::string w = std::to_string(s->zone_width);
    const std::string z = std::to_string(s->zone);
    if (zh) {
        return std::string(gk_datum_name(s->datum)) + " 高斯-克吕格投影 " + w + "度带 第" + z + "带，中央经线 " + cm +
               "°E" + (s->prefixed ? "，横坐标含带号" : "，横坐标不含带号") + " (" + crs.label() + ")";
    }
    const char* datum = s->datum == GkDatum::cgcs2000 ? "CGCS2000" : s->datum == GkDatum::xian1980 ? "Xian 1980" : "Beijing 1954";
    return std::string(datum) + " Gauss-Krüger, " + w + "-degree zone " + z + ", central meridian " + cm + "°E" +
           (s->prefixed ? ", easting with zone prefix" : ", easting without zone prefix") + " (" + crs.label() + ")";
}

}  // namespace zoning::report::document
