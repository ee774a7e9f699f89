// Writing conflict geometries through OGR: to a temporary name first, renamed when complete.
#include <zoning/error.hpp>
#include <zoning/report.hpp>
#include <zoning/style.hpp>

#include "output/kml_writer.hpp"
#include "output/qgis_style.hpp"
#include "output/staged_output.hpp"

#include <gdal_priv.h>
#include <gdal_version.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <array>
#include <ctime>
#include <fstream>
#include <map>
#include <set>
#include <system_error>

namespace zoning {

namespace fs = std::filesystem;

namespace {

struct Format {
    const char* driver;         // GDAL driver, or "KML" (written by io/kml_writer)
    bool single_geometry_type;  // shapefile: one geometry type per file
};

Format format_of(const fs::path& path) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (ext == ".gpkg") return {"GPKG", false};
    if (ext == ".shp") return {"ESRI Shapefile", true};
    if (ext == ".geojson" || ext == ".json") return {"GeoJSON", false};
    if (ext == ".kml") return {"KML", false};
    throw InputError(path.string() + ": unknown output format '" + ext + "' (use .gpkg, .shp, .geojson or .kml)");
}

/// Files a write to `path` produces (a shapefile is several).
std::vector<fs::path> files_of(const fs::path& path, const Format& f) {
    if (!f.single_geometry_type) return {path};
    std::vector<fs::path> out;
    for (const char* ext : {".shp", ".shx", ".dbf", ".prj", ".cpg", ".qml"}) {
        fs::path p = path;
        out.push_back(p.replace_extension(ext));
    }
    return out;
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

/// Chinese aliases of the conflict fields (QGIS aliases, GeoPackage alternative names).
const std::map<std::string, std::string>& aliases() {
    static const std::map<std::string, std::string> a{
        {"fp_id", "项目编号"}, {"fp_name", "项目名称"}, {"fp_verdict", "项目结论"}, {"layer", "图层"},
        {"kind", "要素类型"}, {"verdict", "结论"}, {"near", "邻近"}, {"feat_fid", "要素FID"},
        {"feat_name", "要素名称"}, {"feat_code", "要素编码"}, {"feat_class", "分区类别"},
        {"area_m2", "面积(平方米)"}, {"area_e_m2", "椭球面积(平方米)"}, {"area_ha", "面积(公顷)"},
        {"area_mu", "面积(亩)"}, {"share", "占比"}, {"length_m", "长度(米)"}, {"dist_m", "距离(米)"},
        {"geom_type", "几何类型"}, {"width_m", "宽度(米)"}, {"radius_m", "半径(米)"},
        {"title", "图层名称"}, {"name", "名称"}, {"code", "编码"}, {"class", "分区类别"}};
    return a;
}

struct FieldDef {
    const char* name;
    OGRFieldType type;
};

void create_fields(OGRLayer* layer, const std::vector<FieldDef>& fields, bool alternative_names) {
    for (const auto& fd : fields) {
        OGRFieldDefn def(fd.name, fd.type);
        const std::string n = fd.name;
        if (fd.type == OFTString) def.SetWidth(n == "fp_name" || n == "feat_name" || n == "name" || n == "title" ? 254 : 80);
        if (fd.type == OFTReal) { def.SetWidth(24); def.SetPrecision(6); }
        if (alternative_names) {
            auto it = aliases().find(n);
            if (it != aliases().end()) def.SetAlternativeName(it->second.c_str());
        }
        if (layer->CreateField(&def) != OGRERR_NONE) throw InternalError("cannot create field " + n);
    }
}

std::vector<std::pair<std::string, std::string>> alias_list(const std::vector<FieldDef>& fields) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& fd : fields) {
        auto it = aliases().find(fd.name);
        out.emplace_back(fd.name, it != aliases().end() ? it->second : std::string(fd.name));
    }
    return out;
}

const std::vector<FieldDef>& conflict_fields() {
    static const std::vector<FieldDef> f{
        {"fp_id", OFTString}, {"fp_name", OFTString}, {"fp_verdict", OFTString},
        {"layer", OFTString}, {"kind", OFTString}, {"verdict", OFTString},
        {"near", OFTInteger}, {"feat_fid", OFTInteger64}, {"feat_name", OFTString},
        {"feat_code", OFTString}, {"feat_class", OFTString}, {"area_m2", OFTReal},
        {"area_e_m2", OFTReal}, {"area_ha", OFTReal}, {"area_mu", OFTReal},
        {"share", OFTReal}, {"length_m", OFTReal}, {"dist_m", OFTReal}};
    return f;
}

/// The conflicts layer's style: categorized by verdict, hatched like the map.
output::QmlLayer conflict_qml(int dim) {
    output::QmlLayer q;
    q.dim = dim < 0 ? 2 : dim;
    q.single = conflict_style(true);
    q.category_field = "verdict";
    for (const Verdict v : {Verdict::prohibited, Verdict::restricted, Verdict::caution, Verdict::allowed}) {
        Style s;
        if (v == Verdict::allowed) {
            s.stroke = Rgba{120, 120, 120, 255};
            s.width_mm = 0.3;
        } else {
            s = conflict_style(v >= Verdict::restricted);
        }
        s.label = std::string(to_chinese(v)) + " (" + std::string(to_string(v)) + ")";
        q.categories.push_back({std::string(to_string(v)), s});
    }
    q.aliases = alias_list(conflict_fields());
    q.label_field = "feat_name";
    return q;
}

int common_dimension(const GeosContext& ctx, const std::vector<const GEOSGeometry*>& geoms, bool& mixed) {
    int dim = -1;
    mixed = false;
    for (const GEOSGeometry* g : geoms) {
        if (g == nullptr || GEOSisEmpty_r(ctx, g) != 0) continue;
        const int d = geometry_dimension(ctx, g);
        if (dim >= 0 && d != dim) mixed = true;
        dim = std::max(dim, d);
    }
    return dim;
}

OGRwkbGeometryType multi_type(int dim, bool mixed) {
    if (mixed) return wkbUnknown;
    return dim == 2 ? wkbMultiPolygon : dim == 1 ? wkbMultiLineString : dim == 0 ? wkbMultiPoint : wkbMultiPolygon;
}

void write_feature(OGRLayer* layer, OGRFeature* feat) {
    if (layer->CreateFeature(feat) != OGRERR_NONE) {
        throw InternalError(std::string("cannot write a feature to ") + layer->GetName() + ": " + CPLGetLastErrorMsg());
    }
}

/// GeoPackage: the footprints layer.
void write_footprints(GDALDataset& ds, OGRSpatialReference& srs, const ScreenReport& r, const GeosContext& ctx,
                      std::vector<std::pair<OGRLayer*, output::QmlLayer>>& styled) {
    std::vector<const GEOSGeometry*> geoms;
    for (const auto& fp : r.footprints) geoms.push_back(fp.geom.get());
    bool mixed = false;
    const int dim = common_dimension(ctx, geoms, mixed);
    OGRLayer* layer = ds.CreateLayer("footprints", &srs, multi_type(dim, mixed), nullptr);
    if (layer == nullptr) throw InternalError(std::string("cannot create layer footprints: ") + CPLGetLastErrorMsg());
    const std::vector<FieldDef> fields{{"fp_id", OFTString}, {"fp_name", OFTString}, {"geom_type", OFTString},
                                       {"verdict", OFTString}, {"area_m2", OFTReal}, {"area_e_m2", OFTReal},
                                       {"area_ha", OFTReal}, {"area_mu", OFTReal}, {"length_m", OFTReal},
                                       {"width_m", OFTReal}, {"radius_m", OFTReal}};
    create_fields(layer, fields, true);
    ds.StartTransaction();
    for (const auto& fp : r.footprints) {
        OGRFeatureUniquePtr feat(OGRFeature::CreateFeature(layer->GetLayerDefn()));
        feat->SetField("fp_id", fp.id.c_str());
        feat->SetField("fp_name", fp.name.c_str());
        feat->SetField("geom_type", fp.geometry_type.c_str());
        feat->SetField("verdict", std::string(to_string(fp.verdict)).c_str());
        feat->SetField("area_m2", fp.area_m2);
        feat->SetField("area_e_m2", fp.area_ellipsoidal_m2);
        feat->SetField("area_ha", fp.area_m2 / kM2PerHa);
        feat->SetField("area_mu", fp.area_m2 / kM2PerMu);
        feat->SetField("length_m", fp.length_m);
        feat->SetField("width_m", fp.width_m);
        feat->SetField("radius_m", fp.radius_m);
        if (fp.geom && GEOSisEmpty_r(ctx, fp.geom.get()) == 0) {
            feat->SetGeometryDirectly(to_ogr(ctx, fp.geom.get(), mixed ? -1 : dim).release());
        }
        write_feature(layer, feat.get());
    }
    ds.CommitTransaction();
    output::QmlLayer q;
    q.dim = dim < 0 ? 2 : dim;
    q.single = footprint_style();
    q.aliases = alias_list(fields);
    q.label_field = "fp_id";
    styled.emplace_back(layer, q);
}

/// GeoPackage: one layer per catalog layer with copies of the features that were hit.
void write_hit_features(GDALDataset& ds, OGRSpatialReference& srs, const ScreenReport& r, const GeosContext& ctx,
                        const LoadedCatalog& catalog, std::vector<std::pair<OGRLayer*, output::QmlLayer>>& styled) {
    for (const ZoneLayer& zl : catalog.layers()) {
        std::set<std::int64_t> fids;
        for (const auto& fp : r.footprints) {
            for (const auto& c : fp.conflicts) {
                if (c.layer != zl.spec().id) continue;
                for (const auto& h : c.features) fids.insert(h.fid);
            }
        }
        if (fids.empty()) continue;
        std::vector<const ZoneFeature*> feats;
        std::vector<const GEOSGeometry*> geoms;
        for (const auto& f : zl.features()) {
            if (fids.count(f.fid) != 0) {
                feats.push_back(&f);
                geoms.push_back(f.geom.get());
            }
        }
        bool mixed = false;
        const int dim = common_dimension(ctx, geoms, mixed);
        const std::string name = "hit_" + zl.spec().id;
        OGRLayer* layer = ds.CreateLayer(name.c_str(), &srs, multi_type(dim, mixed), nullptr);
        if (layer == nullptr) throw InternalError("cannot create layer " + name + ": " + CPLGetLastErrorMsg());
        const std::vector<FieldDef> fields{{"feat_fid", OFTInteger64}, {"name", OFTString}, {"code", OFTString},
                                           {"class", OFTString}, {"verdict", OFTString}, {"layer", OFTString},
                                           {"title", OFTString}};
        create_fields(layer, fields, true);
        ds.StartTransaction();
        for (const ZoneFeature* f : feats) {
            OGRFeatureUniquePtr feat(OGRFeature::CreateFeature(layer->GetLayerDefn()));
            feat->SetField("feat_fid", static_cast<GIntBig>(f->fid));
            feat->SetField("name", f->name.c_str());
            feat->SetField("code", f->code.c_str());
            feat->SetField("class", f->cls.c_str());
            feat->SetField("verdict", std::string(to_string(f->verdict)).c_str());
            feat->SetField("layer", zl.spec().id.c_str());
            feat->SetField("title", zl.spec().title.c_str());
            feat->SetGeometryDirectly(to_ogr(ctx, f->geom.get(), mixed ? -1 : dim).release());
            write_feature(layer, feat.get());
        }
        ds.CommitTransaction();
        output::QmlLayer q;
        q.dim = dim < 0 ? 2 : dim;
        q.single = layer_style(zl.spec(), "");
        if (style_varies_by_class(zl.spec())) {
            q.category_field = "class";
            std::set<std::string> seen;
            for (const auto& [cls, rule] : zl.spec().classes) {
                if (seen.insert(cls).second) q.categories.push_back({cls, layer_style(zl.spec(), cls)});
            }
            for (const ZoneFeature* f : feats) {
                if (seen.insert(f->cls).second) q.categories.push_back({f->cls, layer_style(zl.spec(), f->cls)});
            }
        }
        q.aliases = alias_list(fields);
        q.label_field = "name";
        styled.emplace_back(layer, q);
    }
}

/// GeoPackage: the Chinese aliases in gpkg_data_columns (the schema extension), where GDAL 3.7+
/// puts a field's alternative name and ArcGIS and QGIS read it. GDAL 3.6 (Debian 12) drops the
/// alternative name when it writes a GeoPackage, so the table is written here.
void write_data_columns(GDALDataset& ds, const std::vector<std::pair<OGRLayer*, output::QmlLayer>>& styled) {
#if GDAL_VERSION_NUM < GDAL_COMPUTE_VERSION(3, 7, 0)
    auto exec = [&](const std::string& sql) {
        CPLErrorReset();
        OGRLayer* res = ds.ExecuteSQL(sql.c_str(), nullptr, nullptr);
        if (res != nullptr) ds.ReleaseResultSet(res);
        if (CPLGetLastErrorType() >= CE_Failure) {
            throw InternalError("cannot write gpkg_data_columns: " + std::string(CPLGetLastErrorMsg()));
        }
    };
    auto quote = [](const std::string& v) {
        std::string q = "'";
        for (char c : v) q += c == '\'' ? std::string("''") : std::string(1, c);
        return q + "'";
    };
    exec("CREATE TABLE IF NOT EXISTS gpkg_data_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, "
         "name TEXT, title TEXT, description TEXT, mime_type TEXT, constraint_name TEXT, "
         "CONSTRAINT pk_gdc PRIMARY KEY (table_name, column_name), "
         "CONSTRAINT gdc_tn UNIQUE (table_name, name))");
    exec("INSERT OR IGNORE INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope) "
         "VALUES ('gpkg_data_columns', NULL, 'gpkg_schema', "
         "'http://www.geopackage.org/spec121/#extension_schema', 'read-write')");
    for (const auto& [layer, q] : styled) {
        for (const auto& [field, alias] : q.aliases) {
            if (alias == field) continue;
            exec("INSERT OR REPLACE INTO gpkg_data_columns (table_name, column_name, name, title) VALUES (" +
                 quote(layer->GetName()) + ", " + quote(field) + ", " + quote(alias) + ", " + quote(alias) + ")");
        }
    }
#else
    (void)ds;
    (void)styled;
#endif
}

/// GeoPackage: QGIS styles in layer_styles, the table QGIS reads when it opens a layer.
void write_layer_styles(GDALDataset& ds, const std::vector<std::pair<OGRLayer*, output::QmlLayer>>& styled) {
    OGRLayer* t = ds.CreateLayer("layer_styles", nullptr, wkbNone, nullptr);
    if (t == nullptr) throw InternalError(std::string("cannot create layer_styles: ") + CPLGetLastErrorMsg());
    for (const char* n : {"f_table_catalog", "f_table_schema", "f_table_name", "f_geometry_column", "styleName"}) {
        OGRFieldDefn d(n, OFTString);
        d.SetWidth(256);
        t->CreateField(&d);
    }
    {
        OGRFieldDefn qml("styleQML", OFTString), sld("styleSLD", OFTString);
        t->CreateField(&qml);
        t->CreateField(&sld);
        OGRFieldDefn def("useAsDefault", OFTInteger);
        def.SetSubType(OFSTBoolean);
        t->CreateField(&def);
        OGRFieldDefn desc("description", OFTString), owner("owner", OFTString), ui("ui", OFTString);
        owner.SetWidth(30);
        ui.SetWidth(30);
        t->CreateField(&desc);
        t->CreateField(&owner);
        t->CreateField(&ui);
        OGRFieldDefn time("update_time", OFTDateTime);
        time.SetDefault("CURRENT_TIMESTAMP");
        t->CreateField(&time);
    }
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    ds.StartTransaction();
    for (const auto& [layer, q] : styled) {
        OGRFeatureUniquePtr f(OGRFeature::CreateFeature(t->GetLayerDefn()));
        f->SetField("f_table_catalog", "");
        f->SetField("f_table_schema", "");
        f->SetField("f_table_name", layer->GetName());
        f->SetField("f_geometry_column", layer->GetGeometryColumn());
        f->SetField("styleName", layer->GetName());
        f->SetField("styleQML", output::to_qml(q).c_str());
        f->SetField("styleSLD", "");
        f->SetField("useAsDefault", 1);
        f->SetField("description", "zoning: style table (docs/map.md)");
        f->SetField("owner", "");
        f->SetField("update_time", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                    static_cast<float>(tm.tm_sec), 100);
        write_feature(t, f.get());
    }
    ds.CommitTransaction();
}

}  // namespace

std::vector<fs::path> write_conflicts(const fs::path& path, const ScreenReport& r, const GeosContext& ctx,
                                     const Crs& crs, const std::vector<fs::path>& inputs,
                                     const LoadedCatalog* catalog) {
    const Format f = format_of(path);
    std::vector<Row> rows;
    std::set<int> dims;  // dimensions of the pieces: 2 polygons, 1 lines, 0 points
    for (const auto& fp : r.footprints) {
        for (const auto& c : fp.conflicts) {
            for (const auto& h : c.features) {
                rows.push_back({&fp, &c, &h});
                if (h.piece && GEOSisEmpty_r(ctx, h.piece.get()) == 0) dims.insert(geometry_dimension(ctx, h.piece.get()));
            }
        }
    }
    const bool mixed = dims.size() > 1;
    const int dim = dims.empty() ? -1 : *dims.rbegin();

    // The files to write. A shapefile holds one geometry type: mixed conflicts go to one
    // shapefile per type, the highest dimension under the name asked for and the others beside
    // it as <name>_lines.shp and <name>_points.shp (rows without a geometry stay in the first).
    struct Part {
        fs::path dest;
        int dim;  // -1: every row (mixed types in one layer, or no geometry at all)
    };
    std::vector<Part> parts;
    if (f.single_geometry_type && mixed) {
        for (auto it = dims.rbegin(); it != dims.rend(); ++it) {
            fs::path p = path;
            if (it != dims.rbegin()) {
                p.replace_filename(path.stem().string() + (*it == 1 ? "_lines" : "_points") + path.extension().string());
            }
            parts.push_back({p, *it});
        }
    } else {
        parts.push_back({path, -1});
    }
    std::vector<fs::path> protect;
    for (const Part& part : parts) {
        for (auto& p : files_of(part.dest, f)) protect.push_back(std::move(p));
    }
    // The destinations and their sidecars are checked against the inputs before anything is done.
    output::StagedOutput staged(path, inputs, protect);

    const bool kml = std::string(f.driver) == "KML";
    if (kml) {
        output::write_kml(staged.path(), r, ctx, crs, catalog);
        staged.commit();
        return {path};
    }
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName(f.driver);
    if (drv == nullptr) throw InternalError(std::string("GDAL driver ") + f.driver + " is missing");
    OGRSpatialReference srs;
    if (srs.importFromWkt(crs.wkt.c_str()) != OGRERR_NONE) throw InternalError("cannot use CRS " + crs.label());
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);

    for (const Part& part : parts) {
        const fs::path tmp = staged.folder() / part.dest.filename();
        const bool first = &part == &parts.front();
        auto belongs = [&](const Row& row) {
            if (part.dim < 0) return true;
            if (!row.h->piece || GEOSisEmpty_r(ctx, row.h->piece.get()) != 0) return first;
            return geometry_dimension(ctx, row.h->piece.get()) == part.dim;
        };
        const int layer_dim = part.dim >= 0 ? part.dim : mixed ? -1 : dim;  // -1: mixed in one layer
        const OGRwkbGeometryType type = layer_dim == 2   ? wkbMultiPolygon
                                        : layer_dim == 1 ? wkbMultiLineString
                                        : layer_dim == 0 ? wkbMultiPoint
                                        : mixed          ? wkbUnknown
                                                         : wkbMultiPolygon;
        GDALDatasetUniquePtr ds(drv->Create(tmp.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        if (!ds) throw InputError(part.dest.string() + ": cannot create: " + CPLGetLastErrorMsg());
        const char* shp_opts[] = {"ENCODING=UTF-8", nullptr};
        const char* gj_opts[] = {"RFC7946=NO", "WRITE_NAME=NO", nullptr};
        char** lopts = const_cast<char**>(f.single_geometry_type ? shp_opts
                                          : std::string(f.driver) == "GeoJSON" ? gj_opts : nullptr);
        OGRLayer* layer = ds->CreateLayer("conflicts", &srs, type, lopts);
        if (layer == nullptr) throw InputError(part.dest.string() + ": cannot create layer: " + CPLGetLastErrorMsg());
        const bool gpkg = std::string(f.driver) == "GPKG";
        create_fields(layer, conflict_fields(), gpkg);
        if (ds->StartTransaction() != OGRERR_NONE) { /* not every driver has transactions */ }
        for (const Row& row : rows) {
            if (!belongs(row)) continue;
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
                std::unique_ptr<OGRGeometry> g = to_ogr(ctx, row.h->piece.get(), layer_dim);
                feat->SetGeometryDirectly(g.release());
            }
            if (layer->CreateFeature(feat.get()) != OGRERR_NONE) {
                throw InternalError("cannot write a conflict feature: " + std::string(CPLGetLastErrorMsg()));
            }
        }
        ds->CommitTransaction();
        if (gpkg) {
            std::vector<std::pair<OGRLayer*, output::QmlLayer>> styled;
            styled.emplace_back(layer, conflict_qml(layer_dim));
            write_footprints(*ds, srs, r, ctx, styled);
            if (catalog != nullptr) write_hit_features(*ds, srs, r, ctx, *catalog, styled);
            write_layer_styles(*ds, styled);
            write_data_columns(*ds, styled);
        }
        if (f.single_geometry_type) {
            // A .qml beside the shapefile: QGIS loads it as the layer's default style.
            fs::path qml = tmp;
            qml.replace_extension(".qml");
            std::ofstream(qml, std::ios::binary) << output::to_qml(conflict_qml(layer_dim));
        }
        CPLErrorReset();
        ds.reset();  // closes the dataset: the files are complete
        if (CPLGetLastErrorType() >= CE_Failure) {
            throw InputError(part.dest.string() + ": write failed: " + CPLGetLastErrorMsg());
        }
    }
    staged.commit();
    std::vector<fs::path> written;
    for (const Part& part : parts) written.push_back(part.dest);
    return written;
}

}  // namespace zoning
