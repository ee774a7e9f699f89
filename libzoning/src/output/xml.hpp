#pragma once
// Internal: text into XML (the KML writer, the QGIS .qml styles).
#include <string>
#include <string_view>

namespace zoning::output {

/// Escapes the five XML special characters, for element text and attribute values alike.
inline std::string xml_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default: out += c;
        }
    }
    return out;
}

}  // namespace zoning::output
