// The rule vocabulary: project categories and zone grades, their codes, Chinese names and the
// class values they are recognised from. Depends on nothing but the catalog's kinds (the catalog
// parser validates `grade:` with it).
#include <zoning/error.hpp>
#include <zoning/rules.hpp>

#include <algorithm>
#include <array>
#include <utility>

namespace zoning {

namespace {

struct CategoryName {
    Category category;
    std::string_view code;
    std::string_view name;
    std::array<std::string_view, 3> aliases;  ///< other names users write (empty: none)
};

constexpr std::array<CategoryName, 17> kCategoryNames{{
    {Category::restoration, "restoration", "生态修复", {"生态保护修复", "", ""}},
    {Category::patrol_research, "patrol_research", "管护巡护、保护执法、科研监测、防灾减灾、国防",
     {"管护巡护", "科研监测", "防灾减灾"}},
    {Category::resident_facility, "resident_facility", "原住居民生产生活设施", {"原住居民", "", ""}},
    {Category::tourism, "tourism", "适度参观旅游、科普宣教及配套设施", {"参观旅游", "旅游", ""}},
    {Category::linear_infrastructure, "linear_infrastructure", "线性基础设施(交通、通讯、电力、管线)",
     {"线性基础设施", "", ""}},
    {Category::flood_water_supply, "flood_water_supply", "防洪、供水设施", {"防洪供水设施", "", ""}},
    {Category::water_protection, "water_protection", "饮用水水源保护设施(隔离防护围栏、监测)",
     {"饮用水水源保护设施", "水源保护设施", ""}},
    {Category::geological_survey, "geological_survey", "地质调查与矿产勘查", {"地质调查", "矿产勘查", ""}},
    {Category::mining, "mining", "矿产开采", {"采矿", "", ""}},
    {Category::wind_power, "wind_power", "风电", {"风力发电", "", ""}},
    {Category::solar_power, "solar_power", "光伏", {"光伏发电", "", ""}},
    {Category::industry, "industry", "工业", {"", "", ""}},
    {Category::urban_development, "urban_development", "城镇建设(商贸、物流、住宅)", {"城镇建设", "", ""}},
    {Category::sewage_treatment, "sewage_treatment", "污水处理", {"污水处理厂", "", ""}},
    {Category::agriculture, "agriculture", "农业生产设施及高标准农田建设", {"农业生产设施", "高标准农田建设", ""}},
    {Category::national_major, "national_major", "国家重大项目(能源、交通、水利、军事)", {"国家重大项目", "", ""}},
    {Category::other, "other", "其他", {"", "", ""}},
}};

struct GradeName {
    ZoneGrade grade;
    std::string_view code;
    std::string_view name;
};

constexpr std::array<GradeName, 7> kGradeNames{{
    {ZoneGrade::primary, "primary", "一级保护区"},
    {ZoneGrade::secondary, "secondary", "二级保护区"},
    {ZoneGrade::quasi, "quasi", "准保护区"},
    {ZoneGrade::core, "core", "核心保护区"},
    {ZoneGrade::general, "general", "一般控制区"},
    {ZoneGrade::buffer, "buffer", "缓冲区"},
    {ZoneGrade::experimental, "experimental", "实验区"},
}};

/// Class values that name a grade, per kind (a value equal to or ending in one of them).
struct GradeValue {
    LayerKind kind;
    std::string_view value;
    ZoneGrade grade;
};

constexpr std::array<GradeValue, 13> kGradeValues{{
    {LayerKind::water_source, "一级保护区", ZoneGrade::primary},
    {LayerKind::water_source, "二级保护区", ZoneGrade::secondary},
    {LayerKind::water_source, "准保护区", ZoneGrade::quasi},
    {LayerKind::water_source, "一级", ZoneGrade::primary},
    {LayerKind::water_source, "二级", ZoneGrade::secondary},
    {LayerKind::nature_reserve, "核心保护区", ZoneGrade::core},
    {LayerKind::nature_reserve, "一般控制区", ZoneGrade::general},
    {LayerKind::nature_reserve, "核心区", ZoneGrade::core},
    {LayerKind::nature_reserve, "缓冲区", ZoneGrade::buffer},
    {LayerKind::nature_reserve, "实验区", ZoneGrade::experimental},
    {LayerKind::ecological_redline, "核心保护区", ZoneGrade::core},
    {LayerKind::ecological_redline, "一般控制区", ZoneGrade::general},
    {LayerKind::ecological_redline, "核心区", ZoneGrade::core},
}};

/// Trims ASCII and ideographic blanks and writes full-width brackets as ASCII ones.
std::string normalise(std::string_view s) {
    std::string out(s);
    auto replace_all = [&](std::string_view from, std::string_view to) {
        for (size_t at = out.find(from); at != std::string::npos; at = out.find(from, at + to.size())) {
            out.replace(at, from.size(), to);
        }
    };
    replace_all("（", "(");
    replace_all("）", ")");
    replace_all("\u3000", " ");
    const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!out.empty() && blank(out.back())) out.pop_back();
    size_t lead = 0;
    while (lead < out.size() && blank(out[lead])) ++lead;
    return out.substr(lead);
}

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

std::string_view to_string(Category c) {
    for (const auto& n : kCategoryNames) {
        if (n.category == c) return n.code;
    }
    return "other";
}

std::string_view to_chinese(Category c) {
    for (const auto& n : kCategoryNames) {
        if (n.category == c) return n.name;
    }
    return "其他";
}

std::optional<Category> find_category(std::string_view code_or_name) {
    const std::string v = normalise(code_or_name);
    if (v.empty()) return std::nullopt;
    for (const auto& n : kCategoryNames) {
        if (v == n.code || v == n.name) return n.category;
        // The name without its bracketed part: 线性基础设施(交通、...) -> 线性基础设施.
        const size_t bracket = n.name.find('(');
        if (bracket != std::string_view::npos && v == n.name.substr(0, bracket)) return n.category;
        for (const auto& a : n.aliases) {
            if (!a.empty() && v == a) return n.category;
        }
    }
    return std::nullopt;
}

std::string category_vocabulary() {
    std::string s;
    for (const auto& n : kCategoryNames) {
        s += (s.empty() ? "" : ", ") + std::string(n.code) + " (" + std::string(n.name) + ")";
    }
    return s;
}

Category parse_category(std::string_view code_or_name) {
    if (auto c = find_category(code_or_name)) return *c;
    throw InputError("unknown project category '" + std::string(code_or_name) +
                     "' (a code or its Chinese name: " + category_vocabulary() + ")");
}

std::string_view to_string(ZoneGrade g) {
    for (const auto& n : kGradeNames) {
        if (n.grade == g) return n.code;
    }
    return "general";
}

std::string_view to_chinese(ZoneGrade g) {
    for (const auto& n : kGradeNames) {
        if (n.grade == g) return n.name;
    }
    return "一般控制区";
}

std::vector<ZoneGrade> grades_of(LayerKind k) {
    switch (k) {
        case LayerKind::water_source: return {ZoneGrade::primary, ZoneGrade::secondary, ZoneGrade::quasi};
        case LayerKind::nature_reserve:
            return {ZoneGrade::core, ZoneGrade::general, ZoneGrade::buffer, ZoneGrade::experimental};
        case LayerKind::ecological_redline: return {ZoneGrade::core, ZoneGrade::general};
        default: return {};
    }
}

std::string grade_list(LayerKind k) {
    std::string s;
    for (const ZoneGrade g : grades_of(k)) s += (s.empty() ? "" : " | ") + std::string(to_string(g));
    return s.empty() ? "(none: " + std::string(to_string(k)) + " has no grades)" : s;
}

std::optional<ZoneGrade> find_grade(LayerKind k, std::string_view code) {
    for (const ZoneGrade g : grades_of(k)) {
        if (to_string(g) == code) return g;
    }
    return std::nullopt;
}

std::optional<ZoneGrade> recognise_grade(LayerKind k, std::string_view class_value) {
    const std::string v = normalise(class_value);
    if (v.empty()) return std::nullopt;
    if (auto g = find_grade(k, v)) return g;
    // The longest matching value wins: 核心保护区 before 保护区-like shorter endings.
    std::optional<ZoneGrade> best;
    size_t best_len = 0;
    for (const auto& gv : kGradeValues) {
        if (gv.kind != k || gv.value.size() <= best_len) continue;
        if (v == gv.value || ends_with(v, gv.value)) {
            best = gv.grade;
            best_len = gv.value.size();
        }
    }
    return best;
}

std::optional<ZoneGrade> grade_for(const LayerSpec& layer, const std::string& cls) {
    const auto it = layer.classes.find(cls);
    if (it != layer.classes.end() && !it->second.grade.empty()) return find_grade(layer.kind, it->second.grade);
    return recognise_grade(layer.kind, cls);
}

std::string_view to_string(RuleStatus s) {
    switch (s) {
        case RuleStatus::verified: return "verified";
        case RuleStatus::partial: return "partial";
        case RuleStatus::unverified: return "unverified";
        case RuleStatus::superseded: return "superseded";
    }
    return "unverified";
}

}  // namespace zoning
