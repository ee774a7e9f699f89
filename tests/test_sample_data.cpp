// The committed sample catalog (shapefiles/yunzhou) reproduces the plan's figures, and
// regenerating it with zoning-gen-sample gives the same figures.
#include <zoning/area.hpp>
#include <zoning/crs.hpp>
#include <zoning/geos.hpp>

#include "test_vector.hpp"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using zoning::Geom;
using zoning::GeosContext;

const std::string kDir = std::string(ZONING_SOURCE_DIR) + "/shapefiles/yunzhou";

using zoning::test::Row;

/// Every feature of a shapefile of the sample.
std::vector<Row> read(const GeosContext& ctx, const std::string& file) {
    return zoning::test::read_rows(ctx, kDir + "/" + file);
}

Geom union_of(const GeosContext& ctx, const std::vector<Row>& rows) {
    std::vector<const GEOSGeometry*> raw;
    for (const auto& r : rows) raw.push_back(r.geom.get());
    return ctx.union_all(raw);
}

std::string figures_section(const std::string& readme_path) {
    std::ifstream in(readme_path);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string s = ss.str();
    const auto a = s.find("<!-- figures:begin -->");
    const auto b = s.find("<!-- figures:end -->");
    if (a == std::string::npos || b == std::string::npos) return {};
    return s.substr(a, b - a);
}

class SampleData : public ::testing::Test {
protected:
    GeosContext ctx;
    zoning::Crs crs = zoning::Crs::from_user("EPSG:4547");
    zoning::AreaMeter meter{crs};
    double geo(const GEOSGeometry* g) const { return meter.geodesic(ctx, g); }
    double planar(const GEOSGeometry* g) const { return meter.planar(ctx, g); }
};

TEST_F(SampleData, EveryLayerHasPrjAndUtf8Cpg) {
    for (const char* l : {"district", "townships", "redline", "reserve", "park", "water", "farmland", "urban",
                          "units", "rivers", "heritage"}) {
        const std::string base = kDir + "/" + l;
        ASSERT_TRUE(fs::exists(base + ".shp")) << l;
        std::ifstream cpg(base + ".cpg");
        std::string enc;
        cpg >> enc;
        EXPECT_EQ(enc, "UTF-8") << l;
        std::ifstream prj(base + ".prj");
        std::stringstream ss;
        ss << prj.rdbuf();
        EXPECT_NE(ss.str().find("114"), std::string::npos) << l;  // CGCS2000 GK CM 114E
    }
    EXPECT_TRUE(fs::exists(kDir + "/catalog.yaml"));
    EXPECT_LT(fs::file_size(kDir + "/farmland.shp") + fs::file_size(kDir + "/farmland.dbf"), 20u << 20);
}

TEST_F(SampleData, DistrictHasTheOfficialEllipsoidalArea) {
    const auto d = read(ctx, "district.shp");
    ASSERT_EQ(d.size(), 1u);
    EXPECT_NEAR(geo(d[0].geom.get()) / zoning::kM2PerKm2, 1478.34, 0.01);
}

TEST_F(SampleData, TownshipsPartitionTheDistrict) {
    const auto d = read(ctx, "district.shp");
    const auto t = read(ctx, "townships.shp");
    ASSERT_EQ(t.size(), 9u);
    double sum_pl = 0, sum_geo = 0;
    for (const auto& r : t) {
        sum_pl += planar(r.geom.get());
        sum_geo += geo(r.geom.get());
    }
    const double dp = planar(d[0].geom.get());
    EXPECT_NEAR(sum_pl, dp, 1.0);                       // no overlaps (with the union below)
    EXPECT_NEAR(sum_geo, geo(d[0].geom.get()), 10.0);   // vertices added on the edges move it a little
    Geom u = union_of(ctx, t);
    EXPECT_NEAR(planar(u.get()), dp, 1.0);              // no gaps
    Geom outside = ctx.own(GEOSSymDifference_r(ctx, u.get(), d[0].geom.get()), "symdiff");
    EXPECT_LT(planar(outside.get()), 1.0);
    bool seat = false;
    for (const auto& r : t) seat = seat || (r.fields.at("XZMC") == "西坪镇" && r.fields.at("SFZF") == "是");
    EXPECT_TRUE(seat);
}

TEST_F(SampleData, RedLineUnionIsThePlansFigure) {
    const auto d = read(ctx, "district.shp");
    const auto red = read(ctx, "redline.shp");
    EXPECT_GE(red.size(), 200u);
    Geom u = union_of(ctx, red);
    const double ua = geo(u.get());
    EXPECT_NEAR(ua / zoning::kM2PerHa, 50522.19, 0.01);
    EXPECT_NEAR(100 * ua / geo(d[0].geom.get()), 34.2, 0.05);
    double sum = 0;
    int multi = 0, holes = 0;
    for (const auto& r : red) {
        sum += geo(r.geom.get());
        if (GEOSGeomTypeId_r(ctx, r.geom.get()) == GEOS_MULTIPOLYGON) ++multi;
        if (GEOSGeomTypeId_r(ctx, r.geom.get()) == GEOS_POLYGON && GEOSGetNumInteriorRings_r(ctx, r.geom.get()) > 0)
            ++holes;
    }
    EXPECT_GT(sum, ua + 1000 * zoning::kM2PerHa);  // features overlap each other
    EXPECT_GT(multi, 10);
    EXPECT_GT(holes, 5);
}

TEST_F(SampleData, ReservesLieInsideTheRedLine) {
    const auto red = read(ctx, "redline.shp");
    Geom u = union_of(ctx, red);
    const auto reserves = read(ctx, "reserve.shp");
    // Two reserves, each split in 核心保护区 and 一般控制区 (shapefiles/yunzhou/README.md): without
    // them the loop below would pass on nothing.
    ASSERT_EQ(reserves.size(), 4u);
    for (const auto& r : reserves) {
        EXPECT_GT(planar(r.geom.get()), 1e6) << r.fields.at("BHQMC") << " " << r.fields.at("GNFQ");
        Geom out = ctx.own(GEOSDifference_r(ctx, r.geom.get(), u.get()), "difference");
        EXPECT_LT(planar(out.get()), 1.0) << r.fields.at("BHQMC") << " " << r.fields.at("GNFQ");
    }
}

TEST_F(SampleData, UnitsPartitionTheDistrict) {
    const auto d = read(ctx, "district.shp");
    const auto units = read(ctx, "units.shp");
    double sum = 0;
    std::map<std::string, int> classes;
    for (const auto& r : units) {
        sum += planar(r.geom.get());
        ++classes[r.fields.at("GKLB")];
    }
    const double dp = planar(d[0].geom.get());
    EXPECT_NEAR(sum, dp, 1.0);
    Geom u = union_of(ctx, units);
    EXPECT_NEAR(planar(u.get()), dp, 1.0);
    EXPECT_EQ(classes.size(), 3u);
}

TEST_F(SampleData, FarmlandConflictsAreExactlyTheDocumentedOnes) {
    const auto farm = read(ctx, "farmland.shp");
    EXPECT_GT(farm.size(), 2000u);
    Geom red = union_of(ctx, read(ctx, "redline.shp"));
    Geom urb = union_of(ctx, read(ctx, "urban.shp"));
    auto pr = ctx.prepare(red.get());
    auto pu = ctx.prepare(urb.get());
    std::ifstream in(kDir + "/README.md");
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string readme = ss.str();
    int nr = 0, nu = 0;
    for (const auto& f : farm) {
        const bool r = GEOSPreparedIntersects_r(ctx, pr.get(), f.geom.get()) == 1;
        const bool u = GEOSPreparedIntersects_r(ctx, pu.get(), f.geom.get()) == 1;
        nr += r ? 1 : 0;
        nu += u ? 1 : 0;
        if (r || u) {
            EXPECT_NE(readme.find("| " + f.fields.at("DKBH") + " |"), std::string::npos) << f.fields.at("DKBH");
            Geom ov = ctx.own(GEOSIntersection_r(ctx, f.geom.get(), r ? red.get() : urb.get()), "intersection");
            EXPECT_GT(planar(ov.get()), 1000.0);  // a real overlap, not a touch
        }
    }
    EXPECT_EQ(nr, 3);
    EXPECT_EQ(nu, 2);
    EXPECT_NE(readme.find("overlapping the red line: **3**"), std::string::npos);
    EXPECT_NE(readme.find("overlapping the urban boundary: **2**"), std::string::npos);
}

TEST_F(SampleData, WaterGradesDoNotOverlap) {
    const auto water = read(ctx, "water.shp");
    std::map<std::string, std::vector<const Row*>> by_source;
    for (const auto& w : water) by_source[w.fields.at("SYDMC")].push_back(&w);
    EXPECT_EQ(by_source.size(), 11u);
    for (size_t i = 0; i < water.size(); ++i) {
        for (size_t j = i + 1; j < water.size(); ++j) {
            Geom ov = ctx.own(GEOSIntersection_r(ctx, water[i].geom.get(), water[j].geom.get()), "intersection");
            EXPECT_LT(planar(ov.get()), 0.01)
                << water[i].fields.at("SYDMC") << water[i].fields.at("BHQJB") << " / "
                << water[j].fields.at("SYDMC") << water[j].fields.at("BHQJB");
        }
    }
    for (const auto& [name, rows] : by_source) {
        std::map<std::string, int> grades;
        for (const auto* r : rows) ++grades[r->fields.at("BHQJB")];
        EXPECT_EQ(grades.size(), 3u) << name;
    }
}

#ifdef ZONING_GEN_SAMPLE
TEST_F(SampleData, RegeneratingGivesTheCommittedFigures) {
    const char* tmp_env = std::getenv("ZONING_TEST_TMP");
    const fs::path tmp = fs::path(tmp_env ? tmp_env : fs::temp_directory_path().string()) / "gen_sample";
    fs::remove_all(tmp);
    fs::create_directories(tmp);
    const std::string cmd = std::string("\"") + ZONING_GEN_SAMPLE + "\" --out \"" + (tmp / "yunzhou").string() +
                            "\" --examples \"" + (tmp / "examples").string() + "\" 2> \"" +
                            (tmp / "log.txt").string() + "\"";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
    const std::string committed = figures_section(kDir + "/README.md");
    ASSERT_FALSE(committed.empty());
    EXPECT_EQ(figures_section((tmp / "yunzhou" / "README.md").string()), committed);
    // and the catalog (its version: and source_date: keys among the rest)
    std::ifstream ca(kDir + "/catalog.yaml"), cb(tmp / "yunzhou" / "catalog.yaml");
    std::stringstream sca, scb;
    sca << ca.rdbuf();
    scb << cb.rdbuf();
    EXPECT_EQ(sca.str(), scb.str());
    // the example footprints too
    std::ifstream a(std::string(ZONING_SOURCE_DIR) + "/examples/README.md"), b(tmp / "examples" / "README.md");
    std::stringstream sa, sb;
    sa << a.rdbuf();
    sb << b.rdbuf();
    EXPECT_EQ(sa.str(), sb.str());
    fs::remove_all(tmp);
}
#endif

}  // namespace
