#pragma once
// Internal: writing result tables into PostGIS through GDAL's PostgreSQL driver, all tables of a
// run in one transaction (docs/postgis.md). A table being replaced is written under a temporary
// name and swapped in (DROP the old, RENAME the new) just before the commit: readers see the old
// table until then, and nothing if anything fails (the server rolls the transaction back, also
// when the connection dies).
#include <zoning/database_output.hpp>

#include "output/ogr_layer_writer.hpp"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <memory>
#include <string>
#include <vector>

namespace zoning::output {

class PgSink;

/// One table being written.
class PgTable {
public:
    PgTable(PgSink& sink, OGRLayer* layer, std::string final_name, std::string written_name, bool created,
            std::vector<FieldSpec> fields, std::string title)
        : sink_(sink), layer_(layer), final_(std::move(final_name)), written_(std::move(written_name)),
          created_(created), fields_(std::move(fields)), title_(std::move(title)) {}
    PgTable(const PgTable&) = delete;
    PgTable& operator=(const PgTable&) = delete;

    /// A new feature with the run's run_id and run_at set.
    [[nodiscard]] OGRFeatureUniquePtr feature() const;
    /// Writes it (throws InputError naming the table and the row).
    void write(OGRFeature& feature);
    [[nodiscard]] long long written() const noexcept { return rows_; }
    [[nodiscard]] const std::string& name() const noexcept { return final_; }

private:
    friend class PgSink;
    PgSink& sink_;
    OGRLayer* layer_;    // owned by the dataset
    std::string final_;  // schema.name
    std::string written_;  // schema.tmp while replacing, else final_
    bool created_;       // made by this run (comments, index), else appended to
    std::vector<FieldSpec> fields_;  // their aliases are the column comments
    std::string title_;              // the table's comment
    long long rows_ = 0;
};

class PgSink {
public:
    /// Connects, checks the table name, starts the transaction. Throws InputError.
    explicit PgSink(const DatabaseOutput& target);
    /// Rolls back what was not committed.
    ~PgSink();
    PgSink(const PgSink&) = delete;
    PgSink& operator=(const PgSink&) = delete;

    /// The table NAME+suffix: created (replacing, or appended to when --append finds it with the
    /// same columns). `srs` null: no geometry column. `title` is the table's comment.
    PgTable& table(const std::string& suffix, const OGRSpatialReference* srs, const std::vector<FieldSpec>& fields,
                   const std::string& title);
    /// Indexes, comments, swaps replaced tables in, commits. Throws InputError.
    DatabaseWritten commit();

    [[nodiscard]] const std::string& run_id() const noexcept { return run_id_; }
    [[nodiscard]] const std::string& run_at() const noexcept { return run_at_; }
    /// "<connection, password redacted> table <schema.name>: " for messages.
    [[nodiscard]] std::string where(const std::string& table = {}) const;

private:
    /// Runs a statement; throws InputError "<where>: <what>: <server's reason>".
    void execute(const std::string& sql, const std::string& what);
    /// Runs a query, every row's values as text.
    std::vector<std::vector<std::string>> query(const std::string& sql, const std::string& what);
    void check_columns(const std::string& name, const OGRSpatialReference* srs, const std::vector<FieldSpec>& fields);

    // GDAL's messages are not printed (they come back in the one-line InputError); first member:
    // pushed before the connection opens, popped after it closes.
    CPLErrorHandlerPusher quiet_{CPLQuietErrorHandler};
    // Rows go by COPY, also into an existing table (--append): ten times faster than INSERTs
    // (docs/postgis.md); errors then show at the end of the COPY, still inside the transaction.
    CPLConfigOptionSetter copy_{"PG_USE_COPY", "YES", false};
    DatabaseOutput target_;
    std::string shown_;          // the connection, password redacted
    std::string schema_, name_;  // of --output-table
    std::string run_id_, run_at_;
    GDALDatasetUniquePtr ds_;
    bool in_transaction_ = false;
    std::vector<std::unique_ptr<PgTable>> tables_;
};

}  // namespace zoning::output
