// zoning check: is the catalog's data sound, and do the three control lines overlap.
#include "cli.hpp"

#include <zoning/catalog.hpp>
#include <zoning/check.hpp>
#include <zoning/database_output.hpp>

#include <ostream>
#include <sstream>

namespace zoning::cli {

namespace {

class CheckCommand final : public Command {
public:
    void setup(CLI::App& app) override {
        app.footer(
            "Reads every layer raw and reports: invalid geometry (GEOS's reason and location), empty\n"
            "geometry, repaired counts; overlapping features of one layer; gaps and overlaps in the\n"
            "partitions (kinds admin and control_unit); features outside the district; duplicate ids and\n"
            "codes; sources without CRS; text that does not decode cleanly; and every overlap piece\n"
            "between the red line, permanent farmland and urban boundary (三条控制线), with both\n"
            "features, area and centroid. JSON is zoning.check/1 (docs/check.md).\n\n"
            "Examples:\n"
            "  zoning check --catalog shapefiles/yunzhou/catalog.yaml\n"
            "  zoning check -c catalog.yaml -f json -o findings.gpkg --fail-on error");
        catalog_.add_to(app, CatalogArgs::Cache::none);
        app.add_option("--total", opts_.total, "Layer whose union is the district (default: the first admin layer)");
        app.add_option("--min-area", opts_.min_area_m2,
                       "Overlaps, gaps and outside parts smaller than this (m²) are touches, not findings")
            ->check(at_least(0))->default_val(1e-6);
        format_.add_to(app, {"text", "json"});
        output_.add_to(app, "Also write the findings and conflicts as geometries (.gpkg), or \"PG:…\" with "
                            "--output-table (PostGIS)");
        database_.add_to(app);
        app.add_option("--fail-on", fail_on_, "Exit 1 when findings of this severity exist")
            ->check(one_of({std::string(to_string(Severity::error))}));
    }

    int run(std::ostream& out, std::ostream& err) override {
        const bool to_database = database_.wanted(output_.path);
        const Catalog catalog = catalog_.load();
        const CheckReport report = run_check(catalog, opts_);
        std::ostringstream text;  // rendered whole before anything is written
        if (format_.value == "json") write_check_json(text, report);
        else write_check_text(text, report);
        if (to_database) {
            print_written(err, write_check_to_database(database_.target(output_.path, catalog), report));
        } else if (!output_.path.empty()) {
            std::vector<std::filesystem::path> inputs{catalog_.file};
            for (const auto& l : catalog.layers) inputs.push_back(l.source);
            write_check_geometries(output_.path, report, inputs);
        }
        out << text.str();
        if (!fail_on_.empty() && report.errors() > 0) return kExitVerdict;
        return kExitOk;
    }

private:
    CatalogArgs catalog_;
    CheckOptions opts_;
    FormatArg format_;
    OutputArgs output_;
    DatabaseOutputArgs database_;
    std::string fail_on_;
};

const bool registered = register_command(
    {"check", "Check a catalog's data and the overlaps of the three control lines.", 35,
     [] { return std::unique_ptr<Command>(std::make_unique<CheckCommand>()); }});

}  // namespace

}  // namespace zoning::cli
