#pragma once
// Larger catalogs from the same generator, for the benchmarks (issue 7):
//  - datong:   the 10 real district outlines of 大同市, each with generated layers;
//  - province: copies of that city, mirrored/rotated by quarter turns and tiled without overlaps
//              over a 山西-sized extent (~150,000 km², hundreds of thousands of parcels).
#include <cstdint>
#include <string>
#include <vector>

namespace gen {

struct RegionOptions {
    std::string region;                  ///< "datong" or "province"
    std::uint64_t seed = 20210;
    std::string data_dir;                ///< holds datong_city_districts_wgs84.geojson
    std::string format = "shp";          ///< "shp" (one shapefile per layer) or "gpkg" (one file per layer)
    std::vector<std::string> districts;  ///< datong: only these (names or adcodes); empty: all 10
    int copies = 11;                     ///< province: copies of the city (11 = 山西's 11 cities)
    bool verbose = false;                ///< progress on stderr
};

/// Builds the region in memory and writes DIR/catalog.yaml, one file per layer and DIR/README.md
/// (figures, CRS choice, provenance and licence). Returns a one-line summary.
std::string write_region(const RegionOptions& opt, const std::string& out_dir);

}  // namespace gen
