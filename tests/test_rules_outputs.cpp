// The rule in the GIS outputs (issue #15): `screen -o` GeoPackage, shapefile and KML, and
// `--csv-features`, read back (OGR for the vector files) on the hand-checkable footprints of
// tests/data/rules (100 m squares, 10,000 m² each, in 1 km zones): with categories every conflict
// part carries category, rule_id, rule_basis and rule_proc; without, the files have the fields
// they always had.
#include "test_support.hpp"
#include "test_vector.hpp"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

namespace zoning {
namespace {

const std::string kCatalog = test::data("rules/catalog.yaml").string();
const std::string kJiangxi = test::data("rules/catalog-jiangxi.yaml").string();
const std::string kFootprints = test::data("rules/footprints.geojson").string();
const std::string kCategorised = test::data("rules/categorised.geojson").string();

// redline.general: patrol_research (142号 一(一)第1项, restricted); water.secondary: 污水处理
// (第六十六条, prohibited); water.primary: empty, so --category water_protection (第六十五条,
// allowed).
test::CliResult screen_categorised(const std::vector<std::string>& extra) {
    std::vector<std::string> a = {"screen", "-c", kCatalog, kCategorised, "--id-field", "ID", "--category-field",
                                  "LB", "--category", "water_protection", "-f", "json"};
    a.insert(a.end(), extra.begin(), extra.end());
    return test::zoning_cli(a);
}

/// The procedure of a rule, as the JSON report gives it (the pack's text).
std::string json_procedure(const std::string& json, const std::string& fp, const std::string& layer) {
    const nlohmann::json report = nlohmann::json::parse(json);  // kept alive: the loop reads into it
    for (const auto& f : report["footprints"]) {
        if (f["id"] != fp) continue;
        for (const auto& c : f["conflicts"]) {
            if (c["layer"] == layer) return c["rule"]["procedure"].get<std::string>();
        }
    }
    ADD_FAILURE() << "no conflict " << fp << " × " << layer;
    return {};
}

/// Rows of the conflicts layer by "fp_id/layer".
std::map<std::string, std::map<std::string, std::string>> conflict_rows(const std::string& path) {
    GeosContext ctx;
    std::map<std::string, std::map<std::string, std::string>> out;
    for (auto& r : test::read_rows(ctx, path)) out[r.fields["fp_id"] + "/" + r.fields["layer"]] = r.fields;
    return out;
}

void expect_rule_fields(const std::map<std::string, std::map<std::string, std::string>>& rows,
                        const std::string& procedure, const std::string& where) {
    SCOPED_TRACE(where);
    ASSERT_EQ(rows.count("redline.general/redline"), 1u);
    const auto& patrol = rows.at("redline.general/redline");
    EXPECT_EQ(patrol.at("verdict"), "restricted");
    EXPECT_EQ(patrol.at("category"), "patrol_research");
    EXPECT_EQ(patrol.at("rule_id"), "redline.patrol");
    EXPECT_EQ(patrol.at("rule_basis"), "自然资发〔2022〕142号 一(一)第1项");
    EXPECT_EQ(patrol.at("rule_proc"), procedure);
    EXPECT_NEAR(std::stod(patrol.at("area_m2")), 10000.0, 1e-5);  // the 100 m square, wholly inside
    const auto& plant = rows.at("water.secondary/water");
    EXPECT_EQ(plant.at("verdict"), "prohibited");
    EXPECT_EQ(plant.at("category"), "sewage_treatment");
    EXPECT_EQ(plant.at("rule_id"), "water.secondary.discharge");
    EXPECT_EQ(plant.at("rule_basis"), "《水污染防治法》第六十六条第一款、第六十四条");
    EXPECT_EQ(plant.at("rule_proc"), "");  // the pack gives no procedure: null
    const auto& fence = rows.at("water.primary/water");
    EXPECT_EQ(fence.at("verdict"), "allowed");
    EXPECT_EQ(fence.at("category"), "water_protection");
    EXPECT_EQ(fence.at("rule_id"), "water.primary.protection");
    // The district (admin) row: no pack covers the kind; the layer's verdict stays and says so.
    const auto& admin = rows.at("redline.general/district");
    EXPECT_EQ(admin.at("category"), "patrol_research");
    EXPECT_EQ(admin.at("rule_id"), "");
    EXPECT_EQ(admin.at("rule_basis"), "无适用条款：沿用图层结论");
}

TEST(RulesOutputs, GeoPackageShapefileKmlAndCsvFeaturesCarryTheRule) {
    test::TempDir tmp;
    const auto gpkg = tmp / "r.gpkg";
    const auto shp = tmp / "r.shp";
    const auto kml = tmp / "r.kml";
    const auto csv = tmp / "features.csv";
    const auto r = screen_categorised({"-o", gpkg.string(), "--csv-features", csv.string()});
    ASSERT_EQ(r.code, 0) << r.err;
    const std::string procedure = json_procedure(r.out, "redline.general", "redline");
    ASSERT_NE(procedure.find("有限人为活动；涉及新增建设用地的"), std::string::npos) << procedure;
    ASSERT_LE(procedure.size(), 254u);  // fits a shapefile field as it is

    expect_rule_fields(conflict_rows(gpkg.string()), procedure, "gpkg");
    {
        GDALDatasetUniquePtr ds(GDALDataset::Open(gpkg.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
        ASSERT_TRUE(ds);
        // The footprints table: the category and its Chinese name.
        std::map<std::string, std::pair<std::string, std::string>> cats;
        for (auto& f : *ds->GetLayerByName("footprints"))
            cats[f->GetFieldAsString("fp_id")] = {f->GetFieldAsString("category"), f->GetFieldAsString("cat_name")};
        EXPECT_EQ(cats["redline.general"].first, "patrol_research");
        EXPECT_EQ(cats["redline.general"].second, "管护巡护、保护执法、科研监测、防灾减灾、国防");
        EXPECT_EQ(cats["water.secondary"].second, "污水处理");
        // The Chinese aliases (QGIS shows them as the column titles).
        OGRLayer* dc = ds->ExecuteSQL(
            "SELECT column_name, name FROM gpkg_data_columns WHERE table_name = 'conflicts' AND column_name LIKE "
            "'rule%' OR (table_name = 'conflicts' AND column_name = 'category') ORDER BY column_name",
            nullptr, nullptr);
        ASSERT_NE(dc, nullptr);
        std::map<std::string, std::string> alias;
        for (auto& f : *dc) alias[f->GetFieldAsString(0)] = f->GetFieldAsString(1);
        ds->ReleaseResultSet(dc);
        EXPECT_EQ(alias["category"], "项目类别");
        EXPECT_EQ(alias["rule_id"], "规则编号");
        EXPECT_EQ(alias["rule_basis"], "依据");
        EXPECT_EQ(alias["rule_proc"], "办理程序");
    }

    // The shapefile: the same fields (10-byte names), UTF-8 (.cpg), the aliases in the .qml.
    const auto s = screen_categorised({"-o", shp.string()});
    ASSERT_EQ(s.code, 0) << s.err;
    expect_rule_fields(conflict_rows(shp.string()), procedure, "shp");
    EXPECT_EQ(test::read_file(tmp / "r.cpg"), "UTF-8");
    const std::string qml = test::read_file(tmp / "r.qml");
    EXPECT_NE(qml.find("field=\"rule_proc\""), std::string::npos) << qml;
    EXPECT_NE(qml.find("办理程序"), std::string::npos);

    // KML: the rows of each conflict part's table.
    const auto k = screen_categorised({"-o", kml.string()});
    ASSERT_EQ(k.code, 0) << k.err;
    const std::string text = test::read_file(kml);
    EXPECT_NE(text.find("<tr><td>项目类别</td><td>管护巡护、保护执法、科研监测、防灾减灾、国防 (patrol_research)</td></tr>"
                        "<tr><td>规则编号</td><td>redline.patrol</td></tr>"
                        "<tr><td>依据</td><td>自然资发〔2022〕142号 一(一)第1项</td></tr>"
                        "<tr><td>办理程序</td><td>" +
                        procedure + "</td></tr>"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("<tr><td>规则编号</td><td>water.secondary.discharge</td></tr>"), std::string::npos);

    // --csv-features: the rule columns at the end of each feature row.
    const std::string rows = test::read_file(csv);
    const std::string header = rows.substr(0, rows.find("\r\n"));
    EXPECT_NE(header.find(",distance_m,category,rule_id,rule_basis,rule_procedure"), std::string::npos) << header;
    EXPECT_NE(rows.find(",patrol_research,redline.patrol,自然资发〔2022〕142号 一(一)第1项," + procedure + "\r\n"),
              std::string::npos)
        << rows;
    EXPECT_NE(rows.find(",sewage_treatment,water.secondary.discharge,《水污染防治法》第六十六条第一款、第六十四条,\r\n"),
              std::string::npos)
        << rows;
    EXPECT_NE(rows.find(",patrol_research,,无适用条款：沿用图层结论,\r\n"), std::string::npos) << rows;
}

TEST(RulesOutputs, WithoutCategoriesTheOutputsHaveNoRuleFields) {
    test::TempDir tmp;
    const auto gpkg = tmp / "r.gpkg";
    const auto csv = tmp / "features.csv";
    const auto r = test::zoning_cli({"screen", "-c", kCatalog, kFootprints, "--id-field", "ID", "-o", gpkg.string(),
                                     "--csv-features", csv.string()});
    ASSERT_EQ(r.code, 0) << r.err;
    GDALDatasetUniquePtr ds(GDALDataset::Open(gpkg.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    ASSERT_TRUE(ds);
    for (const char* table : {"conflicts", "footprints"}) {
        const OGRFeatureDefn* d = ds->GetLayerByName(table)->GetLayerDefn();
        for (const char* field : {"category", "cat_name", "rule_id", "rule_basis", "rule_proc"})
            EXPECT_LT(d->GetFieldIndex(field), 0) << table << "." << field;
    }
    EXPECT_EQ(ds->GetLayerByName("conflicts")->GetLayerDefn()->GetFieldCount(), 18);
    EXPECT_EQ(ds->GetLayerByName("footprints")->GetLayerDefn()->GetFieldCount(), 15);
    const std::string rows = test::read_file(csv);
    EXPECT_EQ(rows.substr(0, rows.find("\r\n")).substr(rows.find(",distance_m")), ",distance_m");
    const auto k = test::zoning_cli({"screen", "-c", kCatalog, kFootprints, "--id-field", "ID", "-o",
                                     (tmp / "r.kml").string()});
    ASSERT_EQ(k.code, 0) << k.err;
    const std::string text = test::read_file(tmp / "r.kml");
    EXPECT_EQ(text.find("依据"), std::string::npos);
    EXPECT_EQ(text.find("项目类别"), std::string::npos);
}

/// Whether `s` is valid UTF-8 (no character cut).
bool valid_utf8(const std::string& s) {
    for (size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (size_t k = 1; k < n; ++k) {
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0U) != 0x80U) return false;
        }
        i += n;
    }
    return true;
}

TEST(RulesOutputs, AShapefileCutsALongProcedureAtACharacterAndSaysSo) {
    // 江西's procedure for the red line's limited activities is longer than a DBF field's 254
    // bytes: the shapefile holds its first characters and "…"; the GeoPackage holds it whole.
    test::TempDir tmp;
    auto run = [&](const std::filesystem::path& out) {
        return test::zoning_cli({"screen", "-c", kJiangxi, kFootprints, "--id-field", "ID", "--category",
                                 "water_protection", "-o", out.string(), "-f", "json"});
    };
    const auto g = run(tmp / "r.gpkg");
    ASSERT_EQ(g.code, 0) << g.err;
    const std::string procedure = json_procedure(g.out, "redline.general", "redline");
    ASSERT_GT(procedure.size(), 254u) << procedure;
    EXPECT_EQ(conflict_rows((tmp / "r.gpkg").string()).at("redline.general/redline").at("rule_proc"), procedure);
    const auto s = run(tmp / "r.shp");
    ASSERT_EQ(s.code, 0) << s.err;
    const std::string cut = conflict_rows((tmp / "r.shp").string()).at("redline.general/redline").at("rule_proc");
    EXPECT_LE(cut.size(), 254u);
    EXPECT_GT(cut.size(), 240u);
    EXPECT_TRUE(valid_utf8(cut)) << cut;
    ASSERT_GE(cut.size(), 3u);
    EXPECT_EQ(cut.substr(cut.size() - 3), "…");
    EXPECT_EQ(procedure.compare(0, cut.size() - 3, cut, 0, cut.size() - 3), 0) << cut;
}

}  // namespace
}  // namespace zoning
