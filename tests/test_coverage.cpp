// The catalog's coverage (issue 14 item 3) and footprints that cannot be screened (issue 13: the
// per-footprint timeout): verdict `unknown`, never `allowed`. tests/data/small's coverage is the
// union of its two townships: 465000..495000 x 4410000..4430000 (EPSG:4547).
#include <zoning/catalog.hpp>
#include <zoning/error.hpp>

#include "test_support.hpp"

#include <nlohmann/json.hpp>

#include <cmath>

namespace zoning {
namespace {

using test::zoning_cli;
using nlohmann::json;

const std::string kCatalog = test::data("small/catalog.yaml").string();

/// A CSV of WKT footprints (id, WKT), read with --s-srs EPSG:4547.
std::string csv(const test::TempDir& dir, const std::vector<std::pair<std::string, std::string>>& rows,
                const std::string& name = "fp") {
    std::string text = "id,WKT\n";
    for (const auto& [id, wkt] : rows) text += id + ",\"" + wkt + "\"\n";
    const auto p = dir / (name + ".csv");
    test::write_file(p, text);
    return p.string();
}

std::vector<std::string> screen_args(const std::string& catalog, const std::string& src, std::vector<std::string> extra = {}) {
    std::vector<std::string> a{"screen", "--catalog", catalog, src, "--s-srs", "EPSG:4547", "--id-field", "id", "--no-cache"};
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
}

const json& footprint(const json& report, const std::string& id) {
    for (const auto& f : report["footprints"]) {
        if (f["id"] == id) return f;
    }
    throw std::runtime_error("no footprint " + id);
}

void expect_rel(double got, double want) { EXPECT_NEAR(got, want, std::abs(want) * 1e-9 + 1e-9); }

// Inside (IN), half outside across the east edge x = 495000 (HALF: 2 km x 1 km, 1 km outside),
// wholly outside (OUT: 1 km east of it, inside the 50 km stop), a line half... two thirds outside
// (LINE: 3 km, 2 km outside), a point outside (PT).
const std::vector<std::pair<std::string, std::string>> kCases{
    {"IN", "POLYGON ((466000 4411000,467000 4411000,467000 4412000,466000 4412000,466000 4411000))"},
    {"HALF", "POLYGON ((494000 4415000,496000 4415000,496000 4416000,494000 4416000,494000 4415000))"},
    {"OUT", "POLYGON ((496000 4415000,497000 4415000,497000 4416000,496000 4416000,496000 4415000))"},
    {"LINE", "LINESTRING (494000 4425000,497000 4425000)"},
    {"PT", "POINT (496000 4425000)"},
};

TEST(Coverage, InsideHalfOutsideAndOutsideTheDistrict) {
    test::TempDir dir;
    auto r = zoning_cli(screen_args(kCatalog, csv(dir, kCases), {"-f", "json"}));
    ASSERT_EQ(r.code, 0) << r.err;  // outside the coverage is an answer, not an error
    const json j = json::parse(r.out);
    EXPECT_EQ(j["coverage_layer"], "townships");
    EXPECT_EQ(j["verdict"], "unknown");

    const json& in = footprint(j, "IN");
    EXPECT_EQ(in["coverage"], "full");
    EXPECT_EQ(in["outside_catalog_m2"].get<double>(), 0.0);
    EXPECT_EQ(in["verdict"], "allowed");
    EXPECT_FALSE(in.contains("coverage_note"));

    // Half outside: the covered part's verdict (only the townships: allowed), 100 ha outside.
    const json& half = footprint(j, "HALF");
    EXPECT_EQ(half["coverage"], "partial");
    expect_rel(half["area_m2"].get<double>(), 2e6);
    expect_rel(half["outside_catalog_m2"].get<double>(), 1e6);
    EXPECT_EQ(half["verdict"], "allowed");
    EXPECT_EQ(half["coverage_note"], "100.0000 ha (1,500.00 mu, 50.00%) lies outside the catalog's coverage: not screened");

    // Wholly outside, 1 km from the district (within the bounding-box stop): never allowed.
    const json& out = footprint(j, "OUT");
    EXPECT_EQ(out["coverage"], "none");
    EXPECT_EQ(out["verdict"], "unknown");
    expect_rel(out["outside_catalog_m2"].get<double>(), 1e6);
    EXPECT_EQ(out["coverage_note"], "outside the catalog's coverage: not screened");
    EXPECT_TRUE(out["conflicts"].empty());
    // The one-line reason never calls it allowed: it says what was not screened.
    const std::string why = out["summary"];
    EXPECT_TRUE(why == "超出目录范围，无法审查" || why == "outside the catalog's coverage: not screened") << why;
    const std::string half_why = half["summary"];
    EXPECT_NE(half_why.find("100.0000"), std::string::npos) << half_why;  // ends with the outside sentence

    // A line without width: lengths.
    const json& line = footprint(j, "LINE");
    EXPECT_EQ(line["coverage"], "partial");
    expect_rel(line["length_m"].get<double>(), 3000);
    expect_rel(line["outside_catalog_m"].get<double>(), 2000);
    EXPECT_EQ(line["outside_catalog_m2"].get<double>(), 0.0);
    EXPECT_EQ(line["coverage_note"], "2,000.00 m (66.67%) lies outside the catalog's coverage: not screened");

    const json& pt = footprint(j, "PT");
    EXPECT_EQ(pt["coverage"], "none");
    EXPECT_EQ(pt["verdict"], "unknown");
}

TEST(Coverage, CorridorOutsideIsMeasuredOnTheCorridorAndItsCentreLine) {
    // 3 km x 20 m, flat ends: 60,000 m2, of which 2 km x 20 m = 40,000 m2 outside.
    test::TempDir dir;
    auto r = zoning_cli(screen_args(kCatalog, csv(dir, {kCases[3]}), {"--width", "20", "-f", "json"}));
    ASSERT_EQ(r.code, 0) << r.err;
    const json j = json::parse(r.out);
    const json& f = j["footprints"][0];
    EXPECT_EQ(f["coverage"], "partial");
    expect_rel(f["area_m2"].get<double>(), 60000);
    expect_rel(f["outside_catalog_m2"].get<double>(), 40000);
    expect_rel(f["outside_catalog_m"].get<double>(), 2000);
}

TEST(Coverage, TouchingTheEdgeFromInsideIsFullFromOutsideNone) {
    test::TempDir dir;
    auto r = zoning_cli(screen_args(
        kCatalog,
        csv(dir, {{"EDGE_IN", "POLYGON ((494000 4415000,495000 4415000,495000 4416000,494000 4416000,494000 4415000))"},
                  {"EDGE_OUT", "POLYGON ((495000 4415000,496000 4415000,496000 4416000,495000 4416000,495000 4415000))"},
                  {"ON_EDGE", "POINT (495000 4415500)"}}),
        {"-f", "json"}));
    ASSERT_EQ(r.code, 0) << r.err;
    const json j = json::parse(r.out);
    EXPECT_EQ(footprint(j, "EDGE_IN")["coverage"], "full");
    EXPECT_EQ(footprint(j, "EDGE_OUT")["coverage"], "none");
    EXPECT_EQ(footprint(j, "EDGE_OUT")["verdict"], "unknown");
    EXPECT_EQ(footprint(j, "ON_EDGE")["coverage"], "full");  // a point on the boundary is inside
}

TEST(Coverage, UnknownFailsFailOnAtEveryLevel) {
    test::TempDir dir;
    const std::string src = csv(dir, {kCases[0], kCases[2]});
    for (const char* level : {"allowed", "caution", "restricted", "prohibited"}) {
        auto r = zoning_cli(screen_args(kCatalog, src, {"--fail-on", level}));
        EXPECT_EQ(r.code, 1) << level << r.err;
    }
    // Inside only: allowed, so --fail-on prohibited passes.
    auto ok = zoning_cli(screen_args(kCatalog, csv(dir, {kCases[0]}, "in"), {"--fail-on", "prohibited"}));
    EXPECT_EQ(ok.code, 0) << ok.err;
    // unknown is no verdict a user can ask to fail on, nor one a catalog can give.
    EXPECT_EQ(zoning_cli(screen_args(kCatalog, src, {"--fail-on", "unknown"})).code, 2);
}

TEST(Coverage, TextSaysHowMuchWasNotScreenedAndCountsUnknownApart) {
    test::TempDir dir;
    const std::string src = csv(dir, {kCases[0], kCases[1], kCases[2]});
    auto zh = zoning_cli(screen_args(kCatalog, src));
    ASSERT_EQ(zh.code, 0) << zh.err;
    EXPECT_NE(zh.out.find("    目录范围: 100.0000 公顷(1,500.00 亩，50.00%)在目录范围外，未审查\n"), std::string::npos) << zh.out;
    EXPECT_NE(zh.out.find("    结论: 无法审查 (unknown)\n    目录范围: 超出目录范围，无法审查\n"), std::string::npos) << zh.out;
    EXPECT_NE(zh.out.find("合计: 3 — 禁止 0, 限制 0, 注意 0, 允许 2; 无法审查 1\n"), std::string::npos) << zh.out;
    auto en = zoning_cli(screen_args(kCatalog, src, {"--lang", "en"}));
    EXPECT_NE(en.out.find("    coverage: outside the catalog's coverage: not screened\n"), std::string::npos) << en.out;
    EXPECT_NE(en.out.find("total: 3 — prohibited 0, restricted 0, caution 0, allowed 2; unknown 1\n"), std::string::npos)
        << en.out;
}

TEST(Coverage, CsvColumns) {
    test::TempDir dir;
    auto r = zoning_cli(screen_args(kCatalog, csv(dir, {kCases[1], kCases[2], kCases[3]}), {"-f", "csv"}));
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find(",features,class,area_ellipsoidal_ha,area_ellipsoidal_mu,coverage,outside_catalog_m2,"
                         "outside_catalog_m,not_screened\r\n"),
              std::string::npos);
    EXPECT_NE(r.out.find(",partial,1000000.000000,,\r\n"), std::string::npos) << r.out;
    // Wholly outside: no conflict, one row, and its layer verdict is not "allowed".
    EXPECT_NE(r.out.find("OUT,,Polygon,1000000.000000,0.000000,unknown,,,,unknown,,0,0,0,0,0,0,,,0,,,0,0,none,1000000.000000,,\r\n"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find(",partial,0.000000,2000.000000,\r\n"), std::string::npos) << r.out;
}

TEST(Coverage, CatalogWithoutCoverageWarnsOnceAndKeepsVerdicts) {
    test::TempDir dir;
    auto r = zoning_cli(screen_args(test::data("small/catalog-rivers.yaml").string(), csv(dir, {kCases[2]}), {"-f", "json"}));
    ASSERT_EQ(r.code, 0) << r.err;
    const json j = json::parse(r.out);
    EXPECT_TRUE(j["coverage_layer"].is_null());
    const json& f = j["footprints"][0];
    EXPECT_EQ(f["coverage"], "unchecked");
    EXPECT_FALSE(f.contains("outside_catalog_m2"));
    EXPECT_EQ(f["verdict"], "allowed");
    size_t n = 0;
    for (const auto& w : j["warnings"]) n += w["what"].get<std::string>().find("declares no coverage") != std::string::npos;
    EXPECT_EQ(n, 1u) << j["warnings"];
}

/// The small catalog with `coverage: true` on `layer` (absolute sources), and `extra` layers.
std::string catalog_with_coverage(const test::TempDir& dir, const std::string& layer, const std::string& second = "") {
    const std::string d = test::data("small").string() + "/";
    std::string text = "name: t\ncrs: EPSG:4547\nlayers:\n";
    for (const auto& [id, kind, src] : std::vector<std::tuple<std::string, std::string, std::string>>{
             {"redline", "ecological_redline", "redline.geojson"},
             {"farmland", "permanent_farmland", "farmland.geojson"},
             {"townships", "admin", "townships.geojson"},
             {"rivers", "other", "rivers.geojson"}}) {
        text += "  - id: " + id + "\n    kind: " + kind + "\n    source: " + d + src + "\n";
        if (id == layer || id == second) text += "    coverage: true\n";
    }
    const auto p = dir / "c.yaml";
    test::write_file(p, text);
    return p.string();
}

TEST(Coverage, LayerMarkedCoverageTrueWinsOverTheAdminLayer) {
    // The farmland parcel 476000..477000 x 4420000..4420500 is the coverage: IN (a township, not
    // the parcel) is now outside it.
    test::TempDir dir;
    auto r = zoning_cli(screen_args(catalog_with_coverage(dir, "farmland"), csv(dir, {kCases[0]}), {"-f", "json"}));
    ASSERT_EQ(r.code, 0) << r.err;
    const json j = json::parse(r.out);
    EXPECT_EQ(j["coverage_layer"], "farmland");
    EXPECT_EQ(j["footprints"][0]["coverage"], "none");
    EXPECT_EQ(j["footprints"][0]["verdict"], "unknown");
}

TEST(Coverage, CoverageTrueTwiceOrOnLinesIsACatalogError) {
    test::TempDir dir;
    auto twice = zoning_cli(screen_args(catalog_with_coverage(dir, "farmland", "townships"), csv(dir, {kCases[0]})));
    EXPECT_EQ(twice.code, 2);
    EXPECT_NE(twice.err.find("c.yaml:14: layer 'townships': coverage: true is already given to layer 'farmland' (line 10)"),
              std::string::npos)
        << twice.err;
    auto lines = zoning_cli(screen_args(catalog_with_coverage(dir, "rivers"), csv(dir, {kCases[0]})));
    EXPECT_EQ(lines.code, 2);
    EXPECT_NE(lines.err.find("layer 'rivers': coverage: true needs a layer of polygons (it has lines or points)"),
              std::string::npos)
        << lines.err;
}

TEST(Coverage, SameFiguresFromTheCache) {
    test::TempDir dir;
    const std::string src = csv(dir, kCases);
    auto plain = zoning_cli(screen_args(kCatalog, src, {"-f", "json"}));
    ASSERT_EQ(zoning_cli({"index", "-c", kCatalog, "--cache-dir", dir.path().string()}).code, 0);
    std::vector<std::string> args{"screen", "--catalog", kCatalog, src, "--s-srs", "EPSG:4547", "--id-field", "id",
                                  "--cache-dir", dir.path().string(), "-f", "json"};
    auto cached = zoning_cli(args);
    ASSERT_EQ(cached.code, 0) << cached.err;
    EXPECT_EQ(cached.out, plain.out);
}

}  // namespace
}  // namespace zoning
