// The sample catalog loads clean, and each example project gets the verdict that
// examples/README.md promises.
#include <zoning/catalog.hpp>
#include <zoning/layer.hpp>

#include "test_support.hpp"

#include <gdal.h>
#include <nlohmann/json.hpp>

#include <regex>

namespace zoning {
namespace {

const std::filesystem::path kRoot = ZONING_SOURCE_DIR;
const std::string kSample = (kRoot / "shapefiles/yunzhou/catalog.yaml").string();

TEST(Examples, SampleCatalogLoadsWithoutRepairs) {
    GDALAllRegister();
    auto cat = LoadedCatalog::load(Catalog::load(kSample));
    for (const auto& w : cat->warnings()) ADD_FAILURE() << w.where << ": " << w.what;
    EXPECT_EQ(cat->working_crs().label(), "EPSG:4547");
    EXPECT_EQ(cat->layers().size(), 11u);
    for (const auto& l : cat->layers()) {
        EXPECT_EQ(l.repaired(), 0) << l.spec().id;
        EXPECT_EQ(l.skipped(), 0) << l.spec().id;
        EXPECT_GT(l.features().size(), 0u) << l.spec().id;
    }
}

TEST(Examples, EachProjectGetsTheVerdictItsReadmePromises) {
    const std::string readme = test::read_file(kRoot / "examples/README.md");
    // | 吉家庄南山风电场 | `jijiazhuang_wind.geojson` | EPSG:4547 | 31 | **prohibited** | ...
    const std::regex row(R"(\| [^|]+ \| `([a-z0-9_]+\.geojson)` \| [^|]+ \| (\d+) \| \*\*([a-z]+)\*\* \|)");
    int checked = 0;
    for (std::sregex_iterator it(readme.begin(), readme.end(), row), end; it != end; ++it) {
        const std::string file = (*it)[1];
        const size_t features = std::stoul((*it)[2]);
        const std::string verdict = (*it)[3];
        const auto path = kRoot / "examples/projects" / file;
        std::vector<std::string> args{"screen", "--catalog", kSample, path.string(), "--id-field", "XMBH",
                                      "--name-field", "XMMC", "--format", "json"};
        if (test::read_file(path).find("\"KD\"") != std::string::npos) {
            args.insert(args.end(), {"--width-field", "KD"});
        }
        auto r = test::zoning_cli(args);
        ASSERT_EQ(r.code, 0) << file << ": " << r.err;
        auto j = nlohmann::json::parse(r.out);
        EXPECT_EQ(j["footprints"].size(), features) << file;
        EXPECT_EQ(j["verdict"], verdict) << file;
        ++checked;
    }
    EXPECT_EQ(checked, 8);
}

}  // namespace
}  // namespace zoning
