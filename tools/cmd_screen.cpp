// zoning screen: overlay project footprints on a zoning catalog and report conflicts.
#include "cli.hpp"

#include <zoning/catalog.hpp>
#include <zoning/error.hpp>
#include <zoning/footprint.hpp>
#include <zoning/layer.hpp>
#include <zoning/report.hpp>
#include <zoning/screen.hpp>

#include <chrono>
#include <cstdio>
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
        app.add_option("--catalog,-c", catalog_, "Catalog file (YAML or JSON)")->required();
        cache_.add_to(app);
        app.add_option("footprints", q_.sources,
                       "Footprint sources: any GDAL vector format, the coordinate TXT (界址点), DXF (with --s-srs), KML")
            ->required();
        app.add_option("--layer", q_.layer, "Layer to read inside each footprint source (default: all)");
        app.add_option("--where", q_.where, "OGR SQL attribute filter on the footprints");
        app.add_option("--id-field", q_.id_field, "Field holding the footprint id (default: feature id)");
        app.add_option("--name-field", q_.name_field, "Field holding the footprint name");
        app.add_option("--s-srs", q_.s_srs, "CRS of the footprints, overriding or supplying theirs (e.g. EPSG:4547)");
        app.add_option("--encoding", q_.encoding,
                       "Text encoding of shapefiles without .cpg (GBK, UTF-8, ...; default: detected from the bytes)");
        app.add_flag("--fix-axes", q_.fix_axes,
                     "Correct swapped X/Y, lat/lon order and zone prefixes that disagree with the CRS (default: stop)");
        app.add_flag("--from-gcj02", q_.from_gcj02,
                     "Lon/lat footprints are GCJ-02 (奥维 9.3+ KML, web maps): remove the offset");
        app.add_flag("--allow-outside", q_.allow_outside,
                     "Screen footprints lying more than 50 km outside the catalog's extent (default: stop)");
        app.add_option("--width", q_.width_m, "Full corridor width of line footprints, metres (width/2 each side)")
            ->check(CLI::NonNegativeNumber);
        app.add_option("--width-field", q_.width_field, "Field holding each line's full width in metres");
        app.add_option("--radius", q_.radius_m, "Disc radius around point footprints, metres")
            ->check(CLI::NonNegativeNumber);
        app.add_option("--layers", layers_, "Screen only these catalog layer ids")->delimiter(',');
        app.add_option("--ellipsoidal", ellipsoidal_,
                       "Ellipsoidal area: geodesic (GeographicLib, as PostGIS/QGIS) or survey (国土调查 椭球面积)")
            ->check(CLI::IsMember({"geodesic", "survey"}))->default_val("geodesic");
        app.add_option("--format,-f", format_, "Report format")
            ->check(CLI::IsMember({"text", "json", "csv"}))->default_val("text");
        app.add_option("--lang", lang_, "Labels of the text report")
            ->check(CLI::IsMember({"zh", "en"}))->default_val("zh");
        app.add_option("--output,-o", output_, "Also write the conflict geometries: .gpkg (styled for QGIS, with footprints and the features hit), .shp (+ .qml), .geojson, .kml");
        app.add_option("--threads,-j", threads_, "Worker threads (default: one per core)")
            ->check(CLI::NonNegativeNumber);
        app.add_flag("--timing", timing_,
                     "Print wall times to stderr: load (catalog), footprints (read), screen, report");
        app.add_option("--fail-on", fail_on_, "Exit 1 when a footprint's verdict is at or above this level")
            ->check(CLI::IsMember({"allowed", "caution", "restricted", "prohibited"}));
    }

    int run(std::ostream& out, std::ostream& err) override {
        using Clock = std::chrono::steady_clock;
        const auto t0 = Clock::now();
        const Catalog catalog = Catalog::load(catalog_);
        auto loaded = load_catalog(catalog, cache_, err);
        const auto t1 = Clock::now();
        ScreenOptions opts;
        opts.ellipsoidal = parse_ellipsoidal_method(ellipsoidal_);
        opts.layers = layers_;
        opts.threads = threads_;
        std::vector<Warning> fp_warnings;
        q_.catalog_extent = loaded->extent();
        const std::vector<Footprint> footprints =
            read_footprints(q_, loaded->working_crs(), loaded->context(), fp_warnings);
        const auto t2 = Clock::now();
        ScreenReport report = screen_all(*loaded, footprints, opts);
        const auto t3 = Clock::now();
        report.warnings.insert(report.warnings.end(), fp_warnings.begin(), fp_warnings.end());

        // The whole report is rendered before anything is written: no half reports.
        std::ostringstream text;
        if (format_ == "json") {
            text << to_json(report).dump(2) << '\n';
        } else if (format_ == "csv") {
            write_csv(text, report);
        } else {
            write_text(text, report, lang_ == "en" ? Lang::en : Lang::zh);
        }
        if (!output_.empty()) {
            std::vector<std::filesystem::path> inputs{catalog_};
            for (const auto& l : catalog.layers) inputs.push_back(l.source);
            for (const auto& s : q_.sources) inputs.emplace_back(s);
            const auto written = write_conflicts(output_, report, *report.context, loaded->working_crs(), inputs, loaded.get());
            if (written.size() > 1) {
                std::string names;
                for (const auto& w : written) names += (names.empty() ? "" : ", ") + w.string();
                err << "note: the conflicts mix geometry types and a shapefile holds one: wrote " << names << '\n';
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
        }
        if (format_ != "text") {
            for (const auto& w : report.warnings) err << "warning: " << w.where << ": " << w.what << '\n';
        }
        if (!fail_on_.empty() && report.worst() >= parse_verdict(fail_on_)) return kExitVerdict;
        return kExitOk;
    }

private:
    std::string catalog_;
    CacheFlags cache_;
    FootprintQuery q_;
    std::vector<std::string> layers_;
    std::string ellipsoidal_ = "geodesic";
    std::string format_ = "text";
    std::string lang_ = "zh";
    std::string output_;
    std::string fail_on_;
    unsigned threads_ = 0;
    bool timing_ = false;
};

const bool registered = register_command(
    {"screen", "Screen project footprints against a zoning catalog.", 10, [] { return std::unique_ptr<Command>(std::make_unique<ScreenCommand>()); }});

}  // namespace

}  // namespace zoning::cli
