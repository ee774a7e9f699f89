#pragma once
// KML for Google Earth and 奥维: WGS84 lon/lat, styles from the style table, names and areas in
// the balloons.
#include <zoning/layer.hpp>
#include <zoning/screen.hpp>

#include <filesystem>

namespace zoning::output {

/// Writes the footprints and the conflict pieces (one placemark per footprint × feature) of `r`,
/// whose geometries are in `crs`, to `file`. Styles per catalog layer and class when `catalog`
/// is given, else by verdict.
void write_kml(const std::filesystem::path& file, const ScreenReport& r, const GeosContext& ctx, const Crs& crs,
               const LoadedCatalog* catalog);

}  // namespace zoning::output
