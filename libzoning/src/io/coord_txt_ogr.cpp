// The coordinate TXT as an OGR layer, so it flows through every reader (footprints, catalog
// layers, convert) like any GDAL source.
#include "io/coord_txt_ogr.hpp"
#include "io/txt_rings.hpp"

#include <zoning/error.hpp>

#include <ogr_spatialref.h>

#include <cmath>

namespace zoning::io {

namespace {

std::unique_ptr<OGRLinearRing> linear_ring(const std::vector<TxtPoint>& r) {
    auto ring = std::make_unique<OGRLinearRing>();
    for (const TxtPoint& p : r) ring->addPoint(p.y, p.x);
    ring->addPoint(r.front().y, r.front().x);
    return ring;
}

void add_ring(TxtPlot& plot, const OGRSimpleCurve& c, int ring_no) {
    const int n = c.getNumPoints();
    for (int i = 0; i < n; ++i) {
        TxtPoint p;
        p.ring = ring_no;
        p.x = c.getY(i);
        p.y = c.getX(i);
        plot.points.push_back(p);
    }
}

}  // namespace

std::unique_ptr<OGRGeometry> plot_geometry(const TxtPlot& plot) {
    const auto rings = plot.rings();
    if (plot.shape == "点") {
        auto mp = std::make_unique<OGRMultiPoint>();
        for (const auto& r : rings) {
            for (const auto& p : r) {
                OGRPoint pt(p.y, p.x);
                mp->addGeometry(&pt);
            }
        }
        if (mp->getNumGeometries() == 1) return std::unique_ptr<OGRGeometry>(mp->getGeometryRef(0)->clone());
        return mp;
    }
    if (plot.shape == "线") {
        auto ml = std::make_unique<OGRMultiLineString>();
        for (const auto& r : rings) {
            auto ls = std::make_unique<OGRLineString>();
            for (const auto& p : r) ls->addPoint(p.y, p.x);
            ml->addGeometryDirectly(ls.release());
        }
        if (ml->getNumGeometries() == 1) return std::unique_ptr<OGRGeometry>(ml->getGeometryRef(0)->clone());
        return ml;
    }
    std::vector<std::unique_ptr<OGRPolygon>> polys;
    std::vector<size_t> poly_of(rings.size(), 0);  // ring index -> its polygon, for outer rings
    const std::vector<int> owner = ring_owners(rings);
    for (size_t i = 0; i < rings.size(); ++i) {
        if (owner[i] >= 0) {
            polys[poly_of[static_cast<size_t>(owner[i])]]->addRingDirectly(linear_ring(rings[i]).release());
        } else {
            auto poly = std::make_unique<OGRPolygon>();
            poly->addRingDirectly(linear_ring(rings[i]).release());
            poly_of[i] = polys.size();
            polys.push_back(std::move(poly));
        }
    }
    if (polys.size() == 1) return std::move(polys.front());
    auto mp = std::make_unique<OGRMultiPolygon>();
    for (auto& p : polys) mp->addGeometryDirectly(p.release());
    return mp;
}

TxtPlot plot_from_geometry(const OGRGeometry& g, const std::string& what) {
    TxtPlot plot;
    int ring_no = 0;
    const OGRwkbGeometryType t = wkbFlatten(g.getGeometryType());
    auto add_polygon = [&](const OGRPolygon& poly) {
        for (const OGRLinearRing* r : poly) {
            if (r == nullptr || r->getNumPoints() < 4) continue;
            OGRLinearRing open(*r);
            if (open.get_IsClosed()) open.setNumPoints(open.getNumPoints() - 1);
            add_ring(plot, open, ++ring_no);
        }
    };
    if (t == wkbPolygon) {
        plot.shape = "面";
        add_polygon(*g.toPolygon());
    } else if (t == wkbMultiPolygon) {
        plot.shape = "面";
        for (const OGRPolygon* p : *g.toMultiPolygon()) add_polygon(*p);
    } else if (t == wkbLineString) {
        plot.shape = "线";
        add_ring(plot, *g.toLineString(), ++ring_no);
    } else if (t == wkbMultiLineString) {
        plot.shape = "线";
        for (const OGRLineString* l : *g.toMultiLineString()) add_ring(plot, *l, ++ring_no);
    } else if (t == wkbPoint) {
        plot.shape = "点";
        TxtPoint p;
        p.x = g.toPoint()->getY();
        p.y = g.toPoint()->getX();
        plot.points.push_back(p);
    } else if (t == wkbMultiPoint) {
        plot.shape = "点";
        for (const OGRPoint* pt : *g.toMultiPoint()) {
            TxtPoint p;
            p.ring = ++ring_no;
            p.x = pt->getY();
            p.y = pt->getX();
            plot.points.push_back(p);
        }
    } else {
        throw InputError(what + ": a " + std::string(OGRGeometryTypeToName(t)) +
                         " cannot be written to a coordinate TXT (polygons, lines and points only)");
    }
    if (plot.points.empty()) throw InputError(what + ": empty geometry cannot be written to a coordinate TXT");
    plot.point_count = static_cast<int>(plot.points.size());
    return plot;
}

GDALDatasetUniquePtr open_coord_txt(const std::filesystem::path& path, std::vector<std::string>& notes,
                                    std::string& crs_hint) {
    const CoordTxt txt = read_coord_txt(path);
    notes.insert(notes.end(), txt.notes.begin(), txt.notes.end());
    // A GBK file that decodes cleanly is normal for 界址点 TXT (most are GBK): no warning. One that
    // is neither UTF-8 nor GBK was refused by the reader, naming the line.
    GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("Memory");
    if (mem == nullptr) throw InternalError("GDAL: the Memory driver is missing");
    GDALDatasetUniquePtr ds(mem->Create(path.string().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) throw InternalError("GDAL: cannot create a Memory dataset");

    OGRSpatialReference srs;
    OGRSpatialReference* use_srs = nullptr;
    if (const auto sys = txt.gk_system()) {
        int epsg = 0;
        try {
            epsg = gk_epsg(*sys);
        } catch (const InputError& e) {
            throw InputError(path.string() + ": " + e.what());
        }
        if (srs.importFromEPSG(epsg) != OGRERR_NONE) throw InternalError("GDAL: cannot build EPSG:" + std::to_string(epsg));
        srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        use_srs = &srs;
    } else {
        crs_hint = "its header does not give 坐标系 (2000国家大地坐标系, 1980西安坐标系, 1954北京坐标系) "
                   "and 带号 (坐标系='" + txt.value("坐标系") + "', 带号='" + txt.value("带号") + "')";
    }
    OGRLayer* layer = ds->CreateLayer(path.stem().string().c_str(), use_srs, wkbUnknown, nullptr);
    if (layer == nullptr) throw InternalError("GDAL: cannot create a Memory layer");
    auto add = [&](const char* name, OGRFieldType type) {
        OGRFieldDefn f(name, type);
        layer->CreateField(&f);
    };
    add(kTxtId, OFTString);
    add(kTxtName, OFTString);
    add("地块面积", OFTReal);
    add("界址点数", OFTInteger);
    add("图形属性", OFTString);
    add("图幅号", OFTString);
    add("地块用途", OFTString);
    add("地类编号", OFTString);
    add("行号", OFTInteger);
    for (const TxtPlot& p : txt.plots) {
        OGRFeatureUniquePtr f(OGRFeature::CreateFeature(layer->GetLayerDefn()));
        f->SetField(kTxtId, p.id.c_str());
        f->SetField(kTxtName, p.name.c_str());
        if (p.area_ha) f->SetField("地块面积", *p.area_ha);
        f->SetField("界址点数", p.point_count);
        f->SetField("图形属性", p.shape.c_str());
        f->SetField("图幅号", p.sheet.c_str());
        f->SetField("地块用途", p.use.c_str());
        f->SetField("地类编号", p.land_class.c_str());
        f->SetField("行号", p.line);
        f->SetGeometryDirectly(plot_geometry(p).release());
        if (layer->CreateFeature(f.get()) != OGRERR_NONE) throw InternalError("GDAL: cannot add a plot to a Memory layer");
    }
    return ds;
}

}  // namespace zoning::io
