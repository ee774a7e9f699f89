// The rule packs decide the verdicts (issue #15): every (zone kind, grade, category) cell of
// rules/national.yaml screened on a hand-checkable footprint (tests/data/rules: one 1 km square
// zone per grade, every layer's own verdict `caution`, a 100 m footprint in each), with the
// expected verdict and rule id of each cell written out here, not read from the pack; then the
// 江西 pack over it, and the options and outputs.
#include <zoning/rules.hpp>

#include "test_support.hpp"

#include <nlohmann/json.hpp>

#include <map>

namespace zoning {
namespace {

const std::string kCatalog = test::data("rules/catalog.yaml").string();
const std::string kJiangxi = test::data("rules/catalog-jiangxi.yaml").string();
const std::string kFootprints = test::data("rules/footprints.geojson").string();

/// The zones of the test catalog, in the order of its footprints.
const std::vector<std::string> kZones = {
    "redline.core",   "redline.general",      "redline.ungraded", "reserve.core",  "reserve.general",
    "reserve.buffer", "reserve.experimental", "reserve.ungraded", "water.primary", "water.secondary",
    "water.quasi",    "water.ungraded",       "farmland"};

/// Expected cell: verdict letter (A allowed, C caution, R restricted, P prohibited; L: the layer's
/// verdict, caution in the test catalog, with the rule saying so) and the rule id.
struct Cell {
    char verdict;
    const char* rule;
};

// The national pack, one line per category (kCategories order), one cell per zone (kZones order).
// Read from the texts (docs/rules.md): 142号 一(一) lists the limited activities of the red line
// outside a 核心保护区 (restricted) and forbids development (prohibited); 《自然保护区条例》(2026)
// 第二十六条 permits patrol, monitoring and restoration in the 核心保护区; 《水污染防治法》 第六十五条
// (一级: nothing unrelated to water supply and source protection; restoration only as source
// protection), 第六十六条 (二级: nothing that discharges pollutants — a sewage plant, a mine, an
// industrial plant), 第六十七条 (准: no seriously polluting project); 《土地管理法》第三十五条
// (permanent farmland: only unavoidable national key projects, with State Council approval).
// One category per entry, its cells in kZones order.
// clang-format off
const std::map<Category, std::vector<Cell>> kNational = {
    {Category::restoration,
     {{'L', "redline.core"}, {'R', "redline.restoration"}, {'R', "redline.restoration"},
      {'R', "reserve.core.permitted"}, {'L', "reserve.general.rest"}, {'L', "reserve.buffer"},
      {'L', "reserve.experimental"}, {'L', "reserve.ungraded"}, {'R', "water.primary.restoration"},
      {'A', "water.secondary.clean"}, {'A', "water.quasi.clean"}, {'L', "water.ungraded"}, {'L', "farmland.rest"}}},
    {Category::patrol_research,
     {{'L', "redline.core"}, {'R', "redline.patrol"}, {'R', "redline.patrol"}, {'R', "reserve.core.permitted"},
      {'L', "reserve.general.rest"}, {'L', "reserve.buffer"}, {'L', "reserve.experimental"},
      {'L', "reserve.ungraded"}, {'P', "water.primary.unrelated"}, {'R', "water.secondary.rest"},
      {'C', "water.quasi.rest"}, {'L', "water.ungraded"}, {'P', "farmland.occupation"}}},
    {Category::resident_facility,
     {{'L', "redline.core"}, {'R', "redline.resident"}, {'R', "redline.resident"}, {'L', "reserve.core.rest"},
      {'L', "reserve.general.rest"}, {'L', "reserve.buffer"}, {'L', "reserve.experimental"},
      {'L', "reserve.ungraded"}, {'P', "water.primary.unrelated"}, {'R', "water.secondary.rest"},
      {'C', "water.quasi.rest"}, {'L', "water.ungraded"}, {'P', "farmland.building"}}},
    {Category::tourism,
     {{'L', "redline.core"}, {'R', "redline.tourism"}, {'R', "redline.tourism"}, {'L', "reserve.core.rest"},
      {'L', "reserve.general.rest"}, {'L', "reserve.buffer"}, {'L', "reserve.experimental"},
      {'L', "reserve.ungraded"}, {'P', "water.primary.tourism"}, {'R', "water.secondary.tourism"},
      {'C', "water.quasi.rest"}, {'L', "water.ungraded"}, {'P', "farmland.occupation"}}},
    {Category::linear_infrastructure,
     {{'L', "redline.core"}, {'R', "redline.linear"}, {'R', "redline.linear"}, {'L', "reserve.core.rest"},
      {'L', "reserve.general.rest"}, {'L', "reserve.buffer"}, {'L', "reserve.experimental"},
      {'L', "reserve.ungraded"}, {'P', "water.primary.unrelated"}, {'R', "water.secondary.rest"},
      {'C', "water.quasi.rest"}, {'L', "water.ungraded"}, {'R', "farmland.infrastructure"}}},
    {Category::flood_water_supply,
     {{'L', "redline.core"}, {'R', "redline.linear"}, {'R', "redline.linear"}, {'L', "reserve.core.rest"},
      {'L', "reserve.general.rest"}, {'L', "reserve.buffer"}, {'L', "reserve.experimental"},
      {'L', "reserve.ungraded"}, {'R', "water.primary.supply"}, {'R', "water.secondary.rest"},
      {'C', "water.quasi.rest"}, {'L', "water.ungraded"}, {'R', "farmland.infrastructure"}}},
    {Category::water_protection,
     {{'L', "redline.core"}, {'R', "redline.water_protection"}, {'R', "redline.water_protection"},
      {'L', "reserve.core.rest"}, {'L', "reserve.general.rest"}, {'L', "reserve.buffer"},
      {'L', "reserve.experimental"}, {'L', "reserve.ungraded"}, {'A', "water.primary.protection"},
      {'A', "water.secondary.clean"}, {'A', "water.quasi.clean"}, {'L', "water.ungraded"},
      {'P', "farmland.occupation"}}},
    {Category::geological_survey,
     {{'L', "redline.core"}, {'R', "redline.geological_survey"}, {'R', "redline.geological_survey"},
      {'L', "reserve.core.rest"}, {'L', "reserve.general.rest"}, {'L', "reserve.buffer"},
      {'L', "reserve.experimental"}, {'L', "reserve.ungraded"}, {'P', "water.primary.unrelated"},
      {'R', "water.secondary.rest"}, {'C', "water.quasi.rest"}, {'L', "water.ungraded"}, {'L', "farmland.rest"}}},
    {Category::mining,
     {{'L', "redline.core"}, {'P', "redline.mining"}, {'P', "redline.mining"}, {'P', "reserve.core.development"},
      {'P', "reserve.general.development"}, {'L', "reserve.buffer"}, {'L', "reserve.experimental"},
      {'L', "reserve.ungraded"}, {'P', "water.primary.unrelated"}, {'P', "water.secondary.polluting"},
      {'R', "water.quasi.polluting"}, {'L', "water.ungraded"}, {'P', "farmland.mining"}}},
    {Category::wind_power,
     {{'L', "redline.core"}, {'P', "redline.development"}, {'P', "redline.development"},
      {'P', "reserve.core.development"}, {'P', "reserve.general.development"}, {'L', "reserve.buffer"},
      {'L', "reserve.experimental"}, {'L', "reserve.ungraded"}, {'P', "water.primary.unrelated"},
      {'R', "water.secondary.rest"}, {'C', "water.quasi.rest"}, {'L', "water.ungraded"},
      {'P', "farmland.occupation"}}},
    {Category::solar_power,
     {{'L', "redline.core"}, {'P', "redline.development"}, {'P', "redline.development"},
      {'P', "reserve.core.development"}, {'P', "reserve.general.development"}, {'L', "reserve.buffer"},
      {'L', "reserve.experimental"}, {'L', "reserve.ungraded"}, {'P', "water.primary.unrelated"},
      {'R', "water.secondary.rest"}, {'C', "water.quasi.rest"}, {'L', "water.ungraded"},
      {'P', "farmland.occupation"}}},
    {Category::industry,
     {{'L', "redline.core"}, {'P', "redline.development"}, {'P', "redline.development"},
      {'P', "reserve.core.development"}, {'P', "reserve.general.development"}, {'L', "reserve.buffer"},
      {'L', "reserve.experimental"}, {'L', "reserve.ungraded"}, {'P', "water.primary.unrelated"},
      {'P', "water.secondary.polluting"}, {'R', "water.quasi.polluting"}, {'L', "water.ungraded"},
      {'P', "farmland.occupation"}}},
    {Category::urban_development,
     {{'L', "redline.core"}, {'P', "redline.development"}, {'P', "redline.development"},
      {'P', "reserve.core.development"}, {'P', "reserve.general.development"}, {'L', "reserve.buffer"},
      {'L', "reserve.experimental"}, {'L', "reserve.ungraded"}, {'P', "water.primary.unrelated"},
      {'R', "water.secondary.rest"}, {'C', "water.quasi.rest"}, {'L', "water.ungraded"},
      {'P', "farmland.building"}}},
    {Category::sewage_treatment,
     {{'L', "redline.core"}, {'P', "redline.development"}, {'P', "redline.development"},
      {'L', "reserve.core.rest"}, {'L', "reserve.general.rest"}, {'L', "reserve.buffer"},
      {'L', "reserve.experimental"}, {'L', "reserve.ungraded"}, {'P', "water.primary.unrelated"},
      {'P', "water.secondary.discharge"}, {'R', "water.quasi.polluting"}, {'L', "water.ungraded"},
      {'P', "farmland.occupation"}}},
    {Category::agriculture,
     {{'L', "redline.core"}, {'L', "redline.rest"}, {'L', "redline.rest"}, {'L', "reserve.core.rest"},
      {'L', "reserve.general.rest"}, {'L', "reserve.buffer"}, {'L', "reserve.experimental"},
      {'L', "reserve.ungraded"}, {'P', "water.primary.unrelated"}, {'R', "water.secondary.rest"},
      {'C', "water.quasi.rest"}, {'L', "water.ungraded"}, {'L', "farmland.rest"}}},
    {Category::national_major,
     {{'L', "redline.core"}, {'R', "redline.national_major"}, {'R', "redline.national_major"},
      {'L', "reserve.core.rest"}, {'L', "reserve.general.rest"}, {'L', "reserve.buffer"},
      {'L', "reserve.experimental"}, {'L', "reserve.ungraded"}, {'P', "water.primary.unrelated"},
      {'R', "water.secondary.rest"}, {'C', "water.quasi.rest"}, {'L', "water.ungraded"},
      {'R', "farmland.national_major"}}},
    {Category::other,
     {{'L', "redline.core"}, {'L', "redline.rest"}, {'L', "redline.rest"}, {'L', "reserve.core.rest"},
      {'L', "reserve.general.rest"}, {'L', "reserve.buffer"}, {'L', "reserve.experimental"},
      {'L', "reserve.ungraded"}, {'P', "water.primary.unrelated"}, {'R', "water.secondary.rest"},
      {'C', "water.quasi.rest"}, {'L', "water.ungraded"}, {'L', "farmland.rest"}}},
};
// clang-format on

std::string verdict_of(char letter) {
    switch (letter) {
        case 'A': return "allowed";
        case 'C': return "caution";
        case 'R': return "restricted";
        case 'P': return "prohibited";
        default: return "caution";  // L: the test catalog's layer verdict
    }
}

/// Screens the footprints of the test catalog with `--category CODE`: the JSON report.
nlohmann::json screen(const std::string& catalog, Category c) {
    const auto r = test::zoning_cli({"screen", "-c", catalog, kFootprints, "--id-field", "ID", "--category",
                                     std::string(to_string(c)), "-f", "json"});
    EXPECT_EQ(r.code, 0) << r.err;
    return nlohmann::json::parse(r.out);
}

/// The one zone conflict of each footprint (the admin layer left out).
const nlohmann::json& zone_conflict(const nlohmann::json& fp) {
    for (const auto& c : fp["conflicts"]) {
        if (c["kind"] != "admin") return c;
    }
    static const nlohmann::json none;
    ADD_FAILURE() << "footprint " << fp["id"] << ": no zone conflict";
    return none;
}

void check_cells(const nlohmann::json& report, Category cat, const std::vector<Cell>& cells) {
    ASSERT_EQ(report["footprints"].size(), kZones.size());
    ASSERT_EQ(cells.size(), kZones.size());
    for (size_t i = 0; i < kZones.size(); ++i) {
        const auto& fp = report["footprints"][i];
        const std::string where = kZones[i] + " × " + std::string(to_string(cat));
        ASSERT_EQ(fp["id"], kZones[i]);
        EXPECT_EQ(fp["category"], std::string(to_string(cat))) << where;
        const auto& c = zone_conflict(fp);
        EXPECT_EQ(c["verdict"], verdict_of(cells[i].verdict)) << where;
        EXPECT_EQ(c["rule"]["id"], cells[i].rule) << where;
        EXPECT_EQ(c["rule"]["layer_verdict"], cells[i].verdict == 'L') << where;
        // The footprint's verdict is its worst row (the admin layer is allowed).
        EXPECT_EQ(fp["verdict"], verdict_of(cells[i].verdict)) << where;
        if (c.contains("classes")) {
            ASSERT_EQ(c["classes"].size(), 1u) << where;
            EXPECT_EQ(c["classes"][0]["verdict"], c["verdict"]) << where;
            EXPECT_EQ(c["classes"][0]["rule"], c["rule"]) << where;
            EXPECT_EQ(c["classes"][0]["features"][0]["verdict"], c["verdict"]) << where;
        }
    }
}

TEST(RuleVerdicts, EveryCellOfTheNationalPack) {
    ASSERT_EQ(kNational.size(), kCategories.size());
    for (const Category cat : kCategories) {
        SCOPED_TRACE(std::string(to_string(cat)));
        check_cells(screen(kCatalog, cat), cat, kNational.at(cat));
    }
}

TEST(RuleVerdicts, TheJiangxiPackOverridesTheRedLineProcedure) {
    // 江西's rule for patrol and water protection replaces the national one outside a 核心保护区
    // (same verdict, its two-stage 认定 as procedure); the national rule written for the 核心保护区
    // stays (a later pack's ungraded rule does not undo an earlier graded one).
    std::vector<Cell> cells = kNational.at(Category::water_protection);
    cells[1] = cells[2] = {'R', "jx.redline.patrol"};
    const nlohmann::json report = screen(kJiangxi, Category::water_protection);
    check_cells(report, Category::water_protection, cells);
    const auto& general = zone_conflict(report["footprints"][1]);
    EXPECT_EQ(general["rule"]["pack"], "jiangxi");
    EXPECT_NE(general["rule"]["procedure"].get<std::string>().find("初步认定意见"), std::string::npos);
    EXPECT_EQ(zone_conflict(report["footprints"][0])["rule"]["pack"], "national");
    ASSERT_EQ(report["rules"].size(), 2u);
    EXPECT_EQ(report["rules"][0]["pack"], "national");
    EXPECT_EQ(report["rules"][1]["pack"], "jiangxi");
}

// ---- the category of a footprint -------------------------------------------------------------

const std::string kCategorised = test::data("rules/categorised.geojson").string();

TEST(RuleVerdicts, CategoryFieldTakesCodesAndChineseNamesAndEmptyTakesTheFallback) {
    // redline.general: patrol_research (code); water.secondary: 污水处理 (name); water.primary: empty.
    const auto r = test::zoning_cli({"screen", "-c", kCatalog, kCategorised, "--id-field", "ID", "--category-field",
                                     "LB", "--category", "water_protection", "-f", "json"});
    ASSERT_EQ(r.code, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    ASSERT_EQ(j["footprints"].size(), 3u);
    EXPECT_EQ(j["footprints"][0]["category"], "patrol_research");
    EXPECT_EQ(j["footprints"][0]["category_name"], "管护巡护、保护执法、科研监测、防灾减灾、国防");
    EXPECT_EQ(zone_conflict(j["footprints"][0])["rule"]["id"], "redline.patrol");
    EXPECT_EQ(j["footprints"][0]["verdict"], "restricted");
    EXPECT_EQ(j["footprints"][1]["category"], "sewage_treatment");
    EXPECT_EQ(zone_conflict(j["footprints"][1])["rule"]["id"], "water.secondary.discharge");
    EXPECT_EQ(j["footprints"][1]["verdict"], "prohibited");
    EXPECT_EQ(j["footprints"][2]["category"], "water_protection");  // empty: --category
    EXPECT_EQ(zone_conflict(j["footprints"][2])["rule"]["id"], "water.primary.protection");
    EXPECT_EQ(j["footprints"][2]["verdict"], "allowed");
    EXPECT_EQ(j["verdict"], "prohibited");
}

TEST(RuleVerdicts, UnknownOrMissingCategoryIsExit2NamingTheFootprint) {
    const auto bad = test::zoning_cli({"screen", "-c", kCatalog, test::data("rules/bad-category.geojson").string(),
                                       "--id-field", "ID", "--category-field", "LB"});
    EXPECT_EQ(bad.code, 2);
    EXPECT_NE(bad.err.find("footprint redline.general: --category-field LB: '风车' is not a project category"),
              std::string::npos)
        << bad.err;
    EXPECT_NE(bad.err.find("bad-category.geojson"), std::string::npos) << bad.err;
    EXPECT_NE(bad.err.find("wind_power (风电)"), std::string::npos) << bad.err;  // the vocabulary
    const auto empty =
        test::zoning_cli({"screen", "-c", kCatalog, kCategorised, "--id-field", "ID", "--category-field", "LB"});
    EXPECT_EQ(empty.code, 2);
    EXPECT_NE(empty.err.find("footprint water.primary: --category-field LB is empty"), std::string::npos) << empty.err;
    const auto option = test::zoning_cli({"screen", "-c", kCatalog, kFootprints, "--category", "风车"});
    EXPECT_EQ(option.code, 2);
    EXPECT_NE(option.err.find("--category: unknown project category '风车'"), std::string::npos) << option.err;
    const auto field = test::zoning_cli({"screen", "-c", kCatalog, kFootprints, "--category-field", "NONE"});
    EXPECT_EQ(field.code, 2);
    EXPECT_NE(field.err.find("--category-field 'NONE' is not a field"), std::string::npos) << field.err;
    // In Chinese, as the user sees it.
    const auto zh = test::zoning_cli({"screen", "-c", kCatalog, test::data("rules/bad-category.geojson").string(),
                                      "--id-field", "ID", "--category-field", "LB"},
                                     Lang::zh);
    EXPECT_NE(zh.err.find("'风车' 不是项目类别"), std::string::npos) << zh.err;
}

TEST(RuleVerdicts, TheCatalogsDefaultCategory) {
    const auto r = test::zoning_cli({"screen", "-c", test::data("rules/catalog-default.yaml").string(), kFootprints,
                                     "--id-field", "ID", "-f", "json"});
    ASSERT_EQ(r.code, 0) << r.err;
    check_cells(nlohmann::json::parse(r.out), Category::water_protection, kNational.at(Category::water_protection));
    // --category wins over it.
    const auto w = test::zoning_cli({"screen", "-c", test::data("rules/catalog-default.yaml").string(), kFootprints,
                                     "--id-field", "ID", "--category", "wind_power", "-f", "json"});
    ASSERT_EQ(w.code, 0) << w.err;
    check_cells(nlohmann::json::parse(w.out), Category::wind_power, kNational.at(Category::wind_power));
    // An unknown default is a catalog error with its line.
    test::TempDir tmp;
    test::write_file(tmp / "c.yaml",
                     "name: x\ndefault_category: 风车\nlayers:\n  - {id: a, kind: admin, source: a.shp}\n");
    const auto bad = test::zoning_cli({"rules", "--catalog", (tmp / "c.yaml").string()});
    EXPECT_EQ(bad.code, 2);
    EXPECT_NE(bad.err.find("c.yaml:2: default_category: unknown project category '风车'"), std::string::npos)
        << bad.err;
}

TEST(RuleVerdicts, NoCategoryNoRule) {
    const auto r = test::zoning_cli({"screen", "-c", kCatalog, kFootprints, "--id-field", "ID", "-f", "json"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out.find("\"rule\""), std::string::npos);
    EXPECT_EQ(r.out.find("\"category\""), std::string::npos);
    EXPECT_EQ(r.out.find("\"rules\""), std::string::npos);
    const auto csv = test::zoning_cli({"screen", "-c", kCatalog, kFootprints, "--id-field", "ID", "-f", "csv"});
    EXPECT_EQ(csv.out.find("rule_id"), std::string::npos);
}

// ---- the outputs ---------------------------------------------------------------------------------

TEST(RuleVerdicts, TextCsvAndSummaryNameTheRule) {
    const std::vector<std::string> base = {
        "screen",           "-c", kCatalog,     kCategorised,      "--id-field", "ID",
        "--category-field", "LB", "--category", "water_protection"};
    auto with = [&](std::vector<std::string> extra) {
        std::vector<std::string> a = base;
        a.insert(a.end(), extra.begin(), extra.end());
        return test::zoning_cli(a);
    };
    const auto text = with({});
    ASSERT_EQ(text.code, 0) << text.err;
    EXPECT_NE(text.out.find("类别: 管护巡护、保护执法、科研监测、防灾减灾、国防 (patrol_research)"), std::string::npos)
        << text.out;
    EXPECT_NE(text.out.find("  依据: 自然资发〔2022〕142号 一(一)第1项 — 限制：有限人为活动；"), std::string::npos)
        << text.out;
    EXPECT_NE(text.out.find("[redline.patrol]"), std::string::npos) << text.out;
    // The reason names the basis; an allowed row a rule decided is an item too.
    EXPECT_NE(text.out.find("，限制（自然资发〔2022〕142号 一(一)第1项）"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("，允许（《水污染防治法》第六十五条第一款）"), std::string::npos) << text.out;
    const auto en = with({"--lang", "en", "-f", "json"});
    const auto j = nlohmann::json::parse(en.out);
    EXPECT_NE(j["footprints"][0]["summary"].get<std::string>().find("restricted (自然资发〔2022〕142号 一(一)第1项)"),
              std::string::npos)
        << j["footprints"][0]["summary"];
    const auto csv = with({"-f", "csv"});
    ASSERT_EQ(csv.code, 0) << csv.err;
    const std::string header = csv.out.substr(0, csv.out.find("\r\n"));
    EXPECT_NE(header.find(",not_screened,category,rule_id,rule_basis,rule_procedure"), std::string::npos) << header;
    EXPECT_NE(csv.out.find(",sewage_treatment,water.secondary.discharge,"), std::string::npos) << csv.out;
    // The admin layer's row: no rule applies.
    EXPECT_NE(csv.out.find(",patrol_research,,无适用条款：沿用图层结论,\r\n"), std::string::npos) << csv.out;
}

// ---- the example projects ------------------------------------------------------------------------

/// Screens an example project with its own categories (the `category` field).
nlohmann::json screen_example(const std::string& file) {
    const std::filesystem::path root = ZONING_SOURCE_DIR;
    const auto r = test::zoning_cli({"screen", "-c", (root / "shapefiles/yunzhou/catalog.yaml").string(),
                                     (root / "examples/projects" / file).string(), "--id-field", "XMBH",
                                     "--width-field", "KD", "--category-field", "category", "-f", "json"});
    EXPECT_EQ(r.code, 0) << r.err;
    return nlohmann::json::parse(r.out);
}

const nlohmann::json& footprint(const nlohmann::json& report, const std::string& id) {
    for (const auto& f : report["footprints"]) {
        if (f["id"] == id) return f;
    }
    static const nlohmann::json none;
    ADD_FAILURE() << "no footprint " << id;
    return none;
}

const nlohmann::json& layer_row(const nlohmann::json& fp, const std::string& layer) {
    for (const auto& c : fp["conflicts"]) {
        if (c["layer"] == layer) return c;
    }
    static const nlohmann::json none;
    ADD_FAILURE() << "footprint " << fp["id"] << ": no conflict with " << layer;
    return none;
}

const nlohmann::json& class_row(const nlohmann::json& conflict, const std::string& cls) {
    for (const auto& k : conflict["classes"]) {
        if (k["class"] == cls) return k;
    }
    static const nlohmann::json none;
    ADD_FAILURE() << "no class row " << cls;
    return none;
}

TEST(RuleVerdicts, TheExampleProjectsByTheirCategories) {
    // The wind farm: turbine T07 and road R09 stand in the red line (142号 一(一): development
    // forbidden) and in a 二级保护区 (《水污染防治法》第六十六条: restricted, forbidden only if it discharges).
    const auto wind = screen_example("jijiazhuang_wind.geojson");
    for (const char* id : {"T07", "R09"}) {
        const auto& f = footprint(wind, id);
        EXPECT_EQ(f["category"], "wind_power");
        EXPECT_EQ(f["verdict"], "prohibited") << id;
        EXPECT_EQ(layer_row(f, "redline")["rule"]["id"], "redline.development") << id;
        EXPECT_EQ(layer_row(f, "redline")["rule"]["basis"], "自然资发〔2022〕142号 一(一)") << id;
        EXPECT_EQ(class_row(layer_row(f, "water"), "二级保护区")["rule"]["id"], "water.secondary.rest") << id;
        EXPECT_EQ(class_row(layer_row(f, "water"), "二级保护区")["verdict"], "restricted") << id;
    }
    EXPECT_EQ(footprint(wind, "T01")["verdict"], "allowed");
    // The PV plant on permanent farmland: not a national key project (《土地管理法》第三十五条): prohibited
    // (the catalog's verdict was restricted).
    const auto pv_report = screen_example("datang_pv_100mw.geojson");
    const auto& pv = footprint(pv_report, "GF01");
    EXPECT_EQ(pv["verdict"], "prohibited");
    EXPECT_EQ(layer_row(pv, "farmland")["rule"]["id"], "farmland.occupation");
    EXPECT_EQ(layer_row(pv, "farmland")["rule"]["basis"], "《土地管理法》第三十五条第一款");
    // The sewage plant lies in the urban boundary, in no zone a pack covers: allowed, the layers'
    // verdicts, and the rows say no rule applies.
    const auto plant_report = screen_example("sewage_plant_relocation.geojson");
    const auto& plant = footprint(plant_report, "WS01");
    EXPECT_EQ(plant["verdict"], "allowed");
    EXPECT_EQ(layer_row(plant, "urban")["rule"]["id"], nullptr);
    EXPECT_EQ(layer_row(plant, "urban")["rule"]["basis"], "无适用条款：沿用图层结论");
    // The fences, 5 m outside each 一级保护区, are in the 二级: a source-protection work discharges
    // nothing (第六十六条): allowed there; the 优先保护单元 (三线一单, no rule) keeps its caution.
    const auto fences = screen_example("water_source_fences.geojson");
    for (const char* id : {"WL01", "WL02", "WL03"}) {
        const auto& f = footprint(fences, id);
        const auto& second = class_row(layer_row(f, "water"), "二级保护区");
        EXPECT_EQ(second["verdict"], "allowed") << id;
        EXPECT_EQ(second["rule"]["id"], "water.secondary.clean") << id;
        EXPECT_EQ(f["verdict"], "caution") << id;  // was restricted
    }
    // The 东山 tourist road crosses a 一级保护区: tourism is forbidden there (第六十五条第二款).
    const auto road_report = screen_example("dongshan_tourist_road.geojson");
    const auto& road = footprint(road_report, "LY01");
    EXPECT_EQ(road["verdict"], "prohibited");
    EXPECT_EQ(class_row(layer_row(road, "water"), "一级保护区")["rule"]["id"], "water.primary.tourism");
    EXPECT_EQ(class_row(layer_row(road, "water"), "二级保护区")["rule"]["id"], "water.secondary.tourism");
    EXPECT_EQ(class_row(layer_row(road, "water"), "准保护区")["rule"]["id"], "water.quasi.rest");
    // 坊城河: flood works in a 准保护区 (第六十七条): caution.
    const auto channel_report = screen_example("fangchenghe_channel.geojson");
    const auto& channel = footprint(channel_report, "HD01");
    EXPECT_EQ(channel["verdict"], "caution");
    EXPECT_EQ(class_row(layer_row(channel, "water"), "准保护区")["rule"]["id"], "water.quasi.rest");
    // The fire roads and towers (150 m or more outside the red line) and the sewers touch no zone a
    // pack covers: allowed, as before.
    const auto fire = screen_example("forest_fire_roads.geojson");
    for (const auto& f : fire["footprints"]) {
        EXPECT_EQ(f["category"], "patrol_research");
        EXPECT_EQ(f["verdict"], "allowed") << f["id"];
    }
    const auto sewers = screen_example("xiping_sewers.geojson");
    for (const auto& f : sewers["footprints"]) {
        EXPECT_EQ(f["category"], "linear_infrastructure");
        EXPECT_EQ(f["verdict"], "allowed") << f["id"];
    }
}

}  // namespace
}  // namespace zoning
