#pragma once
// Coordinate reference systems and transformations, all through PROJ.
// Axis order: x is always easting/longitude, y northing/latitude (PROJ's "normalized for
// visualization"). The Chinese surveying convention (X = northing) is translated only at the
// edges where users type or read coordinates.
#include <zoning/geos.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace zoning {

/// A CRS as a value: its definition and the facts the engine needs. Cheap to copy; holds no PROJ
/// object, so it can be shared between threads. Built with Crs::from_user.
struct Crs {
    std::string definition;   ///< what the user gave (EPSG:4547, WKT, PROJ string)
    std::string wkt;          ///< WKT2 of the CRS as PROJ resolved it
    std::string name;         ///< e.g. "CGCS2000 / 3-degree Gauss-Kruger CM 114E"
    std::optional<int> epsg;  ///< EPSG code when PROJ can identify one
    bool geographic = false;  ///< lon/lat in degrees
    double semi_major = 0;    ///< ellipsoid a (m)
    double inv_flattening = 0;///< ellipsoid 1/f

    /// Parses "EPSG:n", WKT, PROJJSON or a PROJ string. Throws InputError naming `what`.
    static Crs from_user(const std::string& text, const std::string& what = "CRS");
    /// "EPSG:4547" when the code is known, otherwise the name.
    [[nodiscard]] std::string label() const;
    /// Same CRS (by EPSG code, or by identical WKT when either has none).
    [[nodiscard]] bool same_as(const Crs& o) const;
    [[nodiscard]] double semi_minor() const {
        return inv_flattening == 0 ? semi_major : semi_major * (1 - 1 / inv_flattening);
    }
};

/// EPSG code of the CGCS2000 3-degree Gauss-Krüger zone without zone prefix (EPSG:4534..4554)
/// whose central meridian is nearest to `lon` degrees. Throws InputError outside 73.5..136.5 E.
int cgcs2000_gk3_epsg_for_lon(double lon);

/// A coordinate operation from one CRS to another. Owns its own PJ_CONTEXT: use it from one
/// thread at a time; create one per thread. Move-only.
class Transformer {
public:
    Transformer(const Crs& from, const Crs& to);
    ~Transformer();
    Transformer(Transformer&&) noexcept;
    Transformer& operator=(Transformer&&) noexcept;
    Transformer(const Transformer&) = delete;
    Transformer& operator=(const Transformer&) = delete;

    /// Transforms coordinate arrays in place (x = easting/lon). Throws InputError when a point
    /// cannot be transformed (outside the projection's domain).
    void transform(std::vector<double>& x, std::vector<double>& y) const;
    void transform(double* x, double* y, size_t n) const;
    /// Returns a copy of `g` with every coordinate transformed. Throws InputError on failure.
    [[nodiscard]] Geom transform(const GeosContext& ctx, const GEOSGeometry* g) const;
    [[nodiscard]] bool is_noop() const noexcept { return noop_; }
    [[nodiscard]] const Crs& source() const noexcept { return from_; }
    [[nodiscard]] const Crs& target() const noexcept { return to_; }

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    Crs from_, to_;
    bool noop_ = false;
};

/// The geographic CRS (lon/lat, same datum and ellipsoid) underlying a projected CRS.
Crs geographic_of(const Crs& crs);

}  // namespace zoning
