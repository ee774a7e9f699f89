// Survey area (椭球面积) of Chinese land surveys: 国土调查办发〔2008〕32号, 《图幅理论面积与图斑椭球
// 面积计算公式及要求》, used by the second and third national land surveys.
//
// The region measured is the one whose edges are straight lines in the Gauss-Krüger plane. Each
// ring's edges are cut, in the plane, into pieces no longer than `step`; all the vertices are
// inverse-projected to (B, L) at once; each piece contributes the signed area of the ellipsoidal
// quadrangle between a reference meridian L0 and the piece's mean longitude, and between the
// piece's two latitudes, by formula (2) of the document (the exact quadrangle area as a series in
// e²). This is Green's theorem, S = ∮ (L − L0) M N cos B dB, with the latitude integral done
// exactly and the longitude taken at the piece's middle, i.e. the sum of the narrow strips
// (trapezoids) the document describes; it converges as step² (docs/areas.md).
#include <zoning/error.hpp>

#include "crs/rings.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace zoning::detail {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kRadPerDeg = kPi / 180.0;
/// No edge of a Gauss-Krüger polygon is this long; a longer one means coordinates that are not
/// metres of the working CRS (and would make the densified ring huge).
constexpr double kMaxEdge = 2.0e6;

/// Formula (2): area of the ellipsoidal quadrangle between two meridians ΔL apart and the
/// parallels B1, B2 (radians), signed like ΔL·(B2 − B1).
class QuadrangleFormula {
public:
    QuadrangleFormula(double a, double inv_f) {
        const double f = inv_f == 0 ? 0 : 1 / inv_f;
        const double e2 = f * (2 - f);  // (a² − b²) / a²
        const double e4 = e2 * e2, e6 = e4 * e2, e8 = e6 * e2;
        const double b = a * (1 - f);
        two_b2_ = 2 * b * b;
        ca_ = 1 + (3.0 / 6.0) * e2 + (30.0 / 80.0) * e4 + (35.0 / 112.0) * e6 + (630.0 / 2304.0) * e8;
        cb_ = (1.0 / 6.0) * e2 + (15.0 / 80.0) * e4 + (21.0 / 112.0) * e6 + (420.0 / 2304.0) * e8;
        cc_ = (3.0 / 80.0) * e4 + (7.0 / 112.0) * e6 + (180.0 / 2304.0) * e8;
        cd_ = (1.0 / 112.0) * e6 + (45.0 / 2304.0) * e8;
        ce_ = (5.0 / 2304.0) * e8;
    }

    [[nodiscard]] double operator()(double dl, double b1, double b2) const {
        const double h = (b2 - b1) / 2;  // half the latitude difference
        const double m = (b1 + b2) / 2;  // Bm
        const double s = ca_ * std::sin(h) * std::cos(m) - cb_ * std::sin(3 * h) * std::cos(3 * m) +
                         cc_ * std::sin(5 * h) * std::cos(5 * m) -
                         cd_ * std::sin(7 * h) * std::cos(7 * m) +
                         ce_ * std::sin(9 * h) * std::cos(9 * m);
        return two_b2_ * dl * s;
    }

private:
    double two_b2_ = 0, ca_ = 0, cb_ = 0, cc_ = 0, cd_ = 0, ce_ = 0;
};

/// Cuts every edge of the closed ring (x, y) into pieces no longer than step; the result is
/// closed too.
void densify(const std::vector<double>& x, const std::vector<double>& y, double step,
             std::vector<double>& dx, std::vector<double>& dy) {
    dx.clear();
    dy.clear();
    const size_t n = x.size();
    for (size_t i = 0; i + 1 < n; ++i) {
        const double ex = x[i + 1] - x[i], ey = y[i + 1] - y[i];
        const double len = std::hypot(ex, ey);
        if (!std::isfinite(len)) throw InputError("survey area: a ring has a non-finite coordinate");
        if (len > kMaxEdge) {
            throw InputError("survey area: an edge is " + std::to_string(len) +
                             " m long; the geometry is not in metres of a Gauss-Krüger CRS");
        }
        const auto pieces = static_cast<size_t>(std::max(1.0, std::ceil(len / step)));
        for (size_t k = 0; k < pieces; ++k) {
            const double t = static_cast<double>(k) / static_cast<double>(pieces);
            dx.push_back(x[i] + t * ex);
            dy.push_back(y[i] + t * ey);
        }
    }
    dx.push_back(x[n - 1]);
    dy.push_back(y[n - 1]);
}

}  // namespace

double survey_area(GEOSContextHandle_t h, const GEOSGeometry* g, const Transformer& to_geographic,
                   double a, double inv_f, double step) {
    if (!(step > 0)) throw InternalError("survey area: the step must be positive");
    if (!(a > 0)) throw InputError("survey area: the CRS has no usable ellipsoid");
    const QuadrangleFormula quad(a, inv_f);
    double area = 0;
    std::vector<double> x, y, lon, lat;
    for_each_ring(h, g, [&](const GEOSGeometry* ring, bool hole) {
        ring_coords(h, ring, x, y);
        if (x.size() < 4) return;
        densify(x, y, step, lon, lat);
        to_geographic.transform(lon, lat);  // one PROJ call per ring: x = L, y = B (degrees)
        // Reference meridian L0 = the first vertex: the terms stay small, nothing cancels.
        const double l0 = lon[0];
        double s = 0;
        for (size_t i = 0; i + 1 < lon.size(); ++i) {
            const double dl = ((lon[i] - l0) + (lon[i + 1] - l0)) / 2 * kRadPerDeg;
            s += quad(dl, lat[i] * kRadPerDeg, lat[i + 1] * kRadPerDeg);
        }
        area += hole ? -std::fabs(s) : std::fabs(s);
    });
    return area;
}

}  // namespace zoning::detail
