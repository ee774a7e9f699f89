// Never a silent wrong answer on broken output (issue 13): a report or file that could not be
// written completely is exit 2 with a message naming it and leaves nothing at the destination; an
// output never replaces an input, a folder or half of a shapefile; staging folders of killed runs
// are removed; a folder where the cache or a source should be is a message, not a crash.
#include "test_support.hpp"

#include "output/staged_output.hpp"

#include <zoning/error.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

namespace zoning {
namespace {

namespace fs = std::filesystem;

const std::string kCatalog = test::data("small/catalog.yaml").string();
const std::string kFootprints = test::data("small/footprints.geojson").string();

struct Child {
    int code = -1;  ///< exit status, or 128 + signal
    std::string err;
};

/// Runs the zoning binary with `args`, stdout to `out` and stderr captured; with `fsize_limit`
/// > 0 under setrlimit(RLIMIT_FSIZE) with SIGXFSZ ignored: a write past the limit fails with
/// EFBIG, as on a full disk.
Child run_binary(const std::vector<std::string>& args, const std::string& out = "/dev/null",
                 rlim_t fsize_limit = 0) {
    std::vector<std::string> all{ZONING_BINARY};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    int pipefd[2];
    if (::pipe(pipefd) != 0) return {};
    const pid_t pid = ::fork();
    if (pid == 0) {  // only async-signal-safe calls until exec
        const int fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0) ::_exit(126);
        ::dup2(fd, 1);
        ::dup2(pipefd[1], 2);
        ::close(pipefd[0]);
        if (fsize_limit > 0) {
            ::signal(SIGXFSZ, SIG_IGN);
            const rlimit rl{fsize_limit, fsize_limit};
            ::setrlimit(RLIMIT_FSIZE, &rl);
        }
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    ::close(pipefd[1]);
    Child c;
    char buf[4096];
    for (ssize_t n; (n = ::read(pipefd[0], buf, sizeof buf)) > 0;) c.err.append(buf, static_cast<size_t>(n));
    ::close(pipefd[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    c.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return c;
}

/// Files and folders in `dir` (names), to check that nothing was left.
std::vector<std::string> listing(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

std::string joined(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += x + " ";
    return s;
}

// ---- 1. the report on stdout ------------------------------------------------------------------

struct ReportCase {
    const char* name;
    std::vector<std::string> args;
};
void PrintTo(const ReportCase& c, std::ostream* os) { *os << c.name; }

class ReportToFullDisk : public ::testing::TestWithParam<ReportCase> {};

TEST_P(ReportToFullDisk, IsExitTwoNamingTheReason) {
    // The same command to a file works: the failure is the write, not the command.
    test::TempDir tmp;
    const Child ok = run_binary(GetParam().args, (tmp / "report.txt").string());
    ASSERT_EQ(ok.code, 0) << ok.err;
    ASSERT_GT(fs::file_size(tmp / "report.txt"), 0U);

    const Child c = run_binary(GetParam().args, "/dev/full");
    EXPECT_EQ(c.code, 2) << c.err;
    EXPECT_NE(c.err.find("cannot write the report: No space left on device"), std::string::npos) << c.err;
}

INSTANTIATE_TEST_SUITE_P(
    OutputSafety, ReportToFullDisk,
    ::testing::Values(ReportCase{"Screen", {"screen", "-c", kCatalog, kFootprints}},
                      ReportCase{"ScreenJson", {"screen", "-c", kCatalog, kFootprints, "--format", "json"}},
                      ReportCase{"Info", {"info", "-c", kCatalog}},
                      ReportCase{"Stats", {"stats", "-c", kCatalog}},
                      ReportCase{"Check", {"check", "-c", kCatalog}}),
    [](const auto& param_info) { return std::string(param_info.param.name); });

TEST(OutputSafety, ReportToAFailedStreamInProcessIsExitTwo) {
    std::ostringstream err;
    std::ostream out(nullptr);  // no buffer: every write fails and sets badbit
    const int code = cli::run({"check", "-c", kCatalog}, out, err);
    EXPECT_EQ(code, 2) << err.str();
    EXPECT_NE(err.str().find("cannot write the report"), std::string::npos) << err.str();
}

// ---- 2. files on a full disk ------------------------------------------------------------------

struct FileCase {
    const char* name;
    std::vector<std::string> args;  ///< without -o
    const char* output;             ///< file name given to -o
};
void PrintTo(const FileCase& c, std::ostream* os) { *os << c.name; }

class FileToFullDisk : public ::testing::TestWithParam<FileCase> {};

TEST_P(FileToFullDisk, IsExitTwoNamingTheFileAndLeavesNothing) {
    test::TempDir tmp;
    const fs::path dir = tmp / "out";
    fs::create_directory(dir);
    const fs::path out = dir / GetParam().output;
    auto args = GetParam().args;
    args.insert(args.end(), {"-o", out.string()});

    // Without a limit it works (and the file is bigger than the limit below).
    const Child ok = run_binary(args);
    ASSERT_EQ(ok.code, 0) << ok.err;
    std::uintmax_t largest = 0;
    for (const auto& e : fs::directory_iterator(dir)) largest = std::max(largest, fs::file_size(e.path()));
    ASSERT_GT(largest, 1000U);
    for (const auto& e : fs::directory_iterator(dir)) fs::remove(e.path());

    const Child c = run_binary(args, "/dev/null", 1000);
    EXPECT_EQ(c.code, 2) << c.err;
    EXPECT_NE(c.err.find(out.filename().string()), std::string::npos) << c.err;
    EXPECT_EQ(c.err.find("internal error"), std::string::npos) << c.err;
    EXPECT_TRUE(listing(dir).empty()) << joined(listing(dir));
}

INSTANTIATE_TEST_SUITE_P(
    OutputSafety, FileToFullDisk,
    ::testing::Values(
        FileCase{"ScreenGpkg", {"screen", "-c", kCatalog, kFootprints}, "c.gpkg"},
        FileCase{"ScreenShp", {"screen", "-c", kCatalog, kFootprints, "--layers", "redline"}, "c.shp"},
        FileCase{"ScreenGeojson", {"screen", "-c", kCatalog, kFootprints}, "c.geojson"},
        FileCase{"ScreenKml", {"screen", "-c", kCatalog, kFootprints}, "c.kml"},
        FileCase{"MapPdf", {"map", "-c", kCatalog, kFootprints}, "m.pdf"},
        FileCase{"MapSvg", {"map", "-c", kCatalog, kFootprints}, "m.svg"},
        FileCase{"MapPng", {"map", "-c", kCatalog, kFootprints}, "m.png"},
        FileCase{"CheckGpkg", {"check", "-c", kCatalog}, "k.gpkg"},
        FileCase{"ConvertGpkg", {"convert", kFootprints}, "f.gpkg"},
        FileCase{"ConvertGeojson", {"convert", kFootprints}, "f.geojson"},
        FileCase{"ConvertKml", {"convert", kFootprints}, "f.kml"},
        FileCase{"ConvertTxt", {"convert", kFootprints}, "f.txt"}),
    [](const auto& param_info) { return std::string(param_info.param.name); });

}  // namespace
}  // namespace zoning
