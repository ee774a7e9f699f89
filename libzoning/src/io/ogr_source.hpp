#pragma once
// Internal: opening GDAL vector sources and converting OGR geometries to GEOS.
#include <zoning/crs.hpp>
#include <zoning/geos.hpp>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace zoning::io {

struct OgrSource {
    GDALDatasetUniquePtr dataset;
    OGRLayer* layer = nullptr;  ///< owned by dataset
    std::string label;          ///< "path layer NAME" for messages
};

/// Opens `path` read-only and selects `layer_name` (or the only layer; with several layers and
/// no name, the first, and `several` is set). Throws InputError naming the file and reason.
OgrSource open_vector(const std::filesystem::path& path, const std::string& layer_name);
std::vector<OgrSource> open_vector_layers(const std::filesystem::path& path);

/// The layer's CRS, or nothing when the source has none.
std::optional<Crs> layer_crs(OGRLayer* layer, const std::string& what);

/// Index of a field in the layer definition, or -1.
int field_index(OGRLayer* layer, const std::string& name);
/// "A, B, C": the layer's field names, for messages.
std::string field_list(OGRLayer* layer);

/// 2-D GEOS copy of an OGR geometry (curves linearised). Null for a null geometry.
Geom to_geos(const GeosContext& ctx, const OGRGeometry* g);

/// Field value as UTF-8 text ("" when unset or null).
std::string field_text(const OGRFeature& f, int index);

}  // namespace zoning::io
