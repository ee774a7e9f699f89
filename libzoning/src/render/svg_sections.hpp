#pragma once
// Named groups in Cairo's SVG output. Cairo 1.16 writes every drawing operation at the top
// level of one group and has no API to name groups, so each section of the map starts with an
// invisible marker (a tiny rectangle of a reserved colour at alpha 2/255); once the file is
// written, each marker is replaced by the boundary of a <g id="NAME"> group.
#include <cairo.h>

#include <filesystem>
#include <string>
#include <vector>

namespace zoning::render {

class SvgSections {
public:
    /// Starts a section named `name` (drawn with no clip, so Cairo has closed its clip groups).
    void mark(cairo_t* cr, const std::string& name);
    /// Rewrites the finished SVG file: the markers become group boundaries. The last section
    /// marked is the end marker and opens no group.
    void apply(const std::filesystem::path& svg) const;

private:
    std::vector<std::string> names_;
};

}  // namespace zoning::render
