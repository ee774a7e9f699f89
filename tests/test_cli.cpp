// End-to-end: the `zoning` command on the small catalog, in-process, and its errors.
#include <zoning/crs.hpp>

#include "test_support.hpp"

#include <gdal_priv.h>
#include <nlohmann/json.hpp>
#include <ogrsf_frmts.h>

#include <cmath>
#include <map>
#include <regex>
#include <set>
#include <sstream>

namespace zoning {
namespace {

using test::zoning_cli;

const std::string kCatalog = test::data("small/catalog.yaml").string();
const std::string kFootprints = test::data("small/footprints.geojson").string();

nlohmann::json screen_json(std::vector<std::string> extra) {
    std::vector<std::string> args{"screen", "--catalog", kCatalog, "--format", "json"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto r = zoning_cli(args);
    EXPECT_EQ(r.code, 0) << r.err;
    return nlohmann::json::parse(r.out);
}

const nlohmann::json* conflict(const nlohmann::json& fp, const std::string& layer) {
    for (const auto& c : fp["conflicts"]) {
        if (c["layer"] == layer) return &c;
    }
    return nullptr;
}

TEST(Cli, ScreenJsonOnTheSmallCatalog) {
    auto j = screen_json({kFootprints, "--id-field", "XMBH", "--name-field", "XMMC", "--width-field", "KD"});
    EXPECT_EQ(j["schema"], "zoning.screen/1");
    EXPECT_EQ(j["catalog"], "测试区");
    EXPECT_EQ(j["crs"], "EPSG:4547");
    EXPECT_EQ(j["verdict"], "unknown");  // P8 lies outside the townships: not screened
    const auto& fps = j["footprints"];
    ASSERT_EQ(fps.size(), 9u);
    std::map<std::string, std::string> verdicts;
    for (const auto& f : fps) verdicts[f["id"]] = f["verdict"];
    const std::map<std::string, std::string> expected{
        {"P1", "prohibited"}, {"P2", "prohibited"}, {"P3", "prohibited"}, {"P4", "caution"},
        {"P5", "prohibited"}, {"P6", "prohibited"}, {"P7", "prohibited"}, {"P8", "unknown"},
        {"P9", "allowed"}};
    EXPECT_EQ(verdicts, expected);

    const auto& p1 = fps[0];
    EXPECT_EQ(p1["name"], "半边压红线");
    EXPECT_EQ(p1["geometry_type"], "Polygon");
    EXPECT_NEAR(p1["area_m2"].get<double>(), 1e6, 1e-3);
    const auto* red = conflict(p1, "redline");
    ASSERT_NE(red, nullptr);
    EXPECT_NEAR((*red)["area_m2"].get<double>(), 500000.0, 1e-4);
    EXPECT_NEAR((*red)["share"].get<double>(), 0.5, 1e-12);
    EXPECT_EQ((*red)["features"][0]["code"], "HX001");
    EXPECT_EQ((*red)["features"][0]["fid"], 0);
    // Ellipsoidal 30 km off CM 114E: 2.2e-5 smaller than planar.
    EXPECT_NEAR((*red)["area_ellipsoidal_m2"].get<double>(), 499989.11, 0.05);

    const auto& p5 = fps[4];  // road, KD = 20 m
    EXPECT_EQ(p5["geometry_type"], "LineString");
    EXPECT_NEAR(p5["length_m"].get<double>(), 3000.0, 1e-6);
    EXPECT_NEAR(p5["width_m"].get<double>(), 20.0, 1e-12);
    red = conflict(p5, "redline");
    ASSERT_NE(red, nullptr);
    EXPECT_NEAR((*red)["area_m2"].get<double>(), 30000.0, 1e-6);
    EXPECT_NEAR((*red)["length_m"].get<double>(), 1500.0, 1e-6);

    const auto& p4 = fps[3];  // touches HX002 along an edge; redline near_m = 100
    red = conflict(p4, "redline");
    ASSERT_NE(red, nullptr);
    EXPECT_EQ((*red)["verdict"], "caution");
    EXPECT_EQ((*red)["near"], true);
    EXPECT_EQ((*red)["distance_m"].get<double>(), 0.0);

    const auto& p8 = fps[7];
    EXPECT_TRUE(p8["conflicts"].empty());

    const auto& p9 = fps[8];
    const auto* urban = conflict(p9, "urban");
    ASSERT_NE(urban, nullptr);
    EXPECT_NEAR((*urban)["outside_m2"].get<double>(), 1e6, 1e-3);
}

TEST(Cli, FailOnSetsExitOne) {
    auto r = zoning_cli({"screen", "--catalog", kCatalog, kFootprints, "--fail-on", "prohibited"});
    EXPECT_EQ(r.code, 1) << r.err;
    r = zoning_cli({"screen", "--catalog", kCatalog, kFootprints, "--where", "XMBH = 'P9'", "--fail-on", "caution"});
    EXPECT_EQ(r.code, 0) << r.err;
    // P8 lies outside the catalog's coverage: unknown, which fails at any level (before: allowed, exit 0).
    r = zoning_cli({"screen", "--catalog", kCatalog, kFootprints, "--where", "XMBH = 'P8'", "--fail-on", "prohibited"});
    EXPECT_EQ(r.code, 1) << r.err;
    r = zoning_cli({"screen", "--catalog", kCatalog, kFootprints, "--where", "XMBH = 'P4'", "--fail-on", "caution"});
    EXPECT_EQ(r.code, 1) << r.err;
}

TEST(Cli, TextReportInChineseAndEnglish) {
    auto zh = zoning_cli({"screen", "--catalog", kCatalog, kFootprints, "--where", "XMBH = 'P1'", "--name-field", "XMMC"});
    ASSERT_EQ(zh.code, 0) << zh.err;
    EXPECT_NE(zh.out.find("半边压红线"), std::string::npos);
    // 公顷 and 亩 from the ellipsoidal area (docs/areas.md), the planar m² beside them.
    EXPECT_NE(zh.out.find("生态保护红线  禁止    500,000.00     49.9989    749.98   50.00%"), std::string::npos) << zh.out;
    EXPECT_NE(zh.out.find("    说明: 涉及生态保护红线 49.9989 公顷(749.98 亩)，禁止\n"), std::string::npos) << zh.out;
    auto en = zoning_cli({"screen", "--catalog", kCatalog, kFootprints, "--where", "XMBH = 'P1'", "--lang", "en"});
    EXPECT_NE(en.out.find("prohibited"), std::string::npos);
    EXPECT_NE(en.out.find("749.98"), std::string::npos);  // 499,989 m² (ellipsoidal) = 749.98 mu
    EXPECT_NE(en.out.find("    reason: In 生态保护红线 49.9989 ha (749.98 mu), prohibited\n"), std::string::npos) << en.out;
}

TEST(Cli, CsvHasBomAndOneRowPerFootprintAndLayer) {
    auto r = zoning_cli({"screen", "--catalog", kCatalog, kFootprints, "--format", "csv", "--id-field", "XMBH"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out.substr(0, 3), "\xEF\xBB\xBF");
    size_t rows = 0;
    for (char c : r.out) rows += c == '\n';
    // header + P1..P9: conflicts with redline/water/urban/townships, P8 one empty row.
    auto j = screen_json({kFootprints, "--id-field", "XMBH"});
    size_t expected = 1;
    for (const auto& f : j["footprints"]) {
        expected += std::max<size_t>(1, f["conflicts"].size());
        for (const auto& c : f["conflicts"]) expected += c.contains("classes") ? c["classes"].size() : 0;  // class rows
    }
    EXPECT_EQ(rows, expected);
    EXPECT_NE(r.out.find("P1,,Polygon,1000000.000000,0.000000,prohibited,redline,生态保护红线,ecological_redline,prohibited,no,500000.000000,50.000000,750.000000"), std::string::npos);
}

TEST(Cli, ConflictGeometriesAreWritten) {
    test::TempDir tmp;
    for (const std::string ext : {".gpkg", ".geojson"}) {
        const auto out = tmp / ("conflicts" + ext);
        auto r = zoning_cli({"screen", "--catalog", kCatalog, kFootprints, "--layers", "redline",
                             "--id-field", "XMBH", "-o", out.string(), "--format", "json"});
        ASSERT_EQ(r.code, 0) << r.err;
        ASSERT_TRUE(std::filesystem::exists(out));
        // Nothing temporary is left beside it.
        for (const auto& e : std::filesystem::directory_iterator(tmp.path())) {
            EXPECT_EQ(e.path().filename().string().find(".zoning-tmp"), std::string::npos);
        }
    }
    const std::string gj = test::read_file(tmp / "conflicts.geojson");
    auto j = nlohmann::json::parse(gj);
    // P1 1, P2 2, P3 1, P4 near 1, P5 2, P6 1 = 8 rows.
    EXPECT_EQ(j["features"].size(), 8u);
    double p2 = 0;
    for (const auto& f : j["features"]) {
        if (f["properties"]["fp_id"] == "P2") p2 += f["properties"]["area_m2"].get<double>();
    }
    EXPECT_NEAR(p2, 1.5e6, 1e-3);  // per feature: they overlap, 750,000 each
}

TEST(Cli, ShapefileOutputSplitsMixedGeometries) {
    // The footprints are polygons, a road and a point: the red-line conflicts mix all three. A
    // shapefile holds one type, so each type gets its own, and no row is lost: together they
    // hold exactly the rows of the GeoJSON output.
    test::TempDir tmp;
    auto r = zoning_cli({"screen", "--catalog", kCatalog, kFootprints, "--layers", "redline",
                         "-o", (tmp / "all.geojson").string()});
    ASSERT_LE(r.code, 1) << r.err;
    std::map<std::string, int> expected;  // OGR geometry type name -> rows
    {
        GDALDatasetUniquePtr ds(GDALDataset::Open((tmp / "all.geojson").c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
        ASSERT_TRUE(ds);
        for (auto& f : *ds->GetLayer(0)) {
            const OGRGeometry* g = f->GetGeometryRef();
            ++expected[g == nullptr ? "none" : OGRGeometryTypeToName(wkbFlatten(g->getGeometryType()))];
        }
    }
    ASSERT_GE(expected.size(), 2U);  // really mixed

    r = zoning_cli({"screen", "--catalog", kCatalog, kFootprints, "--layers", "redline",
                    "-o", (tmp / "c.shp").string()});
    ASSERT_LE(r.code, 1) << r.err;
    EXPECT_NE(r.err.find("a shapefile holds one"), std::string::npos) << r.err;
    std::map<std::string, int> got;
    int files = 0;
    for (const char* name : {"c.shp", "c_lines.shp", "c_points.shp"}) {
        if (!std::filesystem::exists(tmp / name)) continue;
        ++files;
        std::string stem = name;
        stem.resize(stem.size() - 4);
        EXPECT_TRUE(std::filesystem::exists(tmp / (stem + ".prj"))) << name;
        EXPECT_TRUE(std::filesystem::exists(tmp / (stem + ".qml"))) << name;
        EXPECT_EQ(test::read_file(tmp / (stem + ".cpg")).substr(0, 5), "UTF-8") << name;
        GDALDatasetUniquePtr ds(GDALDataset::Open((tmp / name).c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
        ASSERT_TRUE(ds) << name;
        std::set<std::string> types;
        for (auto& f : *ds->GetLayer(0)) {
            const OGRGeometry* g = f->GetGeometryRef();
            const std::string t = g == nullptr ? "none" : OGRGeometryTypeToName(wkbFlatten(g->getGeometryType()));
            ++got[t];
            if (g != nullptr) types.insert(t.substr(t.find_first_not_of("Multi ")));
        }
        EXPECT_EQ(types.size(), 1U) << name;  // one geometry type per file
    }
    EXPECT_EQ(files, static_cast<int>(expected.size() - expected.count("none")));
    // Multi types in the shapefiles, single or multi in GeoJSON: compare per base type.
    auto base = [](const std::map<std::string, int>& m) {
        std::map<std::string, int> b;
        for (const auto& [t, n] : m) b[t == "none" ? t : t.substr(t.find_first_not_of("Multi "))] += n;
        return b;
    };
    EXPECT_EQ(base(got), base(expected));

    // One type: one shapefile, under the name asked for, and no note.
    r = zoning_cli({"screen", "--catalog", kCatalog, kFootprints, "--layers", "redline", "--where",
                    "XMBH IN ('P1','P2','P3')", "-o", (tmp / "p.shp").string()});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.err.find("a shapefile holds one"), std::string::npos) << r.err;
    EXPECT_TRUE(std::filesystem::exists(tmp / "p.shp"));
    EXPECT_FALSE(std::filesystem::exists(tmp / "p_lines.shp"));
    EXPECT_TRUE(std::filesystem::exists(tmp / "p.prj"));
    EXPECT_EQ(test::read_file(tmp / "p.cpg").substr(0, 5), "UTF-8");
}

TEST(Cli, NeverOverwritesAnInput) {
    test::TempDir tmp;
    const auto copy = tmp / "fp.geojson";
    std::filesystem::copy_file(kFootprints, copy);
    const std::string before = test::read_file(copy);
    auto r = zoning_cli({"screen", "--catalog", kCatalog, copy.string(), "-o", copy.string()});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("refusing to overwrite"), std::string::npos) << r.err;
    EXPECT_EQ(test::read_file(copy), before);
}

// ---- bad input: exit 2, a message naming the place, no output file ----------------------------

struct BadCase {
    const char* name;
    std::function<std::vector<std::string>(const test::TempDir&)> args;
    const char* message;
    const char* zh = "";  ///< a part of the Chinese message (zh by default)
};

void PrintTo(const BadCase& c, std::ostream* os) { *os << c.name; }

class BadInput : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadInput, ExitTwoWithMessageAndNoOutput) {
    test::TempDir tmp;
    auto args = GetParam().args(tmp);
    const auto out = tmp / "out.gpkg";
    args.insert(args.end(), {"-o", out.string()});
    auto r = zoning_cli(args);
    EXPECT_EQ(r.code, 2) << r.out << r.err;
    EXPECT_NE(r.err.find(GetParam().message), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
    EXPECT_FALSE(std::filesystem::exists(out));
    // What the user sees by default: the same error in Chinese (a message the catalog lacks
    // would come out English: zoning/messages.hpp).
    const auto zh = zoning_cli(args, Lang::zh);
    EXPECT_EQ(zh.code, 2);
    EXPECT_NE(zh.err.find(GetParam().zh), std::string::npos) << zh.err;
}

INSTANTIATE_TEST_SUITE_P(
    Screen, BadInput,
    ::testing::Values(
        BadCase{"MissingCatalog", [](const test::TempDir& dir) {
                    return std::vector<std::string>{"screen", "--catalog", (dir / "none.yaml").string(), kFootprints}; },
                "cannot open the catalog file", "无法打开目录文件"},
        BadCase{"MissingFootprints", [](const test::TempDir& dir) {
                    return std::vector<std::string>{"screen", "--catalog", kCatalog, (dir / "none.geojson").string()}; },
                "none.geojson: file not found", "none.geojson: 文件不存在"},
        BadCase{"InvalidYaml", [](const test::TempDir& dir) {
                    test::write_file(dir / "c.yaml", "name: x\nlayers: [\n");
                    return std::vector<std::string>{"screen", "--catalog", (dir / "c.yaml").string(), kFootprints}; },
                "c.yaml:3: invalid YAML", "c.yaml:3: YAML 格式错误"},
        BadCase{"UnknownField", [](const test::TempDir& dir) {
                    test::write_file(dir / "c.yaml", "name: x\nlayers:\n  - id: a\n    kind: other\n    source: " +
                                     test::data("small/redline.geojson").string() + "\n    name_field: MC\n");
                    return std::vector<std::string>{"screen", "--catalog", (dir / "c.yaml").string(), kFootprints}; },
                "c.yaml:6: layer 'a': name_field 'MC' is not a field", "c.yaml:6: 图层 'a': name_field 'MC' 不是"},
        BadCase{"EmptyGeometry", [](const test::TempDir& dir) {
                    test::write_file(dir / "e.geojson", R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4547"}},"features":[{"type":"Feature","properties":{"a":1},"geometry":{"type":"Polygon","coordinates":[]}}]})");
                    return std::vector<std::string>{"screen", "--catalog", kCatalog, (dir / "e.geojson").string()}; },
                "fid 0: empty or null geometry", "fid 0: 几何为空"},
        BadCase{"NoCrs", [](const test::TempDir& dir) {
                    test::write_file(dir / "n.csv", "id,WKT\n1,\"POLYGON((470000 4420000,470100 4420000,470100 4420100,470000 4420000))\"\n");
                    return std::vector<std::string>{"screen", "--catalog", kCatalog, (dir / "n.csv").string()}; },
                "has no CRS", "没有坐标系"},
        BadCase{"UnknownFailOn", [](const test::TempDir&) {
                    return std::vector<std::string>{"screen", "--catalog", kCatalog, kFootprints, "--fail-on", "bad"}; },
                "--fail-on: must be one of allowed, caution, restricted, prohibited, got 'bad'", "--fail-on: 必须是 allowed, caution, restricted, prohibited 之一，而给出的是 'bad'"},
        // An unknown encoding used to be passed to GDAL, which read the names as mojibake.
        BadCase{"UnknownEncoding", [](const test::TempDir&) {
                    return std::vector<std::string>{"screen", "--catalog", kCatalog, kFootprints, "--encoding", "FOO"}; },
                "--encoding: unknown text encoding 'FOO': use one of GBK, GB18030, CP936, UTF-8", "--encoding: 未知的文本编码 'FOO'"},
        BadCase{"UnknownEncodingInConvert", [](const test::TempDir&) {
                    return std::vector<std::string>{"convert", kFootprints, "--encoding", "FOO", "--t-srs",
                                                    "EPSG:4547"}; },
                "unknown text encoding 'FOO'", "未知的文本编码 'FOO'"},
        // PROJ says "Unknown error (code 4096)" for a code it does not have.
        BadCase{"UnknownEpsgCode", [](const test::TempDir&) {
                    return std::vector<std::string>{"screen", "--catalog", kCatalog, kFootprints, "--s-srs", "EPSG:45477"}; },
                "--s-srs: cannot read CRS 'EPSG:45477': EPSG has no CRS with code 45477; give an EPSG code (e.g. EPSG:4547", "--s-srs: 无法读取坐标系 'EPSG:45477': EPSG 没有代码为 45477 的坐标系；请给出 EPSG 代码"},
        BadCase{"UnreadableCrs", [](const test::TempDir&) {
                    return std::vector<std::string>{"screen", "--catalog", kCatalog, kFootprints, "--s-srs", "+proj=foo"}; },
                "--s-srs: cannot read CRS '+proj=foo': Unknown projection; give an EPSG code", "--s-srs: 无法读取坐标系 '+proj=foo': Unknown projection；请给出 EPSG 代码"},
        // CLI11's range check printed the upper bound, DBL_MAX, in 309 digits.
        BadCase{"NegativeRadius", [](const test::TempDir&) {
                    return std::vector<std::string>{"screen", "--catalog", kCatalog, kFootprints, "--radius", "-5"}; },
                "--radius: must be ≥ 0, got -5\n", "--radius: 必须 ≥ 0，而给出的是 -5\n"},
        BadCase{"NegativeWidthInMap", [](const test::TempDir&) {
                    return std::vector<std::string>{"map", "--catalog", kCatalog, kFootprints, "--width", "-1"}; },
                "--width: must be ≥ 0, got -1\n", "--width: 必须 ≥ 0，而给出的是 -1\n"},
        BadCase{"NegativeThreads", [](const test::TempDir&) {
                    return std::vector<std::string>{"stats", "--catalog", kCatalog, "--threads", "-2"}; },
                "--threads: must be a whole number ≥ 0, got -2\n", "--threads: 必须是 ≥ 0 的整数，而给出的是 -2\n"},
        BadCase{"FractionalThreads", [](const test::TempDir&) {
                    return std::vector<std::string>{"info", "--catalog", kCatalog, "-j", "1.5"}; },
                "--threads: must be a whole number ≥ 0, got '1.5'\n", "--threads: 必须是 ≥ 0 的整数，而给出的是 '1.5'\n"},
        BadCase{"DpiOutOfRange", [](const test::TempDir&) {
                    return std::vector<std::string>{"map", "--catalog", kCatalog, kFootprints, "--dpi", "20"}; },
                "--dpi: must be between 36 and 1200, got 20\n", "--dpi: 必须在 36 到 1200 之间，而给出的是 20\n"},
        BadCase{"MinAreaNotANumber", [](const test::TempDir&) {
                    return std::vector<std::string>{"check", "--catalog", kCatalog, "--min-area", "x"}; },
                "--min-area: must be a number ≥ 0, got 'x'", "--min-area: 必须是 ≥ 0 的数字，而给出的是 'x'"},
        // map never set the catalog extent on its footprint query: it drew a far-away footprint
        // at 1:2,500 and exited 0 where screen stopped.
        BadCase{"MapOfAFootprintFarOutside", [](const test::TempDir& dir) {
                    test::write_file(dir / "far.geojson", R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4547"}},"features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[700000,4420000],[700100,4420000],[700100,4420100],[700000,4420000]]]}}]})");
                    return std::vector<std::string>{"map", "--catalog", kCatalog, (dir / "far.geojson").string()}; },
                "km outside the catalog's extent", "公里：坐标系、分带或坐标轴有误？"},
        BadCase{"ScreenOfAFootprintFarOutside", [](const test::TempDir& dir) {
                    test::write_file(dir / "far.geojson", R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4547"}},"features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[700000,4420000],[700100,4420000],[700100,4420100],[700000,4420000]]]}}]})");
                    return std::vector<std::string>{"screen", "--catalog", kCatalog, (dir / "far.geojson").string()}; },
                "km outside the catalog's extent", "公里：坐标系、分带或坐标轴有误？"}),
    [](const ::testing::TestParamInfo<BadCase>& i) { return std::string(i.param.name); });

// ---- the same footprint in three CRSs gives the same areas -----------------------------------

TEST(Cli, SameAreasInLonLatGkAndZonePrefixedGk) {
    test::TempDir tmp;
    // A 7-vertex parcel that crosses HX001 (EPSG:4547 coordinates).
    std::vector<double> x{469800, 470400, 470650, 470300, 469900, 469750, 469800};
    std::vector<double> y{4420100, 4420050, 4420500, 4420900, 4420850, 4420400, 4420100};
    auto write = [&](const std::string& file, int epsg, const std::vector<double>& xs, const std::vector<double>& ys) {
        std::string coords;
        for (size_t i = 0; i < xs.size(); ++i) {
            char buf[96];
            std::snprintf(buf, sizeof buf, "%s[%.17g,%.17g]", i ? "," : "", xs[i], ys[i]);
            coords += buf;
        }
        test::write_file(tmp / file,
                         R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::)" +
                             std::to_string(epsg) + R"("}},"features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[)" +
                             coords + "]]}}]}");
    };
    write("gk.geojson", 4547, x, y);
    for (int epsg : {4490, 4526}) {
        std::vector<double> tx = x, ty = y;
        Transformer(Crs::from_user("EPSG:4547"), Crs::from_user("EPSG:" + std::to_string(epsg))).transform(tx, ty);
        if (epsg == 4526) {
            EXPECT_NEAR(tx[0], 38469800.0, 1e-3);
        }
        write(std::to_string(epsg) + ".geojson", epsg, tx, ty);
    }
    std::vector<nlohmann::json> results;
    for (const std::string f : {"gk.geojson", "4490.geojson", "4526.geojson"}) {
        results.push_back(screen_json({(tmp / f).string(), "--layers", "redline"})["footprints"][0]);
    }
    const double area = results[0]["area_m2"].get<double>();
    const double red = results[0]["conflicts"][0]["area_m2"].get<double>();
    const double red_e = results[0]["conflicts"][0]["area_ellipsoidal_m2"].get<double>();
    EXPECT_GT(red, 100000.0);
    for (const auto& r : results) {
        EXPECT_NEAR(r["area_m2"].get<double>(), area, area * 1e-9);
        EXPECT_NEAR(r["conflicts"][0]["area_m2"].get<double>(), red, red * 1e-9);
        // Geodesic areas carry GeographicLib's absolute error (mm² to cm² per edge at 40° N,
        // from terms of ~1e9 m² per edge that cancel): measured 1.2e-8 relative here.
        EXPECT_NEAR(r["area_ellipsoidal_m2"].get<double>(), results[0]["area_ellipsoidal_m2"].get<double>(), area * 1e-7);
        EXPECT_NEAR(r["conflicts"][0]["area_ellipsoidal_m2"].get<double>(), red_e, red_e * 1e-7);
    }
}

TEST(Cli, InfoListsLayers) {
    auto r = zoning_cli({"info", "--catalog", kCatalog, "--format", "json"});
    ASSERT_EQ(r.code, 0) << r.err;
    auto j = nlohmann::json::parse(r.out);
    ASSERT_EQ(j["layers"].size(), 6u);
    EXPECT_EQ(j["layers"][0]["id"], "redline");
    EXPECT_EQ(j["layers"][0]["features"], 3);
    // Union of HX001 ∪ HX002 (1.5 km²) + HX003 (4 - 1 km²) = 4.5 km².
    EXPECT_NEAR(j["layers"][0]["area_m2"].get<double>(), 4.5e6, 1e-3);
    EXPECT_EQ(j["layers"][0]["overlapping_features"], 1);  // HX002 overlaps HX001
    EXPECT_EQ(j["layers"][1]["overlapping_features"], 0);
    EXPECT_EQ(j["layers"][0]["crs"], "EPSG:4547");
}

TEST(Cli, UsageErrorsExitTwo) {
    EXPECT_EQ(zoning_cli({"screen"}).code, 2);
    EXPECT_EQ(zoning_cli({"nosuch"}).code, 2);
    auto h = zoning_cli({"screen", "--help"});
    EXPECT_EQ(h.code, 0);
    EXPECT_NE(h.out.find("--width-field"), std::string::npos);
}

}  // namespace
}  // namespace zoning

namespace zoning {
namespace {

TEST(Cli, ThreadsDoNotChangeTheReport) {
    auto run = [](const std::string& threads) {
        auto r = test::zoning_cli({"screen", "--catalog", kCatalog, kFootprints, "--width-field", "KD",
                                   "--format", "json", "--threads", threads});
        EXPECT_EQ(r.code, 0) << r.err;
        return r.out;
    };
    const std::string one = run("1");
    EXPECT_EQ(run("2"), one);
    EXPECT_EQ(run("4"), one);
}

}  // namespace
}  // namespace zoning

// ---- every flag a message suggests exists where the message can appear ------------------------

namespace zoning {
namespace {

/// The options `zoning CMD --help` lists.
std::set<std::string> help_flags(const std::string& cmd) {
    const auto r = test::zoning_cli({cmd, "--help"});
    EXPECT_EQ(r.code, 0) << cmd << ": " << r.err;
    std::set<std::string> flags;
    const std::regex flag(R"((^|[ ,])(--[a-z][a-z0-9-]*))");
    std::istringstream in(r.out);
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("  -", 0) != 0) continue;  // option lines start "  -x," or "  --x"
        const std::string names = line.substr(0, line.find_first_of(" ", line.find_first_not_of(' ')));
        for (std::sregex_iterator it(names.begin(), names.end(), flag), end; it != end; ++it) flags.insert((*it)[2]);
    }
    return flags;
}

/// `--flag` mentions inside string literals (not comments) of a source file.
std::set<std::string> suggested_flags(const std::filesystem::path& file) {
    std::set<std::string> flags;
    const std::regex literal(R"xx("((?:[^"\\]|\\.)*)")xx");
    const std::regex flag(R"(--[a-z][a-z0-9-]*)");
    std::istringstream in(test::read_file(file));
    for (std::string line; std::getline(in, line);) {
        const auto code_end = line.find("//");
        const std::string code = line.substr(0, code_end);
        for (std::sregex_iterator it(code.begin(), code.end(), literal), end; it != end; ++it) {
            const std::string text = (*it)[1];
            for (std::sregex_iterator f(text.begin(), text.end(), flag); f != end; ++f) flags.insert(f->str());
        }
    }
    return flags;
}

TEST(Cli, EveryFlagALibraryMessageSuggestsExistsInEveryCommandThatCanPrintIt) {
    const std::vector<std::string> footprint_readers{"screen", "map", "report", "convert"};
    const std::vector<std::string> catalog_loaders{"screen", "map", "report", "stats", "info", "index"};
    // Which commands can print the messages of each library source that names a flag.
    const std::map<std::string, std::vector<std::string>> who{
        {"io/field_input.cpp", footprint_readers},
        {"io/ogr_source.cpp", footprint_readers},
        {"io/encoding.cpp", footprint_readers},
        {"crs/axes.cpp", footprint_readers},
        {"io/footprint_reader.cpp", {"screen", "map", "report"}},
        {"io/convert.cpp", {"convert"}},
        {"screen/screen.cpp", {"screen", "map", "report"}},
        {"geom/bounds.cpp", {"screen", "map", "report"}},
        {"report/summary.cpp", {"screen", "map", "report"}},
        {"render/map.cpp", {"map"}},
        {"report/document/report.cpp", {"report"}},
        {"stats/stats.cpp", {"stats"}},
        {"stats/stats_report.cpp", {"stats"}},
        {"check/check.cpp", {"check"}},
        {"cache/catalog_cache.cpp", catalog_loaders},
        {"output/pg_sink.cpp", {"screen", "check", "stats"}},
    };
    std::map<std::string, std::set<std::string>> accepted;
    for (const char* cmd : {"screen", "map", "report", "stats", "check", "info", "index", "convert"}) {
        accepted[cmd] = help_flags(cmd);
    }
    ASSERT_TRUE(accepted["map"].count("--catalog")) << "help parsing broken";

    const auto src = test::data("../../libzoning/src").lexically_normal();
    int checked = 0;
    for (const auto& e : std::filesystem::recursive_directory_iterator(src)) {
        if (!e.is_regular_file() || (e.path().extension() != ".cpp" && e.path().extension() != ".hpp")) continue;
        const std::set<std::string> flags = suggested_flags(e.path());
        if (flags.empty()) continue;
        const std::string rel = e.path().lexically_relative(src).generic_string();
        if (rel == "report/messages_zh.cpp") continue;  // the translations of the messages checked here
        const auto it = who.find(rel);
        if (it == who.end()) {
            ADD_FAILURE() << rel << " names " << *flags.begin() << ": add it to the table of who prints its messages";
            continue;
        }
        for (const auto& cmd : it->second) {
            for (const auto& f : flags) {
                ++checked;
                EXPECT_TRUE(accepted[cmd].count(f)) << rel << " suggests " << f << ", which `zoning " << cmd << "` lacks";
            }
        }
    }
    EXPECT_GT(checked, 40);
}

TEST(Cli, EveryHelpEndsWithExactlyOneNewline) {
    for (const char* cmd : {"", "screen", "map", "stats", "check", "info", "index", "convert"}) {
        const auto r = *cmd != '\0' ? test::zoning_cli({cmd, "--help"}) : test::zoning_cli({"--help"});
        EXPECT_EQ(r.code, 0) << cmd;
        ASSERT_GE(r.out.size(), 2u) << cmd;
        EXPECT_EQ(r.out.back(), '\n') << "zoning " << cmd << " --help";
        EXPECT_NE(r.out[r.out.size() - 2], '\n') << "zoning " << cmd << " --help ends with a blank line";
    }
}

// `map` said "run with --fix-axes" and then refused --fix-axes.
TEST(Cli, MapTakesTheFixItsMessageSuggests) {
    test::TempDir tmp;
    const std::string swapped = test::data("../../examples/field/sewage_plant_relocation_swapped.txt").string();
    const auto png = tmp / "m.png";
    auto r = test::zoning_cli({"map", "--catalog", kCatalog, swapped, "-o", png.string()});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("run with --fix-axes"), std::string::npos) << r.err;
    r = test::zoning_cli({"map", "--catalog", kCatalog, swapped, "--fix-axes", "-o", png.string()});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.err.find("fixed (--fix-axes): swap X and Y"), std::string::npos) << r.err;
    EXPECT_TRUE(std::filesystem::exists(png));
}

// The choices of --fail-on, --ellipsoidal and --lang are the library's names.
TEST(Cli, ChoicesComeFromTheLibraryEnums) {
    const auto h = test::zoning_cli({"screen", "--help"}).out;
    EXPECT_NE(h.find("{allowed,caution,restricted,prohibited}"), std::string::npos) << h;
    EXPECT_NE(h.find("{geodesic,survey}=geodesic"), std::string::npos) << h;
    EXPECT_NE(h.find("{zh,en}=zh"), std::string::npos) << h;
    const auto m = test::zoning_cli({"map", "--help"}).out;
    EXPECT_NE(m.find("{geodesic,survey}=geodesic"), std::string::npos) << m;
}

}  // namespace
}  // namespace zoning

#include <zoning/info.hpp>

namespace zoning {
namespace {

// zoning info only parses options: the library makes the report, and the command prints it.
TEST(Cli, InfoIsTheLibrarysReport) {
    const Catalog catalog = Catalog::load(kCatalog);
    const auto loaded = LoadedCatalog::load(catalog);
    const InfoReport report = catalog_info(catalog, *loaded);
    ASSERT_EQ(report.layers.size(), 6u);
    EXPECT_EQ(report.crs, "EPSG:4547");
    EXPECT_EQ(report.crs_source, "catalog");
    EXPECT_NEAR(report.layers[0].area_m2, 4.5e6, 1e-3);
    EXPECT_EQ(report.layers[0].overlapping, 1u);
    std::ostringstream json, text;
    write_info_json(json, report);
    write_info_text(text, report);
    EXPECT_EQ(test::zoning_cli({"info", "-c", kCatalog, "-f", "json", "--no-cache"}).out, json.str());
    EXPECT_EQ(test::zoning_cli({"info", "-c", kCatalog, "--no-cache"}).out, text.str());
    EXPECT_NE(text.str().find("redline  生态保护红线  [ecological_redline]\n"
                              "  source    redline.geojson  (EPSG:4547)\n"
                              "  features  3  repaired 0  skipped 0\n"
                              "  area      ellipsoidal 4499918.50 m² = 449.9919 ha  (planar 4500000.00 m²)\n"),
              std::string::npos)
        << text.str();
}

}  // namespace
}  // namespace zoning
