#include <zoning/area.hpp>
#include <zoning/error.hpp>

#include "crs/rings.hpp"

#include <geodesic.h>

#include <cmath>

namespace zoning {

EllipsoidalMethod parse_ellipsoidal_method(std::string_view s) {
    if (s == "geodesic") return EllipsoidalMethod::geodesic;
    if (s == "survey") return EllipsoidalMethod::survey;
    throw InputError("unknown ellipsoidal area method '" + std::string(s) + "' (geodesic | survey)");
}

std::string_view to_string(EllipsoidalMethod m) {
    return m == EllipsoidalMethod::geodesic ? "geodesic" : "survey";
}

struct AreaMeter::Impl {
    Transformer to_geographic;
    geod_geodesic geod{};
    Impl(const Crs& working) : to_geographic(working, geographic_of(working)) {
        const double f = working.inv_flattening == 0 ? 0 : 1 / working.inv_flattening;
        geod_init(&geod, working.semi_major, f);
    }
};

AreaMeter::AreaMeter(const Crs& working, EllipsoidalMethod method)
    : impl_(std::make_unique<Impl>(working)), working_(working), method_(method) {}
AreaMeter::~AreaMeter() = default;
AreaMeter::AreaMeter(AreaMeter&&) noexcept = default;
AreaMeter& AreaMeter::operator=(AreaMeter&&) noexcept = default;

namespace {

using detail::for_each_ring;
using detail::ring_coords;

/// Shoelace about the ring's first vertex: no precision lost to large coordinates.
double shoelace_abs(const std::vector<double>& x, const std::vector<double>& y) {
    const size_t n = x.size();
    if (n < 4) return 0;
    const double x0 = x[0], y0 = y[0];
    double s = 0;
    for (size_t i = 1; i + 1 < n; ++i) {
        s += (x[i] - x0) * (y[i + 1] - y0) - (x[i + 1] - x0) * (y[i] - y0);
    }
    return std::fabs(s) / 2;
}

}  // namespace

double AreaMeter::planar(const GeosContext& ctx, const GEOSGeometry* g) const {
    double area = 0;
    std::vector<double> x, y;
    for_each_ring(ctx.handle(), g, [&](const GEOSGeometry* ring, bool hole) {
        ring_coords(ctx.handle(), ring, x, y);
        const double a = shoelace_abs(x, y);
        area += hole ? -a : a;
    });
    return area;
}

double AreaMeter::geodesic(const GeosContext& ctx, const GEOSGeometry* g) const {
    double area = 0;
    std::vector<double> x, y;
    for_each_ring(ctx.handle(), g, [&](const GEOSGeometry* ring, bool hole) {
        ring_coords(ctx.handle(), ring, x, y);
        if (x.size() < 4) return;
        impl_->to_geographic.transform(x, y);  // x = lon, y = lat
        // geod_polygonarea wants an open ring.
        const int n = static_cast<int>(x.size()) - 1;
        double a = 0, perimeter = 0;
        geod_polygonarea(&impl_->geod, y.data(), x.data(), n, &a, &perimeter);
        area += hole ? -std::fabs(a) : std::fabs(a);
    });
    return area;
}

double AreaMeter::survey(const GeosContext& ctx, const GEOSGeometry* g) const {
    if (working_.geographic) {
        throw InputError("survey (椭球面积) area needs a projected (Gauss-Krüger) working CRS, not " +
                         working_.label());
    }
    return detail::survey_area(ctx.handle(), g, impl_->to_geographic, working_.semi_major,
                               working_.inv_flattening);
}

double AreaMeter::ellipsoidal(const GeosContext& ctx, const GEOSGeometry* g) const {
    return method_ == EllipsoidalMethod::geodesic ? geodesic(ctx, g) : survey(ctx, g);
}

double AreaMeter::length(const GeosContext& ctx, const GEOSGeometry* g) const {
    if (g == nullptr || GEOSisEmpty_r(ctx.handle(), g) != 0) return 0;
    Geom lines = ctx.lineal_part(g);
    double len = 0;
    if (GEOSLength_r(ctx.handle(), lines.get(), &len) == 0) throw InternalError("GEOS length failed");
    return len;
}

double ellipsoidal_quadrangle_area(double a, double inv_f, double lon1, double lat1, double lon2,
                                   double lat2) {
    constexpr double deg = 3.14159265358979323846 / 180.0;
    const double f = inv_f == 0 ? 0 : 1 / inv_f;
    const double e2 = f * (2 - f);
    const double e = std::sqrt(e2);
    // q(phi) of the authalic latitude: the area between the equator and phi per radian of
    // longitude is a^2 q(phi) / 2.
    auto q = [&](double phi) {
        const double s = std::sin(phi);
        if (e == 0) return 2 * s;
        return (1 - e2) * (s / (1 - e2 * s * s) - std::log((1 - e * s) / (1 + e * s)) / (2 * e));
    };
    return a * a / 2 * (lon2 - lon1) * deg * (q(lat2 * deg) - q(lat1 * deg));
}

}  // namespace zoning
