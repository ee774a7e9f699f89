#pragma once
// What a catalog holds, layer by layer (`zoning info`): source, CRS found, feature, repaired
// and skipped counts, the union's measure and the extent. Text and JSON (`zoning.info/1`).
#include <zoning/catalog.hpp>
#include <zoning/geos.hpp>
#include <zoning/layer.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

namespace zoning {

struct InfoLayer {
    std::string id, title;
    LayerKind kind = LayerKind::other;
    std::string source;               ///< as written in the catalog
    std::string crs;                  ///< label of the source's CRS
    size_t features = 0;
    int repaired = 0, skipped = 0;
    double area_m2 = 0;               ///< union (overlaps once), planar in the working CRS
    double area_ellipsoidal_m2 = 0;   ///< geodesic
    double length_m = 0;              ///< line layers
    size_t overlapping = 0;           ///< features that overlap earlier ones
    Envelope extent;                  ///< working CRS
};

struct InfoReport {
    std::string catalog;     ///< the catalog's name
    std::string crs;         ///< label of the working CRS
    std::string crs_source;  ///< "catalog" or how the default was chosen
    std::vector<InfoLayer> layers;
    std::vector<Warning> warnings;  ///< the loading warnings
};

/// Measures every layer of `loaded` (loaded from `catalog`); `threads` as in measure_layer.
InfoReport catalog_info(const Catalog& catalog, const LoadedCatalog& loaded, unsigned threads = 0);

/// `zoning.info/1` (docs/screen.md, zoning info).
nlohmann::ordered_json to_json(const InfoReport& r);
/// The JSON above, indented, with a final newline.
void write_info_json(std::ostream& out, const InfoReport& r);
/// One block per layer: title, kind, source and CRS, counts, area (or length) and extent.
void write_info_text(std::ostream& out, const InfoReport& r);

}  // namespace zoning
