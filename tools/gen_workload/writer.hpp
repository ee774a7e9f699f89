#pragma once
// Writes a workload: one GeoPackage with layers sites, lines and points, or (any other path) a
// folder of FlatGeobuf files sites.fgb, lines.fgb, points.fgb. Fields: ID, MIX (inside,
// across, anywhere), TARGET (catalog layer id), and KD (full width, m) on lines.
#include "workload.hpp"

#include <zoning/crs.hpp>

#include <filesystem>
#include <vector>

namespace workload {

void write(const std::filesystem::path& out, const std::vector<Item>& items, const zoning::Crs& crs,
           const zoning::GeosContext& ctx);

}  // namespace workload
