// zoning-gen-sample: the synthetic 云州区 zoning catalog and example project footprints.
#include "generator.hpp"
#include "region.hpp"

#include <zoning/error.hpp>

#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdint>
#include <iostream>

int main(int argc, char** argv) {
    CLI::App app{"Writes the synthetic 云州区 sample catalog (shapefiles/yunzhou) and example footprints, "
                 "or the larger 大同市 / province catalogs for the benchmarks (--region)"};
    std::uint64_t seed = 20210;
    std::string out = "shapefiles/yunzhou";
    std::string examples;
    std::string data = ZONING_GEN_SAMPLE_DATA;
    std::string region = "yunzhou";
    gen::RegionOptions ro;
    app.add_option("--seed", seed, "random seed (same seed, same figures)")->capture_default_str();
    app.add_option("--out", out, "output folder of the catalog")->capture_default_str();
    app.add_option("--examples", examples, "output folder of the examples (writes <dir>/projects and <dir>/README.md); none if empty");
    app.add_option("--data", data, "folder with the real outlines (yunzhou_boundary_wgs84.geojson, ...)")->capture_default_str();
    app.add_option("--region", region,
                   "yunzhou: the 云州区 sample; datong: 大同市 from its 10 real district outlines; "
                   "province: copies of 大同市 tiled over 山西 (~150,000 km²)")
        ->check(CLI::IsMember({"yunzhou", "datong", "province"}))
        ->capture_default_str();
    app.add_option("--format", ro.format, "datong/province: shp (one shapefile per layer) or gpkg (one GeoPackage per layer)")
        ->check(CLI::IsMember({"shp", "gpkg"}))
        ->capture_default_str();
    app.add_option("--districts", ro.districts, "datong/province: only these districts (names or adcodes, comma-separated)")
        ->delimiter(',');
    app.add_option("--copies", ro.copies, "province: copies of the city")->check(CLI::Range(1, 40))->capture_default_str();
    app.add_flag("--verbose", ro.verbose, "datong/province: progress on stderr");
    CLI11_PARSE(app, argc, argv);
    try {
        const auto t0 = std::chrono::steady_clock::now();
        if (region != "yunzhou") {
            if (out == "shapefiles/yunzhou") throw zoning::InputError("--region " + region + " needs --out DIR");
            ro.region = region;
            ro.seed = seed;
            ro.data_dir = data;
            const std::string what = gen::write_region(ro, out);
            const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            std::cerr << "zoning-gen-sample: wrote " << out << " (" << what << ") in " << s << " s\n";
            return 0;
        }
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
