// Database sources in the catalog (#17) without a server: parsing, password redaction, caching.
#include <zoning/cache.hpp>
#include <zoning/catalog.hpp>
#include <zoning/error.hpp>

#include "cache/fingerprint.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

using namespace zoning;

namespace {

std::string parse_error(const std::string& yaml) {
    try {
        Catalog::parse(yaml, "/data/cat.yaml");
    } catch (const CatalogError& e) {
        return e.what();
    }
    return {};
}

const char* kHead = "name: t\ncrs: EPSG:4547\nlayers:\n  - id: redline\n    kind: ecological_redline\n";

}  // namespace

TEST(PostgisCatalog, ADatabaseSourceIsNotAPath) {
    EXPECT_TRUE(is_database_source("PG:host=127.0.0.1 dbname=zoning"));
    EXPECT_TRUE(is_database_source("postgresql://u@h/db"));
    EXPECT_TRUE(is_database_source("postgres://h/db"));
    EXPECT_FALSE(is_database_source("PG.shp"));
    EXPECT_FALSE(is_database_source("data/redline.shp"));
    const Catalog c = Catalog::parse(std::string(kHead) + "    source: \"PG:host=h dbname=zoning\"\n    layer: yz.redline\n",
                                     "/data/cat.yaml");
    ASSERT_EQ(c.layers.size(), 1u);
    EXPECT_TRUE(c.layers[0].is_database());
    EXPECT_EQ(c.layers[0].source.string(), "PG:host=h dbname=zoning");  // not /data/PG:host=...
    EXPECT_EQ(c.layers[0].layer, "yz.redline");
    const Catalog f = Catalog::parse(std::string(kHead) + "    source: redline.shp\n", "/data/cat.yaml");
    EXPECT_FALSE(f.layers[0].is_database());
    EXPECT_EQ(f.layers[0].source.string(), "/data/redline.shp");
}

TEST(PostgisCatalog, SqlOnlyForADatabaseAndNotWithLayer) {
    EXPECT_EQ(parse_error(std::string(kHead) + "    source: redline.shp\n    sql: SELECT 1\n"),
              "/data/cat.yaml:7: sql: reads from a database source (PG:… or postgresql://…), not from a file");
    EXPECT_EQ(parse_error(std::string(kHead) + "    source: \"PG:dbname=z\"\n    layer: a.b\n    sql: SELECT 1\n"),
              "/data/cat.yaml:8: give either layer: (a table) or sql: (a query), not both");
    const Catalog c = Catalog::parse(std::string(kHead) + "    source: \"PG:dbname=z\"\n    sql: SELECT * FROM a.b\n",
                                     "/data/cat.yaml");
    EXPECT_EQ(c.layers[0].sql, "SELECT * FROM a.b");
}

TEST(PostgisCatalog, PasswordsAreRedacted) {
    EXPECT_EQ(redact_connection("PG:host=h password=s3cret dbname=z"), "PG:host=h password=*** dbname=z");
    EXPECT_EQ(redact_connection("PG:host=h password = 's3 cr\\'et' dbname=z"), "PG:host=h password = *** dbname=z");
    EXPECT_EQ(redact_connection("postgresql://user:s3cret@host:5432/db"), "postgresql://user:***@host:5432/db");
    EXPECT_EQ(redact_connection("postgresql://host/db?password=s3cret&sslmode=require"),
              "postgresql://host/db?password=***&sslmode=require");
    EXPECT_EQ(redact_connection("PG:host=h dbname=z"), "PG:host=h dbname=z");
    EXPECT_EQ(redact_connection("data/password=x.shp"), "data/password=x.shp");  // a file: as is
}

TEST(PostgisCatalog, ADatabaseSourceIsNeverCached) {
    const std::filesystem::path file = std::filesystem::temp_directory_path() /
                                       ("zoning-pg-cat-" + std::to_string(::getpid()) + ".yaml");
    std::ofstream(file) << kHead << "    source: \"PG:host=h password=pw dbname=z\"\n    layer: a.b\n";
    const Catalog c = Catalog::load(file);
    std::string why;
    EXPECT_TRUE(cache::dependencies(c, why).empty());
    std::filesystem::remove(file);
    EXPECT_EQ(why, "layer 'redline' reads from a database (PG:host=h password=*** dbname=z): a database source is "
                   "never cached, it is read (spatially filtered) on every run (docs/postgis.md)");
}
