// zoning-gen-sample: the synthetic 云州区 zoning catalog and example project footprints.
#include "generator.hpp"

#include <zoning/error.hpp>

#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdint>
#include <iostream>

int main(int argc, char** argv) {
    CLI::App app{"Writes the synthetic 云州区 sample catalog (shapefiles/yunzhou) and example footprints"};
    std::uint64_t seed = 20210;
    std::string out = "shapefiles/yunzhou";
    std::string examples;
    std::string data = ZONING_GEN_SAMPLE_DATA;
    app.add_option("--seed", seed, "random seed (same seed, same figures)")->capture_default_str();
    app.add_option("--out", out, "output folder of the catalog")->capture_default_str();
    app.add_option("--examples", examples, "output folder of the examples (writes <dir>/projects and <dir>/README.md); none if empty");
    app.add_option("--data", data, "folder with the real outlines (yunzhou_boundary_wgs84.geojson, ...)")->capture_default_str();
    CLI11_PARSE(app, argc, argv);
    try {
        const auto t0 = std::chrono::steady_clock::now();
        gen::Generator g(seed, data);
        g.build();
        g.write_catalog(out);
        if (!examples.empty()) g.write_examples(examples);
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::cerr << "zoning-gen-sample: wrote " << out << (examples.empty() ? "" : " and " + examples)
                  << " in " << s << " s\n";
        return 0;
    } catch (const zoning::InputError& e) {
        std::cerr << "zoning-gen-sample: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "zoning-gen-sample: internal error: " << e.what() << "\n";
        return 3;
    }
}
