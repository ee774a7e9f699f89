// zoning check: the hand-built catalog tests/data/check (EPSG:4547, round coordinates) and the
// sample catalog's deliberate control-line conflicts.
//
// tests/data/check: district [470000,474000]x[4420000,4422000]. Townships 甲镇
// [470000,472000]x[4420000,4422000], 乙镇 [471800,474000]x[4420000,4421000] (overlapping 甲镇 by
// 200x1000 = 200,000) and 丙乡 [472000,473500]x[4421000,4422000], leaving a gap
// [473500,474000]x[4421000,4422000] = 500,000. Red line: 红线一 [470200,471200]x[4420200,4421200]
// and 红线二 [470700,471700]x[4420700,4421700] overlapping by 500x500 = 250,000; a bowtie
// crossing itself at (472750, 4421450). Farmland: DK001 [470000,470400]x[4420400,4420600]
// crossing 红线一 by 200x200 = 40,000 (centroid 470300, 4420500); DK002
// [473800,474200]x[4421800,4422200] lying 160,000 − 40,000 = 120,000 outside; a second DK001;
// a null geometry. Urban [471400,471600]x[4421500,4421600] inside 红线二: 20,000.
#include "test_support.hpp"

#include <zoning/catalog.hpp>
#include <zoning/check.hpp>

#include <gdal_priv.h>
#include <nlohmann/json.hpp>
#include <ogrsf_frmts.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <set>

namespace {

namespace fs = std::filesystem;
using zoning::Severity;
using zoning::test::data;
using zoning::test::zoning_cli;

const std::string kCatalog = data("check/catalog.yaml").string();

const zoning::Finding* find(const zoning::CheckReport& r, const std::string& layer, const std::string& type) {
    for (const auto& f : r.findings) {
        if (f.layer == layer && f.type == type) return &f;
    }
    return nullptr;
}

size_t count(const zoning::CheckReport& r, const std::string& type) {
    size_t n = 0;
    for (const auto& f : r.findings) n += f.type == type ? 1 : 0;
    return n;
}

class CheckSmall : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        report_ = std::make_unique<zoning::CheckReport>(zoning::run_check(zoning::Catalog::load(kCatalog)));
    }
    static void TearDownTestSuite() { report_.reset(); }
    static std::unique_ptr<zoning::CheckReport> report_;
};
std::unique_ptr<zoning::CheckReport> CheckSmall::report_;

TEST_F(CheckSmall, BowtieIsReportedWithGeosReasonAndLocation) {
    const auto* f = find(*report_, "redline", "invalid_geometry");
    ASSERT_NE(f, nullptr);
    EXPECT_EQ(f->fid, 2);
    EXPECT_EQ(f->severity, Severity::error);
    EXPECT_NE(f->detail.find("Self-intersection at 472750.000 4421450.000"), std::string::npos) << f->detail;
    EXPECT_NEAR(*f->x, 472750, 1e-6);
    EXPECT_NEAR(*f->y, 4421450, 1e-6);
    const auto* rep = find(*report_, "redline", "repaired");
    ASSERT_NE(rep, nullptr);
    EXPECT_NE(rep->detail.find("1 invalid feature(s) repaired"), std::string::npos) << rep->detail;
    EXPECT_EQ(count(*report_, "invalid_geometry"), 1U);
}

TEST_F(CheckSmall, OverlapInsideOneLayer) {
    const auto* f = find(*report_, "redline", "overlap");
    ASSERT_NE(f, nullptr);
    EXPECT_EQ(f->fid, 0);
    EXPECT_EQ(f->severity, Severity::warning);
    EXPECT_NEAR(*f->area_m2, 250'000, 250'000 * 1e-9);
    EXPECT_GT(*f->x, 470700);  // a point inside the overlap [470700,471200]x[4420700,4421200]
    EXPECT_LT(*f->x, 471200);
    EXPECT_GT(*f->y, 4420700);
    EXPECT_LT(*f->y, 4421200);
    EXPECT_NE(f->detail.find("overlaps fid 1 红线二 [HX002]"), std::string::npos) << f->detail;
    EXPECT_EQ(count(*report_, "overlap"), 1U);  // the bowtie's two lobes only touch
}

TEST_F(CheckSmall, PartitionGapAndOverlap) {
    const auto* ov = find(*report_, "townships", "partition_overlap");
    ASSERT_NE(ov, nullptr);
    EXPECT_EQ(ov->severity, Severity::error);
    EXPECT_NEAR(*ov->area_m2, 200'000, 200'000 * 1e-9);
    EXPECT_NEAR(*ov->x, 471900, 1e-6);  // the 200 m wide strip's axis
    const auto* gap = find(*report_, "townships", "partition_gap");
    ASSERT_NE(gap, nullptr);
    EXPECT_EQ(gap->severity, Severity::error);
    EXPECT_FALSE(gap->fid.has_value());
    EXPECT_NEAR(*gap->area_m2, 500'000, 500'000 * 1e-9);
    EXPECT_GT(*gap->x, 473500);
    EXPECT_LT(*gap->y, 4422000);
    EXPECT_GT(*gap->y, 4421000);
    EXPECT_EQ(count(*report_, "partition_gap"), 1U);
    EXPECT_EQ(count(*report_, "partition_overlap"), 1U);
}

TEST_F(CheckSmall, OutsideDuplicateEmpty) {
    const auto* out = find(*report_, "farmland", "outside_district");
    ASSERT_NE(out, nullptr);
    EXPECT_EQ(out->fid, 1);
    EXPECT_NEAR(*out->area_m2, 120'000, 120'000 * 1e-9);
    EXPECT_EQ(count(*report_, "outside_district"), 1U);
    const auto* dup = find(*report_, "farmland", "duplicate_code");
    ASSERT_NE(dup, nullptr);
    EXPECT_NE(dup->detail.find("DKBH 'DK001' is used by 2 features: fid 0, 2"), std::string::npos) << dup->detail;
    const auto* empty = find(*report_, "farmland", "empty_geometry");
    ASSERT_NE(empty, nullptr);
    EXPECT_EQ(empty->fid, 3);
    EXPECT_EQ(empty->severity, Severity::error);
}

TEST_F(CheckSmall, ControlLineConflicts) {
    ASSERT_EQ(report_->conflicts.size(), 2U);
    const auto& a = report_->conflicts[0];
    EXPECT_EQ(a.a, "redline");
    EXPECT_EQ(a.b, "farmland");
    EXPECT_EQ(a.a_fid, 0);
    EXPECT_EQ(a.b_fid, 0);
    EXPECT_NEAR(a.area_m2, 40'000, 40'000 * 1e-9);
    EXPECT_NEAR(a.area_ellipsoidal_m2, 40'000, 40'000 * 1e-4);
    EXPECT_LT(a.area_ellipsoidal_m2, a.area_m2);
    EXPECT_NEAR(a.x, 470300, 1e-6);
    EXPECT_NEAR(a.y, 4420500, 1e-6);
    const auto& b = report_->conflicts[1];
    EXPECT_EQ(b.a, "redline");
    EXPECT_EQ(b.b, "urban");
    EXPECT_EQ(b.a_fid, 1);
    EXPECT_NEAR(b.area_m2, 20'000, 20'000 * 1e-9);
    EXPECT_NEAR(b.x, 471500, 1e-6);
    EXPECT_NEAR(b.y, 4421550, 1e-6);
    // Errors: bowtie, null geometry, partition overlap, gap, and the two conflicts.
    EXPECT_EQ(report_->errors(), 6U);
    EXPECT_EQ(report_->findings.size(), 8U);
}

TEST(CheckCli, ExitCodesJsonAndGeometries) {
    zoning::test::TempDir tmp;
    const auto gpkg = tmp / "findings.gpkg";
    auto r = zoning_cli({"check", "--catalog", kCatalog, "-f", "json", "-o", gpkg.string()});
    ASSERT_EQ(r.code, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["schema"], "zoning.check/1");
    ASSERT_EQ(j["findings"].size(), 8U);
    const auto& first = j["findings"][0];  // errors first
    for (const char* k : {"layer", "fid", "type", "severity", "detail"}) EXPECT_TRUE(first.contains(k)) << k;
    EXPECT_EQ(first["severity"], "error");
    ASSERT_EQ(j["control_line_conflicts"].size(), 2U);
    const auto& c = j["control_line_conflicts"][0];
    EXPECT_EQ(c["a"], "redline");
    EXPECT_EQ(c["b"], "farmland");
    EXPECT_EQ(c["a_fid"], 0);
    EXPECT_EQ(c["b_fid"], 0);
    EXPECT_NEAR(c["area_m2"].get<double>(), 40'000, 1e-4);
    EXPECT_NEAR(c["x"].get<double>(), 470300, 1e-6);

    ASSERT_TRUE(fs::exists(gpkg));
    EXPECT_FALSE(fs::exists(tmp / (".zoning-tmp-" + std::to_string(::getpid()))));
    GDALAllRegister();
    GDALDatasetUniquePtr ds(GDALDataset::Open(gpkg.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    ASSERT_TRUE(ds);
    OGRLayer* fl = ds->GetLayerByName("findings");
    OGRLayer* cl = ds->GetLayerByName("control_line_conflicts");
    ASSERT_NE(fl, nullptr);
    ASSERT_NE(cl, nullptr);
    EXPECT_EQ(fl->GetFeatureCount(), 8);
    EXPECT_EQ(cl->GetFeatureCount(), 2);
    OGRFeatureUniquePtr f(cl->GetNextFeature());
    ASSERT_TRUE(f);
    EXPECT_NEAR(f->GetGeometryRef()->toMultiPolygon()->get_Area(), 40'000, 1e-6);
    EXPECT_EQ(f->GetFieldAsInteger64("b_fid"), 0);

    r = zoning_cli({"check", "--catalog", kCatalog, "--fail-on", "error"});
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_NE(r.out.find("错误 4, 警告 3, 提示 1; 三条控制线冲突 2 处"), std::string::npos) << r.out;
}

TEST(CheckCli, CleanCatalogPassesFailOn) {
    // The stats catalog has no invalid geometry and its control lines only touch except one
    // overlap: keep only the layers that are clean.
    zoning::test::TempDir tmp;
    zoning::test::write_file(tmp / "c.yaml", "name: t\ncrs: EPSG:4547\nlayers:\n  - id: townships\n    kind: admin\n    source: " +
                                                 data("stats/townships.geojson").string() +
                                                 "\n  - id: urban\n    kind: urban_boundary\n    source: " +
                                                 data("stats/urban.geojson").string() + "\n");
    auto r = zoning_cli({"check", "-c", (tmp / "c.yaml").string(), "--fail-on", "error", "-f", "json"});
    EXPECT_EQ(r.code, 0) << r.out << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["findings"].size(), 0U);
    EXPECT_EQ(j["control_line_conflicts"].size(), 0U);
}

TEST(CheckCli, MissingCrsAndMojibake) {
    zoning::test::TempDir tmp;
    zoning::test::write_file(tmp / "n.csv", "id,WKT\n1,\"POLYGON((470000 4420000,470100 4420000,470100 4420100,470000 4420000))\"\n");
    // 西坪镇 as UTF-8 bytes decoded as Latin-1, and a GeoJSON without mojibake for contrast.
    zoning::test::write_file(tmp / "m.geojson",
                             R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4547"}},"features":[)"
                             R"({"type":"Feature","properties":{"MC":"\u00e8\u00a5\u00bf\u00e5\u009d\u00aa\u00e9\u0095\u0087"},"geometry":{"type":"Polygon","coordinates":[[[470000,4420000],[470100,4420000],[470100,4420100],[470000,4420000]]]}},)"
                             R"({"type":"Feature","properties":{"MC":"西坪镇"},"geometry":{"type":"Polygon","coordinates":[[[471000,4420000],[471100,4420000],[471100,4420100],[471000,4420000]]]}}]})");
    zoning::test::write_file(tmp / "c.yaml", "name: t\ncrs: EPSG:4547\nlayers:\n  - id: nocrs\n    kind: other\n    source: n.csv\n"
                                             "  - id: assumed\n    kind: other\n    source: n.csv\n    crs: EPSG:4547\n"
                                             "  - id: names\n    kind: other\n    source: m.geojson\n    name_field: MC\n");
    auto r = zoning_cli({"check", "-c", (tmp / "c.yaml").string(), "-f", "json", "--fail-on", "error"});
    EXPECT_EQ(r.code, 1) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    std::map<std::string, nlohmann::json> by_layer_type;
    for (const auto& f : j["findings"]) by_layer_type[f["layer"].get<std::string>() + "/" + f["type"].get<std::string>()] = f;
    ASSERT_TRUE(by_layer_type.count("nocrs/missing_crs")) << r.out;
    EXPECT_EQ(by_layer_type["nocrs/missing_crs"]["severity"], "error");
    ASSERT_TRUE(by_layer_type.count("assumed/missing_crs")) << r.out;
    EXPECT_EQ(by_layer_type["assumed/missing_crs"]["severity"], "warning");
    ASSERT_TRUE(by_layer_type.count("names/attribute_encoding")) << r.out;
    const auto& enc = by_layer_type["names/attribute_encoding"];
    EXPECT_EQ(enc["fid"], 0);
    EXPECT_NE(enc["detail"].get<std::string>().find("field MC: 1 value(s): looks like UTF-8 text decoded as Latin-1"),
              std::string::npos) << enc;
}

TEST(CheckCli, GbkBytesUnderAUtf8Cpg) {
    zoning::test::TempDir tmp;
    for (const char* ext : {".shp", ".shx", ".dbf", ".prj"}) {
        fs::copy_file(data(std::string("formats/gbk_nocpg") + ext), tmp / (std::string("g") + ext));
    }
    zoning::test::write_file(tmp / "g.cpg", "UTF-8");  // wrong: the DBF holds GBK
    zoning::test::write_file(tmp / "c.yaml", "name: t\nlayers:\n  - id: g\n    kind: other\n    source: g.shp\n");
    auto r = zoning_cli({"check", "-c", (tmp / "c.yaml").string(), "-f", "json"});
    ASSERT_EQ(r.code, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);  // valid UTF-8 although the data is not
    bool found = false;
    for (const auto& f : j["findings"]) {
        if (f["type"] == "attribute_encoding") {
            found = true;
            EXPECT_EQ(f["severity"], "error");
            EXPECT_NE(f["detail"].get<std::string>().find("not UTF-8 but valid GBK"), std::string::npos) << f;
        }
    }
    EXPECT_TRUE(found) << r.out;
}

TEST(CheckCli, BadInput) {
    zoning::test::TempDir tmp;
    const auto out = tmp / "f.shp";
    auto r = zoning_cli({"check", "-c", kCatalog, "-o", out.string()});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("use .gpkg"), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty());
    EXPECT_FALSE(fs::exists(out));
    r = zoning_cli({"check", "-c", kCatalog, "-o", data("check/district.geojson").string()});
    EXPECT_EQ(r.code, 2);
    r = zoning_cli({"check", "-c", kCatalog, "--fail-on", "warning"});
    EXPECT_EQ(r.code, 2);
    r = zoning_cli({"check", "-c", (tmp / "none.yaml").string()});
    EXPECT_EQ(r.code, 2);
}

// ---- the sample catalog ------------------------------------------------------------------------

TEST(CheckSample, FindsExactlyTheDeliberateConflicts) {
    const fs::path sample = fs::path(ZONING_SOURCE_DIR) / "shapefiles/yunzhou/catalog.yaml";
    if (!fs::exists(sample)) GTEST_SKIP() << "no sample catalog";
    const auto t0 = std::chrono::steady_clock::now();
    const zoning::CheckReport r = zoning::run_check(zoning::Catalog::load(sample));
    std::printf("[ check ] sample catalog checked in %.2f s\n",
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    // shapefiles/yunzhou/README.md: DKBH, layer, overlap (m², ellipsoidal).
    const std::map<std::pair<std::string, std::string>, double> expected{
        {{"14021520300614", "redline"}, 14303.47}, {{"14021510001611", "redline"}, 16851.24},
        {{"14021510101087", "redline"}, 12802.43}, {{"14021510201274", "urban"}, 11150.73},
        {{"14021510101088", "urban"}, 29862.31}};
    std::map<std::pair<std::string, std::string>, double> found;
    for (const auto& c : r.conflicts) {
        const bool farm_a = c.a == "farmland";
        ASSERT_TRUE(farm_a || c.b == "farmland") << c.a << "/" << c.b;  // no red line/urban conflict
        found[{farm_a ? c.a_name : c.b_name, farm_a ? c.b : c.a}] += c.area_ellipsoidal_m2;
    }
    ASSERT_EQ(found.size(), expected.size());
    for (const auto& [key, area] : expected) {
        ASSERT_TRUE(found.count(key)) << key.first << " " << key.second;
        EXPECT_NEAR(found[key], area, 0.01) << key.first;
    }
    // The sample is otherwise clean: no errors besides the conflicts, partitions exact.
    EXPECT_EQ(r.count(Severity::error), 0U);
    EXPECT_EQ(count(r, "partition_gap"), 0U);
    EXPECT_EQ(count(r, "partition_overlap"), 0U);
    EXPECT_EQ(count(r, "invalid_geometry"), 0U);
    EXPECT_EQ(count(r, "outside_district"), 0U);
}

}  // namespace
