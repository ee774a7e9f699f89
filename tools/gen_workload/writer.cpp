#include "writer.hpp"

#include <zoning/error.hpp>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <array>
#include <memory>
#include <string>

namespace workload {
namespace {

struct Sink {
    GDALDatasetUniquePtr ds;  // FlatGeobuf: one dataset per layer
    OGRLayer* layer = nullptr;
};

void check(OGRErr e, const std::string& what) {
    if (e != OGRERR_NONE) throw zoning::InputError(what + ": " + CPLGetLastErrorMsg());
}

OGRLayer* make_layer(GDALDataset& ds, const char* name, OGRwkbGeometryType type, OGRSpatialReference& srs,
                     bool width, const std::string& where) {
    OGRLayer* l = ds.CreateLayer(name, &srs, type, nullptr);
    if (l == nullptr) throw zoning::InputError(where + ": cannot create layer " + name + ": " + CPLGetLastErrorMsg());
    OGRFieldDefn id("ID", OFTString);
    id.SetWidth(8);
    check(l->CreateField(&id), where + " field ID");
    OGRFieldDefn mix("MIX", OFTString);
    check(l->CreateField(&mix), where + " field MIX");
    OGRFieldDefn target("TARGET", OFTString);
    check(l->CreateField(&target), where + " field TARGET");
    if (width) {
        OGRFieldDefn kd("KD", OFTReal);
        check(l->CreateField(&kd), where + " field KD");
    }
    return l;
}

GDALDatasetUniquePtr create(const char* driver_name, const std::filesystem::path& path) {
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName(driver_name);
    if (drv == nullptr) throw zoning::InputError(std::string("GDAL has no ") + driver_name + " driver");
    std::error_code ec;
    std::filesystem::remove(path, ec);
    GDALDatasetUniquePtr ds(drv->Create(path.string().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) throw zoning::InputError(path.string() + ": cannot create: " + CPLGetLastErrorMsg());
    return ds;
}

}  // namespace

void write(const std::filesystem::path& out, const std::vector<Item>& items, const zoning::Crs& crs,
           const zoning::GeosContext& ctx) {
    GDALAllRegister();
    OGRSpatialReference srs;
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    if (srs.importFromWkt(crs.wkt.c_str()) != OGRERR_NONE)
        throw zoning::InputError("cannot use the catalog CRS " + crs.label() + " for the workload");
    if (crs.epsg) srs.importFromEPSG(*crs.epsg);  // an authority code PostGIS and QGIS recognise

    const std::array<const char*, 3> names{"sites", "lines", "points"};
    const std::array<OGRwkbGeometryType, 3> types{wkbPolygon, wkbLineString, wkbPoint};
    std::array<Sink, 3> sinks;
    const bool gpkg = out.extension() == ".gpkg";
    if (gpkg) {
        GDALDatasetUniquePtr ds = create("GPKG", out);
        for (size_t k = 0; k < 3; ++k)
            sinks[k].layer = make_layer(*ds, names[k], types[k], srs, k == 1, out.string());
        sinks[0].ds = std::move(ds);
        check(sinks[0].ds->StartTransaction(), out.string() + ": start transaction");
    } else {
        std::filesystem::create_directories(out);
        for (size_t k = 0; k < 3; ++k) {
            const std::filesystem::path p = out / (std::string(names[k]) + ".fgb");
            sinks[k].ds = create("FlatGeobuf", p);
            sinks[k].layer = make_layer(*sinks[k].ds, names[k], types[k], srs, k == 1, p.string());
        }
    }

    for (const Item& it : items) {
        const size_t k = it.shape == Shape::site ? 0 : it.shape == Shape::corridor ? 1 : 2;
        OGRLayer* l = sinks[k].layer;
        OGRFeatureUniquePtr f(OGRFeature::CreateFeature(l->GetLayerDefn()));
        f->SetField("ID", it.id.c_str());
        f->SetField("MIX", to_string(it.placement));
        if (!it.target.empty()) f->SetField("TARGET", it.target.c_str());
        if (k == 1) f->SetField("KD", it.width_m);
        const std::vector<unsigned char> wkb = ctx.to_wkb(it.geom.get());
        OGRGeometry* raw = nullptr;
        check(OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &raw, wkb.size()), it.id + ": WKB");
        std::unique_ptr<OGRGeometry> g(raw);
        g->assignSpatialReference(l->GetSpatialRef());
        check(f->SetGeometryDirectly(g.release()), it.id + ": geometry");
        check(l->CreateFeature(f.get()), out.string() + " " + names[k] + " " + it.id);
    }
    if (gpkg) check(sinks[0].ds->CommitTransaction(), out.string() + ": commit");
    for (Sink& s : sinks) s.ds.reset();  // closes (FlatGeobuf writes its index here)
}

}  // namespace workload
