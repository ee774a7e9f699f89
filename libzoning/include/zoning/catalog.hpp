#pragma once
// The zoning catalog: which layers a district has, where their data is, and the rule of each.
// Parsed from YAML (JSON is YAML too); see docs/catalog.md.
#include <zoning/style.hpp>
#include <zoning/verdict.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zoning {

enum class LayerKind {
    ecological_redline,
    nature_reserve,
    natural_park,
    water_source,
    permanent_farmland,
    urban_boundary,
    control_unit,
    admin,
    land_use,  ///< 三调 / 变更调查 land-use parcels (地类图斑), class field DLBM (docs/land-use.md)
    other
};
LayerKind parse_layer_kind(std::string_view s);
/// A GDAL database connection: `PG:…`, `postgresql://…` or `postgres://…` (docs/postgis.md).
bool is_database_source(std::string_view source);
/// The connection with the value of any `password=` (and the password of a URL) replaced by
/// `***`, for messages and reports.
std::string redact_connection(std::string_view source);  // throws InputError listing the kinds
std::string_view to_string(LayerKind k);
/// One of the three control lines (三条控制线): ecological redline, permanent farmland, urban
/// development boundary. Their overlaps are conflicts (`zoning check`, `zoning stats`).
bool is_control_line(LayerKind k);
/// A kind whose features partition the district (admin areas, control units, land-use parcels):
/// no overlaps, no gaps, and a union that is a coverage.
bool is_partition(LayerKind k);
/// A kind that describes the land rather than a rule (land_use): screening reports its classes
/// (the 占用地类 table), never a conflict or a verdict.
bool is_descriptive(LayerKind k);

/// Verdict (and optional title) for one value of a layer's class_field.
struct ClassRule {
    Verdict verdict = Verdict::allowed;
    std::string title;
    /// Zone grade code (`classes: {X: {grade: primary}}`, rules.hpp), or empty: recognised from
    /// the class value.
    std::string grade;
};

/// One layer of the catalog as written, with the line of every key for error messages.
struct LayerSpec {
    std::string id;
    std::string title;
    LayerKind kind = LayerKind::other;
    std::filesystem::path source;   ///< resolved against the catalog's folder
    std::string source_text;        ///< as written in the catalog
    std::string layer;              ///< layer inside a multi-layer source, or empty
                                    ///< (schema.table of a database source)
    std::string sql;                ///< read-only query of a database source (`sql:`), or empty
    std::string where;              ///< OGR SQL attribute filter, or empty
    std::string name_field, code_field, class_field;
    Verdict verdict = Verdict::allowed;
    std::map<std::string, ClassRule> classes;
    std::optional<double> near_m;
    std::optional<std::string> crs; ///< CRS to assume when the source has none
    std::optional<StyleOverride> style;  ///< `style:` over the conventional style (style.hpp)
    /// `coverage: true`: this polygon layer's union is the catalog's coverage (else the admin
    /// layer of widest extent; docs/catalog.md). At most one layer of a catalog.
    bool coverage = false;
    /// Where the data comes from, as the catalog records it (the report's cover and data page):
    /// `source_date:` YYYY-MM-DD, YYYY-MM or YYYY, and `version:` free text; empty when not given.
    std::string source_date, version;
    int line = 0;                   ///< line of the layer's entry (1-based)
    std::map<std::string, int> key_lines;  ///< line of each key (1-based)

    /// The source is a database connection (GDAL `PG:…` or a `postgresql://` URL), not a file:
    /// `source` is then the connection as written (docs/postgis.md).
    [[nodiscard]] bool is_database() const;
    /// Line of `key`, or of the layer entry when the key is absent.
    [[nodiscard]] int line_of(const std::string& key) const;
    /// Verdict for a feature of class `cls` (the class rule when it matches, else the layer's).
    [[nodiscard]] Verdict verdict_for(const std::string& cls) const;
    /// The most severe verdict any feature of this layer can get.
    [[nodiscard]] Verdict max_verdict() const;
};

struct Catalog {
    std::string name;
    std::filesystem::path path;          ///< the catalog file
    std::optional<std::string> crs;      ///< working CRS as written, if any
    int crs_line = 0;
    std::vector<LayerSpec> layers;
    /// Rule packs, merged in order (`rules: [national, shanxi.yaml]`, rules.hpp); empty: none.
    std::vector<std::string> rules;
    int rules_line = 0;
    /// `default_category:`, the project category (rules.hpp, a code or its Chinese name) of the
    /// footprints that give none (no --category, an empty --category-field); empty: none.
    std::string default_category;
    int default_category_line = 0;

    /// Reads and validates a catalog file. Throws CatalogError (file:line: reason) or InputError.
    static Catalog load(const std::filesystem::path& file);
    /// Parses catalog text; `file` names it in messages and resolves relative sources.
    static Catalog parse(const std::string& text, const std::filesystem::path& file);
};

}  // namespace zoning
