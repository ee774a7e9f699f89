// zoning stats: how much of the district, and of each unit, lies in each zoning layer.
#include "cli.hpp"
#include "cli_messages.hpp"

#include <zoning/catalog.hpp>
#include <zoning/database_output.hpp>
#include <zoning/error.hpp>
#include <zoning/layer.hpp>
#include <zoning/stats.hpp>

#include <ostream>
#include <sstream>

namespace zoning::cli {

namespace {

class StatsCommand final : public Command {
public:
    void setup(CLI::App& app) override {
        app.footer(
            "The district is the union of the first admin layer (or --total). For every layer: feature\n"
            "count, union area inside the district (overlapping features count once; planar in the\n"
            "working CRS and ellipsoidal), its share of the district and the part outside it; with --by\n"
            "the breakdown per feature of that layer (e.g. per township). Overlaps between the red line,\n"
            "permanent farmland and urban boundary layers (and the pairs named with --overlap).\n"
            "Text shows m², 公顷, 亩 and km² (from the ellipsoidal area) and percentages; JSON is\n"
            "zoning.stats/1 (docs/stats.md); CSV is UTF-8 with a BOM. Admin layers that cover the whole\n"
            "district (100 %) are left out of the text unless named with --layers.\n"
            "--wide (with --by) gives one table unit × layer: 公顷 and share of the unit, a column per\n"
            "class of layers with a class_field and per control-line overlap, and the district's total.\n\n"
            "Examples:\n"
            "  zoning stats --catalog shapefiles/yunzhou/catalog.yaml --by townships\n"
            "  zoning stats -c shapefiles/yunzhou/catalog.yaml --by townships --wide -f csv > townships.csv\n"
            "  zoning stats -c catalog.yaml --layers redline,farmland --overlap farmland,water -f json");
        catalog_.add_to(app);
        app.add_option("--total", opts_.total, "Layer whose union is the district (default: the first admin layer)");
        app.add_option("--by", opts_.by, "Break every layer down by the features of this layer (e.g. townships)");
        app.add_flag("--wide", opts_.wide,
                     "With --by: one table unit × layer (classes and control-line overlaps as columns)");
        layers_.add_to(app, "Report only these layer ids");
        app.add_option("--overlap", overlap_, "Also measure union(A) ∩ union(B) for this pair A,B (repeatable)")
            ->take_all()->allow_extra_args(false);
        ellipsoidal_.add_to(app);
        format_.add_to(app, {"text", "json", "csv"});
        threads_.add_to(app);
        output_.add_to(app, "Also write the rows (as the CSV report's) into PostGIS: \"PG:…\" with --output-table");
        database_.add_to(app);
    }

    int run(std::ostream& out, std::ostream& err) override {
        for (const auto& p : overlap_) {
            const auto comma = p.find(',');
            if (comma == std::string::npos || comma == 0 || comma + 1 == p.size() ||
                p.find(',', comma + 1) != std::string::npos) {
                throw InputError("--overlap '" + p + "': give two layer ids as A,B");
            }
            opts_.overlaps.emplace_back(p.substr(0, comma), p.substr(comma + 1));
        }
        if (const bool to_database = database_.wanted(output_.path); !output_.path.empty() && !to_database) {
            throw InputError("-o " + output_.path + ": stats writes its rows to a database only: -o \"PG:…\" --output-table NAME "
                             "(for a file use -f csv > FILE)");
        }
        opts_.layers = layers_.ids;
        opts_.ellipsoidal = ellipsoidal_.value();
        opts_.threads = threads_.value;
        const Catalog catalog = catalog_.load();
        auto loaded = catalog_.load(catalog, err);
        const StatsReport report = compute_stats(*loaded, opts_);
        std::ostringstream text;  // rendered whole before anything is written
        if (format_.value == "json") write_stats_json(text, report);
        else if (format_.value == "csv" && report.wide) write_stats_wide_csv(text, report);
        else if (format_.value == "csv") write_stats_csv(text, report);
        else if (report.wide) write_stats_wide_text(text, with_translated_warnings(report));
        else write_stats_text(text, with_translated_warnings(report));
        if (!output_.path.empty()) {
            print_written(err, write_stats_to_database(database_.target(output_.path, catalog), report));
        }
        out << text.str();
        if (format_.value == "csv") print_warnings(err, report.warnings);
        return kExitOk;
    }

private:
    CatalogArgs catalog_;
    StatsOptions opts_;
    LayersArg layers_;
    std::vector<std::string> overlap_;
    EllipsoidalArg ellipsoidal_;
    FormatArg format_;
    ThreadsArg threads_;
    OutputArgs output_;
    DatabaseOutputArgs database_;
};

const bool registered = register_command(
    {"stats", "Area statistics of a district: each layer's area and share, per unit, and overlaps.", 30,
     [] { return std::unique_ptr<Command>(std::make_unique<StatsCommand>()); }});

}  // namespace

}  // namespace zoning::cli
