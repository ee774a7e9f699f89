#pragma once
// Internal: the coordinate TXT as an OGR layer (in a Memory dataset) and back.
#include <zoning/formats.hpp>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <filesystem>
#include <memory>

namespace zoning::io {

/// Field names of a TXT plot in the OGR layer.
inline constexpr const char* kTxtId = "地块编号";
inline constexpr const char* kTxtName = "地块名称";

/// The geometry of a plot: x = easting (Y column), y = northing (X column). 面: rings inside an
/// earlier outer ring are holes, others further parts.
std::unique_ptr<OGRGeometry> plot_geometry(const TxtPlot& plot);

/// A plot from a geometry in a GK CRS (x easting): polygons give 面 with one 圈号 per ring,
/// lines 线, points 点. Throws InputError for an empty or unsupported geometry.
TxtPlot plot_from_geometry(const OGRGeometry& g, const std::string& what);

/// Reads a coordinate TXT into a Memory dataset with one layer (named after the file), fields
/// 地块编号, 地块名称, 地块面积, 界址点数, 图形属性, 图幅号, 地块用途, 地类编号, and the CRS from
/// its header (none when the header does not say). Notes (area checks, encoding) go to `notes`.
GDALDatasetUniquePtr open_coord_txt(const std::filesystem::path& path, std::vector<std::string>& notes,
                                    std::string& crs_hint);

}  // namespace zoning::io
