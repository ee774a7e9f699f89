// Messages in the user's language (zoning/messages.hpp, tools/cli_messages.hpp): the catalog
// covers every message the sources write, composed messages translate at every level, the CLI
// speaks --lang, suggests the closest names, and draws progress only where asked.
#include "cli_messages.hpp"
#include "test_support.hpp"

#include <zoning/catalog.hpp>
#include <zoning/footprint.hpp>
#include <zoning/layer.hpp>
#include <zoning/messages.hpp>
#include <zoning/screen.hpp>

#include <gtest/gtest.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace zoning;

namespace {

const fs::path kRoot = ZONING_SOURCE_DIR;

// ---- the source scan ---------------------------------------------------------------------------

/// Index just past the literal (string or char) that starts at s[i].
size_t skip_literal(const std::string& s, size_t i) {
    const char q = s[i];
    size_t j = i + 1;
    while (j < s.size() && s[j] != q) j += s[j] == '\\' ? 2 : 1;
    return j + 1;
}

/// The source without comments (literals kept as they are).
std::string strip_comments(const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size();) {
        if (s[i] == '"' || (s[i] == '\'' && (i == 0 || !std::isalnum(static_cast<unsigned char>(s[i - 1]))))) {
            const size_t j = skip_literal(s, i);
            out += s.substr(i, j - i);
            i = j;
        } else if (s.compare(i, 2, "//") == 0) {
            i = s.find('\n', i);
            if (i == std::string::npos) break;
        } else if (s.compare(i, 2, "/*") == 0) {
            i = s.find("*/", i) + 2;
        } else {
            out += s[i++];
        }
    }
    return out;
}

/// The top-level arguments of the call whose '(' or '{' is just before s[i], up to `stop`
/// (the closing bracket, or ';' for an assignment).
std::vector<std::string> arguments(const std::string& s, size_t i, bool to_semicolon = false) {
    std::vector<std::string> args(1);
    int depth = 0;
    while (i < s.size()) {
        const char c = s[i];
        if (c == '"' || c == '\'') {
            const size_t j = skip_literal(s, i);
            args.back() += s.substr(i, j - i);
            i = j;
            continue;
        }
        if (c == '(' || c == '[' || c == '{') ++depth;
        if (c == ')' || c == ']' || c == '}') {
            if (depth == 0) break;
            --depth;
        }
        if (depth == 0 && (to_semicolon ? c == ';' : c == ',')) {
            if (to_semicolon) break;
            args.emplace_back();
            ++i;
            continue;
        }
        args.back() += c;
        ++i;
    }
    return args;
}

std::string unescape(const std::string& t) {
    std::string out;
    for (size_t i = 0; i < t.size(); ++i) {
        if (t[i] != '\\' || i + 1 == t.size()) {
            out += t[i];
            continue;
        }
        const char c = t[++i];
        out += c == 'n' ? '\n' : c == 't' ? '\t' : c;
    }
    return out;
}

/// The alternatives of a top-level `a ? b : c` (itself when there is none).
std::vector<std::string> alternatives(const std::string& e) {
    int depth = 0;
    size_t q = std::string::npos;
    for (size_t i = 0; i < e.size(); ++i) {
        const char c = e[i];
        if (c == '"' || c == '\'') {
            i = skip_literal(e, i) - 1;
            continue;
        }
        if (c == '(' || c == '[' || c == '{') ++depth;
        if (c == ')' || c == ']' || c == '}') --depth;
        if (depth != 0) continue;
        if (c == '?' && q == std::string::npos) q = i;
        if (c == ':' && q != std::string::npos && e.compare(i, 2, "::") != 0 && (i == 0 || e[i - 1] != ':')) {
            std::vector<std::string> out{e.substr(q + 1, i - q - 1)};
            for (auto& a : alternatives(e.substr(i + 1))) out.push_back(a);
            return out;
        }
    }
    return {e};
}

/// The template of a message expression: its top-level literals, "{}" for everything else;
/// empty when it has no literal (a message passed on, composed elsewhere).
std::string template_of(std::string e) {
    // std::string("...") is a literal too.
    for (size_t p; (p = e.find("std::string(\"")) != std::string::npos;) {
        const size_t end = skip_literal(e, p + 12);
        if (end < e.size() && e[end] == ')') e = e.substr(0, p) + e.substr(p + 12, end - p - 12) + e.substr(end + 1);
        else break;
    }
    std::string out;
    bool literal = false;
    bool hole = false;
    int depth = 0;
    for (size_t i = 0; i < e.size();) {
        const char c = e[i];
        if (c == '"') {
            const size_t j = skip_literal(e, i);
            if (depth == 0) {
                out += unescape(e.substr(i + 1, j - i - 2));
                literal = true;
                hole = false;
            } else if (!hole) {
                out += "{}";
                hole = true;
            }
            i = j;
            continue;
        }
        if (c == '(' || c == '[' || c == '{') ++depth;
        if (c == ')' || c == ']' || c == '}') --depth;
        if (std::isspace(static_cast<unsigned char>(c)) || (c == '+' && depth == 0)) {
            ++i;
            continue;
        }
        if (!hole) {
            out += "{}";
            hole = true;
        }
        ++i;
    }
    return literal ? out : std::string();
}

struct Found {
    std::string file;
    std::string text;
};

/// Every message template of one source file: the arguments of the error types, of warnings and
/// notes, of the readers' fail(), and the axis diagnosis and cache notes built in variables.
void scan(const fs::path& path, const std::string& rel, std::vector<Found>& out) {
    const std::string s = strip_comments(test::read_file(path));
    auto add = [&](const std::string& expr) {
        for (const auto& alt : alternatives(expr)) {
            if (std::string t = template_of(alt); !t.empty()) out.push_back({rel, t});
        }
    };
    auto is_word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
    // name( with the arguments that are messages: 0 first, 2 third, -1 last, -2 all
    const std::vector<std::pair<std::string, int>> calls{
        {"InputError(", 0}, {"InternalError(", 0}, {"CacheFormatError(", 0}, {"CatalogError(", 2},
        {"Warning{", -2},   {"fail(", -1},           {"tr(", 0},
    };
    for (const auto& [name, which] : calls) {
        for (size_t p = s.find(name); p != std::string::npos; p = s.find(name, p + 1)) {
            if (p > 0 && (is_word(s[p - 1]) || (name == "tr(" && (s[p - 1] == '.' || s[p - 1] == '>')))) continue;
            if (name == "fail(" && s.compare(p - std::min<size_t>(p, 5), 5, "void ") == 0) continue;  // its definition
            const std::vector<std::string> args = arguments(s, p + name.size());
            if (which == -2) {
                for (const auto& a : args) add(a);
            } else if (which == -1) {
                add(args.back());
            } else if (static_cast<size_t>(which) < args.size()) {
                add(args[static_cast<size_t>(which)]);
            }
        }
    }
    for (const std::string sink : {"warnings.push_back(", "warnings_->push_back(", "notes.push_back("}) {
        for (size_t p = s.find(sink); p != std::string::npos; p = s.find(sink, p + 1)) {
            size_t i = p + sink.size();
            while (std::isspace(static_cast<unsigned char>(s[i]))) ++i;
            if (s[i] == '{') {
                for (const auto& a : arguments(s, i + 1)) add(a);
            } else {
                add(arguments(s, i).front());
            }
        }
    }
    for (const std::string lhs : {".problem = ", ".fix = ", " why = "}) {
        for (size_t p = s.find(lhs); p != std::string::npos; p = s.find(lhs, p + 1)) {
            add(arguments(s, p + lhs.size(), true).front());
        }
    }
}

std::vector<Found> scan_sources() {
    std::vector<Found> found;
    const fs::path lib = kRoot / "libzoning/src";
    for (const auto& e : fs::recursive_directory_iterator(lib)) {
        const auto ext = e.path().extension();
        if (!e.is_regular_file() || (ext != ".cpp" && ext != ".hpp")) continue;
        if (e.path().filename() == "messages_zh.cpp") continue;
        scan(e.path(), "libzoning/src/" + e.path().lexically_relative(lib).generic_string(), found);
    }
    // The zoning command's own files (not the developer tools gen_sample and gen_workload).
    for (const auto& e : fs::directory_iterator(kRoot / "tools")) {
        if (e.is_regular_file() && e.path().extension() == ".cpp") {
            scan(e.path(), "tools/" + e.path().filename().string(), found);
        }
    }
    return found;
}

std::set<std::string> placeholders(std::string_view t) {
    std::set<std::string> names;
    for (size_t i = 0; (i = t.find('{', i)) != std::string_view::npos; ++i) {
        size_t j = i + 1;
        while (j < t.size() && ((t[j] >= 'a' && t[j] <= 'z') || (t[j] >= '0' && t[j] <= '9') || t[j] == '_')) ++j;
        if (j > i + 1 && j < t.size() && t[j] == '}') names.emplace(t.substr(i + 1, j - i - 1));
    }
    return names;
}

}  // namespace

TEST(Messages, EveryMessageOfTheSourcesHasAChineseEntry) {
    std::set<std::string> catalog;
    for (const auto& m : chinese_messages()) catalog.insert(normalize_template(m.en));
    const std::vector<Found> found = scan_sources();
    // The scan finds the messages it should: a sample of each kind of sink.
    std::set<std::string> texts;
    for (const auto& f : found) texts.insert(f.text);
    for (const char* expected : {"{}: cannot open: {}",                      // InputError
                                 "layer '{}': {}",                           // CatalogError's reason
                                 "footprint {} ({})",                        // a warning's where
                                 "X '{}' is not a number",                   // the TXT reader's fail()
                                 "swap X and Y{}",                           // axis diagnosis
                                 "no catalog cache ({})",                    // a cache note
                                 "--overlap '{}': give two layer ids as A,B"}) {  // tools/
        EXPECT_TRUE(texts.count(expected)) << "the scan misses " << expected;
    }
    EXPECT_GT(found.size(), 300u);
    int missing = 0;
    for (const auto& f : found) {
        if (catalog.count(f.text)) continue;
        ++missing;
        ADD_FAILURE() << f.file << ": no Chinese entry in libzoning/src/report/messages_zh.cpp for\n    " << f.text;
    }
    EXPECT_EQ(missing, 0);
}

TEST(Messages, CatalogEntriesAreWellFormed) {
    std::set<std::string> seen;
    for (const auto& m : chinese_messages()) {
        EXPECT_TRUE(seen.insert(std::string(m.en)).second) << "twice: " << m.en;
        EXPECT_EQ(placeholders(m.en), placeholders(m.zh)) << m.en << "\n" << m.zh;
        EXPECT_EQ(normalize_template(m.en).find("{}{}"), std::string::npos) << m.en;
        EXPECT_FALSE(m.zh.empty()) << m.en;
    }
}

TEST(Messages, ComposedMessagesTranslateAtEveryLevel) {
    // CatalogError(file, line, "layer 'x': " + InputError(path + ": file not found"))
    EXPECT_EQ(translate("c.yaml:12: layer 'redline': /d/red line.shp: file not found", Lang::zh),
              "c.yaml:12: 图层 'redline': /d/red line.shp: 文件不存在");
    EXPECT_EQ(translate("footprint 7 (site.geojson layer site fid 7)", Lang::zh),
              "用地范围 7（site.geojson layer site fid 7）");
    // A reason of another library that matches nothing is kept as it is.
    EXPECT_EQ(translate("x.shp: cannot open: `x.shp' not recognized as a supported file format.", Lang::zh),
              "x.shp: 无法打开: `x.shp' not recognized as a supported file format.");
    // A path with ": " in it: the place is the longest part the template allows.
    EXPECT_EQ(translate("C:/a: b/x.shp: file not found", Lang::zh), "C:/a: b/x.shp: 文件不存在");
    // {line} is a number: "a.txt:x:y" is not file:line.
    EXPECT_EQ(translate("a.txt:7: X 'abc' is not a number", Lang::zh), "a.txt:7: X 'abc' 不是数字");
    // The parse that covers the most words wins: cut at "--s-srs: ", not at " has no CRS with code ".
    EXPECT_EQ(translate("--s-srs: cannot read CRS 'EPSG:1': EPSG has no CRS with code 1; give an EPSG code (e.g. "
                        "EPSG:4547 CGCS2000 GK CM 114E, EPSG:4526 zone 38 with prefix, EPSG:4490 lon/lat), a WKT or "
                        "a PROJ string",
                        Lang::zh),
              "--s-srs: 无法读取坐标系 'EPSG:1': EPSG 没有代码为 1 的坐标系；请给出 EPSG 代码（例如 EPSG:4547 CGCS2000 "
              "高斯-克吕格 中央经线 114E，EPSG:4526 38 带有带号前缀，EPSG:4490 经纬度）、WKT 或 PROJ 字符串");
    // {then} (a ?: that is often "") may be empty.
    EXPECT_EQ(translate("s.txt layer s: X and Y are swapped: the easting column holds northings (x 1..2) and the "
                        "northing column eastings (y 3..4): run with --fix-axes to swap X and Y",
                        Lang::zh),
              "s.txt layer s: X 与 Y 颠倒：东坐标列是北坐标（x 1..2），北坐标列是东坐标（y 3..4）: 加 --fix-axes "
              "运行即可交换 X 与 Y");
    EXPECT_EQ(translate("no such template", Lang::zh), "no such template");
    EXPECT_EQ(translate("c.yaml:12: layer 'redline': x", Lang::en), "c.yaml:12: layer 'redline': x");
}

// ---- the command line --------------------------------------------------------------------------

TEST(Messages, ErrorsAreChineseByDefaultAndEnglishWithLangEn) {
    const std::string missing = (kRoot / "tests/data/small/no_such_catalog.yaml").string();
    const auto zh = test::zoning_cli({"screen", "-c", missing, "site.geojson"}, Lang::zh);
    EXPECT_EQ(zh.code, 2);
    EXPECT_EQ(zh.err, "zoning screen: 错误: " + missing + ": 无法打开目录文件（不存在或不可读）\n");
    const auto en = test::zoning_cli({"screen", "-c", missing, "site.geojson", "--lang", "en"}, Lang::zh);
    EXPECT_EQ(en.code, 2);
    EXPECT_EQ(en.err, "zoning screen: error: " + missing + ": cannot open the catalog file (missing or unreadable)\n");
    // Every command takes --lang, also before the subcommand and as --lang=en.
    const auto stats = test::zoning_cli({"--lang=en", "stats", "-c", missing}, Lang::zh);
    EXPECT_EQ(stats.err,
              "zoning stats: error: " + missing + ": cannot open the catalog file (missing or unreadable)\n");
}

TEST(Messages, UsageErrorsOfCli11AreTranslated) {
    const auto r = test::zoning_cli({"screen"}, Lang::zh);
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("zoning: 缺少必需的 --catalog"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("运行 'zoning --help'"), std::string::npos) << r.err;
    const auto en = test::zoning_cli({"screen", "--lang", "en"}, Lang::zh);
    EXPECT_NE(en.err.find("zoning: --catalog is required"), std::string::npos) << en.err;
    const auto choice = test::zoning_cli({"screen", "-c", "c.yaml", "x.geojson", "--format", "xml"}, Lang::zh);
    EXPECT_NE(choice.err.find("--format: 必须是 text, json, csv 之一，而给出的是 'xml'"), std::string::npos) << choice.err;
    const auto value = test::zoning_cli({"screen", "-c", "c.yaml", "x.geojson", "--width"}, Lang::zh);
    EXPECT_NE(value.err.find("--width: 缺少 1 个 "), std::string::npos) << value.err;
}

TEST(Messages, DidYouMeanForSubcommandsAndOptions) {
    const auto sub = test::zoning_cli({"scren"}, Lang::zh);
    EXPECT_EQ(sub.code, 2);
    EXPECT_NE(sub.err.find("zoning: 未知的子命令 'scren'：您是否要输入 screen？"), std::string::npos) << sub.err;
    const auto sub_en = test::zoning_cli({"scren", "--lang", "en"}, Lang::zh);
    EXPECT_NE(sub_en.err.find("zoning: unknown subcommand 'scren'; did you mean screen?"), std::string::npos)
        << sub_en.err;
    const auto catalog = test::zoning_cli({"screen", "--catalgo", "c.yaml", "x.geojson"}, Lang::zh);
    EXPECT_EQ(catalog.code, 2);
    EXPECT_NE(catalog.err.find("未知的选项 '--catalgo'：您是否要输入 --catalog？"), std::string::npos) << catalog.err;
    const auto width =
        test::zoning_cli({"--lang", "en", "screen", "-c", "c.yaml", "x.geojson", "--widht", "10"}, Lang::zh);
    EXPECT_NE(width.err.find("unknown option '--widht'; did you mean --width?"), std::string::npos) << width.err;
    const auto far = test::zoning_cli({"screen", "-c", "c.yaml", "x.geojson", "--zzzzzz"}, Lang::zh);
    EXPECT_NE(far.err.find("未知的选项 '--zzzzzz'\n"), std::string::npos) << far.err;
}

TEST(Messages, ClosestNames) {
    using cli::closest_names;
    using cli::edit_distance;
    EXPECT_EQ(edit_distance("scren", "screen"), 1u);
    EXPECT_EQ(edit_distance("--catalgo", "--catalog"), 1u);  // one swap
    EXPECT_EQ(edit_distance("--widht", "--width"), 1u);
    EXPECT_EQ(edit_distance("abc", ""), 3u);
    const std::vector<std::string> subs{"screen", "map", "stats", "check", "info", "index", "convert"};
    EXPECT_EQ(closest_names("scren", subs), (std::vector<std::string>{"screen"}));
    EXPECT_EQ(closest_names("stat", subs), (std::vector<std::string>{"stats"}));
    EXPECT_EQ(closest_names("conv", subs), (std::vector<std::string>{"convert"}));  // a prefix
    EXPECT_EQ(closest_names("inf", subs), (std::vector<std::string>{"info"}));
    EXPECT_TRUE(closest_names("xyzzy", subs).empty());
}

TEST(Messages, AGbkCoordinateTxtThatReadsCleanlyGetsNoWarning) {
    const std::string txt = (kRoot / "tests/data/formats/gbk_crlf.txt").string();
    const std::string catalog = (kRoot / "shapefiles/yunzhou/catalog.yaml").string();
    const auto r = test::zoning_cli({"screen", "-c", catalog, txt, "--no-cache", "-f", "json"}, Lang::zh);
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.err.find("警告"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find(txt + ": " + txt), std::string::npos) << r.err;
    EXPECT_NE(r.out.find("\"warnings\": []"), std::string::npos) << r.out;
}

// ---- progress ----------------------------------------------------------------------------------

TEST(Messages, ProgressCallbackCountsToTheTotalInOrder) {
    const Catalog catalog = Catalog::load(kRoot / "tests/data/small/catalog.yaml");
    LoadOptions lo;
    lo.use_cache = false;
    std::vector<Progress> layers;
    lo.on_progress = [&](const Progress& p) { layers.push_back(p); };
    const auto loaded = LoadedCatalog::load(catalog, lo);
    ASSERT_EQ(layers.size(), catalog.layers.size());
    for (size_t i = 0; i < layers.size(); ++i) {
        EXPECT_EQ(layers[i].stage, "layers");
        EXPECT_EQ(layers[i].done, i + 1);
        EXPECT_EQ(layers[i].total, catalog.layers.size());
    }
    FootprintQuery q;
    q.sources = {(kRoot / "tests/data/small/footprints.geojson").string()};
    std::vector<Warning> warnings;
    const std::vector<Footprint> footprints = read_footprints(q, *loaded, warnings);
    ASSERT_GT(footprints.size(), 2u);
    for (const unsigned threads : {1u, 4u}) {
        ScreenOptions so;
        so.threads = threads;
        std::vector<size_t> done;
        so.on_progress = [&](const Progress& p) {
            EXPECT_EQ(p.stage, "footprints");
            EXPECT_EQ(p.total, footprints.size());
            done.push_back(p.done);
        };
        (void)screen_all(*loaded, footprints, so);
        ASSERT_EQ(done.size(), footprints.size()) << threads << " threads";
        for (size_t i = 0; i < done.size(); ++i) EXPECT_EQ(done[i], i + 1) << threads << " threads";
    }
}

TEST(Messages, ProgressOnlyWhereAsked) {
    const std::string catalog = (kRoot / "tests/data/small/catalog.yaml").string();
    const std::string fp = (kRoot / "tests/data/small/footprints.geojson").string();
    test::TempDir tmp;
    const std::vector<std::string> base{"screen", "-c", catalog, fp, "--no-cache", "--cache-dir", tmp.path().string()};
    // stderr is not a terminal: not a byte more than without progress.
    const auto plain = test::zoning_cli(base, Lang::zh);
    auto with = base;
    with.push_back("--no-progress");
    const auto off = test::zoning_cli(with, Lang::zh);
    EXPECT_EQ(plain.err, off.err);
    EXPECT_EQ(plain.out, off.out);
    EXPECT_EQ(plain.err.find('\r'), std::string::npos);
    // Forced: every step drawn in place and the line cleared at the end of each stage.
    with.back() = "--progress";
    const auto forced = test::zoning_cli(with, Lang::zh);
    EXPECT_EQ(forced.out, plain.out);
    const Catalog c = Catalog::load(catalog);
    const size_t n = c.layers.size();
    std::string expected;
    size_t shown = 0;
    for (size_t i = 1; i <= n; ++i) {
        const std::string text = "读取图层 " + std::to_string(i) + "/" + std::to_string(n) + " (" +
                                 std::to_string(i * 100 / n) + "%)";
        expected += "\r" + text;
        shown = std::max(shown, text.size() - 4);  // four CJK characters: 3 bytes, 2 columns each
    }
    expected += "\r" + std::string(shown, ' ') + "\r";
    EXPECT_NE(forced.err.find(expected), std::string::npos) << forced.err;
    EXPECT_NE(forced.err.find("审查用地范围 1/"), std::string::npos) << forced.err;
    EXPECT_NE(forced.err.find("(100%)"), std::string::npos) << forced.err;
    const auto en = test::zoning_cli({"screen", "-c", catalog, fp, "--cache-dir", tmp.path().string(), "--progress",
                                      "--lang", "en"}, Lang::zh);
    EXPECT_NE(en.err.find("\rscreening footprints 1/"), std::string::npos) << en.err;
}

TEST(Messages, TheBinaryDrawsNoProgressWhenStderrIsAFile) {
    test::TempDir tmp;
    const std::string cmd = std::string("'") + ZONING_BINARY + "' screen -c '" +
                            (kRoot / "tests/data/small/catalog.yaml").string() + "' '" +
                            (kRoot / "tests/data/small/footprints.geojson").string() + "' --no-cache -f json";
    auto run = [&](const std::string& extra, const std::string& name) {
        const fs::path err = tmp / name;
        const int rc = std::system((cmd + extra + " > /dev/null 2> '" + err.string() + "'").c_str());
        EXPECT_EQ(rc, 0) << name;
        return test::read_file(err);
    };
    const std::string plain = run("", "plain.txt");
    EXPECT_EQ(plain, run(" --no-progress", "off.txt"));
    EXPECT_EQ(plain.find('\r'), std::string::npos) << plain;
    EXPECT_NE(plain.find("警告: 用地范围 "), std::string::npos) << plain;  // the binary's default is zh
    const std::string forced = run(" --progress", "forced.txt");
    EXPECT_NE(forced.find("\r审查用地范围 "), std::string::npos) << forced;
}
