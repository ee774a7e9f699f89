// The rule vocabulary (categories, grades), rule packs (loading, merging, lookup), the national
// pack's table cell by cell, `zoning rules` and `zoning rules --check` (issue #15).
#include "test_support.hpp"

#include <zoning/catalog.hpp>
#include <zoning/error.hpp>
#include <zoning/rules.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <map>

namespace zoning {
namespace {

const std::filesystem::path kRulesDir = std::filesystem::path(ZONING_SOURCE_DIR) / "rules";
const std::string kNational = (kRulesDir / "national.yaml").string();
const std::string kJiangxi = (kRulesDir / "examples" / "jiangxi.yaml").string();

// ---- vocabulary --------------------------------------------------------------------------------

TEST(RulesVocabulary, CategoriesParseFromCodeAndChineseName) {
    for (const Category c : kCategories) {
        EXPECT_EQ(parse_category(to_string(c)), c) << to_string(c);
        EXPECT_EQ(parse_category(to_chinese(c)), c) << to_chinese(c);
    }
    EXPECT_EQ(parse_category("风电"), Category::wind_power);
    EXPECT_EQ(parse_category(" 光伏 "), Category::solar_power);
    EXPECT_EQ(parse_category("线性基础设施"), Category::linear_infrastructure);
    EXPECT_EQ(parse_category("线性基础设施（交通、通讯、电力、管线）"), Category::linear_infrastructure);
    EXPECT_EQ(parse_category("国家重大项目"), Category::national_major);
    EXPECT_EQ(parse_category("管护巡护"), Category::patrol_research);
    EXPECT_EQ(to_string(Category::flood_water_supply), "flood_water_supply");
    EXPECT_EQ(to_chinese(Category::water_protection), "饮用水水源保护设施(隔离防护围栏、监测)");
    EXPECT_EQ(kCategories.size(), 17u);
}

TEST(RulesVocabulary, UnknownCategoryListsTheVocabulary) {
    try {
        (void)parse_category("windfarm");
        FAIL() << "no error";
    } catch (const InputError& e) {
        const std::string m = e.what();
        EXPECT_NE(m.find("unknown project category 'windfarm'"), std::string::npos) << m;
        EXPECT_NE(m.find("restoration (生态修复)"), std::string::npos) << m;
        EXPECT_NE(m.find("wind_power (风电)"), std::string::npos) << m;
        EXPECT_NE(m.find("other (其他)"), std::string::npos) << m;
    }
    EXPECT_FALSE(find_category(""));
    EXPECT_FALSE(find_category("风"));
}

TEST(RulesVocabulary, GradesAreRecognisedFromTheUsualClassValues) {
    using K = LayerKind;
    using G = ZoneGrade;
    const struct {
        K kind;
        const char* value;
        std::optional<G> grade;
    } cases[] = {
        {K::water_source, "一级保护区", G::primary},
        {K::water_source, "二级保护区", G::secondary},
        {K::water_source, "准保护区", G::quasi},
        {K::water_source, "地表水一级保护区", G::primary},
        {K::water_source, "quasi", G::quasi},
        {K::water_source, "核心区", std::nullopt},
        {K::water_source, "保护区", std::nullopt},
        {K::nature_reserve, "核心保护区", G::core},
        {K::nature_reserve, "一般控制区", G::general},
        {K::nature_reserve, "核心区", G::core},
        {K::nature_reserve, "缓冲区", G::buffer},
        {K::nature_reserve, "实验区", G::experimental},
        {K::nature_reserve, "一级保护区", std::nullopt},
        {K::ecological_redline, "核心保护区", G::core},
        {K::ecological_redline, "一般控制区", G::general},
        {K::ecological_redline, "primary", std::nullopt},
        {K::permanent_farmland, "一级保护区", std::nullopt},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(recognise_grade(c.kind, c.value), c.grade) << to_string(c.kind) << " " << c.value;
    }
    EXPECT_EQ(grade_list(K::water_source), "primary | secondary | quasi");
    EXPECT_EQ(grade_list(K::nature_reserve), "core | general | buffer | experimental");
    EXPECT_TRUE(grades_of(K::permanent_farmland).empty());
    EXPECT_EQ(to_chinese(G::quasi), "准保护区");
}

TEST(RulesVocabulary, CatalogClassesOverrideTheGrade) {
    const Catalog c = Catalog::parse(R"(name: t
rules: [national, province.yaml]
layers:
  - id: water
    kind: water_source
    source: water.geojson
    class_field: JB
    verdict: restricted
    classes:
      甲区: {grade: primary}
      乙区: {grade: quasi, verdict: caution}
      一级保护区: prohibited
)",
                                     "catalog.yaml");
    ASSERT_EQ(c.rules, (std::vector<std::string>{"national", "province.yaml"}));
    EXPECT_EQ(c.rules_line, 2);
    const LayerSpec& w = c.layers.at(0);
    EXPECT_EQ(grade_for(w, "甲区"), ZoneGrade::primary);
    EXPECT_EQ(w.verdict_for("甲区"), Verdict::restricted);  // grade only: the layer's verdict
    EXPECT_EQ(grade_for(w, "乙区"), ZoneGrade::quasi);
    EXPECT_EQ(w.verdict_for("乙区"), Verdict::caution);
    EXPECT_EQ(grade_for(w, "一级保护区"), ZoneGrade::primary);  // recognised from the value
    EXPECT_EQ(grade_for(w, "丙区"), std::nullopt);

    try {
        (void)Catalog::parse("layers:\n  - id: w\n    kind: water_source\n    source: w.shp\n    class_field: JB\n"
                             "    classes:\n      甲区: {grade: core}\n",
                             "cat.yaml");
        FAIL() << "no error";
    } catch (const CatalogError& e) {
        EXPECT_EQ(e.line(), 7);
        EXPECT_NE(std::string(e.what()).find("unknown grade 'core' for class '甲区' of a water_source layer "
                                             "(primary | secondary | quasi)"),
                  std::string::npos)
            << e.what();
    }
    EXPECT_THROW((void)Catalog::parse("rules: []\nlayers:\n  - {id: a, kind: other, source: a.shp}\n", "c.yaml"),
                 CatalogError);
}

// ---- the national pack ---------------------------------------------------------------------------

/// The verdict of every cell of the national pack, written by hand from the texts (docs/rules.md):
/// one letter per category in kCategories order — A allowed, C caution, R restricted,
/// P prohibited, L the layer's verdict (the texts are silent, unread or superseded).
/// Category order: restoration patrol resident tourism linear flood water_protection geological
/// mining wind solar industry urban sewage agriculture national_major other.
const std::map<std::pair<LayerKind, std::string>, std::string> kNationalMatrix{
    {{LayerKind::ecological_redline, "core"}, "LLLLLLLLLLLLLLLLL"},
    {{LayerKind::ecological_redline, "general"}, "RRRRRRRRPPPPPPLRL"},
    {{LayerKind::ecological_redline, "ungraded"}, "RRRRRRRRPPPPPPLRL"},
    {{LayerKind::nature_reserve, "core"}, "RRLLLLLLPPPPPLLLL"},
    {{LayerKind::nature_reserve, "general"}, "LLLLLLLLPPPPPLLLL"},
    {{LayerKind::nature_reserve, "buffer"}, "LLLLLLLLLLLLLLLLL"},
    {{LayerKind::nature_reserve, "experimental"}, "LLLLLLLLLLLLLLLLL"},
    {{LayerKind::nature_reserve, "ungraded"}, "LLLLLLLLLLLLLLLLL"},
    {{LayerKind::water_source, "primary"}, "RPPPPRAPPPPPPPPPP"},
    {{LayerKind::water_source, "secondary"}, "ARRRRRARPRRPRPRRR"},
    {{LayerKind::water_source, "quasi"}, "ACCCCCACRCCRCRCCC"},
    {{LayerKind::water_source, "ungraded"}, "LLLLLLLLLLLLLLLLL"},
    {{LayerKind::permanent_farmland, "ungraded"}, "LPPPRRPLPPPPPPLRL"},
};

char letter(const std::optional<RuleMatch>& m) {
    if (!m || !m->rule->verdict) return 'L';
    switch (*m->rule->verdict) {
        case Verdict::allowed: return 'A';
        case Verdict::caution: return 'C';
        case Verdict::restricted: return 'R';
        case Verdict::prohibited: return 'P';
        default: return '?';
    }
}

TEST(RulesNational, EveryCellHasTheVerdictTheTextsGive) {
    const RuleSet set = load_rule_packs({"national"}, ".");
    ASSERT_EQ(set.packs.size(), 1u);
    EXPECT_EQ(set.packs[0].name, "national");
    EXPECT_EQ(set.packs[0].version, "2026.12-2");
    const std::vector<RuleCell> cells = rule_table(set);
    std::map<std::pair<LayerKind, std::string>, std::string> got;
    for (const auto& c : cells) {
        ASSERT_TRUE(c.match) << "no rule: " << to_string(c.kind) << " " << to_string(c.category);
        got[{c.kind, c.grade ? std::string(to_string(*c.grade)) : "ungraded"}] += letter(c.match);
        const Rule& r = *c.match->rule;
        EXPECT_FALSE(r.basis.empty()) << r.id;
        if (r.verdict) {
            // A verdict is given only where a clause was read, and cites it.
            EXPECT_TRUE(r.status == RuleStatus::verified || r.status == RuleStatus::partial) << r.id;
            EXPECT_FALSE(r.sources.empty()) << r.id;
        }
        for (const auto& s : r.sources) EXPECT_NE(c.match->pack->source(s), nullptr) << r.id << " " << s;
    }
    EXPECT_EQ(cells.size(), kNationalMatrix.size() * kCategories.size());
    for (const auto& [key, row] : kNationalMatrix) {
        EXPECT_EQ(got[key], row) << to_string(key.first) << " " << key.second;
    }
}

TEST(RulesNational, CellsCiteTheirClause) {
    const RuleSet set = load_rule_packs({"national"}, ".");
    auto rule = [&](LayerKind k, std::optional<ZoneGrade> g, Category c) -> const Rule& {
        const auto m = set.find(k, g, c);
        EXPECT_TRUE(m);
        return *m->rule;
    };
    // A fire-patrol road in the red line: limited human activity, item 1 of 142号.
    const Rule& patrol = rule(LayerKind::ecological_redline, std::nullopt, Category::patrol_research);
    EXPECT_EQ(patrol.verdict, Verdict::restricted);
    EXPECT_EQ(patrol.basis, "自然资发〔2022〕142号 一(一)第1项");
    EXPECT_EQ(patrol.status, RuleStatus::verified);
    EXPECT_NE(patrol.procedure.find("认定意见"), std::string::npos);
    // A wind farm in the red line: development construction, forbidden.
    const Rule& wind = rule(LayerKind::ecological_redline, ZoneGrade::general, Category::wind_power);
    EXPECT_EQ(wind.verdict, Verdict::prohibited);
    EXPECT_EQ(wind.basis, "自然资发〔2022〕142号 一(一)");
    EXPECT_NE(wind.condition.find("禁止开发性、生产性建设活动"), std::string::npos);
    // The fence of a water source in 一级: related to source protection (§65 forbids the unrelated).
    const Rule& fence = rule(LayerKind::water_source, ZoneGrade::primary, Category::water_protection);
    EXPECT_EQ(fence.verdict, Verdict::allowed);
    EXPECT_NE(fence.basis.find("第六十五条第一款"), std::string::npos);
    // A sewage plant in 二级 discharges pollutants (§66); a road does not, restricted.
    EXPECT_EQ(rule(LayerKind::water_source, ZoneGrade::secondary, Category::sewage_treatment).verdict,
              Verdict::prohibited);
    const Rule& road = rule(LayerKind::water_source, ZoneGrade::secondary, Category::linear_infrastructure);
    EXPECT_EQ(road.verdict, Verdict::restricted);
    EXPECT_NE(road.condition.find("不排放污染物"), std::string::npos);
    // Permanent farmland: PV forbidden; national key projects only with State Council approval.
    const Rule& pv = rule(LayerKind::permanent_farmland, std::nullopt, Category::solar_power);
    EXPECT_EQ(pv.verdict, Verdict::prohibited);
    EXPECT_NE(pv.basis.find("《土地管理法》第三十五条第一款"), std::string::npos);
    const Rule& key = rule(LayerKind::permanent_farmland, std::nullopt, Category::national_major);
    EXPECT_EQ(key.verdict, Verdict::restricted);
    EXPECT_NE(key.procedure.find("必须经国务院批准"), std::string::npos);
    // The 2017 zoning of reserves is superseded: the layer's verdict, not the old article's.
    const Rule& buffer = rule(LayerKind::nature_reserve, ZoneGrade::buffer, Category::tourism);
    EXPECT_FALSE(buffer.verdict);
    EXPECT_EQ(buffer.status, RuleStatus::superseded);
    EXPECT_NE(buffer.basis.find("第二十八条"), std::string::npos);
    // Kinds the pack has no rule for.
    EXPECT_FALSE(set.find(LayerKind::urban_boundary, std::nullopt, Category::industry));
}

TEST(RulesNational, PassesItsOwnCheck) {
    const std::vector<RuleFinding> f = check_rule_pack(kNational);
    for (const auto& x : f) ADD_FAILURE() << x.file << ":" << x.line << ": " << x.message;
    EXPECT_TRUE(check_rule_pack(kJiangxi).empty());
}

// ---- merging -------------------------------------------------------------------------------------

TEST(RulesMerge, AProvincePackOverridesTheNationalOne) {
    const RuleSet set = load_rule_packs({"national", kJiangxi}, ".");
    ASSERT_EQ(set.packs.size(), 2u);
    const auto patrol = set.find(LayerKind::ecological_redline, std::nullopt, Category::patrol_research);
    ASSERT_TRUE(patrol);
    EXPECT_EQ(patrol->pack->name, "jiangxi");
    EXPECT_EQ(patrol->rule->id, "jx.redline.patrol");
    EXPECT_NE(patrol->rule->procedure.find("初步认定意见"), std::string::npos);
    EXPECT_TRUE(patrol->pack->example);
    // Not overridden: the national rule.
    const auto wind = set.find(LayerKind::ecological_redline, std::nullopt, Category::wind_power);
    ASSERT_TRUE(wind);
    EXPECT_EQ(wind->pack->name, "national");
    // A graded national rule (inside the 核心保护区) is not undone by the province's rule without
    // a grade; a 一般控制区 feature gets the province's.
    const auto core = set.find(LayerKind::ecological_redline, ZoneGrade::core, Category::tourism);
    ASSERT_TRUE(core);
    EXPECT_EQ(core->rule->id, "redline.core");
    const auto general = set.find(LayerKind::ecological_redline, ZoneGrade::general, Category::tourism);
    ASSERT_TRUE(general);
    EXPECT_EQ(general->rule->id, "jx.redline.tourism");
    // Reversed, national wins.
    const RuleSet rev = load_rule_packs({"national"}, ".");
    EXPECT_EQ(rev.find(LayerKind::ecological_redline, std::nullopt, Category::patrol_research)->pack->name, "national");
}

TEST(RulesMerge, AnOverridePackNeedsItsBaseFirst) {
    try {
        (void)load_rule_packs({kJiangxi}, ".");
        FAIL() << "no error";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("extends 'national': list that pack before it"), std::string::npos)
            << e.what();
    }
    EXPECT_THROW((void)load_rule_packs({"nosuchpack"}, "."), InputError);
}

// ---- --check -----------------------------------------------------------------------------------

constexpr const char* kBadPack = R"(pack: bad
version: "1"
sources:
  - id: wpl
    title: 水污染防治法
    date: 2017-06-27
    url: https://example.org/wpl
    status: verified
rules:
  - id: a
    kind: water_source
    grade: primary
    categories: [windpower]
    verdict: prohibited
    basis: x
    sources: [wpl]
    status: verified
  - id: b
    kind: water_sauce
    categories: all
    verdict: layer
    basis: x
    status: unverified
  - id: c
    kind: water_source
    grade: primary
    categories: [mining, industry]
    verdict: prohibited
    basis: 第六十五条
    sources: [wpl]
    status: verified
  - id: d
    kind: water_source
    grade: primary
    categories: [mining]
    verdict: prohibited
    basis: 第六十五条
    sources: [wpl]
    status: verified
  - id: e
    kind: water_source
    grade: secondary
    categories: all
    verdict: restricted
    basis: 第六十六条
    sources: [wpl]
    status: verified
  - id: f
    kind: water_source
    grade: secondary
    categories: rest
    verdict: layer
    basis: nothing left
    status: unverified
  - id: g
    kind: water_source
    grade: quasi
    categories: [industry]
    verdict: caution
    basis: 第六十七条
    status: unverified
  - id: h
    kind: water_source
    grade: quasi
    categories: [tourism]
    verdict: caution
    basis: 第六十七条
    sources: [nosuch]
    status: verified
  - id: i
    kind: nature_reserve
    grade: primary
    categories: [tourism]
    verdict: layer
    basis: x
    status: unverified
)";

TEST(RulesCheck, ListsEveryProblemWithItsLine) {
    test::TempDir dir;
    const auto file = dir / "bad.yaml";
    test::write_file(file, kBadPack);
    const test::CliResult r = test::zoning_cli({"rules", "--check", file.string()});
    EXPECT_EQ(r.code, 2) << r.err;
    const std::string f = file.string();
    for (const std::string& want : {
             f + ":13: rule 'a': unknown category 'windpower'",
             f + ":19: rule 'b': unknown kind 'water_sauce'",
             f + ":32: rule 'd' gives water_source/primary × mining again (rule 'c', line 24)",
             f + ":48: rule 'f' is unreachable: 'categories: rest' leaves no category",
             f + ":59: rule 'g' is unverified: its verdict must be 'layer'",
             f + ":68: rule 'h': unknown source 'nosuch'",
             f + ":72: rule 'i': unknown grade 'primary' for nature_reserve (core | general | buffer | experimental)",
             f + ":9: no rule for water_source × restoration (grades: primary, quasi, ungraded)",
         }) {
        EXPECT_NE(r.err.find(want), std::string::npos) << "missing: " << want << "\n" << r.err;
    }
    EXPECT_NE(r.err.find("problems in " + f), std::string::npos) << r.err;
    EXPECT_EQ(r.out, "");
}

TEST(RulesCheck, DuplicateKeysAndInvalidYamlAreFindings) {
    test::TempDir dir;
    const auto file = dir / "dup.yaml";
    test::write_file(file, "pack: x\nversion: 1\nversion: 2\nrules: []\n");
    const test::CliResult r = test::zoning_cli({"rules", "--check", file.string()});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find(file.string() + ":3: duplicate key 'version' (first at line 2)"), std::string::npos) << r.err;
    // The loader is as strict: the first problem is a CatalogError naming file:line.
    try {
        (void)RulePack::load(file);
        FAIL() << "no error";
    } catch (const CatalogError& e) {
        EXPECT_EQ(e.line(), 3);
    }
    test::write_file(file, "pack: x\nversion: 1\nrules: []\n");
    const test::CliResult empty = test::zoning_cli({"rules", "--check", file.string()});
    EXPECT_EQ(empty.code, 2);
    EXPECT_NE(empty.err.find(":3: 'rules' must be a non-empty list"), std::string::npos) << empty.err;
    const test::CliResult missing = test::zoning_cli({"rules", "--check", (dir / "none.yaml").string()});
    EXPECT_EQ(missing.code, 2);
    EXPECT_NE(missing.err.find("cannot open the rule pack"), std::string::npos) << missing.err;
}

TEST(RulesCheck, TheShippedPacksAreClean) {
    const test::CliResult r = test::zoning_cli({"rules", "--check", kNational});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out, kNational + ": ok\n");
    EXPECT_EQ(test::zoning_cli({"rules", "--check", kJiangxi}).code, 0);
}

// ---- zoning rules --------------------------------------------------------------------------------

TEST(RulesCli, JsonTableGivesVerdictAndClause) {
    const test::CliResult r = test::zoning_cli({"rules", "--kind", "water_source", "--format", "json"});
    ASSERT_EQ(r.code, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    ASSERT_EQ(j["packs"].size(), 1u);
    EXPECT_EQ(j["packs"][0]["name"], "national");
    EXPECT_EQ(j["cells"].size(), 4 * kCategories.size());
    bool seen = false;
    for (const auto& c : j["cells"]) {
        EXPECT_EQ(c["kind"], "water_source");
        if (c["grade"] == "primary" && c["category"] == "water_protection") {
            seen = true;
            EXPECT_EQ(c["verdict"], "allowed");
            EXPECT_EQ(c["category_name"], "饮用水水源保护设施(隔离防护围栏、监测)");
            EXPECT_EQ(c["rule"]["id"], "water.primary.protection");
            EXPECT_NE(c["rule"]["basis"].get<std::string>().find("第六十五条"), std::string::npos);
            EXPECT_EQ(c["rule"]["status"], "verified");
        }
        if (c["grade"].is_null()) {
            EXPECT_EQ(c["verdict"], "layer");
        }
    }
    EXPECT_TRUE(seen);
}

TEST(RulesCli, TextTableFiltersByCategoryInChinese) {
    const test::CliResult r = test::zoning_cli({"rules", "--category", "风电"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("national 2026.12-2  national.yaml"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("redline.development"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("禁止 prohibited"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("patrol_research  "), std::string::npos) << r.out;
    const test::CliResult bad = test::zoning_cli({"rules", "--category", "windfarm"});
    EXPECT_EQ(bad.code, 2);
    EXPECT_NE(bad.err.find("wind_power (风电)"), std::string::npos) << bad.err;
    const test::CliResult kind = test::zoning_cli({"rules", "--kind", "urban_boundary"});
    EXPECT_EQ(kind.code, 2);
    EXPECT_NE(kind.err.find("no rule for that kind"), std::string::npos) << kind.err;
}

TEST(RulesCli, TheCatalogsRulesAreLoadedRelativeToIt) {
    test::TempDir dir;
    test::write_file(dir / "catalog.yaml", "name: t\nrules: [national, " + kJiangxi +
                                               "]\nlayers:\n  - {id: a, kind: other, source: a.shp}\n");
    const test::CliResult r =
        test::zoning_cli({"rules", "--catalog", (dir / "catalog.yaml").string(), "--kind", "ecological_redline"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("jiangxi 2026.12-1  jiangxi.yaml  extends national  [示例 EXAMPLE"), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("jx.redline.patrol"), std::string::npos);
    test::write_file(dir / "none.yaml", "name: t\nlayers:\n  - {id: a, kind: other, source: a.shp}\n");
    const test::CliResult none = test::zoning_cli({"rules", "--catalog", (dir / "none.yaml").string()});
    EXPECT_EQ(none.code, 2);
    EXPECT_NE(none.err.find("names no rule packs"), std::string::npos) << none.err;
}

TEST(RulesCli, DocsShowTheTableAsPrinted) {
    // docs/rules.md embeds `zoning rules` between two markers: the lawyer's summary never rots.
    const std::string doc = test::read_file(std::filesystem::path(ZONING_SOURCE_DIR) / "docs" / "rules.md");
    const std::string begin = "<!-- zoning rules: begin -->\n```text\n";
    const std::string end = "```\n<!-- zoning rules: end -->";
    const size_t a = doc.find(begin);
    const size_t b = doc.find(end);
    ASSERT_NE(a, std::string::npos);
    ASSERT_NE(b, std::string::npos);
    const test::CliResult r = test::zoning_cli({"rules"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(doc.substr(a + begin.size(), b - a - begin.size()), r.out)
        << "regenerate: build/bin/zoning rules, between the markers of docs/rules.md";
}

}  // namespace
}  // namespace zoning
