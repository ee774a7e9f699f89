#pragma once
// The font that renders Chinese on maps.
#include <string>

namespace zoning::render {

/// The family of the first installed CJK font (Noto Sans CJK SC from Debian's fonts-noto-cjk,
/// then other common ones), found through fontconfig. Throws InputError naming the package when
/// none is installed: a map whose Chinese renders as boxes is of no use.
std::string cjk_font_family();

}  // namespace zoning::render
