// The prepared catalog cache (zoning index): reports are byte-identical with and without it,
// repair warnings survive it, and a changed catalog or source is never read from a stale cache.
// Every test works on a copy of its catalog in a temporary folder: nothing is written into the
// repository. No test depends on timing.
#include "test_support.hpp"

#include <zoning/cache.hpp>
#include <zoning/catalog.hpp>
#include <zoning/layer.hpp>

#include <xxhash.h>

#include <chrono>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <functional>

namespace {

namespace fs = std::filesystem;
using zoning::test::read_file;
using zoning::test::write_file;
using zoning::test::zoning_cli;

const fs::path kRoot = ZONING_SOURCE_DIR;

/// Copies a catalog folder into `dir` and returns the copied catalog file.
fs::path copy_catalog(const fs::path& folder, const fs::path& dir, const std::string& file = "catalog.yaml") {
    fs::copy(folder, dir / "cat", fs::copy_options::recursive);
    return dir / "cat" / file;
}

/// Moves a file's modification time by `s` seconds.
void shift_mtime(const fs::path& p, int s) { fs::last_write_time(p, fs::last_write_time(p) + std::chrono::seconds(s)); }

std::vector<std::string> small_screen(const fs::path& catalog) {
    return {"screen", "--catalog", catalog.string(), zoning::test::data("small/footprints.geojson").string(),
            "--id-field", "XMBH", "--name-field", "XMMC", "--width-field", "KD", "--format", "json"};
}

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
    args.insert(args.end(), more.begin(), more.end());
    return args;
}

TEST(Cache, SmallCatalogScreensIdenticallyFromCache) {
    zoning::test::TempDir tmp;
    const fs::path cat = copy_catalog(zoning::test::data("small"), tmp.path());
    const auto before = zoning_cli(small_screen(cat));
    ASSERT_EQ(before.code, 0) << before.err;
    EXPECT_NE(before.err.find("no catalog cache"), std::string::npos) << before.err;

    const auto idx = zoning_cli({"index", "--catalog", cat.string()});
    ASSERT_EQ(idx.code, 0) << idx.err;
    EXPECT_TRUE(fs::exists(cat.string() + ".zcache"));
    EXPECT_NE(idx.out.find("wrote "), std::string::npos) << idx.out;

    const auto cached = zoning_cli(small_screen(cat));
    ASSERT_EQ(cached.code, 0) << cached.err;
    EXPECT_EQ(cached.err.find("cache"), std::string::npos) << cached.err;  // fresh: nothing to say
    EXPECT_EQ(cached.out, before.out);

    const auto nocache = zoning_cli(with(small_screen(cat), {"--no-cache"}));
    ASSERT_EQ(nocache.code, 0) << nocache.err;
    EXPECT_EQ(nocache.err.find("cache"), std::string::npos) << nocache.err;
    EXPECT_EQ(nocache.out, before.out);

    const zoning::Catalog c = zoning::Catalog::load(cat);
    EXPECT_EQ(zoning::LoadedCatalog::load(c)->cache_file(), fs::path(cat.string() + ".zcache"));
    zoning::LoadOptions off;
    off.use_cache = false;
    EXPECT_TRUE(zoning::LoadedCatalog::load(c, off)->cache_file().empty());
}

TEST(Cache, SampleCatalogReportsAreIdenticalFromCache) {
    zoning::test::TempDir tmp;
    const fs::path cat = copy_catalog(kRoot / "shapefiles/yunzhou", tmp.path());
    std::vector<std::string> screen{"screen", "--catalog", cat.string(), "--id-field", "XMBH", "--name-field",
                                    "XMMC", "--width-field", "KD", "--format", "json"};
    for (const auto& e : fs::directory_iterator(kRoot / "examples/projects")) {
        if (e.path().extension() == ".geojson") screen.push_back(e.path().string());
    }
    const std::vector<std::vector<std::string>> commands{
        screen,
        {"stats", "--catalog", cat.string(), "--by", "townships", "--format", "json"},
        {"info", "--catalog", cat.string(), "--format", "json"}};
    std::vector<std::string> from_sources;
    for (const auto& args : commands) {
        const auto r = zoning_cli(args);
        ASSERT_LE(r.code, 1) << r.err;
        from_sources.push_back(r.out);
    }
    for (const std::string unions : {"--no-unions", ""}) {
        std::vector<std::string> index{"index", "-c", cat.string()};
        if (!unions.empty()) index.push_back(unions);
        ASSERT_EQ(zoning_cli(index).code, 0);
        for (size_t i = 0; i < commands.size(); ++i) {
            const auto r = zoning_cli(commands[i]);
            ASSERT_LE(r.code, 1) << r.err;
            EXPECT_EQ(r.err.find("cache"), std::string::npos) << r.err;
            EXPECT_EQ(r.out, from_sources[i]) << commands[i][0] << " " << unions;
        }
    }
}

TEST(Cache, RepairWarningsAreStored) {
    // tests/data/check holds a bowtie (repaired) and a null geometry (skipped).
    zoning::test::TempDir tmp;
    const fs::path cat = copy_catalog(zoning::test::data("check"), tmp.path());
    const zoning::Catalog c = zoning::Catalog::load(cat);
    std::vector<zoning::Warning> seen_sources, seen_cache;
    zoning::LoadOptions o;
    o.use_cache = false;
    o.on_warning = [&](const zoning::Warning& w) { seen_sources.push_back(w); };
    const auto sources = zoning::LoadedCatalog::load(c, o);
    ASSERT_GE(sources->warnings().size(), 2U);

    const zoning::CacheWriteResult w = zoning::write_cache(c);
    EXPECT_EQ(w.warnings, static_cast<int>(sources->warnings().size()));
    o.use_cache = true;
    o.on_warning = [&](const zoning::Warning& x) { seen_cache.push_back(x); };
    const auto cached = zoning::LoadedCatalog::load(c, o);
    ASSERT_FALSE(cached->cache_file().empty());
    ASSERT_EQ(cached->warnings().size(), sources->warnings().size());
    ASSERT_EQ(seen_cache.size(), seen_sources.size());
    for (size_t i = 0; i < seen_sources.size(); ++i) {
        EXPECT_EQ(seen_cache[i].where, seen_sources[i].where);
        EXPECT_EQ(seen_cache[i].what, seen_sources[i].what);
    }
    for (size_t i = 0; i < sources->layers().size(); ++i) {
        EXPECT_EQ(cached->layers()[i].repaired(), sources->layers()[i].repaired());
        EXPECT_EQ(cached->layers()[i].skipped(), sources->layers()[i].skipped());
        EXPECT_EQ(cached->layers()[i].features().size(), sources->layers()[i].features().size());
    }
}

TEST(Cache, MovedCatalogFolderKeepsItsCacheAndWarningsNameTheNewPlace) {
    // tests/data/check has repair warnings; they name the sources where they are now.
    zoning::test::TempDir tmp;
    const fs::path cat = copy_catalog(zoning::test::data("check"), tmp.path());
    ASSERT_EQ(zoning_cli({"index", "-c", cat.string()}).code, 0);
    fs::rename(tmp / "cat", tmp / "moved");  // keeps the files' modification times
    const fs::path moved = tmp / "moved" / "catalog.yaml";
    const auto args = [&](const std::string& extra) {
        std::vector<std::string> a{"screen", "-c", moved.string(),
                                   zoning::test::data("small/footprints.geojson").string(), "--width-field", "KD",
                                   "-f", "json"};
        if (!extra.empty()) a.push_back(extra);
        return a;
    };
    const auto cached = zoning_cli(args(""));
    ASSERT_LE(cached.code, 1) << cached.err;
    EXPECT_EQ(cached.err.find("cache"), std::string::npos) << cached.err;
    const auto sources = zoning_cli(args("--no-cache"));
    ASSERT_LE(sources.code, 1) << sources.err;
    EXPECT_NE(sources.out.find((tmp / "moved").string()), std::string::npos);  // warnings name the sources
    EXPECT_EQ(cached.out.find((tmp / "cat").string() + "/"), std::string::npos);
    EXPECT_EQ(cached.out, sources.out);
    EXPECT_EQ(cached.err, sources.err);
}

/// Indexes a copy of tests/data/small, changes it with `change`, and checks that the next load
/// reads the sources and says why (`expect` in the note), with the same report.
void expect_stale(const std::function<void(const fs::path& cat)>& change, const std::string& expect) {
    zoning::test::TempDir tmp;
    const fs::path cat = copy_catalog(zoning::test::data("small"), tmp.path());
    const auto before = zoning_cli(small_screen(cat));
    ASSERT_EQ(zoning_cli({"index", "-c", cat.string()}).code, 0);
    ASSERT_EQ(zoning_cli({"index", "-c", cat.string(), "--status"}).code, 0);
    change(cat);
    const auto status = zoning_cli({"index", "-c", cat.string(), "--status"});
    EXPECT_EQ(status.code, 1);
    EXPECT_NE(status.out.find(expect), std::string::npos) << status.out;
    const auto after = zoning_cli(small_screen(cat));
    ASSERT_EQ(after.code, 0) << after.err;
    EXPECT_NE(after.err.find("is stale"), std::string::npos) << after.err;
    EXPECT_NE(after.err.find(expect), std::string::npos) << after.err;
    EXPECT_NE(after.err.find("reading the sources"), std::string::npos) << after.err;
    // Re-indexing makes it fresh again.
    ASSERT_EQ(zoning_cli({"index", "-c", cat.string()}).code, 0);
    const auto again = zoning_cli(small_screen(cat));
    EXPECT_EQ(again.err.find("cache"), std::string::npos) << again.err;
    EXPECT_EQ(again.out, after.out);
}

TEST(CacheStale, TouchedSource) {
    expect_stale([](const fs::path& cat) { shift_mtime(cat.parent_path() / "redline.geojson", 10); },
                 "redline.geojson changed (modification time)");
}

TEST(CacheStale, SourceChangedWithSameSizeAndTime) {
    expect_stale(
        [](const fs::path& cat) {
            const fs::path p = cat.parent_path() / "redline.geojson";
            const auto t = fs::last_write_time(p);
            std::string s = read_file(p);
            const size_t at = s.find("\"HX001\"");
            ASSERT_NE(at, std::string::npos);
            s[at + 5] = '9';  // code HX001 -> HX009: same size
            write_file(p, s);
            fs::last_write_time(p, t);
        },
        "redline.geojson changed (content)");
}

TEST(CacheStale, CatalogEdited) {
    expect_stale([](const fs::path& cat) { write_file(cat, read_file(cat) + "\n# edited\n"); },
                 "catalog.yaml changed (size)");
}

TEST(CacheStale, NewSidecarFile) {
    expect_stale([](const fs::path& cat) { write_file(cat.parent_path() / "farmland.qml", "<qgis/>"); },
                 "farmland.qml is new");
}

TEST(Cache, CorruptCacheIsNotUsed) {
    zoning::test::TempDir tmp;
    const fs::path cat = copy_catalog(zoning::test::data("small"), tmp.path());
    const auto before = zoning_cli(small_screen(cat));
    ASSERT_EQ(zoning_cli({"index", "-c", cat.string()}).code, 0);
    const fs::path file = cat.string() + ".zcache";
    std::string bytes = read_file(file);
    write_file(file, bytes.substr(0, bytes.size() - 100));
    auto r = zoning_cli(small_screen(cat));
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.err.find("is unreadable"), std::string::npos) << r.err;
    EXPECT_EQ(r.out, before.out);
    bytes[bytes.size() - 50] = static_cast<char>(bytes[bytes.size() - 50] ^ 0x55);
    write_file(file, bytes);
    r = zoning_cli(small_screen(cat));
    EXPECT_NE(r.err.find("corrupt"), std::string::npos) << r.err;
    EXPECT_EQ(r.out, before.out);
}

/// Offset of the body in a cache file's bytes (layout in libzoning/src/cache/catalog_cache.cpp).
size_t cache_body_offset(const std::string& bytes) {
    size_t at = 8 + 4;  // magic, format
    auto u32 = [&](size_t pos) {
        std::uint32_t v = 0;
        std::memcpy(&v, bytes.data() + pos, 4);
        return v;
    };
    at += 4 + u32(at);  // key
    const std::uint32_t files = u32(at);
    at += 4;
    for (std::uint32_t i = 0; i < files; ++i) at += 4 + u32(at) + 8 + 8 + 8;
    return at + 8 + 8;  // body hash, body size
}

// A count far beyond what the file holds (here 2^32 - 1 warnings, behind a valid checksum) used
// to reserve that many warnings: 256 GB, std::bad_alloc, exit 3. It is an unreadable cache now.
TEST(Cache, HugeCountInCacheIsRefusedBeforeAllocating) {
    zoning::test::TempDir tmp;
    const fs::path cat = copy_catalog(zoning::test::data("small"), tmp.path());
    const auto before = zoning_cli(small_screen(cat));
    ASSERT_EQ(zoning_cli({"index", "-c", cat.string()}).code, 0);
    const fs::path file = cat.string() + ".zcache";
    std::string bytes = read_file(file);
    const size_t body = cache_body_offset(bytes);
    size_t at = body;  // the working CRS: 3 strings, i32, u8, 2 f64
    for (int i = 0; i < 3; ++i) {
        std::uint32_t n = 0;
        std::memcpy(&n, bytes.data() + at, 4);
        at += 4 + n;
    }
    at += 4 + 1 + 8 + 8;
    const std::uint32_t huge = 0xFFFFFFFFu;
    std::memcpy(bytes.data() + at, &huge, 4);
    const std::uint64_t hash = XXH3_64bits_withSeed(bytes.data() + body, bytes.size() - body, 0);
    std::memcpy(bytes.data() + body - 16, &hash, 8);
    write_file(file, bytes);
    const auto r = zoning_cli(small_screen(cat));
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.err.find("is unreadable (warning count 4294967295 exceeds the file)"), std::string::npos) << r.err;
    EXPECT_EQ(r.out, before.out);
}

TEST(Cache, CacheDirOption) {
    zoning::test::TempDir tmp;
    const fs::path cat = copy_catalog(zoning::test::data("small"), tmp.path());
    const fs::path dir = tmp / "caches";
    const auto idx = zoning_cli({"index", "-c", cat.string(), "--cache-dir", dir.string()});
    ASSERT_EQ(idx.code, 0) << idx.err;
    EXPECT_FALSE(fs::exists(cat.string() + ".zcache"));
    ASSERT_TRUE(fs::is_directory(dir));
    EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);
    const auto r = zoning_cli(with(small_screen(cat), {"--cache-dir", dir.string(), "--timing"}));
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.err.find("timing: load"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("(cache)"), std::string::npos) << r.err;
    // Without the folder the cache is not found.
    EXPECT_NE(zoning_cli(small_screen(cat)).err.find("no catalog cache"), std::string::npos);
}

}  // namespace
