// Geometry cases as data (GEOS xmltester style): each case of tests/data/screen/*.yaml is a
// footprint WKT in EPSG:4547 screened against a catalog under tests/data, with the figures
// expected per layer. The footprint is written to a GeoJSON in a temporary folder and screened
// in-process (`zoning screen --format json --no-cache`), one gtest per case:
//   build/bin/zoning_tests --gtest_filter='ScreenCases*'
// The file format is described at the top of tests/data/screen/cases.yaml.
#include "test_support.hpp"

#include <nlohmann/json.hpp>
#include <ogr_geometry.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>

namespace zoning {
namespace {

namespace fs = std::filesystem;

/// A class row (conflicts[].classes[]), in report order.
struct ExpectedClass {
    std::string cls, verdict;
    std::optional<std::string> rule;  // the rule id ("" none: the layer's verdict stays)
    bool near = false;
    double area_m2 = 0, length_m = 0, distance_m = 0;
    std::optional<double> share;
    std::vector<int> features;
    std::vector<double> feature_areas;
};

struct Expected {
    std::string verdict;
    std::optional<std::string> rule;  // the rule id ("" none: the layer's verdict stays)
    bool near = false;
    double area_m2 = 0, length_m = 0, distance_m = 0;
    std::optional<double> share, outside_m2;
    std::vector<int> features;                           // fids, in report order
    std::vector<double> feature_areas, feature_lengths;  // optional, same order
    std::optional<std::vector<ExpectedClass>> classes;   // when given: exactly these rows
};

struct ScreenCase {
    std::string name, file, catalog, wkt, layers;
    std::optional<double> width, radius;
    std::optional<std::string> category;  // --category: the rule packs decide (docs/rules.md)
    double area_m2 = 0, length_m = 0;
    std::string verdict;
    std::optional<std::string> summary;         // the footprint's one-line reason (zh)
    std::map<std::string, Expected> conflicts;  // every layer with an entry, and no other
    std::string error;
};

[[maybe_unused]] void PrintTo(const ScreenCase& c, std::ostream* os) { *os << c.name; }

template <class T>
std::vector<T> list(const YAML::Node& n) {
    std::vector<T> v;
    for (const auto& x : n) v.push_back(x.as<T>());
    return v;
}

void check_keys(const YAML::Node& n, const std::set<std::string>& known, const std::string& where) {
    for (const auto& kv : n) {
        const auto key = kv.first.as<std::string>();
        if (!known.contains(key)) throw std::runtime_error(where + ": unknown key '" + key + "'");
    }
}

ScreenCase read_case(const YAML::Node& n, const std::string& file) {
    ScreenCase c;
    c.file = file;
    c.name = n["name"].as<std::string>();
    check_keys(n, {"name", "catalog", "wkt", "layers", "width", "radius", "category", "area_m2", "length_m", "verdict",
                  "summary", "conflicts"},
               c.name);
    c.catalog = n["catalog"].as<std::string>();
    c.wkt = n["wkt"].as<std::string>();
    if (n["layers"]) c.layers = n["layers"].as<std::string>();
    if (n["width"]) c.width = n["width"].as<double>();
    if (n["radius"]) c.radius = n["radius"].as<double>();
    if (n["category"]) c.category = n["category"].as<std::string>();
    c.area_m2 = n["area_m2"] ? n["area_m2"].as<double>() : 0.0;
    c.length_m = n["length_m"] ? n["length_m"].as<double>() : 0.0;
    c.verdict = n["verdict"].as<std::string>();
    if (n["summary"]) c.summary = n["summary"].as<std::string>();
    for (const auto& kv : n["conflicts"]) {
        const auto layer = kv.first.as<std::string>();
        const auto& e = kv.second;
        check_keys(e, {"verdict", "rule", "near", "area_m2", "length_m", "distance_m", "share", "outside_m2", "features",
                       "feature_areas", "feature_lengths", "classes"},
                   c.name + " " + layer);
        Expected x;
        x.verdict = e["verdict"].as<std::string>();
        if (e["rule"]) x.rule = e["rule"].as<std::string>();
        x.near = e["near"] && e["near"].as<bool>();
        if (e["area_m2"]) x.area_m2 = e["area_m2"].as<double>();
        if (e["length_m"]) x.length_m = e["length_m"].as<double>();
        if (e["distance_m"]) x.distance_m = e["distance_m"].as<double>();
        if (e["share"]) x.share = e["share"].as<double>();
        if (e["outside_m2"]) x.outside_m2 = e["outside_m2"].as<double>();
        x.features = list<int>(e["features"]);
        x.feature_areas = list<double>(e["feature_areas"]);
        x.feature_lengths = list<double>(e["feature_lengths"]);
        if (e["classes"]) {
            x.classes.emplace();
            for (const auto& k : e["classes"]) {
                check_keys(k, {"class", "verdict", "rule", "near", "area_m2", "length_m", "distance_m", "share",
                               "features", "feature_areas"},
                           c.name + " " + layer + " classes");
                ExpectedClass ec;
                ec.cls = k["class"].as<std::string>();
                ec.verdict = k["verdict"].as<std::string>();
                if (k["rule"]) ec.rule = k["rule"].as<std::string>();
                ec.near = k["near"] && k["near"].as<bool>();
                if (k["area_m2"]) ec.area_m2 = k["area_m2"].as<double>();
                if (k["length_m"]) ec.length_m = k["length_m"].as<double>();
                if (k["distance_m"]) ec.distance_m = k["distance_m"].as<double>();
                if (k["share"]) ec.share = k["share"].as<double>();
                ec.features = list<int>(k["features"]);
                ec.feature_areas = list<double>(k["feature_areas"]);
                x.classes->push_back(std::move(ec));
            }
        }
        c.conflicts[layer] = std::move(x);
    }
    return c;
}

std::vector<ScreenCase> load_cases() {
    const fs::path dir = fs::path(ZONING_TEST_DATA) / "screen";
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir)) {
        if (e.path().extension() == ".yaml") files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    std::vector<ScreenCase> cases;
    std::set<std::string> names;
    for (const auto& f : files) {
        try {
            for (const auto& n : YAML::LoadFile(f.string())["cases"]) {
                auto c = read_case(n, f.filename().string());
                if (!names.insert(c.name).second) throw std::runtime_error("case " + c.name + " is declared twice");
                cases.push_back(std::move(c));
            }
        } catch (const std::exception& e) {
            ScreenCase bad;
            bad.name = "BadFile";
            bad.file = f.filename().string();
            bad.error = e.what();
            cases.push_back(std::move(bad));
        }
    }
    return cases;
}

/// Planar figures: 1e-9 relative; anything under 1e-6 (m² or m) is zero, as in screen itself.
void expect_figure(double actual, double expected, const std::string& what) {
    EXPECT_NEAR(actual, expected, std::max(1e-6, 1e-9 * std::abs(expected))) << what;
}

/// A row's rule id as the JSON gives it: "" when no rule applies (null id), or the row has no rule.
std::string rule_id(const nlohmann::json& row) {
    if (!row.contains("rule") || !row["rule"].contains("id") || row["rule"]["id"].is_null()) return "";
    return row["rule"]["id"].get<std::string>();
}

/// One footprint, feature id "F", in EPSG:4547.
std::string footprint_geojson(const std::string& wkt) {
    OGRGeometry* raw = nullptr;
    if (OGRGeometryFactory::createFromWkt(wkt.c_str(), nullptr, &raw) != OGRERR_NONE || raw == nullptr) {
        throw std::runtime_error("bad WKT: " + wkt);
    }
    std::unique_ptr<OGRGeometry> geom(raw);
    char* json = geom->exportToJson();
    const std::string g = json;
    CPLFree(json);
    return R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4547"}},)"
           R"("features":[{"type":"Feature","properties":{"ID":"F"},"geometry":)" +
           g + "}]}";
}

class ScreenCases : public ::testing::TestWithParam<ScreenCase> {};

TEST_P(ScreenCases, Figures) {
    const auto& c = GetParam();
    ASSERT_TRUE(c.error.empty()) << "tests/data/screen/" << c.file << ": " << c.error;
    SCOPED_TRACE("tests/data/screen/" + c.file + " case " + c.name + ": " + c.wkt);
    test::TempDir tmp;
    const auto fp = tmp / "footprint.geojson";
    test::write_file(fp, footprint_geojson(c.wkt));
    std::vector<std::string> args{"screen", "-c", test::data(c.catalog).string(), fp.string(), "--id-field", "ID",
                                  "--no-cache", "-f", "json"};
    if (!c.layers.empty()) args.insert(args.end(), {"--layers", c.layers});
    if (c.width) args.insert(args.end(), {"--width", std::to_string(*c.width)});
    if (c.radius) args.insert(args.end(), {"--radius", std::to_string(*c.radius)});
    if (c.category) args.insert(args.end(), {"--category", *c.category});
    const auto r = test::zoning_cli(args);
    ASSERT_EQ(r.code, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    ASSERT_EQ(j["footprints"].size(), 1u);
    const auto& f = j["footprints"][0];
    expect_figure(f["area_m2"].get<double>(), c.area_m2, "footprint area_m2");
    expect_figure(f["length_m"].get<double>(), c.length_m, "footprint length_m");
    EXPECT_EQ(f["verdict"], c.verdict);
    if (c.summary) {
        EXPECT_EQ(f["summary"].get<std::string>(), *c.summary);
    }

    std::set<std::string> seen;
    for (const auto& k : f["conflicts"]) {
        const auto layer = k["layer"].get<std::string>();
        seen.insert(layer);
        const auto it = c.conflicts.find(layer);
        if (it == c.conflicts.end()) {
            ADD_FAILURE() << "unexpected entry for layer " << layer << ": " << k.dump();
            continue;
        }
        const auto& x = it->second;
        const std::string at = "layer " + layer + ": ";
        EXPECT_EQ(k["verdict"], x.verdict) << at;
        if (x.rule) {
            EXPECT_EQ(rule_id(k), *x.rule) << at << "rule";
        } else if (c.category) {
            ADD_FAILURE() << at << "a case with a category names each entry's rule (rule: ID, or \"\" for none)";
        }
        if (!c.category) {
            EXPECT_FALSE(k.contains("rule")) << at << "no category, no rule";
        }
        EXPECT_EQ(k["near"].get<bool>(), x.near) << at;
        expect_figure(k["area_m2"].get<double>(), x.area_m2, at + "area_m2");
        expect_figure(k["length_m"].get<double>(), x.length_m, at + "length_m");
        expect_figure(k["distance_m"].get<double>(), x.distance_m, at + "distance_m");
        if (x.share) expect_figure(k["share"].get<double>(), *x.share, at + "share");
        if (x.outside_m2) {
            ASSERT_TRUE(k.contains("outside_m2")) << at;
            expect_figure(k["outside_m2"].get<double>(), *x.outside_m2, at + "outside_m2");
        }
        if (x.classes) {
            const auto rows = k.contains("classes") ? k["classes"] : nlohmann::json::array();
            ASSERT_EQ(rows.size(), x.classes->size()) << at << "class rows: " << rows.dump();
            double sum = 0;
            for (size_t i = 0; i < rows.size(); ++i) {
                const auto& row = rows[i];
                const auto& ec = (*x.classes)[i];
                const std::string cat = at + "class row " + std::to_string(i) + " (" + ec.cls + "): ";
                EXPECT_EQ(row["class"], ec.cls) << cat;
                EXPECT_EQ(row["verdict"], ec.verdict) << cat;
                if (ec.rule) {
                    EXPECT_EQ(rule_id(row), *ec.rule) << cat << "rule";
                }
                EXPECT_EQ(row["near"].get<bool>(), ec.near) << cat;
                expect_figure(row["area_m2"].get<double>(), ec.area_m2, cat + "area_m2");
                expect_figure(row["length_m"].get<double>(), ec.length_m, cat + "length_m");
                expect_figure(row["distance_m"].get<double>(), ec.distance_m, cat + "distance_m");
                if (ec.share) expect_figure(row["share"].get<double>(), *ec.share, cat + "share");
                std::vector<int> cf;
                for (const auto& feat : row["features"]) cf.push_back(feat["fid"].get<int>());
                EXPECT_EQ(cf, ec.features) << cat << "features (fids)";
                for (size_t n = 0; n < ec.feature_areas.size() && n < cf.size(); ++n) {
                    expect_figure(row["features"][n]["area_m2"].get<double>(), ec.feature_areas[n],
                                  cat + "feature area_m2");
                }
                sum += row["area_m2"].get<double>();
            }
            // The layer row is the union: never more than the sum of its classes.
            EXPECT_LE(k["area_m2"].get<double>(), sum + 1e-6) << at;
        }
        std::vector<int> fids;
        for (const auto& feat : k["features"]) fids.push_back(feat["fid"].get<int>());
        EXPECT_EQ(fids, x.features) << at << "features (fids)";
        if (fids != x.features) continue;
        for (size_t i = 0; i < x.feature_areas.size(); ++i) {
            expect_figure(k["features"][i]["area_m2"].get<double>(), x.feature_areas[i],
                          at + "feature fid " + std::to_string(fids[i]) + " area_m2");
        }
        for (size_t i = 0; i < x.feature_lengths.size(); ++i) {
            expect_figure(k["features"][i]["length_m"].get<double>(), x.feature_lengths[i],
                          at + "feature fid " + std::to_string(fids[i]) + " length_m");
        }
    }
    for (const auto& [layer, x] : c.conflicts) {
        EXPECT_TRUE(seen.contains(layer)) << "no entry for layer " << layer;
    }
}

INSTANTIATE_TEST_SUITE_P(ScreenCases, ScreenCases, ::testing::ValuesIn(load_cases()),
                         [](const ::testing::TestParamInfo<ScreenCase>& p) { return p.param.name; });

}  // namespace
}  // namespace zoning
