#pragma once
// Internal: reading the features of one source layer with the field checks applied: the CRS
// (--s-srs; mandatory for DXF), DXF closed polylines as polygons, swapped X/Y and zone
// prefixes (diagnose_axes, fixed with --fix-axes), lat/lon order, GCJ-02 (--from-gcj02).
// Shared by read_footprints and convert.
#include <zoning/crs.hpp>
#include <zoning/layer.hpp>

#include "io/ogr_source.hpp"

#include <memory>
#include <string>
#include <vector>

namespace zoning::io {

struct InputOptions {
    std::string s_srs;
    bool fix_axes = false;
    bool from_gcj02 = false;
};

struct InputFeature {
    OGRFeatureUniquePtr feature;           ///< attributes as read
    std::unique_ptr<OGRGeometry> geom;     ///< checked and fixed, in InputLayer::crs
    std::string where;                     ///< "file layer L fid N" or "file.txt:LINE plot ID"
};

struct InputLayer {
    Crs crs;                               ///< the CRS the geometries are in
    std::vector<InputFeature> features;
};

/// Reads every feature passing the layer's attribute filter. A feature without geometry is an
/// InputError (a footprint needs one). Notes of the source and what was fixed go to `warnings`.
InputLayer read_input_layer(OgrSource& src, const InputOptions& opts, std::vector<Warning>& warnings);

}  // namespace zoning::io
