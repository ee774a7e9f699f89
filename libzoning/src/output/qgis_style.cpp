// QML for QGIS 3: single-symbol or categorized renderers built from the style table.
#include "output/qgis_style.hpp"
#include "output/xml.hpp"
#include "report/format.hpp"

#include <cstdio>
#include <sstream>

namespace zoning::output {

namespace {

std::string num(double v) { return report::significant(v); }

void option(std::ostringstream& o, const std::string& indent, const char* name, const std::string& value) {
    o << indent << "<Option type=\"QString\" name=\"" << name << "\" value=\"" << xml_escape(value) << "\"/>\n";
}

std::string dash_string(const std::vector<double>& dash) {
    std::string s;
    for (double d : dash) {  // appended piece by piece: GCC 12 -Wrestrict false positive (bug 105329)
        if (!s.empty()) s += ';';
        s += num(d);
    }
    return s;
}

void simple_line(std::ostringstream& o, const std::string& in, Rgba color, double width, const std::vector<double>& dash) {
    o << in << "<layer class=\"SimpleLine\" enabled=\"1\" locked=\"0\" pass=\"0\">\n";
    o << in << " <Option type=\"Map\">\n";
    const std::string i2 = in + "  ";
    option(o, i2, "capstyle", "round");
    option(o, i2, "joinstyle", "round");
    option(o, i2, "line_color", qgis_color(color));
    option(o, i2, "line_style", "solid");
    option(o, i2, "line_width", num(width));
    option(o, i2, "line_width_unit", "MM");
    option(o, i2, "use_custom_dash", dash.empty() ? "0" : "1");
    option(o, i2, "customdash", dash.empty() ? "5;2" : dash_string(dash));
    option(o, i2, "customdash_unit", "MM");
    o << in << " </Option>\n";
    o << in << "</layer>\n";
}

void symbol(std::ostringstream& o, const std::string& name, int dim, const Style& s) {
    const char* type = dim == 0 ? "marker" : dim == 1 ? "line" : "fill";
    o << "   <symbol type=\"" << type << "\" name=\"" << name
      << "\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">\n";
    const std::string in = "    ";
    if (dim == 0) {
        o << in << "<layer class=\"SimpleMarker\" enabled=\"1\" locked=\"0\" pass=\"0\">\n";
        o << in << " <Option type=\"Map\">\n";
        const std::string i2 = in + "  ";
        option(o, i2, "name", "circle");
        option(o, i2, "color", qgis_color(s.fill ? Rgba{s.fill->r, s.fill->g, s.fill->b, 255} : Rgba{255, 255, 255, 255}));
        option(o, i2, "outline_color", qgis_color(s.stroke));
        option(o, i2, "outline_style", "solid");
        option(o, i2, "outline_width", num(s.width_mm));
        option(o, i2, "outline_width_unit", "MM");
        option(o, i2, "size", s.hatch ? "4" : "2.4");
        option(o, i2, "size_unit", "MM");
        o << in << " </Option>\n";
        o << in << "</layer>\n";
    } else if (dim == 1) {
        simple_line(o, in, s.stroke, s.hatch ? 1.6 : s.width_mm, s.dash_mm);
    } else {
        // Fill (no outline), then the hatch, then the outline as a line layer (custom dashes).
        o << in << "<layer class=\"SimpleFill\" enabled=\"1\" locked=\"0\" pass=\"0\">\n";
        o << in << " <Option type=\"Map\">\n";
        const std::string i2 = in + "  ";
        option(o, i2, "color", qgis_color(s.fill ? *s.fill : Rgba{0, 0, 0, 0}));
        option(o, i2, "style", s.fill ? "solid" : "no");
        option(o, i2, "outline_style", "no");
        option(o, i2, "outline_color", qgis_color(s.stroke));
        option(o, i2, "outline_width", "0");
        option(o, i2, "outline_width_unit", "MM");
        o << in << " </Option>\n";
        o << in << "</layer>\n";
        if (s.hatch) {
            o << in << "<layer class=\"LinePatternFill\" enabled=\"1\" locked=\"0\" pass=\"0\">\n";
            o << in << " <Option type=\"Map\">\n";
            option(o, i2, "angle", "45");
            option(o, i2, "color", qgis_color(s.stroke));
            option(o, i2, "distance", "1.2");
            option(o, i2, "distance_unit", "MM");
            option(o, i2, "line_width", "0.25");
            option(o, i2, "line_width_unit", "MM");
            option(o, i2, "offset", "0");
            option(o, i2, "offset_unit", "MM");
            o << in << " </Option>\n";
            o << in << " <symbol type=\"line\" name=\"@" << name << "@1\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">\n";
            simple_line(o, in + "  ", s.stroke, 0.25, {});
            o << in << " </symbol>\n";
            o << in << "</layer>\n";
        }
        o << in << "<layer class=\"SimpleLine\" enabled=\"1\" locked=\"0\" pass=\"0\">\n";
        o << in << " <Option type=\"Map\">\n";
        option(o, i2, "line_color", qgis_color(s.stroke));
        option(o, i2, "line_style", "solid");
        option(o, i2, "line_width", num(s.width_mm));
        option(o, i2, "line_width_unit", "MM");
        option(o, i2, "joinstyle", "round");
        option(o, i2, "use_custom_dash", s.dash_mm.empty() ? "0" : "1");
        option(o, i2, "customdash", s.dash_mm.empty() ? "5;2" : dash_string(s.dash_mm));
        option(o, i2, "customdash_unit", "MM");
        o << in << " </Option>\n";
        o << in << "</layer>\n";
    }
    o << "   </symbol>\n";
}

}  // namespace

std::string qgis_color(Rgba c) {
    return std::to_string(c.r) + "," + std::to_string(c.g) + "," + std::to_string(c.b) + "," + std::to_string(c.a);
}

std::string to_qml(const QmlLayer& l) {
    std::ostringstream o;
    o << "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n";
    o << "<qgis version=\"3.22.16-Białowieża\" styleCategories=\"Symbology|Labeling|Fields\" labelsEnabled=\""
      << (l.label_field.empty() ? 0 : 1) << "\">\n";
    if (l.category_field.empty()) {
        o << " <renderer-v2 type=\"singleSymbol\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\">\n";
        o << "  <symbols>\n";
        symbol(o, "0", l.dim, l.single);
        o << "  </symbols>\n";
    } else {
        o << " <renderer-v2 type=\"categorizedSymbol\" attr=\"" << xml_escape(l.category_field)
          << "\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\">\n";
        o << "  <categories>\n";
        for (size_t i = 0; i < l.categories.size(); ++i) {
            o << "   <category render=\"true\" symbol=\"" << i << "\" value=\"" << xml_escape(l.categories[i].value)
              << "\" label=\"" << xml_escape(l.categories[i].style.label) << "\"/>\n";
        }
        o << "  </categories>\n";
        o << "  <symbols>\n";
        for (size_t i = 0; i < l.categories.size(); ++i) symbol(o, std::to_string(i), l.dim, l.categories[i].style);
        o << "  </symbols>\n";
        o << "  <source-symbol>\n";
        symbol(o, "0", l.dim, l.single);
        o << "  </source-symbol>\n";
    }
    o << " </renderer-v2>\n";
    if (!l.label_field.empty()) {
        o << " <labeling type=\"simple\">\n";
        o << "  <settings calloutType=\"simple\">\n";
        o << "   <text-style fieldName=\"" << xml_escape(l.label_field)
          << "\" isExpression=\"0\" fontFamily=\"Noto Sans CJK SC\" fontSize=\"9\" fontSizeUnit=\"Point\" textColor=\"40,40,40,255\" textOpacity=\"1\">\n";
        o << "    <text-buffer bufferDraw=\"1\" bufferSize=\"0.8\" bufferSizeUnits=\"MM\" bufferColor=\"255,255,255,255\" bufferOpacity=\"0.85\"/>\n";
        o << "   </text-style>\n";
        o << "   <placement placement=\"" << (l.dim == 2 ? 1 : l.dim == 1 ? 2 : 6) << "\"/>\n";
        o << "  </settings>\n";
        o << " </labeling>\n";
    }
    o << " <aliases>\n";
    for (size_t i = 0; i < l.aliases.size(); ++i) {
        o << "  <alias field=\"" << xml_escape(l.aliases[i].first) << "\" index=\"" << i << "\" name=\""
          << xml_escape(l.aliases[i].second) << "\"/>\n";
    }
    o << " </aliases>\n";
    o << " <layerGeometryType>" << l.dim << "</layerGeometryType>\n";
    o << "</qgis>\n";
    return o.str();
}

}  // namespace zoning::output
