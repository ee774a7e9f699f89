// Class rows (#14 item 1): the JSON class rows, the CSV rows, the --csv-features rows, the map
// table and the GeoPackage features of one screening agree, to the printed precision; and the
// one-line reason (summary) in both languages.
#include "test_support.hpp"

#include <zoning/catalog.hpp>
#include <zoning/footprint.hpp>
#include <zoning/layer.hpp>
#include <zoning/map.hpp>
#include <zoning/report.hpp>
#include <zoning/screen.hpp>

#include <gdal_priv.h>
#include <nlohmann/json.hpp>
#include <ogrsf_frmts.h>

#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>
#include <tuple>

namespace zoning {
namespace {

namespace fs = std::filesystem;

/// One CSV file as rows of named fields (BOM and CRLF removed; quoted fields with commas).
std::vector<std::map<std::string, std::string>> read_csv(const std::string& text) {
    std::string s = text.rfind("\xEF\xBB\xBF", 0) == 0 ? text.substr(3) : text;
    std::vector<std::vector<std::string>> lines;
    std::vector<std::string> row;
    std::string field;
    bool quoted = false;
    for (size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (quoted) {
            if (c == '"' && i + 1 < s.size() && s[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            row.push_back(field);
            field.clear();
        } else if (c == '\r') {
        } else if (c == '\n') {
            row.push_back(field);
            field.clear();
            lines.push_back(std::move(row));
            row.clear();
        } else {
            field += c;
        }
    }
    std::vector<std::map<std::string, std::string>> out;
    for (size_t i = 1; i < lines.size(); ++i) {
        EXPECT_EQ(lines[i].size(), lines[0].size()) << "CSV line " << i + 1;
        std::map<std::string, std::string> m;
        for (size_t k = 0; k < lines[0].size() && k < lines[i].size(); ++k) m[lines[0][k]] = lines[i][k];
        out.push_back(std::move(m));
    }
    return out;
}

std::string printed(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

struct Screened {
    nlohmann::json json;
    std::vector<std::map<std::string, std::string>> csv, features;
    fs::path gpkg;
};

Screened run_screen(const test::TempDir& tmp, const std::vector<std::string>& base) {
    Screened r;
    auto args = base;
    args.insert(args.end(), {"-f", "json", "-o", (tmp / "c.gpkg").string(), "--csv-features",
                             (tmp / "features.csv").string()});
    const auto j = test::zoning_cli(args);
    EXPECT_EQ(j.code, 0) << j.err;
    r.json = nlohmann::json::parse(j.out);
    args = base;
    args.insert(args.end(), {"-f", "csv"});
    const auto c = test::zoning_cli(args);
    EXPECT_EQ(c.code, 0) << c.err;
    r.csv = read_csv(c.out);
    r.features = read_csv(test::read_file(tmp / "features.csv"));
    r.gpkg = tmp / "c.gpkg";
    return r;
}

/// Compares the JSON class rows with the CSV, the --csv-features rows and the GeoPackage.
void expect_agreement(const Screened& r) {
    // CSV: one row per footprint × layer × class, class empty on the subtotal.
    std::map<std::tuple<std::string, std::string, std::string>, std::map<std::string, std::string>> csv;
    for (const auto& row : r.csv) csv[{row.at("footprint_id"), row.at("layer"), row.at("class")}] = row;
    size_t expected_rows = 0, expected_features = 0, class_rows = 0;
    // GeoPackage: per footprint × layer × class, the sum of its features' areas.
    std::map<std::tuple<std::string, std::string, std::string>, double> gpkg_sum, json_sum;
    for (const auto& f : r.json["footprints"]) {
        const std::string id = f["id"];
        if (f["conflicts"].empty()) ++expected_rows;
        for (const auto& c : f["conflicts"]) {
            ++expected_rows;
            expected_features += c["features"].size();
            const std::string layer = c["layer"];
            const auto sub = csv.find({id, layer, ""});
            ASSERT_NE(sub, csv.end()) << id << " " << layer;
            EXPECT_EQ(sub->second.at("area_m2"), printed(c["area_m2"].get<double>(), 6));
            EXPECT_EQ(sub->second.at("length_m"), printed(c["length_m"].get<double>(), 6));
            for (const auto& h : c["features"]) json_sum[{id, layer, h["class"]}] += h["area_m2"].get<double>();
            if (!c.contains("classes")) continue;
            for (const auto& k : c["classes"]) {
                ++expected_rows;
                ++class_rows;
                const std::string cls = k["class"];
                SCOPED_TRACE(id + " " + layer + " " + cls);
                const auto it = csv.find({id, layer, cls});
                ASSERT_NE(it, csv.end());
                EXPECT_EQ(it->second.at("verdict"), k["verdict"].get<std::string>());
                EXPECT_EQ(it->second.at("area_m2"), printed(k["area_m2"].get<double>(), 6));
                EXPECT_EQ(it->second.at("area_ellipsoidal_m2"), printed(k["area_ellipsoidal_m2"].get<double>(), 6));
                EXPECT_EQ(it->second.at("area_ellipsoidal_ha"),
                          printed(k["area_ellipsoidal_m2"].get<double>() / 1e4, 6));
                EXPECT_EQ(it->second.at("length_m"), printed(k["length_m"].get<double>(), 6));
                EXPECT_EQ(it->second.at("feature_count"), std::to_string(k["features"].size()));
                // A class of one feature: its row is that feature's piece.
                if (k["features"].size() == 1) {
                    EXPECT_EQ(k["area_m2"], k["features"][0]["area_m2"]);
                }
                // The subtotal is the union: at most the sum of the classes, at least each one.
                EXPECT_LE(k["area_m2"].get<double>(), c["area_m2"].get<double>() * (1 + 1e-12) + 1e-9);
            }
        }
    }
    EXPECT_GT(class_rows, 0u);
    EXPECT_EQ(r.csv.size(), expected_rows);
    // --csv-features: one row per footprint × feature, with the feature's own areas.
    ASSERT_EQ(r.features.size(), expected_features);
    size_t i = 0;
    for (const auto& f : r.json["footprints"]) {
        for (const auto& c : f["conflicts"]) {
            for (const auto& h : c["features"]) {
                const auto& row = r.features[i++];
                EXPECT_EQ(row.at("footprint_id"), f["id"].get<std::string>());
                EXPECT_EQ(row.at("layer"), c["layer"].get<std::string>());
                EXPECT_EQ(row.at("class"), h["class"].get<std::string>());
                EXPECT_EQ(row.at("feature_fid"), std::to_string(h["fid"].get<long long>()));
                EXPECT_EQ(row.at("area_m2"), printed(h["area_m2"].get<double>(), 6));
                EXPECT_EQ(row.at("area_ellipsoidal_m2"), printed(h["area_ellipsoidal_m2"].get<double>(), 6));
            }
        }
    }
    // The GeoPackage: one feature per footprint × layer × zoning feature.
    GDALDatasetUniquePtr ds(GDALDataset::Open(r.gpkg.string().c_str(), GDAL_OF_VECTOR));
    ASSERT_TRUE(ds);
    size_t gpkg_features = 0;
    for (OGRLayer* l : ds->GetLayers()) {
        const std::string name = l->GetName();
        if (name.rfind("conflicts", 0) != 0) continue;
        for (auto& feat : *l) {
            ++gpkg_features;
            gpkg_sum[{feat->GetFieldAsString("fp_id"), feat->GetFieldAsString("layer"),
                      feat->GetFieldAsString("feat_class")}] += feat->GetFieldAsDouble("area_m2");
        }
    }
    EXPECT_EQ(gpkg_features, expected_features);
    ASSERT_EQ(gpkg_sum.size(), json_sum.size());
    for (const auto& [key, sum] : json_sum) {
        EXPECT_EQ(printed(gpkg_sum[key], 4), printed(sum, 4))
            << std::get<0>(key) << " " << std::get<1>(key) << " " << std::get<2>(key);
    }
}

TEST(ClassRows, TouristRoadOutputsAgreeAndTheWaterSourceIsSplitByGrade) {
    test::TempDir tmp;
    const std::string root = ZONING_SOURCE_DIR;
    const std::vector<std::string> base{"screen", "-c", root + "/shapefiles/yunzhou/catalog.yaml",
                                        root + "/examples/projects/dongshan_tourist_road.geojson",
                                        "--id-field", "XMBH", "--name-field", "XMMC", "--width-field", "KD",
                                        "--no-cache"};
    const Screened r = run_screen(tmp, base);
    expect_agreement(r);
    // The issue's figures: 1.2589 ha 一级 (禁止), 10.4758 ha 二级 (限制), 11.6584 ha 准 (注意), planar.
    const auto& fp = r.json["footprints"][0];
    const nlohmann::json* water = nullptr;
    for (const auto& c : fp["conflicts"]) {
        if (c["layer"] == "water") water = &c;
    }
    ASSERT_NE(water, nullptr);
    const auto& rows = (*water)["classes"];
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0]["class"], "一级保护区");
    EXPECT_EQ(rows[0]["verdict"], "prohibited");
    EXPECT_EQ(printed(rows[0]["area_m2"].get<double>() / 1e4, 4), "1.2589");
    EXPECT_EQ(rows[1]["class"], "二级保护区");
    EXPECT_EQ(rows[1]["verdict"], "restricted");
    EXPECT_EQ(printed(rows[1]["area_m2"].get<double>() / 1e4, 4), "10.4758");
    EXPECT_EQ(rows[2]["class"], "准保护区");
    EXPECT_EQ(rows[2]["verdict"], "caution");
    EXPECT_EQ(printed(rows[2]["area_m2"].get<double>() / 1e4, 4), "11.6584");
    // The rings do not overlap: the layer's 23.3932 ha is their sum.
    double sum = 0;
    for (const auto& k : rows) sum += k["area_m2"].get<double>();
    EXPECT_NEAR(sum, (*water)["area_m2"].get<double>(), 1e-6 * sum);
    // The reason names the prohibited grade first, with its ellipsoidal 公顷 and 亩.
    const std::string summary = fp["summary"];
    EXPECT_EQ(summary.rfind("涉及巨乐水源地一级保护区 1.2589 公顷(18.88 亩)，禁止；", 0), 0u) << summary;
    EXPECT_NE(summary.find("二级保护区 10.4757 公顷(157.14 亩)，限制；准保护区 11.6583 公顷"), std::string::npos) << summary;
}

TEST(ClassRows, OverlappingClassesCountOnceAtLayerLevelAndTheMapTableAgrees) {
    test::TempDir tmp;
    const auto fp = tmp / "fp.geojson";
    // 3200 x 200 across the rings of tests/data/small/rings.geojson (see catalog-rings.yaml).
    test::write_file(fp, R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4547"}},)"
                         R"("features":[{"type":"Feature","properties":{"ID":"A"},"geometry":{"type":"Polygon","coordinates":)"
                         R"([[[499500,4420200],[502700,4420200],[502700,4420400],[499500,4420400],[499500,4420200]]]}}]})");
    const std::vector<std::string> base{"screen", "-c", test::data("small/catalog-rings.yaml").string(),
                                        fp.string(), "--id-field", "ID", "--no-cache"};
    const Screened r = run_screen(tmp, base);
    expect_agreement(r);
    const auto& c = r.json["footprints"][0]["conflicts"][0];
    EXPECT_NEAR(c["area_m2"].get<double>(), 640000, 1e-6);
    double sum = 0;
    for (const auto& k : c["classes"]) sum += k["area_m2"].get<double>();
    EXPECT_NEAR(sum, 740000, 1e-6);  // 二级 (东水源地) overlaps 准 by 100,000 m²

    // The map table of the same screening: one row per class, the same areas (ellipsoidal
    // 公顷 to the printed 4 decimals, planar m² to 1e-9).
    const auto loaded = LoadedCatalog::load(Catalog::load(test::data("small/catalog-rings.yaml")));
    FootprintQuery q;
    q.sources = {fp.string()};
    q.id_field = "ID";
    std::vector<Warning> w;
    const auto footprints = read_footprints(q, loaded->working_crs(), loaded->context(), w);
    const ScreenReport report = screen_all(*loaded, footprints, {});
    MapOptions o;
    o.dpi = 100;
    o.date = "2024-06-01";
    const auto pages = plan_map(*loaded, report, footprints, o);
    ASSERT_EQ(pages.size(), 1u);
    const MapTable& t = pages[0].table_contents;
    ASSERT_EQ(t.rows.size(), c["classes"].size());
    for (size_t i = 0; i < t.rows.size(); ++i) {
        const auto& k = c["classes"][i];
        SCOPED_TRACE(k["class"].get<std::string>());
        EXPECT_EQ(t.rows[i].cls, k["class"].get<std::string>());
        EXPECT_EQ(std::string(to_string(t.rows[i].verdict)), k["verdict"].get<std::string>());
        EXPECT_EQ(printed(t.rows[i].hectares(), 4), printed(k["area_ellipsoidal_m2"].get<double>() / 1e4, 4));
        EXPECT_EQ(printed(t.rows[i].mu(), 2), printed(k["area_ellipsoidal_m2"].get<double>() / (1e4 / 15), 2));
        EXPECT_NEAR(t.rows[i].area_m2, k["area_m2"].get<double>(), 1e-9 * k["area_m2"].get<double>());
    }
}

TEST(ClassRows, SummaryInChineseAndEnglish) {
    const std::string root = ZONING_SOURCE_DIR;
    const std::vector<std::string> base{"screen", "-c", root + "/shapefiles/yunzhou/catalog.yaml",
                                        root + "/examples/projects/dongshan_tourist_road.geojson",
                                        "--id-field", "XMBH", "--name-field", "XMMC", "--width-field", "KD",
                                        "--no-cache"};
    const auto zh = test::zoning_cli(base);
    ASSERT_EQ(zh.code, 0) << zh.err;
    EXPECT_NE(zh.out.find("    说明: 涉及巨乐水源地一级保护区 1.2589 公顷(18.88 亩)，禁止；二级保护区 "), std::string::npos)
        << zh.out;
    auto en_args = base;
    en_args.insert(en_args.end(), {"--lang", "en"});
    const auto en = test::zoning_cli(en_args);
    ASSERT_EQ(en.code, 0) << en.err;
    EXPECT_NE(en.out.find("    reason: In 巨乐水源地 一级保护区 1.2589 ha (18.88 mu), prohibited; 二级保护区 "),
              std::string::npos)
        << en.out;
    auto json_en = en_args;
    json_en.insert(json_en.end(), {"-f", "json"});
    const auto j = test::zoning_cli(json_en);
    ASSERT_EQ(j.code, 0) << j.err;
    const std::string s = nlohmann::json::parse(j.out)["footprints"][0]["summary"];
    EXPECT_EQ(s.rfind("In 巨乐水源地 一级保护区 1.2589 ha (18.88 mu), prohibited; ", 0), 0u) << s;
}

TEST(ClassRows, CsvFeaturesRefusesToOverwriteAnInput) {
    test::TempDir tmp;
    const auto fp = tmp / "fp.geojson";
    test::write_file(fp, R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4547"}},)"
                         R"("features":[{"type":"Feature","properties":{"ID":"A"},"geometry":{"type":"Point","coordinates":[500500,4420500]}}]})");
    const std::string before = test::read_file(fp);
    const auto r = test::zoning_cli({"screen", "-c", test::data("small/catalog-rings.yaml").string(), fp.string(),
                                     "--no-cache", "--csv-features", fp.string()});
    EXPECT_EQ(r.code, 2) << r.err;
    EXPECT_NE(r.err.find("refusing to overwrite an input"), std::string::npos) << r.err;
    EXPECT_EQ(test::read_file(fp), before);
}

}  // namespace
}  // namespace zoning
