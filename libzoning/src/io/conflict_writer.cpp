// Writing conflict geometries through OGR: to a temporary name first, renamed when complete.
#include <zoning/error.hpp>
#include <zoning/report.hpp>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <system_error>

namespace zoning {

namespace fs = std::filesystem;

namespace {

struct Format {
    const char* driver;
    bool single_geometry_type;  // shapefile: one geometry type per file
};

Format format_of(const fs::path& path) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (ext == ".gpkg") return {"GPKG", false};
    if (ext == ".shp") return {"ESRI Shapefile", true};
    if (ext == ".geojson" || ext == ".json") return {"GeoJSON", false};
    throw InputError(path.string() + ": unknown output format '" + ext + "' (use .gpkg, .shp or .geojson)");
}

/// Files a write to `path` produces (a shapefile is several).
std::vector<fs::path> files_of(const fs::path& path, const Format& f) {
    if (!f.single_geometry_type) return {path};
    std::vector<fs::path> out;
    for (const char* ext : {".shp", ".shx", ".dbf", ".prj", ".cpg"}) {
        fs::path p = path;
        out.push_back(p.replace_extension(ext));
    }
    return out;
}

bool same_file(const fs::path& a, const fs::path& b) {
    std::error_code ec;
    if (fs::exists(a, ec) && fs::exists(b, ec)) return fs::equivalent(a, b, ec);
    return fs::weakly_canonical(a, ec) == fs::weakly_canonical(b, ec);
}

std::unique_ptr<OGRGeometry> to_ogr(const GeosContext& ctx, const GEOSGeometry* g, int dim) {
    if (g == nullptr) return nullptr;
    std::vector<unsigned char> wkb = ctx.to_wkb(g);
    OGRGeometry* raw = nullptr;
    if (OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &raw, wkb.size()) != OGRERR_NONE) {
        throw InternalError("cannot convert a GEOS geometry to OGR");
    }
    std::unique_ptr<OGRGeometry> og(raw);
    if (dim == 2) og.reset(OGRGeometryFactory::forceToMultiPolygon(og.release()));
    else if (dim == 1) og.reset(OGRGeometryFactory::forceToMultiLineString(og.release()));
    else if (dim == 0) og.reset(OGRGeometryFactory::forceToMultiPoint(og.release()));
    return og;
}

struct Row {
    const FootprintResult* fp;
    const Conflict* c;
    const FeatureHit* h;
};

}  // namespace

void write_conflicts(const fs::path& path, const ScreenReport& r, const GeosContext& ctx,
                     const Crs& crs, const std::vector<fs::path>& inputs) {
    const Format f = format_of(path);
    const std::vector<fs::path> outputs = files_of(path, f);
    for (const auto& out : outputs) {
        for (const auto& in : inputs) {
            if (same_file(out, in)) {
                throw InputError(out.string() + ": is one of the inputs; refusing to overwrite it");
            }
        }
    }
    std::vector<Row> rows;
    int dim = -1;
    bool mixed = false;
    for (const auto& fp : r.footprints) {
        for (const auto& c : fp.conflicts) {
            for (const auto& h : c.features) {
                rows.push_back({&fp, &c, &h});
                if (!h.piece || GEOSisEmpty_r(ctx, h.piece.get()) != 0) continue;
                const int d = geometry_dimension(ctx, h.piece.get());
                if (dim >= 0 && d != dim) mixed = true;
                dim = std::max(dim, d);
            }
        }
    }
    if (mixed && f.single_geometry_type) {
        throw InputError(path.string() + ": the conflicts mix points, lines and polygons, which one "
                         "shapefile cannot hold: write .gpkg or .geojson instead");
    }
    OGRwkbGeometryType type = wkbUnknown;
    if (!mixed) type = dim == 2 ? wkbMultiPolygon : dim == 1 ? wkbMultiLineString : dim == 0 ? wkbMultiPoint : wkbMultiPolygon;

    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName(f.driver);
    if (drv == nullptr) throw InternalError(std::string("GDAL driver ") + f.driver + " is missing");

    const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
    if (!fs::is_directory(dir)) throw InputError(path.string() + ": folder " + dir.string() + " does not exist");
    const std::string tag = ".zoning-tmp-" + std::to_string(::getpid());
    const fs::path tmpdir = dir / tag;
    fs::remove_all(tmpdir);
    fs::create_directory(tmpdir);
    const fs::path tmp = tmpdir / path.filename();
    try {
        OGRSpatialReference srs;
        if (srs.importFromWkt(crs.wkt.c_str()) != OGRERR_NONE) throw InternalError("cannot use CRS " + crs.label());
        srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        {
            GDALDatasetUniquePtr ds(drv->Create(tmp.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
            if (!ds) throw InputError(path.string() + ": cannot create: " + CPLGetLastErrorMsg());
            const char* shp_opts[] = {"ENCODING=UTF-8", nullptr};
            const char* gj_opts[] = {"RFC7946=NO", "WRITE_NAME=NO", nullptr};
            char** lopts = const_cast<char**>(f.single_geometry_type ? shp_opts
                                              : std::string(f.driver) == "GeoJSON" ? gj_opts : nullptr);
            OGRLayer* layer = ds->CreateLayer("conflicts", &srs, type, lopts);
            if (layer == nullptr) throw InputError(path.string() + ": cannot create layer: " + CPLGetLastErrorMsg());
            struct FieldDef { const char* name; OGRFieldType type; };
            constexpr std::array<FieldDef, 18> fields{{
                {"fp_id", OFTString}, {"fp_name", OFTString}, {"fp_verdict", OFTString},
                {"layer", OFTString}, {"kind", OFTString}, {"verdict", OFTString},
                {"near", OFTInteger}, {"feat_fid", OFTInteger64}, {"feat_name", OFTString},
                {"feat_code", OFTString}, {"feat_class", OFTString}, {"area_m2", OFTReal},
                {"area_e_m2", OFTReal}, {"area_ha", OFTReal}, {"area_mu", OFTReal},
                {"share", OFTReal}, {"length_m", OFTReal}, {"dist_m", OFTReal}}};
            for (const auto& fd : fields) {
                OGRFieldDefn def(fd.name, fd.type);
                if (fd.type == OFTString) def.SetWidth(fd.name == std::string("fp_name") || fd.name == std::string("feat_name") ? 254 : 80);
                if (fd.type == OFTReal) { def.SetWidth(24); def.SetPrecision(6); }
                if (layer->CreateField(&def) != OGRERR_NONE) throw InternalError(std::string("cannot create field ") + fd.name);
            }
            if (ds->StartTransaction() != OGRERR_NONE) { /* not every driver has transactions */ }
            for (const Row& row : rows) {
                OGRFeatureUniquePtr feat(OGRFeature::CreateFeature(layer->GetLayerDefn()));
                feat->SetField("fp_id", row.fp->id.c_str());
                feat->SetField("fp_name", row.fp->name.c_str());
                feat->SetField("fp_verdict", std::string(to_string(row.fp->verdict)).c_str());
                feat->SetField("layer", row.c->layer.c_str());
                feat->SetField("kind", std::string(to_string(row.c->kind)).c_str());
                feat->SetField("verdict", std::string(to_string(row.h->verdict)).c_str());
                feat->SetField("near", row.c->near_only ? 1 : 0);
                feat->SetField("feat_fid", static_cast<GIntBig>(row.h->fid));
                feat->SetField("feat_name", row.h->name.c_str());
                feat->SetField("feat_code", row.h->code.c_str());
                feat->SetField("feat_class", row.h->cls.c_str());
                feat->SetField("area_m2", row.h->area_m2);
                feat->SetField("area_e_m2", row.h->area_ellipsoidal_m2);
                feat->SetField("area_ha", row.h->area_m2 / kM2PerHa);
                feat->SetField("area_mu", row.h->area_m2 / kM2PerMu);
                feat->SetField("share", row.fp->area_m2 > 0 ? row.h->area_m2 / row.fp->area_m2 : 0.0);
                feat->SetField("length_m", row.h->length_m);
                feat->SetField("dist_m", row.h->distance_m);
                if (row.h->piece && GEOSisEmpty_r(ctx, row.h->piece.get()) == 0) {
                    std::unique_ptr<OGRGeometry> g = to_ogr(ctx, row.h->piece.get(), mixed ? -1 : dim);
                    feat->SetGeometryDirectly(g.release());
                }
                if (layer->CreateFeature(feat.get()) != OGRERR_NONE) {
                    throw InternalError("cannot write a conflict feature: " + std::string(CPLGetLastErrorMsg()));
                }
            }
            ds->CommitTransaction();
            CPLErrorReset();
            ds.reset();  // closes the dataset: the files are complete
            if (CPLGetLastErrorType() >= CE_Failure) {
                throw InputError(path.string() + ": write failed: " + CPLGetLastErrorMsg());
            }
        }
        for (const auto& out : outputs) {
            const fs::path t = tmpdir / out.filename();
            if (fs::exists(t)) fs::rename(t, out);
        }
        fs::remove_all(tmpdir);
    } catch (...) {
        std::error_code ec;
        fs::remove_all(tmpdir, ec);
        throw;
    }
}

}  // namespace zoning
