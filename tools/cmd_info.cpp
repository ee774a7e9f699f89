// zoning info: what a catalog holds, layer by layer.
#include "cli.hpp"

#include <zoning/catalog.hpp>
#include <zoning/info.hpp>

#include <ostream>

namespace zoning::cli {

namespace {

class InfoCommand final : public Command {
public:
    void setup(CLI::App& app) override {
        app.footer(
            "List each layer of a catalog: source, CRS found, feature count, repaired count,\n"
            "union area (overlaps counted once; planar in the working CRS and ellipsoidal) and extent.\n\n"
            "Example:\n  zoning info --catalog shapefiles/yunzhou/catalog.yaml");
        catalog_.add_to(app);
        format_.add_to(app, {"text", "json"}, "Output format");
        threads_.add_to(app);
    }

    int run(std::ostream& out, std::ostream& err) override {
        const Catalog catalog = catalog_.load();
        auto loaded = catalog_.load(catalog, err);
        const InfoReport report = catalog_info(catalog, *loaded, threads_.value);
        if (format_.value == "json") write_info_json(out, report);
        else write_info_text(out, report);
        print_warnings(err, report.warnings);
        return kExitOk;
    }

private:
    CatalogArgs catalog_;
    ThreadsArg threads_;
    FormatArg format_;
};

const bool registered = register_command(
    {"info", "List the layers of a zoning catalog.", 20, [] { return std::unique_ptr<Command>(std::make_unique<InfoCommand>()); }});

}  // namespace

}  // namespace zoning::cli
