#pragma once
// The style table: one place for the colours of every layer kind and class, used by the map
// (zoning map), the QGIS styles written into GeoPackages and beside shapefiles, and KML.
// A catalog layer may override its style with `style:` (see docs/catalog.md and docs/map.md).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zoning {

struct LayerSpec;

/// An sRGB colour with alpha, 0..255 each.
struct Rgba {
    std::uint8_t r = 0, g = 0, b = 0, a = 255;
    friend bool operator==(const Rgba&, const Rgba&) = default;
};

/// Parses "#rgb", "#rrggbb" or "#rrggbbaa". Throws InputError naming the text otherwise.
Rgba parse_color(std::string_view text);
/// "#rrggbb", or "#rrggbbaa" when not opaque.
std::string to_hex(Rgba c);

/// How one layer (or one class of it) is drawn. Widths and dashes in millimetres on paper.
struct Style {
    Rgba stroke{0, 0, 0, 255};
    std::optional<Rgba> fill;     ///< none: outline only
    double width_mm = 0.3;
    std::vector<double> dash_mm;  ///< on/off lengths; empty: solid
    bool hatch = false;           ///< diagonal hatch in the stroke colour over the fill
    std::string label;            ///< legend text
    friend bool operator==(const Style&, const Style&) = default;
};

/// A catalog layer's `style:` key: each field given replaces the conventional one.
struct StyleOverride {
    std::optional<Rgba> stroke;
    std::optional<Rgba> fill;
    bool no_fill = false;                        ///< `fill: none`
    std::optional<double> width_mm;
    std::optional<std::vector<double>> dash_mm;  ///< `dash: []` or `dash: none` makes it solid
};

/// The conventional style of a feature of class `cls` in `spec` (red line red with a light red
/// fill, reserves by function zone, water-source grades in blues darker for 一级, farmland
/// yellow, urban boundary purple dashed, control units thin outlines, ...), with the layer's
/// `style:` override applied. The label is the layer title, followed by the class when the
/// style depends on it.
Style layer_style(const LayerSpec& spec, const std::string& cls);
/// Whether layer_style depends on the class for this layer (class-specific colours or rules).
bool style_varies_by_class(const LayerSpec& spec);

/// Project footprints: black outline, no fill.
Style footprint_style();
/// Conflict pieces of the given severity: red hatch for prohibited/restricted, orange for caution.
Style conflict_style(bool severe);
/// The part of a footprint outside the catalog's coverage, or a footprint not screened: grey hatch.
Style uncovered_style();

}  // namespace zoning
