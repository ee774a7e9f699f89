#include "io.hpp"

#include <zoning/error.hpp>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <filesystem>
#include <memory>

namespace gen {

namespace {
struct DatasetCloser {
    void operator()(GDALDataset* ds) const noexcept {
        if (ds != nullptr) GDALClose(ds);
    }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

struct FeatureDeleter {
    void operator()(OGRFeature* f) const noexcept { OGRFeature::DestroyFeature(f); }
};
}  // namespace

void write_layer(const GeosContext& ctx, const LayerData& layer, const std::string& path,
                 const WriteOptions& opt, int only_dim) {
    GDALAllRegister();
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName(opt.driver.c_str());
    if (drv == nullptr) throw zoning::InternalError("GDAL driver missing: " + opt.driver);
    namespace fs = std::filesystem;
    if (fs::exists(path)) {
        if (opt.driver == "ESRI Shapefile") {
            for (const char* ext : {".shp", ".shx", ".dbf", ".prj", ".cpg"}) {
                fs::path p(path);
                p.replace_extension(ext);
                fs::remove(p);
            }
        } else {
            fs::remove(path);
        }
    }
    DatasetPtr ds(drv->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) throw zoning::InputError(path + ": cannot create (" + CPLGetLastErrorMsg() + ")");
    OGRSpatialReference srs;
    srs.importFromEPSG(opt.epsg);
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    char** lco = nullptr;
    if (opt.driver == "ESRI Shapefile") {
        lco = CSLSetNameValue(lco, "ENCODING", "UTF-8");
        lco = CSLSetNameValue(lco, "DBF_DATE_LAST_UPDATE", "2024-01-01");
    } else if (opt.driver == "GeoJSON") {
        lco = CSLSetNameValue(lco, "COORDINATE_PRECISION",
                              std::to_string(opt.coordinate_precision).c_str());
        lco = CSLSetNameValue(lco, "RFC7946", "NO");
    }
    const std::string lname =
        opt.layer_name.empty() ? fs::path(path).stem().string() : opt.layer_name;
    const OGRwkbGeometryType gtype = opt.gtype != wkbUnknown ? opt.gtype : layer.gtype;
    OGRLayer* lyr = ds->CreateLayer(lname.c_str(), &srs, gtype, lco);
    CSLDestroy(lco);
    if (lyr == nullptr) throw zoning::InputError(path + ": cannot create layer " + lname);
    for (const auto& f : layer.fields) {
        OGRFieldDefn fd(f.name.c_str(), f.type);
        if (f.width > 0) fd.SetWidth(f.width);
        if (f.precision > 0) fd.SetPrecision(f.precision);
        if (lyr->CreateField(&fd) != OGRERR_NONE)
            throw zoning::InputError(path + ": cannot create field " + f.name);
    }
    // GeoPackage: one transaction, not one per feature (orders of magnitude faster)
    const bool transaction = opt.driver == "GPKG";
    if (transaction && ds->StartTransaction() != OGRERR_NONE)
        throw zoning::InputError(path + ": cannot start a transaction");
    for (const auto& feat : layer.features) {
        if (only_dim >= 0 && zoning::geometry_dimension(ctx, feat.geom.get()) != only_dim) continue;
        std::unique_ptr<OGRFeature, FeatureDeleter> f(OGRFeature::CreateFeature(lyr->GetLayerDefn()));
        for (size_t i = 0; i < feat.values.size() && i < layer.fields.size(); ++i) {
            const int idx = static_cast<int>(i);
            const Value& v = feat.values[i];
            if (const auto* s = std::get_if<std::string>(&v)) f->SetField(idx, s->c_str());
            else if (const auto* n = std::get_if<long long>(&v))
                f->SetField(idx, static_cast<GIntBig>(*n));
            else if (const auto* d = std::get_if<double>(&v)) f->SetField(idx, *d);
        }
        Geom g = opt.transform != nullptr ? opt.transform->transform(ctx, feat.geom.get())
                                          : ctx.clone(feat.geom.get());
        if (GEOSisValid_r(ctx, g.get()) != 1) {
            char* why = GEOSisValidReason_r(ctx, g.get());
            const std::string reason = why != nullptr ? why : "invalid";
            GEOSFree_r(ctx, why);
            throw zoning::InternalError(path + ": feature " + std::to_string(&feat - layer.features.data()) +
                                        " is invalid before writing: " + reason);
        }
        const auto wkb = ctx.to_wkb(g.get());
        OGRGeometry* og = nullptr;
        if (OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &og, wkb.size()) !=
            OGRERR_NONE)
            throw zoning::InternalError(path + ": WKB not accepted by OGR");
        f->SetGeometryDirectly(og);
        if (lyr->CreateFeature(f.get()) != OGRERR_NONE)
            throw zoning::InputError(path + ": cannot write feature (" + CPLGetLastErrorMsg() + ")");
    }
    if (transaction && ds->CommitTransaction() != OGRERR_NONE)
        throw zoning::InputError(path + ": cannot commit (" + CPLGetLastErrorMsg() + ")");
}

std::vector<Geom> read_geometries(const GeosContext& ctx, const std::string& path) {
    GDALAllRegister();
    DatasetPtr ds(static_cast<GDALDataset*>(
        GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr)));
    if (!ds) throw zoning::InputError(path + ": cannot open");
    OGRLayer* lyr = ds->GetLayer(0);
    std::vector<Geom> out;
    lyr->ResetReading();
    while (OGRFeature* raw = lyr->GetNextFeature()) {
        std::unique_ptr<OGRFeature, FeatureDeleter> f(raw);
        const OGRGeometry* g = f->GetGeometryRef();
        if (g == nullptr) {
            out.push_back(ctx.empty_polygon());
            continue;
        }
        std::vector<unsigned char> wkb(static_cast<size_t>(g->WkbSize()));
        g->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
        out.push_back(ctx.from_wkb(wkb.data(), wkb.size()));
    }
    return out;
}

std::vector<std::string> read_field(const std::string& path, const std::string& field) {
    GDALAllRegister();
    DatasetPtr ds(static_cast<GDALDataset*>(
        GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr)));
    if (!ds) throw zoning::InputError(path + ": cannot open");
    OGRLayer* lyr = ds->GetLayer(0);
    const int idx = lyr->GetLayerDefn()->GetFieldIndex(field.c_str());
    if (idx < 0) throw zoning::InputError(path + ": no field " + field);
    std::vector<std::string> out;
    while (OGRFeature* raw = lyr->GetNextFeature()) {
        std::unique_ptr<OGRFeature, FeatureDeleter> f(raw);
        out.emplace_back(f->GetFieldAsString(idx));
    }
    return out;
}

}  // namespace gen
