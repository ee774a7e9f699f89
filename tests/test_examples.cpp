// The sample catalog loads clean, and each example project gets the verdict that
// examples/README.md promises.
#include <zoning/catalog.hpp>
#include <zoning/layer.hpp>

#include "test_support.hpp"

#include <gdal.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <map>
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
    EXPECT_EQ(cat->layers().size(), 12u);  // + landuse
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

/// Screens one source and returns the JSON report.
nlohmann::json screen_json(const std::vector<std::string>& extra) {
    std::vector<std::string> args{"screen", "--catalog", kSample, "--format", "json"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto r = test::zoning_cli(args);
    EXPECT_EQ(r.code, 0) << r.err;
    return r.code == 0 ? nlohmann::json::parse(r.out) : nlohmann::json::object();
}

/// Layer id -> conflict area (m²) of a footprint's report entry.
std::map<std::string, double> conflict_areas(const nlohmann::json& fp) {
    std::map<std::string, double> out;
    for (const auto& c : fp["conflicts"]) out[c["layer"]] = c["area_m2"];
    return out;
}

// examples/field holds two projects as bureaus receive them (examples/field/README.md): they must
// screen exactly as their GeoJSON originals, up to the millimetre rounding of the TXT.
TEST(Examples, FieldFormatsScreenAsTheirOriginals) {
    const auto field = kRoot / "examples/field";
    const auto geo = screen_json({(kRoot / "examples/projects/sewage_plant_relocation.geojson").string(),
                                  "--id-field", "XMBH"});
    const auto txt = screen_json({(field / "sewage_plant_relocation.txt").string()});
    const auto fixed = screen_json({(field / "sewage_plant_relocation_swapped.txt").string(), "--fix-axes"});
    ASSERT_EQ(geo["footprints"].size(), 1u);
    for (const auto* j : {&txt, &fixed}) {
        ASSERT_EQ((*j)["footprints"].size(), 1u);
        const auto& fp = (*j)["footprints"][0];
        EXPECT_EQ(fp["id"], "WS01");
        EXPECT_EQ(fp["name"], "云州区污水处理厂扩容搬迁项目");
        EXPECT_EQ(fp["verdict"], geo["footprints"][0]["verdict"]);
        EXPECT_NEAR(fp["area_m2"].get<double>(), geo["footprints"][0]["area_m2"].get<double>(), 0.01);
        const auto a = conflict_areas(fp), b = conflict_areas(geo["footprints"][0]);
        ASSERT_EQ(a.size(), b.size());
        for (const auto& [layer, area] : b) EXPECT_NEAR(a.at(layer), area, 0.01) << layer;
    }
    // Swapped columns without --fix-axes: stop, and say how to fix it.
    auto r = test::zoning_cli({"screen", "--catalog", kSample, (field / "sewage_plant_relocation_swapped.txt").string()});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("swapped"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("--fix-axes"), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty());

    // The DXF carries no CRS: refused without --s-srs, identical to the original with it.
    r = test::zoning_cli({"screen", "--catalog", kSample, (field / "datang_pv_100mw.dxf").string()});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("--s-srs"), std::string::npos) << r.err;
    const auto pv = screen_json({(kRoot / "examples/projects/datang_pv_100mw.geojson").string()});
    const auto dxf = screen_json({(field / "datang_pv_100mw.dxf").string(), "--s-srs", "EPSG:4547"});
    ASSERT_EQ(dxf["footprints"].size(), 1u);
    EXPECT_EQ(dxf["verdict"], "restricted");
    const auto a = conflict_areas(dxf["footprints"][0]), b = conflict_areas(pv["footprints"][0]);
    ASSERT_EQ(a.size(), b.size());
    for (const auto& [layer, area] : b) EXPECT_LT(std::fabs(a.at(layer) - area), 1e-6 * area + 1e-6) << layer;
    EXPECT_NEAR(a.at("farmland"), 398748.09, 0.01);  // 39.87 ha of permanent farmland
}

}  // namespace
}  // namespace zoning
