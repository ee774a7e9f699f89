#include <zoning/report.hpp>

#include "report/format.hpp"
#include "report/summary.hpp"

#include <array>
#include <ostream>

namespace zoning {

namespace {

struct Labels {
    const char* header;       // catalog, crs, method
    const char* area;
    const char* ellipsoidal;
    const char* length;
    const char* width;
    const char* radius;
    const char* verdict;
    const char* no_conflict;
    const char* near;
    const char* outside;
    const char* total;
    std::array<const char*, 10> columns;
    const char* more;         // "N more, M in all"
    const char* warnings;
    const char* ha;
    const char* mu;
    const char* summary;
};

constexpr Labels kZh{"%s · 工作坐标系 %s · 椭球面积 %s",
                     "面积", "椭球面积", "长度", "宽度", "半径", "结论",
                     "未涉及任何管控图层", "邻近", "边界外", "合计",
                     {"图层", "结论", "平面(m²)", "公顷(椭球)", "亩(椭球)", "占比", "长度(m)", "距离(m)", "边界外(m²)", "涉及要素"},
                     "另 %zu 个，共 %zu 个", "警告", " 公顷", " 亩", "说明"};
constexpr Labels kEn{"%s · working CRS %s · ellipsoidal area %s",
                     "area", "ellipsoidal", "length", "width", "radius", "verdict",
                     "touches no zoning layer", "near", "outside", "total",
                     {"layer", "verdict", "planar(m²)", "ha(ellipsoidal)", "mu(ellipsoidal)", "share", "length(m)", "dist(m)", "outside(m²)", "features"},
                     "%zu more, %zu in all", "warnings", " ha", " mu", "reason"};

std::string fmt(const char* pattern, const std::string& a, const std::string& b = {},
                const std::string& c = {}) {
    char buf[512];
    std::snprintf(buf, sizeof buf, pattern, a.c_str(), b.c_str(), c.c_str());
    return buf;
}

std::string verdict_label(Verdict v, Lang lang) {
    return std::string(lang == Lang::zh ? to_chinese(v) : to_string(v));
}

/// The names of the features `which` (indexes into c.features), at most four, then how many
/// more and how many in all; `with_class` adds each one's class.
std::string feature_list(const Conflict& c, const std::vector<size_t>& which, bool with_class, const Labels& L) {
    std::string s;
    const size_t shown = std::min<size_t>(which.size(), 4);
    for (size_t i = 0; i < shown; ++i) {
        const FeatureHit& h = c.features[which[i]];
        std::string one = h.name.empty() ? "fid " + std::to_string(h.fid) : h.name;
        if (!h.code.empty()) one += " [" + h.code + "]";
        if (with_class && !h.cls.empty()) one += " (" + h.cls + ")";
        s += (i ? "; " : "") + one;
    }
    if (which.size() > shown) {
        char buf[96];
        std::snprintf(buf, sizeof buf, L.more, which.size() - shown, which.size());
        s += "; ";
        s += buf;
    }
    return s;
}

std::vector<size_t> all_features(const Conflict& c) {
    std::vector<size_t> v(c.features.size());
    for (size_t i = 0; i < v.size(); ++i) v[i] = i;
    return v;
}

/// A row of the conflict table: the layer's (subtotal) or one of its classes'.
struct RowFigures {
    Verdict verdict;
    bool near_only;
    double area_m2, area_ellipsoidal_m2, length_m, distance_m;
};

std::vector<std::string> table_row(const FootprintResult& f, const std::string& label, const RowFigures& x,
                                   const std::string& outside, const std::string& features, Lang lang,
                                   const Labels& L) {
    using report::number;
    const bool has_area = f.area_m2 > 0;
    std::string verdict = verdict_label(x.verdict, lang);
    if (x.near_only) verdict += " (" + std::string(L.near) + ")";
    // 公顷, 亩 and the share from the ellipsoidal figure (docs/areas.md); lengths where the
    // footprint is a line or the layer's lines (rivers) lie inside it.
    const double share = has_area ? (f.area_ellipsoidal_m2 > 0 ? x.area_ellipsoidal_m2 / f.area_ellipsoidal_m2 : 0)
                                  : (f.length_m > 0 ? x.length_m / f.length_m : (x.near_only ? 0 : 1));
    return {label,
            verdict,
            has_area ? number(x.area_m2, 2) : "-",
            has_area ? number(x.area_ellipsoidal_m2 / kM2PerHa, 4) : "-",
            has_area ? number(x.area_ellipsoidal_m2 / kM2PerMu, 2) : "-",
            report::percent(share),
            f.length_m > 0 || x.length_m > 0 ? number(x.length_m, 2) : "-",
            number(x.distance_m, 2),
            outside,
            features};
}

/// The 占用地类 table of each land_use layer (docs/land-use.md): first-level classes with their
/// second-level ones indented, planar and ellipsoidal hectares, share, the part in 永久基本农田.
void write_land_use(std::ostream& out, const FootprintResult& f, Lang lang) {
    using report::number;
    const bool zh = lang == Lang::zh;
    for (const LandUseTable& t : f.land_use) {
        out << "    " << (zh ? "占用地类" : "land use") << " (" << t.title << ", " << t.layer << ")";
        if (t.classes.empty()) {
            out << ": " << (zh ? "不在该图层范围内" : "outside the layer") << "\n";
            continue;
        }
        out << ":\n";
        const bool by_area = f.area_m2 > 0;
        const bool farm = t.farmland_screened;
        std::vector<std::string> header;
        if (zh) {
            header = {"地类编码", "地类名称"};
            if (by_area) header.insert(header.end(), {"平面(m²)", "公顷(椭球)", "亩(椭球)"});
            else header.push_back("长度(m)");
            header.push_back("占比");
            if (farm) header.push_back("其中永久基本农田(公顷)");
        } else {
            header = {"code", "class"};
            if (by_area) header.insert(header.end(), {"planar(m²)", "ha(ellipsoidal)", "mu(ellipsoidal)"});
            else header.push_back("length(m)");
            header.push_back("share");
            if (farm) header.push_back("of which permanent farmland(ha)");
        }
        std::vector<bool> right(header.size(), true);
        right[0] = right[1] = false;
        report::Table tab(header, right);
        auto row = [&](const LandUseClass& c, const std::string& indent) {
            std::vector<std::string> cells{indent + c.code, indent + c.name};
            if (by_area) {
                // 公顷 and 亩 from the ellipsoidal figure, as every human table (docs/areas.md).
                cells.insert(cells.end(), {number(c.area_m2, 2), number(c.area_ellipsoidal_m2 / kM2PerHa, 4),
                                           number(c.area_ellipsoidal_m2 / kM2PerMu, 2)});
            } else {
                cells.push_back(number(c.length_m, 2));
            }
            cells.push_back(f.dimension == 0 ? "-" : report::percent(c.share));
            if (farm) cells.push_back(c.farmland_m2 > 0 ? number(c.farmland_ellipsoidal_m2 / kM2PerHa, 4) : "-");
            tab.add(std::move(cells));
        };
        for (const LandUseClass& c : t.classes) {
            row(c, "");
            for (const LandUseClass& s : c.classes) row(s, "  ");
        }
        LandUseClass total;
        total.name = zh ? "合计" : "total";
        total.area_m2 = t.area_m2;
        total.area_ellipsoidal_m2 = t.area_ellipsoidal_m2;
        total.length_m = t.length_m;
        total.share = t.share;
        total.farmland_m2 = t.farmland_on_cultivated_m2;
        total.farmland_ellipsoidal_m2 = t.farmland_on_cultivated_ellipsoidal_m2;
        for (const LandUseClass& c : t.classes) {
            if (c.code == "01") continue;
            total.farmland_m2 += c.farmland_m2;
            total.farmland_ellipsoidal_m2 += c.farmland_ellipsoidal_m2;
        }
        row(total, "");
        out << tab.render("    ");
        if (!by_area) continue;
        auto ha_mu = [&](double m2) {
            return number(m2 / kM2PerHa, 4) + (zh ? " 公顷(" : " ha (") + number(m2 / kM2PerMu, 2) + (zh ? " 亩)" : " mu)");
        };
        std::string line = zh ? "    耕地 " + ha_mu(t.cultivated_ellipsoidal_m2)
                              : "    cultivated land (耕地) " + ha_mu(t.cultivated_ellipsoidal_m2);
        if (farm) {
            line += zh ? "，其中永久基本农田 " + ha_mu(t.farmland_on_cultivated_ellipsoidal_m2)
                       : ", of which permanent farmland " + ha_mu(t.farmland_on_cultivated_ellipsoidal_m2);
            const double off = t.farmland_ellipsoidal_m2 - t.farmland_on_cultivated_ellipsoidal_m2;
            if (t.farmland_m2 - t.farmland_on_cultivated_m2 > kMinConflictArea) {
                line += zh ? "；永久基本农田不在耕地上 " + ha_mu(off) : "; permanent farmland not on cultivated land " + ha_mu(off);
            }
        }
        out << line << "\n";
        if (t.share < 1 - 1e-9) {
            out << (zh ? "    图层范围外 " : "    outside the layer ") << ha_mu(std::max(0.0, f.area_ellipsoidal_m2 - t.area_ellipsoidal_m2)) << "\n";
        }
        if (t.overlap_m2 > 0) {
            out << (zh ? "    注意: 地类图斑重叠 " : "    note: land-use parcels overlap by ") << number(t.overlap_m2, 2)
                << (zh ? " m²，分类面积之和大于合计" : " m², the classes add up to more than the total") << "\n";
        }
    }
}

/// The line under a row decided by a rule: 依据: 自然资发〔2022〕142号 一(一)第1项 — 限制：PROCEDURE
/// (the condition when the rule gives no procedure). Nothing for a row no rule covers whose
/// verdict is allowed (an admin layer).
void rule_note(report::Table& t, const std::optional<AppliedRule>& rule, Verdict v, Lang lang) {
    if (!rule || (rule->id.empty() && v == Verdict::allowed)) return;
    const bool zh = lang == Lang::zh;
    std::string line = std::string(zh ? "  依据: " : "  basis: ") + report::rule_words(*rule, lang);
    if (!rule->id.empty()) {
        const std::string& words = !rule->procedure.empty() ? rule->procedure : rule->condition;
        line += " — " + verdict_label(v, lang);
        if (!words.empty()) line += (zh ? "：" : ": ") + words;
        line += " [" + rule->id + "]";
    }
    t.note(std::move(line));
}

}  // namespace

void write_text(std::ostream& out, const ScreenReport& r, Lang lang) {
    const Labels& L = lang == Lang::zh ? kZh : kEn;
    using report::number;
    out << fmt(L.header, r.catalog, r.crs, std::string(to_string(r.ellipsoidal))) << "\n";
    std::array<int, kVerdictCount> counts{};
    for (size_t i = 0; i < r.footprints.size(); ++i) {
        const FootprintResult& f = r.footprints[i];
        ++counts[static_cast<size_t>(f.verdict)];
        out << "\n[" << (i + 1) << "] " << (f.name.empty() ? f.id : f.name) << "  (id " << f.id
            << ", " << f.geometry_type << ")\n";
        std::string line = "    ";
        if (f.dimension == 1) {
            line += std::string(L.length) + " " + number(f.length_m, 2) + " m";
            if (f.width_m > 0) line += ", " + std::string(L.width) + " " + number(f.width_m, 2) + " m";
            line += "; ";
        }
        if (f.dimension == 0 && f.radius_m > 0) {
            line += std::string(L.radius) + " " + number(f.radius_m, 2) + " m; ";
        }
        if (f.area_m2 > 0) {
            // Planar m², then the ellipsoidal figure the 公顷 and 亩 come from (docs/areas.md).
            line += std::string(L.area) + " " + number(f.area_m2, 2) + " m²; " + L.ellipsoidal + " " +
                    number(f.area_ellipsoidal_m2, 2) + " m² = " + number(f.area_ellipsoidal_m2 / kM2PerHa, 4) +
                    L.ha + " = " + number(f.area_ellipsoidal_m2 / kM2PerMu, 2) + L.mu;
        }
        while (!line.empty() && (line.back() == ' ' || line.back() == ';')) line.pop_back();
        if (line.size() > 4) out << line << "\n";
        out << "    " << L.verdict << ": " << verdict_label(f.verdict, lang);
        if (lang == Lang::zh) out << " (" << to_string(f.verdict) << ")";
        out << "\n";
        if (f.category) {
            out << "    " << (lang == Lang::zh ? "类别: " : "category: ") << to_chinese(*f.category) << " ("
                << to_string(*f.category) << ")\n";
        }
        if (!f.conflicts.empty()) out << "    " << L.summary << ": " << report::summary_of_conflicts(f, lang) << "\n";
        if (const std::string note = coverage_note(f, lang); !note.empty()) {
            out << "    " << (lang == Lang::zh ? "目录范围: " : "coverage: ") << note << "\n";
        }
        if (!f.not_screened.empty()) out << "    " << (lang == Lang::zh ? "无法审查: " : "not screened: ") << f.not_screened << "\n";
        if (f.conflicts.empty() && f.verdict == Verdict::unknown) continue;
        if (f.conflicts.empty()) {
            out << "    " << L.no_conflict << "\n";
            write_land_use(out, f, lang);
            continue;
        }
        std::vector<std::string> header(L.columns.begin(), L.columns.end());
        report::Table t(header, {false, false, true, true, true, true, true, true, true, false});
        for (const auto& c : f.conflicts) {
            t.add(table_row(f, c.title,
                            {c.verdict, c.near_only, c.area_m2, c.area_ellipsoidal_m2, c.length_m, c.distance_m},
                            c.outside_m2 ? number(*c.outside_m2, 2) : "-",
                            feature_list(c, all_features(c), true, L), lang, L));
            if (c.classes.empty()) rule_note(t, c.rule, c.verdict, lang);
            // Class rows under the layer's subtotal, indented.
            for (const ClassRow& row : c.classes) {
                t.add(table_row(f, "  " + row.title,
                                {row.verdict, row.near_only, row.area_m2, row.area_ellipsoidal_m2, row.length_m,
                                 row.distance_m},
                                "-", feature_list(c, row.features, false, L), lang, L));
                rule_note(t, row.rule, row.verdict, lang);
            }
        }
        out << t.render("    ");
        write_land_use(out, f, lang);
    }
    out << "\n" << L.total << ": " << r.footprints.size();
    for (int v = 3; v >= 0; --v) {
        out << (v == 3 ? " — " : ", ") << verdict_label(static_cast<Verdict>(v), lang) << " "
            << counts[static_cast<size_t>(v)];
    }
    // Footprints not screened are counted apart: unknown is no degree of "allowed".
    if (const int n = counts[static_cast<size_t>(Verdict::unknown)]; n > 0) {
        out << "; " << verdict_label(Verdict::unknown, lang) << " " << n;
    }
    out << "\n";
    if (!r.warnings.empty()) {
        out << "\n" << L.warnings << " (" << r.warnings.size() << "):\n";
        for (const auto& w : r.warnings) out << "  " << w.where << ": " << w.what << "\n";
    }
}

}  // namespace zoning
