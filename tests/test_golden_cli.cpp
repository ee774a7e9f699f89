// Golden CLI tests, data-driven: every case of tests/cli/*.yaml runs `zoning ARGS...` in-process
// and checks the exit code, stdout (equal to a golden file under tests/cli/golden/, or
// containing strings), stderr (containing strings) and the files it writes (equal to golden
// files). One gtest per case, named after it:
//   build/bin/zoning_tests --gtest_filter='GoldenCli*'
// ZONING_UPDATE_GOLDEN=1 rewrites the golden files from the current outputs (see tests/cli/README.md).
#include "test_support.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <regex>
#include <set>
#include <stdexcept>

namespace zoning {
namespace {

namespace fs = std::filesystem;

const fs::path kCliDir = fs::path(ZONING_SOURCE_DIR) / "tests" / "cli";

struct GoldenCase {
    std::string name;
    std::string file;                              // the yaml file it comes from, for messages
    std::vector<std::vector<std::string>> setup;   // commands run first, each must exit 0
    std::vector<std::string> args;
    int exit = 0;
    std::string stdout_golden;                     // file under tests/cli/golden/, or empty
    std::vector<std::string> stdout_contains, stdout_not_contains;
    std::string stderr_golden;
    std::vector<std::string> stderr_contains;
    bool stderr_empty = false;
    std::vector<std::pair<std::string, std::string>> files;  // written file (with placeholders) -> golden
    std::string error;                             // a case that could not be read
};

// gtest prints a failing case's parameter: the name says it all.
[[maybe_unused]] void PrintTo(const GoldenCase& c, std::ostream* os) { *os << c.name; }

std::vector<std::string> strings(const YAML::Node& n) {
    std::vector<std::string> v;
    if (!n) return v;
    if (n.IsScalar()) {
        v.push_back(n.as<std::string>());
        return v;
    }
    for (const auto& s : n) v.push_back(s.as<std::string>());
    return v;
}

GoldenCase read_case(const YAML::Node& n, const std::string& file) {
    static const std::set<std::string> known{"name", "setup", "args", "exit", "stdout_golden",
                                             "stdout_contains", "stdout_not_contains", "stderr_golden",
                                             "stderr_contains", "stderr_empty", "files"};
    GoldenCase c;
    c.file = file;
    c.name = n["name"].as<std::string>();
    for (const auto& kv : n) {
        const auto key = kv.first.as<std::string>();
        if (!known.contains(key)) throw std::runtime_error("case " + c.name + ": unknown key '" + key + "'");
    }
    for (const auto& s : n["setup"]) c.setup.push_back(strings(s));
    c.args = strings(n["args"]);
    if (c.args.empty()) throw std::runtime_error("case " + c.name + ": no args");
    c.exit = n["exit"] ? n["exit"].as<int>() : 0;
    if (n["stdout_golden"]) c.stdout_golden = n["stdout_golden"].as<std::string>();
    c.stdout_contains = strings(n["stdout_contains"]);
    c.stdout_not_contains = strings(n["stdout_not_contains"]);
    if (n["stderr_golden"]) c.stderr_golden = n["stderr_golden"].as<std::string>();
    c.stderr_contains = strings(n["stderr_contains"]);
    c.stderr_empty = n["stderr_empty"] && n["stderr_empty"].as<bool>();
    for (const auto& kv : n["files"]) c.files.emplace_back(kv.first.as<std::string>(), kv.second.as<std::string>());
    return c;
}

/// Every case of every tests/cli/*.yaml, files in name order, cases in file order. A file that
/// cannot be read gives one failing case, so a typo fails the run instead of hiding cases.
std::vector<GoldenCase> load_cases() {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(kCliDir)) {
        if (e.path().extension() == ".yaml") files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    std::vector<GoldenCase> cases;
    std::set<std::string> names;
    for (const auto& f : files) {
        const auto file = f.filename().string();
        try {
            const auto doc = YAML::LoadFile(f.string());
            for (const auto& n : doc["cases"]) {
                auto c = read_case(n, file);
                if (!names.insert(c.name).second) throw std::runtime_error("case " + c.name + " is declared twice");
                const bool valid = !c.name.empty() && std::all_of(c.name.begin(), c.name.end(), [](char ch) {
                    return std::isalnum(static_cast<unsigned char>(ch)) != 0 || ch == '_';
                });
                if (!valid) throw std::runtime_error("case name '" + c.name + "' is not [A-Za-z0-9_]+");
                cases.push_back(std::move(c));
            }
        } catch (const std::exception& e) {
            GoldenCase bad;
            bad.name = "BadFile_" + f.stem().string();
            std::replace_if(bad.name.begin(), bad.name.end(), [](char ch) {
                return std::isalnum(static_cast<unsigned char>(ch)) == 0 && ch != '_';
            }, '_');
            bad.file = file;
            bad.error = e.what();
            cases.push_back(std::move(bad));
        }
    }
    return cases;
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
    if (from.empty()) return s;
    for (auto pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size())) {
        s.replace(pos, from.size(), to);
    }
    return s;
}

/// Placeholders of the args: {data} = tests/data, {src} = the source tree, {tmp} = the case's
/// empty temporary folder.
std::string expand(std::string s, const fs::path& tmp) {
    s = replace_all(s, "{tmp}", tmp.string());
    s = replace_all(s, "{data}", fs::path(ZONING_TEST_DATA).string());
    return replace_all(s, "{src}", fs::path(ZONING_SOURCE_DIR).string());
}

/// Makes an output independent of where and when it was made (documented in tests/cli/README.md):
/// the folders back to their placeholders, the cache notes and `timing:` lines dropped,
/// dates and times as {date} / {time}.
std::string normalise(std::string s, const fs::path& tmp) {
    s = replace_all(s, tmp.string(), "{tmp}");
    s = replace_all(s, fs::path(ZONING_TEST_DATA).string(), "{data}");
    s = replace_all(s, fs::path(ZONING_SOURCE_DIR).string(), "{src}");
    static const std::regex cache_note(R"(^zoning: ((no )?catalog cache |没有目录缓存|目录缓存).*\n?)", std::regex::multiline);
    static const std::regex timing(R"(^timing: .*\n?)", std::regex::multiline);
    static const std::regex date(R"(\b20[0-9]{2}-[01][0-9]-[0-3][0-9]\b)");
    static const std::regex time(R"(\b[0-2][0-9]:[0-5][0-9]:[0-5][0-9](\.[0-9]+)?\b)");
    s = std::regex_replace(s, cache_note, "");
    s = std::regex_replace(s, timing, "");
    s = std::regex_replace(s, date, "{date}");
    return std::regex_replace(s, time, "{time}");
}

bool update_mode() {
    const char* v = std::getenv("ZONING_UPDATE_GOLDEN");
    return v != nullptr && std::string(v) != "" && std::string(v) != "0";
}

/// Compares `actual` with tests/cli/golden/NAME, or rewrites it in update mode.
void check_golden(const std::string& what, const std::string& name, const std::string& actual) {
    const auto path = kCliDir / "golden" / name;
    if (update_mode()) {
        // Cases that share a golden file (one thread vs several, cache vs sources) must agree:
        // the second one to run compares with what the first one wrote in this run.
        static std::map<std::string, std::string> written;
        const auto [it, first] = written.emplace(name, actual);
        if (first) {
            fs::create_directories(path.parent_path());
            test::write_file(path, actual);
            return;
        }
        EXPECT_EQ(it->second, actual) << what << ": differs from what another case just wrote to " << path;
        return;
    }
    ASSERT_TRUE(fs::exists(path)) << what << ": golden file " << path
                                  << " is missing; make it with ZONING_UPDATE_GOLDEN=1 (tests/cli/README.md)";
    const auto expected = test::read_file(path);
    if (expected == actual) return;
    // Point at the first differing line: the whole texts are in the files.
    std::istringstream e(expected), a(actual);
    std::string le, la;
    int line = 1;
    while (true) {
        const bool ge = static_cast<bool>(std::getline(e, le));
        const bool ga = static_cast<bool>(std::getline(a, la));
        if (!ge && !ga) break;
        if (!ge || !ga || le != la) {
            ADD_FAILURE() << what << " differs from " << path << " at line " << line << ":\n  expected: "
                          << (ge ? le : "<end of file>") << "\n  actual:   " << (ga ? la : "<end of output>")
                          << "\n(ZONING_UPDATE_GOLDEN=1 rewrites the golden files; review the diff)";
            return;
        }
        ++line;
    }
    ADD_FAILURE() << what << " differs from " << path << " (line endings)";
}

class GoldenCli : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(GoldenCli, Run) {
    const auto& c = GetParam();
    ASSERT_TRUE(c.error.empty()) << "tests/cli/" << c.file << ": " << c.error;
    SCOPED_TRACE("tests/cli/" + c.file + " case " + c.name);
    test::TempDir tmp;
    for (const auto& s : c.setup) {
        std::vector<std::string> args;
        for (const auto& a : s) args.push_back(expand(a, tmp.path()));
        const auto r = test::zoning_cli(args, Lang::zh);  // what the user sees: Chinese messages
        ASSERT_EQ(r.code, 0) << "setup command failed:\n" << r.err;
    }
    std::vector<std::string> args;
    for (const auto& a : c.args) args.push_back(expand(a, tmp.path()));
    const auto r = test::zoning_cli(args, Lang::zh);  // what the user sees: Chinese messages
    const auto out = normalise(r.out, tmp.path());
    const auto err = normalise(r.err, tmp.path());
    EXPECT_EQ(r.code, c.exit) << "stderr:\n" << err;
    if (!c.stdout_golden.empty()) check_golden("stdout", c.stdout_golden, out);
    if (!c.stderr_golden.empty()) check_golden("stderr", c.stderr_golden, err);
    for (const auto& s : c.stdout_contains) EXPECT_NE(out.find(s), std::string::npos) << "stdout lacks: " << s << "\nstdout:\n" << out;
    for (const auto& s : c.stdout_not_contains) EXPECT_EQ(out.find(s), std::string::npos) << "stdout has: " << s;
    for (const auto& s : c.stderr_contains) EXPECT_NE(err.find(s), std::string::npos) << "stderr lacks: " << s << "\nstderr:\n" << err;
    for (const auto& [file, golden] : c.files) {
        const fs::path written = expand(file, tmp.path());
        if (!fs::exists(written)) {
            ADD_FAILURE() << file << " was not written";
            continue;
        }
        check_golden(file, golden, normalise(test::read_file(written), tmp.path()));
    }
    if (c.stderr_empty) {
        EXPECT_EQ(err, "");
    }
}

INSTANTIATE_TEST_SUITE_P(GoldenCli, GoldenCli, ::testing::ValuesIn(load_cases()),
                         [](const ::testing::TestParamInfo<GoldenCase>& p) { return p.param.name; });

}  // namespace
}  // namespace zoning
