#pragma once
// What a printed map carries around its frame: the north arrow, the scale bar and the title
// block with the verdict badge.
#include <zoning/map.hpp>
#include <zoning/verdict.hpp>

#include "render/page.hpp"

#include <string>

namespace zoning::render {

/// The texts of the title block.
struct TitleBlock {
    std::string title;     ///< project name; the block says "<title> 用地管控冲突分析图"
    std::string subtitle;  ///< footprint count or the --all page's footprint; may be empty
    std::string catalog;   ///< catalog name
    std::string crs;       ///< working CRS
    std::string date;
    Verdict verdict = Verdict::allowed;  ///< the badge: the page's most severe verdict
};

/// The north arrow in the top right corner of the frame `f`.
void draw_north_arrow(Page& p, const PageRect& f);

/// The scale bar in the bottom left corner of the frame: `比例尺 1:N` and four equal segments of
/// 1, 2 or 5 × 10^n metres, in kilometres when every number shown is a whole kilometre.
void draw_scale_bar(Page& p, const View& v);

/// The title, the line below it and the verdict badge, in `r`.
void draw_title_block(Page& p, const PageRect& r, const TitleBlock& t);

}  // namespace zoning::render
