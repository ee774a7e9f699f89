// Screening answers known by hand, on the small catalog of tests/data/small (EPSG:4547,
// round coordinates): see tests/data/small/*.geojson for the zones.
#include <zoning/catalog.hpp>
#include <zoning/layer.hpp>
#include <zoning/screen.hpp>

#include "test_support.hpp"

#include <gdal.h>

namespace zoning {
namespace {

class ScreenGeometry : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        GDALAllRegister();
        catalog_ = LoadedCatalog::load(Catalog::load(test::data("small/catalog.yaml")));
    }
    static void TearDownTestSuite() { catalog_.reset(); }

    /// Screens one WKT footprint (EPSG:4547) against the redline, water, farmland, urban layers.
    FootprintResult screen(const std::string& wkt, double width = 0, double radius = 0,
                           EllipsoidalMethod m = EllipsoidalMethod::geodesic) {
        Footprint fp;
        fp.id = "t";
        fp.geom = catalog_->context().from_wkt(wkt);
        fp.width_m = width;
        fp.radius_m = radius;
        ScreenOptions o;
        o.ellipsoidal = m;
        o.layers = {"redline", "water", "farmland", "urban"};
        Screener s(*catalog_, o);
        return s.screen(fp);
    }

    static const Conflict* find(const FootprintResult& r, const std::string& layer) {
        for (const auto& c : r.conflicts) {
            if (c.layer == layer) return &c;
        }
        return nullptr;
    }

    static std::unique_ptr<LoadedCatalog> catalog_;
};
std::unique_ptr<LoadedCatalog> ScreenGeometry::catalog_;

constexpr double kRel = 1e-9;

TEST_F(ScreenGeometry, SquareHalfOverZoneIsExactlyHalf) {
    // 1 km square whose eastern half lies in HX001 [470000,471000]; it touches HX002 (starts
    // at 470500) only along an edge, which is no conflict.
    auto r = screen("POLYGON((469500 4420000,470500 4420000,470500 4421000,469500 4421000,469500 4420000))");
    const Conflict* c = find(r, "redline");
    ASSERT_NE(c, nullptr);
    EXPECT_NEAR(c->area_m2, 500000.0, 500000.0 * kRel);
    EXPECT_NEAR(c->share, 0.5, kRel);
    ASSERT_EQ(c->features.size(), 1u);
    EXPECT_EQ(c->features[0].code, "HX001");
    EXPECT_EQ(c->verdict, Verdict::prohibited);
    EXPECT_EQ(r.verdict, Verdict::prohibited);
    EXPECT_NEAR(r.area_m2, 1e6, 1e6 * kRel);
}

TEST_F(ScreenGeometry, OverlappingFeaturesCountOnce) {
    auto r = screen("POLYGON((470250 4420000,471250 4420000,471250 4421000,470250 4421000,470250 4420000))");
    const Conflict* c = find(r, "redline");
    ASSERT_NE(c, nullptr);
    ASSERT_EQ(c->features.size(), 2u);
    EXPECT_NEAR(c->features[0].area_m2, 750000.0, 750000.0 * kRel);
    EXPECT_NEAR(c->features[1].area_m2, 750000.0, 750000.0 * kRel);
    EXPECT_NEAR(c->area_m2, 1000000.0, 1e6 * kRel);  // not 1.5 km²
    EXPECT_NEAR(c->share, 1.0, kRel);
}

TEST_F(ScreenGeometry, HoleIsExcluded) {
    // 1.5 km square over HX003 (2 km square with a 1 km hole): 2.25 km² - 1 km² inside.
    auto r = screen("POLYGON((473250 4420250,474750 4420250,474750 4421750,473250 4421750,473250 4420250))");
    const Conflict* c = find(r, "redline");
    ASSERT_NE(c, nullptr);
    EXPECT_NEAR(c->area_m2, 1250000.0, 1.25e6 * kRel);
}

TEST_F(ScreenGeometry, FootprintInsideHoleHasNoConflict) {
    auto r = screen("POLYGON((473600 4420600,474400 4420600,474400 4421400,473600 4421400,473600 4420600))");
    const Conflict* c = find(r, "redline");
    // 100 m from the hole's edge: within near_m 100, so a caution entry, no area.
    ASSERT_NE(c, nullptr);
    EXPECT_TRUE(c->near_only);
    EXPECT_EQ(c->verdict, Verdict::caution);
    EXPECT_NEAR(c->distance_m, 100.0, 1e-9);
    EXPECT_EQ(c->area_m2, 0.0);
}

TEST_F(ScreenGeometry, LineCrossingZoneGivesLengthInside) {
    auto r = screen("LINESTRING(469000 4420500,472000 4420500)");
    const Conflict* c = find(r, "redline");
    ASSERT_NE(c, nullptr);
    EXPECT_NEAR(r.length_m, 3000.0, 3000 * kRel);
    EXPECT_NEAR(c->length_m, 1500.0, 1500 * kRel);
    EXPECT_NEAR(c->share, 0.5, kRel);
    EXPECT_EQ(c->area_m2, 0.0);
}

TEST_F(ScreenGeometry, LineWithWidthGivesCorridorArea) {
    auto r = screen("LINESTRING(469000 4420500,472000 4420500)", 20.0);
    const Conflict* c = find(r, "redline");
    ASSERT_NE(c, nullptr);
    EXPECT_NEAR(r.area_m2, 60000.0, 60000 * kRel);   // flat caps: 3000 m x 20 m
    EXPECT_NEAR(c->area_m2, 30000.0, 30000 * kRel);  // 1500 m x 20 m inside
    EXPECT_NEAR(c->length_m, 1500.0, 1500 * kRel);
}

TEST_F(ScreenGeometry, LineAlongBoundaryIsNotInside) {
    // Runs along HX001's southern edge, outside; within near_m -> caution at distance 0.
    auto r = screen("LINESTRING(470100 4420000,470400 4420000)");
    const Conflict* c = find(r, "redline");
    ASSERT_NE(c, nullptr);
    EXPECT_TRUE(c->near_only);
    EXPECT_EQ(c->length_m, 0.0);
    EXPECT_EQ(c->distance_m, 0.0);
}

TEST_F(ScreenGeometry, PointOnBoundaryIsInside) {
    auto r = screen("POINT(470000 4420800)");
    const Conflict* c = find(r, "redline");
    ASSERT_NE(c, nullptr);
    EXPECT_FALSE(c->near_only);
    EXPECT_EQ(c->verdict, Verdict::prohibited);
    ASSERT_EQ(c->features.size(), 1u);
    EXPECT_EQ(c->features[0].code, "HX001");
}

TEST_F(ScreenGeometry, PointWithRadiusGivesDiscArea) {
    // A disc of radius 10 m centred on HX001's west edge: half of it inside.
    auto r = screen("POINT(470000 4420500)", 0, 10.0);
    const Conflict* c = find(r, "redline");
    ASSERT_NE(c, nullptr);
    EXPECT_NEAR(c->share, 0.5, 1e-9);
    EXPECT_NEAR(c->area_m2, r.area_m2 / 2, r.area_m2 * 1e-9);
    EXPECT_NEAR(r.area_m2, 3.14159265 * 100, 3.15 * 100 * 2e-3);  // 128-gon vs circle
}

TEST_F(ScreenGeometry, ClassVerdicts) {
    auto one = screen("POINT(480500 4420500)");  // 一级保护区
    const Conflict* c = find(one, "water");
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->verdict, Verdict::prohibited);
    EXPECT_EQ(c->features[0].cls, "一级保护区");
    auto two = screen("POINT(479500 4420500)");  // 二级保护区
    c = find(two, "water");
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->verdict, Verdict::restricted);
    // A polygon across both grades takes the most severe.
    auto both = screen("POLYGON((479500 4420400,480500 4420400,480500 4420600,479500 4420600,479500 4420400))");
    c = find(both, "water");
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->verdict, Verdict::prohibited);
    ASSERT_EQ(c->features.size(), 2u);
    EXPECT_NEAR(c->area_m2, 200000.0, 2e5 * kRel);
}

TEST_F(ScreenGeometry, EdgeTouchWithoutNearHasNoEntry) {
    // Farmland [476000,477000]x[4420000,4420500] has no near_m: touching gives nothing.
    auto r = screen("POLYGON((477000 4420000,478000 4420000,478000 4420500,477000 4420500,477000 4420000))");
    EXPECT_EQ(find(r, "farmland"), nullptr);
    EXPECT_TRUE(r.conflicts.empty());
    EXPECT_EQ(r.verdict, Verdict::allowed);
    // The positive counterpart: the same square 1 m further west overlaps the farmland by
    // 1 m x 500 m, a restricted entry; so the test above fails if farmland is never found.
    auto hit = screen("POLYGON((476999 4420000,477999 4420000,477999 4420500,476999 4420500,476999 4420000))");
    const Conflict* c = find(hit, "farmland");
    ASSERT_NE(c, nullptr);
    EXPECT_FALSE(c->near_only);
    EXPECT_EQ(c->verdict, Verdict::restricted);
    EXPECT_NEAR(c->area_m2, 500.0, 500.0 * kRel);
    ASSERT_EQ(c->features.size(), 1u);
    EXPECT_EQ(c->features[0].code, "JBNT-0001");
    EXPECT_EQ(hit.verdict, Verdict::restricted);
}

TEST_F(ScreenGeometry, EdgeTouchWithNearIsCautionAtZero) {
    auto r = screen("POLYGON((471500 4420000,472500 4420000,472500 4421000,471500 4421000,471500 4420000))");
    const Conflict* c = find(r, "redline");
    ASSERT_NE(c, nullptr);
    EXPECT_TRUE(c->near_only);
    EXPECT_EQ(c->verdict, Verdict::caution);
    EXPECT_EQ(c->distance_m, 0.0);
    EXPECT_EQ(c->area_m2, 0.0);
    EXPECT_EQ(r.verdict, Verdict::caution);
}

TEST_F(ScreenGeometry, NearIsInclusiveAndEndsThere) {
    // Exactly near_m (100 m) east of HX002: a caution entry; one metre further: nothing.
    auto r = screen("POLYGON((471600 4420000,472500 4420000,472500 4421000,471600 4421000,471600 4420000))");
    const Conflict* c = find(r, "redline");
    ASSERT_NE(c, nullptr);
    EXPECT_NEAR(c->distance_m, 100.0, 1e-9);
    EXPECT_EQ(c->features[0].code, "HX002");
    auto r2 = screen("POLYGON((471601 4420000,472500 4420000,472500 4421000,471601 4421000,471601 4420000))");
    EXPECT_EQ(find(r2, "redline"), nullptr);
    EXPECT_EQ(r2.verdict, Verdict::allowed);
}

TEST_F(ScreenGeometry, UrbanBoundaryReportsOutside) {
    auto r = screen("POLYGON((484000 4416000,486000 4416000,486000 4417000,484000 4417000,484000 4416000))");
    const Conflict* c = find(r, "urban");
    ASSERT_NE(c, nullptr);
    EXPECT_NEAR(c->area_m2, 1e6, 1e6 * kRel);
    ASSERT_TRUE(c->outside_m2.has_value());
    EXPECT_NEAR(*c->outside_m2, 1e6, 1e6 * kRel);
    EXPECT_EQ(c->verdict, Verdict::allowed);
}

TEST_F(ScreenGeometry, EllipsoidalAreaIsSmallerThanPlanarOffCentralMeridian) {
    // 30 km west of CM 114E the GK scale is about 1 + 30²/(2·6371²) = 1.0000111: areas
    // are about 2.2e-5 larger in the plane than on the ellipsoid.
    auto r = screen("POLYGON((469500 4420000,470500 4420000,470500 4421000,469500 4421000,469500 4420000))");
    const double ratio = r.area_m2 / r.area_ellipsoidal_m2;
    EXPECT_NEAR(ratio, 1.0000222, 2e-6);
}

TEST(ScreenLineZones, RiverLengthInsideASiteAndNearMiss) {
    GDALAllRegister();
    auto cat = LoadedCatalog::load(Catalog::load(test::data("small/catalog-rivers.yaml")));
    Screener s(*cat, {});
    Footprint fp;
    fp.id = "site";
    // 1 km square the river (x = 476500) crosses from south to north: 1000 m inside.
    fp.geom = cat->context().from_wkt("POLYGON((476000 4420000,477000 4420000,477000 4421000,476000 4421000,476000 4420000))");
    FootprintResult r = s.screen(fp);
    ASSERT_EQ(r.conflicts.size(), 1u);
    EXPECT_EQ(r.conflicts[0].area_m2, 0.0);
    EXPECT_NEAR(r.conflicts[0].length_m, 1000.0, 1e-9);
    EXPECT_EQ(r.conflicts[0].verdict, Verdict::caution);
    EXPECT_EQ(r.conflicts[0].features[0].name, "坊城河");
    // 30 m east of the river: a near entry at 30 m; 60 m east: nothing.
    fp.geom = cat->context().from_wkt("POLYGON((476530 4420000,477000 4420000,477000 4421000,476530 4421000,476530 4420000))");
    r = s.screen(fp);
    ASSERT_EQ(r.conflicts.size(), 1u);
    EXPECT_TRUE(r.conflicts[0].near_only);
    EXPECT_NEAR(r.conflicts[0].distance_m, 30.0, 1e-9);
    fp.geom = cat->context().from_wkt("POLYGON((476560 4420000,477000 4420000,477000 4421000,476560 4421000,476560 4420000))");
    EXPECT_TRUE(s.screen(fp).conflicts.empty());
}

}  // namespace
}  // namespace zoning
