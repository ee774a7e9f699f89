// zoning index: write the prepared catalog cache that every command then loads instead of the
// sources while they are unchanged.
#include "cli.hpp"
#include "cli_messages.hpp"

#include <zoning/cache.hpp>
#include <zoning/catalog.hpp>

#include <chrono>
#include <cstdio>
#include <ostream>

namespace zoning::cli {

namespace {

class IndexCommand final : public Command {
public:
    void setup(CLI::App& app) override {
        app.footer(
            "Write the prepared cache of a catalog: every layer read, reprojected to the working CRS\n"
            "and repaired, with the repair warnings and the union of each line or point layer, in one\n"
            "file beside the catalog (<catalog>.zcache) or in --cache-dir / $ZONING_CACHE_DIR. screen,\n"
            "stats, info and map use it while the catalog and its sources are unchanged (size, time\n"
            "and content), and read the sources, saying so, when it is stale or absent.\n\n"
            "Example:\n"
            "  zoning index --catalog shapefiles/yunzhou/catalog.yaml\n"
            "  zoning index --catalog shapefiles/yunzhou/catalog.yaml --status");
        catalog_.add_to(app, CatalogArgs::Cache::dir);
        app.add_flag("--no-unions", no_unions_,
                     "Do not compute and store the unions of line and point layers (info and stats then compute\n"
                     "them on use; polygon layers never need theirs)");
        app.add_flag("--status", status_, "Only say whether the cache is fresh (exit 0) or not (exit 1)");
    }

    int run(std::ostream& out, std::ostream& err) override {
        const Catalog catalog = catalog_.load();
        if (status_) {
            const CacheStatus s = cache_status(catalog, catalog_.cache_dir);
            if (s.fresh) {
                out << "fresh: " << s.file.string() << '\n';
                return kExitOk;
            }
            out << s.reason << '\n';
            return kExitVerdict;
        }
        const auto start = std::chrono::steady_clock::now();
        LoadOptions opts;
        opts.cache_dir = catalog_.cache_dir;
        opts.on_warning = [&err](const Warning& w) { print_warning(err, w.where, w.what); };
        opts.on_progress = progress_callback();
        const CacheWriteResult r = write_cache(catalog, opts, !no_unions_);
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        char line[512];
        std::snprintf(line, sizeof line, "wrote %s: %d layers, %lld features, %d warnings, %.1f MB in %.2f s\n",
                      r.file.string().c_str(), r.layers, static_cast<long long>(r.features), r.warnings,
                      static_cast<double>(r.bytes) / 1e6, s);
        out << line;
        return kExitOk;
    }

private:
    CatalogArgs catalog_;
    bool status_ = false;
    bool no_unions_ = false;
};

const bool registered = register_command(
    {"index", "Write the prepared catalog cache (reprojected, repaired, indexed).", 25,
     [] { return std::unique_ptr<Command>(std::make_unique<IndexCommand>()); }});

}  // namespace

}  // namespace zoning::cli
