// KML written directly as XML: OGR's KML driver has no per-feature styles to speak of.
#include "output/kml_writer.hpp"
#include "output/xml.hpp"
#include "report/format.hpp"

#include <zoning/area.hpp>
#include <zoning/error.hpp>
#include <zoning/report.hpp>
#include <zoning/style.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

namespace zoning::output {

namespace {

/// KML colours are aabbggrr.
std::string kml_color(Rgba c) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02x%02x%02x%02x", c.a, c.b, c.g, c.r);
    return buf;
}

using report::fixed;

class KmlGeometry {
public:
    KmlGeometry(const GeosContext& ctx, std::ostringstream& o) : ctx_(ctx), o_(o) {}

    void write(const GEOSGeometry* g) {
        const int type = GEOSGeomTypeId_r(ctx_, g);
        const int n = GEOSGetNumGeometries_r(ctx_, g);
        if (type == GEOS_MULTIPOINT || type == GEOS_MULTILINESTRING || type == GEOS_MULTIPOLYGON ||
            type == GEOS_GEOMETRYCOLLECTION) {
            o_ << "<MultiGeometry>";
            for (int i = 0; i < n; ++i) write(GEOSGetGeometryN_r(ctx_, g, i));
            o_ << "</MultiGeometry>";
        } else if (type == GEOS_POINT) {
            o_ << "<Point><coordinates>";
            coords(GEOSGeom_getCoordSeq_r(ctx_, g));
            o_ << "</coordinates></Point>";
        } else if (type == GEOS_LINESTRING || type == GEOS_LINEARRING) {
            o_ << "<LineString><tessellate>1</tessellate><coordinates>";
            coords(GEOSGeom_getCoordSeq_r(ctx_, g));
            o_ << "</coordinates></LineString>";
        } else if (type == GEOS_POLYGON) {
            o_ << "<Polygon><tessellate>1</tessellate><outerBoundaryIs><LinearRing><coordinates>";
            coords(GEOSGeom_getCoordSeq_r(ctx_, GEOSGetExteriorRing_r(ctx_, g)));
            o_ << "</coordinates></LinearRing></outerBoundaryIs>";
            const int holes = GEOSGetNumInteriorRings_r(ctx_, g);
            for (int i = 0; i < holes; ++i) {
                o_ << "<innerBoundaryIs><LinearRing><coordinates>";
                coords(GEOSGeom_getCoordSeq_r(ctx_, GEOSGetInteriorRingN_r(ctx_, g, i)));
                o_ << "</coordinates></LinearRing></innerBoundaryIs>";
            }
            o_ << "</Polygon>";
        }
    }

private:
    void coords(const GEOSCoordSequence* seq) {
        unsigned int n = 0;
        if (seq == nullptr || GEOSCoordSeq_getSize_r(ctx_, seq, &n) == 0) return;
        for (unsigned int i = 0; i < n; ++i) {
            double x = 0, y = 0;
            GEOSCoordSeq_getXY_r(ctx_, seq, i, &x, &y);
            o_ << (i ? " " : "") << fixed(x, 8) << ',' << fixed(y, 8);
        }
    }
    const GeosContext& ctx_;
    std::ostringstream& o_;
};

void style(std::ostringstream& o, const std::string& id, const Style& s) {
    o << "<Style id=\"" << xml_escape(id) << "\">";
    o << "<LineStyle><color>" << kml_color(s.stroke) << "</color><width>" << fixed(std::max(1.0, s.width_mm * 4), 1)
      << "</width></LineStyle>";
    if (s.fill) {
        o << "<PolyStyle><color>" << kml_color(*s.fill) << "</color><fill>1</fill><outline>1</outline></PolyStyle>";
    } else {
        o << "<PolyStyle><fill>0</fill><outline>1</outline></PolyStyle>";
    }
    o << "<IconStyle><color>" << kml_color(s.stroke)
      << "</color><scale>0.8</scale><Icon><href>http://maps.google.com/mapfiles/kml/shapes/placemark_circle.png</href></Icon></IconStyle>";
    o << "<BalloonStyle><text>$[description]</text></BalloonStyle>";
    o << "</Style>\n";
}

std::string row(const std::string& k, const std::string& v) {
    return "<tr><td>" + xml_escape(k) + "</td><td>" + xml_escape(v) + "</td></tr>";
}

/// 公顷 and 亩 from the ellipsoidal area (docs/areas.md); the planar m² is a row of its own.
std::string areas(double ellipsoidal_m2) {
    return fixed(ellipsoidal_m2, 2) + " m² = " + fixed(ellipsoidal_m2 / kM2PerHa, 4) + " 公顷 = " +
           fixed(ellipsoidal_m2 / kM2PerMu, 2) + " 亩";
}

/// "风电 (wind_power)".
std::string category_words(Category c) {
    return std::string(to_chinese(c)) + " (" + std::string(to_string(c)) + ")";
}

/// The rule that gave a conflict part its verdict (docs/rules.md): its id, basis and procedure.
std::string rule_rows(const AppliedRule& rule) {
    std::string d;
    if (!rule.id.empty()) d += row("规则编号", rule.id);
    d += row("依据", rule.basis);
    if (!rule.procedure.empty()) d += row("办理程序", rule.procedure);
    return d;
}

}  // namespace

void write_kml(const std::filesystem::path& file, const ScreenReport& r, const GeosContext& ctx, const Crs& crs,
               const LoadedCatalog* catalog) {
    const Transformer to_wgs84(crs, Crs::from_user("EPSG:4326"));
    std::ostringstream o;
    o << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\">\n<Document>\n";
    o << "<name>" << xml_escape(r.catalog + " 管控冲突") << "</name>\n";
    o << "<description>" << xml_escape("zoning screen: 项目用地与管控要素冲突; 面积为工作坐标系 " + r.crs + " 平面面积") << "</description>\n";
    style(o, "footprint", footprint_style());
    style(o, "conflict-severe", conflict_style(true));
    style(o, "conflict-caution", conflict_style(false));
    // Per catalog layer and class: the same colours as the map and the GeoPackage.
    std::map<std::string, Style> styles;
    auto style_id = [&](const Conflict& c, const FeatureHit& h) -> std::string {
        const ZoneLayer* l = catalog != nullptr ? catalog->find(c.layer) : nullptr;
        if (l == nullptr) return c.verdict >= Verdict::restricted ? "conflict-severe" : "conflict-caution";
        const std::string cls = style_varies_by_class(l->spec()) ? h.cls : std::string();
        std::string id = "layer-" + c.layer;  // appended piece by piece: GCC 12 -Wrestrict false positive (bug 105329)
        if (!cls.empty()) {
            id += '-';
            id += std::to_string(std::hash<std::string>{}(cls) % 100000);
        }
        if (!styles.count(id)) styles.emplace(id, layer_style(l->spec(), cls));
        return id;
    };
    for (const auto& fp : r.footprints) {
        for (const auto& c : fp.conflicts) {
            for (const auto& h : c.features) style_id(c, h);
        }
    }
    for (const auto& [id, s] : styles) {
        Style st = s;
        st.width_mm = std::max(st.width_mm, 0.5);
        style(o, id, st);
    }

    KmlGeometry kg(ctx, o);
    o << "<Folder><name>项目用地范围</name>\n";
    for (const auto& fp : r.footprints) {
        if (!fp.geom || GEOSisEmpty_r(ctx, fp.geom.get()) != 0) continue;
        o << "<Placemark><name>" << xml_escape(fp.name.empty() ? fp.id : fp.id + " " + fp.name) << "</name>";
        std::string d = "<table>" + row("项目编号", fp.id) + row("项目名称", fp.name) + row("几何类型", fp.geometry_type);
        if (fp.area_m2 > 0) d += row("椭球面积", areas(fp.area_ellipsoidal_m2)) + row("平面面积", fixed(fp.area_m2, 2) + " m²");
        if (fp.length_m > 0) d += row("长度", fixed(fp.length_m, 2) + " m");
        d += row("结论", std::string(to_chinese(fp.verdict)));
        if (fp.category) d += row("项目类别", category_words(*fp.category));
        if (const std::string note = coverage_note(fp, Lang::zh); !note.empty()) d += row("目录范围", note);
        if (!fp.not_screened.empty()) d += row("无法审查", fp.not_screened);
        d += "</table>";
        o << "<description><![CDATA[" << d << "]]></description><styleUrl>#footprint</styleUrl>";
        const Geom g = to_wgs84.transform(ctx, fp.geom.get());
        kg.write(g.get());
        o << "</Placemark>\n";
    }
    o << "</Folder>\n<Folder><name>冲突区域</name>\n";
    for (const auto& fp : r.footprints) {
        for (const auto& c : fp.conflicts) {
            for (size_t i = 0; i < c.features.size(); ++i) {
                const FeatureHit& h = c.features[i];
                if (!h.piece || GEOSisEmpty_r(ctx, h.piece.get()) != 0) continue;
                const std::string feature = !h.name.empty() ? h.name : !h.code.empty() ? h.code : "fid " + std::to_string(h.fid);
                o << "<Placemark><name>" << xml_escape(fp.id + " · " + c.title + " · " + feature) << "</name>";
                std::string d = "<table>" + row("项目", fp.id + (fp.name.empty() ? "" : " " + fp.name)) +
                                row("图层", c.title) + row("要素", feature);
                if (!h.code.empty()) d += row("编码", h.code);
                if (!h.cls.empty()) d += row("分区类别", h.cls);
                d += row("结论", std::string(to_chinese(h.verdict)));
                if (fp.category) d += row("项目类别", category_words(*fp.category));
                if (const AppliedRule* rule = c.feature_rule(i)) d += rule_rows(*rule);
                if (h.area_m2 > 0) {
                    d += row("冲突面积(椭球)", areas(h.area_ellipsoidal_m2)) +
                         row("冲突面积(平面)", fixed(h.area_m2, 2) + " m²");
                }
                if (h.length_m > 0) d += row("区内长度", fixed(h.length_m, 2) + " m");
                d += "</table>";
                o << "<description><![CDATA[" << d << "]]></description><styleUrl>#" << style_id(c, h) << "</styleUrl>";
                const Geom g = to_wgs84.transform(ctx, h.piece.get());
                kg.write(g.get());
                o << "</Placemark>\n";
            }
        }
    }
    o << "</Folder>\n</Document>\n</kml>\n";
    std::ofstream out(file, std::ios::binary);
    out << o.str();
    out.close();  // the last block is written here: a full disk shows only now
    if (!out) throw InputError(file.string() + ": cannot write: " + std::strerror(errno));
}

}  // namespace zoning::output
