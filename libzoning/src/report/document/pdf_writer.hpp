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

/// Draws the inset of MapFigure::insets[i] in the rectangle (x, y, w, h) in points; returns its
/// caption (the part's label and the inset's scale).
using InsetPainter = std::function<std::string(cairo_t* cr, size_t i, double x, double y, double w, double h)>;

class PdfWriter {
public:
    /// `font`: the family of every text (a CJK font, render::cjk_font_family). `map` draws the
    /// MapFigure block (none: the block is left out), `insets` its insets (none: left out).
    PdfWriter(std::string font, MapPainter map, InsetPainter insets = {})
        : font_(std::move(font)), map_(std::move(map)), insets_(std::move(insets)) {}

    /// Writes `doc` to `file` and returns the number of pages. Laid out twice (the first pass
    /// counts the pages for "page N of M"). Throws InputError when the file cannot be written.
    int write(const Document& doc, const std::filesystem::path& file, const std::string& shown_name) const;

private:
    std::string font_;
    MapPainter map_;
    InsetPainter insets_;
};

}  // namespace zoning::report::document
