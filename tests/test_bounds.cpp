// Broken input (issue 13): how invalid footprints are repaired (MakeValid, structure method).
#include <zoning/crs.hpp>
#include <zoning/error.hpp>
#include <zoning/footprint.hpp>
#include <zoning/screen.hpp>

#include "test_support.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>

namespace zoning {
namespace {

using test::zoning_cli;

const std::string kCatalog = test::data("small/catalog.yaml").string();

/// A one-feature CSV footprint source (WKT column, no CRS: read with --s-srs EPSG:4547).
std::string csv_footprint(const test::TempDir& dir, const std::string& name, const std::string& wkt,
                          const std::string& extra_header = "", const std::string& extra_value = "") {
    const auto p = dir / (name + ".csv");
    test::write_file(p, "id,WKT" + extra_header + "\n" + name + ",\"" + wkt + "\"" + extra_value + "\n");
    return p.string();
}

struct Read {
    GeosContext ctx;
    std::vector<Warning> warnings;
    std::vector<Footprint> footprints;
    Read(const std::string& source, FootprintQuery q = {}) {
        q.sources = {source};
        q.s_srs = "EPSG:4547";
        q.id_field = "id";
        footprints = read_footprints(q, Crs::from_user("EPSG:4547"), ctx, warnings);
    }
    double area() const {
        double a = 0;
        GEOSArea_r(ctx, footprints.at(0).geom.get(), &a);
        return a;
    }
    int vertices() const { return GEOSGetNumCoordinates_r(ctx, footprints.at(0).geom.get()); }
};

// ---- MakeValid: the structure method -----------------------------------------------------------
// Hand-checkable figures, 100 m squares at (470000, 4420000) in EPSG:4547. The linework method
// (GEOSMakeValid, used before) gives the XOR of the linework where these give the covered area.

TEST(Repair, OverlappingPartsOfOneMultipolygonCountOnce) {
    // Two 100 m squares overlapping by 50 x 50: union 2 x 10,000 - 2,500 = 17,500 (linework: 15,000).
    test::TempDir dir;
    Read r(csv_footprint(dir, "two", "MULTIPOLYGON (((470000 4420000,470100 4420000,470100 4420100,470000 4420100,"
                                     "470000 4420000)),((470050 4420050,470150 4420050,470150 4420150,"
                                     "470050 4420150,470050 4420050)))"));
    EXPECT_NEAR(r.area(), 17500.0, 17500 * 1e-9);
    ASSERT_EQ(r.warnings.size(), 1U);
    EXPECT_NE(r.warnings[0].what.find("repaired with MakeValid"), std::string::npos) << r.warnings[0].what;
}

TEST(Repair, HoleStickingOutOfItsShellIsShellMinusHole) {
    // Shell 100 x 100, hole 100 x 60 from x = 20 to 120: shell minus hole = 10,000 - 80 x 60 =
    // 5,200 (linework, the XOR: 10,000 + 6,000 - 2 x 4,800 = 6,400).
    test::TempDir dir;
    Read r(csv_footprint(dir, "hole", "POLYGON ((470000 4420000,470100 4420000,470100 4420100,470000 4420100,"
                                      "470000 4420000),(470020 4420020,470120 4420020,470120 4420080,"
                                      "470020 4420080,470020 4420020))"));
    EXPECT_NEAR(r.area(), 5200.0, 5200 * 1e-9);
}

TEST(Repair, BowtieKeepsBothLobes) {
    // Two triangles of 100 x 50 / 2 each = 2 x 2,500 (buffer(0) keeps one: 2,500).
    test::TempDir dir;
    Read r(csv_footprint(dir, "bow", "POLYGON ((470000 4420000,470100 4420100,470100 4420000,470000 4420100,"
                                     "470000 4420000))"));
    EXPECT_NEAR(r.area(), 5000.0, 5000 * 1e-9);
}

/// A star of n vertices on alternating radii 3,000 m and 100 m, golden-angle steps: every spike
/// crosses most others.
std::string star_wkt(int n) {
    const double ga = M_PI * (3 - std::sqrt(5.0));
    std::string w = "POLYGON ((";
    char buf[64];
    for (int i = 0; i <= n; ++i) {
        const int k = i % n;
        const double r = k % 2 == 0 ? 3000 : 100, a = k * ga;
        std::snprintf(buf, sizeof buf, "%s%.3f %.3f", i > 0 ? "," : "", 470000 + r * std::cos(a), 4420000 + r * std::sin(a));
        w += buf;
    }
    return w + "))";
}

TEST(Repair, SelfCrossingStarStaysSmall) {
    // Linework took 31-40 s here and made 7,918 vertices of slivers; structure 0.3 s, 101 vertices.
    test::TempDir dir;
    const auto t0 = std::chrono::steady_clock::now();
    Read r(csv_footprint(dir, "star", star_wkt(100)));
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    EXPECT_LE(r.vertices(), 110);
    EXPECT_NEAR(r.area(), 7046801.7, 7046801.7 * 1e-5);  // measured (structure), not hand-checkable
    EXPECT_LT(s, 20.0);
}

}  // namespace
}  // namespace zoning
