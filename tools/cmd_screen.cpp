// zoning screen: overlay project footprints on a zoning catalog and report conflicts.
#include "cli.hpp"
#include "cli_messages.hpp"

#include <zoning/catalog.hpp>
#include <zoning/database_output.hpp>
#include <zoning/error.hpp>
#include <zoning/footprint.hpp>
#include <zoning/layer.hpp>
#include <zoning/messages.hpp>
#include <zoning/report.hpp>
#include <zoning/screen.hpp>

#include <algorithm>
#include <chrono>
#include <optional>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>

namespace zoning::cli {

namespace {

class ScreenCommand final : public Command {
public:
    void setup(CLI::App& app) override {
        app.footer(
            "Screen project footprints against the layers of a zoning catalog.\n"
            "Each feature of FOOTPRINTS is one footprint: polygons are measured by area, lines by\n"
            "length (and corridor area with --width/--width-field), points by containment (and\n"
            "disc area with --radius). Conflict areas are planar (working CRS) and ellipsoidal.\n\n"
            "Example:\n"
            "  zoning screen --catalog shapefiles/yunzhou/catalog.yaml site.geojson --format json\n"
            "  zoning screen --catalog c.yaml roads.shp --width-field KD -o conflicts.gpkg --fail-on restricted");
        catalog_.add_to(app);
        footprints_.add_to(app);
        layers_.add_to(app, "Screen only these catalog layer ids");
        ellipsoidal_.add_to(app);
        format_.add_to(app, {"text", "json", "csv"});
        lang_.add_to(app);
        output_.add_to(app, "Also write the conflict geometries: .gpkg (styled for QGIS, with footprints and the "
                            "features hit), .shp (+ .qml), .geojson, .kml; or \"PG:…\" with --output-table (PostGIS)");
        database_.add_to(app);
        app.add_option("--csv-features", csv_features_,
                       "Also write FILE.csv: one row per footprint × zoning feature hit (or near), with its "
                       "class and its own areas")
            ->type_name("FILE");
        threads_.add_to(app);
        app.add_flag("--csv-land-use", csv_land_use_,
                     "With --format csv: write the land-use tables (占用地类, one row per footprint x land_use "
                     "layer x class) instead of the conflict rows");
        app.add_flag("--timing", timing_,
                     "Print wall times to stderr: load (catalog), footprints (read), screen, report");
        fail_on_.add_to(app);
    }

    int run(std::ostream& out, std::ostream& err) override {
        using Clock = std::chrono::steady_clock;
        const auto t0 = Clock::now();
        if (csv_land_use_ && format_.value != "csv") throw InputError("--csv-land-use: needs --format csv");
        const bool to_database = database_.wanted(output_.path);
        const Catalog catalog = catalog_.load();
        LoadOptions load_opts = catalog_.load_options(err);
        // Database layers: only the features near the footprints are read (docs/postgis.md).
        load_opts.database_filter = [&](const Crs& working) { return footprints_box(catalog, working); };
        auto loaded = LoadedCatalog::load(catalog, load_opts);
        const auto t1 = Clock::now();
        ScreenOptions opts;
        opts.ellipsoidal = ellipsoidal_.value();
        opts.layers = layers_.ids;
        opts.threads = threads_.value;
        opts.footprint_timeout_s = footprints_.query.timeout_s;
        opts.on_progress = progress_callback();
        std::vector<Warning> fp_warnings;
        const std::vector<Footprint> footprints = footprints_.read(*loaded, fp_warnings);
        const auto t2 = Clock::now();
        ScreenReport report = screen_all(*loaded, footprints, opts);
        const auto t3 = Clock::now();
        report.warnings.insert(report.warnings.end(), fp_warnings.begin(), fp_warnings.end());

        // The whole report is rendered before anything is written: no half reports.
        std::ostringstream text;
        if (format_.value == "json") {
            text << to_json(report, lang_.value()).dump(2) << '\n';
        } else if (format_.value == "csv" && csv_land_use_) {
            write_land_use_csv(text, report);
        } else if (format_.value == "csv") {
            write_csv(text, report);
        } else {
            std::vector<Warning> shown = report.warnings;  // the text report's warnings in its language
            for (auto& w : report.warnings) w = {translate(w.where, lang_.value()), translate(w.what, lang_.value())};
            write_text(text, report, lang_.value());
            report.warnings = std::move(shown);
        }
        std::vector<std::filesystem::path> inputs{catalog_.file};
        for (const auto& l : catalog.layers) inputs.push_back(l.source);
        for (const auto& s : footprints_.query.sources) inputs.emplace_back(s);
        if (!csv_features_.empty()) write_features_csv(report, inputs);
        if (to_database) {
            print_written(err, write_screen_to_database(database_.target(output_.path, catalog), report,
                                                        loaded->working_crs()));
        } else if (!output_.path.empty()) {
            const auto written = write_conflicts(output_.path, report, *report.context, loaded->working_crs(), inputs, loaded.get());
            if (written.size() > 1) {
                std::string names;
                for (const auto& w : written) names += (names.empty() ? "" : ", ") + w.string();
                err << label(Say::note) << ": "
                    << tr("the conflicts mix geometry types and a shapefile holds one: wrote " + names) << '\n';
            }
        }
        out << text.str();
        if (timing_) {
            auto ms = [](Clock::time_point a, Clock::time_point b) {
                return std::chrono::duration<double, std::milli>(b - a).count();
            };
            const auto t4 = Clock::now();
            char line[256];
            std::snprintf(line, sizeof line,
                          "timing: load %.1f ms (%s), footprints %.1f ms, screen %.1f ms (%zu footprints), "
                          "report %.1f ms, total %.1f ms\n",
                          ms(t0, t1), loaded->cache_file().empty() ? "sources" : "cache", ms(t1, t2), ms(t2, t3),
                          footprints.size(), ms(t3, t4), ms(t0, t4));
            err << line;
            if (!loaded->features_read().empty()) {
                std::string read = "timing: features read:";
                for (size_t i = 0; i < loaded->layers().size(); ++i) {
                    const LayerSpec& l = loaded->layers()[i].spec();
                    read += (i ? ", " : " ") + l.id + " " + std::to_string(loaded->features_read()[i]) +
                            (l.is_database() ? " (database)" : "");
                }
                err << read << '\n';
            }
        }
        if (format_.value != "text") print_warnings(err, report.warnings);
        // With --fail-on, a footprint not screened (verdict unknown) fails at any level: exit 1.
        // Without it, a footprint whose screening stopped at --footprint-timeout is exit 2 (the run
        // did not do all it was asked), after the report; one outside the coverage is not.
        if (!fail_on_.text.empty()) return fail_on_.reached(report.worst()) ? kExitVerdict : kExitOk;
        size_t stopped = 0;
        for (const auto& f : report.footprints) stopped += f.not_screened.empty() ? 0 : 1;
        if (stopped > 0) {
            err << "zoning screen: error: " << stopped << (stopped == 1 ? " footprint was" : " footprints were")
                << " not screened (--footprint-timeout): see the warnings; the others were screened\n";
            return kExitInput;
        }
        return kExitOk;
    }

private:
    /// The box the footprints cover in `working`, grown by their corridor or disc and by the
    /// largest near_m of the catalog: the spatial filter of the database layers. Nothing when
    /// the catalog has no database layer (the footprints are then read once).
    std::optional<Envelope> footprints_box(const Catalog& catalog, const Crs& working) const {
        double near = 0;
        bool database = false;
        for (const auto& l : catalog.layers) {
            database = database || l.is_database();
            near = std::max(near, l.near_m.value_or(0));
        }
        if (!database) return std::nullopt;
        GeosContext ctx;
        std::vector<Warning> ignored;  // said by the real read, after the load
        Envelope box;
        for (const Footprint& f : read_footprints(footprints_.query, working, ctx, ignored)) {
            box.expand(ctx.envelope(f.geom.get()).grown(f.width_m / 2 + f.radius_m));
        }
        return box.grown(near);
    }

    /// --csv-features FILE: written to FILE.tmp and renamed when complete; never over an input.
    void write_features_csv(const ScreenReport& report, const std::vector<std::filesystem::path>& inputs) const {
        namespace fs = std::filesystem;
        const fs::path dest = csv_features_;
        std::error_code ec;
        for (const auto& in : inputs) {
            if (fs::exists(dest, ec) && fs::equivalent(dest, in, ec)) {
                throw InputError("--csv-features " + dest.string() + ": refusing to overwrite an input (" +
                                 in.string() + ")");
            }
        }
        std::ostringstream csv;
        write_csv_features(csv, report);
        const fs::path tmp = fs::path(dest.string() + ".tmp");
        {
            std::ofstream f(tmp, std::ios::binary);
            if (!f) throw InputError("--csv-features " + dest.string() + ": cannot write " + tmp.string());
            f << csv.str();
            f.close();
            if (!f) throw InputError("--csv-features " + dest.string() + ": write failed");
        }
        fs::rename(tmp, dest, ec);
        if (ec) {
            fs::remove(tmp, ec);
            throw InputError("--csv-features " + dest.string() + ": cannot rename " + tmp.string());
        }
    }

    std::string csv_features_;
    CatalogArgs catalog_;
    FootprintArgs footprints_;
    LayersArg layers_;
    EllipsoidalArg ellipsoidal_;
    FormatArg format_;
    LangArg lang_;
    OutputArgs output_;
    DatabaseOutputArgs database_;
    ThreadsArg threads_;
    bool csv_land_use_ = false;
    FailOnArg fail_on_;
    bool timing_ = false;
};

const bool registered = register_command(
    {"screen", "Screen project footprints against a zoning catalog.", 10, [] { return std::unique_ptr<Command>(std::make_unique<ScreenCommand>()); }});

}  // namespace

}  // namespace zoning::cli
