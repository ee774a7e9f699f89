#include "output/pg_sink.hpp"

#include <zoning/catalog.hpp>
#include <zoning/error.hpp>

#include "io/ogr_source.hpp"

#include <cpl_conv.h>
#include <cpl_error.h>

#include <unistd.h>

#include <algorithm>
#include <regex>
#include <set>
#include <utility>

namespace zoning::output {

namespace {

/// The last GDAL/libpq message on one line (libpq's come with newlines and tabs), without the
/// statement GDAL appends (an INSERT with its geometry: kilobytes).
std::string reason(const char* fallback = "no reason given by the server") {
    const char* m = CPLGetLastErrorMsg();
    std::string s = m != nullptr && *m != '\0' ? std::string(m) : std::string(fallback);
    if (const size_t at = s.find("Command: "); at != std::string::npos && at > 0) s.erase(at);
    return io::one_line(std::move(s));
}

std::string literal(const std::string& v) {
    std::string q = "'";
    for (char c : v) q += c == '\'' ? std::string("''") : std::string(1, c);
    return q + "'";
}

/// schema.name of a checked name: identifiers of [a-z_][a-z0-9_]*, quoted all the same.
std::string qualified(const std::string& schema, const std::string& name) {
    return "\"" + schema + "\".\"" + name + "\"";
}

/// The column type GDAL's driver gives a field (PRECISION=NO), as information_schema names it.
std::string column_type(OGRFieldType t) {
    switch (t) {
    case OFTInteger: return "integer";
    case OFTInteger64: return "bigint";
    case OFTReal: return "double precision";
    case OFTDateTime: return "timestamp with time zone";
    default: return "character varying";
    }
}

/// The run columns every table has: which run wrote the row, and when (the transaction's time).
const std::vector<FieldSpec>& run_fields() {
    static const std::vector<FieldSpec> f{{"run_id", OFTString, 0, 0, "运行编号"},
                                          {"run_at", OFTDateTime, 0, 0, "运行时间"}};
    return f;
}

constexpr size_t kMaxName = 40;  // NAME_parts and the temporary name stay within 63 bytes

}  // namespace

// ---- PgTable -----------------------------------------------------------------------------------

OGRFeatureUniquePtr PgTable::feature() const {
    OGRFeatureUniquePtr f(OGRFeature::CreateFeature(layer_->GetLayerDefn()));
    if (!f) throw InternalError(sink_.where(final_) + "cannot make a feature");
    f->SetField("run_id", sink_.run_id().c_str());
    f->SetField("run_at", sink_.run_at().c_str());
    return f;
}

void PgTable::write(OGRFeature& feature) {
    CPLErrorReset();
    if (layer_->CreateFeature(&feature) != OGRERR_NONE) {
        throw InputError(sink_.where(final_) + "cannot write row " + std::to_string(rows_ + 1) +
                         ", nothing was written: " + reason());
    }
    ++rows_;
}

// ---- PgSink ------------------------------------------------------------------------------------

PgSink::PgSink(const DatabaseOutput& target) : target_(target), shown_(redact_connection(target.connection)) {
    static const std::regex table_name("(?:([a-z_][a-z0-9_]*)\\.)?([a-z_][a-z0-9_]*)");
    std::smatch m;
    if (target_.table.empty()) {
        throw InputError(shown_ + ": a database output needs --output-table NAME (the table to write, schema.name allowed)");
    }
    if (!std::regex_match(target_.table, m, table_name) || m[2].length() > static_cast<long>(kMaxName)) {
        throw InputError("--output-table '" + target_.table + "': give [schema.]name in lower case letters, digits "
                         "and _ (not starting with a digit), the name at most " + std::to_string(kMaxName) +
                         " characters");
    }
    name_ = m[2];
    schema_ = m[1];
    GDALAllRegister();
    const std::string& c = target_.connection;
    const std::string gdal_name = c.starts_with("PG:") || c.starts_with("pg:") ? "PG:" + c.substr(3) : "PG:" + c;
    const char* drivers[] = {"PostgreSQL", nullptr};
    CPLErrorReset();
    {
        CPLErrorHandlerPusher quiet(CPLQuietErrorHandler);
        ds_.reset(GDALDataset::Open(gdal_name.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, drivers, nullptr, nullptr));
    }
    if (!ds_) throw InputError(shown_ + ": cannot connect: " + reason("the PostgreSQL driver cannot open it"));
    if (schema_.empty()) {
        const auto rows = query("SELECT current_schema()", "read the current schema");
        if (rows.empty() || rows[0].empty() || rows[0][0].empty()) {
            throw InputError(where() + "no current schema (search_path is empty): give --output-table schema.name");
        }
        schema_ = rows[0][0];
    } else if (query("SELECT 1 FROM pg_namespace WHERE nspname = " + literal(schema_), "read the schemas").empty()) {
        throw InputError(where() + "schema '" + schema_ + "' does not exist (CREATE SCHEMA " + schema_ + " first)");
    }
    const std::string full = schema_ + "." + name_;
    for (const auto& in : target_.inputs) {
        const std::string in_full = in.find('.') == std::string::npos ? "public." + in : in;
        for (const char* suffix : {"", "_parts"}) {
            if (in_full == full + suffix) {
                throw InputError(where(full + suffix) + "is a table the catalog reads; refusing to write it");
            }
        }
    }
    CPLErrorReset();
    {
        CPLErrorHandlerPusher quiet(CPLQuietErrorHandler);
        if (ds_->StartTransaction(TRUE) != OGRERR_NONE) {
            throw InputError(where() + "cannot start a transaction: " + reason());
        }
    }
    in_transaction_ = true;
    // One run id and time for every row of the run: the server's clock, the transaction's start.
    const auto run = query("SELECT md5(random()::text || clock_timestamp()::text || pg_backend_pid()::text), "
                           "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')",
                           "start the run");
    if (run.empty() || run[0].size() != 2) throw InputError(where() + "cannot start the run: no answer");
    run_id_ = run[0][0].substr(0, 8) + "-" + run[0][0].substr(8, 4) + "-" + run[0][0].substr(12, 4) + "-" +
              run[0][0].substr(16, 4) + "-" + run[0][0].substr(20, 12);
    run_at_ = run[0][1];
}

PgSink::~PgSink() {
    if (!in_transaction_ || !ds_) return;
    CPLErrorHandlerPusher quiet(CPLQuietErrorHandler);
    ds_->RollbackTransaction();  // a dead connection: the server has rolled back already
    CPLErrorReset();
}

std::string PgSink::where(const std::string& table) const {
    return shown_ + " table " + (table.empty() ? (schema_.empty() ? name_ : schema_ + "." + name_) : table) + ": ";
}

void PgSink::execute(const std::string& sql, const std::string& what) {
    CPLErrorReset();
    CPLErrorHandlerPusher quiet(CPLQuietErrorHandler);
    OGRLayer* res = ds_->ExecuteSQL(sql.c_str(), nullptr, nullptr);
    if (res != nullptr) ds_->ReleaseResultSet(res);
    if (CPLGetLastErrorType() >= CE_Failure) {
        throw InputError(where() + "cannot " + what + (in_transaction_ ? ", nothing was written" : "") + ": " + reason());
    }
}

std::vector<std::vector<std::string>> PgSink::query(const std::string& sql, const std::string& what) {
    CPLErrorReset();
    CPLErrorHandlerPusher quiet(CPLQuietErrorHandler);
    OGRLayer* res = ds_->ExecuteSQL(sql.c_str(), nullptr, nullptr);
    if (CPLGetLastErrorType() >= CE_Failure) {
        if (res != nullptr) ds_->ReleaseResultSet(res);
        throw InputError(where() + "cannot " + what + (in_transaction_ ? ", nothing was written" : "") + ": " + reason());
    }
    std::vector<std::vector<std::string>> rows;
    if (res == nullptr) return rows;
    for (auto& f : *res) {
        std::vector<std::string> row;
        for (int i = 0; i < f->GetFieldCount(); ++i) row.emplace_back(f->IsFieldSetAndNotNull(i) ? f->GetFieldAsString(i) : "");
        rows.push_back(std::move(row));
    }
    ds_->ReleaseResultSet(res);
    return rows;
}

void PgSink::check_columns(const std::string& name, const OGRSpatialReference* srs, const std::vector<FieldSpec>& fields) {
    std::set<std::pair<std::string, std::string>> want{{"fid", "integer"}};
    for (const auto* list : {&fields, &run_fields()}) {
        for (const auto& f : *list) want.emplace(f.name, column_type(f.type));
    }
    if (srs != nullptr) want.emplace("geom", "geometry");
    std::set<std::pair<std::string, std::string>> have;
    for (const auto& row : query("SELECT column_name, CASE WHEN data_type = 'USER-DEFINED' THEN udt_name ELSE data_type END "
                                 "FROM information_schema.columns WHERE table_schema = " + literal(schema_) +
                                     " AND table_name = " + literal(name),
                                 "read the columns of " + schema_ + "." + name)) {
        if (row.size() == 2) have.emplace(row[0], row[1]);
    }
    std::string missing, extra;
    for (const auto& w : want) {
        if (!have.contains(w)) missing += (missing.empty() ? "" : ", ") + w.first + " " + w.second;
    }
    for (const auto& h : have) {
        if (!want.contains(h)) extra += (extra.empty() ? "" : ", ") + h.first + " " + h.second;
    }
    if (!missing.empty() || !extra.empty()) {
        throw InputError(where(schema_ + "." + name) + "--append: the table's columns are not the ones this run writes (" +
                         (missing.empty() ? "" : "missing: " + missing) + (missing.empty() || extra.empty() ? "" : "; ") +
                         (extra.empty() ? "" : "not written: " + extra) +
                         "); write to another --output-table, or replace the table (without --append)");
    }
    if (srs != nullptr) {
        const char* code = srs->GetAuthorityCode(nullptr);
        const auto srid = query("SELECT Find_SRID(" + literal(schema_) + ", " + literal(name) + ", 'geom')",
                                "read the SRID of " + schema_ + "." + name);
        if (code != nullptr && (srid.empty() || srid[0].empty() || srid[0][0] != code)) {
            throw InputError(where(schema_ + "." + name) + "--append: its geometry has SRID " +
                             (srid.empty() || srid[0].empty() ? std::string("?") : srid[0][0]) +
                             ", this run's working CRS is EPSG:" + code +
                             "; write to another --output-table, or replace the table (without --append)");
        }
    }
}

PgTable& PgSink::table(const std::string& suffix, const OGRSpatialReference* srs, const std::vector<FieldSpec>& fields,
                       const std::string& title) {
    const std::string name = name_ + suffix;
    const std::string full = schema_ + "." + name;
    const bool exists = !query("SELECT 1 FROM pg_tables WHERE schemaname = " + literal(schema_) + " AND tablename = " +
                                   literal(name),
                               "read the tables")
                             .empty();
    if (!exists && !query("SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = " +
                              literal(schema_) + " AND c.relname = " + literal(name),
                          "read the tables")
                        .empty()) {
        throw InputError(where(full) + "is a view, sequence or index, not a table: write to another --output-table");
    }
    if (target_.append && exists) {
        check_columns(name, srs, fields);
        CPLErrorReset();
        OGRLayer* layer = nullptr;
        {
            CPLErrorHandlerPusher quiet(CPLQuietErrorHandler);
            layer = ds_->GetLayerByName(full.c_str());
        }
        if (layer == nullptr) throw InputError(where(full) + "cannot open the table: " + reason());
        tables_.push_back(std::make_unique<PgTable>(*this, layer, full, full, false, fields, title));
        return *tables_.back();
    }
    // Replacing: written under a temporary name, swapped in at the commit. Appending to a table
    // that does not exist yet: created under its name.
    const std::string written = target_.append ? name : name + "__zoning_" + std::to_string(::getpid());
    execute("DROP TABLE IF EXISTS " + qualified(schema_, written), "drop the temporary table " + written);
    CPLStringList opts;
    for (const char* o : {"GEOMETRY_NAME=geom", "FID=fid", "SPATIAL_INDEX=NONE", "PRECISION=NO", "LAUNDER=NO",
                          "OVERWRITE=NO", "DIM=2", "GEOM_TYPE=geometry"}) {
        opts.AddString(o);
    }
    opts.SetNameValue("SCHEMA", schema_.c_str());
    CPLErrorReset();
    OGRLayer* layer = nullptr;
    {
        CPLErrorHandlerPusher quiet(CPLQuietErrorHandler);
        layer = ds_->CreateLayer(written.c_str(), const_cast<OGRSpatialReference*>(srs),
                                 srs != nullptr ? wkbUnknown : wkbNone, opts.List());
        if (layer == nullptr) throw InputError(where(full) + "cannot create the table: " + reason());
        for (const auto* list : {&fields, &run_fields()}) {
            for (const auto& fd : *list) {
                OGRFieldDefn def(fd.name, fd.type);
                CPLErrorReset();
                if (layer->CreateField(&def) != OGRERR_NONE) {
                    throw InputError(where(full) + "cannot create column " + fd.name + ": " + reason());
                }
            }
        }
    }
    tables_.push_back(std::make_unique<PgTable>(*this, layer, full, schema_ + "." + written, true, fields, title));
    return *tables_.back();
}

DatabaseWritten PgSink::commit() {
    CPLErrorHandlerPusher quiet(CPLQuietErrorHandler);
    for (auto& t : tables_) {
        CPLErrorReset();
        if (t->layer_->SyncToDisk() != OGRERR_NONE || CPLGetLastErrorType() >= CE_Failure) {
            throw InputError(where(t->final_) + "write failed, nothing was written: " + reason());
        }
    }
    // Every row is in its table: a row refused inside a COPY aborts the transaction (the count
    // fails), and a COMMIT of an aborted transaction would be a silent ROLLBACK.
    for (auto& t : tables_) {
        const std::string q = qualified(schema_, t->written_.substr(schema_.size() + 1));
        const auto n = query("SELECT count(*) FROM " + q + " WHERE run_id = " + literal(run_id_), "count the rows of " + t->final_);
        if (n.empty() || n[0].empty() || n[0][0] != std::to_string(t->rows_)) {
            throw InputError(where(t->final_) + "write failed, nothing was written: " +
                             (n.empty() || n[0].empty() ? std::string("?") : n[0][0]) + " of " + std::to_string(t->rows_) +
                             " rows in the table");
        }
    }
    DatabaseWritten out;
    out.run_id = run_id_;
    for (auto& t : tables_) {
        out.tables.push_back(t->final_);
        out.rows.push_back(t->rows_);
        if (!t->created_) continue;
        const std::string name = t->final_.substr(schema_.size() + 1);
        const std::string written = t->written_.substr(schema_.size() + 1);
        const std::string q = qualified(schema_, written);
        const OGRFeatureDefn* d = t->layer_->GetLayerDefn();
        const bool geom = d->GetGeomFieldCount() > 0;
        // Comments: the table's title and each column's Chinese title (the GPKG/shp aliases).
        execute("COMMENT ON TABLE " + q + " IS " + literal(t->title_), "comment " + t->final_);
        std::vector<std::pair<std::string, std::string>> titles{{"fid", "序号"}};
        for (const std::vector<FieldSpec>* list : {&std::as_const(t->fields_), &run_fields()}) {
            for (const auto& f : *list) titles.emplace_back(f.name, f.alias != nullptr ? f.alias : f.name);
        }
        if (geom) {
            const char* code = t->layer_->GetSpatialRef() != nullptr ? t->layer_->GetSpatialRef()->GetAuthorityCode(nullptr) : nullptr;
            titles.emplace_back("geom", std::string("几何(工作坐标系") + (code != nullptr ? std::string(" EPSG:") + code : "") + ")");
        }
        for (const auto& [column, text] : titles) {
            execute("COMMENT ON COLUMN " + q + ".\"" + column + "\" IS " + literal(text), "comment " + t->final_);
        }
        if (geom) {
            execute("CREATE INDEX \"" + written + "_geom_gist\" ON " + q + " USING GIST (geom)",
                    "create the spatial index of " + t->final_);
        }
        if (written != name) {
            // The swap: the old table goes only now, inside the transaction (readers keep seeing
            // it until the commit). A view over it stops the swap (PostgreSQL refuses the DROP).
            execute("DROP TABLE IF EXISTS " + qualified(schema_, name), "replace " + t->final_);
            execute("ALTER TABLE " + q + " RENAME TO \"" + name + "\"", "rename the new " + t->final_);
            execute("ALTER INDEX IF EXISTS " + qualified(schema_, written + "_pkey") + " RENAME TO \"" + name + "_pkey\"",
                    "rename the key of " + t->final_);
            execute("ALTER SEQUENCE IF EXISTS " + qualified(schema_, written + "_fid_seq") + " RENAME TO \"" + name +
                        "_fid_seq\"",
                    "rename the sequence of " + t->final_);
            if (geom) {
                execute("ALTER INDEX " + qualified(schema_, written + "_geom_gist") + " RENAME TO \"" + name + "_geom_gist\"",
                        "rename the spatial index of " + t->final_);
            }
        }
    }
    CPLErrorReset();
    if (ds_->CommitTransaction() != OGRERR_NONE || CPLGetLastErrorType() >= CE_Failure) {
        in_transaction_ = false;
        throw InputError(where() + "write failed (commit), nothing was written: " + reason());
    }
    in_transaction_ = false;
    return out;
}

}  // namespace zoning::output
