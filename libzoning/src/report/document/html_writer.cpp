// The HTML writer: a Document as one page, every block by std::visit (one case per type), the
// map as inline SVG in offset metres of the working CRS (svg x = Y − Y0, svg y = −(X − X0)).
#include "report/document/html_writer.hpp"

#include <zoning/error.hpp>
#include <zoning/version.hpp>

#include "render/page.hpp"
#include "report/document/html_assets.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>

namespace zoning::report::document {

namespace {

constexpr double kPxPerMm = 96.0 / 25.4;

/// A CSS string literal's content: quotes, backslashes and line breaks escaped, and no "<" (the
/// text sits inside a <style> element).
std::string css_string(const std::string& s) {
    std::string out;
    for (const char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\a ";
        } else if (c == '<') {
            out += "\\3c ";
        } else {
            out += c;
        }
    }
    return out;
}

std::string css_color(Rgba c) {
    return to_hex(c);
}

std::string num(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    std::string s = buf;
    if (s.find('.') != std::string::npos) {
        while (s.back() == '0')
            s.pop_back();
        if (s.back() == '.') s.pop_back();
    }
    if (s == "-0") s = "0";
    return s;
}

std::string verdict_class(Verdict v) {
    return "v-" + std::string(to_string(v));
}

/// Path data in integer units of 10^-decimals metres, relative after the first point: the
/// rounding is done once on the absolute coordinates, so the relative steps add up exactly.
class PathData {
public:
    PathData(double e0, double n0, int decimals)
        : e0_(e0), n0_(n0), decimals_(decimals), unit_(std::pow(10.0, decimals)) {}

    [[nodiscard]] std::string of(const MapShape& s) const {
        std::string d;
        for (const auto& path : s.paths) {
            if (path.empty()) continue;
            long long px = 0, py = 0;
            bool first = true;
            for (const auto& [x, y] : path) {
                const long long ix = std::llround((x - e0_) * unit_);
                const long long iy = std::llround((n0_ - y) * unit_);
                if (first) {
                    d += 'M';
                    put(d, ix);
                    put(d, iy);
                    if (s.dim == 0)
                        d += "h0";
                    else
                        d += 'l';
                    first = false;
                } else if (ix != px || iy != py) {
                    put(d, ix - px);
                    put(d, iy - py);
                }
                px = ix;
                py = iy;
            }
            if (d.back() == 'l') d.pop_back();
            if (s.dim == 2) d += 'z';
        }
        return d;
    }

    /// A length in metres as an SVG user-unit number.
    [[nodiscard]] std::string len(double m) const { return num(m, 3); }

private:
    /// Appends `v` units as a number: a space before it unless its sign or the previous
    /// command letter separates it; ".5" for 0.5.
    void put(std::string& d, long long v) const {
        const bool neg = v < 0;
        const unsigned long long a = neg ? static_cast<unsigned long long>(-v) : static_cast<unsigned long long>(v);
        std::string digits = std::to_string(a);
        std::string s;
        if (decimals_ > 0) {
            const size_t dec = static_cast<size_t>(decimals_);
            if (digits.size() <= dec) digits.insert(0, dec + 1 - digits.size(), '0');
            std::string whole = digits.substr(0, digits.size() - dec), frac = digits.substr(digits.size() - dec);
            while (!frac.empty() && frac.back() == '0')
                frac.pop_back();
            if (whole == "0" && !frac.empty()) whole.clear();
            s = whole + (frac.empty() ? "" : "." + frac);
        } else {
            s = digits;
        }
        const char last = d.empty() ? 'M' : d.back();
        const bool letter = (last >= 'A' && last <= 'Z') || (last >= 'a' && last <= 'z');
        if (neg) {
            d += '-';
        } else if (!letter) {
            d += ' ';
        }
        d += s;
    }

    double e0_, n0_;
    int decimals_;
    double unit_;
};

/// The CSS classes of the map's styles, one per distinct style, numbered in order of use.
class StyleSheet {
public:
    std::string class_of(const Style& s, int dim) {
        const auto key = std::make_pair(dim, s);
        for (size_t i = 0; i < styles_.size(); ++i) {
            if (styles_[i] == key) return "s" + std::to_string(i);
        }
        styles_.push_back(key);
        return "s" + std::to_string(styles_.size() - 1);
    }
    [[nodiscard]] std::string css() const {
        std::string out;
        for (size_t i = 0; i < styles_.size(); ++i) {
            const auto& [dim, s] = styles_[i];
            out += "#map .s" + std::to_string(i) + "{stroke:" + css_color(s.stroke);
            out += ";stroke-width:" + num(std::max(dim == 0 ? 5.0 : 0.6, s.width_mm * kPxPerMm), 2) + "px";
            out += ";fill:" + (dim == 2 && s.fill ? css_color(*s.fill) : std::string("none"));
            if (!s.dash_mm.empty()) {
                out += ";stroke-dasharray:";
                for (size_t k = 0; k < s.dash_mm.size(); ++k)
                    out += (k ? " " : "") + num(s.dash_mm[k] * kPxPerMm, 2);
            }
            if (dim == 0) out += ";stroke-linecap:round";
            out += "}\n";
        }
        return out;
    }

private:
    std::vector<std::pair<int, Style>> styles_;
};

class Page {
public:
    Page(const Document& doc, const std::string& font, Lang lang) : doc_(doc), font_(font), zh_(lang == Lang::zh) {
        if (doc.map) {
            for (const MapItem& p : doc.map->parts)
                parts_.insert(p.id);
        }
    }

    std::string render() {
        std::string body;
        for (const Block& b : doc_.blocks)
            std::visit([&](const auto& v) { block(body, v); }, b);
        std::string out = "<!DOCTYPE html>\n<html lang=\"";
        out += zh_ ? "zh-CN" : "en";
        out += "\">\n<head>\n<meta charset=\"utf-8\">\n";
        // Nothing outside the file: no fetch, no font, no image but data: URLs.
        out +=
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
            "script-src 'unsafe-inline'; img-src data:\">\n";
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
        out += "<meta name=\"generator\" content=\"zoning " + std::string(kVersion) + "\">\n";
        out += "<meta name=\"date\" content=\"" + html_escape(doc_.date) + "\">\n";
        out += "<title>" + html_escape(doc_.project + " " + doc_.title) + "</title>\n<style>\n";
        out += css();
        out += "</style>\n</head>\n<body>\n<main class=\"doc\">\n";
        out += body;
        out += "</main>\n<script>\n";
        out += kHtmlScript;
        out += "</script>\n</body>\n</html>\n";
        return out;
    }

private:
    // ---- the page's CSS ------------------------------------------------------------------------
    std::string css() {
        std::string c = "body{font-family:\"" + css_string(font_) + "\"," + kHtmlFontFallbacks + "}\n";
        c += kHtmlCss;
        for (const Verdict v :
             {Verdict::allowed, Verdict::caution, Verdict::restricted, Verdict::prohibited, Verdict::unknown}) {
            const std::string col = css_color(render::verdict_color(v));
            const std::string k = verdict_class(v);
            c += ".banner." + k + "{border-color:" + col + "}.banner." + k + " .verdict,td.v." + k + "{color:" + col +
                 "}\n";
        }
        // The PDF's footer in every printed page's bottom margin: the project, page N of M.
        const std::string& pattern = doc_.page_of;
        const size_t a = pattern.find("%d"), b = a == std::string::npos ? a : pattern.find("%d", a + 2);
        std::string pages;
        if (b != std::string::npos) {
            pages = "\"" + css_string(pattern.substr(0, a)) + "\" counter(page) \"" +
                    css_string(pattern.substr(a + 2, b - a - 2)) + "\" counter(pages) \"" +
                    css_string(pattern.substr(b + 2)) + "\"";
        } else {
            pages = "counter(page)";
        }
        const std::string box = ";font-size:7.5pt;color:#505050;vertical-align:top}";
        c += "@page{size:A4;margin:20mm 20mm 16mm;@bottom-left{content:\"" + css_string(doc_.footer) + "\"" + box +
             "@bottom-right{content:" + pages + box + "}\n";
        c += "@page map{size:A4 landscape;margin:10mm 10mm 12mm;@bottom-left{content:none}@bottom-right{content:" +
             pages + box + "}\n";
        if (doc_.map) {
            // The printed map: as large as the landscape page leaves beside the legend.
            const Envelope& e = doc_.map->extent;
            const double ratio = (e.maxx - e.minx) / std::max(e.maxy - e.miny, 1e-9);
            double h = 160, w = h * ratio;
            if (w > 215) {
                w = 215;
                h = w / ratio;
            }
            c += "@media print{#map{width:" + num(w, 1) + "mm;height:" + num(h, 1) + "mm}}\n";
        }
        c += sheet_.css();
        return c;
    }

    // ---- blocks ----------------------------------------------------------------------------------
    void block(std::string& o, const Heading& h) {
        if (h.level == 0) {
            o += "<header class=\"cover\"><h1>" + html_escape(h.text) + "</h1><p class=\"project\">" +
                 html_escape(doc_.project) + "</p></header>\n";
            return;
        }
        const char* tag = h.level == 1 ? "h2" : "h3";
        o += std::string("<") + tag + ">" + html_escape(h.text) + "</" + tag + ">\n";
    }

    void block(std::string& o, const Paragraph& p) {
        o += std::string("<p") + (p.small ? " class=\"small\"" : "") + ">" + html_escape(p.text) + "</p>\n";
    }

    void block(std::string& o, const Fields& f) {
        o += "<dl class=\"fields\">\n";
        for (const auto& [k, v] : f.items)
            o += "<div><dt>" + html_escape(k) + "</dt><dd>" + html_escape(v) + "</dd></div>\n";
        o += "</dl>\n";
    }

    void block(std::string& o, const VerdictBanner& b) {
        o += "<div class=\"banner " + verdict_class(b.verdict) + "\"><div class=\"caption\">" + html_escape(b.caption) +
             "</div><div class=\"verdict\">" + html_escape(b.text) + "</div></div>\n";
    }

    /// The 审查意见, editable in the page (the edits are printed, not saved).
    void block(std::string& o, const Opinion& op) {
        o += "<section class=\"opinion\"><div class=\"caption\">" + html_escape(op.caption) +
             "</div>\n<div class=\"opinion-text\" contenteditable=\"true\" spellcheck=\"false\">";
        for (const std::string& p : op.paragraphs)
            o += "<p>" + html_escape(p) + "</p>";
        o += "</div>\n<p class=\"small screen-only\">";
        o += zh_ ? "审查意见可在此页面上直接修改后打印；修改不会保存到文件。"
                 : "The opinion can be edited in this page before printing; the edits are not saved to the file.";
        o += "</p></section>\n";
    }

    void block(std::string& o, const Table& t) {
        double sum = 0;
        for (const Column& c : t.columns)
            sum += c.weight;
        o += "<table class=\"data\"";
        if (t.width < 1) o += " style=\"width:" + num(t.width * 100, 1) + "%\"";
        o += ">\n";
        if (!t.caption.empty()) o += "<caption>" + html_escape(t.caption) + "</caption>\n";
        o += "<colgroup>";
        for (const Column& c : t.columns)
            o += "<col style=\"width:" + num(sum > 0 ? c.weight / sum * 100 : 0, 2) + "%\">";
        o += "</colgroup>\n<thead><tr>";
        for (const Column& c : t.columns) {
            o += std::string("<th") + (c.align == Align::right ? " class=\"r\"" : "") + ">" + html_escape(c.title) +
                 "</th>";
        }
        o += "</tr></thead>\n<tbody>\n";
        for (const Row& r : t.rows) {
            o += "<tr";
            if (r.subtotal) o += " class=\"sub\"";
            if (!r.cells.empty() && parts_.count(r.cells.front()) != 0) {
                o += " data-part=\"" + html_escape(r.cells.front()) + "\" tabindex=\"0\"";
            }
            o += ">";
            for (size_t i = 0; i < r.cells.size(); ++i) {
                std::string cls;
                if (i < t.columns.size() && t.columns[i].align == Align::right) cls = "r";
                if (r.verdict && static_cast<int>(i) == t.verdict_column)
                    cls += (cls.empty() ? "" : " ") + ("v " + verdict_class(*r.verdict));
                // Leading spaces indent a class row under its layer: as padding (HTML collapses them).
                const std::string& cell = r.cells[i];
                const size_t lead = cell.find_first_not_of(' ');
                std::string style;
                if (lead != std::string::npos && lead > 0)
                    style = " style=\"padding-left:" + num(0.3 + 0.45 * static_cast<double>(lead), 2) + "em\"";
                o += "<td" + (cls.empty() ? std::string() : " class=\"" + cls + "\"") + style + ">" +
                     html_escape(lead == std::string::npos ? std::string() : cell.substr(lead)) + "</td>";
            }
            o += "</tr>\n";
        }
        o += "</tbody>\n</table>\n";
    }

    void block(std::string& o, const PageBreak&) { o += "<div class=\"page-break\"></div>\n"; }

    void block(std::string& o, const MapFigure& m) {
        o += "<section class=\"map-page\" id=\"map-page\">\n<h2>" + html_escape(m.caption) + "</h2>\n";
        if (!doc_.map) {
            o += "</section>\n";
            return;
        }
        const MapData& d = *doc_.map;
        o += "<div class=\"map-body\">\n<div class=\"map-wrap\">\n";
        o += svg(d);
        o += "<div class=\"map-tools\"><button type=\"button\" data-zoom=\"in\" title=\"";
        o += zh_ ? "放大" : "zoom in";
        o += "\">+</button><button type=\"button\" data-zoom=\"out\" title=\"";
        o += zh_ ? "缩小" : "zoom out";
        o += "\">−</button><button type=\"button\" data-zoom=\"reset\" title=\"";
        o += zh_ ? "复位" : "reset";
        o += "\">⟲</button></div>\n<div class=\"north\" aria-hidden=\"true\">▲<br>N</div>\n</div>\n";
        o += legend(d);
        o += "</div>\n<p class=\"small\">" + html_escape(d.note) + "</p>\n";
        o += "<p class=\"small screen-only\">";
        o += zh_ ? "拖动平移，滚轮或按钮缩放；点击冲突地块查看其界址点列表中的行，点击该行在图上突出显示地块。"
                 : "Drag to pan, wheel or buttons to zoom; click a conflict part to see its row in the list of parts, "
                   "click "
                   "the row to highlight the part.";
        o += "</p>\n</section>\n";
    }

    void block(std::string& o, const Signature& s) {
        o += "<div class=\"signature\">";
        for (const auto& [k, v] : s.items) {
            o += "<div><span class=\"k\">" + html_escape(k) +
                 (k.empty() ? ""
                  : zh_     ? "："
                            : ":") +
                 "</span><span class=\"line\">" + html_escape(v) + "</span></div>";
        }
        o += "</div>\n";
    }

    // ---- the map ---------------------------------------------------------------------------------
    std::string svg(const MapData& d) {
        const Envelope& e = d.extent;
        const double e0 = std::floor(e.minx / 1000) * 1000, n0 = std::ceil(e.maxy / 1000) * 1000;
        const double w = e.maxx - e.minx, h = e.maxy - e.miny;
        const PathData layers(e0, n0, d.decimals), exact(e0, n0, 3);
        // The hatches of the conflict parts: 2 mm apart at the PDF's scale.
        const double gap = std::max(d.scale, 1.0) * 0.002;
        const Rgba severe = conflict_style(true).stroke, caution = conflict_style(false).stroke;
        std::string o = "<svg id=\"map\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"" + exact.len(e.minx - e0) +
                        " " + exact.len(n0 - e.maxy) + " " + exact.len(w) + " " + exact.len(h) +
                        "\" style=\"aspect-ratio:" + num(w, 3) + "/" + num(h, 3) + "\" data-origin-y=\"" + num(e0, 3) +
                        "\" data-origin-x=\"" + num(n0, 3) + "\" data-step=\"" + num(d.grid_step, 3) +
                        "\" data-scale=\"" + num(d.scale, 0) + "\" data-mpm=\"" + num(d.m_per_mm, 6) +
                        "\" data-unit-m=\"" + (zh_ ? "米" : "m") + "\" data-unit-km=\"" + (zh_ ? "千米" : "km") +
                        "\" role=\"img\" aria-label=\"" + html_escape(d.note) + "\">\n<defs>\n";
        auto pattern = [&](const char* id, Rgba c, bool cross) {
            o += std::string("<pattern id=\"") + id + "\" patternUnits=\"userSpaceOnUse\" width=\"" + num(gap, 3) +
                 "\" height=\"" + num(gap, 3) + "\" patternTransform=\"rotate(45)\"><path d=\"M0 0V" + num(gap, 3) +
                 (cross ? "M0 0H" + num(gap, 3) : "") + "\" stroke=\"" + css_color(c) + "\" stroke-width=\"" +
                 num(gap / 5, 3) + "\"/></pattern>\n";
        };
        pattern("hatch-severe", severe, false);
        pattern("cross-severe", severe, true);
        pattern("hatch-caution", caution, false);
        o += "</defs>\n<rect class=\"bg\" x=\"" + exact.len(e.minx - e0) + "\" y=\"" + exact.len(n0 - e.maxy) +
             "\" width=\"" + exact.len(w) + "\" height=\"" + exact.len(h) + "\"/>\n<g id=\"layers\">\n";
        for (const MapItem& it : d.layers)
            item(o, it, layers, "");
        // The footprints under the conflicts: a narrow corridor's outline must not hide the piece
        // that conflicts (render/map_page draws them in this order too).
        o += "</g>\n<g id=\"footprints\">\n";
        for (const MapItem& it : d.footprints)
            item(o, it, exact, " fp");
        // The conflict pieces as the PDF draws them (hatched areas, thick lines, discs), the
        // parts over them to click.
        o += "</g>\n<g id=\"conflicts\">\n";
        for (const MapItem& it : d.conflicts) {
            const std::string path = exact.of(it.shape);
            if (path.empty()) continue;
            o += "<path class=\"conflict d" + std::to_string(it.shape.dim) + " " + verdict_class(it.verdict) +
                 "\" style=\"stroke:" + css_color(it.style.stroke) +
                 (it.shape.dim == 2 ? ";fill:url(#" + hatch(it.verdict) + ")" : ";fill:none") + "\" d=\"" + path +
                 "\"/>\n";
        }
        o += "</g>\n<g id=\"parts\">\n";
        // The larger parts first, so that a smaller one on top of another can be clicked.
        std::vector<const MapItem*> parts;
        for (const MapItem& it : d.parts)
            parts.push_back(&it);
        auto box = [](const MapItem* it) {
            Envelope b;
            for (const auto& path : it->shape.paths) {
                for (const auto& [x, y] : path)
                    b.expand(x, y);
            }
            return b.empty() ? 0.0 : (b.maxx - b.minx) * (b.maxy - b.miny);
        };
        std::stable_sort(parts.begin(), parts.end(),
                         [&](const MapItem* a, const MapItem* b) { return box(a) > box(b); });
        for (const MapItem* p : parts) {
            const MapItem& it = *p;
            const std::string fill = hatch(it.verdict);
            o += "<path class=\"part " + verdict_class(it.verdict) + "\" data-part=\"" + html_escape(it.id) +
                 "\" style=\"fill:url(#" + fill + ");stroke:" + css_color(it.style.stroke) + "\" d=\"" +
                 exact.of(it.shape) + "\"><title>" + html_escape(it.title) + "</title></path>\n";
        }
        o += "</g>\n<g id=\"outlines\">\n";
        for (const MapItem& it : d.outlines)
            item(o, it, exact, " fp");
        o += "</g>\n<g id=\"rings\">\n";
        for (const MapData::Ring& r : d.rings) {
            o += "<circle cx=\"" + exact.len(r.x - e0) + "\" cy=\"" + exact.len(n0 - r.y) + "\" r=\"" + exact.len(r.r) +
                 "\" style=\"stroke:" + css_color(severe) + "\"/>\n";
        }
        // The grid, then the PDF's labels over it (their halo keeps them readable), the scale bar.
        o += "</g>\n<g id=\"grid\"></g>\n<g id=\"labels\">\n";
        const double k = d.m_per_mm;
        for (const MapData::Label& l : d.labels) {
            const double ax = l.x - e0, ay = n0 - l.y;
            o += "<text x=\"" + num(ax + l.dx_mm * k, 3) + "\" y=\"" + num(ay + l.dy_mm * k, 3) + "\" font-size=\"" +
                 num(l.size_mm * k, 3) + "\" stroke-width=\"" + num(0.7 * k, 3) + "\" data-ax=\"" + num(ax, 3) +
                 "\" data-ay=\"" + num(ay, 3) + "\" data-dx=\"" + num(l.dx_mm, 3) + "\" data-dy=\"" + num(l.dy_mm, 3) +
                 "\" data-size=\"" + num(l.size_mm, 2) + "\"" + (l.align > 0.25 ? " text-anchor=\"middle\"" : "") +
                 " style=\"fill:" + css_color(l.color) + (l.bold ? ";font-weight:bold" : "") + "\">" +
                 html_escape(l.text) + "</text>\n";
        }
        o += "</g>\n<g id=\"scalebar\"></g>\n</svg>\n";
        return o;
    }

    static std::string hatch(Verdict v) {
        return v == Verdict::prohibited ? "cross-severe" : v >= Verdict::restricted ? "hatch-severe" : "hatch-caution";
    }

    void item(std::string& o, const MapItem& it, const PathData& pd, const char* extra) {
        const std::string d = pd.of(it.shape);
        if (d.empty()) return;
        o += "<path class=\"" + sheet_.class_of(it.style, it.shape.dim) + extra + "\" d=\"" + d + "\"";
        if (it.title.empty()) {
            o += "/>\n";
        } else {
            o += "><title>" + html_escape(it.title) + "</title></path>\n";
        }
    }

    std::string legend(const MapData& d) {
        std::string o = "<ul class=\"legend\">\n";
        o += std::string("<li class=\"legend-title\">") + (zh_ ? "图例" : "Legend") + "</li>\n";
        for (const MapLegendEntry& l : d.legend) {
            o += "<li><svg class=\"swatch\" viewBox=\"0 0 24 14\" width=\"24\" height=\"14\" aria-hidden=\"true\">";
            const Style& s = l.style;
            const std::string stroke = css_color(s.stroke), width = num(std::max(0.6, s.width_mm * kPxPerMm), 2);
            std::string dash;
            if (!s.dash_mm.empty()) {
                dash = " stroke-dasharray=\"";
                for (size_t k = 0; k < s.dash_mm.size(); ++k)
                    dash += (k ? " " : "") + num(s.dash_mm[k] * kPxPerMm, 2);
                dash += "\"";
            }
            std::string fill = s.fill ? css_color(*s.fill) : "none";
            if (l.group == LegendGroup::conflicts && s.hatch) {
                fill = l.cross                                   ? "url(#cross-severe)"
                       : s.stroke == conflict_style(true).stroke ? "url(#hatch-severe)"
                                                                 : "url(#hatch-caution)";
            }
            if (l.point_marker || l.dim == 0) {
                o += "<circle cx=\"12\" cy=\"7\" r=\"4\" fill=\"" + fill + "\" stroke=\"" + stroke +
                     "\" stroke-width=\"1\"/>";
            } else if (l.dim == 1) {
                o += "<path d=\"M2 7H22\" stroke=\"" + stroke + "\" stroke-width=\"" + width + "\"" + dash + "/>";
            } else {
                o += "<rect x=\"2\" y=\"2\" width=\"20\" height=\"10\" fill=\"" + fill + "\" stroke=\"" + stroke +
                     "\" stroke-width=\"" + width + "\"" + dash + "/>";
            }
            o += "</svg>" + html_escape(l.label()) + "</li>\n";
        }
        o += "</ul>\n";
        return o;
    }

    const Document& doc_;
    const std::string& font_;
    bool zh_;
    std::set<std::string> parts_;
    StyleSheet sheet_;
};

}  // namespace

std::string html_escape(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (const char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string HtmlWriter::render(const Document& doc) const {
    return Page(doc, font_, lang_).render();
}

std::uintmax_t HtmlWriter::write(const Document& doc, const std::filesystem::path& file,
                                 const std::string& shown_name) const {
    const std::string page = render(doc);
    std::ofstream f(file, std::ios::binary);
    if (!f) throw InputError(shown_name + ": cannot write");
    f << page;
    f.close();
    if (!f) throw InputError(shown_name + ": write failed");
    return page.size();
}

}  // namespace zoning::report::document
