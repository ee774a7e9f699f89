#pragma once
// Internal: the conflict parts (footprint ∩ zoning feature) as coordinate exchange TXT plots.
#include <zoning/crs.hpp>
#include <zoning/formats.hpp>
#include <zoning/report_document.hpp>

#include <optional>
#include <string>
#include <vector>

namespace zoning::report::document {

/// The parts as TXT plots (地块编号 the part's label, 地块名称 the footprint's name), their
/// points as in the report (the closing repeats left to the writer).
std::vector<TxtPlot> parts_as_plots(const std::vector<ConflictPart>& parts);

/// The GK zone system of the working CRS, when it is one (the TXT header and the CRS in words).
std::optional<GkSystem> gk_system_of(const Crs& crs);

/// The CRS in words: "2000国家大地坐标系 高斯-克吕格投影 3度带 第38带 (中央经线 114°E)"; the
/// CRS's name when it is not a Chinese GK zone.
std::string crs_in_words(const Crs& crs, bool zh);

}  // namespace zoning::report::document
