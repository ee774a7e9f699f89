#pragma once
// Internal: how the rings of a coordinate-TXT plot (圈号) make polygons. GDAL-free, so the TXT
// parser (coord_txt.cpp) builds alone for the fuzz target.
#include <zoning/formats.hpp>

#include <vector>

namespace zoning::io {

/// For each ring of a 面 plot: -1 when it is an outer ring, else the index (into `rings`) of the
/// earlier, larger outer ring that holds it as a hole. Rings are x/y as written in the file.
std::vector<int> ring_owners(const std::vector<std::vector<TxtPoint>>& rings);

/// Shoelace area of a ring (x/y as written), about its first point so no digit is lost.
double ring_area(const std::vector<TxtPoint>& ring);

}  // namespace zoning::io
