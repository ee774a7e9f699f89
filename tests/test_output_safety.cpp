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
    std::vector<std::string> all{ZONING_BINARY, "--lang", "en"};  // the English messages these tests match
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
    const int code = cli::run({"check", "-c", kCatalog}, out, err, Lang::en);
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

// ---- 3. map -o naming one of its inputs -------------------------------------------------------

TEST(OutputSafety, MapNeverOverwritesAFootprintSource) {
    test::TempDir tmp;
    // A GeoJSON footprint file named like a map (GDAL reads it by content).
    const fs::path fp = tmp / "site.svg";
    fs::copy_file(kFootprints, fp);
    const std::string before = test::read_file(fp);
    const auto r = test::zoning_cli({"map", "-c", kCatalog, fp.string(), "-o", fp.string()});
    EXPECT_EQ(r.code, 2) << r.err;
    EXPECT_NE(r.err.find(fp.string() + ": is one of the inputs"), std::string::npos) << r.err;
    EXPECT_TRUE(test::read_file(fp) == before) << "the footprint file was replaced";
    EXPECT_EQ(listing(tmp.path()), std::vector<std::string>{"site.svg"});
}

TEST(OutputSafety, MapNeverOverwritesACatalogSource) {
    test::TempDir tmp;
    fs::copy(test::data("small"), tmp.path(), fs::copy_options::recursive);
    fs::rename(tmp / "redline.geojson", tmp / "redline.pdf");
    std::string cat = test::read_file(tmp / "catalog.yaml");
    cat.replace(cat.find("redline.geojson"), std::string("redline.geojson").size(), "redline.pdf");
    test::write_file(tmp / "catalog.yaml", cat);
    const std::string before = test::read_file(tmp / "redline.pdf");
    const auto r = test::zoning_cli({"map", "-c", (tmp / "catalog.yaml").string(), (tmp / "footprints.geojson").string(),
                                     "-o", (tmp / "redline.pdf").string()});
    EXPECT_EQ(r.code, 2) << r.err;
    EXPECT_NE(r.err.find("redline.pdf: is one of the inputs"), std::string::npos) << r.err;
    EXPECT_TRUE(test::read_file(tmp / "redline.pdf") == before) << "the catalog source was replaced";
}

// ---- 4. -o naming a folder --------------------------------------------------------------------

struct FolderCase {
    const char* name;
    std::vector<std::string> args;  ///< without -o
    const char* output;             ///< made as a folder, then given to -o
    const char* folder;             ///< the folder the message names (output or a sidecar)
};
void PrintTo(const FolderCase& c, std::ostream* os) { *os << c.name; }

class OutputIsAFolder : public ::testing::TestWithParam<FolderCase> {};

TEST_P(OutputIsAFolder, IsExitTwoAndTheFolderStays) {
    test::TempDir tmp;
    const fs::path folder = tmp / GetParam().folder;
    fs::create_directory(folder);
    test::write_file(folder / "keep.txt", "mine");
    auto args = GetParam().args;
    args.insert(args.end(), {"-o", (tmp / GetParam().output).string()});
    const auto r = test::zoning_cli(args);
    EXPECT_EQ(r.code, 2) << r.err;
    EXPECT_NE(r.err.find(folder.string() + ": is a folder"), std::string::npos) << r.err;
    EXPECT_EQ(test::read_file(folder / "keep.txt"), "mine");
    EXPECT_EQ(listing(tmp.path()), std::vector<std::string>{GetParam().folder});
}

INSTANTIATE_TEST_SUITE_P(
    OutputSafety, OutputIsAFolder,
    ::testing::Values(
        FolderCase{"ScreenGpkg", {"screen", "-c", kCatalog, kFootprints}, "c.gpkg", "c.gpkg"},
        FolderCase{"ScreenShp", {"screen", "-c", kCatalog, kFootprints, "--layers", "redline"}, "c.shp", "c.shp"},
        FolderCase{"ScreenShpSidecar", {"screen", "-c", kCatalog, kFootprints, "--layers", "redline"}, "c.shp", "c.dbf"},
        FolderCase{"ScreenGeojson", {"screen", "-c", kCatalog, kFootprints}, "c.geojson", "c.geojson"},
        FolderCase{"ScreenKml", {"screen", "-c", kCatalog, kFootprints}, "c.kml", "c.kml"},
        FolderCase{"CheckGpkg", {"check", "-c", kCatalog}, "k.gpkg", "k.gpkg"},
        FolderCase{"ConvertGeojson", {"convert", kFootprints}, "f.geojson", "f.geojson"},
        FolderCase{"MapPdf", {"map", "-c", kCatalog, kFootprints}, "m.pdf", "m.pdf"},
        FolderCase{"MapSvg", {"map", "-c", kCatalog, kFootprints}, "m.svg", "m.svg"},
        FolderCase{"MapPng", {"map", "-c", kCatalog, kFootprints}, "m.png", "m.png"}),
    [](const auto& param_info) { return std::string(param_info.param.name); });

// ---- 5. staging folders of killed runs --------------------------------------------------------

pid_t dead_pid() {
    const pid_t pid = ::fork();
    if (pid == 0) ::_exit(0);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return pid;  // reaped: no such process now (until the kernel reuses the number)
}

TEST(OutputSafety, StaleStagingFoldersOfDeadProcessesAreRemoved) {
    test::TempDir tmp;
    const pid_t dead = dead_pid();
    ASSERT_NE(::kill(dead, 0), 0);
    const std::string stale = ".zoning-tmp-" + std::to_string(dead) + "-c.gpkg-0";
    const std::string mine = ".zoning-tmp-" + std::to_string(::getpid()) + "-other.gpkg-0";
    const std::string init = ".zoning-tmp-1-other.gpkg-0";  // pid 1 is always alive
    for (const auto& f : {stale, mine, init}) {
        fs::create_directory(tmp / f);
        test::write_file(tmp / f / "c.gpkg", "half a file");
    }
    test::write_file(tmp / (".zoning-tmp-" + std::to_string(dead) + "-not-a-folder"), "x");  // only folders
    const auto r = test::zoning_cli({"screen", "-c", kCatalog, kFootprints, "-o", (tmp / "c.gpkg").string()});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_FALSE(fs::exists(tmp / stale));
    EXPECT_TRUE(fs::exists(tmp / mine / "c.gpkg"));
    EXPECT_TRUE(fs::exists(tmp / init / "c.gpkg"));
    EXPECT_TRUE(fs::exists(tmp / (".zoning-tmp-" + std::to_string(dead) + "-not-a-folder")));
    EXPECT_TRUE(fs::exists(tmp / "c.gpkg"));
}

TEST(OutputSafety, KilledRunLeavesAFolderTheNextRunRemoves) {
    test::TempDir tmp;
    // A real kill: the child stops itself with SIGKILL once its staging folder exists... we cannot
    // hook into the child, so kill it while it writes a large map and check what the next run does.
    const fs::path out = tmp / "m.pdf";
    std::vector<std::string> all{ZONING_BINARY, "map", "-c", kCatalog, kFootprints, "--all", "-o", out.string()};
    std::vector<char*> argv;
    for (auto& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    const pid_t pid = ::fork();
    if (pid == 0) {
        const int fd = ::open("/dev/null", O_WRONLY);
        ::dup2(fd, 1);
        ::dup2(fd, 2);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    const std::string prefix = ".zoning-tmp-" + std::to_string(pid) + "-";
    bool seen = false;
    for (int i = 0; i < 3000 && !seen; ++i) {  // up to 30 s on a loaded machine
        for (const auto& e : fs::directory_iterator(tmp.path())) {
            if (e.path().filename().string().rfind(prefix, 0) == 0) seen = true;
        }
        if (!seen) ::usleep(10000);
    }
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (!seen || !WIFSIGNALED(status)) GTEST_SKIP() << "the run finished before it could be killed";
    ASSERT_FALSE(listing(tmp.path()).empty());

    const auto r = test::zoning_cli({"map", "-c", kCatalog, kFootprints, "-o", out.string()});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(listing(tmp.path()), std::vector<std::string>{"m.pdf"});
}

// ---- 6. a multi-file output is committed as a unit --------------------------------------------

TEST(OutputSafety, ShapefileCommitIsAUnit) {
    test::TempDir tmp;
    const fs::path dir = tmp / "out";
    fs::create_directory(dir);
    // The previous output: x.shp, x.shx, x.prj, x.qml (files) and, in the way of the new .dbf, a
    // folder that appears after the checks (as another program might make it).
    for (const char* ext : {".cpg", ".prj", ".qml", ".shp", ".shx"}) test::write_file(dir / (std::string("x") + ext), ext);
    const std::vector<std::string> before = listing(dir);
    {
        output::StagedOutput staged(dir / "x.shp", {});
        for (const char* ext : {".cpg", ".dbf", ".prj", ".qml", ".shp", ".shx"}) {
            test::write_file(staged.folder() / (std::string("x") + ext), std::string("new") + ext);
        }
        fs::create_directory(dir / "x.dbf");
        test::write_file(dir / "x.dbf" / "inside", "a folder");
        try {
            staged.commit();
            ADD_FAILURE() << "commit replaced a folder";
        } catch (const InputError& e) {
            EXPECT_NE(std::string(e.what()).find("x.dbf: is a folder"), std::string::npos) << e.what();
        } catch (const std::exception& e) {
            ADD_FAILURE() << "not an InputError: " << e.what();
        }
    }
    // Every previous file as it was, none of the new ones, no staging folder left.
    for (const char* ext : {".cpg", ".prj", ".qml", ".shp", ".shx"}) {
        EXPECT_EQ(test::read_file(dir / (std::string("x") + ext)), ext) << ext;
    }
    EXPECT_EQ(test::read_file(dir / "x.dbf" / "inside"), "a folder");
    std::vector<std::string> expected = before;
    expected.push_back("x.dbf");
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(listing(dir), expected);
}

TEST(OutputSafety, ShapefileCommitReplacesEveryFile) {
    test::TempDir tmp;
    for (const char* ext : {".dbf", ".shp", ".shx", ".old"}) test::write_file(tmp / (std::string("x") + ext), "old");
    {
        output::StagedOutput staged(tmp / "x.shp", {});
        for (const char* ext : {".dbf", ".shp", ".shx", ".prj"}) test::write_file(staged.folder() / (std::string("x") + ext), "new");
        staged.commit();
    }
    for (const char* ext : {".dbf", ".shp", ".shx", ".prj"}) EXPECT_EQ(test::read_file(tmp / (std::string("x") + ext)), "new");
    EXPECT_EQ(test::read_file(tmp / "x.old"), "old");  // not part of the output: untouched
    EXPECT_EQ(listing(tmp.path()), (std::vector<std::string>{"x.dbf", "x.old", "x.prj", "x.shp", "x.shx"}));
}

// ---- 7. a folder where the cache file should be -----------------------------------------------

TEST(OutputSafety, CacheFileIsAFolder) {
    test::TempDir tmp;
    fs::copy(test::data("small"), tmp.path(), fs::copy_options::recursive);
    const std::string catalog = (tmp / "catalog.yaml").string();
    fs::create_directory(tmp / "catalog.yaml.zcache");
    test::write_file(tmp / "catalog.yaml.zcache" / "keep.txt", "mine");

    auto r = test::zoning_cli({"index", "-c", catalog});
    EXPECT_EQ(r.code, 2) << r.err;
    EXPECT_NE(r.err.find(catalog + ".zcache: is a folder"), std::string::npos) << r.err;

    r = test::zoning_cli({"index", "-c", catalog, "--status"});
    EXPECT_EQ(r.code, 1) << r.err;

    r = test::zoning_cli({"screen", "-c", catalog, (tmp / "footprints.geojson").string(), "--format", "json"});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.err.find("catalog cache unusable: " + catalog + ".zcache is a folder: reading the sources"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(test::read_file(tmp / "catalog.yaml.zcache" / "keep.txt"), "mine");
}

// ---- 8. a symbolic link loop as an input ------------------------------------------------------

struct LoopCase {
    const char* name;
    std::function<std::vector<std::string>(const fs::path& loop)> args;
};
void PrintTo(const LoopCase& c, std::ostream* os) { *os << c.name; }

class SymlinkLoop : public ::testing::TestWithParam<LoopCase> {};

TEST_P(SymlinkLoop, IsExitTwoNamingIt) {
    test::TempDir tmp;
    const fs::path a = tmp / "a.geojson", b = tmp / "b.geojson";
    fs::create_symlink(b, a);
    fs::create_symlink(a, b);
    const auto r = test::zoning_cli(GetParam().args(a));
    EXPECT_EQ(r.code, 2) << r.err;
    EXPECT_NE(r.err.find(a.string()), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("internal error"), std::string::npos) << r.err;
}

INSTANTIATE_TEST_SUITE_P(
    OutputSafety, SymlinkLoop,
    ::testing::Values(
        LoopCase{"ScreenFootprints", [](const fs::path& l) { return std::vector<std::string>{"screen", "-c", kCatalog, l.string()}; }},
        LoopCase{"MapFootprints",
                 [](const fs::path& l) {
                     return std::vector<std::string>{"map", "-c", kCatalog, l.string(), "-o", (l.parent_path() / "m.png").string()};
                 }},
        LoopCase{"InfoCatalog", [](const fs::path& l) { return std::vector<std::string>{"info", "-c", l.string()}; }},
        LoopCase{"Convert",
                 [](const fs::path& l) {
                     return std::vector<std::string>{"convert", l.string(), "-o", (l.parent_path() / "x.geojson").string()};
                 }},
        LoopCase{"Catalog", [](const fs::path& l) { return std::vector<std::string>{"screen", "-c", l.string(), kFootprints}; }}),
    [](const auto& param_info) { return std::string(param_info.param.name); });

}  // namespace
}  // namespace zoning
