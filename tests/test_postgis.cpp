// PostGIS catalog sources (#17) against a real server: run by tests/postgis/with-cluster, which
// starts a throwaway PostgreSQL 15 + PostGIS 3 cluster, loads tests/data/small and
// shapefiles/yunzhou into schemas `small` and `yunzhou` (scripts/load-postgis) and writes their
// PG twin catalogs. Built as its own program (zoning_postgis_tests), one ctest entry `postgis`.
#include <gtest/gtest.h>

#include "postgis/pg_test_util.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

using pgtest::env;
using pgtest::psql;
using pgtest::quote;
using pgtest::Result;
using pgtest::zoning;

const std::string kData = ZONING_TEST_DATA;
const std::string kRoot = ZONING_SOURCE_DIR;

std::string shp_catalog(const std::string& name) {
    return name == "small" ? kData + "/small/catalog.yaml" : kRoot + "/shapefiles/yunzhou/catalog.yaml";
}
std::string pg_catalog(const std::string& name) { return env("ZONING_PG_CATALOGS") + "/" + name + "/catalog.yaml"; }

// screen and stats reports do not print the catalog's sources; check's findings and the warnings
// name a feature by its source: "redline.shp layer redline: fid 3" from the files,
// "PG:host=… layer yunzhou.redline: fid 3" from the database. Both become "SOURCE(redline)";
// everything else must be the same bytes.
std::string sources_named(const std::string& s) {
    static const std::regex pg("PG:[^\"\\n]*? layer [a-z_]+\\.([a-z_]+)");
    static const std::regex file("[^ \"\\n(]*\\.(shp|geojson) layer ([a-z_]+)");
    return std::regex_replace(std::regex_replace(s, pg, "SOURCE($1)"), file, "SOURCE($2)");
}

class PostGIS : public ::testing::Test {
protected:
    void SetUp() override {
        if (env("ZONING_PG").empty()) GTEST_FAIL() << "run through tests/postgis/with-cluster (ZONING_PG unset)";
    }
};

struct Case {
    std::string catalog;  ///< small or yunzhou
    std::vector<std::string> args;  ///< after `CMD -c CATALOG`
    std::string command;
};

void expect_same(const Case& c) {
    std::vector<std::string> a{c.command, "-c", shp_catalog(c.catalog)}, b{c.command, "-c", pg_catalog(c.catalog)};
    a.insert(a.end(), c.args.begin(), c.args.end());
    b.insert(b.end(), c.args.begin(), c.args.end());
    const Result file = zoning(a), pg = zoning(b);
    ASSERT_EQ(file.exit, pg.exit) << pg.err;
    ASSERT_FALSE(file.out.empty()) << file.err;
    EXPECT_EQ(sources_named(file.out), sources_named(pg.out)) << c.command << " " << c.catalog;
}

const std::vector<std::string> kSmallSites{kData + "/small/footprints.geojson", "--id-field", "XMBH", "--name-field",
                                           "XMMC", "--width-field", "KD", "--no-cache"};

}  // namespace

TEST_F(PostGIS, ScreenSmallIsByteIdenticalToTheFileCatalog) {
    for (const char* f : {"json", "text", "csv"}) {
        std::vector<std::string> args = kSmallSites;
        args.insert(args.end(), {"-f", f});
        expect_same({"small", args, "screen"});
    }
}

TEST_F(PostGIS, ScreenYunzhouIsByteIdenticalToTheFileCatalog) {
    for (const char* project : {"datang_pv_100mw", "dongshan_tourist_road", "water_source_fences"}) {
        for (const char* f : {"json", "text"}) {
            expect_same({"yunzhou", {kRoot + "/examples/projects/" + project + ".geojson", "--no-cache", "-f", f}, "screen"});
        }
    }
}

TEST_F(PostGIS, StatsAndCheckAreByteIdenticalToTheFileCatalog) {
    for (const char* cat : {"small", "yunzhou"}) {
        for (const char* f : {"json", "text"}) {
            expect_same({cat, {"--no-cache", "-f", f}, "stats"});
            expect_same({cat, {"-f", f}, "check"});
        }
    }
}

TEST_F(PostGIS, ServerDownIsExit2WithTheLayerAndLibpqsReasonOnOneLine) {
    const fs::path dir = fs::temp_directory_path() / ("zoning-pg-down-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::ofstream(dir / "catalog.yaml") << "name: t\ncrs: EPSG:4547\nlayers:\n  - id: redline\n    kind: ecological_redline\n"
                                           "    source: \"PG:host=127.0.0.1 port=1 dbname=zoning user=postgres\"\n"
                                           "    layer: small.redline\n";
    const Result r = zoning({"stats", "-c", (dir / "catalog.yaml").string(), "--no-cache"});
    EXPECT_EQ(r.exit, 2);
    EXPECT_NE(r.err.find("catalog.yaml:6: layer 'redline': PG:host=127.0.0.1 port=1 dbname=zoning user=postgres: cannot connect: "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("Connection refused"), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    fs::remove_all(dir);
}

TEST_F(PostGIS, WrongTableMissingColumnAndPasswordAreNamed) {
    const fs::path dir = fs::temp_directory_path() / ("zoning-pg-bad-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string src = "    source: \"PG:" + env("ZONING_PG") + "\"\n";
    std::ofstream(dir / "table.yaml") << "name: t\ncrs: EPSG:4547\nlayers:\n  - id: redline\n    kind: ecological_redline\n" << src
                                      << "    layer: small.nosuch\n";
    Result r = zoning({"stats", "-c", (dir / "table.yaml").string(), "--no-cache"});
    EXPECT_EQ(r.exit, 2);
    EXPECT_NE(r.err.find("layer 'redline': PG:" + env("ZONING_PG") + ": no table 'small.nosuch'"), std::string::npos) << r.err;

    std::ofstream(dir / "field.yaml") << "name: t\ncrs: EPSG:4547\nlayers:\n  - id: redline\n    kind: ecological_redline\n" << src
                                      << "    layer: small.redline\n    name_field: NOSUCH\n";
    r = zoning({"stats", "-c", (dir / "field.yaml").string(), "--no-cache"});
    EXPECT_EQ(r.exit, 2);
    EXPECT_NE(r.err.find("field.yaml:8: layer 'redline': name_field 'NOSUCH' is not a field of PG:"), std::string::npos) << r.err;

    // A password in the catalog: a warning naming the line; the password is never printed.
    std::ofstream(dir / "password.yaml") << "name: t\ncrs: EPSG:4547\nlayers:\n  - id: redline\n    kind: ecological_redline\n"
                                         << "    source: \"PG:" << env("ZONING_PG") << " password=s3cret\"\n    layer: small.redline\n";
    r = zoning({"info", "-c", (dir / "password.yaml").string(), "--no-cache"});
    EXPECT_EQ(r.exit, 0) << r.err;
    EXPECT_NE((r.err + r.out).find("password.yaml:6: layer 'redline': the catalog holds a password"), std::string::npos) << r.err << r.out;
    EXPECT_EQ((r.err + r.out).find("s3cret"), std::string::npos) << r.err << r.out;

    // sql: a read-only query.
    std::ofstream(dir / "sql.yaml") << "name: t\ncrs: EPSG:4547\nlayers:\n  - id: redline\n    kind: ecological_redline\n" << src
                                    << "    sql: \"SELECT fid, \\\"HXMC\\\", geom FROM small.redline WHERE fid < 2\"\n    name_field: HXMC\n";
    r = zoning({"info", "-c", (dir / "sql.yaml").string(), "--no-cache", "-f", "json"});
    EXPECT_EQ(r.exit, 0) << r.err;
    EXPECT_NE(r.out.find("\"features\": 2"), std::string::npos) << r.out;
    fs::remove_all(dir);
}

TEST_F(PostGIS, IndexRefusesADatabaseSourceAndScreenSaysItReadsTheDatabase) {
    const fs::path dir = fs::temp_directory_path() / ("zoning-pg-cache-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const Result r = zoning({"index", "-c", pg_catalog("small"), "--cache-dir", dir.string()});
    EXPECT_EQ(r.exit, 2);
    EXPECT_NE(r.err.find("layer 'redline' reads from a database (PG:" + env("ZONING_PG") +
                         "): a database source is never cached"), std::string::npos) << r.err;
    fs::remove_all(dir);
}

// Screening one site reads from each table only the features whose box meets the site's box
// grown by the largest near_m (100 m) and 1 m: counted by the server with the same box.
TEST_F(PostGIS, ScreeningOneSiteReadsOnlyTheFeaturesNearIt) {
    const std::string site = kRoot + "/examples/projects/datang_pv_100mw.geojson";
    const std::string load = "ogr2ogr -f PostgreSQL " + quote("PG:" + env("ZONING_PG")) + " " + quote(site) +
                             " -nln public.site_one -overwrite -t_srs EPSG:4547 -lco GEOMETRY_NAME=geom 2>&1";
    ASSERT_EQ(std::system(load.c_str()), 0);
    const Result r = zoning({"screen", "-c", pg_catalog("yunzhou"), site, "--no-cache", "-f", "json", "--timing"});
    ASSERT_EQ(r.exit, 0) << r.err;
    const size_t at = r.err.find("timing: features read: ");
    ASSERT_NE(at, std::string::npos) << r.err;
    const std::string line = r.err.substr(at, r.err.find('\n', at) - at);
    std::int64_t read_total = 0, table_total = 0;
    for (const char* layer : {"district", "townships", "redline", "reserve", "park", "water", "farmland", "urban",
                              "units", "rivers", "heritage"}) {
        // The admin layers (they give the coverage) are filtered too: the districts and
        // townships meeting the box are all the site can meet.
        const std::string near = psql("SELECT count(*) FROM yunzhou." + std::string(layer) +
                                      " t, (SELECT ST_Expand(ST_Extent(geom)::geometry, 101) AS b FROM public.site_one) s "
                                      "WHERE t.geom && s.b");
        const std::string all = psql("SELECT count(*) FROM yunzhou." + std::string(layer));
        EXPECT_NE(line.find(std::string(" ") + layer + " " + near + " (database)"), std::string::npos)
            << layer << ": " << near << " near of " << all << "; " << line;
        read_total += std::stoll(near);
        table_total += std::stoll(all);
    }
    EXPECT_LT(read_total * 10, table_total) << line;  // a tenth of the catalog at most
    // The report is the one of the shapefile catalog (which reads everything).
    const Result file = zoning({"screen", "-c", shp_catalog("yunzhou"), site, "--no-cache", "-f", "json"});
    EXPECT_EQ(file.out, r.out);
}

// A site outside the district (7 km east of it): from the database as from the files, outside the
// coverage, verdict unknown, never "allowed". The admin tables have nothing in the site's box:
// filtered, they would say nothing about the coverage, so they are read again, whole.
TEST_F(PostGIS, ASiteOutsideTheDistrictIsNotScreenedFromTheDatabaseEither) {
    const fs::path site = fs::temp_directory_path() / ("zoning-pg-outside-" + std::to_string(::getpid()) + ".geojson");
    std::ofstream(site) << R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4547"}},)"
                           R"("features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":)"
                           R"([[[495000,4420000],[496000,4420000],[496000,4421000],[495000,4421000],[495000,4420000]]]}}]})";
    for (const char* f : {"json", "text"}) {
        expect_same({"yunzhou", {site.string(), "--no-cache", "--allow-outside", "-f", f}, "screen"});
    }
    const Result pg = zoning({"screen", "-c", pg_catalog("yunzhou"), site.string(), "--no-cache", "--allow-outside", "-f", "json"});
    EXPECT_NE(pg.out.find("\"verdict\": \"unknown\""), std::string::npos) << pg.out;
    const Result timed = zoning({"screen", "-c", pg_catalog("yunzhou"), site.string(), "--no-cache", "--allow-outside",
                                 "-f", "json", "--timing"});
    for (const char* admin : {"district", "townships"}) {
        const std::string all = psql(std::string("SELECT count(*) FROM yunzhou.") + admin);
        EXPECT_NE(timed.err.find(std::string(" ") + admin + " " + all + " (database)"), std::string::npos)
            << admin << " read whole (" << all << "): " << timed.err;
    }
    EXPECT_NE(timed.err.find(" redline 0 (database)"), std::string::npos) << timed.err;
    fs::remove(site);
}

// A site across the district's boundary: the districts and townships in its box give the same
// coverage, outside part and report as the whole files.
TEST_F(PostGIS, ASiteAcrossTheDistrictBoundaryGivesTheFileCatalogsReport) {
    // The district's easternmost point, from the server: a 2 km square centred on it is half out.
    const std::string xy = psql("SELECT ST_X(p) || ',' || ST_Y(p) FROM (SELECT (ST_DumpPoints(geom)).geom AS p "
                                "FROM yunzhou.district) d ORDER BY ST_X(p) DESC LIMIT 1");
    const double x = std::stod(xy.substr(0, xy.find(','))), y = std::stod(xy.substr(xy.find(',') + 1));
    const fs::path site = fs::temp_directory_path() / ("zoning-pg-across-" + std::to_string(::getpid()) + ".geojson");
    std::ofstream(site) << std::fixed << R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4547"}},)"
                        << R"("features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[)"
                        << x - 1000 << "," << y - 1000 << "],[" << x + 1000 << "," << y - 1000 << "],[" << x + 1000 << ","
                        << y + 1000 << "],[" << x - 1000 << "," << y + 1000 << "],[" << x - 1000 << "," << y - 1000
                        << "]]]}}]}";
    for (const char* f : {"json", "text"}) {
        expect_same({"yunzhou", {site.string(), "--no-cache", "--allow-outside", "-f", f}, "screen"});
    }
    const Result pg = zoning({"screen", "-c", pg_catalog("yunzhou"), site.string(), "--no-cache", "--allow-outside",
                              "-f", "json", "--timing"});
    EXPECT_NE(pg.out.find("\"coverage\": \"partial\""), std::string::npos) << pg.out;
    const std::string all = psql("SELECT count(*) FROM yunzhou.townships");
    EXPECT_EQ(pg.err.find(" townships " + all + " (database)"), std::string::npos) << "filtered: " << pg.err;
    fs::remove(site);
}
