// The shared options (cli_args.hpp).
#include "cli_args.hpp"

#include "cli_messages.hpp"

#include <zoning/error.hpp>
#include <zoning/formats.hpp>
#include <zoning/rules.hpp>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ostream>

namespace zoning::cli {

namespace {

/// "-5", "0.5", "1200": the shortest form that reads back.
std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

/// Parses the whole of `s` as a finite number.
bool parse_number(const std::string& s, double& v) {
    if (s.empty()) return false;
    char* end = nullptr;
    errno = 0;
    v = std::strtod(s.c_str(), &end);
    return errno == 0 && end == s.c_str() + s.size() && std::isfinite(v);
}

std::string join(const std::vector<std::string>& names, const char* sep) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : sep) + n;
    return out;
}

}  // namespace

CLI::Validator at_least(double min) {
    return CLI::Validator(
        [min](std::string& s) -> std::string {
            double v = 0;
            if (!parse_number(s, v)) return "must be a number ≥ " + number(min) + ", got '" + s + "'";
            if (v < min) return "must be ≥ " + number(min) + ", got " + s;
            return {};
        },
        ">=" + number(min));
}

CLI::Validator between(double min, double max) {
    return CLI::Validator(
        [min, max](std::string& s) -> std::string {
            double v = 0;
            const std::string range = "between " + number(min) + " and " + number(max);
            if (!parse_number(s, v)) return "must be a number " + range + ", got '" + s + "'";
            if (v < min || v > max) return "must be " + range + ", got " + s;
            return {};
        },
        number(min) + ".." + number(max));
}

CLI::Validator whole_at_least(long long min) {
    return CLI::Validator(
        [min](std::string& s) -> std::string {
            double v = 0;
            const std::string what = "must be a whole number ≥ " + std::to_string(min);
            if (!parse_number(s, v) || v != std::floor(v)) return what + ", got '" + s + "'";
            if (v < static_cast<double>(min)) return what + ", got " + s;
            return {};
        },
        ">=" + std::to_string(min));
}

CLI::Validator one_of(std::vector<std::string> names) {
    const std::string desc = "{" + join(names, ",") + "}";
    return CLI::Validator(
        [names = std::move(names)](std::string& s) -> std::string {
            for (const auto& n : names) {
                if (s == n) return {};
            }
            return "must be one of " + join(names, ", ") + ", got '" + s + "'";
        },
        desc);
}

CLI::Validator known_encoding() {
    return CLI::Validator(
        [](std::string& s) -> std::string {
            if (is_known_encoding(s)) return {};
            return "unknown text encoding '" + s + "': use one of " + std::string(kCommonEncodings) +
                   " (or another name iconv knows, see iconv -l)";
        },
        "");
}

// ---- the catalog -----------------------------------------------------------------------------

void CatalogArgs::add_to(CLI::App& app, Cache cache) {
    app.add_option("--catalog,-c", file, "Catalog file (YAML or JSON)")->required();
    if (cache == Cache::flags) {
        app.add_flag("--no-cache", no_cache,
                     "Read the catalog's sources even when its prepared cache (zoning index) is fresh");
    }
    if (cache != Cache::none) {
        app.add_option("--cache-dir", cache_dir,
                       "Folder of the prepared catalog cache (default: $ZONING_CACHE_DIR, or beside the catalog)");
    }
}

Catalog CatalogArgs::load() const { return Catalog::load(file); }

LoadOptions CatalogArgs::load_options(std::ostream& err) const {
    LoadOptions o;
    o.use_cache = !no_cache;
    o.cache_dir = cache_dir;
    o.on_cache_note = [&err](const std::string& note) {
        if (ProgressLine* p = current_progress()) p->clear();
        err << "zoning: " << tr(note) << '\n';
    };
    o.on_progress = progress_callback();
    return o;
}

std::unique_ptr<LoadedCatalog> CatalogArgs::load(const Catalog& catalog, std::ostream& err) const {
    return LoadedCatalog::load(catalog, load_options(err));
}

// ---- footprint input -------------------------------------------------------------------------

void add_input_args(CLI::App& app, const InputArgRefs& refs) {
    app.add_option("--s-srs", refs.s_srs,
                   "CRS of the footprints, overriding or supplying theirs (needed for DXF): an EPSG code "
                   "(EPSG:4547), a WKT or a PROJ string");
    app.add_option("--encoding", refs.encoding,
                   "Text encoding of shapefiles without .cpg (GBK, UTF-8, ...; default: detected from the bytes)")
        ->check(known_encoding());
    app.add_flag("--fix-axes", refs.fix_axes,
                 "Correct swapped X/Y, lat/lon order and zone prefixes that disagree with the CRS (default: stop)");
    app.add_flag("--from-gcj02", refs.from_gcj02,
                 "Lon/lat footprints are GCJ-02 (奥维 9.3+ KML, web maps): remove the offset");
}

void FootprintArgs::add_to(CLI::App& app) {
    app.add_option("footprints", query.sources,
                   "Footprint sources: any GDAL vector format, the coordinate TXT (界址点), DXF (with --s-srs), KML")
        ->required();
    app.add_option("--layer", query.layer, "Layer to read inside each footprint source (default: all)");
    app.add_option("--where", query.where, "OGR SQL attribute filter on the footprints");
    app.add_option("--id-field", query.id_field, "Field holding the footprint id (default: feature id)");
    app.add_option("--name-field", query.name_field, "Field holding the footprint (project) name");
    add_input_args(app, {query.s_srs, query.encoding, query.fix_axes, query.from_gcj02});
    app.add_flag("--allow-outside", query.allow_outside,
                 "Take footprints lying more than 50 km outside the catalog's extent (default: stop)");
    app.add_option("--width", query.width_m, "Full corridor width of line footprints, metres (width/2 each side)")
        ->check(at_least(0));
    app.add_option("--width-field", query.width_field, "Field holding each line's full width in metres");
    app.add_option("--radius", query.radius_m, "Disc radius around point footprints, metres")->check(at_least(0));
    app.add_option("--category", category,
                   "Project category of every footprint (a code or its Chinese name, see `zoning rules`): the rule "
                   "packs decide the verdicts (default: the catalog's default_category, else the layers' verdicts)")
        ->type_name("CODE");
    app.add_option("--category-field", query.category_field,
                   "Field holding each footprint's project category (a code or its Chinese name); an empty value "
                   "takes --category or the catalog's default_category")
        ->type_name("FIELD");
    app.add_option("--max-vertices", query.max_vertices, "Stop on a footprint with more vertices (0: no limit)")
        ->check(whole_at_least(0))
        ->capture_default_str();
    app.add_option("--footprint-timeout", query.timeout_s,
                   "Stop when repairing or screening one footprint takes longer, seconds (0: no limit)")
        ->check(at_least(0))
        ->capture_default_str();
}

std::vector<Footprint> FootprintArgs::read(const LoadedCatalog& catalog, std::vector<Warning>& warnings) const {
    FootprintQuery q = query;
    if (!category.empty()) {
        try {
            q.category = parse_category(category);
        } catch (const InputError& e) {
            throw InputError(std::string("--category: ") + e.what());
        }
    }
    return read_footprints(q, catalog, warnings);
}

// ---- the rest --------------------------------------------------------------------------------

void OutputArgs::add_to(CLI::App& app, const std::string& help, bool required) {
    CLI::Option* o = app.add_option("--output,-o", path, help);
    if (required) o->required();
}

void DatabaseOutputArgs::add_to(CLI::App& app) {
    app.add_option("--output-table", table,
                   "With -o \"PG:…\": the table to write, [schema.]NAME (and NAME_parts); replaced in one transaction")
        ->type_name("NAME");
    app.add_flag("--append", append,
                 "With -o \"PG:…\": add this run's rows (run_id, run_at) to the tables instead of replacing them");
}

bool DatabaseOutputArgs::wanted(const std::string& output) const {
    const bool database = is_database_source(output);
    if (database && table.empty()) {
        throw InputError("-o " + redact_connection(output) +
                         ": a database output needs --output-table NAME (the table to write, schema.name allowed)");
    }
    if (!database && !table.empty()) {
        throw InputError("--output-table " + table + ": needs -o \"PG:…\" (a PostgreSQL connection)");
    }
    if (!database && append) throw InputError("--append: needs -o \"PG:…\" and --output-table NAME");
    return database;
}

DatabaseOutput DatabaseOutputArgs::target(const std::string& output, const Catalog& catalog) const {
    DatabaseOutput t{output, table, append, {}};
    for (const auto& l : catalog.layers) {
        if (l.is_database() && !l.layer.empty()) t.inputs.push_back(l.layer);
    }
    return t;
}

void print_written(std::ostream& err, const DatabaseWritten& w) {
    std::string tables;
    for (size_t i = 0; i < w.tables.size(); ++i) {
        tables += (i ? ", " : "") + w.tables[i] + " (" + std::to_string(w.rows[i]) + " rows)";
    }
    err << label(Say::note) << ": " << tr("wrote " + tables + ", run " + w.run_id) << '\n';
}

void FormatArg::add_to(CLI::App& app, const std::vector<std::string>& formats, const std::string& help) {
    value = formats.front();
    app.add_option("--format,-f", value, help)->check(one_of(formats))->default_val(formats.front());
}

void ThreadsArg::add_to(CLI::App& app) {
    app.add_option("--threads,-j", value, "Worker threads (default 0: one per core; the output does not depend on it)")
        ->check(whole_at_least(0));
}

void EllipsoidalArg::add_to(CLI::App& app) {
    app.add_option("--ellipsoidal", text,
                   "Ellipsoidal area: geodesic (GeographicLib, as PostGIS/QGIS) or survey (国土调查 椭球面积)")
        ->check(one_of(names_of(kEllipsoidalMethods)))
        ->default_val(text);
}

void LangArg::add_to(CLI::App& app) {
    app.add_option("--lang", text, "Language of the text report and of the messages: zh or en (default zh)")
        ->check(one_of(names_of(kLangs)))
        ->default_val(text);
}

void FailOnArg::add_to(CLI::App& app) {
    app.add_option("--fail-on", text, "Exit 1 when a footprint's verdict is at or above this level")
        ->check(one_of(names_of(kVerdicts)));
}

void LayersArg::add_to(CLI::App& app, const std::string& help) {
    app.add_option("--layers", ids, help)->delimiter(',');
}

void print_warnings(std::ostream& err, const std::vector<Warning>& warnings) {
    for (const auto& w : warnings) print_warning(err, w.where, w.what);
}

}  // namespace zoning::cli
