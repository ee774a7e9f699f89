#pragma once
// Internal: the HTML report's fixed stylesheet and script (html_writer inlines them).

namespace zoning::report::document {

/// The fonts after the CJK family found here: those of the machines that open the page.
extern const char* const kHtmlFontFallbacks;
/// Screen and print styles (the colours of the verdicts, the footer and the map's styles are
/// written by the writer after it).
extern const char* const kHtmlCss;
/// The map's pan and zoom (viewBox), its kilometre grid and scale bar, and the link between a
/// conflict part on the map and its row.
extern const char* const kHtmlScript;

}  // namespace zoning::report::document
