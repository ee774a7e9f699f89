// The report's document model from the screening: what each section says, in the report's
// language. Areas in 公顷 and 亩 are ellipsoidal (docs/areas.md), m² planar, as in every report.
#include "report/document/build.hpp"

#include <zoning/catalog.hpp>
#include <zoning/version.hpp>

#include "report/document/parts.hpp"
#include "report/format.hpp"
#include "report/summary.hpp"

#include <algorithm>
#include <array>
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
        if (const std::string v = data_versions(); !v.empty()) f.items.emplace_back(t("数据版本", "Data versions"), v);
        f.items.emplace_back(t("用地范围", "Footprints"), std::to_string(report_.footprints.size()));
        f.items.emplace_back(t("审查日期", "Date"), date);
        d.blocks.emplace_back(std::move(f));
        d.blocks.emplace_back(VerdictBanner{report_.worst(), verdict(report_.worst()), t("审查结论", "Verdict")});
    }

    /// The layers' `version:` and `source_date:` (the catalog's record of their sources) for the
    /// cover: "版本 synthetic-1（各图层）；数据日期 2020-06（云州区行政区）"; empty when no layer has one.
    [[nodiscard]] std::string data_versions() const {
        const std::vector<LayerSpec>& layers = catalog_.catalog().layers;
        auto grouped = [&](auto value) {
            std::vector<std::pair<std::string, std::vector<std::string>>> groups;  // value, layer titles
            for (const LayerSpec& l : layers) {
                const std::string& v = value(l);
                if (v.empty()) continue;
                auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == v; });
                if (it == groups.end()) it = groups.insert(groups.end(), {v, {}});
                it->second.push_back(l.title);
            }
            std::string s;
            for (const auto& [v, titles] : groups) {
                std::string who;
                if (titles.size() == layers.size()) {
                    who = t("各图层", "all layers");
                } else {
                    for (const std::string& title : titles) who += (who.empty() ? "" : t("、", ", ")) + title;
                }
                s += (s.empty() ? "" : t("，", ", ")) + v + t("（", " (") + who + t("）", ")");
            }
            return s;
        };
        const std::string versions = grouped([](const LayerSpec& l) -> const std::string& { return l.version; });
        const std::string dates = grouped([](const LayerSpec& l) -> const std::string& { return l.source_date; });
        std::string s;
        if (!versions.empty()) s = t("版本 ", "version ") + versions;
        if (!dates.empty()) s += std::string(s.empty() ? "" : t("；", "; ")) + t("数据日期 ", "source date ") + dates;
        return s;
    }

    /// The 审查意见: the overall verdict, then per footprint touched what it touches (layer, class,
    /// 公顷 or 米), on which rule's basis, what procedure it needs, and what to do; the
    /// untouched footprints in one sentence; a footprint without a category is said to carry the
    /// layers' verdicts (no rule decided it).
    void opinion(Document& d, const std::string& title) {
        Opinion o;
        o.caption = t("审查意见", "Review opinion");
        std::array<size_t, kVerdictCount> counts{};
        for (const FootprintResult& f : report_.footprints) ++counts[static_cast<size_t>(f.verdict)];
        std::string tally;
        for (size_t v = kVerdictCount; v-- > 0;) {
            if (counts[v] == 0) continue;
            tally += (tally.empty() ? "" : t("，", ", ")) + verdict(static_cast<Verdict>(v)) + (zh_ ? " " : ": ") +
                     std::to_string(counts[v]) + t(" 处", "");
        }
        o.paragraphs.push_back(
            zh_ ? "经审查，" + title + "共 " + std::to_string(report_.footprints.size()) + " 处用地范围，总体结论为“" +
                      verdict(report_.worst()) + "”（" + tally + "）。"
                : "Screened: " + title + ", " + std::to_string(report_.footprints.size()) + " footprints; overall verdict " +
                      verdict(report_.worst()) + " (" + tally + ").");
        std::vector<std::string> untouched;
        for (const FootprintResult& f : report_.footprints) {
            const std::vector<report::SummaryItem> items = report::summary_items(f, opts_.lang);
            const std::string who = f.id + (f.name.empty() || f.name == f.id ? "" : " " + f.name);
            if (!f.not_screened.empty() || f.coverage == Coverage::none) {
                o.paragraphs.push_back(who + t("：", ": ") + summary(f, opts_.lang) + t("。", "."));
                continue;
            }
            if (items.empty()) {
                untouched.push_back(f.id);
                continue;
            }
            o.paragraphs.push_back(footprint_opinion(f, who, items));
        }
        if (!untouched.empty()) {
            std::string ids;
            for (const std::string& id : untouched) ids += (ids.empty() ? "" : t("、", ", ")) + id;
            o.paragraphs.push_back(
                zh_ ? ids + "（" + std::to_string(untouched.size()) + " 处）未涉及限制性管控图层，允许。"
                    : ids + " (" + std::to_string(untouched.size()) + "): touch no restricting zone; allowed.");
        }
        o.paragraphs.push_back(t("本意见由 zoning 依据审查目录的管控图层与规则包生成，面积为椭球面积；须经审查人员复核后签发。",
                                 "Generated by zoning from the catalog's zoning layers and the rule packs (ellipsoidal "
                                 "areas); to be checked by the reviewer before it is issued."));
        d.blocks.emplace_back(std::move(o));
    }

    /// One footprint's opinion: each item, its basis and procedure, then the verdict and what to do.
    [[nodiscard]] std::string footprint_opinion(const FootprintResult& f, const std::string& who,
                                                const std::vector<report::SummaryItem>& items) const {
        std::string s = who + "（" + size_of(f) + "）" + t("：", ": ");
        if (!zh_) s = who + " (" + size_of(f) + "): ";
        bool procedures = false;
        for (size_t i = 0; i < items.size(); ++i) {
            const report::SummaryItem& it = items[i];
            if (i > 0) s += t("；", "; ");
            s += (it.near_only ? t("邻近", "near ") : t("涉及", "in ")) + it.prefix;
            const bool named = it.prefix.size() >= it.label.size() &&
                               it.prefix.compare(it.prefix.size() - it.label.size(), it.label.size(), it.label) == 0;
            if (!it.label.empty() && !named) s += (zh_ ? "" : " ") + it.label;
            if (it.near_only) {
                s += std::string(zh_ ? "（距 " : " (at ") + number(it.distance_m, 1) + t(" 米）", " m)");
            } else if (it.dimension == 2 && it.area_ellipsoidal_m2 > 0) {
                s += " " + ha(it.area_ellipsoidal_m2) + t(" 公顷（", " ha (") + mu(it.area_ellipsoidal_m2) + t(" 亩）", " mu)");
            } else if (it.dimension == 2 && it.length_m > 0) {
                s += t(" 长 ", " length ") + number(it.length_m, 1) + t(" 米", " m");
            } else if (it.dimension == 1 && it.length_m > 0) {
                s += " " + number(it.length_m, 1) + t(" 米", " m");
            }
            s += t("，", ", ") + verdict(it.verdict);
            if (it.rule != nullptr) {
                s += t("，依据", ", basis ") + report::rule_words(*it.rule, opts_.lang);
                if (!it.rule->id.empty() && !it.rule->procedure.empty()) {
                    s += t("；程序：", "; procedure: ") + it.rule->procedure;
                    procedures = true;
                }
            }
        }
        s += t("。", ". ");
        s += zh_ ? "该用地范围结论为“" + verdict(f.verdict) + "”" : "Verdict " + verdict(f.verdict);
        switch (f.verdict) {
        case Verdict::prohibited:
            s += t("，应调整选址或用地范围，避让禁止占用的区域", ": move or reshape the footprint out of the prohibited zones");
            break;
        case Verdict::restricted:
            s += procedures ? t("，须按上述程序办理后方可用地", ": the procedures above are needed before the land is used")
                            : t("，须依该区管控规定论证并履行审批程序", ": the zone's rules require a justification and approval");
            break;
        case Verdict::caution: s += t("，须核实上述情形并在用地审批中说明", ": check and state these in the land approval"); break;
        default: break;
        }
        s += t("。", ".");
        if (!f.category) {
            s += t("未指定项目类别：结论为审查目录中各图层的管控结论，未按规则包裁定。",
                   " No project category: the verdicts are the catalog layers', not decided by the rule packs.");
        } else {
            s += std::string(zh_ ? "项目类别：" : " Category: ") + (zh_ ? std::string(to_chinese(*f.category)) : std::string(to_string(*f.category))) +
                 t("。", ".");
        }
        return s;
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
        // With project categories, each row's rule: its basis, and the procedure where it gives one.
        const bool rules = report_.has_categories();
        if (rules) tb.columns.push_back({t("依据", "Basis"), 3.6});
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
                if (rules) tb.rows.back().cells.emplace_back();
                continue;
            }
            for (const Conflict& c : f.conflicts) {
                if (c.kind == LayerKind::admin) continue;  // where it lies, not a rule: in the feature table's place
                tb.rows.push_back(row(f, c.title, c.verdict, c.near_only, c.area_m2, c.area_ellipsoidal_m2, c.length_m,
                                      c.distance_m, c.share, !c.classes.empty()));
                // A layer with class rows: each class row gives its own rule, the layer row none.
                if (rules) tb.rows.back().cells.push_back(c.classes.empty() ? basis(c.rule, c.verdict) : "");
                for (const ClassRow& k : c.classes) {
                    tb.rows.push_back(row(f, "    " + k.title, k.verdict, k.near_only, k.area_m2, k.area_ellipsoidal_m2, k.length_m,
                                          k.distance_m, k.share, false));
                    if (rules) tb.rows.back().cells.push_back(basis(k.rule, k.verdict));
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

    /// A row's rule as the 依据 column prints it: the basis (and that the verdict is the layer's
    /// when it is), then the procedure; nothing for a row without a rule or an allowed row no rule covers.
    [[nodiscard]] std::string basis(const std::optional<AppliedRule>& rule, Verdict v) const {
        if (!rule || (rule->id.empty() && v == Verdict::allowed)) return "";
        std::string s = report::rule_words(*rule, opts_.lang);
        if (!rule->id.empty() && !rule->procedure.empty()) s += t("；程序：", "; procedure: ") + rule->procedure;
        return s;
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
        // The catalog's record of each source (`version:`, `source_date:`), when it keeps one.
        const bool dated = std::any_of(catalog_.layers().begin(), catalog_.layers().end(), [](const ZoneLayer& l) {
            return !l.spec().version.empty() || !l.spec().source_date.empty();
        });
        if (dated) {
            tb.columns.push_back({t("版本", "Version"), 1.5});
            tb.columns.push_back({t("数据日期", "Source date"), 1.3});
        }
        for (const ZoneLayer& l : catalog_.layers()) {
            const LayerSpec& s = l.spec();
            const std::string source = s.is_database() ? redact_connection(s.source_text) : s.source_text;
            tb.rows.push_back({{s.id, s.title, std::string(to_string(s.kind)), std::to_string(l.features().size()),
                                std::to_string(l.repaired()), source},
                               std::nullopt,
                               false});
            if (dated) {
                tb.rows.back().cells.push_back(s.version);
                tb.rows.back().cells.push_back(s.source_date);
            }
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

std::vector<size_t> parts_too_small(const std::vector<ConflictPart>& parts, double scale, double min_mm) {
    std::vector<size_t> out;
    const double m_per_mm = scale / 1000.0;
    for (size_t i = 0; i < parts.size(); ++i) {
        const std::vector<PartPoint>& pts = parts[i].points;
        if (pts.empty()) continue;
        const auto [xlo, xhi] = std::minmax_element(pts.begin(), pts.end(), [](const PartPoint& a, const PartPoint& b) { return a.x < b.x; });
        const auto [ylo, yhi] = std::minmax_element(pts.begin(), pts.end(), [](const PartPoint& a, const PartPoint& b) { return a.y < b.y; });
        // Small both ways, or a sliver (a road's few metres across a zone): its planar area
        // under a square of min_mm on the page.
        const bool small = std::max(xhi->x - xlo->x, yhi->y - ylo->y) / m_per_mm < min_mm;
        const bool thin = parts[i].area_m2 / (m_per_mm * m_per_mm) < min_mm * min_mm;
        if (small || thin) out.push_back(i);
    }
    return out;
}

Document build_document(const LoadedCatalog& catalog, const ScreenReport& report, const std::vector<ConflictPart>& parts,
                        const ReportOptions& opts, const std::string& title, const std::string& date,
                        const std::vector<size_t>& insets) {
    Builder b(catalog, report, opts);
    Document d;
    d.title = b.t("建设项目用地管控审查报告", "Zoning screening report");
    d.project = title;
    d.footer = title + (opts.project_code.empty() ? "" : " (" + opts.project_code + ")") + " · " + d.title;
    d.page_of = b.t("第 %d 页 共 %d 页", "page %d of %d");
    d.date = date;
    b.cover(d, title, date);
    b.opinion(d, title);
    d.blocks.emplace_back(Heading{b.t("一、审查结论", "1. Conclusion"), 1});
    b.conclusion(d);
    d.blocks.emplace_back(PageBreak{});
    d.blocks.emplace_back(Heading{b.t("二、审查明细", "2. Tables"), 1});
    b.layer_table(d);
    b.feature_table(d);
    b.land_use_table(d);
    MapFigure map{b.t("三、冲突分析图", "3. Conflict map"), {},
                  b.t("冲突地块放大图（在冲突分析图比例尺下不足 3 毫米的地块）", "Insets: the conflict parts under 3 mm at the map's scale")};
    for (const size_t i : insets) map.insets.push_back(parts.at(i).label);
    d.blocks.emplace_back(std::move(map));
    b.parts_section(d, parts);
    b.method_section(d, date);
    return d;
}

}  // namespace zoning::report::document
