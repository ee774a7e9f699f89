// The one feature pipeline (io/feature_reader) and its three policies for a bad feature, on one
// GeoJSON in EPSG:4547: fid 10 a valid 100 m square; fid 11 no geometry; fid 12 a bowtie
// crossing itself at (470300, 4420100), two triangles of 200 x 100 / 2 = 10,000 m² each; fid 13 a
// polygon collapsed onto a line (invalid, and nothing polygonal is left after MakeValid).
//   - a zoning layer repairs and warns, and skips (with a warning) what is empty;
//   - `zoning check` records a finding for each, with GEOS's reason and location;
//   - footprints stop with exit 2 naming the file, layer and fid (a bowtie is repaired, warned).
#include "test_support.hpp"

#include <zoning/catalog.hpp>
#include <zoning/check.hpp>
#include <zoning/layer.hpp>

#include <string>
#include <vector>

namespace {

using zoning::test::TempDir;
using zoning::test::write_file;
using zoning::test::zoning_cli;

std::string feature(int id, const std::string& geometry) {
    return R"({"type": "Feature", "id": )" + std::to_string(id) + R"(, "properties": {"NAME": "f)" +
           std::to_string(id) + R"("}, "geometry": )" + geometry + "}";
}

const std::string kSquare = feature(
    10, R"({"type": "Polygon", "coordinates": [[[470000, 4420000], [470100, 4420000], [470100, 4420100], [470000, 4420100], [470000, 4420000]]]})");
const std::string kNull = feature(11, "null");
const std::string kBowtie = feature(
    12, R"({"type": "Polygon", "coordinates": [[[470200, 4420000], [470400, 4420200], [470400, 4420000], [470200, 4420200], [470200, 4420000]]]})");
const std::string kCollapsed = feature(
    13, R"({"type": "Polygon", "coordinates": [[[470500, 4420000], [470600, 4420000], [470700, 4420000], [470500, 4420000]]]})");

void write_layer(const std::filesystem::path& p, const std::vector<std::string>& features) {
    std::string s = R"({"type": "FeatureCollection", "name": "bad", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4547"}}, "features": [)";
    for (size_t i = 0; i < features.size(); ++i) s += (i > 0 ? ", " : "") + features[i];
    write_file(p, s + "]}");
}

class FeaturePipeline : public ::testing::Test {
protected:
    void SetUp() override {
        write_layer(tmp_ / "bad.geojson", {kSquare, kNull, kBowtie, kCollapsed});
        write_file(tmp_ / "c.yaml",
                   "name: t\ncrs: EPSG:4547\nlayers:\n  - id: bad\n    kind: other\n    source: bad.geojson\n    name_field: NAME\n");
        label_ = (tmp_ / "bad.geojson").string() + " layer bad";
    }
    TempDir tmp_;
    std::string label_;
};

TEST_F(FeaturePipeline, ZoningLayerRepairsWarnsAndSkips) {
    zoning::LoadOptions opts;
    opts.use_cache = false;
    auto lc = zoning::LoadedCatalog::load(zoning::Catalog::load(tmp_ / "c.yaml"), opts);
    const zoning::ZoneLayer* l = lc->find("bad");
    ASSERT_NE(l, nullptr);
    ASSERT_EQ(l->features().size(), 2U);
    EXPECT_EQ(l->features()[0].fid, 10);
    EXPECT_EQ(l->features()[1].fid, 12);
    EXPECT_EQ(l->features()[1].name, "f12");
    double area = 0;
    GEOSArea_r(lc->context().handle(), l->features()[1].geom.get(), &area);
    EXPECT_NEAR(area, 20000.0, 20000.0 * 1e-9);  // both lobes of the bowtie kept
    EXPECT_EQ(l->repaired(), 2);
    EXPECT_EQ(l->skipped(), 2);

    const std::vector<std::pair<std::string, std::string>> expected{
        {label_ + " fid 11", "empty or null geometry: skipped"},
        {label_ + " fid 12", "invalid geometry (Self-intersection[470300 4420100]): repaired with MakeValid"},
        {label_ + " fid 13", "invalid geometry (Self-intersection[470600 4420000]): repaired with MakeValid"},
        {label_ + " fid 13", "geometry is empty after repair: skipped"},
    };
    ASSERT_EQ(lc->warnings().size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(lc->warnings()[i].where, expected[i].first) << i;
        EXPECT_EQ(lc->warnings()[i].what, expected[i].second) << i;
    }
}

TEST_F(FeaturePipeline, CheckRecordsFindingsWithReasonAndLocation) {
    const zoning::CheckReport r = zoning::run_check(zoning::Catalog::load(tmp_ / "c.yaml"));
    std::vector<const zoning::Finding*> bad;
    for (const auto& f : r.findings) {
        if (f.layer == "bad") bad.push_back(&f);
    }
    ASSERT_EQ(bad.size(), 5U);
    EXPECT_EQ(bad[0]->type, "empty_geometry");
    EXPECT_EQ(bad[0]->fid, 11);
    EXPECT_EQ(bad[0]->detail, label_ + " fid 11: empty or null geometry (the loader skips it)");
    EXPECT_EQ(bad[1]->type, "invalid_geometry");
    EXPECT_EQ(bad[1]->fid, 12);
    EXPECT_EQ(bad[1]->severity, zoning::Severity::error);
    EXPECT_EQ(bad[1]->detail,
              label_ + " fid 12: Self-intersection at 470300.000 4420100.000 (the loader repairs it with MakeValid)");
    ASSERT_TRUE(bad[1]->x && bad[1]->y);
    EXPECT_NEAR(*bad[1]->x, 470300, 1e-6);
    EXPECT_NEAR(*bad[1]->y, 4420100, 1e-6);
    EXPECT_NE(bad[1]->geom, nullptr);  // the location, for the GeoPackage
    EXPECT_EQ(bad[2]->type, "invalid_geometry");
    EXPECT_EQ(bad[2]->fid, 13);
    EXPECT_EQ(bad[3]->type, "empty_geometry");
    EXPECT_EQ(bad[3]->fid, 13);
    EXPECT_EQ(bad[3]->detail, label_ + " fid 13: geometry is empty after MakeValid (the loader skips it)");
    EXPECT_EQ(bad[4]->type, "repaired");
    EXPECT_EQ(bad[4]->detail, label_ + ": 2 invalid feature(s) repaired with MakeValid when loaded");
}

TEST_F(FeaturePipeline, FootprintsStopNamingTheFid) {
    const std::string cat = zoning::test::data("small/catalog.yaml").string();
    {
        const auto r = zoning_cli({"screen", "-c", cat, (tmp_ / "bad.geojson").string(), "--allow-outside"});
        EXPECT_EQ(r.code, 2);
        EXPECT_NE(r.err.find(label_ + " fid 11: empty or null geometry: a footprint needs a geometry"), std::string::npos)
            << r.err;
    }
    {
        write_layer(tmp_ / "collapsed.geojson", {kSquare, kCollapsed});
        const auto r = zoning_cli({"screen", "-c", cat, (tmp_ / "collapsed.geojson").string(), "--allow-outside"});
        EXPECT_EQ(r.code, 2);
        EXPECT_NE(r.err.find((tmp_ / "collapsed.geojson").string() + " layer bad fid 13: geometry is empty after repair"),
                  std::string::npos)
            << r.err;
    }
    {
        write_layer(tmp_ / "bowtie.geojson", {kSquare, kBowtie});
        const auto r = zoning_cli(
            {"screen", "-c", cat, (tmp_ / "bowtie.geojson").string(), "--allow-outside", "--format", "json"});
        EXPECT_EQ(r.code, 0) << r.err;
        const std::string where = "footprint 12 (" + (tmp_ / "bowtie.geojson").string() + " layer bad fid 12)";
        EXPECT_NE(r.out.find(where), std::string::npos) << r.out;
        EXPECT_NE(r.out.find("invalid geometry (Self-intersection[470300 4420100]): repaired with MakeValid"),
                  std::string::npos)
            << r.out;
    }
}

}  // namespace
