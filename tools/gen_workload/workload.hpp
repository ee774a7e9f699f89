#pragma once
// Benchmark workloads: N project footprints over a loaded catalog, the same for the same seed.
//
//  * sites (polygons, 0.5–50 ha, star-shaped with 5–16 vertices),
//  * corridors (lines of 2–8 segments with a full width KD of 6–40 m),
//  * points (turbines, wells),
// each placed inside a zone feature, across a zone boundary, or anywhere in the district.
#include <zoning/geos.hpp>
#include <zoning/layer.hpp>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace workload {

/// Deterministic random numbers: std::mt19937_64 (specified bit for bit by the standard) with
/// our own conversions (the standard distributions are implementation-defined).
class Rng {
public:
    explicit Rng(std::uint64_t seed) : e_(seed) {}
    double u() { return static_cast<double>(e_() >> 11) * 0x1.0p-53; }
    double u(double a, double b) { return a + (b - a) * u(); }
    /// Integer in [0, n).
    std::size_t i(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(e_() % n); }
    double log_u(double a, double b);

private:
    std::mt19937_64 e_;
};

/// Where a footprint was placed, written to the MIX field.
enum class Placement { inside, across, anywhere };
const char* to_string(Placement p);

enum class Shape { site, corridor, point };

struct Item {
    std::string id;  ///< S000001, L000001, P000001
    Shape shape = Shape::site;
    Placement placement = Placement::anywhere;
    std::string target;  ///< catalog layer id of the zone it was placed on (inside/across)
    double width_m = 0;  ///< corridors: full width
    zoning::Geom geom;   ///< in the catalog's working CRS, coordinates rounded to 1 mm
};

struct Options {
    std::size_t count = 1000;
    std::uint64_t seed = 1;
    double site_share = 0.80;      ///< the rest is split between corridors and points
    double corridor_share = 0.12;
    double inside_share = 0.35;    ///< placed inside a zone feature
    double across_share = 0.35;    ///< centred on a zone boundary; the rest anywhere
};

/// Generates the workload. Targets are the catalog's polygon layers other than partitions
/// (kinds admin and control_unit); the area is the union of the first admin layer (or the
/// catalog extent when there is none). Throws zoning::InputError when the catalog has no
/// polygon layer to place footprints on.
std::vector<Item> generate(const zoning::LoadedCatalog& catalog, const Options& opts,
                           const zoning::GeosContext& ctx);

}  // namespace workload
