#pragma once
// Area of polygons in the working CRS: planar (in the projection) and ellipsoidal.
//
// Ellipsoidal areas come in two meanings (see docs/design.md):
//  - geodesic: the polygon whose vertices are the inverse-projected vertices and whose edges are
//    geodesics, measured with GeographicLib (PROJ's geod_polygon_*). What PostGIS geography,
//    QGIS and GDAL report.
//  - survey: the 椭球面积 of Chinese land surveys (国土调查办发〔2008〕32号): the region whose edges
//    are straight in the Gauss-Krüger plane, cut into narrow strips whose corners are inverse-
//    projected and measured with the exact formula of an ellipsoidal quadrangle.
#include <zoning/crs.hpp>
#include <zoning/geos.hpp>

#include <array>
#include <memory>
#include <string_view>

namespace zoning {

enum class EllipsoidalMethod { geodesic, survey };
/// Every method, the default first (the choices of --ellipsoidal come from here and to_string).
inline constexpr std::array kEllipsoidalMethods{EllipsoidalMethod::geodesic, EllipsoidalMethod::survey};
EllipsoidalMethod parse_ellipsoidal_method(std::string_view s);  // throws InputError
std::string_view to_string(EllipsoidalMethod m);

/// Measures areas and lengths of geometries given in `working` CRS. Owns PROJ objects: one per
/// thread. Move-only.
class AreaMeter {
public:
    explicit AreaMeter(const Crs& working, EllipsoidalMethod method = EllipsoidalMethod::geodesic);
    ~AreaMeter();
    AreaMeter(AreaMeter&&) noexcept;
    AreaMeter& operator=(AreaMeter&&) noexcept;

    /// Planar area (m² for a projected CRS) of the polygonal parts; shells minus holes,
    /// computed about a local origin so large (zone-prefixed) coordinates lose no precision.
    [[nodiscard]] double planar(const GeosContext& ctx, const GEOSGeometry* g) const;
    /// Ellipsoidal area (m²) of the polygonal parts with this meter's method.
    [[nodiscard]] double ellipsoidal(const GeosContext& ctx, const GEOSGeometry* g) const;
    [[nodiscard]] double geodesic(const GeosContext& ctx, const GEOSGeometry* g) const;
    [[nodiscard]] double survey(const GeosContext& ctx, const GEOSGeometry* g) const;
    /// Planar length (m) of the lineal parts (GEOSLength).
    [[nodiscard]] double length(const GeosContext& ctx, const GEOSGeometry* g) const;

    [[nodiscard]] EllipsoidalMethod method() const noexcept { return method_; }
    [[nodiscard]] const Crs& crs() const noexcept { return working_; }

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    Crs working_;
    EllipsoidalMethod method_;
};

/// Closed-form area (m²) of the ellipsoidal quadrangle between parallels lat1 < lat2 and
/// meridians lon1 < lon2 (degrees), via the authalic latitude. An independent reference for tests.
double ellipsoidal_quadrangle_area(double a, double inv_f, double lon1, double lat1, double lon2,
                                   double lat2);

/// Units the users read.
inline constexpr double kM2PerHa = 10000.0;
inline constexpr double kM2PerMu = 10000.0 / 15.0;
inline constexpr double kM2PerKm2 = 1.0e6;

}  // namespace zoning
