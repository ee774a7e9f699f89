#pragma once
#include <string_view>

namespace zoning {
inline constexpr std::string_view kVersion = "0.1.0";
}  // namespace zoning
