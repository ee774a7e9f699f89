#pragma once
// Internal: lays a Document out on A4 portrait pages with Cairo and Pango (text shaping and line
// breaking are Pango's): page footers with "page N of M", tables that break across pages with
// their header repeated, the map figure on a landscape page of its own.
#include "report/document/model.hpp"

#include <cairo.h>

#include <filesystem>
#include <functional>
#include <string>

namespace zoning::report::document {

/// Draws the map on a page of `w_pt` × `h_pt` points (Cairo's unit is the point); returns a line
/// printed under it after the figure's caption (the grid and the CRS in words).
using MapPainter = std::function<std::string(cairo_t* cr, double w_pt, double h_pt)>;

class PdfWriter {
public:
    /// `font`: the family of every text (a CJK font, render::cjk_font_family). `map` draws the
    /// MapFigure block (none: the block is left out).
    PdfWriter(std::string font, MapPainter map) : font_(std::move(font)), map_(std::move(map)) {}

    /// Writes `doc` to `file` and returns the number of pages. Laid out twice (the first pass
    /// counts the pages for "page N of M"). Throws InputError when the file cannot be written.
    int write(const Document& doc, const std::filesystem::path& file, const std::string& shown_name) const;

private:
    std::string font_;
    MapPainter map_;
};

}  // namespace zoning::report::document
