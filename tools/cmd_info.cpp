// zoning info: what a catalog holds, layer by layer.
#include "cli.hpp"

#include <zoning/area.hpp>
#include <zoning/catalog.hpp>
#include <zoning/layer.hpp>
#include <zoning/report.hpp>
#include <zoning/stats.hpp>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <ostream>

namespace zoning::cli {

namespace {

std::string fixed(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

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
        nlohmann::ordered_json j;
        j["schema"] = "zoning.info/1";
        j["catalog"] = catalog.name;
        j["crs"] = loaded->working_crs().label();
        j["crs_source"] = catalog.crs ? "catalog" : "default (CGCS2000 3-degree zone of the data's centre)";
        j["layers"] = nlohmann::ordered_json::array();
        for (const auto& l : loaded->layers()) {
            const LayerMeasure m = measure_layer(*loaded, l, EllipsoidalMethod::geodesic, threads_.value);
            nlohmann::ordered_json lj;
            lj["id"] = l.spec().id;
            lj["title"] = l.spec().title;
            lj["kind"] = to_string(l.spec().kind);
            lj["source"] = l.spec().source_text;
            lj["crs"] = l.source_crs().label();
            lj["features"] = l.features().size();
            lj["repaired"] = l.repaired();
            lj["skipped"] = l.skipped();
            lj["area_m2"] = m.area_m2;
            lj["area_ellipsoidal_m2"] = m.area_ellipsoidal_m2;
            lj["length_m"] = m.length_m;
            lj["overlapping_features"] = m.overlapping;
            const Envelope& e = l.extent();
            lj["extent"] = {e.minx, e.miny, e.maxx, e.maxy};
            j["layers"].push_back(std::move(lj));
        }
        if (format_.value == "json") {
            out << j.dump(2) << '\n';
        } else {
            out << catalog.name << " · " << j["crs"].get<std::string>() << " ("
                << j["crs_source"].get<std::string>() << ")\n\n";
            for (const auto& lj : j["layers"]) {
                out << lj["id"].get<std::string>() << "  " << lj["title"].get<std::string>() << "  ["
                    << lj["kind"].get<std::string>() << "]\n"
                    << "  source    " << lj["source"].get<std::string>() << "  (" << lj["crs"].get<std::string>() << ")\n"
                    << "  features  " << lj["features"].get<size_t>() << "  repaired " << lj["repaired"].get<int>()
                    << "  skipped " << lj["skipped"].get<int>() << "\n";
                const double a = lj["area_m2"].get<double>();
                if (a > 0) {
                    out << "  area      " << fixed(a, 2) << " m² = " << fixed(a / kM2PerHa, 4) << " ha"
                        << "  (ellipsoidal " << fixed(lj["area_ellipsoidal_m2"].get<double>(), 2) << " m²)\n";
                    if (const auto n = lj["overlapping_features"].get<size_t>(); n > 0) {
                        out << "  overlaps  " << n << " of them overlap earlier features (each overlap counted once)\n";
                    }
                } else {
                    out << "  length    " << fixed(lj["length_m"].get<double>(), 2) << " m\n";
                }
                const auto& e = lj["extent"];
                out << "  extent    " << fixed(e[0].get<double>(), 3) << " " << fixed(e[1].get<double>(), 3)
                    << " .. " << fixed(e[2].get<double>(), 3) << " " << fixed(e[3].get<double>(), 3) << "\n\n";
            }
        }
        print_warnings(err, loaded->warnings());
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
