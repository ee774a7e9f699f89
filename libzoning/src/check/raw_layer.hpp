#pragma once
// Internal: reading a catalog layer raw for `zoning check` — the features as the source holds
// them, checked for CRS, empty and invalid geometry (GEOS reason and location) and attribute
// encoding before they are repaired the way the loader repairs them.
#include <zoning/catalog.hpp>
#include <zoning/check.hpp>
#include <zoning/crs.hpp>
#include <zoning/geos.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace zoning::check {

struct RawFeature {
    std::int64_t fid = 0;
    std::string name, code, cls;  ///< valid UTF-8 (undecodable bytes shown as \xNN)
    Geom geom;                    ///< in the working CRS, repaired with MakeValid when invalid
    Envelope env;
    int dimension = 2;
};

struct RawLayer {
    const LayerSpec* spec = nullptr;
    std::string label;  ///< "path layer NAME"
    bool placed = true; ///< false when the source has no CRS and the catalog gives none
    std::string crs;    ///< label of the CRS it was reprojected from (when placed)
    int repaired = 0;
    std::vector<RawFeature> features;
};

/// The working CRS: the catalog's, or the CGCS2000 3-degree GK zone of the layers' centre (as
/// the loader chooses it).
Crs working_crs(const Catalog& catalog);

/// Reads one layer. Appends findings (missing_crs, empty_geometry, invalid_geometry,
/// invalid_coordinates, attribute_encoding, encoding_guessed). Throws CatalogError for what
/// stops the loader (missing source, unknown field, bad filter).
RawLayer read_raw_layer(const Catalog& catalog, const LayerSpec& spec, const Crs& working,
                        const GeosContext& ctx, std::vector<Finding>& findings);

/// `s` when it is valid UTF-8, else a copy with every non-ASCII byte written as \xNN.
std::string safe_text(std::string_view s);

/// What is wrong with the encoding of a text value, or "" when nothing is.
std::string encoding_problem(std::string_view value);

}  // namespace zoning::check
