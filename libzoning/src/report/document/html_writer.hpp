#pragma once
// Internal: the report's Document as one self-contained HTML page (docs/report.md): CSS and
// script inline, no external request (a Content-Security-Policy says so to the browser), the
// system's CJK font by family; print CSS gives A4 pages (the map page landscape) with the page
// footer of the PDF; the map an inline SVG drawn from Document::map (pan, zoom, click a part to
// see its row). Every string is HTML-escaped.
#include <zoning/report.hpp>

#include "report/document/model.hpp"

#include <cstdint>
#include <filesystem>
#include <string>

namespace zoning::report::document {

class HtmlWriter {
public:
    /// `font`: the family of the CJK font found on this machine (render::cjk_font_family), first
    /// in the page's font list; `lang` the page's language.
    HtmlWriter(std::string font, Lang lang) : font_(std::move(font)), lang_(lang) {}

    /// The page.
    [[nodiscard]] std::string render(const Document& doc) const;
    /// Writes the page to `file` and returns its size in bytes. Throws InputError naming
    /// `shown_name` when the file cannot be written.
    std::uintmax_t write(const Document& doc, const std::filesystem::path& file, const std::string& shown_name) const;

private:
    std::string font_;
    Lang lang_;
};

/// `s` with & < > " ' as character references: safe in text and in quoted attributes.
std::string html_escape(const std::string& s);

}  // namespace zoning::report::document
