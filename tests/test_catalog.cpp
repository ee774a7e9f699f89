// Catalog errors: each stops the run with a message naming the catalog line and the reason.
#include <zoning/catalog.hpp>
#include <zoning/error.hpp>
#include <zoning/layer.hpp>

#include "test_support.hpp"

#include <gdal.h>

namespace zoning {
namespace {

std::string redline_source() { return test::data("small/redline.geojson").string(); }

/// Parses and loads `yaml`; returns the CatalogError's message, or "" when it loads.
std::string catalog_error(const std::string& yaml, int* line = nullptr) {
    GDALAllRegister();
    try {
        Catalog c = Catalog::parse(yaml, "cat.yaml");
        LoadedCatalog::load(c);
    } catch (const CatalogError& e) {
        if (line != nullptr) *line = e.line();
        return e.what();
    }
    return "";
}

std::string layer_yaml(const std::string& extra, const std::string& kind = "ecological_redline") {
    return "name: t\ncrs: EPSG:4547\nlayers:\n  - id: redline\n    kind: " + kind +
           "\n    source: " + redline_source() + "\n" + extra;
}

TEST(Catalog, ParsesTheFullFormat) {
    Catalog c = Catalog::load(test::data("small/catalog.yaml"));
    EXPECT_EQ(c.name, "测试区");
    ASSERT_EQ(c.layers.size(), 5u);
    const LayerSpec& water = c.layers[1];
    EXPECT_EQ(water.id, "water");
    EXPECT_EQ(water.kind, LayerKind::water_source);
    EXPECT_EQ(water.class_field, "BHQJB");
    EXPECT_EQ(water.verdict_for("一级保护区"), Verdict::prohibited);
    EXPECT_EQ(water.verdict_for("准保护区"), Verdict::caution);
    EXPECT_EQ(water.verdict_for("其他"), Verdict::restricted);
    EXPECT_EQ(c.layers[0].near_m.value_or(-1), 100.0);
    EXPECT_EQ(c.layers[0].line, 5);
}

TEST(Catalog, JsonIsAccepted) {
    const std::string json = R"({"name": "j", "crs": "EPSG:4547", "layers": [{"id": "redline",
        "kind": "ecological_redline", "source": ")" + redline_source() + R"("}]})";
    Catalog c = Catalog::parse(json, "cat.json");
    EXPECT_EQ(c.layers.at(0).verdict, Verdict::prohibited);  // the kind's default
}

TEST(Catalog, InvalidYamlNamesTheLine) {
    int line = 0;
    const std::string msg = catalog_error("name: t\nlayers:\n  - id: [unclosed\n", &line);
    EXPECT_NE(msg.find("cat.yaml:"), std::string::npos) << msg;
    EXPECT_NE(msg.find("invalid YAML"), std::string::npos) << msg;
    EXPECT_GE(line, 3);
}

TEST(Catalog, UnknownKeyNamesTheLine) {
    int line = 0;
    const std::string msg = catalog_error(layer_yaml("    colour: red\n"), &line);
    EXPECT_EQ(line, 7);
    EXPECT_NE(msg.find("cat.yaml:7: unknown field 'colour'"), std::string::npos) << msg;
}

TEST(Catalog, UnknownKind) {
    int line = 0;
    const std::string msg = catalog_error(layer_yaml("", "red_line"), &line);
    EXPECT_EQ(line, 5);
    EXPECT_NE(msg.find("unknown kind 'red_line'"), std::string::npos) << msg;
}

TEST(Catalog, DuplicateId) {
    const std::string yaml = layer_yaml("") + "  - id: redline\n    kind: other\n    source: " + redline_source() + "\n";
    int line = 0;
    const std::string msg = catalog_error(yaml, &line);
    EXPECT_EQ(line, 7);
    EXPECT_NE(msg.find("duplicate layer id 'redline'"), std::string::npos) << msg;
}

TEST(Catalog, MissingSourceFile) {
    int line = 0;
    const std::string msg = catalog_error(
        "name: t\nlayers:\n  - id: a\n    kind: other\n    source: nowhere.shp\n", &line);
    EXPECT_EQ(line, 5);
    EXPECT_NE(msg.find("nowhere.shp: file not found"), std::string::npos) << msg;
}

TEST(Catalog, UnknownFieldInData) {
    int line = 0;
    const std::string msg = catalog_error(layer_yaml("    name_field: NOSUCH\n"), &line);
    EXPECT_EQ(line, 7);
    EXPECT_NE(msg.find("name_field 'NOSUCH' is not a field"), std::string::npos) << msg;
    EXPECT_NE(msg.find("HXMC"), std::string::npos) << msg;  // lists the fields there are
}

TEST(Catalog, UnreadableCrs) {
    int line = 0;
    const std::string msg = catalog_error(
        "name: t\ncrs: EPSG:99999\nlayers:\n  - id: a\n    kind: other\n    source: " + redline_source() + "\n", &line);
    EXPECT_EQ(line, 2);
    EXPECT_NE(msg.find("cannot read CRS 'EPSG:99999'"), std::string::npos) << msg;
}

TEST(Catalog, GeographicWorkingCrsIsRefused) {
    const std::string msg = catalog_error(
        "name: t\ncrs: EPSG:4490\nlayers:\n  - id: a\n    kind: other\n    source: " + redline_source() + "\n");
    EXPECT_NE(msg.find("must be projected"), std::string::npos) << msg;
}

TEST(Catalog, BadVerdictAndBadWhere) {
    int line = 0;
    std::string msg = catalog_error(layer_yaml("    verdict: forbidden\n"), &line);
    EXPECT_EQ(line, 7);
    EXPECT_NE(msg.find("unknown verdict 'forbidden'"), std::string::npos) << msg;
    msg = catalog_error(layer_yaml("    where: \"HXBM = \"\n"), &line);
    EXPECT_EQ(line, 7);
    EXPECT_NE(msg.find("not a valid filter"), std::string::npos) << msg;
}

TEST(Catalog, WhereFiltersFeatures) {
    GDALAllRegister();
    Catalog c = Catalog::parse(layer_yaml("    where: \"HXBM <> 'HX002'\"\n"), "cat.yaml");
    auto l = LoadedCatalog::load(c);
    EXPECT_EQ(l->layers().at(0).features().size(), 2u);
}

TEST(Catalog, DefaultWorkingCrsIsTheGkZoneOfTheDataCentre) {
    GDALAllRegister();
    Catalog c = Catalog::parse("name: t\nlayers:\n  - id: a\n    kind: other\n    source: " +
                                   redline_source() + "\n", "cat.yaml");
    auto l = LoadedCatalog::load(c);
    EXPECT_EQ(l->working_crs().label(), "EPSG:4547");  // data near 113.6 E -> CM 114 E
}

}  // namespace
}  // namespace zoning
