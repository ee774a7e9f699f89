// screen/check/stats -o PG:… --output-table NAME: the rows of the GeoPackage layers (and of the
// stats CSV) as PostGIS tables, one transaction per run (output/pg_sink.hpp, docs/postgis.md).
#include <zoning/area.hpp>
#include <zoning/database_output.hpp>
#include <zoning/error.hpp>
#include <zoning/geos.hpp>

#include "output/pg_sink.hpp"
#include "output/result_rows.hpp"

namespace zoning {

namespace {

OGRSpatialReference srs_of(const std::string& wkt, const std::string& label) {
    OGRSpatialReference srs;
    if (srs.importFromWkt(wkt.c_str()) != OGRERR_NONE) throw InternalError("cannot use CRS " + label);
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    // The SRID is found from the EPSG code (spatial_ref_sys): name it when PROJ knows it.
    if (srs.GetAuthorityCode(nullptr) == nullptr) srs.AutoIdentifyEPSG();
    return srs;
}

/// The geometry as OGR, forced to the multi type of its dimension; null for none or empty.
OGRGeometry* geometry(const GeosContext& ctx, const GEOSGeometry* g) {
    if (g == nullptr || GEOSisEmpty_r(ctx, g) != 0) return nullptr;
    return output::to_ogr(ctx, g, geometry_dimension(ctx, g)).release();
}

}  // namespace

DatabaseWritten write_screen_to_database(const DatabaseOutput& target, const ScreenReport& r, const Crs& crs) {
    const GeosContext& ctx = *r.context;
    const OGRSpatialReference srs = srs_of(crs.wkt, crs.label());
    const bool rules = r.has_categories();  // the rule columns (docs/postgis.md)
    output::PgSink sink(target);
    output::PgTable& fps =
        sink.table("", &srs, output::footprint_fields(rules), "zoning screen: 项目审查结果(每个项目一行)");
    output::PgTable& parts =
        sink.table("_parts", &srs, output::conflict_fields(rules), "zoning screen: 冲突部分(项目 × 图层 × 要素)");
    for (const auto& fp : r.footprints) {
        OGRFeatureUniquePtr f = fps.feature();
        output::fill_footprint(*f, fp, rules);
        if (OGRGeometry* g = geometry(ctx, fp.geom.get())) f->SetGeometryDirectly(g);
        fps.write(*f);
    }
    for (const output::ConflictRow& row : output::conflict_rows(r)) {
        OGRFeatureUniquePtr f = parts.feature();
        output::fill_conflict(*f, row, rules);
        if (OGRGeometry* g = geometry(ctx, row.h->piece.get())) f->SetGeometryDirectly(g);
        parts.write(*f);
    }
    return sink.commit();
}

DatabaseWritten write_check_to_database(const DatabaseOutput& target, const CheckReport& r) {
    const GeosContext& ctx = *r.context;
    const OGRSpatialReference srs = srs_of(r.crs_wkt, r.crs);
    output::PgSink sink(target);
    output::PgTable& findings = sink.table("", &srs, output::finding_fields(), "zoning check: 数据检查问题");
    output::PgTable& parts =
        sink.table("_parts", &srs, output::control_line_conflict_fields(), "zoning check: 三条控制线冲突部分");
    for (const Finding& fd : r.findings) {
        OGRFeatureUniquePtr f = findings.feature();
        output::fill_finding(*f, fd);
        if (OGRGeometry* g = fd.geom ? geometry(ctx, fd.geom.get()) : nullptr) f->SetGeometryDirectly(g);
        findings.write(*f);
    }
    for (const auto& c : r.conflicts) {
        OGRFeatureUniquePtr f = parts.feature();
        output::fill_control_line_conflict(*f, c);
        if (OGRGeometry* g = geometry(ctx, c.piece.get())) f->SetGeometryDirectly(g);
        parts.write(*f);
    }
    return sink.commit();
}

DatabaseWritten write_stats_to_database(const DatabaseOutput& target, const StatsReport& r) {
    using output::integer_field;
    using output::real_field;
    using output::text_field;
    // The rows of the CSV report (docs/stats.md), areas as numbers.
    static const std::vector<output::FieldSpec> fields{
        text_field("section", "类别"),         text_field("layer", "图层"),
        text_field("title", "图层名称", 254),  text_field("kind", "图层类型"),
        text_field("key", "单元", 254),         integer_field("unit_fid", "单元FID", OFTInteger64),
        integer_field("features", "要素数", OFTInteger64),
        real_field("area_m2", "面积(平方米)"), real_field("area_e_m2", "椭球面积(平方米)"),
        real_field("area_ha", "椭球面积(公顷)"), real_field("area_mu", "椭球面积(亩)"),
        real_field("area_km2", "椭球面积(平方千米)"), real_field("share", "占比"),
        real_field("out_m2", "区外面积(平方米)"), real_field("length_m", "长度(米)")};
    output::PgSink sink(target);
    output::PgTable& t = sink.table("", nullptr, fields, "zoning stats: 面积统计");
    auto row = [&](const char* section, const std::string& layer, const std::string& title, const std::string& kind,
                   const std::string& key, double planar, double e) {
        OGRFeatureUniquePtr f = t.feature();
        f->SetField("section", section);
        f->SetField("layer", layer.c_str());
        f->SetField("title", title.c_str());
        f->SetField("kind", kind.c_str());
        f->SetField("key", key.c_str());
        f->SetField("area_m2", planar);
        f->SetField("area_e_m2", e);
        f->SetField("area_ha", e / kM2PerHa);
        f->SetField("area_mu", e / kM2PerMu);
        f->SetField("area_km2", e / kM2PerKm2);
        return f;
    };
    {
        OGRFeatureUniquePtr f = row("total", r.total_layer, r.total_title, "admin", "", r.total_area_m2, r.total_area_ellipsoidal_m2);
        f->SetField("share", 1.0);
        t.write(*f);
    }
    for (const auto& s : r.layers) {
        const std::string kind(to_string(s.kind));
        OGRFeatureUniquePtr f = row("layer", s.id, s.title, kind, "", s.area_m2, s.area_ellipsoidal_m2);
        f->SetField("features", static_cast<GIntBig>(s.features));
        f->SetField("share", s.share);
        f->SetField("out_m2", s.outside_m2);
        if (s.dimension == 1) f->SetField("length_m", s.length_m);
        t.write(*f);
        for (const auto& u : s.by) {
            OGRFeatureUniquePtr b = row("by", s.id, s.title, kind, u.key, u.area_m2, u.area_ellipsoidal_m2);
            if (u.fid >= 0) b->SetField("unit_fid", static_cast<GIntBig>(u.fid));
            if (!u.remainder) b->SetField("share", u.share);
            if (s.dimension == 1) b->SetField("length_m", u.length_m);
            t.write(*b);
        }
    }
    for (const auto& o : r.overlaps) {
        OGRFeatureUniquePtr f = row("overlap", o.a, "", "", o.b, o.area_m2, o.area_ellipsoidal_m2);
        f->SetField("share", o.share);
        t.write(*f);
    }
    return sink.commit();
}

}  // namespace zoning
