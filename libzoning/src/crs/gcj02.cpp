// GCJ-02, the offset coordinates of Chinese web maps (and of KML exported by 奥维 9.3+).
// The forward formula is the published one; the inverse is a fixed-point iteration of it.
#include <zoning/formats.hpp>

#include <cmath>
#include <numbers>

namespace zoning {

namespace {

constexpr double kA = 6378245.0;                 // Krasovsky semi-major axis used by GCJ-02
constexpr double kEe = 0.00669342162296594323;   // its first eccentricity squared
constexpr double kPi = std::numbers::pi;

bool outside_china(double lon, double lat) {
    return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

double shift_lat(double x, double y) {
    double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * std::sqrt(std::fabs(x));
    r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
    r += (20.0 * std::sin(y * kPi) + 40.0 * std::sin(y / 3.0 * kPi)) * 2.0 / 3.0;
    r += (160.0 * std::sin(y / 12.0 * kPi) + 320.0 * std::sin(y * kPi / 30.0)) * 2.0 / 3.0;
    return r;
}

double shift_lon(double x, double y) {
    double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * std::sqrt(std::fabs(x));
    r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
    r += (20.0 * std::sin(x * kPi) + 40.0 * std::sin(x / 3.0 * kPi)) * 2.0 / 3.0;
    r += (150.0 * std::sin(x / 12.0 * kPi) + 300.0 * std::sin(x / 30.0 * kPi)) * 2.0 / 3.0;
    return r;
}

}  // namespace

std::pair<double, double> wgs84_to_gcj02(double lon, double lat) {
    if (outside_china(lon, lat)) return {lon, lat};
    double dlat = shift_lat(lon - 105.0, lat - 35.0);
    double dlon = shift_lon(lon - 105.0, lat - 35.0);
    const double rad = lat / 180.0 * kPi;
    double magic = std::sin(rad);
    magic = 1 - kEe * magic * magic;
    const double sq = std::sqrt(magic);
    dlat = (dlat * 180.0) / ((kA * (1 - kEe)) / (magic * sq) * kPi);
    dlon = (dlon * 180.0) / (kA / sq * std::cos(rad) * kPi);
    return {lon + dlon, lat + dlat};
}

std::pair<double, double> gcj02_to_wgs84(double lon, double lat) {
    if (outside_china(lon, lat)) return {lon, lat};
    double x = lon, y = lat;
    for (int i = 0; i < 30; ++i) {
        const auto [fx, fy] = wgs84_to_gcj02(x, y);
        const double ex = fx - lon, ey = fy - lat;
        x -= ex;
        y -= ey;
        if (std::fabs(ex) < 1e-12 && std::fabs(ey) < 1e-12) break;
    }
    return {x, y};
}

}  // namespace zoning
