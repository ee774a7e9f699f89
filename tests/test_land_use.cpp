// The 占用地类 table (land_use layers, docs/land-use.md): the code table, hand-checkable tables on
// tests/data/small/landuse.geojson (rectangular parcels in EPSG:4547: 0301 乔木林地 x 465–470 km,
// 0404 其他草地 / 1106 内陆滩涂 x 470–472 km split at y 4420 km, 0305 灌木林地 472–475, 0103 旱地
// 475–478 with the farmland parcel JBNT-0001 [476,477]×[4420,4420.5], 0102 水浇地 478–480, ...,
// 0702 农村宅基地 481–485, 0701 城镇住宅用地 = the urban boundary [485,490]×[4415,4420]), and the
// partition of the generated sample (shapefiles/yunzhou/landuse.shp).
#include <zoning/area.hpp>
#include <zoning/catalog.hpp>
#include <zoning/crs.hpp>
#include <zoning/error.hpp>
#include <zoning/layer.hpp>
#include <zoning/report.hpp>
#include <zoning/screen.hpp>

#include "catalog/land_use_codes.hpp"
#include "test_support.hpp"
#include "test_vector.hpp"

#include <gdal.h>

#include <algorithm>
#include <map>
#include <cstdio>
#include <sstream>

namespace zoning {
namespace {

constexpr double kRel = 1e-9;

TEST(LandUseCodes, TableOfGbt21010AndSandiao) {
    using namespace catalog;
    EXPECT_EQ(land_use_name("01"), "耕地");
    EXPECT_EQ(land_use_name("0101"), "水田");
    EXPECT_EQ(land_use_name("0102"), "水浇地");
    EXPECT_EQ(land_use_name("0103"), "旱地");
    EXPECT_EQ(land_use_name("02"), "园地");
    EXPECT_EQ(land_use_name("05"), "商服用地");
    EXPECT_EQ(land_use_name("06"), "工矿仓储用地");
    EXPECT_EQ(land_use_name("08"), "公共管理与公共服务用地");
    EXPECT_EQ(land_use_name("12"), "其他土地");
    EXPECT_EQ(land_use_name("1207"), "裸岩石砾地");
    EXPECT_EQ(land_use_name("05H1"), "商业服务业设施用地");
    EXPECT_EQ(land_use_name("08H2"), "科教文卫用地");
    EXPECT_EQ(land_use_name("20"), "城镇村及工矿用地");
    EXPECT_EQ(land_use_name("203"), "村庄");
    EXPECT_EQ(land_use_name("9999"), "");
    EXPECT_EQ(land_use_first_level("0103"), "01");
    EXPECT_EQ(land_use_first_level("05H1"), "05");
    EXPECT_EQ(land_use_first_level("203"), "20");
    EXPECT_EQ(land_use_first_level("1"), "");
    EXPECT_EQ(land_use_second_level("0201K"), "0201");
    EXPECT_EQ(land_use_second_level(" 1104A "), "1104");
    EXPECT_EQ(land_use_second_level("0103"), "0103");
    EXPECT_TRUE(is_cultivated("0102"));
    EXPECT_FALSE(is_cultivated("0201"));
    for (const char* w : {"0303", "0304", "0306", "0402", "0603", "1105", "1106", "1108"}) EXPECT_TRUE(is_wetland_sandiao(w)) << w;
    for (const char* w : {"1101", "1104", "0301", "0404"}) EXPECT_FALSE(is_wetland_sandiao(w)) << w;
    EXPECT_TRUE(is_urban_rural_industrial("0701"));
    EXPECT_TRUE(is_urban_rural_industrial("05H1"));
    EXPECT_TRUE(is_urban_rural_industrial("0601"));
    EXPECT_TRUE(is_urban_rural_industrial("202"));
    EXPECT_FALSE(is_urban_rural_industrial("0603"));  // 盐田: a wetland in 三调
    EXPECT_FALSE(is_urban_rural_industrial("1003"));
}

TEST(LandUseCatalog, KindNeedsClassFieldAndTakesNoVerdict) {
    const std::string head = "name: t\nlayers:\n  - id: lu\n    kind: land_use\n    source: x.geojson\n";
    const Catalog ok = Catalog::parse(head + "    class_field: DLBM\n", "c.yaml");
    EXPECT_EQ(ok.layers.at(0).kind, LayerKind::land_use);
    EXPECT_EQ(ok.layers.at(0).verdict, Verdict::allowed);
    EXPECT_TRUE(is_partition(LayerKind::land_use));
    EXPECT_TRUE(is_descriptive(LayerKind::land_use));
    try {
        (void)Catalog::parse(head, "c.yaml");
        ADD_FAILURE() << "no class_field accepted";
    } catch (const CatalogError& e) {
        EXPECT_NE(std::string(e.what()).find("c.yaml:4:"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("class_field"), std::string::npos) << e.what();
    }
    try {
        (void)Catalog::parse(head + "    class_field: DLBM\n    verdict: prohibited\n", "c.yaml");
        ADD_FAILURE() << "a verdict accepted";
    } catch (const CatalogError& e) {
        EXPECT_NE(std::string(e.what()).find("c.yaml:7:"), std::string::npos) << e.what();
    }
}

class LandUse : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        GDALAllRegister();
        catalog_ = LoadedCatalog::load(Catalog::load(test::data("small/catalog.yaml")));
    }
    static void TearDownTestSuite() { catalog_.reset(); }

    FootprintResult screen(const std::string& wkt, double width = 0, std::vector<std::string> layers = {}) {
        Footprint fp;
        fp.id = "t";
        fp.geom = catalog_->context().from_wkt(wkt);
        fp.width_m = width;
        ScreenOptions o;
        o.layers = std::move(layers);
        Screener s(*catalog_, o);
        return s.screen(fp);
    }

    static const LandUseClass* find(const std::vector<LandUseClass>& v, const std::string& code) {
        for (const auto& c : v)
            if (c.code == code) return &c;
        return nullptr;
    }

    static std::unique_ptr<LoadedCatalog> catalog_;
};
std::unique_ptr<LoadedCatalog> LandUse::catalog_;

TEST_F(LandUse, SiteOnDryLandWithPermanentFarmland) {
    // 2 km × 1 km on 0103 旱地 [475,478]: 200 ha of 耕地; JBNT-0001 ∩ site = [476,477]×[4420,4420.5] = 50 ha.
    auto r = screen("POLYGON((475500 4420000,477500 4420000,477500 4421000,475500 4421000,475500 4420000))");
    ASSERT_EQ(r.land_use.size(), 1u);
    for (const auto& c : r.conflicts) EXPECT_NE(c.kind, LayerKind::land_use);  // never a conflict
    EXPECT_EQ(r.verdict, Verdict::restricted);                                   // the farmland's, not the land use's
    const LandUseTable& t = r.land_use[0];
    EXPECT_EQ(t.layer, "landuse");
    EXPECT_NEAR(t.area_m2, 2e6, 2e6 * kRel);
    EXPECT_NEAR(t.share, 1.0, kRel);
    ASSERT_EQ(t.classes.size(), 1u);
    EXPECT_EQ(t.classes[0].code, "01");
    EXPECT_EQ(t.classes[0].name, "耕地");
    ASSERT_EQ(t.classes[0].classes.size(), 1u);
    EXPECT_EQ(t.classes[0].classes[0].code, "0103");
    EXPECT_EQ(t.classes[0].classes[0].name, "旱地");
    EXPECT_NEAR(t.cultivated_m2, 2e6, 2e6 * kRel);
    EXPECT_TRUE(t.farmland_screened);
    EXPECT_NEAR(t.farmland_m2, 5e5, 5e5 * kRel);
    EXPECT_NEAR(t.farmland_on_cultivated_m2, 5e5, 5e5 * kRel);
    EXPECT_NEAR(t.classes[0].farmland_m2, 5e5, 5e5 * kRel);
    EXPECT_NEAR(t.classes[0].classes[0].farmland_m2, 5e5, 5e5 * kRel);
    EXPECT_GT(t.area_ellipsoidal_m2, 0.9999 * 2e6);
    EXPECT_LT(t.area_ellipsoidal_m2, 2e6);
    EXPECT_NEAR(t.classes[0].area_ellipsoidal_m2, t.area_ellipsoidal_m2, t.area_ellipsoidal_m2 * 1e-9);
    EXPECT_EQ(t.overlap_m2, 0);
}

TEST_F(LandUse, SiteAcrossTwoSecondLevelClassesOfCultivatedLand) {
    // [476.5,478.5]×[4420,4421]: 150 ha 0103 旱地, 50 ha 0102 水浇地; farmland 25 ha, all on 旱地.
    auto r = screen("POLYGON((476500 4420000,478500 4420000,478500 4421000,476500 4421000,476500 4420000))");
    ASSERT_EQ(r.land_use.size(), 1u);
    const LandUseTable& t = r.land_use[0];
    ASSERT_EQ(t.classes.size(), 1u);
    const LandUseClass& g = t.classes[0];
    ASSERT_EQ(g.classes.size(), 2u);
    EXPECT_EQ(g.classes[0].code, "0102");  // by code
    EXPECT_EQ(g.classes[1].code, "0103");
    EXPECT_NEAR(g.classes[0].area_m2, 5e5, 5e5 * kRel);
    EXPECT_NEAR(g.classes[1].area_m2, 1.5e6, 1.5e6 * kRel);
    EXPECT_NEAR(g.classes[0].share, 0.25, kRel);
    EXPECT_NEAR(g.classes[1].share, 0.75, kRel);
    EXPECT_NEAR(g.area_m2, 2e6, 2e6 * kRel);
    EXPECT_EQ(g.classes[0].farmland_m2, 0);
    EXPECT_NEAR(g.classes[1].farmland_m2, 2.5e5, 2.5e5 * kRel);
    EXPECT_NEAR(t.farmland_m2, 2.5e5, 2.5e5 * kRel);
}

TEST_F(LandUse, SiteAcrossForestAndWetland) {
    // P1 of footprints.geojson: half on 0301 乔木林地, half on 1106 内陆滩涂 (三调 湿地).
    auto r = screen("POLYGON((469500 4420000,470500 4420000,470500 4421000,469500 4421000,469500 4420000))");
    const LandUseTable& t = r.land_use.at(0);
    ASSERT_EQ(t.classes.size(), 2u);
    EXPECT_EQ(t.classes[0].code, "03");
    EXPECT_EQ(t.classes[1].code, "11");
    EXPECT_NEAR(t.classes[0].area_m2, 5e5, 5e5 * kRel);
    EXPECT_NEAR(t.classes[1].area_m2, 5e5, 5e5 * kRel);
    EXPECT_NEAR(t.classes[1].share, 0.5, kRel);
    EXPECT_NEAR(t.wetland_m2, 5e5, 5e5 * kRel);
    EXPECT_EQ(t.cultivated_m2, 0);
    EXPECT_EQ(t.farmland_m2, 0);
    EXPECT_TRUE(t.farmland_screened);
    EXPECT_EQ(t.urban_rural_m2, 0);
}

TEST_F(LandUse, SiteAcrossVillageAndTownIsUrbanRural) {
    // P9: half on 0702 农村宅基地, half on 0701 城镇住宅用地 (the urban boundary): 07 住宅用地 200 ha.
    auto r = screen("POLYGON((484000 4416000,486000 4416000,486000 4417000,484000 4417000,484000 4416000))");
    const LandUseTable& t = r.land_use.at(0);
    ASSERT_EQ(t.classes.size(), 1u);
    EXPECT_EQ(t.classes[0].code, "07");
    EXPECT_EQ(t.classes[0].name, "住宅用地");
    ASSERT_EQ(t.classes[0].classes.size(), 2u);
    EXPECT_EQ(t.classes[0].classes[0].name, "城镇住宅用地");
    EXPECT_EQ(t.classes[0].classes[1].name, "农村宅基地");
    EXPECT_NEAR(t.urban_rural_m2, 2e6, 2e6 * kRel);
}

TEST_F(LandUse, HalfOutsideTheLayerHasShareBelowOne) {
    // [494,496]×[4415,4416]: half on 0601 工业用地, half outside the district (and the layer).
    auto r = screen("POLYGON((494000 4415000,496000 4415000,496000 4416000,494000 4416000,494000 4415000))");
    const LandUseTable& t = r.land_use.at(0);
    EXPECT_NEAR(t.area_m2, 1e6, 1e6 * kRel);
    EXPECT_NEAR(t.share, 0.5, kRel);
    ASSERT_EQ(t.classes.size(), 1u);
    EXPECT_EQ(t.classes[0].classes.at(0).code, "0601");
}

TEST_F(LandUse, LinesArePerClassLengthsCorridorsAreas) {
    // A line at y 4425 km from x 469 to 473 km: 1 km 乔木林地, 2 km 内陆滩涂, 1 km 灌木林地.
    auto r = screen("LINESTRING(469000 4425000,473000 4425000)");
    const LandUseTable& t = r.land_use.at(0);
    ASSERT_EQ(t.classes.size(), 2u);
    const LandUseClass* forest = find(t.classes, "03");
    ASSERT_NE(forest, nullptr);
    EXPECT_NEAR(forest->length_m, 2000, 2000 * kRel);
    EXPECT_NEAR(forest->share, 0.5, kRel);
    ASSERT_EQ(forest->classes.size(), 2u);
    EXPECT_NEAR(find(forest->classes, "0301")->length_m, 1000, 1000 * kRel);
    EXPECT_NEAR(find(forest->classes, "0305")->length_m, 1000, 1000 * kRel);
    EXPECT_NEAR(find(t.classes, "11")->length_m, 2000, 2000 * kRel);
    EXPECT_NEAR(t.length_m, 4000, 4000 * kRel);
    EXPECT_FALSE(t.farmland_screened);  // by length: no farmland figures
    // The same line 20 m wide: 2 ha, 4 ha, 2 ha.
    auto w = screen("LINESTRING(469000 4425000,473000 4425000)", 20);
    const LandUseTable& tw = w.land_use.at(0);
    EXPECT_NEAR(find(tw.classes, "03")->area_m2, 40000, 40000 * kRel);
    EXPECT_NEAR(find(tw.classes, "11")->area_m2, 40000, 40000 * kRel);
    EXPECT_NEAR(tw.area_m2, 80000, 80000 * kRel);
}

TEST_F(LandUse, PointOnAParcelBoundaryNamesBoth) {
    auto r = screen("POINT(470000 4420800)");
    const LandUseTable& t = r.land_use.at(0);
    ASSERT_EQ(t.classes.size(), 2u);
    EXPECT_EQ(t.classes[0].classes.at(0).code, "0301");
    EXPECT_EQ(t.classes[1].classes.at(0).code, "1106");
}

TEST_F(LandUse, WithoutTheFarmlandLayerNoFarmlandFigures) {
    auto r = screen("POLYGON((475500 4420000,477500 4420000,477500 4421000,475500 4421000,475500 4420000))", 0,
                    {"landuse", "redline"});
    const LandUseTable& t = r.land_use.at(0);
    EXPECT_FALSE(t.farmland_screened);
    EXPECT_EQ(t.farmland_m2, 0);
    EXPECT_NEAR(t.cultivated_m2, 2e6, 2e6 * kRel);
    EXPECT_EQ(r.verdict, Verdict::allowed);  // land use alone gives no verdict
    auto none = screen("POLYGON((475500 4420000,477500 4420000,477500 4421000,475500 4421000,475500 4420000))", 0,
                       {"redline"});
    EXPECT_TRUE(none.land_use.empty());
}

TEST_F(LandUse, ReportsCarryTheTable) {
    Footprint fp;
    fp.id = "F1";
    fp.name = "旱地上的站址";
    fp.geom = catalog_->context().from_wkt(
        "POLYGON((476500 4420000,478500 4420000,478500 4421000,476500 4421000,476500 4420000))");
    std::vector<Footprint> fps;
    fps.push_back(std::move(fp));
    const ScreenReport rep = screen_all(*catalog_, fps, ScreenOptions{});
    const auto j = to_json(rep);
    const auto& lu = j["footprints"][0]["land_use"][0];
    EXPECT_EQ(lu["layer"], "landuse");
    EXPECT_NEAR(lu["cultivated_m2"].get<double>(), 2e6, 2e6 * kRel);
    EXPECT_NEAR(lu["permanent_farmland"]["on_cultivated_m2"].get<double>(), 2.5e5, 2.5e5 * kRel);
    EXPECT_EQ(lu["classes"][0]["classes"][1]["code"], "0103");
    EXPECT_NEAR(lu["classes"][0]["classes"][1]["farmland_m2"].get<double>(), 2.5e5, 2.5e5 * kRel);
    std::ostringstream text;
    write_text(text, rep, Lang::zh);
    const std::string s = text.str();
    EXPECT_NE(s.find("占用地类 (土地利用现状, landuse):"), std::string::npos) << s;
    EXPECT_NE(s.find("  0103"), std::string::npos) << s;
    EXPECT_NE(s.find("耕地 199.9975 公顷(2,999.96 亩)，其中永久基本农田 24.9997 公顷(375.00 亩)"), std::string::npos) << s;
    std::ostringstream en;
    write_text(en, rep, Lang::en);
    EXPECT_NE(en.str().find("of which permanent farmland 24.9997 ha (375.00 mu)"), std::string::npos) << en.str();
}

/// The generated sample's land-use layer partitions the district exactly and agrees with the
/// other layers (tools/gen_sample/landuse.cpp; the figures are in shapefiles/yunzhou/README.md).
TEST(LandUseSample, PartitionsTheDistrictAndAgreesWithTheOtherLayers) {
    GeosContext ctx;
    const std::string dir = std::string(ZONING_SOURCE_DIR) + "/shapefiles/yunzhou/";
    const AreaMeter meter(Crs::from_user("EPSG:4547"));
    const auto parcels = test::read_rows(ctx, dir + "landuse.shp");
    const auto district = test::read_rows(ctx, dir + "district.shp");
    ASSERT_EQ(district.size(), 1u);
    ASSERT_GT(parcels.size(), 1000u);
    ASSERT_LT(parcels.size(), 5000u);  // a few thousand at most (repository size)
    const double d = meter.planar(ctx, district[0].geom.get());

    // Sum of the parcels = the district; no two parcels overlap; no parcel outside.
    double sum = 0;
    std::vector<Envelope> envs;
    for (const auto& p : parcels) {
        EXPECT_EQ(GEOSisValid_r(ctx, p.geom.get()), 1) << p.fields.at("TBBH");
        EXPECT_FALSE(catalog::land_use_name(p.fields.at("DLBM")).empty()) << p.fields.at("DLBM");
        EXPECT_EQ(catalog::land_use_name(p.fields.at("DLBM")), p.fields.at("DLMC"));
        sum += meter.planar(ctx, p.geom.get());
        envs.push_back(ctx.envelope(p.geom.get()));
    }
    EXPECT_NEAR(sum, d, 1.0) << "sum of parcels − district (m²): " << sum - d;
    double overlaps = 0;
    int pairs = 0;
    for (size_t i = 0; i < parcels.size(); ++i) {
        Prepared pi = ctx.prepare(parcels[i].geom.get());
        for (size_t j = i + 1; j < parcels.size(); ++j) {
            if (!envs[i].intersects(envs[j])) continue;
            if (GEOSPreparedIntersects_r(ctx, pi.get(), parcels[j].geom.get()) != 1) continue;
            Geom ov = ctx.polygonal_part(ctx.own(GEOSIntersection_r(ctx, parcels[i].geom.get(), parcels[j].geom.get()), "intersection").get());
            const double a = meter.planar(ctx, ov.get());
            overlaps += a;
            if (a > 0.01) ++pairs;
        }
    }
    EXPECT_EQ(pairs, 0) << "overlapping parcel pairs; total overlap " << overlaps << " m²";
    EXPECT_LT(overlaps, 1.0);
    std::vector<const GEOSGeometry*> raw;
    for (const auto& p : parcels) raw.push_back(p.geom.get());
    Geom u = ctx.union_all(raw);
    Geom gap = ctx.polygonal_part(ctx.own(GEOSSymDifference_r(ctx, u.get(), district[0].geom.get()), "symdifference").get());
    EXPECT_LT(meter.planar(ctx, gap.get()), 1.0) << "union of the parcels ≠ district";

    // Consistency with the other layers, by class.
    auto class_union = [&](auto pred) {
        std::vector<const GEOSGeometry*> mine;
        for (const auto& p : parcels)
            if (pred(p.fields.at("DLBM"))) mine.push_back(p.geom.get());
        return ctx.union_all(mine);
    };
    auto layer_union = [&](const std::string& file) {
        const auto rows = test::read_rows(ctx, dir + file);
        std::vector<const GEOSGeometry*> g;
        for (const auto& r : rows) g.push_back(r.geom.get());
        return ctx.union_all(g);
    };
    auto share_on = [&](const GEOSGeometry* zone, const GEOSGeometry* cls) {
        Geom in = ctx.polygonal_part(ctx.own(GEOSIntersection_r(ctx, zone, cls), "intersection").get());
        return meter.planar(ctx, in.get()) / meter.planar(ctx, zone);
    };
    const Geom cultivated = class_union([](const std::string& c) { return catalog::is_cultivated(c); });
    const Geom farmland = layer_union("farmland.shp");
    const double farm_on_cultivated = share_on(farmland.get(), cultivated.get());
    EXPECT_GT(farm_on_cultivated, 1 - 1e-9) << "permanent farmland on 耕地: " << farm_on_cultivated;
    const Geom built = class_union([](const std::string& c) {
        const std::string f = catalog::land_use_first_level(c);
        return f == "05" || f == "06" || f == "07" || f == "08" || f == "09" || f == "10" || f == "20";
    });
    const double urban_built = share_on(layer_union("urban.shp").get(), built.get());
    EXPECT_GT(urban_built, 0.6) << "urban boundary on 建设用地: " << urban_built;
    const Geom natural = class_union([](const std::string& c) {
        const std::string f = catalog::land_use_first_level(c);
        return f == "03" || f == "04" || f == "11";
    });
    const double red_natural = share_on(layer_union("redline.shp").get(), natural.get());
    EXPECT_GT(red_natural, 0.8) << "red line on 林地/草地/水域: " << red_natural;
    std::printf("[ figures  ] parcels %zu; sum − district %.6f m²; overlaps %.6f m²; farmland on 耕地 %.6f; "
                "urban on 建设用地 %.4f; red line on 林地/草地/水域 %.4f\n",
                parcels.size(), sum - d, overlaps, farm_on_cultivated, urban_built, red_natural);
}

}  // namespace
}  // namespace zoning
