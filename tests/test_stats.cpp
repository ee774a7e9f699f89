// zoning stats: hand-checkable figures (tests/data/stats, EPSG:4547, round coordinates) and the
// sample catalog's plan figures.
//
// tests/data/stats: district = 2 townships, 西坪镇 x 470000-472000 and 倍加造镇 x 472000-474000,
// y 4420000-4422000 (8,000,000 m²). Red line: A [471000,473000]x[4420000,4421000] and
// B [472500,473500]x[4420500,4421500] overlapping by 250,000: union 2,750,000, of which
// 西坪镇 1,000,000 and 倍加造镇 1,750,000. Farmland: DK001 [473500,474500]x[4421500,4422500],
// 250,000 inside and 750,000 outside the district; DK002 [470500,471500]x[4420500,4421500] in
// 西坪镇, crossing red line A by 250,000. Urban [473000,474000]x[4420000,4420500] only touches the
// red line. Units: [470000,473000]x[4420000,4422000] and [473000,474000]x[4420000,4421000],
// leaving a 1,000,000 m² gap [473000,474000]x[4421000,4422000] of which red line B covers 250,000.
#include "test_support.hpp"

#include <zoning/area.hpp>
#include <zoning/catalog.hpp>
#include <zoning/error.hpp>
#include <zoning/layer.hpp>
#include <zoning/stats.hpp>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <map>
#include <random>
#include <sstream>

namespace {

using zoning::test::data;
using zoning::test::zoning_cli;

const std::string kCatalog = data("stats/catalog.yaml").string();

void expect_rel(double actual, double expected, double rel) {
    EXPECT_NEAR(actual, expected, rel * std::max(std::abs(expected), 1.0)) << "expected " << expected;
}

class StatsSmall : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        catalog_ = std::make_unique<zoning::Catalog>(zoning::Catalog::load(kCatalog));
        loaded_ = zoning::LoadedCatalog::load(*catalog_);
    }
    static void TearDownTestSuite() {
        loaded_.reset();
        catalog_.reset();
    }
    static const zoning::LayerStats& layer(const zoning::StatsReport& r, const std::string& id) {
        for (const auto& l : r.layers) {
            if (l.id == id) return l;
        }
        throw std::runtime_error("no layer " + id);
    }
    static std::map<std::string, double> rows(const zoning::LayerStats& l) {
        std::map<std::string, double> m;
        for (const auto& r : l.by) m[r.key] = r.area_m2;
        return m;
    }
    /// Geodesic area of a rectangle in the working CRS, measured on its own.
    static double geodesic_rect(double x0, double y0, double x1, double y1) {
        const auto& ctx = loaded_->context();
        zoning::AreaMeter m(loaded_->working_crs());
        char wkt[256];
        std::snprintf(wkt, sizeof wkt, "POLYGON((%f %f,%f %f,%f %f,%f %f,%f %f))", x0, y0, x1, y0, x1, y1, x0, y1, x0, y0);
        zoning::Geom g = ctx.from_wkt(wkt);
        return m.geodesic(ctx, g.get());
    }
    static std::unique_ptr<zoning::Catalog> catalog_;
    static std::unique_ptr<zoning::LoadedCatalog> loaded_;
};
std::unique_ptr<zoning::Catalog> StatsSmall::catalog_;
std::unique_ptr<zoning::LoadedCatalog> StatsSmall::loaded_;

TEST_F(StatsSmall, DistrictLayersSharesAndOutside) {
    const zoning::StatsReport r = zoning::compute_stats(*loaded_);
    EXPECT_EQ(r.total_layer, "townships");
    expect_rel(r.total_area_m2, 8'000'000, 1e-9);
    expect_rel(r.total_area_ellipsoidal_m2, geodesic_rect(470000, 4420000, 474000, 4422000), 1e-7);
    // Planar GK area is larger than the ellipsoidal one, ~28 km west of the central meridian.
    EXPECT_LT(r.total_area_ellipsoidal_m2, r.total_area_m2);
    EXPECT_GT(r.total_area_ellipsoidal_m2, r.total_area_m2 * (1 - 1e-4));

    const auto& red = layer(r, "redline");
    EXPECT_EQ(red.features, 2U);
    expect_rel(red.area_m2, 2'750'000, 1e-9);  // the 250,000 overlap counted once
    EXPECT_EQ(red.outside_m2, 0.0);
    EXPECT_NEAR(red.share, 2.75 / 8.0, 1e-6);
    expect_rel(red.share, red.area_ellipsoidal_m2 / r.total_area_ellipsoidal_m2, 1e-12);

    const auto& farm = layer(r, "farmland");
    expect_rel(farm.area_m2, 1'250'000, 1e-9);
    expect_rel(farm.outside_m2, 750'000, 1e-9);
    expect_rel(farm.outside_ellipsoidal_m2, geodesic_rect(473500, 4421500, 474500, 4422500) -
                                                geodesic_rect(473500, 4421500, 474000, 4422000), 1e-7);
    EXPECT_NEAR(farm.share, 1.25 / 8.0, 1e-6);

    const auto& urban = layer(r, "urban");
    expect_rel(urban.area_m2, 500'000, 1e-9);
    expect_rel(urban.area_ellipsoidal_m2, geodesic_rect(473000, 4420000, 474000, 4420500), 1e-7);

    // The two red-line squares overlap by 250,000 m²: the second is cut, the overlap counted once.
    EXPECT_EQ(red.overlapping, 1U);
    // Townships: two squares sharing a whole edge; units: unit one's edge x = 473000 has no
    // vertex where unit two's corner (473000, 4421000) lies. Both touch only: nothing is cut.
    EXPECT_EQ(layer(r, "townships").overlapping, 0U);
    const auto& units = layer(r, "units");
    EXPECT_EQ(units.overlapping, 0U);
    expect_rel(units.area_m2, 7'000'000, 1e-9);
}

TEST_F(StatsSmall, ByTownshipRowsAddUp) {
    zoning::StatsOptions o;
    o.by = "townships";
    const zoning::StatsReport r = zoning::compute_stats(*loaded_, o);
    EXPECT_EQ(r.by_layer, "townships");
    const auto& red = layer(r, "redline");
    ASSERT_EQ(red.by.size(), 2U);
    auto m = rows(red);
    expect_rel(m["西坪镇"], 1'000'000, 1e-9);
    expect_rel(m["倍加造镇"], 1'750'000, 1e-9);
    EXPECT_NEAR(red.by[0].share, 0.25, 1e-6);    // of 西坪镇
    EXPECT_NEAR(red.by[1].share, 0.4375, 1e-6);  // of 倍加造镇
    for (const auto& l : r.layers) {
        double planar = 0, ellipsoidal = 0;
        for (const auto& row : l.by) {
            planar += row.area_m2;
            ellipsoidal += row.area_ellipsoidal_m2;
        }
        expect_rel(planar, l.area_m2, 1e-9);
        expect_rel(ellipsoidal, l.area_ellipsoidal_m2, 1e-7);
    }
    m = rows(layer(r, "farmland"));
    expect_rel(m["西坪镇"], 1'000'000, 1e-9);
    expect_rel(m["倍加造镇"], 250'000, 1e-9);  // the in-district quarter of DK001
    m = rows(layer(r, "urban"));
    EXPECT_EQ(m["西坪镇"], 0.0);
    expect_rel(m["倍加造镇"], 500'000, 1e-9);
}

TEST_F(StatsSmall, ByUnitsWithAGapGetsARemainderRow) {
    zoning::StatsOptions o;
    o.by = "units";
    o.layers = {"redline"};
    const zoning::StatsReport r = zoning::compute_stats(*loaded_, o);
    ASSERT_EQ(r.layers.size(), 1U);
    const auto& red = r.layers[0];
    ASSERT_EQ(red.by.size(), 3U);
    expect_rel(red.by[0].area_m2, 2'250'000, 1e-9);  // A 2,000,000 + B's 500,000 west of 473000 − 250,000 overlap
    expect_rel(red.by[1].area_m2, 250'000, 1e-9);    // B in [473000,473500]x[4420500,4421000]
    EXPECT_TRUE(red.by[2].remainder);
    expect_rel(red.by[2].area_m2, 250'000, 1e-9);    // B in the gap
    expect_rel(red.by[0].area_m2 + red.by[1].area_m2 + red.by[2].area_m2, red.area_m2, 1e-9);
}

TEST_F(StatsSmall, ControlLineOverlapsAndNamedPairs) {
    zoning::StatsOptions o;
    o.overlaps = {{"urban", "units"}};
    const zoning::StatsReport r = zoning::compute_stats(*loaded_, o);
    ASSERT_EQ(r.overlaps.size(), 4U);
    std::map<std::string, double> m;
    for (const auto& ov : r.overlaps) m[ov.a + "/" + ov.b] = ov.area_m2;
    expect_rel(m["redline/farmland"], 250'000, 1e-9);
    EXPECT_EQ(m["redline/urban"], 0.0);  // touching along an edge and a corner is no overlap
    EXPECT_EQ(m["farmland/urban"], 0.0);
    expect_rel(m["urban/units"], 500'000, 1e-9);
}

TEST_F(StatsSmall, WideGivesTheControlLineOverlapsPerTownship) {
    zoning::StatsOptions o;
    o.by = "townships";
    o.wide = true;
    const zoning::StatsReport r = zoning::compute_stats(*loaded_, o);
    ASSERT_EQ(r.units.size(), 2U);
    EXPECT_EQ(r.units[0].key, "西坪镇");
    expect_rel(r.units[0].area_m2, 4'000'000, 1e-9);
    expect_rel(r.units[1].area_ellipsoidal_m2, geodesic_rect(472000, 4420000, 474000, 4422000), 1e-7);
    ASSERT_EQ(r.overlaps.size(), 3U);
    const auto& rf = r.overlaps[0];  // red line A ∩ DK002, all in 西坪镇
    ASSERT_EQ(rf.a + "/" + rf.b, "redline/farmland");
    expect_rel(rf.in_area_m2, 250'000, 1e-9);
    expect_rel(rf.in_area_ellipsoidal_m2, rf.area_ellipsoidal_m2, 1e-12);  // nothing outside
    ASSERT_EQ(rf.by.size(), 2U);
    expect_rel(rf.by[0].area_m2, 250'000, 1e-9);
    EXPECT_EQ(rf.by[1].area_m2, 0.0);
    EXPECT_NEAR(rf.by[0].share, 250'000.0 / 4'000'000, 1e-6);
    for (size_t i = 1; i < 3; ++i) {
        EXPECT_EQ(r.overlaps[i].in_area_m2, 0.0) << r.overlaps[i].a << "/" << r.overlaps[i].b;
        for (const auto& row : r.overlaps[i].by) {
            EXPECT_EQ(row.area_m2, 0.0);
        }
    }
    // Without wide nothing of this is computed.
    o.wide = false;
    const zoning::StatsReport plain = zoning::compute_stats(*loaded_, o);
    EXPECT_TRUE(plain.units.empty());
    EXPECT_TRUE(plain.overlaps[0].by.empty());
}

TEST(StatsWide, ClassesPerTownshipOnTheSmallCatalog) {
    // tests/data/small: water 一级 [480000,481000]x[4420000,4421000] (1 km², in 倍加造镇, x >= 480000),
    // 二级 the ring [479000,482000]x[4419000,4422000] less 一级 (8 km²: 3 km² west of x = 480000 in
    // 西坪镇, 5 km² in 倍加造镇).
    const zoning::Catalog c = zoning::Catalog::load(data("small/catalog.yaml"));
    zoning::LoadOptions lo;
    lo.use_cache = false;
    auto loaded = zoning::LoadedCatalog::load(c, lo);
    zoning::StatsOptions o;
    o.by = "townships";
    o.wide = true;
    const zoning::StatsReport r = zoning::compute_stats(*loaded, o);
    const zoning::LayerStats* water = nullptr;
    for (const auto& l : r.layers) {
        if (l.id == "water") water = &l;
        if (l.id == "redline" || l.id == "farmland" || l.id == "urban") {
            EXPECT_TRUE(l.classes.empty()) << l.id;
        }
    }
    ASSERT_NE(water, nullptr);
    ASSERT_EQ(water->classes.size(), 2U);
    const auto& first = water->classes[0];
    const auto& second = water->classes[1];
    EXPECT_EQ(first.cls, "一级保护区");  // the most severe first
    EXPECT_EQ(first.verdict, zoning::Verdict::prohibited);
    EXPECT_EQ(second.cls, "二级保护区");
    EXPECT_EQ(first.features, 1U);
    expect_rel(first.area_m2, 1'000'000, 1e-9);
    expect_rel(second.area_m2, 8'000'000, 1e-9);
    ASSERT_EQ(first.by.size(), 2U);
    EXPECT_EQ(first.by[0].area_m2, 0.0);  // touches 西坪镇 along x = 480000 only
    expect_rel(first.by[1].area_m2, 1'000'000, 1e-9);
    ASSERT_EQ(second.by.size(), 2U);
    expect_rel(second.by[0].area_m2, 3'000'000, 1e-9);
    expect_rel(second.by[1].area_m2, 5'000'000, 1e-9);
    // The classes partition the layer here: they add up to it, per township too.
    expect_rel(first.area_ellipsoidal_m2 + second.area_ellipsoidal_m2, water->area_ellipsoidal_m2, 1e-9);
    for (size_t u = 0; u < 2; ++u) {
        expect_rel(first.by[u].area_ellipsoidal_m2 + second.by[u].area_ellipsoidal_m2, water->by[u].area_ellipsoidal_m2, 1e-9);
    }
    EXPECT_NEAR(second.by[0].share, 3'000'000.0 / 300'000'000, 1e-7);  // of 西坪镇's 300 km²
}

TEST(StatsWide, OverlappingClassesCountEachClassWhole) {
    // Two classes that overlap: each class is the union of its own features, so a class lying
    // inside another still counts whole (the layer counts the overlap once).
    zoning::test::TempDir dir;
    zoning::test::write_file(dir / "towns.geojson", R"({"type":"FeatureCollection","name":"towns",
"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4547"}},"features":[
{"type":"Feature","properties":{"MC":"甲"},"geometry":{"type":"Polygon","coordinates":[[[470000,4420000],[472000,4420000],[472000,4422000],[470000,4422000],[470000,4420000]]]}},
{"type":"Feature","properties":{"MC":"乙"},"geometry":{"type":"Polygon","coordinates":[[[472000,4420000],[474000,4420000],[474000,4422000],[472000,4422000],[472000,4420000]]]}}]}
)");
    zoning::test::write_file(dir / "zones.geojson", R"({"type":"FeatureCollection","name":"zones",
"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4547"}},"features":[
{"type":"Feature","properties":{"JB":"二级"},"geometry":{"type":"Polygon","coordinates":[[[471000,4420000],[473000,4420000],[473000,4421000],[471000,4421000],[471000,4420000]]]}},
{"type":"Feature","properties":{"JB":"一级"},"geometry":{"type":"Polygon","coordinates":[[[471500,4420000],[472500,4420000],[472500,4420500],[471500,4420500],[471500,4420000]]]}},
{"type":"Feature","properties":{"JB":"二级"},"geometry":{"type":"Polygon","coordinates":[[[472500,4420000],[473500,4420000],[473500,4421000],[472500,4421000],[472500,4420000]]]}}]}
)");
    zoning::test::write_file(dir / "catalog.yaml",
                             "name: t\ncrs: EPSG:4547\nlayers:\n"
                             "  - {id: towns, kind: admin, source: towns.geojson, name_field: MC}\n"
                             "  - id: zones\n    kind: water_source\n    source: zones.geojson\n    class_field: JB\n"
                             "    verdict: restricted\n    classes:\n      一级: {verdict: prohibited}\n      二级: {verdict: restricted}\n");
    const zoning::Catalog c = zoning::Catalog::load(dir / "catalog.yaml");
    zoning::LoadOptions lo;
    lo.use_cache = false;
    auto loaded = zoning::LoadedCatalog::load(c, lo);
    zoning::StatsOptions o;
    o.by = "towns";
    o.wide = true;
    o.layers = {"zones"};
    const zoning::StatsReport r = zoning::compute_stats(*loaded, o);
    ASSERT_EQ(r.layers.size(), 1U);
    const auto& z = r.layers[0];
    expect_rel(z.area_m2, 2'500'000, 1e-9);  // [471000,473500]x[4420000,4421000]
    ASSERT_EQ(z.classes.size(), 2U);
    EXPECT_EQ(z.classes[0].cls, "一级");
    expect_rel(z.classes[0].area_m2, 500'000, 1e-9);
    expect_rel(z.classes[0].by[0].area_m2, 250'000, 1e-9);
    expect_rel(z.classes[0].by[1].area_m2, 250'000, 1e-9);
    EXPECT_EQ(z.classes[1].cls, "二级");
    expect_rel(z.classes[1].area_m2, 2'500'000, 1e-9);  // its two features overlap by 500,000: once
    expect_rel(z.classes[1].by[0].area_m2, 1'000'000, 1e-9);
    expect_rel(z.classes[1].by[1].area_m2, 1'500'000, 1e-9);
    // The text says the classes add up to more than the layer.
    auto cli = zoning_cli({"stats", "-c", (dir / "catalog.yaml").string(), "--by", "towns", "--wide", "--no-cache"});
    ASSERT_EQ(cli.code, 0) << cli.err;
    EXPECT_NE(cli.out.find("的类别相互重叠"), std::string::npos) << cli.out;
}

TEST_F(StatsSmall, UnknownLayerIsAnInputError) {
    zoning::StatsOptions o;
    o.by = "nope";
    EXPECT_THROW((void)zoning::compute_stats(*loaded_, o), zoning::InputError);
}

TEST(StatsCli, JsonSchema) {
    auto r = zoning_cli({"stats", "--catalog", kCatalog, "--by", "townships", "--format", "json"});
    ASSERT_EQ(r.code, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["schema"], "zoning.stats/1");
    EXPECT_EQ(j["crs"], "EPSG:4547");
    EXPECT_EQ(j["total"]["layer"], "townships");
    EXPECT_NEAR(j["total"]["area_m2"].get<double>(), 8e6, 1e-3);
    const auto& red = j["layers"][1];
    EXPECT_EQ(red["id"], "redline");
    EXPECT_EQ(red["kind"], "ecological_redline");
    EXPECT_EQ(red["features"], 2);
    for (const char* k : {"area_m2", "area_ellipsoidal_m2", "share", "outside_m2"}) EXPECT_TRUE(red.contains(k)) << k;
    EXPECT_EQ(red["by"][0]["key"], "西坪镇");
    EXPECT_NEAR(red["by"][1]["area_m2"].get<double>(), 1.75e6, 1e-3);
    ASSERT_EQ(j["overlaps"].size(), 3U);
    EXPECT_EQ(j["overlaps"][0]["a"], "redline");
    EXPECT_EQ(j["overlaps"][0]["b"], "farmland");
    EXPECT_NEAR(j["overlaps"][0]["area_m2"].get<double>(), 250'000, 1e-4);
}

TEST(StatsCli, CsvHasBomAndOneRowPerUnit) {
    auto r = zoning_cli({"stats", "-c", kCatalog, "--by", "townships", "--layers", "redline,farmland", "-f", "csv"});
    ASSERT_EQ(r.code, 0) << r.err;
    ASSERT_EQ(r.out.rfind("\xEF\xBB\xBF" "section,layer,title,kind,key,features,area_m2,", 0), 0U) << r.out;
    EXPECT_NE(r.out.find("\r\nlayer,redline,生态保护红线,ecological_redline,,2,2750000.000000,"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\r\nby,redline,生态保护红线,ecological_redline,倍加造镇,,1750000.000000,"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\r\noverlap,redline,,,farmland,,250000.000000,"), std::string::npos) << r.out;
}

TEST(StatsCli, TextShowsUnitsAndTotals) {
    auto r = zoning_cli({"stats", "-c", kCatalog, "--by", "townships", "--layers", "redline,farmland"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("区域总面积 (townships 乡镇): 8.00 km²"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("34.38%"), std::string::npos) << r.out;  // 2.75 / 8
    EXPECT_NE(r.out.find("合计 (区内)"), std::string::npos);
    EXPECT_NE(r.out.find("750,000.00"), std::string::npos);  // farmland outside the district
}

TEST(StatsCli, BadInput) {
    auto r = zoning_cli({"stats", "-c", kCatalog, "--by", "nope"});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("--by: the catalog"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("has no layer 'nope' (layers: townships, redline"), std::string::npos) << r.err;
    r = zoning_cli({"stats", "-c", kCatalog, "--overlap", "redline"});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("--overlap 'redline': give two layer ids as A,B"), std::string::npos) << r.err;
    r = zoning_cli({"stats", "-c", data("stats/none.yaml").string()});
    EXPECT_EQ(r.code, 2);
    EXPECT_TRUE(r.out.empty());
}

TEST(StatsCli, WideNeedsByAndLeavesTheAdminLayersOut) {
    auto r = zoning_cli({"stats", "-c", kCatalog, "--wide"});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("--wide: give the layer whose units make the rows with --by"), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty());
    // The default text leaves out the admin layer covering the whole district, and says so.
    r = zoning_cli({"stats", "-c", kCatalog, "--by", "townships"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out.find("[townships"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("  townships  "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("注: 行政区或地类图层 townships 乡镇 覆盖全区 (100.00%), 未列出"), std::string::npos) << r.out;
    // Named with --layers it is shown; JSON always has it.
    r = zoning_cli({"stats", "-c", kCatalog, "--by", "townships", "--layers", "townships,redline"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("[townships 乡镇]"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("未列出"), std::string::npos) << r.out;
    r = zoning_cli({"stats", "-c", kCatalog, "-f", "json"});
    EXPECT_NE(r.out.find("\"id\": \"townships\""), std::string::npos);
    // The wide CSV: one row per unit, then the remainder (the units leave a gap) and the total.
    r = zoning_cli({"stats", "-c", kCatalog, "--by", "units", "--wide", "-f", "csv", "--layers", "redline"});
    ASSERT_EQ(r.code, 0) << r.err;
    ASSERT_EQ(r.out.rfind("\xEF\xBB\xBF" "key,fid,area_m2,area_ellipsoidal_m2,area_ha,redline_area_m2,redline_ha,redline_share\r\n", 0), 0U) << r.out;
    EXPECT_NE(r.out.find("\r\n(units 之外 / outside every units unit),,,,,250000.000000,"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\r\n合计 (全区),,8000000.000000,"), std::string::npos) << r.out;
}

// ---- the sample catalog ------------------------------------------------------------------------

const std::filesystem::path kSample = std::filesystem::path(ZONING_SOURCE_DIR) / "shapefiles/yunzhou/catalog.yaml";

TEST(StatsSample, ReproducesThePlan) {
    if (!std::filesystem::exists(kSample)) GTEST_SKIP() << "no sample catalog";
    const auto t0 = std::chrono::steady_clock::now();
    const zoning::Catalog c = zoning::Catalog::load(kSample);
    auto loaded = zoning::LoadedCatalog::load(c);
    zoning::StatsOptions o;
    o.by = "townships";
    const zoning::StatsReport r = zoning::compute_stats(*loaded, o);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    RecordProperty("seconds", std::to_string(seconds));
    std::printf("[ stats ] sample catalog loaded and measured in %.2f s\n", seconds);

    EXPECT_EQ(r.total_layer, "district");
    EXPECT_NEAR(r.total_area_ellipsoidal_m2 / zoning::kM2PerKm2, 1478.34, 0.005);  // 1,478.34 km²
    const zoning::LayerStats* red = nullptr;
    for (const auto& l : r.layers) {
        if (l.id == "redline") red = &l;
        EXPECT_EQ(l.outside_m2, 0.0) << l.id;
        if (l.by.empty()) continue;
        double sum = 0;
        for (const auto& row : l.by) sum += row.area_ellipsoidal_m2;
        expect_rel(sum, l.area_ellipsoidal_m2, 1e-7);  // township rows add up
        EXPECT_FALSE(l.by.back().remainder) << l.id;   // townships partition the district
    }
    ASSERT_NE(red, nullptr);
    EXPECT_NEAR(red->area_ellipsoidal_m2 / zoning::kM2PerHa, 50522.19, 0.005);  // 50,522.19 ha
    EXPECT_NEAR(std::round(red->share * 1000) / 10, 34.2, 1e-9);                // 34.2 %
    EXPECT_EQ(red->features, 341U);

    // README: the townships' areas.
    const std::map<std::string, double> townships_ha{
        {"西坪镇", 22006.19}, {"倍加造镇", 14087.57}, {"周士庄镇", 13901.21}, {"吉家庄乡", 19470.94}, {"峰峪乡", 23927.40},
        {"杜庄乡", 20943.40}, {"党留庄乡", 16729.18}, {"聚乐乡", 5936.46},   {"许堡乡", 10831.63}};
    const zoning::LayerStats* district = nullptr;
    for (const auto& l : r.layers) {
        if (l.id == "district") district = &l;
    }
    ASSERT_NE(district, nullptr);
    ASSERT_EQ(district->by.size(), 9U);
    for (const auto& row : district->by) {
        ASSERT_TRUE(townships_ha.count(row.key)) << row.key;
        EXPECT_NEAR(row.area_ellipsoidal_m2 / zoning::kM2PerHa, townships_ha.at(row.key), 0.005) << row.key;
    }
    // README: farmland ∩ red line = the three deliberate parcels, ∩ urban = the other two.
    std::map<std::string, double> ov;
    for (const auto& x : r.overlaps) ov[x.a + "/" + x.b] = x.area_ellipsoidal_m2;
    EXPECT_NEAR(ov["redline/farmland"], 14303.47 + 16851.24 + 12802.43, 0.02);
    EXPECT_NEAR(ov["farmland/urban"], 11150.73 + 29862.31, 0.02);
    EXPECT_EQ(ov["redline/urban"], 0.0);
}

TEST(StatsSample, WideTownshipCellsAddUpToTheDistrict) {
    // The bureau's table: every cell of a township row, summed over the 9 townships (a partition
    // of the district), gives the district row; classes and control-line overlaps included.
    if (!std::filesystem::exists(kSample)) GTEST_SKIP() << "no sample catalog";
    const zoning::Catalog c = zoning::Catalog::load(kSample);
    auto loaded = zoning::LoadedCatalog::load(c);
    zoning::StatsOptions o;
    o.by = "townships";
    o.wide = true;
    const zoning::StatsReport r = zoning::compute_stats(*loaded, o);
    ASSERT_EQ(r.units.size(), 9U);
    double units_e = 0;
    for (const auto& u : r.units) units_e += u.area_ellipsoidal_m2;
    expect_rel(units_e, r.total_area_ellipsoidal_m2, 1e-7);
    auto sums_up = [&](const std::string& what, const std::vector<zoning::StatsRow>& rows, double planar, double e) {
        ASSERT_EQ(rows.size(), 9U) << what << ": no remainder row, the townships partition the district";
        double sp = 0, se = 0, ha_shown = 0;
        for (const auto& row : rows) {
            sp += row.area_m2;
            se += row.area_ellipsoidal_m2;
            ha_shown += std::round(row.area_ellipsoidal_m2 / zoning::kM2PerHa * 100) / 100;  // as the text shows it
        }
        EXPECT_NEAR(sp, planar, 1e-9 * planar + 1e-6) << what;
        EXPECT_NEAR(se, e, 1e-7 * e + 1e-6) << what;
        EXPECT_NEAR(ha_shown, std::round(e / zoning::kM2PerHa * 100) / 100, 9 * 0.005 + 1e-9) << what;
    };
    std::map<std::string, const zoning::LayerStats*> by_id;
    for (const auto& l : r.layers) {
        by_id[l.id] = &l;
        if (l.dimension != 2) continue;
        sums_up(l.id, l.by, l.area_m2, l.area_ellipsoidal_m2);
        double classes_e = 0;
        for (const auto& cl : l.classes) {
            sums_up(l.id + " " + cl.cls, cl.by, cl.area_m2, cl.area_ellipsoidal_m2);
            classes_e += cl.area_ellipsoidal_m2;
        }
        // The sample's classes do not overlap: they add up to the layer.
        if (!l.classes.empty()) expect_rel(classes_e, l.area_ellipsoidal_m2, 1e-7);
    }
    // Classes where the catalog has a class_field, most severe first.
    auto names = [&](const std::string& id) {
        std::vector<std::string> v;
        for (const auto& cl : by_id.at(id)->classes) v.push_back(cl.cls);
        return v;
    };
    EXPECT_EQ(names("water"), (std::vector<std::string>{"一级保护区", "二级保护区", "准保护区"}));
    EXPECT_EQ(names("reserve"), (std::vector<std::string>{"核心保护区", "一般控制区"}));
    EXPECT_EQ(names("units"), (std::vector<std::string>{"优先保护单元", "重点管控单元", "一般管控单元"}));
    EXPECT_TRUE(by_id.at("redline")->classes.empty());
    // Real values (the plain --by table gives the same): red line in 吉家庄乡 and 峰峪乡.
    const auto& red = *by_id.at("redline");
    EXPECT_EQ(red.by[3].key, "吉家庄乡");
    EXPECT_NEAR(red.by[3].area_ellipsoidal_m2 / zoning::kM2PerHa, 16521.47, 0.005);
    EXPECT_NEAR(red.by[3].share, 0.8485, 0.00005);
    EXPECT_EQ(red.by[4].key, "峰峪乡");
    EXPECT_NEAR(red.by[4].area_ellipsoidal_m2 / zoning::kM2PerHa, 13522.01, 0.005);
    // Control-line overlaps per township add up to the district's figures (README: the deliberate
    // parcels), all inside the district.
    std::map<std::string, const zoning::OverlapStats*> ov;
    for (const auto& x : r.overlaps) ov[x.a + "/" + x.b] = &x;
    ASSERT_EQ(ov.count("redline/farmland"), 1U);
    for (const auto& [name, x] : ov) {
        expect_rel(x->in_area_ellipsoidal_m2, x->area_ellipsoidal_m2, 1e-9);
        if (x->area_m2 > 0) sums_up(name, x->by, x->in_area_m2, x->in_area_ellipsoidal_m2);
    }
    EXPECT_NEAR(ov["redline/farmland"]->in_area_ellipsoidal_m2, 14303.47 + 16851.24 + 12802.43, 0.02);
    EXPECT_NEAR(ov["farmland/urban"]->in_area_ellipsoidal_m2, 11150.73 + 29862.31, 0.02);
    size_t townships_with_overlap = 0;
    for (const auto& row : ov["redline/farmland"]->by) townships_with_overlap += row.area_m2 > 0 ? 1 : 0;
    EXPECT_GE(townships_with_overlap, 1U);

    // The text: the total row shows the district's figures.
    std::ostringstream text;
    zoning::write_stats_wide_text(text, r);
    EXPECT_NE(text.str().find("合计 (全区)  147,834.00  50,522.19 (34.17%)"), std::string::npos) << text.str();
    EXPECT_NE(text.str().find("50,522.19 (34.17%)"), std::string::npos) << text.str();
    EXPECT_NE(text.str().find("注: 行政区或地类图层 district 云州区行政区, townships 乡镇行政区, landuse "), std::string::npos) << text.str();
}

TEST(StatsSample, CoverageUnionMatchesCascadedUnion) {
    if (!std::filesystem::exists(kSample)) GTEST_SKIP() << "no sample catalog";
    const zoning::Catalog c = zoning::Catalog::load(kSample);
    auto loaded = zoning::LoadedCatalog::load(c);
    const auto& ctx = loaded->context();
    zoning::StatsOptions o;
    o.layers = {"townships", "units"};
    const zoning::StatsReport r = zoning::compute_stats(*loaded, o);
    ASSERT_EQ(r.layers.size(), 2U);
    for (const auto& l : r.layers) {
        EXPECT_EQ(l.overlapping, 0U) << l.id;  // exact partitions
        const zoning::ZoneLayer& zl = *loaded->find(l.id);
        std::vector<const GEOSGeometry*> parts;
        std::vector<zoning::Geom> clones;
        for (const auto& f : zl.features()) {
            parts.push_back(f.geom.get());
            clones.push_back(ctx.clone(f.geom.get()));
        }
        ASSERT_FALSE(parts.empty()) << l.id;
        const zoning::Geom coll = ctx.collect(std::move(clones));
        const zoning::Geom cov = ctx.own(GEOSCoverageUnion_r(ctx, coll.get()), "coverage union");
        const zoning::Geom cascaded = ctx.union_all(parts);
        double a_cov = 0, a_cas = 0;
        GEOSArea_r(ctx, cov.get(), &a_cov);
        GEOSArea_r(ctx, cascaded.get(), &a_cas);
        EXPECT_GT(a_cas, 0.0) << l.id;
        expect_rel(a_cov, a_cas, 1e-9);
        expect_rel(l.area_m2, a_cas, 1e-9);
    }
}

// Polygon layers are measured piece by piece (each feature less the features before it that
// overlap it) instead of on their union. Heavily overlapping random layers, a bowtie that MakeValid
// splits, a duplicate and a feature inside another: every figure must equal the one measured on
// the layers' cascaded unions.
std::string random_layer_geojson(const std::string& name, unsigned seed, int n) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> x(469000, 477000), y(4419000, 4425000), r(80, 900), u(0, 1);
    std::ostringstream out;
    out.precision(12);
    out << R"({"type":"FeatureCollection","name":")" << name
        << R"(","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4547"}},"features":[)";
    auto feature = [&](int id, const std::string& rings) {
        out << (id > 0 ? "," : "") << R"({"type":"Feature","properties":{"MC":")" << name << id
            << R"("},"geometry":{"type":"Polygon","coordinates":[)" << rings << "]}}";
    };
    std::string first;
    for (int i = 0; i < n; ++i) {
        const double cx = x(rng), cy = y(rng), rad = r(rng);
        const int k = 5 + static_cast<int>(u(rng) * 12);
        std::ostringstream ring;
        ring.precision(12);
        ring << "[";
        for (int v = 0; v <= k; ++v) {
            const double a = 2 * M_PI * (v % k) / k;
            const double rr = rad * (0.55 + 0.45 * std::sin(3.0 * a + seed));
            ring << (v > 0 ? "," : "") << "[" << cx + rr * std::cos(a) << "," << cy + rr * std::sin(a) << "]";
        }
        ring << "]";
        if (i == 0) first = ring.str();
        feature(i, ring.str());
    }
    feature(n, first);  // a duplicate of the first feature
    feature(n + 1, "[[472000,4421000],[472600,4421000],[472000,4421600],[472600,4421600],[472000,4421000]]");  // a bowtie
    feature(n + 2, "[[472100,4421050],[472300,4421050],[472300,4421200],[472100,4421200],[472100,4421050]]");  // inside the bowtie
    out << "]}\n";
    return out.str();
}

TEST(StatsPieces, OverlappingLayersMeasureAsTheirUnions) {
    zoning::test::TempDir dir;
    zoning::test::write_file(dir / "towns.geojson", R"({"type":"FeatureCollection","name":"towns",
"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4547"}},"features":[
{"type":"Feature","properties":{"MC":"甲"},"geometry":{"type":"Polygon","coordinates":[[[470000,4420000],[473000,4420000],[473000,4424000],[470000,4424000],[470000,4420000]]]}},
{"type":"Feature","properties":{"MC":"乙"},"geometry":{"type":"Polygon","coordinates":[[[473000,4420000],[476000,4420000],[476000,4422000],[473000,4422000],[473000,4420000]]]}}]}
)");
    zoning::test::write_file(dir / "red.geojson", random_layer_geojson("red", 11, 300));
    zoning::test::write_file(dir / "farm.geojson", random_layer_geojson("farm", 23, 120));
    zoning::test::write_file(dir / "catalog.yaml", R"(name: 重叠测试
crs: EPSG:4547
layers:
  - {id: towns, title: 乡镇, kind: admin, source: towns.geojson, name_field: MC}
  - {id: red, title: 红线, kind: ecological_redline, source: red.geojson, name_field: MC}
  - {id: farm, title: 农田, kind: permanent_farmland, source: farm.geojson, name_field: MC}
)");
    const zoning::Catalog c = zoning::Catalog::load(dir / "catalog.yaml");
    auto loaded = zoning::LoadedCatalog::load(c);
    const auto& ctx = loaded->context();
    // The survey area (10 m strips) measures the GK polygon itself: pieces and union agree to
    // 1e-9. The geodesic area joins the vertices by geodesics, and the pieces' boundaries have
    // vertices where the union's have none (and back): ~1e-8 apart on edges of up to 1.8 km.
    for (const auto& [method, ell_tol] : {std::pair{zoning::EllipsoidalMethod::survey, 1e-9},
                                         std::pair{zoning::EllipsoidalMethod::geodesic, 5e-8}}) {
    SCOPED_TRACE(zoning::to_string(method));
    const zoning::AreaMeter meter(loaded->working_crs(), method);
    zoning::StatsOptions o;
    o.by = "towns";
    o.ellipsoidal = method;
    const zoning::StatsReport r = zoning::compute_stats(*loaded, o);

    const GEOSGeometry* district = loaded->find("towns")->union_geometry();
    // Town 乙 leaves [473000,476000]x[4422000,4424000] of the district's envelope uncovered, but the
    // district is the union of the towns: everything outside it is "outside".
    auto area = [&](const zoning::Geom& g) { return meter.planar(ctx, g.get()); };
    auto ell = [&](const zoning::Geom& g) { return meter.ellipsoidal(ctx, g.get()); };
    const GEOSGeometry* ured = loaded->find("red")->union_geometry();
    const GEOSGeometry* ufarm = loaded->find("farm")->union_geometry();
    for (const auto& l : r.layers) {
        if (l.id == "towns") continue;
        const GEOSGeometry* u = l.id == "red" ? ured : ufarm;
        EXPECT_GT(l.overlapping, 20U) << l.id;
        const zoning::Geom in = ctx.polygonal_part(ctx.own(GEOSIntersection_r(ctx, u, district), "i").get());
        const zoning::Geom out = ctx.polygonal_part(ctx.own(GEOSDifference_r(ctx, u, district), "d").get());
        EXPECT_GT(area(in), 5e6) << l.id;
        EXPECT_GT(area(out), 1e6) << l.id;
        expect_rel(l.area_m2, area(in), 1e-9);
        expect_rel(l.outside_m2, area(out), 1e-9);
        expect_rel(l.area_ellipsoidal_m2, ell(in), ell_tol);
        expect_rel(l.outside_ellipsoidal_m2, ell(out), ell_tol);
        ASSERT_EQ(l.by.size(), 2U) << l.id;
        for (size_t t = 0; t < 2; ++t) {
            const GEOSGeometry* town = loaded->find("towns")->features()[t].geom.get();
            const zoning::Geom part = ctx.polygonal_part(ctx.own(GEOSIntersection_r(ctx, in.get(), town), "t").get());
            expect_rel(l.by[t].area_m2, area(part), 1e-9);
            expect_rel(l.by[t].area_ellipsoidal_m2, ell(part), ell_tol);
        }
    }
    ASSERT_EQ(r.overlaps.size(), 1U);
    const zoning::Geom both = ctx.polygonal_part(ctx.own(GEOSIntersection_r(ctx, ured, ufarm), "o").get());
    EXPECT_GT(area(both), 1e6);
    expect_rel(r.overlaps[0].area_m2, area(both), 1e-9);
    expect_rel(r.overlaps[0].area_ellipsoidal_m2, ell(both), ell_tol);
    }
    // Layers of 256 features or more are cut in parallel: the same report for any thread count.
    std::string json[2];
    for (unsigned t : {1U, 2U}) {
        zoning::StatsOptions o;
        o.by = "towns";
        o.threads = t;
        std::ostringstream out;
        zoning::write_stats_json(out, zoning::compute_stats(*loaded, o));
        json[t - 1] = out.str();
    }
    EXPECT_GT(loaded->find("red")->features().size(), 256U);
    EXPECT_EQ(json[0], json[1]);
}

}  // namespace
