#pragma once
// Shared pieces of the sample-data generator: a portable deterministic RNG, small GEOS helpers,
// and the in-memory form of a layer before it is written.
#include <zoning/area.hpp>
#include <zoning/crs.hpp>
#include <zoning/geos.hpp>

#include <ogr_core.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace gen {

using zoning::Geom;
using zoning::GeosContext;
using Pt = std::array<double, 2>;

inline constexpr double kPi = 3.14159265358979323846;

/// v with `decimals` decimals and thousands separators, never "-0.00" (the READMEs' tables).
std::string num(double v, int decimals);

/// ".gpkg" or ".shp": the file extension of a layer written in `format` (gpkg | shp).
std::string layer_ext(const std::string& format);

struct LayerData;
/// Writes a catalog.yaml naming the layers (one file each, `format`), after `header` (comments).
void write_catalog_yaml(const std::vector<LayerData>& layers, const std::string& path, const std::string& name,
                        const std::string& header, int epsg, const std::string& format);

/// Cell (i, j) of a grid of (nu + 1)-wide rows of nodes (row-major): its corners, counter-
/// clockwise from node (i, j), and their mean.
struct GridCell {
    Pt a, b, c, d, centre;
};
inline GridCell grid_cell(const std::vector<Pt>& nodes, int nu, int i, int j) {
    GridCell g;
    g.a = nodes[static_cast<size_t>(j * (nu + 1) + i)];
    g.b = nodes[static_cast<size_t>(j * (nu + 1) + i + 1)];
    g.c = nodes[static_cast<size_t>((j + 1) * (nu + 1) + i + 1)];
    g.d = nodes[static_cast<size_t>((j + 1) * (nu + 1) + i)];
    g.centre = {(g.a[0] + g.b[0] + g.c[0] + g.d[0]) / 4, (g.a[1] + g.b[1] + g.c[1] + g.d[1]) / 4};
    return g;
}

/// The farmland parcel of a cell: the cell shrunk to 94 % about its centre, and when `cut` < 0.2 a
/// corner cut off by a ditch (five vertices).
inline std::vector<Pt> parcel_ring(const GridCell& g, double cut) {
    const Pt& m = g.centre;
    auto sh = [&](const Pt& p) { return Pt{m[0] + 0.94 * (p[0] - m[0]), m[1] + 0.94 * (p[1] - m[1])}; };
    std::vector<Pt> ring{sh(g.a), sh(g.b), sh(g.c), sh(g.d)};
    if (cut < 0.2) {
        const Pt p = ring[2], q = ring[1], s = ring[3];
        ring[2] = {0.7 * p[0] + 0.3 * q[0], 0.7 * p[1] + 0.3 * q[1]};
        ring.insert(ring.begin() + 3, Pt{0.7 * p[0] + 0.3 * s[0], 0.7 * p[1] + 0.3 * s[1]});
    }
    return ring;
}

/// The MIT notice of the real outlines (GaryBikini/ChinaAdminDivisonSHP), carried into every
/// generated README that uses them.
inline constexpr const char* kMitNotice = R"(Copyright (c) 2020 GaryBikini

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
associated documentation files (the "Software"), to deal in the Software without restriction,
including without limitation the rights to use, copy, modify, merge, publish, distribute,
sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT
NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
)";


/// Deterministic random numbers: std::mt19937_64 plus our own conversions (the standard
/// distributions are implementation-defined, these are not).
class Rng {
public:
    explicit Rng(std::uint64_t seed) : e_(seed) {}
    double u() { return static_cast<double>(e_() >> 11) * 0x1.0p-53; }
    double u(double a, double b) { return a + (b - a) * u(); }
    /// Integer in [0, n).
    int i(int n) { return static_cast<int>(u() * n) % (n > 0 ? n : 1); }
    /// Log-uniform in [a, b].
    double log_u(double a, double b) { return a * std::exp(u() * std::log(b / a)); }
    std::uint64_t raw() { return e_(); }

private:
    std::mt19937_64 e_;
};

/// Smooth 1-D noise: a sum of a few sines with random phases.
struct Noise1 {
    std::array<double, 4> amp{}, len{}, phase{};
    Noise1() = default;
    Noise1(Rng& r, double amplitude, double wavelength) {
        double a = amplitude, l = wavelength;
        for (size_t k = 0; k < 4; ++k) {
            amp[k] = a * r.u(0.5, 1.0);
            len[k] = l * r.u(0.8, 1.25);
            phase[k] = r.u(0, 2 * kPi);
            a *= 0.5;
            l *= 0.45;
        }
    }
    double operator()(double s) const {
        double v = 0;
        for (size_t k = 0; k < 4; ++k) v += amp[k] * std::sin(2 * kPi * s / len[k] + phase[k]);
        return v;
    }
};

// ---- geometry helpers (all in EPSG:4547 metres) -------------------------------------------
Geom make_polygon(const GeosContext& ctx, const std::vector<Pt>& ring);
Geom make_line(const GeosContext& ctx, const std::vector<Pt>& pts);
Geom make_point(const GeosContext& ctx, Pt p);
Geom inter(const GeosContext& ctx, const GEOSGeometry* a, const GEOSGeometry* b);
Geom diff(const GeosContext& ctx, const GEOSGeometry* a, const GEOSGeometry* b);
Geom unite(const GeosContext& ctx, const GEOSGeometry* a, const GEOSGeometry* b);
Geom buffer(const GeosContext& ctx, const GEOSGeometry* g, double d, int quadsegs = 8);
Geom union_of(const GeosContext& ctx, const std::vector<Geom>& parts);
/// Keeps the polygonal part, drops slivers below `min_area` m² (parts of a multipolygon).
Geom clean_polygonal(const GeosContext& ctx, const GEOSGeometry* g, double min_area = 1.0);
double area(const GeosContext& ctx, const GEOSGeometry* g);
double length(const GeosContext& ctx, const GEOSGeometry* g);
double distance(const GeosContext& ctx, const GEOSGeometry* a, const GEOSGeometry* b);
bool is_empty(const GeosContext& ctx, const GEOSGeometry* g);
Pt centroid(const GeosContext& ctx, const GEOSGeometry* g);
Pt interior_point(const GeosContext& ctx, const GEOSGeometry* g);
int num_vertices(const GeosContext& ctx, const GEOSGeometry* g);
/// Star-shaped noisy ellipse about c with semi-axes rx, ry rotated by rot (radians).
Geom blob(const GeosContext& ctx, Rng& r, Pt c, double rx, double ry, double rot, int n,
          double rough);
/// Polyline through `ctrl`, smoothed, resampled every `step` m and offset sideways by smooth
/// noise of amplitude `amp` and wavelength `amp * ratio`; ends keep their positions.
std::vector<Pt> meander(const std::vector<Pt>& ctrl, Rng& r, double amp, double ratio,
                        double step);
std::vector<Pt> coords_of(const GeosContext& ctx, const GEOSGeometry* line);
/// Polygonal parts of g as separate polygons.
std::vector<Geom> polygons_of(const GeosContext& ctx, const GEOSGeometry* g);
/// Lineal parts of g as separate linestrings.
std::vector<Geom> lines_of(const GeosContext& ctx, const GEOSGeometry* g);

// ---- layers --------------------------------------------------------------------------------
using Value = std::variant<std::monostate, std::string, long long, double>;

struct FieldDef {
    std::string name;
    OGRFieldType type = OFTString;
    int width = 0;
    int precision = 0;
};

struct Feature {
    Geom geom;
    std::vector<Value> values;
};

struct ClassVerdict {
    std::string value;
    std::string verdict;
};

struct LayerData {
    std::string id, file, title, kind, verdict;
    std::optional<double> near_m;
    std::string name_field, code_field, class_field;
    std::vector<ClassVerdict> classes;
    OGRwkbGeometryType gtype = wkbPolygon;
    std::vector<FieldDef> fields;
    std::vector<Feature> features;
    std::string note;  ///< one line for the README
    std::string version, source_date;  ///< the catalog's `version:` and `source_date:` (empty: not written)
};

}  // namespace gen
