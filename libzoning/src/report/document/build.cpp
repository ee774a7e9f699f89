// The report's document model from the screening: what each section says, in the report's
// language. Areas in 公顷 and 亩 are ellipsoidal (docs/areas.md), m² planar, as in every report.
#include "report/document/build.hpp"

#include <zoning/catalog.hpp>
#include <zoning/version.hpp>

#include "report/document/parts.hpp"
#include "report/format.hpp"
#include "report/summary.hpp"

#include <algorithm>
#include <cstdio>

namespace zoning::report::document {

namespace {

constexpr double kM2PerMu = 10000.0 / 15.0;

class Builder {
public:
    Builder(const LoadedCatalog& catalog, const ScreenReport& report, const ReportOptions& opts)
        : catalog_(catalog), report_(report), opts_(opts), zh_(opts.lang == Lang::zh) {}

    [[nodiscard]] const char* t(const char* zh, const char* en) const { return zh_ ? zh : en; }
    [[nodiscard]] std::string verdict(Verdict v) const {
        return std::string(zh_ ? to_chinese(v) : to_string(v));
    }
    static std::string ha(double m2) { return number(m2 / 1e4, 4); }
    static std::string mu(double m2) { return number(m2 / kM2PerMu, 2); }
    static std::string m2(double v) { return number(v, 2); }

    void cover(Document& d, const std::string& title, const std::string& date) {
        d.blocks.emplace_back(Heading{d.title, 0});
        Fields f;
        f.items.emplace_back(t("项目名称", "Project"), title);
        if (!opts_.project_code.empty()) f.items.emplace_back(t("项目代码", "Project code"), opts_.project_code);
        if (!opts_.applicant.empty()) f.items.emplace_back(t("建设单位", "Applicant"), opts_.applicant);
        if (!opts_.org.empty()) f.items.emplace_back(t("审查单位", "Reviewing body"), opts_.org);
        f.items.emplace_back(t("审查目录", "Catalog"), report_.catalog);
        f.items.emplace_back(t("用地范围", "Footprints"), std::to_string(report_.footprints.size()));
        f.items.emplace_back(t("审查日期", "Date"), date);
        d.blocks.emplace_back(std::move(f));
        d.blocks.emplace_back(VerdictBanner{report_.worst(), verdict(report_.worst()), t("审查结论", "Verdict")});
    }

    /// One row per footprint: what it is, its size, its verdict and the one-line reason.
    void conclusion(Document& d) {
        Table tb;
        tb.caption = t("各用地范围结论", "Verdict of each footprint");
        tb.columns = {{t("编号", "Id"), 1.1}, {t("名称", "Name"), 2.2}, {t("规模", "Size"), 1.6, Align::right},
                      {t("结论", "Verdict"), 1.1}, {t("说明", "Reason"), 5.0}};
        tb.verdict_column = 3;
        double area = 0, length = 0;
        for (const FootprintResult& f : report_.footprints) {
            std::string why = summary(f, opts_.lang);
            if (why.empty()) why = t("未涉及任何管控图层", "touches no zoning layer");
            tb.rows.push_back({{f.id, f.name, size_of(f), verdict(f.verdict), why}, f.verdict, false});
            area += f.dimension == 2 ? f.area_ellipsoidal_m2 : 0;
            length += f.dimension == 1 ? f.length_m : 0;
        }
        std::string total;
        if (area > 0) total = ha(area) + t(" 公顷", " ha");
        if (length > 0) total += (total.empty() ? "" : " + ") + number(length, 1) + t(" 米", " m");
        tb.rows.push_back({{t("合计", "Total"), "", total, verdict(report_.worst()), ""}, report_.worst(), true});
        d.blocks.emplace_back(std::move(tb));
    }

    [[nodiscard]] std::string size_of(const FootprintResult& f) const {
        if (f.dimension == 2) return ha(f.area_ellipsoidal_m2) + t(" 公顷", " ha");
        if (f.dimension == 1) return number(f.length_m, 1) + t(" 米", " m");
        return t("点", "point");
    }

    /// Footprint × layer × class: the layer row (the subtotal) and its class rows.
    void layer_table(Document& d) {
        Table tb;
        tb.caption = t("用地范围 × 图层 × 类别", "Footprint × layer × class");
        tb.columns = {{t("用地", "Footprint"), 1.0},
                      {t("图层 / 类别", "Layer / class"), 3.0},
                      {t("结论", "Verdict"), 1.1},
                      {t("平面(m²)", "Planar (m²)"), 1.6, Align::right},
                      {t("公顷(椭球)", "ha (ellipsoidal)"), 1.3, Align::right},
                      {t("亩(椭球)", "mu (ellipsoidal)"), 1.3, Align::right},
                      {t("长度(m)", "Length (m)"), 1.3, Align::right},
                      {t("占比", "Share"), 1.1, Align::right}};
        tb.verdict_column = 2;
        for (const FootprintResult& f : report_.footprints) {
            const bool none = std::none_of(f.conflicts.begin(), f.conflicts.end(),
                                           [](const Conflict& c) { return c.kind != LayerKind::admin; });
            if (none) {
                const std::string note = coverage_note(f, opts_.lang);
                tb.rows.push_back({{f.id, note.empty() ? t("未涉及任何管控图层", "touches no zoning layer") : note,
                                    verdict(f.verdict), "", "", "",
                                    "", ""},
                                   f.verdict,
                                   false});
                continue;
            }
            for (const Conflict& c : f.conflicts) {
                if (c.kind == LayerKind::admin) continue;  // where it lies, not a rule: in the feature table's place
                tb.rows.push_back(row(f, c.title, c.verdict, c.near_only, c.area_m2, c.area_ellipsoidal_m2, c.length_m,
                                      c.distance_m, c.share, !c.classes.empty()));
                for (const ClassRow& k : c.classes) {
                    tb.rows.push_back(row(f, "    " + k.title, k.verdict, k.near_only, k.area_m2, k.area_ellipsoidal_m2, k.length_m,
                                          k.distance_m, k.share, false));
                }
            }
        }
        d.blocks.emplace_back(std::move(tb));
        d.blocks.emplace_back(Paragraph{t("公顷、亩与占比按椭球面积计算，平面面积为工作坐标系中的面积（见“数据与方法”）。行政区图层只说明位置，不作管控，表中不列。",
                                          "Hectares, mu and shares are ellipsoidal areas; planar m² are in the working CRS "
                                          "(see Data and method). Administrative layers are left out: they say where, "
                                          "not what is allowed."),
                                        true});
    }

    /// A layer row (the subtotal) or, indented under it, a class row.
    [[nodiscard]] Row row(const FootprintResult& f, const std::string& what, Verdict v, bool near,
                          double a, double ae, double len, double dist, double share, bool subtotal) const {
        const bool areal = f.dimension == 2;
        std::string length;
        if (near) {
            length = std::string(t("邻近 ", "near ")) + number(dist, 1);
        } else if (len > 0) {
            length = number(len, 1);
        }
        return {{f.id, what, verdict(v), areal && !near ? m2(a) : "", areal && !near ? ha(ae) : "",
                 areal && !near ? mu(ae) : "", length, near ? "" : percent(share)},
                v,
                subtotal};
    }

    /// Each zoning feature hit (or near), with its own areas.
    void feature_table(Document& d) {
        Table tb;
        tb.caption = t("涉及要素", "Features hit");
        tb.columns = {{t("用地", "Footprint"), 1.0},     {t("图层", "Layer"), 1.8},
                      {t("要素名称", "Feature"), 2.2},  {t("编码", "Code"), 1.8},
                      {t("类别", "Class"), 1.4},        {t("结论", "Verdict"), 1.1},
                      {t("平面(m²)", "Planar (m²)"), 1.5, Align::right},
                      {t("公顷(椭球)", "ha (ellipsoidal)"), 1.3, Align::right},
                      {t("距离(m)", "Distance (m)"), 1.0, Align::right}};
        tb.verdict_column = 5;
        for (const FootprintResult& f : report_.footprints) {
            for (const Conflict& c : f.conflicts) {
                if (c.kind == LayerKind::admin) continue;
                for (const FeatureHit& h : c.features) {
                    const bool areal = f.dimension == 2 && h.distance_m == 0;
                    tb.rows.push_back({{f.id, c.title, h.name.empty() ? "fid " + std::to_string(h.fid) : h.name, h.code, h.cls,
                                        verdict(h.verdict), areal ? m2(h.area_m2) : "", areal ? ha(h.area_ellipsoidal_m2) : "",
                                        h.distance_m > 0 ? number(h.distance_m, 1) : ""},
                                       h.verdict,
                                       false});
                }
            }
        }
        if (tb.rows.empty()) return;
        d.blocks.emplace_back(std::move(tb));
    }

    /// 占用地类: one table for every footprint over every land_use layer.
    void land_use_table(Document& d) {
        Table tb;
        tb.caption = t("占用地类", "Land use of the footprints");
        tb.columns = {{t("用地", "Footprint"), 1.1},       {t("地类编码", "Code"), 1.0},
                      {t("地类名称", "Class"), 2.4},      {t("公顷(椭球)", "ha (ellipsoidal)"), 1.4, Align::right},
                      {t("亩(椭球)", "mu (ellipsoidal)"), 1.3, Align::right}, {t("占比", "Share"), 1.0, Align::right},
                      {t("其中永久基本农田(公顷)", "of which permanent farmland (ha)"), 1.8, Align::right}};
        for (const FootprintResult& f : report_.footprints) {
            for (const LandUseTable& lu : f.land_use) {
                for (const LandUseClass& c : lu.classes) {
                    tb.rows.push_back(land_use_row(f, c, lu.farmland_screened, true));
                    for (const LandUseClass& k : c.classes) tb.rows.push_back(land_use_row(f, k, lu.farmland_screened, false));
                }
                tb.rows.push_back({{f.id, "", std::string(t("合计 ", "Total ")) + lu.title, ha(lu.area_ellipsoidal_m2),
                                    mu(lu.area_ellipsoidal_m2), percent(lu.share),
                                    lu.farmland_screened ? ha(lu.farmland_ellipsoidal_m2) : ""},
                                   std::nullopt,
                                   true});
            }
        }
        if (tb.rows.empty()) return;
        d.blocks.emplace_back(std::move(tb));
    }

    static Row land_use_row(const FootprintResult& f, const LandUseClass& c, bool farmland, bool level1) {
        return {{f.id, c.code, level1 ? c.name : "  " + c.name, ha(c.area_ellipsoidal_m2), mu(c.area_ellipsoidal_m2),
                 percent(c.share), farmland ? ha(c.farmland_ellipsoidal_m2) : ""},
                std::nullopt,
                level1};
    }

    /// 界址点: each part, its areas, its points J1..Jn (X northing, Y easting).
    void parts_section(Document& d, const std::vector<ConflictPart>& parts) {
        d.blocks.emplace_back(PageBreak{});
        d.blocks.emplace_back(Heading{t("四、冲突地块界址点坐标", "4. Boundary points of the conflict parts"), 1});
        if (parts.empty()) {
            d.blocks.emplace_back(Paragraph{t("无冲突地块（用地范围与结论高于“允许”的要素均无面状交集）。",
                                              "No conflict part (no footprint overlaps a feature whose verdict is above allowed)."),
                                            false});
            return;
        }
        d.blocks.emplace_back(Paragraph{
            std::string(t("坐标系：", "CRS: ")) + crs_in_words(catalog_.working_crs(), zh_) +
                t("。X 为纵坐标（北），Y 为横坐标（东），单位米。每个冲突地块为用地范围与一个管控要素的交集；外环顺时针、自最北点起，"
                  "内环逆时针，每环以首点闭合。",
                  ". X is the northing, Y the easting, in metres. Each part is a footprint ∩ one zoning feature; outer rings "
                  "clockwise from the northernmost point, holes counter-clockwise, each ring closed by its first point."),
            true});
        Table summary_table;
        summary_table.caption = t("冲突地块一览", "Conflict parts");
        summary_table.columns = {{t("地块", "Part"), 2.0},  {t("用地", "Footprint"), 1.1}, {t("要素", "Feature"), 2.4},
                                 {t("结论", "Verdict"), 1.1}, {t("界址点数", "Points"), 1.0, Align::right},
                                 {t("平面(m²)", "Planar (m²)"), 1.5, Align::right},
                                 {t("公顷(椭球)", "ha (ellipsoidal)"), 1.3, Align::right}};
        summary_table.verdict_column = 3;
        for (const ConflictPart& p : parts) {
            summary_table.rows.push_back({{p.label, p.footprint, p.feature, verdict(p.verdict), std::to_string(p.points.size()),
                                           m2(p.area_m2), ha(p.area_ellipsoidal_m2)},
                                          p.verdict,
                                          false});
        }
        d.blocks.emplace_back(std::move(summary_table));
        for (const ConflictPart& p : parts) {
            d.blocks.emplace_back(Heading{p.label + " · " + p.feature, 2});
            d.blocks.emplace_back(Paragraph{std::string(t("用地 ", "Footprint ")) + p.footprint +
                                                (p.footprint_name.empty() ? "" : " " + p.footprint_name) + t("；面积 ", "; area ") +
                                                m2(p.area_m2) + t(" 平方米（平面），", " m² (planar), ") + ha(p.area_ellipsoidal_m2) +
                                                t(" 公顷（椭球）；结论 ", " ha (ellipsoidal); verdict ") + verdict(p.verdict),
                                            true});
            Table tb;
            tb.width = 0.62;
            tb.columns = {{t("点号", "Point"), 1.0}, {t("圈号", "Ring"), 0.8, Align::right},
                          {t("X(北) m", "X (north) m"), 2.0, Align::right}, {t("Y(东) m", "Y (east) m"), 2.0, Align::right}};
            for (const PartPoint& pt : p.points) {
                tb.rows.push_back({{pt.name, std::to_string(pt.ring), fixed(pt.x, 3), fixed(pt.y, 3)}, std::nullopt, false});
            }
            d.blocks.emplace_back(std::move(tb));
        }
    }

    /// The catalog's layers, the working CRS, which area is which, the version; the signatures.
    void method_section(Document& d, const std::string& date) {
        d.blocks.emplace_back(PageBreak{});
        d.blocks.emplace_back(Heading{t("五、数据与方法", "5. Data and method"), 1});
        Fields f;
        f.items.emplace_back(t("审查目录", "Catalog"), report_.catalog + " (" + catalog_.catalog().path.filename().string() + ")");
        f.items.emplace_back(t("工作坐标系", "Working CRS"), crs_in_words(catalog_.working_crs(), zh_));
        f.items.emplace_back(t("平面面积", "Planar area"),
                             t("工作坐标系（高斯-克吕格投影平面）中的面积，工程图所用", "area in the working CRS's plane (Gauss-Krüger), as on engineering drawings"));
        const bool survey = report_.ellipsoidal == EllipsoidalMethod::survey;
        f.items.emplace_back(t("椭球面积", "Ellipsoidal area"),
                             survey ? t("国土调查椭球面积（国土调查办发〔2008〕32号），公顷、亩与占比据此计算",
                                        "the land-survey ellipsoidal area (国土调查办发〔2008〕32号); hectares, mu and shares use it")
                                    : t("椭球面上的测地线面积（GeographicLib，与 PostGIS geography、QGIS 一致），公顷、亩与占比据此计算",
                                        "geodesic area on the ellipsoid (GeographicLib, as PostGIS geography and QGIS); hectares, mu "
                                        "and shares use it"));
        if (!catalog_.catalog().rules.empty()) {
            std::string packs;
            for (const auto& r : catalog_.catalog().rules) packs += (packs.empty() ? "" : ", ") + r;
            f.items.emplace_back(t("规则包", "Rule packs"), packs);
        }
        f.items.emplace_back(t("软件", "Software"), "zoning " + std::string(kVersion));
        d.blocks.emplace_back(std::move(f));
        Table tb;
        tb.caption = t("目录图层", "Catalog layers");
        tb.columns = {{t("图层", "Layer"), 1.3},    {t("名称", "Title"), 2.2},          {t("类型", "Kind"), 2.2},
                      {t("要素数", "Features"), 1.0, Align::right}, {t("修复", "Repaired"), 0.9, Align::right},
                      {t("来源", "Source"), 2.6}};
        for (const ZoneLayer& l : catalog_.layers()) {
            const LayerSpec& s = l.spec();
            const std::string source = s.is_database() ? redact_connection(s.source_text) : s.source_text;
            tb.rows.push_back({{s.id, s.title, std::string(to_string(s.kind)), std::to_string(l.features().size()),
                                std::to_string(l.repaired()), source},
                               std::nullopt,
                               false});
        }
        d.blocks.emplace_back(std::move(tb));
        Signature sig;
        sig.items.emplace_back(t("制图", "Prepared by"), opts_.author);
        sig.items.emplace_back(t("审核", "Reviewed by"), opts_.reviewer);
        sig.items.emplace_back(t("日期", "Date"), date);
        d.blocks.emplace_back(std::move(sig));
    }

private:
    const LoadedCatalog& catalog_;
    const ScreenReport& report_;
    const ReportOptions& opts_;
    bool zh_;
};

}  // namespace

std::string project_title(const ScreenReport& report, const ReportOptions& opts) {
    if (!opts.title.empty()) return opts.title;
    for (const FootprintResult& f : report.footprints) {
        if (!f.name.empty()) return f.name;
    }
    if (!report.footprints.empty()) return report.footprints.front().id;
    return opts.lang == Lang::zh ? "建设项目" : "Project";
}

Document build_document(const LoadedCatalog& catalog, const ScreenReport& report, const std::vector<ConflictPart>& parts,
                        const ReportOptions& opts, const std::string& title, const std::string& date) {
    Builder b(catalog, report, opts);
    Document d;
    d.title = b.t("建设项目用地管控审查报告", "Zoning screening report");
    d.project = title;
    d.footer = title + (opts.project_code.empty() ? "" : " (" + opts.project_code + ")") + " · " + d.title;
    d.page_of = b.t("第 %d 页 共 %d 页", "page %d of %d");
    d.date = date;
    b.cover(d, title, date);
    d.blocks.emplace_back(Heading{b.t("一、审查结论", "1. Conclusion"), 1});
    b.conclusion(d);
    d.blocks.emplace_back(PageBreak{});
    d.blocks.emplace_back(Heading{b.t("二、审查明细", "2. Tables"), 1});
    b.layer_table(d);
    b.feature_table(d);
    b.land_use_table(d);
    d.blocks.emplace_back(MapFigure{b.t("三、冲突分析图", "3. Conflict map")});
    b.parts_section(d, parts);
    b.method_section(d, date);
    return d;
}

}  // namespace zoning::report::document
