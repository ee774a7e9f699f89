#include "output/result_rows.hpp"

#include <zoning/area.hpp>
#include <zoning/report.hpp>

#include <string>

namespace zoning::output {

FieldSpec text_field(const char* name, const char* alias, int width) {
    return {name, OFTString, width, 0, alias};
}
FieldSpec real_field(const char* name, const char* alias) {
    return {name, OFTReal, 24, 6, alias};
}
FieldSpec integer_field(const char* name, const char* alias, OGRFieldType t) {
    return {name, t, 0, 0, alias};
}

std::vector<ConflictRow> conflict_rows(const ScreenReport& r) {
    std::vector<ConflictRow> rows;
    for (const auto& fp : r.footprints) {
        for (const auto& c : fp.conflicts) {
            for (const auto& h : c.features)
                rows.push_back({&fp, &c, &h});
        }
    }
    return rows;
}

namespace {

/// The rule fields of a conflict part (short names: a shapefile's are 10 bytes at most; the same
/// names in every format, with their Chinese aliases).
std::vector<FieldSpec> with_rule_fields(std::vector<FieldSpec> f) {
    f.push_back(text_field("category", "项目类别"));
    f.push_back(text_field("rule_id", "规则编号"));
    f.push_back(text_field("rule_basis", "依据", 254));
    f.push_back(text_field("rule_proc", "办理程序", 254));
    return f;
}

std::vector<FieldSpec> with_category_fields(std::vector<FieldSpec> f) {
    f.push_back(text_field("category", "项目类别"));
    f.push_back(text_field("cat_name", "项目类别名称", 254));
    return f;
}

}  // namespace

const std::vector<FieldSpec>& conflict_fields(bool rules) {
    static const std::vector<FieldSpec> f{text_field("fp_id", "项目编号"),
                                          text_field("fp_name", "项目名称", 254),
                                          text_field("fp_verdict", "项目结论"),
                                          text_field("layer", "图层"),
                                          text_field("kind", "要素类型"),
                                          text_field("verdict", "结论"),
                                          integer_field("near", "邻近"),
                                          integer_field("feat_fid", "要素FID", OFTInteger64),
                                          text_field("feat_name", "要素名称", 254),
                                          text_field("feat_code", "要素编码"),
                                          text_field("feat_class", "分区类别"),
                                          real_field("area_m2", "面积(平方米)"),
                                          real_field("area_e_m2", "椭球面积(平方米)"),
                                          real_field("area_ha", "面积(公顷)"),
                                          real_field("area_mu", "面积(亩)"),
                                          real_field("share", "占比"),
                                          real_field("length_m", "长度(米)"),
                                          real_field("dist_m", "距离(米)")};
    static const std::vector<FieldSpec> with_rules = with_rule_fields(f);
    return rules ? with_rules : f;
}

const std::vector<FieldSpec>& footprint_fields(bool rules) {
    static const std::vector<FieldSpec> f{
        text_field("fp_id", "项目编号"),     text_field("fp_name", "项目名称", 254),
        text_field("geom_type", "几何类型"), text_field("verdict", "结论"),
        real_field("area_m2", "面积(平方米)"), real_field("area_e_m2", "椭球面积(平方米)"),
        real_field("area_ha", "面积(公顷)"), real_field("area_mu", "面积(亩)"),
        real_field("length_m", "长度(米)"),  real_field("width_m", "宽度(米)"),
        real_field("radius_m", "半径(米)"),
        // Coverage (docs/screen.md): full | partial | none | unchecked, what lies outside, and why
        // a footprint was not screened.
        text_field("coverage", "目录范围"), real_field("out_m2", "范围外面积(平方米)"),
        real_field("out_m", "范围外长度(米)"), text_field("not_scrnd", "未审查原因", 254)};
    static const std::vector<FieldSpec> with_category = with_category_fields(f);
    return rules ? with_category : f;
}

void fill_conflict(OGRFeature& feat, const ConflictRow& row, bool rules) {
    feat.SetField("fp_id", row.fp->id.c_str());
    feat.SetField("fp_name", row.fp->name.c_str());
    feat.SetField("fp_verdict", std::string(to_string(row.fp->verdict)).c_str());
    feat.SetField("layer", row.c->layer.c_str());
    feat.SetField("kind", std::string(to_string(row.c->kind)).c_str());
    feat.SetField("verdict", std::string(to_string(row.h->verdict)).c_str());
    feat.SetField("near", row.c->near_only ? 1 : 0);
    feat.SetField("feat_fid", static_cast<GIntBig>(row.h->fid));
    feat.SetField("feat_name", row.h->name.c_str());
    feat.SetField("feat_code", row.h->code.c_str());
    feat.SetField("feat_class", row.h->cls.c_str());
    feat.SetField("area_m2", row.h->area_m2);
    feat.SetField("area_e_m2", row.h->area_ellipsoidal_m2);
    feat.SetField("area_ha", row.h->area_m2 / kM2PerHa);
    feat.SetField("area_mu", row.h->area_m2 / kM2PerMu);
    feat.SetField("share", row.fp->area_m2 > 0 ? row.h->area_m2 / row.fp->area_m2 : 0.0);
    feat.SetField("length_m", row.h->length_m);
    feat.SetField("dist_m", row.h->distance_m);
    if (!rules) return;
    // A footprint without a category (others of the run have one): the rule fields stay null.
    if (row.fp->category) feat.SetField("category", std::string(to_string(*row.fp->category)).c_str());
    const auto i = static_cast<size_t>(row.h - row.c->features.data());
    if (const AppliedRule* rule = row.c->feature_rule(i)) {
        if (!rule->id.empty()) feat.SetField("rule_id", rule->id.c_str());
        feat.SetField("rule_basis", rule->basis.c_str());
        if (!rule->procedure.empty()) feat.SetField("rule_proc", rule->procedure.c_str());
    }
}

void fill_footprint(OGRFeature& feat, const FootprintResult& fp, bool rules) {
    feat.SetField("fp_id", fp.id.c_str());
    feat.SetField("fp_name", fp.name.c_str());
    feat.SetField("geom_type", fp.geometry_type.c_str());
    feat.SetField("verdict", std::string(to_string(fp.verdict)).c_str());
    feat.SetField("area_m2", fp.area_m2);
    feat.SetField("area_e_m2", fp.area_ellipsoidal_m2);
    feat.SetField("area_ha", fp.area_m2 / kM2PerHa);
    feat.SetField("area_mu", fp.area_m2 / kM2PerMu);
    feat.SetField("length_m", fp.length_m);
    feat.SetField("width_m", fp.width_m);
    feat.SetField("radius_m", fp.radius_m);
    feat.SetField("coverage", std::string(to_string(fp.coverage)).c_str());
    feat.SetField("out_m2", fp.outside_catalog_m2);
    feat.SetField("out_m", fp.outside_catalog_m);
    feat.SetField("not_scrnd", fp.not_screened.c_str());
    if (rules && fp.category) {
        feat.SetField("category", std::string(to_string(*fp.category)).c_str());
        feat.SetField("cat_name", std::string(to_chinese(*fp.category)).c_str());
    }
}

// check: the GeoPackage's fields have the driver's default widths; the titles are the database
// comments (the GeoPackage of check is written without aliases, as before).
const std::vector<FieldSpec>& finding_fields() {
    static const std::vector<FieldSpec> f{{"layer", OFTString, 0, 0, "图层"},
                                          {"fid_src", OFTInteger64, 0, 0, "要素FID"},
                                          {"type", OFTString, 0, 0, "问题类型"},
                                          {"severity", OFTString, 0, 0, "严重程度"},
                                          {"detail", OFTString, 0, 0, "说明"},
                                          {"area_m2", OFTReal, 0, 0, "面积(平方米)"},
                                          {"x", OFTReal, 0, 0, "X(东)"},
                                          {"y", OFTReal, 0, 0, "Y(北)"}};
    return f;
}

const std::vector<FieldSpec>& control_line_conflict_fields() {
    static const std::vector<FieldSpec> f{{"a", OFTString, 0, 0, "图层A"},
                                          {"b", OFTString, 0, 0, "图层B"},
                                          {"a_fid", OFTInteger64, 0, 0, "要素A FID"},
                                          {"b_fid", OFTInteger64, 0, 0, "要素B FID"},
                                          {"a_name", OFTString, 0, 0, "要素A名称"},
                                          {"b_name", OFTString, 0, 0, "要素B名称"},
                                          {"area_m2", OFTReal, 0, 0, "面积(平方米)"},
                                          {"area_e_m2", OFTReal, 0, 0, "椭球面积(平方米)"},
                                          {"area_ha", OFTReal, 0, 0, "面积(公顷)"},
                                          {"area_mu", OFTReal, 0, 0, "面积(亩)"},
                                          {"x", OFTReal, 0, 0, "X(东)"},
                                          {"y", OFTReal, 0, 0, "Y(北)"}};
    return f;
}

void fill_finding(OGRFeature& feat, const Finding& f) {
    feat.SetField("layer", f.layer.c_str());
    if (f.fid) feat.SetField("fid_src", static_cast<GIntBig>(*f.fid));
    feat.SetField("type", f.type.c_str());
    feat.SetField("severity", std::string(to_string(f.severity)).c_str());
    feat.SetField("detail", f.detail.c_str());
    if (f.area_m2) feat.SetField("area_m2", *f.area_m2);
    if (f.x) feat.SetField("x", *f.x);
    if (f.y) feat.SetField("y", *f.y);
}

void fill_control_line_conflict(OGRFeature& feat, const ControlLineConflict& c) {
    feat.SetField("a", c.a.c_str());
    feat.SetField("b", c.b.c_str());
    feat.SetField("a_fid", static_cast<GIntBig>(c.a_fid));
    feat.SetField("b_fid", static_cast<GIntBig>(c.b_fid));
    feat.SetField("a_name", c.a_name.c_str());
    feat.SetField("b_name", c.b_name.c_str());
    feat.SetField("area_m2", c.area_m2);
    feat.SetField("area_e_m2", c.area_ellipsoidal_m2);
    feat.SetField("area_ha", c.area_m2 / kM2PerHa);
    feat.SetField("area_mu", c.area_m2 / kM2PerMu);
    feat.SetField("x", c.x);
    feat.SetField("y", c.y);
}

}  // namespace zoning::output
