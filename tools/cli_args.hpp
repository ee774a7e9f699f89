#pragma once
// The options that several commands share, each declared once: a command calls add_to() on its
// CLI11 subcommand, so the name, help, choices, range and message of an option are the same in
// every command that has it. Choices come from the library enums' own to_string; ranges are
// checked by one validator with a plain message ("--radius: must be ≥ 0, got -5").
#include <CLI/CLI.hpp>

#include <zoning/area.hpp>
#include <zoning/catalog.hpp>
#include <zoning/database_output.hpp>
#include <zoning/footprint.hpp>
#include <zoning/layer.hpp>
#include <zoning/report.hpp>
#include <zoning/verdict.hpp>

#include <array>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace zoning::cli {

// ---- validators -------------------------------------------------------------------------------

/// A number ≥ min ("must be ≥ 0, got -5").
CLI::Validator at_least(double min);
/// A number in [min, max] ("must be between 36 and 1200, got 20").
CLI::Validator between(double min, double max);
/// A whole number ≥ min (thread counts).
CLI::Validator whole_at_least(long long min);
/// One of `names` ("must be one of text, json, csv, got 'xml'"); help shows {a,b,c}.
CLI::Validator one_of(std::vector<std::string> names);
/// An encoding the library can decode (zoning::is_known_encoding), naming the common ones.
CLI::Validator known_encoding();

/// The names of a library enum's values, from its to_string.
template <class E, size_t N>
std::vector<std::string> names_of(const std::array<E, N>& values) {
    std::vector<std::string> out;
    for (const E v : values) out.emplace_back(to_string(v));
    return out;
}

// ---- the catalog -----------------------------------------------------------------------------

/// --catalog/-c FILE, and for the commands that load it --no-cache and --cache-dir.
struct CatalogArgs {
    enum class Cache {
        none,   ///< the command reads the sources raw (check)
        dir,    ///< only --cache-dir (index writes the cache)
        flags,  ///< --no-cache and --cache-dir (every command that loads the catalog)
    };
    std::string file;
    bool no_cache = false;
    std::string cache_dir;

    void add_to(CLI::App& app, Cache cache = Cache::flags);
    [[nodiscard]] Catalog load() const;
    /// Load options that say on `err`, in one line, when the cache is absent or stale.
    [[nodiscard]] LoadOptions load_options(std::ostream& err) const;
    /// LoadedCatalog::load with the cache flags.
    [[nodiscard]] std::unique_ptr<LoadedCatalog> load(const Catalog& catalog, std::ostream& err) const;
};

// ---- footprint input -------------------------------------------------------------------------

/// The options of every footprint reader (screen, map, convert): --s-srs, --encoding,
/// --fix-axes, --from-gcj02. Each is a flag that the library's messages suggest.
struct InputArgRefs {
    std::string& s_srs;
    std::string& encoding;
    bool& fix_axes;
    bool& from_gcj02;
};
void add_input_args(CLI::App& app, const InputArgRefs& refs);

/// The footprints of screen and map: FOOTPRINTS..., --layer, --where, --id-field, --name-field,
/// the input options above, --allow-outside, --width, --width-field, --radius.
/// The project category options (docs/rules.md), with the footprints: --category CODE (every
/// footprint, or those whose --category-field is empty) and --category-field FIELD.
struct FootprintArgs {
    FootprintQuery query;
    std::string category;  ///< --category as given (a code or the Chinese name)
    void add_to(CLI::App& app);
    /// read_footprints against the catalog (its working CRS and the extent check).
    [[nodiscard]] std::vector<Footprint> read(const LoadedCatalog& catalog, std::vector<Warning>& warnings) const;
};

// ---- the rest --------------------------------------------------------------------------------

/// --output/-o FILE.
struct OutputArgs {
    std::string path;
    void add_to(CLI::App& app, const std::string& help, bool required = false);
};

/// -o "PG:…" (or a postgresql:// URL) with --output-table NAME and --append: results into PostGIS
/// (docs/postgis.md). screen, check and stats.
struct DatabaseOutputArgs {
    std::string table;
    bool append = false;
    void add_to(CLI::App& app);
    /// Whether `output` (-o) names a database; throws InputError (exit 2) when it does without
    /// --output-table, or when --output-table/--append come without a database -o.
    [[nodiscard]] bool wanted(const std::string& output) const;
    /// The target, with the catalog's database tables as inputs never to write.
    [[nodiscard]] DatabaseOutput target(const std::string& output, const Catalog& catalog) const;
};
/// "note: wrote schema.NAME (N rows), schema.NAME_parts (M rows), run RUN_ID" on `err`.
void print_written(std::ostream& err, const DatabaseWritten& w);

/// --format/-f with the formats a command writes (the first is the default).
struct FormatArg {
    std::string value;
    void add_to(CLI::App& app, const std::vector<std::string>& formats, const std::string& help = "Report format");
};

/// --threads/-j N (0: one per core); no report depends on it.
struct ThreadsArg {
    unsigned value = 0;
    void add_to(CLI::App& app);
};

/// --ellipsoidal geodesic|survey.
struct EllipsoidalArg {
    std::string text{to_string(kEllipsoidalMethods.front())};
    void add_to(CLI::App& app);
    [[nodiscard]] EllipsoidalMethod value() const { return parse_ellipsoidal_method(text); }
};

/// --lang zh|en, the labels of a text report.
struct LangArg {
    std::string text{to_string(kLangs.front())};
    void add_to(CLI::App& app);
    [[nodiscard]] Lang value() const { return parse_lang(text); }
};

/// --fail-on VERDICT: exit 1 when a verdict is at or above it.
struct FailOnArg {
    std::string text;
    void add_to(CLI::App& app);
    /// Whether `worst` reaches the level given (never without --fail-on).
    [[nodiscard]] bool reached(Verdict worst) const { return !text.empty() && worst >= parse_verdict(text); }
};

/// --layers a,b: only these catalog layers.
struct LayersArg {
    std::vector<std::string> ids;
    void add_to(CLI::App& app, const std::string& help);
};

/// Prints each warning as "warning: WHERE: WHAT" on `err`.
void print_warnings(std::ostream& err, const std::vector<Warning>& warnings);

}  // namespace zoning::cli
