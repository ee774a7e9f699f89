#pragma once
// Internal: the land-use classes (地类) a `land_use` layer's DLBM codes name: GB/T 21010-2017
// 《土地利用现状分类》 (12 first-level, 73 second-level classes), the codes the 第三次全国国土调查
// 工作分类 adds (05H1, 0508, 08H1, 08H2), and the 城镇村及工矿用地 codes 201–205 of the 二调 /
// 三调 城镇村等用地 table. The table itself, with its sources, is land_use_codes.cpp;
// docs/land-use.md explains the groupings.
#include <string>
#include <string_view>

namespace zoning::catalog {

/// Name of a land-use code (first-level "01", second-level "0103", "05H1", "201"), or empty when
/// the table does not have it.
std::string_view land_use_name(std::string_view code);

/// The first-level code of a DLBM value: its first two characters ("0103" → "01", "05H1" → "05",
/// "203" → "20", "0201K" → "02"); empty for a value shorter than two characters.
std::string land_use_first_level(std::string_view dlbm);

/// The second-level code of a DLBM value: the value without a trailing 三调 mark K (可调整) or
/// A ("0201K" → "0201", "1104A" → "1104"), trimmed.
std::string land_use_second_level(std::string_view dlbm);

/// True for a code of 耕地 (first level 01).
bool is_cultivated(std::string_view dlbm);

/// True for a code the 三调 工作分类 counts as 00 湿地 (0303 红树林地, 0304 森林沼泽, 0306 灌丛沼泽,
/// 0402 沼泽草地, 0603 盐田, 1105 沿海滩涂, 1106 内陆滩涂, 1108 沼泽地).
bool is_wetland_sandiao(std::string_view dlbm);

/// True for a code the 三调 summary counts as 城镇村及工矿用地 when read from DLBM alone: first
/// level 05, 06 (without 0603 盐田, a wetland), 07, 08, 09, and the 20x codes.
bool is_urban_rural_industrial(std::string_view dlbm);

}  // namespace zoning::catalog
