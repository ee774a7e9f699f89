// The catalog model: layer kinds and their names, the verdict of a kind, a layer's verdict for a
// feature's class. The YAML that fills it is parsed in io/catalog_yaml.cpp.
#include "catalog/model.hpp"

#include <zoning/error.hpp>

#include <array>
#include <utility>

namespace zoning {

namespace catalog {

namespace {

constexpr std::array<std::pair<std::string_view, LayerKind>, 10> kKinds{{
    {"ecological_redline", LayerKind::ecological_redline},
    {"nature_reserve", LayerKind::nature_reserve},
    {"natural_park", LayerKind::natural_park},
    {"water_source", LayerKind::water_source},
    {"permanent_farmland", LayerKind::permanent_farmland},
    {"urban_boundary", LayerKind::urban_boundary},
    {"control_unit", LayerKind::control_unit},
    {"admin", LayerKind::admin},
    {"land_use", LayerKind::land_use},
    {"other", LayerKind::other},
}};

}  // namespace

std::optional<LayerKind> find_layer_kind(std::string_view name) {
    for (const auto& [n, kind] : kKinds) {
        if (n == name) return kind;
    }
    return std::nullopt;
}

std::string layer_kind_list() {
    std::string s;
    for (const auto& [name, kind] : kKinds) s += (s.empty() ? "" : " | ") + std::string(name);
    return s;
}

Verdict default_verdict(LayerKind k) {
    switch (k) {
        case LayerKind::ecological_redline:
        case LayerKind::nature_reserve: return Verdict::prohibited;
        case LayerKind::natural_park:
        case LayerKind::water_source:
        case LayerKind::permanent_farmland: return Verdict::restricted;
        case LayerKind::control_unit:
        case LayerKind::other: return Verdict::caution;
        case LayerKind::urban_boundary:
        case LayerKind::admin:
        case LayerKind::land_use: return Verdict::allowed;
    }
    return Verdict::caution;
}

}  // namespace catalog

LayerKind parse_layer_kind(std::string_view s) {
    if (auto k = catalog::find_layer_kind(s)) return *k;
    throw InputError("unknown layer kind '" + std::string(s) + "' (" + catalog::layer_kind_list() + ")");
}

std::string_view to_string(LayerKind k) {
    for (const auto& [name, kind] : catalog::kKinds) {
        if (kind == k) return name;
    }
    return "other";
}

bool is_control_line(LayerKind k) {
    return k == LayerKind::ecological_redline || k == LayerKind::permanent_farmland || k == LayerKind::urban_boundary;
}

bool is_partition(LayerKind k) {
    return k == LayerKind::admin || k == LayerKind::control_unit || k == LayerKind::land_use;
}

bool is_descriptive(LayerKind k) { return k == LayerKind::land_use; }

bool is_database_source(std::string_view source) {
    return source.starts_with("PG:") || source.starts_with("pg:") || source.starts_with("postgresql://") ||
           source.starts_with("postgres://");
}

std::string redact_connection(std::string_view source) {
    std::string s(source);
    if (!is_database_source(s)) return s;
    // key=value form: password=VALUE or password='VALUE' (libpq quoting)
    for (size_t at = s.find("password"); at != std::string::npos; at = s.find("password", at + 1)) {
        size_t eq = at + 8;
        while (eq < s.size() && s[eq] == ' ') ++eq;
        if (eq >= s.size() || s[eq] != '=') continue;
        size_t v = eq + 1;
        while (v < s.size() && s[v] == ' ') ++v;
        size_t end = v;
        if (end < s.size() && s[end] == '\'') {
            for (++end; end < s.size() && s[end] != '\''; ++end) {
                if (s[end] == '\\') ++end;
            }
            if (end < s.size()) ++end;
        } else {
            while (end < s.size() && s[end] != ' ' && s[end] != '&') ++end;
        }
        s.replace(v, end - v, "***");
    }
    // URL form: scheme://user:PASSWORD@host
    if (const size_t scheme = s.find("://"); scheme != std::string::npos) {
        const size_t at = s.find('@', scheme + 3);
        const size_t colon = s.find(':', scheme + 3);
        const size_t slash = s.find('/', scheme + 3);
        if (at != std::string::npos && colon != std::string::npos && colon < at && (slash == std::string::npos || at < slash)) {
            s.replace(colon + 1, at - colon - 1, "***");
        }
    }
    return s;
}

bool LayerSpec::is_database() const { return is_database_source(source_text); }

int LayerSpec::line_of(const std::string& key) const {
    auto it = key_lines.find(key);
    return it != key_lines.end() ? it->second : line;
}

Verdict LayerSpec::verdict_for(const std::string& cls) const {
    if (!classes.empty()) {
        auto it = classes.find(cls);
        if (it != classes.end()) return it->second.verdict;
    }
    return verdict;
}

Verdict LayerSpec::max_verdict() const {
    Verdict v = verdict;
    for (const auto& [k, rule] : classes) v = most_severe(v, rule.verdict);
    return v;
}

}  // namespace zoning
