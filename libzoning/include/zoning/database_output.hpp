#pragma once
// Results into PostGIS (docs/postgis.md): `-o "PG:…" --output-table NAME [--append]` of screen,
// check and stats. Every table of a run is written in one transaction: all or nothing.
#include <zoning/check.hpp>
#include <zoning/crs.hpp>
#include <zoning/report.hpp>
#include <zoning/stats.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace zoning {

/// Where the results go.
struct DatabaseOutput {
    std::string connection;  ///< -o: "PG:<libpq conninfo>" or a postgresql:// URL
    std::string table;       ///< --output-table: [schema.]name, lower case ([a-z_][a-z0-9_]*)
    bool append = false;     ///< --append: add a run to the tables (created when missing)
    /// Tables the run reads (schema.table of the catalog's database layers): never written.
    std::vector<std::string> inputs;
};

/// What a write did: the tables (schema.name, the main one first), the run id and rows per table.
struct DatabaseWritten {
    std::vector<std::string> tables;
    std::vector<long long> rows;
    std::string run_id;
};

/// screen: NAME (one row per footprint, geometry) and NAME_parts (one row per footprint × layer ×
/// feature hit or near, the conflict part's geometry), geometry in the working CRS with its
/// SRID, a GiST index, the Chinese field titles as column comments. Throws InputError (exit 2)
/// naming the connection (password redacted) and the table; nothing is written then.
DatabaseWritten write_screen_to_database(const DatabaseOutput& target, const ScreenReport& r, const Crs& crs);

/// check: NAME (the findings, points or polygons or none) and NAME_parts (the control-line
/// conflict pieces), as the GeoPackage's `findings` and `control_line_conflicts`.
DatabaseWritten write_check_to_database(const DatabaseOutput& target, const CheckReport& r);

/// stats: NAME, one row per layer (and per unit with --by, per overlap), no geometry: the rows
/// of the CSV report.
DatabaseWritten write_stats_to_database(const DatabaseOutput& target, const StatsReport& r);

}  // namespace zoning
