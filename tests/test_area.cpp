// Areas: the closed-form ellipsoidal quadrangle, the survey area (椭球面积, 国土调查办发〔2008〕32号)
// and the geodesic area against it, convergence of the survey strips, zone-prefixed and unprefixed
// Gauss-Krüger CRSs, and the sample district measured three ways. docs/areas.md explains them.
#include <zoning/area.hpp>
#include <zoning/catalog.hpp>
#include <zoning/crs.hpp>
#include <zoning/error.hpp>
#include <zoning/geos.hpp>
#include <zoning/layer.hpp>

#include "test_support.hpp"

#include <cmath>
#include <sstream>
#include <vector>

namespace zoning {
namespace {

// CGCS2000 ellipsoid (as GRS80 up to 1e-4 m in b).
constexpr double kA = 6378137.0;
constexpr double kInvF = 298.257222101;

double rel(double a, double b) { return std::fabs(a - b) / std::fabs(b); }

/// WKT polygon of a closed ring.
std::string polygon_wkt(const std::vector<double>& x, const std::vector<double>& y) {
    std::ostringstream s;
    s.precision(17);
    s << "POLYGON((";
    for (size_t i = 0; i < x.size(); ++i) s << (i ? "," : "") << x[i] << ' ' << y[i];
    s << "))";
    return s.str();
}

/// The boundary of the lon/lat quadrangle [lon1, lon2] × [lat1, lat2], densified every `step`
/// degrees along its meridians and parallels, projected to `crs` (counter-clockwise).
Geom projected_quadrangle(const GeosContext& ctx, const Crs& crs, double lon1, double lat1, double lon2,
                          double lat2, double step) {
    std::vector<double> x, y;
    auto edge = [&](double ax, double ay, double bx, double by) {
        const int n = static_cast<int>(std::ceil(std::max(std::fabs(bx - ax), std::fabs(by - ay)) / step));
        for (int i = 0; i < n; ++i) {
            x.push_back(ax + (bx - ax) * i / n);
            y.push_back(ay + (by - ay) * i / n);
        }
    };
    edge(lon1, lat1, lon2, lat1);
    edge(lon2, lat1, lon2, lat2);
    edge(lon2, lat2, lon1, lat2);
    edge(lon1, lat2, lon1, lat1);
    x.push_back(lon1);
    y.push_back(lat1);
    Transformer(geographic_of(crs), crs).transform(x, y);
    return ctx.from_wkt(polygon_wkt(x, y));
}

/// An axis-aligned square in the plane, its edges cut into `pieces` each.
Geom plane_square(const GeosContext& ctx, double x0, double y0, double side, int pieces = 1) {
    std::vector<double> x, y;
    const double cx[] = {x0, x0 + side, x0 + side, x0, x0};
    const double cy[] = {y0, y0, y0 + side, y0 + side, y0};
    for (int e = 0; e < 4; ++e) {
        for (int i = 0; i < pieces; ++i) {
            x.push_back(cx[e] + (cx[e + 1] - cx[e]) * i / pieces);
            y.push_back(cy[e] + (cy[e + 1] - cy[e]) * i / pieces);
        }
    }
    x.push_back(x0);
    y.push_back(y0);
    return ctx.from_wkt(polygon_wkt(x, y));
}

TEST(Area, QuadrangleFormulaGivesTheWholeEllipsoid) {
    // The surface of the ellipsoid, 2πa²(1 + (1 − e²)/e · atanh e): 510,065,621.718491 km² for
    // GRS80/CGCS2000 (evaluated with 30-digit arithmetic).
    const double whole = ellipsoidal_quadrangle_area(kA, kInvF, -180, -90, 180, 90);
    EXPECT_LT(rel(whole, 510065621718491.197), 1e-13);
    // A sphere: 2 π R² (sin φ2 − sin φ1) per radian of longitude.
    const double sphere = ellipsoidal_quadrangle_area(6371000, 0, 0, 0, 1, 1);
    const double expected = 6371000.0 * 6371000.0 * (M_PI / 180) * std::sin(M_PI / 180);
    EXPECT_LT(rel(sphere, expected), 1e-12);
}

TEST(Area, SurveyAndGeodesicOfAOneDegreeQuadrangleMatchTheClosedForm) {
    GeosContext ctx;
    const Crs gk = Crs::from_user("EPSG:4547");  // CGCS2000 GK CM 114E
    // 113.5–114.5E × 39.5–40.5N: across the central meridian, like 云州区 (about 12,000 km²).
    const Geom q = projected_quadrangle(ctx, gk, 113.5, 39.5, 114.5, 40.5, 0.001);
    const double exact = ellipsoidal_quadrangle_area(kA, kInvF, 113.5, 39.5, 114.5, 40.5);
    EXPECT_LT(rel(exact, 9481553109.40213), 1e-12);  // m², evaluated with 30-digit arithmetic
    AreaMeter survey(gk, EllipsoidalMethod::survey), geodesic(gk, EllipsoidalMethod::geodesic);
    EXPECT_LT(rel(survey.ellipsoidal(ctx, q.get()), exact), 1e-8);
    EXPECT_LT(rel(geodesic.ellipsoidal(ctx, q.get()), exact), 1e-8);
    // The plane area is larger: the GK scale factor grows away from the central meridian.
    const double planar = survey.planar(ctx, q.get());
    EXPECT_GT(planar, exact);
    EXPECT_LT(rel(planar, exact), 1e-4);
}

TEST(Area, SurveyStripsConvergeAndAgreeWithGeodesicOnADenseRing) {
    GeosContext ctx;
    const Crs gk = Crs::from_user("EPSG:4547");
    AreaMeter survey(gk, EllipsoidalMethod::survey), geodesic(gk, EllipsoidalMethod::geodesic);
    // A 40 km square whose western edge is 50 km east of CM 114E.
    const Geom coarse = plane_square(ctx, 550000, 4400000, 40000);
    const Geom dense = plane_square(ctx, 550000, 4400000, 40000, 40000);  // 1 m pieces
    const double s10 = survey.ellipsoidal(ctx, coarse.get());             // 10 m strips inside
    const double s1 = survey.ellipsoidal(ctx, dense.get());
    EXPECT_LT(rel(s10, s1), 1e-10);
    // With 1 m edges the geodesics follow the straight GK edges: both meanings coincide.
    EXPECT_LT(rel(geodesic.ellipsoidal(ctx, dense.get()), s1), 1e-9);
    // Undensified, the geodesic polygon differs (its edges are geodesics between the corners):
    // a real but small difference, which is why the method is a choice.
    const double g_coarse = geodesic.ellipsoidal(ctx, coarse.get());
    EXPECT_GT(rel(g_coarse, s1), 1e-9);
    EXPECT_LT(rel(g_coarse, s1), 1e-5);
    // Plane vs ellipsoid: the area scale factor of GK is about 1 + y²/R² at easting offset y.
    const double planar = survey.planar(ctx, coarse.get());
    const double y = 70000, r = 6371000;
    EXPECT_NEAR(planar / s1 - 1, y * y / (r * r), 0.2 * y * y / (r * r));
}

TEST(Area, HolesAreSubtractedAndMultiPartsAdded) {
    GeosContext ctx;
    const Crs gk = Crs::from_user("EPSG:4547");
    AreaMeter survey(gk, EllipsoidalMethod::survey);
    const Geom outer = plane_square(ctx, 500000, 4430000, 1000);
    const Geom inner = plane_square(ctx, 500250, 4430250, 500);
    const Geom other = plane_square(ctx, 503000, 4430000, 200);
    const Geom holed = ctx.from_wkt(
        "POLYGON((500000 4430000,501000 4430000,501000 4431000,500000 4431000,500000 4430000),"
        "(500250 4430250,500250 4430750,500750 4430750,500750 4430250,500250 4430250))");
    const Geom multi = ctx.from_wkt(
        "MULTIPOLYGON(((500000 4430000,501000 4430000,501000 4431000,500000 4431000,500000 4430000),"
        "(500250 4430250,500250 4430750,500750 4430750,500750 4430250,500250 4430250)),"
        "((503000 4430000,503200 4430000,503200 4430200,503000 4430200,503000 4430000)))");
    const double a_outer = survey.ellipsoidal(ctx, outer.get());
    const double a_inner = survey.ellipsoidal(ctx, inner.get());
    const double a_other = survey.ellipsoidal(ctx, other.get());
    EXPECT_LT(rel(survey.ellipsoidal(ctx, holed.get()), a_outer - a_inner), 1e-12);
    EXPECT_LT(rel(survey.ellipsoidal(ctx, multi.get()), a_outer - a_inner + a_other), 1e-12);
    // On the central meridian the GK scale factor is 1: plane and ellipsoid agree to ~1e-8.
    EXPECT_LT(rel(a_outer, 1e6), 1e-7);
}

TEST(Area, ZonePrefixedAndUnprefixedGiveTheSameAreas) {
    GeosContext ctx;
    const Crs plain = Crs::from_user("EPSG:4547");     // CM 114E, easting 500 km at the CM
    const Crs prefixed = Crs::from_user("EPSG:4526");  // zone 38, easting 38,500 km at the CM
    const Geom a = plane_square(ctx, 512345.6, 4421000.0, 3000);
    const Geom b = plane_square(ctx, 38512345.6, 4421000.0, 3000);
    for (const auto m : {EllipsoidalMethod::survey, EllipsoidalMethod::geodesic}) {
        AreaMeter ma(plain, m), mb(prefixed, m);
        EXPECT_LT(rel(mb.ellipsoidal(ctx, b.get()), ma.ellipsoidal(ctx, a.get())), 1e-9) << to_string(m);
        EXPECT_LT(rel(mb.planar(ctx, b.get()), ma.planar(ctx, a.get())), 1e-12);
    }
}

TEST(Area, SurveyNeedsAProjectedCrs) {
    GeosContext ctx;
    AreaMeter m(Crs::from_user("EPSG:4490"), EllipsoidalMethod::survey);
    const Geom g = ctx.from_wkt("POLYGON((113 40,113.1 40,113.1 40.1,113 40,113 40))");
    EXPECT_THROW((void)m.ellipsoidal(ctx, g.get()), InputError);
    EXPECT_THROW((void)parse_ellipsoidal_method("authalic"), InputError);
}

TEST(Area, SampleDistrictMeasuredThreeWays) {
    // The district outline (912 vertices, edges of ~100–500 m) was scaled to 1,478.34 km²
    // geodesic; the survey area of the same outline differs by far less than the 0.01 km² of the
    // plan's figure, and the GK plane area is larger by the zone's scale factor.
    const Catalog c = Catalog::load(std::string(ZONING_SOURCE_DIR) + "/shapefiles/yunzhou/catalog.yaml");
    const auto lc = LoadedCatalog::load(c);
    const ZoneLayer* d = lc->find("district");
    ASSERT_NE(d, nullptr);
    const GeosContext& ctx = lc->context();
    const GEOSGeometry* g = d->union_geometry();
    AreaMeter survey(lc->working_crs(), EllipsoidalMethod::survey);
    AreaMeter geodesic(lc->working_crs(), EllipsoidalMethod::geodesic);
    const double s = survey.ellipsoidal(ctx, g), e = geodesic.ellipsoidal(ctx, g), p = survey.planar(ctx, g);
    EXPECT_NEAR(e / 1e6, 1478.34, 0.005);
    EXPECT_NEAR(s / 1e6, 1478.34, 0.005);
    EXPECT_LT(rel(s, e), 1e-6);
    EXPECT_GT(p, e);
    EXPECT_LT(rel(p, e), 2e-4);
}

}  // namespace
}  // namespace zoning
