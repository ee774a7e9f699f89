#pragma once
// Writing layers with GDAL (ESRI Shapefile, GeoJSON) and reading them back for the figures.
#include "common.hpp"

#include <string>
#include <vector>

namespace gen {

struct WriteOptions {
    std::string driver = "ESRI Shapefile";
    int epsg = 4547;                                 ///< CRS of the written coordinates
    const zoning::Transformer* transform = nullptr;  ///< from EPSG:4547 to `epsg`, if different
    int coordinate_precision = 3;                    ///< GeoJSON only
    OGRwkbGeometryType gtype = wkbUnknown;           ///< overrides the layer's type when set
    std::string layer_name;                          ///< default: the file stem
};

/// Writes the features of `layer` whose geometry dimension matches `only_dim` (-1: all) to `path`.
/// Shapefiles get a .cpg (UTF-8) and a fixed DBF date so that the bytes are reproducible.
void write_layer(const GeosContext& ctx, const LayerData& layer, const std::string& path,
                 const WriteOptions& opt, int only_dim = -1);

/// Geometries of the first layer of a vector file, in file order.
std::vector<Geom> read_geometries(const GeosContext& ctx, const std::string& path);
/// String values of one field of the first layer, in file order.
std::vector<std::string> read_field(const std::string& path, const std::string& field);

}  // namespace gen
