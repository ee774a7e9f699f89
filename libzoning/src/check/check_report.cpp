// The check report: text, JSON (zoning.check/1) and the findings as geometries (-o).
#include <zoning/area.hpp>
#include <zoning/check.hpp>
#include <zoning/error.hpp>

#include "output/staged_output.hpp"

#include "report/format.hpp"

#include <gdal_priv.h>
#include <nlohmann/json.hpp>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <ostream>
#include <system_error>

namespace zoning {

namespace fs = std::filesystem;

namespace {

using report::number;

std::string_view severity_zh(Severity s) {
    switch (s) {
        case Severity::info: return "提示";
        case Severity::warning: return "警告";
        case Severity::error: return "错误";
    }
    return "错误";
}

/// Errors first, then warnings, then info; catalog order within a severity.
std::vector<const Finding*> ordered(const CheckReport& r) {
    std::vector<const Finding*> v;
    for (const auto& f : r.findings) v.push_back(&f);
    std::stable_sort(v.begin(), v.end(), [](const Finding* a, const Finding* b) { return a->severity > b->severity; });
    return v;
}

std::unique_ptr<OGRGeometry> to_ogr(const GeosContext& ctx, const GEOSGeometry* g) {
    std::vector<unsigned char> wkb = ctx.to_wkb(g);
    OGRGeometry* raw = nullptr;
    if (OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &raw, wkb.size()) != OGRERR_NONE) {
        throw InternalError("cannot convert a GEOS geometry to OGR");
    }
    return std::unique_ptr<OGRGeometry>(raw);
}

void create_fields(OGRLayer* layer, const std::vector<std::pair<const char*, OGRFieldType>>& fields) {
    for (const auto& [name, type] : fields) {
        OGRFieldDefn def(name, type);
        if (layer->CreateField(&def) != OGRERR_NONE) throw InternalError(std::string("cannot create field ") + name);
    }
}

}  // namespace

void write_check_text(std::ostream& out, const CheckReport& r) {
    out << r.catalog << " · 数据检查 · 工作坐标系 " << r.crs << "\n";
    out << "错误 " << r.count(Severity::error) << ", 警告 " << r.count(Severity::warning) << ", 提示 "
        << r.count(Severity::info) << "; 三条控制线冲突 " << r.conflicts.size() << " 处\n\n";
    if (!r.findings.empty()) {
        report::Table t({"级别", "图层", "fid", "类型", "面积(m²)", "位置 x", "位置 y", "说明"},
                        {false, false, true, false, true, true, true, false});
        for (const Finding* f : ordered(r)) {
            t.add({std::string(severity_zh(f->severity)), f->layer, f->fid ? std::to_string(*f->fid) : "-", f->type,
                   f->area_m2 ? number(*f->area_m2, 2) : "-", f->x ? number(*f->x, 3) : "-",
                   f->y ? number(*f->y, 3) : "-", f->detail});
        }
        out << "发现\n" << t.render("  ") << "\n";
    }
    if (!r.conflicts.empty()) {
        report::Table t({"图层 A", "fid", "名称", "图层 B", "fid", "名称", "面积(m²)", "公顷", "亩", "椭球面积(m²)", "中心 x", "中心 y"},
                        {false, true, false, false, true, false, true, true, true, true, true, true});
        double total = 0;
        for (const auto& c : r.conflicts) {
            t.add({c.a, std::to_string(c.a_fid), c.a_name, c.b, std::to_string(c.b_fid), c.b_name, number(c.area_m2, 2),
                   number(c.area_m2 / kM2PerHa, 4), number(c.area_m2 / kM2PerMu, 2), number(c.area_ellipsoidal_m2, 2),
                   number(c.x, 3), number(c.y, 3)});
            total += c.area_m2;
        }
        out << "三条控制线冲突 (生态保护红线 / 永久基本农田 / 城镇开发边界 两两重叠的每一块)\n" << t.render("  ")
            << "  合计 " << number(total, 2) << " m²\n";
    }
    if (r.findings.empty() && r.conflicts.empty()) out << "未发现问题\n";
}

void write_check_json(std::ostream& out, const CheckReport& r) {
    using nlohmann::ordered_json;
    ordered_json j;
    j["schema"] = "zoning.check/1";
    j["catalog"] = r.catalog;
    j["crs"] = r.crs;
    j["summary"] = {{"error", r.count(Severity::error)}, {"warning", r.count(Severity::warning)},
                    {"info", r.count(Severity::info)}, {"control_line_conflicts", r.conflicts.size()}};
    j["findings"] = ordered_json::array();
    for (const Finding* f : ordered(r)) {
        ordered_json fj;
        fj["layer"] = f->layer;
        fj["fid"] = f->fid ? ordered_json(*f->fid) : ordered_json(nullptr);
        fj["type"] = f->type;
        fj["severity"] = std::string(to_string(f->severity));
        fj["detail"] = f->detail;
        if (f->area_m2) fj["area_m2"] = *f->area_m2;
        if (f->x) fj["x"] = *f->x;
        if (f->y) fj["y"] = *f->y;
        j["findings"].push_back(std::move(fj));
    }
    j["control_line_conflicts"] = ordered_json::array();
    for (const auto& c : r.conflicts) {
        j["control_line_conflicts"].push_back({{"a", c.a}, {"b", c.b}, {"a_fid", c.a_fid}, {"b_fid", c.b_fid},
                                               {"a_name", c.a_name}, {"b_name", c.b_name}, {"area_m2", c.area_m2},
                                               {"area_ellipsoidal_m2", c.area_ellipsoidal_m2}, {"x", c.x}, {"y", c.y}});
    }
    out << j.dump(2) << '\n';
}

void write_check_geometries(const fs::path& path, const CheckReport& r, const std::vector<fs::path>& inputs) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (ext != ".gpkg") {
        throw InputError(path.string() + ": findings are written as a GeoPackage (two layers, mixed geometry): use .gpkg");
    }
    output::StagedOutput staged(path, inputs);
    GDALAllRegister();
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GPKG");
    if (drv == nullptr) throw InternalError("GDAL driver GPKG is missing");
    const fs::path tmp = staged.path();
    const GeosContext& ctx = *r.context;
    {
        OGRSpatialReference srs;
        if (srs.importFromWkt(r.crs_wkt.c_str()) != OGRERR_NONE) throw InternalError("cannot use CRS " + r.crs);
        srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        {
            GDALDatasetUniquePtr ds(drv->Create(tmp.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
            if (!ds) throw InputError(path.string() + ": cannot create: " + CPLGetLastErrorMsg());
            OGRLayer* fl = ds->CreateLayer("findings", &srs, wkbUnknown, nullptr);
            OGRLayer* cl = ds->CreateLayer("control_line_conflicts", &srs, wkbMultiPolygon, nullptr);
            if (fl == nullptr || cl == nullptr) throw InputError(path.string() + ": cannot create a layer: " + CPLGetLastErrorMsg());
            create_fields(fl, {{"layer", OFTString}, {"fid_src", OFTInteger64}, {"type", OFTString}, {"severity", OFTString},
                               {"detail", OFTString}, {"area_m2", OFTReal}, {"x", OFTReal}, {"y", OFTReal}});
            create_fields(cl, {{"a", OFTString}, {"b", OFTString}, {"a_fid", OFTInteger64}, {"b_fid", OFTInteger64},
                               {"a_name", OFTString}, {"b_name", OFTString}, {"area_m2", OFTReal}, {"area_e_m2", OFTReal},
                               {"area_ha", OFTReal}, {"area_mu", OFTReal}, {"x", OFTReal}, {"y", OFTReal}});
            if (ds->StartTransaction() != OGRERR_NONE) throw InternalError("GeoPackage transaction failed");
            for (const Finding* f : ordered(r)) {
                OGRFeatureUniquePtr feat(OGRFeature::CreateFeature(fl->GetLayerDefn()));
                feat->SetField("layer", f->layer.c_str());
                if (f->fid) feat->SetField("fid_src", static_cast<GIntBig>(*f->fid));
                feat->SetField("type", f->type.c_str());
                feat->SetField("severity", std::string(to_string(f->severity)).c_str());
                feat->SetField("detail", f->detail.c_str());
                if (f->area_m2) feat->SetField("area_m2", *f->area_m2);
                if (f->x) feat->SetField("x", *f->x);
                if (f->y) feat->SetField("y", *f->y);
                if (f->geom && GEOSisEmpty_r(ctx, f->geom.get()) == 0) feat->SetGeometryDirectly(to_ogr(ctx, f->geom.get()).release());
                if (fl->CreateFeature(feat.get()) != OGRERR_NONE) throw InternalError(std::string("cannot write a finding: ") + CPLGetLastErrorMsg());
            }
            for (const auto& c : r.conflicts) {
                OGRFeatureUniquePtr feat(OGRFeature::CreateFeature(cl->GetLayerDefn()));
                feat->SetField("a", c.a.c_str());
                feat->SetField("b", c.b.c_str());
                feat->SetField("a_fid", static_cast<GIntBig>(c.a_fid));
                feat->SetField("b_fid", static_cast<GIntBig>(c.b_fid));
                feat->SetField("a_name", c.a_name.c_str());
                feat->SetField("b_name", c.b_name.c_str());
                feat->SetField("area_m2", c.area_m2);
                feat->SetField("area_e_m2", c.area_ellipsoidal_m2);
                feat->SetField("area_ha", c.area_m2 / kM2PerHa);
                feat->SetField("area_mu", c.area_m2 / kM2PerMu);
                feat->SetField("x", c.x);
                feat->SetField("y", c.y);
                std::unique_ptr<OGRGeometry> g = to_ogr(ctx, c.piece.get());
                feat->SetGeometryDirectly(OGRGeometryFactory::forceToMultiPolygon(g.release()));
                if (cl->CreateFeature(feat.get()) != OGRERR_NONE) throw InternalError(std::string("cannot write a conflict: ") + CPLGetLastErrorMsg());
            }
            if (ds->CommitTransaction() != OGRERR_NONE) throw InputError(path.string() + ": write failed: " + CPLGetLastErrorMsg());
            CPLErrorReset();
            ds.reset();  // closes the file: it is complete
            if (CPLGetLastErrorType() >= CE_Failure) throw InputError(path.string() + ": write failed: " + CPLGetLastErrorMsg());
        }
        staged.commit();
    }
}

}  // namespace zoning
