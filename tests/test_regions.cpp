// The benchmark regions of zoning-gen-sample (issue 7): 大同市 from its 10 real district outlines.
// Generated into a temporary folder once for the suite; checks real figures, validity, the
// partitions, determinism, and that the engine loads the catalog as written.
#include <zoning/area.hpp>
#include <zoning/catalog.hpp>
#include <zoning/crs.hpp>
#include <zoning/geos.hpp>
#include <zoning/layer.hpp>

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

#include <unistd.h>

#ifdef ZONING_GEN_SAMPLE
namespace {

namespace fs = std::filesystem;
using zoning::Geom;
using zoning::GeosContext;

using zoning::test::Row;

std::vector<Row> read(const GeosContext& ctx, const std::string& path) { return zoning::test::read_rows(ctx, path); }

fs::path tmp_root() {
    const char* env = std::getenv("ZONING_TEST_TMP");
    return fs::path(env ? env : fs::temp_directory_path().string()) / "gen_regions";
}

int generate(const std::string& args, const fs::path& out) {
    fs::remove_all(out);
    const std::string cmd = std::string("\"") + ZONING_GEN_SAMPLE + "\" " + args + " --out \"" + out.string() + "\" 2> \"" +
                            out.string() + ".log\"";
    return std::system(cmd.c_str());
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// The red-line targets the generator sets per district (plan-like, synthetic except 云州区's
// 34.2 %, which is its plan's). The generator stops within half a Voronoi cell of the target.
const std::map<std::string, double> kRedTarget = {
    {"140212", 30.0}, {"140213", 5.0},  {"140214", 22.0}, {"140215", 34.2}, {"140221", 26.0},
    {"140222", 28.0}, {"140223", 30.0}, {"140224", 45.0}, {"140225", 38.0}, {"140226", 25.0}};

/// One generation per process (ctest runs every test in its own process, maybe in parallel):
/// the folder carries the process id, and all the checks on it are one test.
class Datong {
public:
    Datong() : dir_(tmp_root() / ("datong-" + std::to_string(::getpid()))) {
        fs::create_directories(tmp_root());
        rc_ = generate("--region datong", dir_);
    }
    ~Datong() {
        std::error_code ec;
        fs::remove_all(dir_, ec);
        fs::remove(dir_.string() + ".log", ec);
    }
    Datong(const Datong&) = delete;
    Datong& operator=(const Datong&) = delete;
    [[nodiscard]] int rc() const { return rc_; }
    [[nodiscard]] std::string log() const { return slurp(dir_.string() + ".log"); }
    [[nodiscard]] std::string file(const std::string& f) const { return (dir_ / f).string(); }

    GeosContext ctx;
    zoning::Crs crs = zoning::Crs::from_user("EPSG:4547");
    zoning::AreaMeter meter{crs};
    [[nodiscard]] double geo(const GEOSGeometry* g) const { return meter.geodesic(ctx, g); }
    [[nodiscard]] double planar(const GEOSGeometry* g) const { return meter.planar(ctx, g); }

private:
    fs::path dir_;
    int rc_ = -1;
};

void districts_have_the_published_outline_areas(const Datong& t) {
    // The published outlines, measured the same way (lon/lat -> EPSG:4547 -> geodesic).
    const auto published = read(t.ctx, std::string(ZONING_SOURCE_DIR) + "/tools/gen_sample/data/datong_city_districts_wgs84.geojson");
    ASSERT_EQ(published.size(), 10u);
    const zoning::Transformer to_gk(zoning::Crs::from_user("EPSG:4490"), t.crs);
    std::map<std::string, double> pub;
    double pub_sum = 0;
    for (const auto& p : published) {
        Geom g = to_gk.transform(t.ctx, p.geom.get());
        pub[p.fields.at("adcode")] = t.geo(g.get());
        pub_sum += t.geo(g.get());
    }
    const auto d = read(t.ctx, t.file("district.shp"));
    ASSERT_EQ(d.size(), 10u);
    double sum = 0;
    for (const auto& r : d) {
        const std::string code = r.fields.at("XZQDM");
        ASSERT_TRUE(pub.count(code)) << code;
        const double a = t.geo(r.geom.get());
        sum += a;
        // Written = published, less what overlapped an earlier district (a few ha at most).
        EXPECT_LE(a, pub.at(code) * (1 + 1e-9)) << r.fields.at("XZQMC");
        EXPECT_LT(pub.at(code) - a, 0.0005 * pub.at(code)) << r.fields.at("XZQMC");
        EXPECT_NEAR(std::stod(r.fields.at("MJ")), a / zoning::kM2PerHa, 0.006) << r.fields.at("XZQMC");
    }
    // 大同市's published land area is 14,176 km²; the Amap outlines measure within 1 % of it.
    EXPECT_NEAR(pub_sum / zoning::kM2PerKm2, 14176, 142);
    EXPECT_NEAR(sum, pub_sum, 0.0005 * pub_sum);
    // 云州区 as published: 1,483.41 km² (the sample scales it to the plan's 1,478.34 km²)
    EXPECT_NEAR(pub.at("140215") / zoning::kM2PerKm2, 1483.41, 0.01);
    // The admin layer has no overlaps: the union's area is the sum.
    std::vector<const GEOSGeometry*> raw;
    for (const auto& r : d) raw.push_back(r.geom.get());
    Geom u = t.ctx.union_all(raw);
    double psum = 0;
    for (const auto& r : d) psum += t.planar(r.geom.get());
    EXPECT_NEAR(t.planar(u.get()), psum, 1.0);
}

void red_line_share_of_each_district_is_its_plan_target(const Datong& t) {
    const auto d = read(t.ctx, t.file("district.shp"));
    const auto red = read(t.ctx, t.file("redline.shp"));
    std::map<std::string, std::vector<const GEOSGeometry*>> by;
    double sum = 0, union_sum = 0;
    for (const auto& r : red) by[r.fields.at("XZQDM")].push_back(r.geom.get());
    for (const auto& r : d) {
        const std::string code = r.fields.at("XZQDM");
        ASSERT_TRUE(by.count(code)) << code;
        Geom u = t.ctx.union_all(by.at(code));
        const double share = 100 * t.geo(u.get()) / t.geo(r.geom.get());
        EXPECT_NEAR(share, kRedTarget.at(code), 1.0) << r.fields.at("XZQMC");
        EXPECT_GE(share, 4.0);   // plan-like bounds: no district without red line,
        EXPECT_LE(share, 46.0);  // none more than the most mountainous county's
        for (const auto* g : by.at(code)) sum += t.geo(g);
        union_sum += t.geo(u.get());
    }
    EXPECT_GT(sum, union_sum + 1000 * zoning::kM2PerHa);  // features overlap each other, as real data does
}

void every_geometry_is_valid(const Datong& t) {
    for (const char* l : {"district", "townships", "redline", "reserve", "park", "water", "farmland", "urban", "units"}) {
        const auto rows = read(t.ctx, t.file(std::string(l) + ".shp"));
        EXPECT_FALSE(rows.empty()) << l;
        int invalid = 0;
        for (const auto& r : rows) invalid += GEOSisValid_r(t.ctx, r.geom.get()) == 1 ? 0 : 1;
        EXPECT_EQ(invalid, 0) << l;
    }
    const auto farm = read(t.ctx, t.file("farmland.shp"));
    EXPECT_GT(farm.size(), 50000u);
}

void townships_and_units_partition_each_district(const Datong& t) {
    const auto d = read(t.ctx, t.file("district.shp"));
    for (const char* l : {"townships.shp", "units.shp"}) {
        std::map<std::string, double> sum;
        for (const auto& r : read(t.ctx, t.file(l))) sum[r.fields.at("XZQDM")] += t.planar(r.geom.get());
        for (const auto& r : d) EXPECT_NEAR(sum[r.fields.at("XZQDM")], t.planar(r.geom.get()), 2.0) << l << " " << r.fields.at("XZQMC");
    }
}

void farmland_keeps_clear_of_the_red_line_and_urban(const Datong& t) {
    for (const char* l : {"redline.shp", "urban.shp"}) {
        const auto zone = read(t.ctx, t.file(l));
        std::vector<const GEOSGeometry*> raw;
        for (const auto& r : zone) raw.push_back(r.geom.get());
        Geom u = t.ctx.union_all(raw);
        auto p = t.ctx.prepare(u.get());
        int hits = 0;
        for (const auto& f : read(t.ctx, t.file("farmland.shp"))) hits += GEOSPreparedIntersects_r(t.ctx, p.get(), f.geom.get()) == 1;
        EXPECT_EQ(hits, 0) << l;
    }
}

void engine_loads_it_without_repairs(const Datong& t) {
    const auto cat = zoning::Catalog::load(t.file("catalog.yaml"));
    zoning::LoadOptions lo;
    lo.use_cache = false;  // the files as written, not a prepared cache
    const auto loaded = zoning::LoadedCatalog::load(cat, lo);
    EXPECT_EQ(loaded->working_crs().epsg.value_or(0), 4547);
    EXPECT_TRUE(loaded->warnings().empty()) << loaded->warnings().front().what;
    EXPECT_EQ(loaded->layers().size(), 9u);
    std::ifstream in(t.file("README.md"));
    std::stringstream ss;
    ss << in.rdbuf();
    EXPECT_NE(ss.str().find("Copyright (c) 2020 GaryBikini"), std::string::npos);  // the licence notice
}

TEST(Regions, DatongCatalogHasTheRealFiguresAndLoads) {
    const Datong t;
    ASSERT_EQ(t.rc(), 0) << t.log();
    {
        SCOPED_TRACE("districts");
        districts_have_the_published_outline_areas(t);
    }
    {
        SCOPED_TRACE("red line");
        red_line_share_of_each_district_is_its_plan_target(t);
    }
    {
        SCOPED_TRACE("validity");
        every_geometry_is_valid(t);
    }
    {
        SCOPED_TRACE("partitions");
        townships_and_units_partition_each_district(t);
    }
    {
        SCOPED_TRACE("farmland");
        farmland_keeps_clear_of_the_red_line_and_urban(t);
    }
    {
        SCOPED_TRACE("engine");
        engine_loads_it_without_repairs(t);
    }
}

TEST(Regions, SameSeedSameFilesOtherSeedOtherFigures) {
    const fs::path root = tmp_root() / ("determinism-" + std::to_string(::getpid()));
    fs::create_directories(root);
    const std::string two = "--region datong --districts 平城区,云冈区";
    ASSERT_EQ(generate(two, root / "a"), 0);
    ASSERT_EQ(generate(two, root / "b"), 0);
    ASSERT_EQ(generate(two + " --seed 7", root / "c"), 0);
    int files = 0;
    for (const auto& e : fs::directory_iterator(root / "a")) {
        const auto name = e.path().filename();
        std::string b = slurp(root / "b" / name);
        if (name == "README.md") {  // names its own folder in the command line
            const std::string from = (root / "b").string(), to = (root / "a").string();
            for (size_t p = b.find(from); p != std::string::npos; p = b.find(from, p + to.size())) b.replace(p, from.size(), to);
        }
        EXPECT_EQ(slurp(e.path()), b) << name;
        ++files;
    }
    EXPECT_EQ(files, 9 * 5 + 2);  // .shp .shx .dbf .prj .cpg per layer, catalog.yaml, README.md
    EXPECT_NE(slurp(root / "a" / "redline.shp"), slurp(root / "c" / "redline.shp"));
    fs::remove_all(root);
}

}  // namespace
#endif
