// Issue 13, "never a silent wrong answer on broken input": sources that GDAL cannot read to the
// end, that are cut short or whose parts disagree, stop `screen` and `index` with exit 2 (the file
// named, GDAL's message quoted), and are an error finding in `check`. Each case breaks a copy of
// committed data in a temporary folder.
#include "test_support.hpp"

#include <cpl_conv.h>
#include <nlohmann/json.hpp>
#include <ogr_spatialref.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>

#include <sys/stat.h>

namespace {

namespace fs = std::filesystem;
using zoning::test::read_file;
using zoning::test::write_file;
using zoning::test::zoning_cli;

const fs::path kRoot = ZONING_SOURCE_DIR;
const fs::path kYunzhou = kRoot / "shapefiles/yunzhou";
const std::string kWind = (kRoot / "examples/projects/jijiazhuang_wind.geojson").string();

/// Copies the shapefile `stem` (all its parts) from `from` into `to`.
void copy_shapefile(const fs::path& from, const std::string& stem, const fs::path& to) {
    for (const char* ext : {".shp", ".shx", ".dbf", ".prj", ".cpg"}) {
        if (fs::exists(from / (stem + ext))) fs::copy_file(from / (stem + ext), to / (stem + ext));
    }
}

/// A two-layer copy of the sample catalog (district, red line) in `dir`: its catalog file.
fs::path mini_catalog(const fs::path& dir) {
    copy_shapefile(kYunzhou, "district", dir);
    copy_shapefile(kYunzhou, "redline", dir);
    write_file(dir / "catalog.yaml",
               "name: mini\ncrs: EPSG:4547\nlayers:\n"
               "  - id: district\n    kind: admin\n    source: district.shp\n    name_field: XZQMC\n    verdict: allowed\n"
               "  - id: redline\n    kind: ecological_redline\n    source: redline.shp\n    name_field: HXMC\n"
               "    code_field: HXBM\n    verdict: prohibited\n");
    return dir / "catalog.yaml";
}

/// Overwrites 4 bytes at `offset` with `v`, little endian.
void poke_u32(const fs::path& p, std::streamoff offset, std::uint32_t v) {
    std::fstream f(p, std::ios::binary | std::ios::in | std::ios::out);
    f.seekp(offset);
    const char b[4] = {static_cast<char>(v & 0xff), static_cast<char>((v >> 8) & 0xff),
                       static_cast<char>((v >> 16) & 0xff), static_cast<char>((v >> 24) & 0xff)};
    f.write(b, 4);
}

struct BrokenLayer {
    const char* name;
    std::function<void(const fs::path& dir)> breaks;  ///< breaks the red line in `dir`
    const char* message;                              ///< in the error
};

void PrintTo(const BrokenLayer& c, std::ostream* os) { *os << c.name; }

class BrokenCatalogLayer : public ::testing::TestWithParam<BrokenLayer> {};

TEST_P(BrokenCatalogLayer, ScreenAndIndexStopCheckFinds) {
    zoning::test::TempDir tmp;
    const fs::path cat = mini_catalog(tmp.path());
    GetParam().breaks(tmp.path());

    auto r = zoning_cli({"screen", "--catalog", cat.string(), kWind, "--fail-on", "restricted"});
    EXPECT_EQ(r.code, 2) << r.out << r.err;
    EXPECT_NE(r.err.find("redline.shp"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(GetParam().message), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;

    // The cached path: index refuses to cache it.
    r = zoning_cli({"index", "--catalog", cat.string()});
    EXPECT_EQ(r.code, 2) << r.out << r.err;
    EXPECT_NE(r.err.find(GetParam().message), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(cat.string() + ".zcache"));

    // check: an error finding, and --fail-on error exits 1.
    r = zoning_cli({"check", "--catalog", cat.string(), "--fail-on", "error"});
    EXPECT_EQ(r.code, 1) << r.out << r.err;
    EXPECT_NE(r.out.find("unreadable_source"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(GetParam().message), std::string::npos) << r.out;
}

INSTANTIATE_TEST_SUITE_P(
    Reading, BrokenCatalogLayer,
    ::testing::Values(
        // GDAL: "fread(..) failed on DBF file." once; 169 of 341 features were read, exit 0.
        BrokenLayer{"DbfCutShort", [](const fs::path& d) { fs::resize_file(d / "redline.dbf", 21580); },
                    "failed on DBF file"},
        // No GDAL error at all: only the count catches it.
        BrokenLayer{"DbfRecordCountBelowShapes", [](const fs::path& d) { poke_u32(d / "redline.dbf", 4, 241); },
                    "declares 341 feature(s) but 241 could be read"},
        // The .shp cut to its header: every geometry unreadable (341 "empty or null geometry" warnings).
        BrokenLayer{"ShpCutToHeader", [](const fs::path& d) { fs::resize_file(d / "redline.shp", 100); },
                    "from .shp file"},
        // A polygon record claiming 2^31-1 points.
        BrokenLayer{"ShpHugePointCount", [](const fs::path& d) { poke_u32(d / "redline.shp", 148, 0x7fffffffU); },
                    "Corrupted .shp file : shape 0, nPoints=2147483647"},
        // Record offsets in the .shx pointing past the end of the .shp.
        BrokenLayer{"ShxBadOffsets", [](const fs::path& d) {
                        for (std::uint32_t i = 0; i < 341; i += 3) {
                            // big-endian offset in 16-bit words: 0x7fffff00 is far beyond the file
                            std::fstream f(d / "redline.shx", std::ios::binary | std::ios::in | std::ios::out);
                            f.seekp(100 + 8 * static_cast<std::streamoff>(i));
                            const char b[4] = {0x00, 0x7f, 0x00, 0x00};
                            f.write(b, 4);
                        }
                    },
                    "redline.shp"}),
    [](const ::testing::TestParamInfo<BrokenLayer>& i) { return std::string(i.param.name); });

TEST(BrokenInput, GoodSourcesCacheAndScreenFromTheCache) {
    zoning::test::TempDir tmp;
    const fs::path cat = mini_catalog(tmp.path());
    auto r = zoning_cli({"index", "--catalog", cat.string()});
    ASSERT_EQ(r.code, 0) << r.err;
    ASSERT_TRUE(fs::exists(cat.string() + ".zcache"));
    r = zoning_cli({"index", "--catalog", cat.string(), "--status"});
    EXPECT_EQ(r.code, 0) << r.out << r.err;
    r = zoning_cli({"screen", "--catalog", cat.string(), kWind, "--format", "json"});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.err.find("reading the sources"), std::string::npos) << r.err;  // from the cache

    // Broken after indexing: the cache is stale, the sources are read, and they are refused.
    fs::resize_file(tmp / "redline.dbf", 21580);
    r = zoning_cli({"screen", "--catalog", cat.string(), kWind});
    EXPECT_EQ(r.code, 2) << r.out << r.err;
    EXPECT_NE(r.err.find("failed on DBF file"), std::string::npos) << r.err;
}

TEST(BrokenInput, CutFootprintDbfStops) {
    // 6 of 15 turbines were screened, the prohibited T07 missing, --fail-on restricted exit 0.
    zoning::test::TempDir tmp;
    copy_shapefile(kRoot / "examples/projects/shp", "jijiazhuang_wind_points", tmp.path());
    fs::resize_file(tmp / "jijiazhuang_wind_points.dbf", 900);
    auto r = zoning_cli({"screen", "--catalog", (kYunzhou / "catalog.yaml").string(),
                         (tmp / "jijiazhuang_wind_points.shp").string(), "--fail-on", "restricted"});
    EXPECT_EQ(r.code, 2) << r.out << r.err;
    EXPECT_NE(r.err.find("jijiazhuang_wind_points.shp"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("failed on DBF file"), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
}

}  // namespace

namespace {

TEST(BrokenInput, ChangedGdalReadingOptionMakesTheCacheStale) {
    zoning::test::TempDir tmp;
    const fs::path cat = mini_catalog(tmp.path());
    ASSERT_EQ(zoning_cli({"index", "--catalog", cat.string()}).code, 0);
    ASSERT_EQ(zoning_cli({"index", "--catalog", cat.string(), "--status"}).code, 0);
    for (const char* option : {"OGR_ORGANIZE_POLYGONS", "OGR_GEOMETRY_ACCEPT_UNCLOSED_RING", "SHAPE_ENCODING"}) {
        CPLSetConfigOption(option, "SKIP");
        const auto r = zoning_cli({"index", "--catalog", cat.string(), "--status"});
        CPLSetConfigOption(option, nullptr);
        EXPECT_EQ(r.code, 1) << option;
        EXPECT_NE((r.out + r.err).find(std::string("GDAL configuration options changed: ") + option + " (unset) -> SKIP"),
                  std::string::npos)
            << r.out << r.err;
    }
    EXPECT_EQ(zoning_cli({"index", "--catalog", cat.string(), "--status"}).code, 0);  // all unset again
}

}  // namespace

namespace {

/// The .prj of `epsg`, as ESRI writes it.
std::string esri_prj(int epsg) {
    OGRSpatialReference srs;
    EXPECT_EQ(srs.importFromEPSG(epsg), OGRERR_NONE);
    srs.morphToESRI();
    char* wkt = nullptr;
    srs.exportToWkt(&wkt);
    std::string out = wkt != nullptr ? wkt : "";
    CPLFree(wkt);
    return out;
}

TEST(BrokenInput, LayerWithAWrongPrjIsRefused) {
    // The red line landed hundreds of km away, exit 0, no warning.
    for (int epsg : {4546, 3857}) {
        SCOPED_TRACE(epsg);
        zoning::test::TempDir tmp;
        const fs::path cat = mini_catalog(tmp.path());
        write_file(tmp / "redline.prj", esri_prj(epsg));
        auto r = zoning_cli({"screen", "--catalog", cat.string(), kWind});
        EXPECT_EQ(r.code, 2) << r.out << r.err;
        EXPECT_NE(r.err.find("redline.shp"), std::string::npos) << r.err;
        EXPECT_NE(r.err.find("layer 'redline': 341 of 341 features lie outside the district"), std::string::npos) << r.err;
        EXPECT_NE(r.err.find("wrong .prj"), std::string::npos) << r.err;
        EXPECT_TRUE(r.out.empty()) << r.out;
        r = zoning_cli({"index", "--catalog", cat.string()});
        EXPECT_EQ(r.code, 2) << r.out << r.err;
        EXPECT_FALSE(fs::exists(cat.string() + ".zcache"));
    }
}

TEST(BrokenInput, CheckReportsALayerWithAWrongPrj) {
    // `check` read the misplaced red line raw and said 0 errors (#13 item 3): the loader's extent
    // rule is an error finding there, naming the layer and the likely cause.
    for (int epsg : {4546, 3857}) {
        SCOPED_TRACE(epsg);
        zoning::test::TempDir tmp;
        const fs::path cat = mini_catalog(tmp.path());
        auto r = zoning_cli({"check", "--catalog", cat.string(), "-f", "json", "--fail-on", "error"});
        ASSERT_EQ(r.code, 0) << r.out << r.err;  // legit: no error
        write_file(tmp / "redline.prj", esri_prj(epsg));
        r = zoning_cli({"check", "--catalog", cat.string(), "-f", "json", "--fail-on", "error"});
        EXPECT_EQ(r.code, 1) << r.out << r.err;
        const auto j = nlohmann::json::parse(r.out);
        const nlohmann::json* found = nullptr;
        size_t outside = 0;
        for (const auto& f : j["findings"]) {
            if (f["type"] == "misplaced_layer") found = &f;
            if (f["type"] == "outside_district") ++outside;
        }
        ASSERT_NE(found, nullptr) << r.out;
        EXPECT_EQ((*found)["severity"], "error");
        EXPECT_EQ((*found)["layer"], "redline");
        const std::string detail = (*found)["detail"];
        EXPECT_NE(detail.find("redline.shp"), std::string::npos) << detail;
        EXPECT_NE(detail.find("layer 'redline': 341 of 341 features lie outside the district"), std::string::npos) << detail;
        EXPECT_NE(detail.find(epsg == 4546 ? "EPSG:4546" : "EPSG:3857"), std::string::npos) << detail;
        EXPECT_NE(detail.find("wrong .prj"), std::string::npos) << detail;
        EXPECT_EQ(outside, 0U) << "the misplaced layer's features are not listed one by one";
        // The text names it too.
        r = zoning_cli({"check", "--catalog", cat.string()});
        EXPECT_EQ(r.code, 0) << r.err;
        EXPECT_NE(r.out.find("misplaced_layer"), std::string::npos) << r.out;
        EXPECT_NE(r.out.find("错误 1,"), std::string::npos) << r.out;
    }
}

TEST(BrokenInput, LayerWithAWrongPrjIsRefusedWithoutADistrictToo) {
    // No admin layer: the other layers are the coverage.
    zoning::test::TempDir tmp;
    for (const char* stem : {"redline", "farmland", "urban"}) copy_shapefile(kYunzhou, stem, tmp.path());
    write_file(tmp / "catalog.yaml",
               "name: mini\ncrs: EPSG:4547\nlayers:\n"
               "  - {id: redline, kind: ecological_redline, source: redline.shp, verdict: prohibited}\n"
               "  - {id: farmland, kind: permanent_farmland, source: farmland.shp, verdict: prohibited}\n"
               "  - {id: urban, kind: urban_boundary, source: urban.shp, verdict: restricted}\n");
    auto r = zoning_cli({"screen", "--catalog", (tmp / "catalog.yaml").string(), kWind});
    ASSERT_EQ(r.code, 0) << r.err;  // legit
    write_file(tmp / "urban.prj", esri_prj(4546));
    r = zoning_cli({"screen", "--catalog", (tmp / "catalog.yaml").string(), kWind});
    EXPECT_EQ(r.code, 2) << r.out << r.err;
    EXPECT_NE(r.err.find("layer 'urban'"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("outside the other layers"), std::string::npos) << r.err;
    // check reports it by the same rule.
    r = zoning_cli({"check", "--catalog", (tmp / "catalog.yaml").string(), "-f", "json"});
    ASSERT_EQ(r.code, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    size_t misplaced = 0;
    for (const auto& f : j["findings"]) {
        if (f["type"] != "misplaced_layer") continue;
        ++misplaced;
        EXPECT_EQ(f["layer"], "urban");
        EXPECT_NE(f["detail"].get<std::string>().find("lie outside the other layers after reprojection from EPSG:4546"),
                  std::string::npos)
            << f["detail"];
    }
    EXPECT_EQ(misplaced, 1U) << r.out;
}

}  // namespace

// ---- footprints and layers that cannot be read as they are: exit 2, naming the place ----------

namespace {

const std::string kSmall = zoning::test::data("small/catalog.yaml").string();
std::string kFootprintsSmall() { return zoning::test::data("small/footprints.geojson").string(); }

struct BadSource {
    const char* name;
    std::function<std::vector<std::string>(const zoning::test::TempDir&)> args;
    const char* message;
};

void PrintTo(const BadSource& c, std::ostream* os) { *os << c.name; }

class UnreadableInput : public ::testing::TestWithParam<BadSource> {};

TEST_P(UnreadableInput, ExitTwoNamingThePlace) {
    zoning::test::TempDir tmp;
    auto r = zoning_cli(GetParam().args(tmp));
    EXPECT_EQ(r.code, 2) << r.out << r.err;
    EXPECT_NE(r.err.find(GetParam().message), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
}

std::string gk_geojson(const std::string& geometry) {
    return R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4547"}},"features":[{"type":"Feature","properties":{"XMBH":"G1"},"geometry":)" +
           geometry + "}]}";
}

/// A catalog with one layer, the red line of the sample catalog as copied into `dir`.
std::string redline_catalog(const fs::path& dir) {
    copy_shapefile(kYunzhou, "redline", dir);
    write_file(dir / "c.yaml", "name: x\nlayers:\n  - id: redline\n    kind: ecological_redline\n    source: redline.shp\n"
                               "    name_field: HXMC\n    verdict: prohibited\n");
    return (dir / "c.yaml").string();
}

INSTANTIATE_TEST_SUITE_P(
    Reading, UnreadableInput,
    ::testing::Values(
        // Was `restricted` with length_m 0: the line (alone `prohibited`) and the point dropped.
        BadSource{"MixedGeometryCollectionFootprint", [](const zoning::test::TempDir& d) {
                      write_file(d / "gc.geojson", gk_geojson(R"({"type":"GeometryCollection","geometries":[)"
                          R"({"type":"Polygon","coordinates":[[[469000,4419000],[469100,4419000],[469100,4419100],[469000,4419000]]]},)"
                          R"({"type":"LineString","coordinates":[[469500,4420500],[470500,4420500]]},)"
                          R"({"type":"Point","coordinates":[470000,4420000]}]})"));
                      return std::vector<std::string>{"screen", "--catalog", kSmall, (d / "gc.geojson").string()}; },
                  "fid 0: a GeometryCollection of 1 polygon, 1 line and 1 point part(s)"},
        BadSource{"MixedKmlMultiGeometryFootprint", [](const zoning::test::TempDir& d) {
                      write_file(d / "gc.kml", R"(<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>G1</name><MultiGeometry>
<Polygon><outerBoundaryIs><LinearRing><coordinates>113.60,40.00 113.601,40.00 113.601,40.001 113.60,40.00</coordinates></LinearRing></outerBoundaryIs></Polygon>
<LineString><coordinates>113.61,40.01 113.62,40.01</coordinates></LineString><Point><coordinates>113.63,40.02</coordinates></Point>
</MultiGeometry></Placemark></Document></kml>
)");
                      return std::vector<std::string>{"screen", "--catalog", (kYunzhou / "catalog.yaml").string(), (d / "gc.kml").string()}; },
                  "gc.kml layer gc fid 1: a GeometryCollection of 1 polygon, 1 line and 1 point part(s)"},
        BadSource{"TinFootprint", [](const zoning::test::TempDir& d) {
                      write_file(d / "t.csv", "id,WKT\n1,\"TIN (((470000 4420000 0,470100 4420000 0,470100 4420100 0,470000 4420000 0)))\"\n");
                      return std::vector<std::string>{"screen", "--catalog", kSmall, (d / "t.csv").string(), "--s-srs", "EPSG:4547"}; },
                  "fid 1: a TIN geometry (a 3-D surface) is not supported"},
        BadSource{"NanCoordinateFootprint", [](const zoning::test::TempDir& d) {
                      write_file(d / "n.geojson", gk_geojson(R"({"type":"Polygon","coordinates":[[[470000,4420000],[NaN,4420000],[470100,4420100],[470000,4420000]]]})"));
                      return std::vector<std::string>{"screen", "--catalog", kSmall, (d / "n.geojson").string()}; },
                  "fid 0: NaN or infinite coordinate (nan 4.42e+06) in the source"},
        BadSource{"NanCoordinateCatalogLayer", [](const zoning::test::TempDir& d) {
                      write_file(d / "z.geojson", gk_geojson(R"({"type":"Polygon","coordinates":[[[470000,4420000],[470100,4420000],[470100,Infinity],[470000,4420000]]]})"));
                      write_file(d / "c.yaml", "name: x\ncrs: EPSG:4547\nlayers:\n  - id: z\n    kind: other\n    source: z.geojson\n    verdict: prohibited\n");
                      return std::vector<std::string>{"screen", "--catalog", (d / "c.yaml").string(), kFootprintsSmall()}; },
                  "z.geojson layer z fid 0: NaN or infinite coordinate (470100 inf)"},
        BadSource{"NanCoordinateCatalogLayerNoWorkingCrs", [](const zoning::test::TempDir& d) {
                      write_file(d / "z.geojson", gk_geojson(R"({"type":"Polygon","coordinates":[[[470000,4420000],[470100,4420000],[470100,Infinity],[470000,4420000]]]})"));
                      write_file(d / "c.yaml", "name: x\nlayers:\n  - id: z\n    kind: other\n    source: z.geojson\n    verdict: prohibited\n");
                      return std::vector<std::string>{"screen", "--catalog", (d / "c.yaml").string(), kFootprintsSmall()}; },
                  "z.geojson layer z: its extent, to choose the working CRS: "},
        BadSource{"OnePointRingFootprint", [](const zoning::test::TempDir& d) {
                      write_file(d / "r.csv", "id,WKT\n1,\"POLYGON ((470000 4420000))\"\n");
                      return std::vector<std::string>{"screen", "--catalog", kSmall, (d / "r.csv").string(), "--s-srs", "EPSG:4547"}; },
                  "r.csv layer r fid 1: "},
        BadSource{"FifoAsCatalogLayer", [](const zoning::test::TempDir& d) {
                      EXPECT_EQ(::mkfifo((d / "fifo.geojson").c_str(), 0600), 0);
                      write_file(d / "c.yaml", "name: x\nlayers:\n  - id: a\n    kind: other\n    source: fifo.geojson\n"
                                               "    crs: EPSG:4547\n    verdict: prohibited\n");
                      return std::vector<std::string>{"screen", "--catalog", (d / "c.yaml").string(), kFootprintsSmall()}; },
                  "fifo.geojson: not a regular file"},
        BadSource{"MissingDbf", [](const zoning::test::TempDir& d) {
                      const std::string cat = redline_catalog(d.path());
                      fs::remove(d / "redline.dbf");
                      return std::vector<std::string>{"screen", "--catalog", cat, kWind}; },
                  "(fields: none: its .dbf is missing)"},
        BadSource{"GarbagePrj", [](const zoning::test::TempDir& d) {
                      const std::string cat = redline_catalog(d.path());
                      write_file(d / "redline.prj", "this is no CRS at all");
                      return std::vector<std::string>{"screen", "--catalog", cat, kWind}; },
                  "redline.prj could not be parsed as a CRS"}),
    [](const ::testing::TestParamInfo<BadSource>& i) { return std::string(i.param.name); });

}  // namespace

namespace {

TEST(BrokenInput, GbkTextUnderAUtf8CpgIsReadAsGbkWithAWarning) {
    // Was exit 3 (json.exception.type_error.316), and a KML written from it was not well-formed.
    zoning::test::TempDir tmp;
    for (const char* ext : {".shp", ".shx", ".dbf", ".prj"}) {
        fs::copy_file(zoning::test::data(std::string("formats/gbk_nocpg") + ext), tmp / (std::string("g") + ext));
    }
    write_file(tmp / "g.cpg", "UTF-8");  // wrong: the DBF holds GBK
    auto r = zoning_cli({"screen", "--catalog", kSmall, (tmp / "g.shp").string(), "--id-field", "DKBH",
                         "--name-field", "DKMC", "--format", "json"});
    ASSERT_LE(r.code, 1) << r.err;
    EXPECT_NE(r.err.find("1 text value(s) are not UTF-8 but valid GBK"), std::string::npos) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["footprints"][0]["id"], "YZ-2025-017");
    EXPECT_EQ(j["footprints"][0]["name"].get<std::string>().substr(0, 9), "污水处");

    // The same file as a catalog layer.
    write_file(tmp / "c.yaml", "name: t\nlayers:\n  - id: g\n    kind: other\n    source: g.shp\n    name_field: DKMC\n"
                               "    verdict: prohibited\n");
    r = zoning_cli({"screen", "--catalog", (tmp / "c.yaml").string(), (tmp / "g.shp").string(), "--format", "json"});
    ASSERT_LE(r.code, 1) << r.err;
    EXPECT_NE(r.err.find("not UTF-8 but valid GBK"), std::string::npos) << r.err;
    EXPECT_TRUE(nlohmann::json::accept(r.out)) << r.out;
}

}  // namespace

namespace {

TEST(BrokenInput, UnclosedRingIsClosedRepairedAndSaid) {
    // Was exit 2 or 3 with "unreadable WKB geometry ... do not form a closed linestring", no place.
    zoning::test::TempDir tmp;
    write_file(tmp / "u.csv", "id,WKT\n1,\"POLYGON ((469800 4420300,470200 4420300,470200 4420100,469800 4420100))\"\n");
    auto r = zoning_cli({"screen", "--catalog", kSmall, (tmp / "u.csv").string(), "--s-srs", "EPSG:4547", "--format", "json"});
    ASSERT_LE(r.code, 1) << r.err;
    EXPECT_NE(r.err.find("fid 1"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("a ring is not closed: closed it"), std::string::npos) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_NEAR(j["footprints"][0]["area_m2"].get<double>(), 400.0 * 200.0, 10.0);  // planar 80,000 m2; ellipsoidal within 10
}

}  // namespace
