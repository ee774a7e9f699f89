#include "io/ogr_source.hpp"

#include <zoning/error.hpp>

#include <cpl_error.h>

namespace zoning::io {

namespace {

std::string cpl_message() {
    const char* m = CPLGetLastErrorMsg();
    return (m != nullptr && *m != '\0') ? std::string(m) : std::string("not a readable vector source");
}

}  // namespace

std::vector<OgrSource> open_vector_layers(const std::filesystem::path& path) {
    if (!std::filesystem::exists(path)) {
        throw InputError(path.string() + ": file not found");
    }
    CPLErrorReset();
    std::vector<OgrSource> out;
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!ds) throw InputError(path.string() + ": cannot open: " + cpl_message());
    const int n = ds->GetLayerCount();
    if (n == 0) throw InputError(path.string() + ": has no vector layer");
    // Each layer gets its own dataset handle so it can be read independently.
    for (int i = 0; i < n; ++i) {
        GDALDatasetUniquePtr d(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
        OGRLayer* l = d->GetLayer(i);
        out.push_back({std::move(d), l, path.string() + " layer " + l->GetName()});
    }
    return out;
}

OgrSource open_vector(const std::filesystem::path& path, const std::string& layer_name) {
    if (!std::filesystem::exists(path)) {
        throw InputError(path.string() + ": file not found");
    }
    CPLErrorReset();
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!ds) throw InputError(path.string() + ": cannot open: " + cpl_message());
    OGRLayer* layer = nullptr;
    if (!layer_name.empty()) {
        layer = ds->GetLayerByName(layer_name.c_str());
        if (layer == nullptr) {
            std::string names;
            for (int i = 0; i < ds->GetLayerCount(); ++i) {
                names += (i ? ", " : "") + std::string(ds->GetLayer(i)->GetName());
            }
            throw InputError(path.string() + ": no layer '" + layer_name + "' (layers: " + names + ")");
        }
    } else {
        if (ds->GetLayerCount() == 0) throw InputError(path.string() + ": has no vector layer");
        if (ds->GetLayerCount() > 1) {
            std::string names;
            for (int i = 0; i < ds->GetLayerCount(); ++i) {
                names += (i ? ", " : "") + std::string(ds->GetLayer(i)->GetName());
            }
            throw InputError(path.string() + ": has " + std::to_string(ds->GetLayerCount()) +
                             " layers (" + names + "): say which one with 'layer:'");
        }
        layer = ds->GetLayer(0);
    }
    std::string label = path.string() + " layer " + layer->GetName();
    return {std::move(ds), layer, std::move(label)};
}

std::optional<Crs> layer_crs(OGRLayer* layer, const std::string& what) {
    const OGRSpatialReference* srs = layer->GetSpatialRef();
    if (srs == nullptr) return std::nullopt;
    char* wkt = nullptr;
    const char* options[] = {"FORMAT=WKT2_2019", nullptr};
    if (srs->exportToWkt(&wkt, options) != OGRERR_NONE || wkt == nullptr) {
        CPLFree(wkt);
        throw InputError(what + ": its CRS cannot be read");
    }
    std::string text(wkt);
    CPLFree(wkt);
    return Crs::from_user(text, what);
}

int field_index(OGRLayer* layer, const std::string& name) {
    return layer->GetLayerDefn()->GetFieldIndex(name.c_str());
}

std::string field_list(OGRLayer* layer) {
    std::string s;
    OGRFeatureDefn* d = layer->GetLayerDefn();
    for (int i = 0; i < d->GetFieldCount(); ++i) {
        s += (i ? ", " : "") + std::string(d->GetFieldDefn(i)->GetNameRef());
    }
    return s.empty() ? "none" : s;
}

Geom to_geos(const GeosContext& ctx, const OGRGeometry* g) {
    if (g == nullptr) return Geom(nullptr, GeomDeleter{ctx.handle()});
    std::unique_ptr<OGRGeometry> flat;
    const OGRGeometry* use = g;
    if (g->hasCurveGeometry(TRUE) || g->Is3D() || g->IsMeasured()) {
        flat.reset(g->hasCurveGeometry(TRUE) ? g->getLinearGeometry() : g->clone());
        flat->flattenTo2D();
        flat->setMeasured(FALSE);
        use = flat.get();
    }
    std::vector<unsigned char> wkb(static_cast<size_t>(use->WkbSize()));
    if (use->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso) != OGRERR_NONE) {
        throw InputError("geometry cannot be exported to WKB");
    }
    return ctx.from_wkb(wkb.data(), wkb.size());
}

std::string field_text(const OGRFeature& f, int index) {
    if (index < 0 || !f.IsFieldSetAndNotNull(index)) return {};
    return f.GetFieldAsString(index);
}

}  // namespace zoning::io
