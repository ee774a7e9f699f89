// Loads a catalog through the installed libzoning and prints its layers and feature counts.
#include <zoning/catalog.hpp>
#include <zoning/error.hpp>
#include <zoning/layer.hpp>
#include <zoning/version.hpp>

#include <iostream>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: consumer CATALOG\n";
        return 2;
    }
    try {
        const zoning::Catalog catalog = zoning::Catalog::load(argv[1]);
        zoning::LoadOptions opts;
        opts.use_cache = false;
        const auto loaded = zoning::LoadedCatalog::load(catalog, opts);
        std::cout << "zoning " << zoning::kVersion << '\n';
        for (const auto& layer : loaded->layers()) {
            std::cout << layer.spec().id << ' ' << layer.features().size() << '\n';
        }
    } catch (const std::exception& e) {
        std::cerr << "consumer: " << e.what() << '\n';
        return 2;
    }
    return 0;
}
