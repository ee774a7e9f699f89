// The style table: conventional colours by layer kind and class, and the catalog's overrides.
#include <zoning/catalog.hpp>
#include <zoning/error.hpp>
#include <zoning/style.hpp>

#include <cstdio>

namespace zoning {

namespace {

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

constexpr Rgba rgb(std::uint8_t r, std::uint8_t g, std::uint8_t b, std::uint8_t a = 255) {
    return Rgba{r, g, b, a};
}

bool contains(const std::string& s, std::string_view part) {
    return s.find(part) != std::string::npos;
}

/// Water-source grade from a class value: 1 一级, 2 二级, 3 准保护区, 0 unknown.
int water_grade(const std::string& cls) {
    if (contains(cls, "一级")) return 1;
    if (contains(cls, "二级")) return 2;
    if (contains(cls, "准")) return 3;
    return 0;
}

/// Nature reserve function zone: 1 core, 2 buffer, 3 experimental / general control, 0 unknown.
int reserve_zone(const std::string& cls) {
    if (contains(cls, "核心")) return 1;
    if (contains(cls, "缓冲")) return 2;
    if (contains(cls, "实验") || contains(cls, "一般控制")) return 3;
    return 0;
}

bool looks_like_water(const LayerSpec& spec) {
    for (const std::string_view w : {"河", "水系", "湖", "river", "water"}) {
        if (contains(spec.title, w) || contains(spec.id, w)) return true;
    }
    return false;
}

Style conventional(const LayerSpec& spec, const std::string& cls) {
    Style s;
    switch (spec.kind) {
        case LayerKind::ecological_redline:
            s.stroke = rgb(230, 0, 0);
            s.fill = rgb(255, 120, 120, 90);
            s.width_mm = 0.6;
            break;
        case LayerKind::nature_reserve:
            switch (reserve_zone(cls)) {
                case 1: s.stroke = rgb(0, 104, 55); s.fill = rgb(26, 152, 80, 120); break;
                case 2: s.stroke = rgb(26, 152, 80); s.fill = rgb(102, 189, 99, 100); break;
                case 3: s.stroke = rgb(102, 189, 99); s.fill = rgb(166, 217, 106, 90); break;
                default: s.stroke = rgb(26, 152, 80); s.fill = rgb(102, 189, 99, 100); break;
            }
            s.width_mm = 0.4;
            break;
        case LayerKind::natural_park:
            s.stroke = rgb(77, 146, 33);
            s.fill = rgb(184, 225, 134, 90);
            s.width_mm = 0.4;
            s.dash_mm = {2.0, 1.0};
            break;
        case LayerKind::water_source:
            switch (water_grade(cls)) {
                case 1: s.stroke = rgb(8, 48, 107); s.fill = rgb(33, 102, 172, 150); break;
                case 2: s.stroke = rgb(33, 113, 181); s.fill = rgb(107, 174, 214, 120); break;
                case 3: s.stroke = rgb(66, 146, 198); s.fill = rgb(198, 219, 239, 130); break;
                default: s.stroke = rgb(33, 113, 181); s.fill = rgb(107, 174, 214, 120); break;
            }
            s.width_mm = 0.35;
            break;
        case LayerKind::permanent_farmland:
            s.stroke = rgb(201, 161, 0);
            s.fill = rgb(255, 225, 77, 130);
            s.width_mm = 0.15;
            break;
        case LayerKind::urban_boundary:
            s.stroke = rgb(123, 50, 148);
            s.width_mm = 0.6;
            s.dash_mm = {3.0, 1.5};
            break;
        case LayerKind::control_unit:
            s.stroke = rgb(120, 120, 120);
            s.width_mm = 0.15;
            break;
        case LayerKind::admin:
            s.stroke = rgb(80, 80, 80);
            s.width_mm = 0.35;
            s.dash_mm = {4.0, 1.0, 1.0, 1.0};
            break;
        case LayerKind::land_use:
            s.stroke = rgb(150, 150, 150);
            s.width_mm = 0.1;
            break;
        case LayerKind::other:
            if (looks_like_water(spec)) {
                s.stroke = rgb(49, 130, 189);
                s.fill = rgb(158, 202, 225, 150);
                s.width_mm = 0.5;
            } else {
                s.stroke = rgb(140, 81, 10);
                s.fill = rgb(216, 179, 101, 110);
                s.width_mm = 0.35;
            }
            break;
    }
    return s;
}

}  // namespace

Rgba parse_color(std::string_view text) {
    auto bad = [&]() -> InputError {
        return InputError("colour '" + std::string(text) + "': expected #rgb, #rrggbb or #rrggbbaa");
    };
    if (text.empty() || text[0] != '#') throw bad();
    const std::string_view h = text.substr(1);
    for (char c : h) {
        if (hex_digit(c) < 0) throw bad();
    }
    auto byte = [&](size_t i) { return static_cast<std::uint8_t>(hex_digit(h[i]) * 16 + hex_digit(h[i + 1])); };
    if (h.size() == 3) {
        auto nib = [&](size_t i) { return static_cast<std::uint8_t>(hex_digit(h[i]) * 17); };
        return Rgba{nib(0), nib(1), nib(2), 255};
    }
    if (h.size() == 6) return Rgba{byte(0), byte(2), byte(4), 255};
    if (h.size() == 8) return Rgba{byte(0), byte(2), byte(4), byte(6)};
    throw bad();
}

std::string to_hex(Rgba c) {
    char buf[16];
    if (c.a == 255) {
        std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c.r, c.g, c.b);
    } else {
        std::snprintf(buf, sizeof buf, "#%02x%02x%02x%02x", c.r, c.g, c.b, c.a);
    }
    return buf;
}

bool style_varies_by_class(const LayerSpec& spec) {
    if (spec.class_field.empty()) return false;
    return spec.kind == LayerKind::water_source || spec.kind == LayerKind::nature_reserve;
}

Style layer_style(const LayerSpec& spec, const std::string& cls) {
    const bool by_class = style_varies_by_class(spec);
    Style s = conventional(spec, by_class ? cls : std::string());
    s.label = spec.title;
    if (by_class && !cls.empty()) {
        auto it = spec.classes.find(cls);
        const std::string title = it != spec.classes.end() && !it->second.title.empty() ? it->second.title : cls;
        s.label += " " + title;
    }
    if (spec.style) {
        const StyleOverride& o = *spec.style;
        if (o.stroke) s.stroke = *o.stroke;
        if (o.no_fill) s.fill.reset();
        if (o.fill) s.fill = *o.fill;
        if (o.width_mm) s.width_mm = *o.width_mm;
        if (o.dash_mm) s.dash_mm = *o.dash_mm;
    }
    return s;
}

Style footprint_style() {
    Style s;
    s.stroke = rgb(0, 0, 0);
    s.width_mm = 0.8;
    s.label = "项目用地范围";
    return s;
}

Style conflict_style(bool severe) {
    Style s;
    if (severe) {
        s.stroke = rgb(215, 0, 0);
        s.fill = rgb(255, 0, 0, 60);
        s.label = "冲突区域(禁止/限制)";
    } else {
        s.stroke = rgb(230, 120, 0);
        s.fill = rgb(255, 160, 0, 60);
        s.label = "冲突区域(注意)";
    }
    s.width_mm = 0.5;
    s.hatch = true;
    return s;
}

Style uncovered_style() {
    Style s;
    s.stroke = rgb(110, 110, 110);
    s.fill = rgb(160, 160, 160, 70);
    s.width_mm = 0.4;
    s.dash_mm = {1.5, 1};
    s.hatch = true;
    s.label = "超出目录范围，未审查";
    return s;
}

}  // namespace zoning
