#pragma once
// Internal: a catalog layer's source opened and checked against its spec — fields, filter, CRS —
// and the working CRS chosen from the sources. Shared by the loader (load/loaded_catalog.cpp) and
// `zoning check` (check/raw_layer.cpp), so both read a catalog the same way.
#include <zoning/catalog.hpp>
#include <zoning/crs.hpp>

#include "io/ogr_source.hpp"

#include <optional>
#include <vector>

namespace zoning::load {

struct CatalogSource {
    const LayerSpec* spec = nullptr;
    io::OgrSource src;
    int name_idx = -1, code_idx = -1, class_idx = -1;
    std::optional<Crs> found;  ///< the source's own CRS, if it has one
    std::optional<Crs> crs;    ///< the layer's crs: when given, else `found`
};

/// Opens the source of `s`, resolves its fields, applies its `where:` and reads its CRS. Throws
/// CatalogError at the line of the key at fault (missing source, unknown field, bad filter, bad
/// crs:). A source without CRS and without crs: is not an error here (`crs` is empty).
CatalogSource open_catalog_source(const Catalog& c, const LayerSpec& s);

/// The catalog's crs: (which must be projected), or else the CGCS2000 3-degree Gauss-Krüger zone
/// of the centre of the sources that have a CRS. Throws CatalogError or InputError.
Crs catalog_working_crs(const Catalog& c, const std::vector<CatalogSource>& sources);

}  // namespace zoning::load
