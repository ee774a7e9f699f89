// zoning-gen-workload: deterministic benchmark footprints over a catalog (tests/bench/run).
#include "workload.hpp"
#include "writer.hpp"

#include <zoning/catalog.hpp>
#include <zoning/error.hpp>
#include <zoning/layer.hpp>

#include <CLI/CLI.hpp>

#include <array>
#include <cstdint>
#include <iostream>

int main(int argc, char** argv) {
    CLI::App app{"Writes N deterministic benchmark footprints (sites, corridors with a width, points) over a catalog"};
    std::string catalog_path;
    std::string out;
    workload::Options opts;
    app.add_option("--catalog,-c", catalog_path, "catalog whose zones the footprints are placed on")->required();
    app.add_option("--count,-n", opts.count, "number of footprints")->capture_default_str()->check(CLI::Range(1, 10000000));
    app.add_option("--seed", opts.seed, "random seed (same seed and catalog, same file)")->capture_default_str();
    app.add_option("--out,-o", out,
                   "FILE.gpkg (layers sites, lines, points) or a folder (sites.fgb, lines.fgb, points.fgb)")
        ->required();
    CLI11_PARSE(app, argc, argv);
    try {
        const zoning::Catalog catalog = zoning::Catalog::load(catalog_path);
        const auto loaded = zoning::LoadedCatalog::load(catalog);
        const zoning::GeosContext& ctx = loaded->context();
        const std::vector<workload::Item> items = workload::generate(*loaded, opts, ctx);
        workload::write(out, items, loaded->working_crs(), ctx);
        std::array<size_t, 3> shapes{};
        std::array<size_t, 3> places{};
        for (const workload::Item& it : items) {
            ++shapes[static_cast<size_t>(it.shape)];
            ++places[static_cast<size_t>(it.placement)];
        }
        std::cout << "zoning-gen-workload: " << items.size() << " footprints (" << shapes[0] << " sites, "
                  << shapes[1] << " lines, " << shapes[2] << " points; " << places[0] << " inside, " << places[1]
                  << " across, " << places[2] << " anywhere) in " << loaded->working_crs().label() << " -> "
                  << out << "\n";
        return 0;
    } catch (const zoning::InputError& e) {
        std::cerr << "zoning-gen-workload: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "zoning-gen-workload: internal error: " << e.what() << "\n";
        return 3;
    }
}
