// Outputs for desktop GIS: the styled GeoPackage (read back with GDAL, and opened by QGIS
// headless when it is installed), the shapefile's .qml, and KML.
#include "test_support.hpp"

#include <cpl_minixml.h>
#include <gdal_priv.h>
#include <gdal_version.h>
#include <ogrsf_frmts.h>

#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <map>
#include <memory>
#include <set>

namespace zoning {
namespace {

const std::string kCatalog = test::data("small/catalog.yaml").string();
const std::string kFootprints = test::data("small/footprints.geojson").string();

test::CliResult screen_to(const std::filesystem::path& out, const std::string& where) {
    return test::zoning_cli({"screen", "--catalog", kCatalog, kFootprints, "--id-field", "XMBH", "--name-field", "XMMC",
                             "--width-field", "KD", "--where", where, "-o", out.string(), "--format", "json"});
}

TEST(Outputs, GeoPackageHasLayersAndAStyleRowForEach) {
    test::TempDir tmp;
    const auto out = tmp / "result.gpkg";
    auto r = screen_to(out, "XMBH IN ('P1','P2','P3')");
    ASSERT_EQ(r.code, 0) << r.err;
    GDALAllRegister();
    GDALDatasetUniquePtr ds(GDALDataset::Open(out.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    ASSERT_TRUE(ds);
    std::set<std::string> layers;
    for (auto* l : ds->GetLayers()) layers.insert(l->GetName());
    // P1..P3 hit the red line and the townships (P2: two red-line features; P3 in a water zone).
    for (const char* name : {"conflicts", "footprints", "hit_redline", "hit_townships", "layer_styles"}) {
        EXPECT_TRUE(layers.count(name)) << name;
    }
    EXPECT_EQ(ds->GetLayerByName("footprints")->GetFeatureCount(), 3);
    EXPECT_EQ(ds->GetLayerByName("hit_redline")->GetFeatureCount(), 3);  // HX001, HX002 (P2), HX003 (P3)
    // Chinese aliases as the fields' alternative names.
    OGRFeatureDefn* defn = ds->GetLayerByName("conflicts")->GetLayerDefn();
#if GDAL_VERSION_NUM >= GDAL_COMPUTE_VERSION(3, 7, 0)
    EXPECT_STREQ(defn->GetFieldDefn(defn->GetFieldIndex("area_mu"))->GetAlternativeNameRef(), "面积(亩)");
#else
    (void)defn;  // GDAL 3.6 neither writes nor reads them: the writer fills gpkg_data_columns itself
#endif
    {
        OGRLayer* dc = ds->ExecuteSQL(
            "SELECT name FROM gpkg_data_columns WHERE table_name = 'conflicts' AND column_name = 'area_mu'", nullptr,
            nullptr);
        ASSERT_NE(dc, nullptr);
        OGRFeatureUniquePtr row(dc->GetNextFeature());
        ASSERT_TRUE(row);
        EXPECT_STREQ(row->GetFieldAsString(0), "面积(亩)");
        ds->ReleaseResultSet(dc);
    }

    OGRLayer* styles = ds->GetLayerByName("layer_styles");
    ASSERT_NE(styles, nullptr);
    std::set<std::string> styled;
    for (auto& f : *styles) {
        styled.insert(f->GetFieldAsString("f_table_name"));
        EXPECT_EQ(f->GetFieldAsInteger("useAsDefault"), 1);
        EXPECT_STREQ(f->GetFieldAsString("f_table_schema"), "");
        EXPECT_STREQ(f->GetFieldAsString("f_geometry_column"), "geom");
        const std::string qml = f->GetFieldAsString("styleQML");
        std::unique_ptr<CPLXMLNode, decltype(&CPLDestroyXMLNode)> doc(CPLParseXMLString(qml.c_str()), &CPLDestroyXMLNode);
        ASSERT_TRUE(doc) << qml;
        EXPECT_NE(CPLGetXMLNode(doc.get(), "=qgis.renderer-v2"), nullptr);
    }
    layers.erase("layer_styles");
    EXPECT_EQ(styled, layers);
}

TEST(Outputs, QgisOpensTheGeoPackageStyled) {
    const char* python = "/usr/bin/python3";
    if (std::system("/usr/bin/python3 -c 'import qgis.core' >/dev/null 2>&1") != 0) {
        GTEST_SKIP() << "QGIS (python3-qgis) is not installed: scripts/install-deps installs it";
    }
    test::TempDir tmp;
    const auto out = tmp / "result.gpkg";
    auto r = screen_to(out, "XMBH IN ('P1','P2','P3')");
    ASSERT_EQ(r.code, 0) << r.err;
    const std::string cmd = std::string("QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=") + tmp.path().string() + " " + python +
                            " " + test::data("map/qgis_styles.py").string() + " " + out.string() +
                            " conflicts footprints hit_redline 2>/dev/null";
    std::unique_ptr<FILE, decltype(&pclose)> pipe(popen(cmd.c_str(), "r"), &pclose);
    ASSERT_TRUE(pipe);
    std::string text;
    std::array<char, 4096> buf{};
    while (fgets(buf.data(), static_cast<int>(buf.size()), pipe.get()) != nullptr) text += buf.data();
    const auto j = nlohmann::json::parse(text.substr(text.find('{')));
    const auto& c = j["conflicts"];
    EXPECT_TRUE(c["valid"].get<bool>());
    EXPECT_EQ(c["renderer"], "categorizedSymbol");  // QGIS' default is singleSymbol: the style loaded
    EXPECT_EQ(c["attr"], "verdict");
    EXPECT_EQ(c["categories"]["prohibited"], "#ff0000");  // the conflict fill of the style table
    EXPECT_EQ(c["aliases"]["area_mu"], "面积(亩)");
    const auto& fp = j["footprints"];
    EXPECT_EQ(fp["renderer"], "singleSymbol");
    EXPECT_EQ(fp["symbol_layers"], nlohmann::json::array({"SimpleFill", "SimpleLine"}));
    EXPECT_EQ(fp["color"], "#000000");
    EXPECT_EQ(fp["features"], 3);
    const auto& red = j["hit_redline"];
    EXPECT_EQ(red["renderer"], "singleSymbol");
    EXPECT_EQ(red["color"], "#e60000");  // the red line's outline
}

/// All footprints of the small data without corridor widths: the conflicts mix polygons (10, and
/// one near entry without geometry), lines (3, the road P4 and the canal) and points (4).
test::CliResult screen_mixed_to(const std::filesystem::path& out) {
    return test::zoning_cli({"screen", "--catalog", kCatalog, kFootprints, "--id-field", "XMBH", "--name-field", "XMMC",
                             "-o", out.string(), "--format", "json"});
}

struct GpkgTable {
    OGRwkbGeometryType type = wkbNone;
    GIntBig features = 0;
};

std::map<std::string, GpkgTable> gpkg_tables(GDALDataset& ds) {
    std::map<std::string, GpkgTable> t;
    for (auto* l : ds.GetLayers())
        t[l->GetName()] = {wkbFlatten(l->GetGeomType()), l->GetFeatureCount()};
    return t;
}

std::string sql_value(GDALDataset& ds, const std::string& sql) {
    OGRLayer* res = ds.ExecuteSQL(sql.c_str(), nullptr, nullptr);
    if (res == nullptr) return "<no result>";
    OGRFeatureUniquePtr row(res->GetNextFeature());
    std::string v = row ? row->GetFieldAsString(0) : "<no row>";
    ds.ReleaseResultSet(res);
    return v;
}

// Regression: mixed conflicts went to one GeoPackage table of geometry type Unknown, which QGIS
// opens as sublayers with its default symbols, no aliases and no labels. Now one table per
// geometry type, each with its style row and aliases, like the shapefile set.
TEST(Outputs, MixedGeoPackageHasOneStyledTablePerGeometryType) {
    test::TempDir tmp;
    const auto out = tmp / "mixed.gpkg";
    auto r = screen_mixed_to(out);
    ASSERT_EQ(r.code, 0) << r.err;
    const auto report = nlohmann::json::parse(r.out);
    size_t rows = 0;
    for (const auto& fp : report["footprints"]) {
        for (const auto& c : fp["conflicts"])
            rows += c["features"].size();
    }
    ASSERT_EQ(rows, 18u);
    EXPECT_EQ(r.err.find("note:"), std::string::npos) << r.err;  // one file: nothing to announce

    GDALAllRegister();
    GDALDatasetUniquePtr ds(GDALDataset::Open(out.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    ASSERT_TRUE(ds);
    auto tables = gpkg_tables(*ds);
    EXPECT_EQ(tables.count("conflicts"), 0u);
    EXPECT_EQ(tables["conflicts_polygons"].type, wkbMultiPolygon);
    EXPECT_EQ(tables["conflicts_lines"].type, wkbMultiLineString);
    EXPECT_EQ(tables["conflicts_points"].type, wkbMultiPoint);
    EXPECT_EQ(tables["conflicts_polygons"].features, 11);  // 10 pieces and the near entry (no geometry)
    EXPECT_EQ(tables["conflicts_lines"].features, 3);
    EXPECT_EQ(tables["conflicts_points"].features, 4);
    // The footprints mix types too (6 polygons, 1 line, 2 points).
    EXPECT_EQ(tables.count("footprints"), 0u);
    EXPECT_EQ(tables["footprints_polygons"].type, wkbMultiPolygon);
    EXPECT_EQ(tables["footprints_lines"].type, wkbMultiLineString);
    EXPECT_EQ(tables["footprints_points"].type, wkbMultiPoint);
    EXPECT_EQ(tables["footprints_polygons"].features + tables["footprints_lines"].features +
                  tables["footprints_points"].features,
              static_cast<GIntBig>(report["footprints"].size()));
    EXPECT_EQ(tables["footprints_points"].features, 2);
    for (const auto& [name, t] : tables) {
        if (name == "layer_styles") continue;
        EXPECT_NE(t.type, wkbUnknown) << name;  // no table of mixed geometry
        // One style row per table, of the table's geometry type.
        EXPECT_EQ(sql_value(*ds, "SELECT COUNT(*) FROM layer_styles WHERE f_table_name = '" + name + "'"), "1") << name;
        const std::string qml = sql_value(*ds, "SELECT styleQML FROM layer_styles WHERE f_table_name = '" + name + "'");
        std::unique_ptr<CPLXMLNode, decltype(&CPLDestroyXMLNode)> doc(CPLParseXMLString(qml.c_str()),
                                                                      &CPLDestroyXMLNode);
        ASSERT_TRUE(doc) << name;
        const char* dim = t.type == wkbMultiPoint ? "0" : t.type == wkbMultiLineString ? "1" : "2";
        EXPECT_STREQ(CPLGetXMLValue(doc.get(), "=qgis.layerGeometryType", ""), dim) << name;
    }
    for (const char* name : {"conflicts_polygons", "conflicts_lines", "conflicts_points"}) {
        EXPECT_EQ(sql_value(*ds, std::string("SELECT name FROM gpkg_data_columns WHERE table_name = '") + name +
                                     "' AND column_name = 'area_mu'"),
                  "面积(亩)")
            << name;
        const std::string qml =
            sql_value(*ds, std::string("SELECT styleQML FROM layer_styles WHERE f_table_name = '") + name + "'");
        std::unique_ptr<CPLXMLNode, decltype(&CPLDestroyXMLNode)> doc(CPLParseXMLString(qml.c_str()),
                                                                      &CPLDestroyXMLNode);
        ASSERT_TRUE(doc) << name;
        EXPECT_STREQ(CPLGetXMLValue(doc.get(), "=qgis.renderer-v2.type", ""), "categorizedSymbol") << name;
        EXPECT_STREQ(CPLGetXMLValue(doc.get(), "=qgis.renderer-v2.attr", ""), "verdict") << name;
    }
    // Every report row once, in the table of its geometry type (the GeoJSON output is the reference).
    const auto gj_out = tmp / "mixed.geojson";
    ASSERT_EQ(screen_mixed_to(gj_out).code, 0);
    GDALDatasetUniquePtr gj(GDALDataset::Open(gj_out.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    ASSERT_TRUE(gj);
    std::multiset<std::string> want, got;
    auto key = [](OGRFeature& f, const char* type) {
        std::string k = f.GetFieldAsString("fp_id");
        k += std::string("|") + f.GetFieldAsString("layer");
        k += "|" + std::to_string(f.GetFieldAsInteger64("feat_fid")) + "|" + type;
        return k;
    };
    for (auto& f : *gj->GetLayer(0)) {
        const OGRGeometry* g = f->GetGeometryRef();
        const int d = g == nullptr ? 2 : g->getDimension();
        want.insert(key(*f, d == 2 ? "polygons" : d == 1 ? "lines" : "points"));
    }
    for (const char* type : {"polygons", "lines", "points"}) {
        for (auto& f : *ds->GetLayerByName((std::string("conflicts_") + type).c_str()))
            got.insert(key(*f, type));
    }
    EXPECT_EQ(got, want);
}

TEST(Outputs, QgisOpensEachGeometryTypeTableStyled) {
    if (std::system("/usr/bin/python3 -c 'import qgis.core' >/dev/null 2>&1") != 0) {
        GTEST_SKIP() << "QGIS (python3-qgis) is not installed: scripts/install-deps installs it";
    }
    test::TempDir tmp;
    const auto out = tmp / "mixed.gpkg";
    ASSERT_EQ(screen_mixed_to(out).code, 0);
    const std::string cmd = std::string("QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=") + tmp.path().string() +
                            " /usr/bin/python3 " + test::data("map/qgis_styles.py").string() + " " + out.string() +
                            " conflicts_polygons conflicts_lines conflicts_points footprints_points 2>/dev/null";
    std::unique_ptr<FILE, decltype(&pclose)> pipe(popen(cmd.c_str(), "r"), &pclose);
    ASSERT_TRUE(pipe);
    std::string text;
    std::array<char, 4096> buf{};
    while (fgets(buf.data(), static_cast<int>(buf.size()), pipe.get()) != nullptr)
        text += buf.data();
    const auto j = nlohmann::json::parse(text.substr(text.find('{')));
    for (const char* name : {"conflicts_polygons", "conflicts_lines", "conflicts_points"}) {
        const auto& c = j[name];
        EXPECT_TRUE(c["valid"].get<bool>()) << name;
        EXPECT_EQ(c["renderer"], "categorizedSymbol") << name;  // the style loaded, not QGIS' default
        EXPECT_EQ(c["attr"], "verdict") << name;
        EXPECT_EQ(c["aliases"]["area_mu"], "面积(亩)") << name;
    }
    EXPECT_EQ(j["conflicts_points"]["features"], 4);
    EXPECT_EQ(j["conflicts_lines"]["features"], 3);
    EXPECT_EQ(j["footprints_points"]["renderer"], "singleSymbol");
    EXPECT_EQ(j["footprints_points"]["features"], 2);
}

TEST(Outputs, ShapefileSetWithQmlBesideIt) {
    test::TempDir tmp;
    const auto out = tmp / "result.shp";
    auto r = screen_to(out, "XMBH IN ('P1','P2')");
    ASSERT_EQ(r.code, 0) << r.err;
    for (const char* ext : {".shp", ".shx", ".dbf", ".prj", ".cpg", ".qml"}) {
        EXPECT_TRUE(std::filesystem::exists(tmp / (std::string("result") + ext))) << ext;
    }
    EXPECT_EQ(test::read_file(tmp / "result.cpg").substr(0, 5), "UTF-8");
    std::unique_ptr<CPLXMLNode, decltype(&CPLDestroyXMLNode)> doc(CPLParseXMLFile((tmp / "result.qml").c_str()), &CPLDestroyXMLNode);
    ASSERT_TRUE(doc);
    EXPECT_STREQ(CPLGetXMLValue(doc.get(), "=qgis.renderer-v2.type", ""), "categorizedSymbol");
    EXPECT_STREQ(CPLGetXMLValue(doc.get(), "=qgis.layerGeometryType", ""), "2");
    // Every field name within 10 bytes, each with its Chinese alias in the .qml.
    GDALDatasetUniquePtr ds(GDALDataset::Open(out.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    ASSERT_TRUE(ds);
    OGRFeatureDefn* defn = ds->GetLayer(0)->GetLayerDefn();
    const std::string qml = test::read_file(tmp / "result.qml");
    for (int i = 0; i < defn->GetFieldCount(); ++i) {
        const std::string name = defn->GetFieldDefn(i)->GetNameRef();
        EXPECT_LE(name.size(), 10u) << name;
        EXPECT_NE(qml.find("<alias field=\"" + name + "\""), std::string::npos) << name;
    }
    EXPECT_NE(qml.find("name=\"面积(公顷)\""), std::string::npos);
}

TEST(Outputs, KmlInWgs84WithStylesAndBalloons) {
    test::TempDir tmp;
    const auto out = tmp / "result.kml";
    auto r = screen_to(out, "XMBH = 'P1'");
    ASSERT_EQ(r.code, 0) << r.err;
    std::unique_ptr<CPLXMLNode, decltype(&CPLDestroyXMLNode)> doc(CPLParseXMLFile(out.c_str()), &CPLDestroyXMLNode);
    ASSERT_TRUE(doc);
    const std::string kml = test::read_file(out);
    // P1: its footprint, a piece in HX001, and the township it lies in.
    size_t placemarks = 0;
    for (size_t p = kml.find("<Placemark>"); p != std::string::npos; p = kml.find("<Placemark>", p + 1)) ++placemarks;
    EXPECT_EQ(placemarks, 3u);
    EXPECT_NE(kml.find("<Style id=\"layer-redline\">"), std::string::npos);
    EXPECT_NE(kml.find("<styleUrl>#layer-redline</styleUrl>"), std::string::npos);
    EXPECT_NE(kml.find("<color>ff0000e6</color>"), std::string::npos);  // #e60000 as aabbggrr
    // The piece's balloon: 公顷 and 亩 from the ellipsoidal area (docs/areas.md), the planar
    // 500,000 m² beside it.
    EXPECT_NE(kml.find("<td>冲突面积(椭球)</td><td>499989.11 m² = 49.9989 公顷 = 749.98 亩</td>"), std::string::npos);
    EXPECT_NE(kml.find("<td>冲突面积(平面)</td><td>500000.00 m²</td>"), std::string::npos);
    // Coordinates are lon,lat near 114° E (EPSG:4547 is CM 114° E), 39.9° N.
    const size_t c = kml.find("<coordinates>") + 13;
    double lon = 0, lat = 0;
    ASSERT_EQ(std::sscanf(kml.c_str() + c, "%lf,%lf", &lon, &lat), 2);
    EXPECT_NEAR(lon, 113.65, 0.1);
    EXPECT_NEAR(lat, 39.93, 0.1);
}

}  // namespace
}  // namespace zoning
