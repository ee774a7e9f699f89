// Catalog parsing with yaml-cpp (the model it fills is catalog/model.cpp). Every error names the
// catalog file and line.
#include <zoning/catalog.hpp>
#include <zoning/error.hpp>
#include <zoning/rules.hpp>

#include "catalog/model.hpp"
#include "io/yaml_check.hpp"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <optional>
#include <regex>
#include <set>
#include <sstream>

namespace zoning {

namespace {

/// Catalog files larger than this are refused: a catalog lists layers, 16 MiB is thousands of
/// them, and a wrong path (a data file, a device) must not be read without end.
constexpr size_t kMaxCatalogBytes = size_t{16} << 20;

/// YYYY, YYYY-MM or YYYY-MM-DD, a real month and day (leap years counted).
bool is_source_date(const std::string& s) {
    static const std::regex re("([0-9]{4})(-([0-9]{2})(-([0-9]{2}))?)?");
    std::smatch m;
    if (!std::regex_match(s, m, re)) return false;
    if (!m[3].matched) return true;
    const int y = std::stoi(m[1]), mo = std::stoi(m[3]);
    if (mo < 1 || mo > 12) return false;
    if (!m[5].matched) return true;
    const int d = std::stoi(m[5]);
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    const int days = kDays[mo - 1] + (mo == 2 && leap ? 1 : 0);
    return d >= 1 && d <= days;
}

class Parser {
public:
    Parser(std::string file) : file_(std::move(file)) {}

    [[noreturn]] void fail(const YAML::Node& n, const std::string& reason) const {
        throw CatalogError(file_, line(n), reason);
    }
    [[nodiscard]] static int line(const YAML::Node& n) {
        return n.Mark().is_null() ? 0 : n.Mark().line + 1;
    }

    /// A mapping's key; check_yaml_structure has made sure each is a single name.
    std::string key_name(const YAML::Node& k) const {
        if (!k.IsScalar()) fail(k, "a key must be a single name");
        return k.Scalar();
    }

    /// A key without a value (`kind:`) is an error at the key's line (the empty value's mark is
    /// where the next line starts).
    void has_value(const YAML::Node& k, const YAML::Node& v, const std::string& key) const {
        if (v.IsNull()) fail(k, "key '" + key + "' has no value");
    }

    std::string scalar(const YAML::Node& n, const std::string& key) const {
        if (n.IsNull()) fail(n, "key '" + key + "' has no value");
        if (n.IsSequence()) fail(n, "key '" + key + "' must be a single value, not a list");
        if (!n.IsScalar()) fail(n, "key '" + key + "' must be a single value, not a mapping");
        return n.Scalar();
    }

    double number(const YAML::Node& n, const std::string& key) const {
        const std::string s = scalar(n, key);
        try {
            size_t used = 0;
            const double v = std::stod(s, &used);
            if (used != s.size()) throw std::invalid_argument(s);
            return v;
        } catch (const std::exception&) {
            fail(n, "'" + key + "' must be a number, not '" + s + "'");
        }
    }

    Verdict verdict(const YAML::Node& n, const std::string& key) const {
        try {
            return parse_verdict(scalar(n, key));
        } catch (const CatalogError&) {
            throw;
        } catch (const InputError& e) {
            fail(n, e.what());
        }
    }

    Rgba color(const YAML::Node& n, const std::string& key) const {
        try {
            return parse_color(scalar(n, "style." + key));
        } catch (const CatalogError&) {
            throw;
        } catch (const InputError& e) {
            fail(n, "style." + key + ": " + e.what());
        }
    }

    /// `style: {stroke: "#e60000", fill: "#ff787860" | none, width: 0.6, dash: [3, 1.5] | none}`
    StyleOverride style(const YAML::Node& n) const {
        if (!n.IsMap()) fail(n, "'style' must be a mapping with stroke, fill, width, dash");
        StyleOverride o;
        for (const auto& kv : n) {
            const std::string key = key_name(kv.first);
            const YAML::Node& v = kv.second;
            has_value(kv.first, v, "style." + key);
            if (key == "stroke") {
                o.stroke = color(v, key);
            } else if (key == "fill") {
                if (v.IsScalar() && v.Scalar() == "none") o.no_fill = true;
                else o.fill = color(v, key);
            } else if (key == "width") {
                const double w = number(v, "style.width");
                if (!(w > 0 && w <= 10)) fail(v, "style.width must be more than 0 and at most 10 (mm)");
                o.width_mm = w;
            } else if (key == "dash") {
                std::vector<double> dash;
                if (v.IsSequence()) {
                    for (const auto& d : v) {
                        const double x = number(d, "style.dash");
                        if (!(x > 0)) fail(d, "style.dash lengths must be more than 0 (mm)");
                        dash.push_back(x);
                    }
                    if (dash.size() % 2 != 0) fail(v, "style.dash needs pairs of on/off lengths (mm)");
                } else if (!(v.IsScalar() && v.Scalar() == "none")) {
                    fail(v, "style.dash must be a list of on/off lengths in mm, or none");
                }
                o.dash_mm = dash;
            } else {
                fail(kv.first, "unknown field '" + key + "' in style (known: stroke, fill, width, dash)");
            }
        }
        return o;
    }

    LayerSpec layer(const YAML::Node& n, const std::filesystem::path& base) const {
        if (!n.IsMap()) fail(n, "each entry of 'layers' must be a mapping with id, kind, source");
        static const std::set<std::string> known{
            "id", "title", "kind", "source", "layer", "where", "name_field", "code_field",
            "class_field", "verdict", "classes", "near_m", "crs", "style", "coverage", "sql", "source_date", "version"};
        LayerSpec s;
        s.line = line(n);
        for (const auto& kv : n) {
            const std::string key = key_name(kv.first);
            if (!known.count(key)) {
                fail(kv.first, "unknown field '" + key + "' in layer (known: id, title, kind, "
                               "source, layer, sql, where, name_field, code_field, class_field, "
                               "verdict, classes, near_m, crs, style, coverage, source_date, version)");
            }
            has_value(kv.first, kv.second, key);
            s.key_lines[key] = line(kv.first);
        }
        auto required = [&](const char* key) {
            if (!n[key]) fail(n, std::string("layer is missing '") + key + "'");
            return n[key];
        };
        s.id = scalar(required("id"), "id");
        static const std::regex id_re("[a-z0-9_]+");
        if (!std::regex_match(s.id, id_re)) {
            fail(n["id"], "layer id '" + s.id + "' must match [a-z0-9_]+");
        }
        const std::string kind = scalar(required("kind"), "kind");
        const std::optional<LayerKind> found = catalog::find_layer_kind(kind);
        if (!found) fail(n["kind"], "unknown kind '" + kind + "' (" + catalog::layer_kind_list() + ")");
        s.kind = *found;
        s.source_text = scalar(required("source"), "source");
        if (s.is_database()) {
            s.source = s.source_text;  // a connection, not a path: not resolved (docs/postgis.md)
        } else {
            std::filesystem::path src = s.source_text;
            s.source = src.is_absolute() ? src : (base / src).lexically_normal();
        }
        if (n["title"]) s.title = scalar(n["title"], "title");
        if (s.title.empty()) s.title = s.id;
        if (n["layer"]) s.layer = scalar(n["layer"], "layer");
        if (n["where"]) s.where = scalar(n["where"], "where");
        if (n["sql"]) {
            s.sql = scalar(n["sql"], "sql");
            if (!s.is_database()) fail(n["sql"], "sql: reads from a database source (PG:… or postgresql://…), not from a file");
            if (!s.layer.empty()) fail(n["sql"], "give either layer: (a table) or sql: (a query), not both");
        }
        if (n["name_field"]) s.name_field = scalar(n["name_field"], "name_field");
        if (n["code_field"]) s.code_field = scalar(n["code_field"], "code_field");
        if (n["class_field"]) s.class_field = scalar(n["class_field"], "class_field");
        if (n["crs"]) s.crs = scalar(n["crs"], "crs");
        s.verdict = n["verdict"] ? verdict(n["verdict"], "verdict") : catalog::default_verdict(s.kind);
        if (n["near_m"]) {
            const double d = number(n["near_m"], "near_m");
            if (!(d >= 0)) fail(n["near_m"], "near_m must be 0 or more metres");
            s.near_m = d;
        }
        if (n["style"]) s.style = style(n["style"]);
        if (n["version"]) s.version = scalar(n["version"], "version");
        if (n["source_date"]) {
            s.source_date = scalar(n["source_date"], "source_date");
            if (!is_source_date(s.source_date)) {
                fail(n["source_date"], "source_date must be a date YYYY-MM-DD, YYYY-MM or YYYY, not '" + s.source_date + "'");
            }
        }
        if (s.kind == LayerKind::land_use) {
            // The 占用地类 table is by class: the field of the land-use code (DLBM), no verdicts.
            if (s.class_field.empty()) fail(n["kind"], "a land_use layer needs 'class_field' (the land-use code field, e.g. DLBM)");
            if (n["classes"] || n["verdict"] || n["near_m"]) {
                fail(n["classes"] ? n["classes"] : n["verdict"] ? n["verdict"] : n["near_m"],
                     "a land_use layer describes the land and has no verdict: remove 'classes', 'verdict' and 'near_m'");
            }
        }
        if (n["coverage"]) {
            const std::string v = scalar(n["coverage"], "coverage");
            if (v != "true" && v != "false") fail(n["coverage"], "coverage must be true or false");
            s.coverage = v == "true";
        }
        if (n["classes"]) {
            const YAML::Node& c = n["classes"];
            if (!c.IsMap()) fail(c, "'classes' must map each value of class_field to {verdict: ...}");
            if (s.class_field.empty()) fail(c, "'classes' needs 'class_field' to say which field holds the class");
            for (const auto& kv : c) {
                const std::string value = key_name(kv.first);
                has_value(kv.first, kv.second, "classes." + value);
                ClassRule rule;
                if (kv.second.IsScalar()) {
                    rule.verdict = verdict(kv.second, "classes." + value);
                } else if (kv.second.IsMap()) {
                    for (const auto& rk : kv.second) {
                        const std::string k = key_name(rk.first);
                        if (k != "verdict" && k != "title" && k != "grade") {
                            fail(rk.first, "unknown field '" + k + "' in class '" + value + "' (verdict, title, grade)");
                        }
                        has_value(rk.first, rk.second, k);
                    }
                    if (kv.second["grade"]) {
                        // A zone grade for the rule packs (rules.hpp); the verdict defaults to the layer's.
                        rule.grade = scalar(kv.second["grade"], "grade");
                        if (!find_grade(s.kind, rule.grade)) {
                            fail(kv.second["grade"], "unknown grade '" + rule.grade + "' for class '" + value +
                                                         "' of a " + std::string(to_string(s.kind)) +
                                                         " layer (" + grade_list(s.kind) + ")");
                        }
                        rule.verdict = s.verdict;
                    } else if (!kv.second["verdict"]) {
                        fail(kv.second, "class '" + value + "' is missing 'verdict'");
                    }
                    if (kv.second["verdict"]) rule.verdict = verdict(kv.second["verdict"], "verdict");
                    if (kv.second["title"]) rule.title = scalar(kv.second["title"], "title");
                } else {
                    fail(kv.second, "class '" + value + "' must be a verdict or {verdict: ..., title: ...}");
                }
                s.classes.emplace(value, rule);
            }
        }
        return s;
    }

private:
    std::string file_;
};

}  // namespace

Catalog Catalog::parse(const std::string& text, const std::filesystem::path& file) {
    const std::string fname = file.string();
    io::check_yaml_structure(text, fname);
    YAML::Node root;
    try {
        root = YAML::Load(text);
    } catch (const YAML::Exception& e) {
        throw CatalogError(fname, e.mark.is_null() ? 0 : e.mark.line + 1,
                           "invalid YAML: " + e.msg);
    }
    Parser p(fname);
    if (!root.IsMap()) throw CatalogError(fname, 1, "a catalog is a mapping with name, crs and layers");
    for (const auto& kv : root) {
        const std::string key = p.key_name(kv.first);
        if (key != "name" && key != "crs" && key != "layers" && key != "description" && key != "rules" &&
            key != "default_category") {
            p.fail(kv.first,
                   "unknown field '" + key + "' (known: name, crs, layers, description, rules, default_category)");
        }
        if (key != "description") p.has_value(kv.first, kv.second, key);
    }
    if (root["description"] && !root["description"].IsNull()) (void)p.scalar(root["description"], "description");
    Catalog c;
    c.path = file;
    c.name = root["name"] ? p.scalar(root["name"], "name") : file.stem().string();
    if (root["crs"]) {
        c.crs = p.scalar(root["crs"], "crs");
        c.crs_line = Parser::line(root["crs"]);
    }
    if (root["rules"]) {
        // Rule packs by name or path, merged in order (rules.hpp); read by whoever applies them.
        const YAML::Node r = root["rules"];
        c.rules_line = Parser::line(r);
        if (r.IsScalar()) {
            c.rules.push_back(p.scalar(r, "rules"));
        } else if (r.IsSequence() && r.size() > 0) {
            for (const auto& e : r) c.rules.push_back(p.scalar(e, "rules"));
        } else {
            p.fail(r, "'rules' must be a rule pack or a list of them (rules: [national, shanxi.yaml])");
        }
        for (const auto& ref : c.rules) {
            if (ref.empty()) p.fail(r, "'rules' has an empty entry");
        }
    }
    if (root["default_category"]) {
        // The project category of footprints that give none (rules.hpp; --category, --category-field).
        const YAML::Node d = root["default_category"];
        c.default_category = p.scalar(d, "default_category");
        c.default_category_line = Parser::line(d);
        if (!find_category(c.default_category)) {
            p.fail(d, "default_category: unknown project category '" + c.default_category + "' (" +
                          category_vocabulary() + ")");
        }
    }
    const YAML::Node layers = root["layers"];
    if (!layers) throw CatalogError(fname, 1, "the catalog has no 'layers'");
    if (!layers.IsSequence() || layers.size() == 0) p.fail(layers, "'layers' must be a non-empty list");
    const std::filesystem::path base = file.has_parent_path() ? file.parent_path() : ".";
    std::set<std::string> ids;
    std::optional<size_t> coverage;  // index of the layer marked coverage: true
    for (const auto& n : layers) {
        LayerSpec s = p.layer(n, base);
        if (!ids.insert(s.id).second) {
            throw CatalogError(fname, s.line_of("id"), "duplicate layer id '" + s.id + "'");
        }
        if (s.coverage && coverage) {
            const LayerSpec& first = c.layers[*coverage];
            throw CatalogError(fname, s.line_of("coverage"),
                               "layer '" + s.id + "': coverage: true is already given to layer '" + first.id +
                                   "' (line " + std::to_string(first.line_of("coverage")) +
                                   "): one layer gives the catalog's coverage");
        }
        if (s.coverage) coverage = c.layers.size();
        c.layers.push_back(std::move(s));
    }
    return c;
}

Catalog Catalog::load(const std::filesystem::path& file) {
    namespace fs = std::filesystem;
    const std::string name = file.string();
    std::error_code ec;
    const fs::file_status st = fs::status(file, ec);
    if (ec || !fs::exists(st)) throw InputError(name + ": cannot open the catalog file (missing or unreadable)");
    if (fs::is_directory(st)) {
        throw InputError(name + ": is a folder, not a catalog file (give the catalog's .yaml file in it)");
    }
    // A FIFO would block, a device (/dev/zero) never ends.
    if (!fs::is_regular_file(st)) {
        throw InputError(name + ": is not a regular file (a device, pipe or socket): give the catalog's .yaml file");
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError(name + ": cannot open the catalog file (missing or unreadable)");
    // Read in pieces, at most one byte past the cap: the size may change between stat and read.
    std::string text;
    char piece[65536];
    while (text.size() <= kMaxCatalogBytes && in.read(piece, sizeof piece).gcount() > 0) {
        text.append(piece, static_cast<size_t>(in.gcount()));
    }
    if (in.bad()) throw InputError(name + ": cannot read the catalog file");
    if (text.size() > kMaxCatalogBytes) {
        throw InputError(name + ": is larger than " + std::to_string(kMaxCatalogBytes >> 20) +
                         " MiB: a catalog file lists layers (their data lives in the source files); "
                         "is this the catalog?");
    }
    return parse(text, file);
}

}  // namespace zoning
