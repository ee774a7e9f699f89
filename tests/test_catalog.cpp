// Catalog errors: each stops the run with a message naming the catalog line and the reason.
#include <zoning/catalog.hpp>
#include <zoning/error.hpp>
#include <zoning/layer.hpp>

#include "test_support.hpp"

#include <gdal.h>

#include <sys/stat.h>

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

/// Parses `yaml` only (no sources read); returns the CatalogError's message, or "" when it parses.
/// Any other exception (yaml-cpp's own, an InternalError) escapes and fails the test.
std::string parse_error(const std::string& yaml, int* line = nullptr) {
    try {
        (void)Catalog::parse(yaml, "cat.yaml");
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
    ASSERT_EQ(c.layers.size(), 6u);  // + landuse (land_use, tests/data/small/landuse.geojson)
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

TEST(Catalog, SourceDateAndVersionAreKeptAndTheDateIsChecked) {
    const Catalog c = Catalog::parse(layer_yaml("    version: 2023年度变更调查\n    source_date: 2024-02-29\n"), "cat.yaml");
    EXPECT_EQ(c.layers.front().version, "2023年度变更调查");
    EXPECT_EQ(c.layers.front().source_date, "2024-02-29");
    for (const std::string ok : {"2024", "2024-06", "2000-02-29"}) {
        EXPECT_EQ(parse_error(layer_yaml("    source_date: " + ok + "\n")), "") << ok;
    }
    EXPECT_EQ(Catalog::parse(layer_yaml(""), "cat.yaml").layers.front().source_date, "");  // optional
    // Not a date, a month 13, 30 February, 29 February of a common year, a day without zero:
    // the catalog's line and the value.
    for (const std::string bad : {"2024/06/01", "2024-13", "2024-02-30", "2023-02-29", "2024-6-1", "June 2024", "20240601"}) {
        int line = 0;
        const std::string msg = parse_error(layer_yaml("    source_date: " + bad + "\n"), &line);
        EXPECT_EQ(line, 7) << bad;
        EXPECT_NE(msg.find("source_date must be a date YYYY-MM-DD, YYYY-MM or YYYY, not '" + bad + "'"), std::string::npos)
            << msg;
        EXPECT_EQ(msg.rfind("cat.yaml:7: ", 0), 0u) << msg;
    }
    int line = 0;
    EXPECT_NE(parse_error(layer_yaml("    version: [1, 2]\n"), &line).find("key 'version' must be a single value"), std::string::npos);
    EXPECT_EQ(line, 7);
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

// yaml-cpp keeps the first of two equal keys and drops the second without a word: a second
// `verdict:` or a second `layers:` block would be a silently wrong catalog.
TEST(Catalog, DuplicateKeyInALayerNamesBothLines) {
    int line = 0;
    const std::string msg = parse_error(layer_yaml("    verdict: allowed\n    title: T\n    verdict: prohibited\n"), &line);
    EXPECT_EQ(line, 9);
    EXPECT_EQ(msg, "cat.yaml:9: duplicate key 'verdict' (first at line 7)");
}

TEST(Catalog, SecondLayersBlockIsADuplicateKey) {
    const std::string yaml = layer_yaml("") + "layers:\n  - id: other\n    kind: other\n    source: x.shp\n";
    EXPECT_EQ(parse_error(yaml), "cat.yaml:7: duplicate key 'layers' (first at line 3)");
}

TEST(Catalog, DuplicateKeysInStyleClassesAndFlowMappings) {
    EXPECT_EQ(parse_error(layer_yaml("    style:\n      stroke: \"#ff0000\"\n      width: 1\n      stroke: \"#00ff00\"\n")),
              "cat.yaml:10: duplicate key 'stroke' (first at line 8)");
    EXPECT_EQ(parse_error(layer_yaml("    class_field: BHQJB\n    classes:\n      一级: prohibited\n      一级: allowed\n")),
              "cat.yaml:10: duplicate key '一级' (first at line 9)");
    EXPECT_EQ(parse_error(layer_yaml("    classes: {a: {verdict: allowed, verdict: prohibited}}\n    class_field: F\n")),
              "cat.yaml:7: duplicate key 'verdict' (first at line 7)");
    // JSON too: a duplicate member is no less ambiguous there.
    EXPECT_EQ(parse_error("{\"name\": \"a\",\n \"name\": \"b\", \"layers\": []}"),
              "cat.yaml:2: duplicate key 'name' (first at line 1)");
    // The same key in two layers is no duplicate.
    const std::string two = layer_yaml("") + "  - id: b\n    kind: other\n    source: x.shp\n";
    EXPECT_EQ(parse_error(two), "");
}

// A key that is a list or a mapping used to escape as yaml-cpp's "bad conversion" (exit 3).
TEST(Catalog, KeyThatIsAListOrAMappingIsACatalogError) {
    int line = 0;
    EXPECT_EQ(parse_error(layer_yaml("    ? [a, b]\n    : 1\n"), &line), "cat.yaml:7: a key must be a single name, not a list");
    EXPECT_EQ(parse_error("name: t\n? {x: 1}\n: 2\nlayers: []\n"), "cat.yaml:2: a key must be a single name, not a mapping");
    EXPECT_EQ(parse_error(layer_yaml("    style: {? [1]: 2}\n")), "cat.yaml:7: a key must be a single name, not a list");
    EXPECT_EQ(parse_error("name: t\n~: 1\n"), "cat.yaml:2: a key with no name (empty, null or ~)");
}

TEST(Catalog, ValueThatIsAListOrAMappingNamesTheKey) {
    EXPECT_EQ(parse_error(layer_yaml("    verdict: [a, b]\n")), "cat.yaml:7: key 'verdict' must be a single value, not a list");
    EXPECT_EQ(parse_error("name: t\nlayers:\n  - id: r\n    kind: other\n    source: {x: 1}\n"),
              "cat.yaml:5: key 'source' must be a single value, not a mapping");
    EXPECT_EQ(parse_error("name: [a]\nlayers: []\n"), "cat.yaml:1: key 'name' must be a single value, not a list");
    EXPECT_EQ(parse_error(layer_yaml("    style: {stroke: [1, 2]}\n")),
              "cat.yaml:7: key 'style.stroke' must be a single value, not a list");
    EXPECT_EQ(parse_error("description: {a: 1}\n" + layer_yaml("")),
              "cat.yaml:1: key 'description' must be a single value, not a mapping");
}

// An empty value is reported at its key (yaml-cpp marks the empty value on the next line).
TEST(Catalog, KeyWithoutValueNamesItsLine) {
    int line = 0;
    EXPECT_EQ(parse_error("name: t\nlayers:\n  - id: r\n    kind:\n    source: a.shp\n", &line),
              "cat.yaml:4: key 'kind' has no value");
    EXPECT_EQ(parse_error(layer_yaml("    verdict:\n")), "cat.yaml:7: key 'verdict' has no value");
    EXPECT_EQ(parse_error("description:\n" + layer_yaml("")), "");  // an empty description is fine
}

// YAML::Load reads the first document and ignores the rest.
TEST(Catalog, SecondYamlDocumentIsRefused) {
    EXPECT_EQ(parse_error(layer_yaml("") + "---\nname: other\n"),
              "cat.yaml:8: a second YAML document (after '---'): a catalog is one document");
    EXPECT_EQ(parse_error("---\n" + layer_yaml("") + "...\n"), "");  // one document with its markers
    // Behind an empty document too.
    EXPECT_EQ(parse_error(layer_yaml("") + "---\n---\nname: other\n"),
              "cat.yaml:9: a second YAML document (after '---'): a catalog is one document");
}

// Found by tests/fuzz/fuzz_catalog: a ',' at the top of the document made yaml-cpp 0.7 return an
// empty document for ever, and the check for a second document looped with it (a hang).
TEST(Catalog, StrayCommaAtTheTopIsAnErrorNotAHang) {
    EXPECT_EQ(parse_error(", x\n"), "cat.yaml:1: a catalog is a mapping with name, crs and layers");
    EXPECT_EQ(parse_error("# a comment\n, x\nname: t\n"), "cat.yaml:1: a catalog is a mapping with name, crs and layers");
}

TEST(Catalog, AliasesOfFinishedNodesWorkRecursiveOnesAreRefused) {
    const std::string yaml = layer_yaml("    verdict: &v allowed\n    style: &s {stroke: \"#ff0000\"}\n") +
                             "  - id: b\n    kind: other\n    source: x.shp\n    verdict: *v\n    style: *s\n";
    Catalog c = Catalog::parse(yaml, "cat.yaml");
    ASSERT_EQ(c.layers.size(), 2u);
    EXPECT_EQ(c.layers[1].verdict, Verdict::allowed);
    EXPECT_EQ(parse_error("name: t\nlayers: &a\n  - *a\n"),
              "cat.yaml:3: an alias (*name) used inside the node it names: the document would contain itself");
}

TEST(Catalog, LoadRefusesFoldersDevicesPipesAndHugeFiles) {
    test::TempDir dir;
    auto load_error = [](const std::filesystem::path& p) -> std::string {
        try {
            (void)Catalog::load(p);
        } catch (const InputError& e) {
            return e.what();
        }
        return "";
    };
    EXPECT_EQ(load_error(dir.path()), dir.path().string() + ": is a folder, not a catalog file (give the catalog's .yaml file in it)");
    EXPECT_EQ(load_error("/dev/zero"), "/dev/zero: is not a regular file (a device, pipe or socket): give the catalog's .yaml file");
    const auto fifo = dir / "fifo.yaml";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    EXPECT_EQ(load_error(fifo), fifo.string() + ": is not a regular file (a device, pipe or socket): give the catalog's .yaml file");
    const auto big = dir / "big.yaml";
    test::write_file(big, "# " + std::string((size_t{16} << 20) - 1, 'x'));  // 16 MiB + 1 byte
    EXPECT_EQ(load_error(big), big.string() + ": is larger than 16 MiB: a catalog file lists layers (their data "
                                              "lives in the source files); is this the catalog?");
    const auto at_cap = dir / "cap.yaml";
    test::write_file(at_cap, layer_yaml("") + "# " + std::string((size_t{16} << 20) - layer_yaml("").size() - 2, 'x'));
    EXPECT_EQ(Catalog::load(at_cap).layers.size(), 1u);  // exactly 16 MiB is read
}

TEST(Catalog, CliExitCodesOnBrokenCatalogs) {
    test::TempDir dir;
    const auto dup = dir / "dup.yaml";
    test::write_file(dup, layer_yaml("    verdict: allowed\n    verdict: prohibited\n"));
    auto r = test::zoning_cli({"info", "-c", dup.string(), "--no-cache"});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("dup.yaml:8: duplicate key 'verdict' (first at line 7)"), std::string::npos) << r.err;
    const auto key = dir / "key.yaml";
    test::write_file(key, layer_yaml("    ? [a]\n    : 1\n"));
    r = test::zoning_cli({"info", "-c", key.string(), "--no-cache"});
    EXPECT_EQ(r.code, 2) << r.err;  // was 3: yaml-cpp's bad conversion
    EXPECT_NE(r.err.find("key.yaml:7: a key must be a single name, not a list"), std::string::npos) << r.err;
    r = test::zoning_cli({"info", "-c", dir.path().string()});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("is a folder, not a catalog file"), std::string::npos) << r.err;
    r = test::zoning_cli({"screen", "-c", "/dev/zero", test::data("small/footprints.geojson").string()});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("/dev/zero: is not a regular file"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace zoning
