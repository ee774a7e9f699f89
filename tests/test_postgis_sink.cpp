// Results into PostGIS (#17 stage 2): screen/check/stats -o "PG:…" --output-table NAME against
// the throwaway cluster of tests/postgis/with-cluster (part of zoning_postgis_tests).
#include <gtest/gtest.h>

#include "postgis/pg_test_util.hpp"

#include <nlohmann/json.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;

namespace {

using pgtest::env;
using pgtest::quote;
using pgtest::Result;

std::string command_line(const std::vector<std::string>& args, const fs::path& err) {
    std::string cmd = quote(ZONING_BINARY) + " --lang en";
    for (const auto& a : args) cmd += " " + quote(a);
    return cmd + " 2>" + quote(err.string());
}

fs::path temp_name(const std::string& what) {
    static int n = 0;
    return fs::temp_directory_path() / ("zoning-pgsink-" + what + "-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// Runs zoning --lang en with `args`, stdout and stderr captured.
Result zoning(const std::vector<std::string>& args) {
    const fs::path err = temp_name("err");
    Result r;
    FILE* p = ::popen(command_line(args, err).c_str(), "r");
    if (p == nullptr) return r;
    std::array<char, 65536> buf{};
    for (size_t got; (got = std::fread(buf.data(), 1, buf.size(), p)) > 0;) r.out.append(buf.data(), got);
    const int status = ::pclose(p);
    r.exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.err = slurp(err);
    fs::remove(err);
    return r;
}

using pgtest::psql;

std::vector<std::vector<std::string>> rows(const std::string& sql) {
    std::vector<std::vector<std::string>> out;
    std::istringstream in(psql(sql));
    for (std::string line; std::getline(in, line);) {
        std::vector<std::string> row;
        std::istringstream l(line);
        for (std::string v; std::getline(l, v, '|');) row.push_back(v);
        out.push_back(row);
    }
    return out;
}

const std::string kRoot = ZONING_SOURCE_DIR;
const std::string kYunzhou = kRoot + "/shapefiles/yunzhou/catalog.yaml";
std::string project(const std::string& name) { return kRoot + "/examples/projects/" + name + ".geojson"; }
std::string pg() { return "PG:" + env("ZONING_PG"); }

bool near_equal(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)}); }

class PostGISSink : public ::testing::Test {
protected:
    void SetUp() override {
        if (env("ZONING_PG").empty()) GTEST_FAIL() << "run through tests/postgis/with-cluster (ZONING_PG unset)";
        ASSERT_EQ(psql("CREATE SCHEMA IF NOT EXISTS results"), "");
    }
};

}  // namespace

TEST_F(PostGISSink, ScreenWritesTheFootprintsAndTheirPartsAsTheJsonReportSays) {
    const Result r = zoning({"screen", "-c", kYunzhou, project("datang_pv_100mw"), "--no-cache", "-f", "json", "-o", pg(),
                             "--output-table", "results.datang"});
    ASSERT_EQ(r.exit, 0) << r.err;
    const auto json = nlohmann::json::parse(r.out);
    size_t parts = 0;
    std::map<std::pair<std::string, std::int64_t>, std::pair<double, double>> areas;  // (layer, fid) -> areas
    for (const auto& fp : json["footprints"]) {
        for (const auto& c : fp["conflicts"]) {
            for (const auto& h : c["features"]) {
                ++parts;
                areas[{c["layer"].get<std::string>(), h["fid"].get<std::int64_t>()}] = {h["area_m2"].get<double>(),
                                                                                        h["area_ellipsoidal_m2"].get<double>()};
            }
        }
    }
    ASSERT_GT(parts, 5u);
    EXPECT_NE(r.err.find("note: wrote results.datang (1 rows), results.datang_parts (" + std::to_string(parts) + " rows), run "),
              std::string::npos) << r.err;
    // The report itself is the one without -o.
    const Result plain = zoning({"screen", "-c", kYunzhou, project("datang_pv_100mw"), "--no-cache", "-f", "json"});
    EXPECT_EQ(plain.out, r.out);

    const auto fp = rows("SELECT fp_id, verdict, area_m2, area_e_m2, coverage, ST_SRID(geom), GeometryType(geom), run_id IS NOT NULL, "
                         "run_at IS NOT NULL FROM results.datang");
    ASSERT_EQ(fp.size(), 1u);
    ASSERT_EQ(fp[0].size(), 9u);
    EXPECT_EQ(fp[0][0], json["footprints"][0]["id"].get<std::string>());
    EXPECT_EQ(fp[0][1], json["footprints"][0]["verdict"].get<std::string>());
    EXPECT_TRUE(near_equal(std::stod(fp[0][2]), json["footprints"][0]["area_m2"].get<double>())) << fp[0][2];
    EXPECT_TRUE(near_equal(std::stod(fp[0][3]), json["footprints"][0]["area_ellipsoidal_m2"].get<double>())) << fp[0][3];
    EXPECT_EQ(fp[0][4], "full");
    EXPECT_EQ(fp[0][5], "4547");
    EXPECT_EQ(fp[0][6], "MULTIPOLYGON");
    EXPECT_EQ(fp[0][7] + fp[0][8], "tt");

    const auto pr = rows("SELECT layer, feat_fid, verdict, area_m2, area_e_m2 FROM results.datang_parts ORDER BY fid");
    ASSERT_EQ(pr.size(), parts);
    std::map<std::string, int> verdicts;
    for (const auto& p : pr) {
        ASSERT_EQ(p.size(), 5u);
        const auto it = areas.find({p[0], std::stoll(p[1])});
        ASSERT_NE(it, areas.end()) << p[0] << " " << p[1];
        EXPECT_TRUE(near_equal(std::stod(p[3]), it->second.first)) << p[0] << " " << p[1] << ": " << p[3];
        EXPECT_TRUE(near_equal(std::stod(p[4]), it->second.second)) << p[0] << " " << p[1] << ": " << p[4];
        ++verdicts[p[2]];
    }
    EXPECT_GT(verdicts.size(), 1u);
    EXPECT_EQ(psql("SELECT Find_SRID('results', 'datang_parts', 'geom')"), "4547");
    EXPECT_EQ(psql("SELECT count(DISTINCT run_id) FROM (SELECT run_id FROM results.datang UNION ALL "
                   "SELECT run_id FROM results.datang_parts) r"), "1");
    // The GiST indexes and the comments with the Chinese titles.
    EXPECT_EQ(psql("SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes WHERE schemaname = 'results' AND "
                   "tablename LIKE 'datang%' AND indexdef LIKE '%USING gist (geom)%'"),
              "datang_geom_gist,datang_parts_geom_gist");
    EXPECT_EQ(psql("SELECT col_description('results.datang_parts'::regclass, attnum) FROM pg_attribute WHERE "
                   "attrelid = 'results.datang_parts'::regclass AND attname = 'area_e_m2'"), "椭球面积(平方米)");
    EXPECT_EQ(psql("SELECT col_description('results.datang'::regclass, attnum) FROM pg_attribute WHERE "
                   "attrelid = 'results.datang'::regclass AND attname = 'fp_id'"), "项目编号");
    EXPECT_NE(psql("SELECT obj_description('results.datang_parts'::regclass, 'pg_class')").find("冲突部分"), std::string::npos);
    EXPECT_EQ(psql("SELECT count(*) FROM pg_tables WHERE tablename LIKE '%\\_\\_zoning\\_%'"), "0");
}

TEST_F(PostGISSink, ScreenByCategoryWritesTheRuleColumns) {
    // The PV plant as a solar_power project on permanent farmland: 《土地管理法》第三十五条第一款
    // (docs/rules.md); the same columns as the GeoPackage (output/result_rows).
    const Result r = zoning({"screen", "-c", kYunzhou, project("datang_pv_100mw"), "--no-cache", "--category",
                             "solar_power", "-f", "json", "-o", pg(), "--output-table", "results.datang_rules"});
    ASSERT_EQ(r.exit, 0) << r.err;
    const auto fp = rows("SELECT category, cat_name FROM results.datang_rules");
    ASSERT_EQ(fp.size(), 1u);
    EXPECT_EQ(fp[0], (std::vector<std::string>{"solar_power", "光伏"}));
    const auto farmland = rows("SELECT DISTINCT verdict, category, rule_id, rule_basis, coalesce(rule_proc, '-') FROM "
                               "results.datang_rules_parts WHERE layer = 'farmland'");
    ASSERT_EQ(farmland.size(), 1u);
    EXPECT_EQ(farmland[0], (std::vector<std::string>{"prohibited", "solar_power", "farmland.occupation",
                                                     "《土地管理法》第三十五条第一款", "-"}));
    EXPECT_EQ(psql("SELECT col_description('results.datang_rules_parts'::regclass, attnum) FROM pg_attribute WHERE "
                   "attrelid = 'results.datang_rules_parts'::regclass AND attname = 'rule_basis'"), "依据");
    // Appending a run without categories to these tables: other columns, refused.
    const Result plain = zoning({"screen", "-c", kYunzhou, project("datang_pv_100mw"), "--no-cache", "-o", pg(),
                                 "--output-table", "results.datang_rules", "--append"});
    EXPECT_EQ(plain.exit, 2);
    EXPECT_NE(plain.err.find("not written: cat_name"), std::string::npos) << plain.err;
}

TEST_F(PostGISSink, ReplacingSwapsTheTablesAndAppendAddsARun) {
    const std::vector<std::string> base{"screen", "-c", kYunzhou, "--no-cache", "-o", pg()};
    auto run = [&](const std::string& proj, const std::string& table, bool append) {
        std::vector<std::string> a = base;
        a.insert(a.begin() + 4, project(proj));
        a.insert(a.end(), {"--output-table", table});
        if (append) a.push_back("--append");
        return zoning(a);
    };
    // Replace: the second run's rows only, same names of tables, key, sequence and index.
    ASSERT_EQ(run("datang_pv_100mw", "results.swap", false).exit, 0);
    const std::string first = psql("SELECT count(*) FROM results.swap_parts");
    const Result second = run("dongshan_tourist_road", "results.swap", false);
    ASSERT_EQ(second.exit, 0) << second.err;
    EXPECT_EQ(psql("SELECT string_agg(DISTINCT fp_name, ',') FROM results.swap_parts"),
              psql("SELECT string_agg(DISTINCT fp_name, ',') FROM results.swap"));
    EXPECT_EQ(psql("SELECT count(DISTINCT run_id) FROM results.swap_parts"), "1");
    EXPECT_EQ(psql("SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class c JOIN pg_namespace n ON n.oid = "
                   "c.relnamespace WHERE nspname = 'results' AND relname LIKE 'swap%'"),
              "swap,swap_fid_seq,swap_geom_gist,swap_parts,swap_parts_fid_seq,swap_parts_geom_gist,swap_parts_pkey,swap_pkey");

    // Append twice: two runs, each with its rows and its time.
    ASSERT_EQ(psql("DROP TABLE IF EXISTS results.runs, results.runs_parts"), "");
    const Result a1 = run("datang_pv_100mw", "results.runs", true);
    ASSERT_EQ(a1.exit, 0) << a1.err;
    const std::string n1 = psql("SELECT count(*) FROM results.runs_parts");
    const Result a2 = run("datang_pv_100mw", "results.runs", true);
    ASSERT_EQ(a2.exit, 0) << a2.err;
    EXPECT_EQ(psql("SELECT count(DISTINCT run_id) FROM results.runs_parts"), "2");
    EXPECT_EQ(psql("SELECT count(DISTINCT run_id) || ',' || count(*) FROM results.runs"), "2,2");
    EXPECT_EQ(psql("SELECT count(*) FROM results.runs_parts"), std::to_string(2 * std::stoll(n1)));
    EXPECT_EQ(psql("SELECT count(DISTINCT run_at) FROM results.runs"), "2");
    // Another command's rows into the same tables: refused, exit 2, the tables as they were.
    const Result check = zoning({"check", "-c", kYunzhou, "-o", pg(), "--output-table", "results.runs", "--append"});
    EXPECT_EQ(check.exit, 2);
    EXPECT_NE(check.err.find("table results.runs: --append: the table's columns are not the ones this run writes (missing: "),
              std::string::npos) << check.err;
    EXPECT_EQ(std::count(check.err.begin(), check.err.end(), '\n'), 1) << check.err;
    EXPECT_EQ(psql("SELECT count(*) FROM results.runs"), "2");
}

// docs/scale.md: workers that screen their tiles at the same time append to the same tables, each
// run in its own transaction with its own run id; no run loses or takes rows of another.
TEST_F(PostGISSink, WorkersAppendingAtOnceEachLandTheirRun) {
    const std::vector<std::string> projects{"datang_pv_100mw", "dongshan_tourist_road", "fangchenghe_channel",
                                            "forest_fire_roads", "xiping_sewers"};
    auto run = [&](const std::string& proj, const std::string& table, bool append) {
        std::vector<std::string> a{"screen", "-c", kYunzhou, project(proj), "--no-cache", "-o", pg(), "--output-table", table};
        if (append) a.push_back("--append");
        return zoning(a);
    };
    // Each project's rows alone, for the counts.
    std::vector<std::string> alone;
    for (const auto& p : projects) {
        ASSERT_EQ(run(p, "results.alone", false).exit, 0);
        alone.push_back(psql("SELECT count(*) FROM results.alone") + "," + psql("SELECT count(*) FROM results.alone_parts"));
    }
    // The tables made by a first run, then every project at once.
    ASSERT_EQ(psql("DROP TABLE IF EXISTS results.workers, results.workers_parts"), "");
    ASSERT_EQ(run(projects[0], "results.workers", true).exit, 0);
    std::vector<std::future<Result>> runs;
    for (const auto& p : projects)
        runs.push_back(std::async(std::launch::async, [&run, p] { return run(p, "results.workers", true); }));
    for (auto& f : runs) {
        const Result r = f.get();
        EXPECT_EQ(r.exit, 0) << r.err;
    }
    EXPECT_EQ(psql("SELECT count(DISTINCT run_id) FROM results.workers"), std::to_string(projects.size() + 1));
    // Per run: the rows of its project alone (the first run's project twice: two runs).
    const std::string per_run = psql(
        "SELECT string_agg(n, ';') FROM (SELECT w.c || ',' || coalesce(p.c, 0) AS n FROM "
        "(SELECT run_id, count(*) AS c FROM results.workers GROUP BY run_id) w LEFT JOIN "
        "(SELECT run_id, count(*) AS c FROM results.workers_parts GROUP BY run_id) p USING (run_id)) t");
    std::vector<std::string> got;
    std::stringstream ss(per_run);
    for (std::string item; std::getline(ss, item, ';');) got.push_back(item);
    std::vector<std::string> expected = alone;
    expected.push_back(alone[0]);
    std::sort(got.begin(), got.end());
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(got, expected) << per_run;
    EXPECT_EQ(psql("SELECT count(*) FROM pg_tables WHERE tablename LIKE '%\\_\\_zoning\\_%'"), "0");
}

TEST_F(PostGISSink, CheckAndStatsWriteTheirRows) {
    const Result c = zoning({"check", "-c", kYunzhou, "-f", "json", "-o", pg(), "--output-table", "results.check"});
    ASSERT_EQ(c.exit, 0) << c.err;
    const auto cj = nlohmann::json::parse(c.out);
    EXPECT_EQ(psql("SELECT count(*) FROM results.check"), std::to_string(cj["findings"].size()));
    EXPECT_EQ(psql("SELECT count(*) FROM results.check_parts"), std::to_string(cj["control_line_conflicts"].size()));
    EXPECT_EQ(psql("SELECT Find_SRID('results', 'check_parts', 'geom')"), "4547");

    // A postgresql:// URL works as -o too.
    const std::string conn = env("ZONING_PG");
    const size_t at = conn.find("port=");
    ASSERT_NE(at, std::string::npos) << conn;
    const std::string url = "postgresql://postgres@127.0.0.1:" + conn.substr(at + 5, conn.find(' ', at) - at - 5) + "/zoning";
    const Result s = zoning({"stats", "-c", kYunzhou, "--no-cache", "--by", "townships", "-f", "json", "-o", url,
                             "--output-table", "results.stats"});
    ASSERT_EQ(s.exit, 0) << s.err;
    const auto sj = nlohmann::json::parse(s.out);
    size_t n = 1 + sj["overlaps"].size();
    for (const auto& l : sj["layers"]) n += 1 + l["by"].size();
    EXPECT_EQ(psql("SELECT count(*) FROM results.stats"), std::to_string(n));
    const auto farm = rows("SELECT area_e_m2 FROM results.stats WHERE section = 'layer' AND layer = 'farmland'");
    ASSERT_EQ(farm.size(), 1u);
    for (const auto& l : sj["layers"]) {
        if (l["id"] == "farmland") {
            EXPECT_TRUE(near_equal(std::stod(farm[0][0]), l["area_ellipsoidal_m2"].get<double>()));
        }
    }
    EXPECT_EQ(psql("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'results' AND "
                   "table_name = 'stats' AND column_name = 'geom'"), "0");
}

TEST_F(PostGISSink, BadTargetsAreExit2WithOneLineAndNoPassword) {
    struct Bad {
        std::vector<std::string> args;
        std::string message;
    };
    const std::string pw = pg() + " password=s3cret";
    const std::vector<Bad> cases{
        {{"screen", "-c", kYunzhou, project("datang_pv_100mw"), "-o", pw},
         "a database output needs --output-table NAME"},
        {{"screen", "-c", kYunzhou, project("datang_pv_100mw"), "-o", pw, "--output-table", "Bad-Name"},
         "--output-table 'Bad-Name': give [schema.]name in lower case"},
        {{"screen", "-c", kYunzhou, project("datang_pv_100mw"), "-o", pw, "--output-table", "nosuch.t"},
         "table nosuch.t: schema 'nosuch' does not exist"},
        {{"screen", "-c", kYunzhou, project("datang_pv_100mw"), "--output-table", "t"}, "--output-table t: needs -o"},
        {{"stats", "-c", kYunzhou, "-o", "stats.gpkg"}, "stats writes its rows to a database only"},
        {{"screen", "-c", env("ZONING_PG_CATALOGS") + "/yunzhou/catalog.yaml", project("datang_pv_100mw"), "-o", pg(),
          "--output-table", "yunzhou.redline"},
         "table yunzhou.redline: is a table the catalog reads"},
        {{"screen", "-c", kYunzhou, project("datang_pv_100mw"), "-o",
          "PG:host=127.0.0.1 port=1 dbname=zoning user=postgres password=s3cret", "--output-table", "t"},
         "PG:host=127.0.0.1 port=1 dbname=zoning user=postgres password=***: cannot connect: "},
    };
    for (const auto& c : cases) {
        std::vector<std::string> a = c.args;
        a.push_back("--no-cache");
        const Result r = zoning(a);
        EXPECT_EQ(r.exit, 2) << a[0] << " " << c.message << ": " << r.err;
        EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
        EXPECT_EQ(r.err.find("s3cret"), std::string::npos) << r.err;
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    }
}

namespace {

/// An event trigger that arms every table created in schema `killtest` or `slowtest` (the
/// temporary tables of a run, while replacing) with a row trigger: in killtest the 3rd row
/// written kills the connection (pg_terminate_backend of its own backend: deterministic, mid
/// write); in slowtest the first row sleeps 4 s (a long write that readers see from outside).
/// Dropped by the destructor, also when an assertion fails.
struct ArmedSchemas {
    ArmedSchemas() {
        psql(R"sql(
CREATE SCHEMA IF NOT EXISTS killtest; CREATE SCHEMA IF NOT EXISTS slowtest;
CREATE SEQUENCE IF NOT EXISTS killtest.rows;
CREATE OR REPLACE FUNCTION killtest.kill_on_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF nextval('killtest.rows') % 3 = 0 THEN
    PERFORM pg_terminate_backend(pg_backend_pid());
    PERFORM pg_sleep(10);
  END IF;
  RETURN NEW;
END $$;
CREATE OR REPLACE FUNCTION slowtest.sleep_on_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN PERFORM pg_sleep(4); RETURN NEW; END $$;
CREATE OR REPLACE FUNCTION killtest.arm() RETURNS event_trigger LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  FOR r IN SELECT * FROM pg_event_trigger_ddl_commands() WHERE command_tag = 'CREATE TABLE' LOOP
    IF r.schema_name = 'killtest' AND r.object_identity LIKE '%parts\_\_zoning\_%' THEN
      EXECUTE format('CREATE TRIGGER kill BEFORE INSERT ON %s FOR EACH ROW EXECUTE FUNCTION killtest.kill_on_row()', r.object_identity);
    ELSIF r.schema_name = 'slowtest' AND r.object_identity LIKE '%parts\_\_zoning\_%' THEN
      EXECUTE format('CREATE TRIGGER slow BEFORE INSERT ON %s FOR EACH STATEMENT EXECUTE FUNCTION slowtest.sleep_on_row()', r.object_identity);
    END IF;
  END LOOP;
END $$;
)sql");
    }
    void arm() const {
        psql("DROP EVENT TRIGGER IF EXISTS zoning_arm_test; CREATE EVENT TRIGGER zoning_arm_test ON ddl_command_end "
             "WHEN TAG IN ('CREATE TABLE') EXECUTE FUNCTION killtest.arm()");
    }
    ~ArmedSchemas() { psql("DROP EVENT TRIGGER IF EXISTS zoning_arm_test"); }
    ArmedSchemas(const ArmedSchemas&) = delete;
    ArmedSchemas& operator=(const ArmedSchemas&) = delete;
};

std::string state_of(const std::string& schema) {
    return psql("SELECT (SELECT count(*) || '/' || string_agg(DISTINCT run_id, ',') FROM " + schema + ".site) || ' ' || "
                "(SELECT count(*) || '/' || string_agg(DISTINCT run_id, ',') FROM " + schema + ".site_parts)");
}

}  // namespace

TEST_F(PostGISSink, AKilledConnectionMidWriteLeavesTheTablesAsTheyWere) {
    ArmedSchemas armed;
    const std::vector<std::string> write{"screen", "-c", kYunzhou, project("datang_pv_100mw"), "--no-cache", "-o", pg(),
                                         "--output-table", "killtest.site"};
    const Result first = zoning(write);
    ASSERT_EQ(first.exit, 0) << first.err;
    const std::string before = state_of("killtest");
    ASSERT_EQ(before.find("0/"), std::string::npos) << before;

    // Replacing: the connection dies at the 3rd row of the new parts table.
    armed.arm();
    std::vector<std::string> other = write;
    other[3] = project("dongshan_tourist_road");
    const Result killed = zoning(other);
    EXPECT_EQ(killed.exit, 2) << killed.err;
    EXPECT_NE(killed.err.find("table killtest.site"), std::string::npos) << killed.err;
    EXPECT_NE(killed.err.find("nothing was written"), std::string::npos) << killed.err;
    EXPECT_EQ(std::count(killed.err.begin(), killed.err.end(), '\n'), 1) << killed.err;
    EXPECT_EQ(state_of("killtest"), before);
    EXPECT_EQ(psql("SELECT count(*) FROM pg_tables WHERE schemaname = 'killtest' AND tablename LIKE '%\\_\\_zoning\\_%'"), "0");

    // Appending: the existing parts table armed directly; the rows already sent are gone too.
    psql("CREATE TRIGGER kill BEFORE INSERT ON killtest.site_parts FOR EACH ROW EXECUTE FUNCTION killtest.kill_on_row()");
    std::vector<std::string> append = write;
    append.push_back("--append");
    const Result killed_append = zoning(append);
    EXPECT_EQ(killed_append.exit, 2) << killed_append.err;
    EXPECT_NE(killed_append.err.find("nothing was written"), std::string::npos) << killed_append.err;
    EXPECT_EQ(std::count(killed_append.err.begin(), killed_append.err.end(), '\n'), 1) << killed_append.err;
    EXPECT_EQ(state_of("killtest"), before);
    psql("DROP TRIGGER kill ON killtest.site_parts");
}

TEST_F(PostGISSink, ReadersSeeTheOldTablesUntilTheReplacementCommits) {
    ArmedSchemas armed;
    const std::vector<std::string> write{"screen", "-c", kYunzhou, project("datang_pv_100mw"), "--no-cache", "-o", pg(),
                                         "--output-table", "slowtest.site"};
    ASSERT_EQ(zoning(write).exit, 0);
    const std::string before = state_of("slowtest");
    armed.arm();
    std::vector<std::string> other = write;
    other[3] = project("dongshan_tourist_road");
    const fs::path err = temp_name("slow");
    FILE* p = ::popen((command_line(other, err) + " >/dev/null").c_str(), "r");
    ASSERT_NE(p, nullptr);
    // Wait until the run sleeps in its write (the new tables exist, uncommitted), then read the
    // old ones from another session without waiting for a lock.
    bool sleeping = false;
    for (int i = 0; i < 900 && !sleeping; ++i) {
        sleeping = psql("SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep'") == "1";
        if (!sleeping) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    EXPECT_TRUE(sleeping);
    const std::string during = psql("SET lock_timeout = '1s'; SELECT (SELECT count(*) || '/' || string_agg(DISTINCT run_id, ',') FROM slowtest.site) || ' ' || "
                                    "(SELECT count(*) || '/' || string_agg(DISTINCT run_id, ',') FROM slowtest.site_parts)");
    const int status = ::pclose(p);
    EXPECT_EQ(during, before);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << slurp(err);
    fs::remove(err);
    EXPECT_NE(state_of("slowtest"), before);
    EXPECT_EQ(psql("SELECT count(*) FROM pg_tables WHERE schemaname = 'slowtest' AND tablename LIKE '%\\_\\_zoning\\_%'"), "0");
}
