// The rule table of `zoning rules`: every (kind, grade, category) cell of the loaded packs with
// the rule that decides it, as text (a table per zone kind, then each rule's condition and
// procedure) and as JSON.
#include <zoning/rules.hpp>

#include "report/format.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <ostream>
#include <set>

namespace zoning {

namespace {

std::string_view kind_chinese(LayerKind k) {
    switch (k) {
        case LayerKind::ecological_redline: return "生态保护红线";
        case LayerKind::nature_reserve: return "自然保护区";
        case LayerKind::natural_park: return "自然公园";
        case LayerKind::water_source: return "饮用水水源保护区";
        case LayerKind::permanent_farmland: return "永久基本农田";
        case LayerKind::urban_boundary: return "城镇开发边界";
        case LayerKind::control_unit: return "环境管控单元";
        case LayerKind::admin: return "行政区";
        case LayerKind::land_use: return "土地利用现状";
        case LayerKind::other: return "其他";
    }
    return "其他";
}

std::string grade_label(LayerKind k, std::optional<ZoneGrade> g) {
    if (g) return std::string(to_chinese(*g)) + " " + std::string(to_string(*g));
    return grades_of(k).empty() ? "(全部 all)" : "(未分级 ungraded)";
}

std::string verdict_label(const std::optional<RuleMatch>& m) {
    if (!m) return "按图层 layer (无规则 no rule)";
    if (!m->rule->verdict) return "按图层 layer";
    return std::string(to_chinese(*m->rule->verdict)) + " " + std::string(to_string(*m->rule->verdict));
}

std::string pack_file(const RulePack& p) { return p.file.filename().string(); }

}  // namespace

std::vector<RuleCell> rule_table(const RuleSet& set) {
    std::vector<RuleCell> cells;
    for (const LayerKind k : set.kinds()) {
        std::vector<std::optional<ZoneGrade>> grades;
        for (const ZoneGrade g : grades_of(k)) grades.emplace_back(g);
        grades.emplace_back(std::nullopt);
        for (const auto& g : grades) {
            for (const Category c : kCategories) cells.push_back({k, g, c, set.find(k, g, c)});
        }
    }
    return cells;
}

void write_rules_text(std::ostream& out, const RuleSet& set, const std::vector<RuleCell>& cells) {
    out << "规则包 rule packs (后者优先 later wins)\n";
    for (const auto& p : set.packs) {
        out << "  " << p.name << " " << p.version << "  " << pack_file(p);
        if (!p.extends.empty()) out << "  extends " << p.extends;
        if (p.example) out << "  [示例 EXAMPLE: not a real text]";
        out << '\n';
        if (!p.title.empty()) out << "    " << p.title << '\n';
        for (const auto& s : p.sources) {
            out << "    [" << s.id << "] 《" << s.title << "》";
            if (!s.number.empty()) out << " " << s.number;
            out << " " << s.date;
            if (!s.in_force.empty()) out << " (施行 " << s.in_force << ")";
            out << " — " << to_string(s.status);
            if (!s.url.empty()) out << " — " << s.url;
            out << '\n';
        }
    }
    LayerKind current = LayerKind::other;
    bool first = true;
    std::vector<RuleMatch> used;
    std::set<const Rule*> seen;
    auto notes = [&]() {
        if (used.empty()) return;
        // In the order of the packs and of their files.
        std::sort(used.begin(), used.end(), [&](const RuleMatch& a, const RuleMatch& b) {
            if (a.pack != b.pack) return a.pack < b.pack;
            return a.rule->line < b.rule->line;
        });
        out << "\n  规则 rules\n";
        for (const auto& m : used) {
            const Rule& r = *m.rule;
            out << "  " << r.id << " [" << to_string(r.status) << ", " << m.pack->name << ":" << r.line << "] "
                << verdict_label(m) << " — " << r.basis << '\n';
            if (!r.condition.empty()) out << "    条件: " << r.condition << '\n';
            if (!r.procedure.empty()) out << "    程序: " << r.procedure << '\n';
        }
        used.clear();
    };
    std::optional<report::Table> table;
    auto flush = [&]() {
        if (table) out << table->render("  ");
        table.reset();
        notes();
    };
    for (const auto& c : cells) {
        if (first || c.kind != current) {
            flush();
            out << '\n' << to_string(c.kind) << " " << kind_chinese(c.kind) << '\n';
            table.emplace(std::vector<std::string>{"等级 grade", "类别 category", "裁定 verdict", "规则 rule", "依据 basis"});
            current = c.kind;
            first = false;
        }
        table->add({grade_label(c.kind, c.grade), std::string(to_string(c.category)), verdict_label(c.match),
                    c.match ? c.match->rule->id : "-", c.match ? c.match->rule->basis : "-"});
        if (c.match && seen.insert(c.match->rule).second) used.push_back(*c.match);
    }
    flush();
}

void write_rules_json(std::ostream& out, const RuleSet& set, const std::vector<RuleCell>& cells) {
    nlohmann::ordered_json j;
    j["packs"] = nlohmann::ordered_json::array();
    for (const auto& p : set.packs) {
        nlohmann::ordered_json pj;
        pj["name"] = p.name;
        pj["title"] = p.title;
        pj["version"] = p.version;
        pj["file"] = p.file.string();
        pj["extends"] = p.extends.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(p.extends);
        pj["example"] = p.example;
        pj["sources"] = nlohmann::ordered_json::array();
        for (const auto& s : p.sources) {
            pj["sources"].push_back({{"id", s.id},
                                     {"title", s.title},
                                     {"number", s.number},
                                     {"date", s.date},
                                     {"in_force", s.in_force},
                                     {"url", s.url},
                                     {"status", to_string(s.status)}});
        }
        pj["rules"] = p.rules.size();
        j["packs"].push_back(pj);
    }
    j["cells"] = nlohmann::ordered_json::array();
    for (const auto& c : cells) {
        nlohmann::ordered_json cj;
        cj["kind"] = to_string(c.kind);
        cj["grade"] = c.grade ? nlohmann::ordered_json(to_string(*c.grade)) : nlohmann::ordered_json(nullptr);
        cj["category"] = to_string(c.category);
        cj["category_name"] = to_chinese(c.category);
        if (c.match && c.match->rule->verdict) {
            cj["verdict"] = to_string(*c.match->rule->verdict);
        } else {
            cj["verdict"] = "layer";
        }
        if (c.match) {
            const Rule& r = *c.match->rule;
            cj["rule"] = {{"id", r.id},
                          {"pack", c.match->pack->name},
                          {"line", r.line},
                          {"basis", r.basis},
                          {"condition", r.condition},
                          {"procedure", r.procedure},
                          {"status", to_string(r.status)},
                          {"sources", r.sources}};
        } else {
            cj["rule"] = nullptr;
        }
        j["cells"].push_back(cj);
    }
    out << j.dump(2) << '\n';
}

}  // namespace zoning
