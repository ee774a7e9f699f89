// Named groups in Cairo's SVG output: markers replaced by group boundaries.
#include "render/svg_sections.hpp"

#include <zoning/error.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <regex>
#include <sstream>

namespace zoning::render {

namespace {
// The reserved marker colour, rgb(1, 2, 3) of 255, as Cairo writes it: rgb(0.392157%,...).
// Compiled on first use, not at start-up: it costs every zoning command ~65M instructions.
const std::regex& marker() {
    static const std::regex re(R"(<path style="[^"]*fill:rgb\(0\.39\d*%,0\.78\d*%,1\.17\d*%\)[^"]*" d="[^"]*"/>)");
    return re;
}
}  // namespace

void SvgSections::mark(cairo_t* cr, const std::string& name) {
    cairo_save(cr);
    cairo_reset_clip(cr);
    cairo_new_path(cr);
    cairo_rectangle(cr, 0, 0, 0.01, 0.01);
    cairo_set_source_rgba(cr, 1 / 255.0, 2 / 255.0, 3 / 255.0, 2 / 255.0);
    cairo_fill(cr);
    cairo_restore(cr);
    names_.push_back(name);
}

void SvgSections::apply(const std::filesystem::path& svg) const {
    std::string text;
    {
        std::ifstream in(svg, std::ios::binary);
        std::ostringstream ss;
        ss << in.rdbuf();
        text = ss.str();
    }
    std::string out;
    out.reserve(text.size() + names_.size() * 32);
    size_t i = 0;
    auto begin = std::sregex_iterator(text.begin(), text.end(), marker());
    size_t last = 0;
    for (auto it = begin; it != std::sregex_iterator(); ++it, ++i) {
        out.append(text, last, static_cast<size_t>(it->position()) - last);
        last = static_cast<size_t>(it->position() + it->length());
        if (i > 0) out += "</g>";
        if (i + 1 < names_.size()) out += "<g id=\"" + names_[i] + "\">";
    }
    out.append(text, last, std::string::npos);
    if (i != names_.size()) {
        throw InternalError(svg.string() + ": found " + std::to_string(i) + " section markers in Cairo's SVG, expected " +
                            std::to_string(names_.size()));
    }
    std::ofstream o(svg, std::ios::binary | std::ios::trunc);
    o << out;
    o.close();  // the last block is written here: a full disk shows only now
    if (!o) throw InputError(svg.string() + ": cannot write: " + std::strerror(errno));
}

}  // namespace zoning::render
