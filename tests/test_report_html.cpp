// zoning report -o FILE.html (docs/report.md): one page, every block, every string escaped,
// nothing from elsewhere, the print CSS, and the map's conflict parts at their 界址点. The page
// in a browser is tests/report_html/test_report_html.py (ctest report_html).
#include "test_support.hpp"

#include <zoning/catalog.hpp>
#include <zoning/layer.hpp>
#include <zoning/report_document.hpp>
#include <zoning/screen.hpp>

#include "report/document/html_writer.hpp"

#include <cmath>
#include <regex>

namespace zoning {

namespace {

const std::string kCatalog = test::data("small/catalog.yaml").string();
const std::string kFootprints = test::data("small/footprints.geojson").string();
const char* const kWhere = "XMBH IN ('P1', 'P3', 'P5')";

std::vector<std::string> html_args(const std::filesystem::path& out, std::vector<std::string> more = {}) {
    std::vector<std::string> a{
        "report",        "-c", kCatalog,  kFootprints, "--id-field", "XMBH",       "--name-field", "XMMC",
        "--width-field", "KD", "--where", kWhere,      "--date",     "2026-12-01", "-o",           out.string()};
    a.insert(a.end(), more.begin(), more.end());
    return a;
}

size_t count(const std::string& s, const std::string& what) {
    size_t n = 0;
    for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + what.size()))
        ++n;
    return n;
}

/// The points of an SVG path as the writer writes it ("M x y l dx dy ... z M ..."), in svg units.
std::vector<std::vector<std::pair<double, double>>> decode_path(const std::string& d) {
    std::vector<std::vector<std::pair<double, double>>> rings;
    const std::regex token("[Mlz]|-?[0-9]*\\.?[0-9]+");
    std::vector<std::string> t;
    for (auto it = std::sregex_iterator(d.begin(), d.end(), token); it != std::sregex_iterator(); ++it)
        t.push_back(it->str());
    double x = 0, y = 0;
    char cmd = 0;
    for (size_t i = 0; i < t.size();) {
        if (t[i] == "M" || t[i] == "l" || t[i] == "z") {
            cmd = t[i][0];
            if (cmd == 'M') rings.emplace_back();
            ++i;
            continue;
        }
        const double a = std::stod(t[i]), b = std::stod(t[i + 1]);
        i += 2;
        if (cmd == 'M') {
            x = a;
            y = b;
        } else {
            x += a;
            y += b;
        }
        rings.back().emplace_back(x, y);
    }
    return rings;
}

}  // namespace

TEST(ReportHtml, EscapesEveryStringAndHtmlEscapeCoversTheFive) {
    EXPECT_EQ(report::document::html_escape("<a href=\"x\">&'</a>"),
              "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;");
    const test::TempDir tmp;
    const test::CliResult r = test::zoning_cli(
        html_args(tmp / "r.html", {"--title", "<script>alert('x')</script> & 测试", "--applicant", "A\"B<i>"}));
    ASSERT_EQ(r.code, 0) << r.err;
    const std::string page = test::read_file(tmp / "r.html");
    EXPECT_EQ(page.find("<script>alert"), std::string::npos);
    EXPECT_NE(page.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; 测试"), std::string::npos);
    EXPECT_NE(page.find("A&quot;B&lt;i&gt;"), std::string::npos);
    EXPECT_EQ(page.find("<i>"), std::string::npos);
    // The footer in the print CSS: a CSS string, its quotes escaped and no "<" inside <style>.
    EXPECT_NE(page.find("@bottom-left{content:\"\\3c script>alert('x')\\3c /script> & 测试"), std::string::npos);
    EXPECT_EQ(count(page, "<script>"), 1u);  // the page's own, inline
    EXPECT_EQ(count(page, "</style>"), 1u);
}

TEST(ReportHtml, OneSelfContainedPageWithEveryBlockThePrintCssAndThePartsAtTheirBoundaryPoints) {
    const test::TempDir tmp;
    const test::CliResult r = test::zoning_cli(html_args(tmp / "r.html"));
    ASSERT_EQ(r.code, 0) << r.err;
    const std::string page = test::read_file(tmp / "r.html");
    EXPECT_NE(r.out.find("r.html: HTML, " + std::to_string((page.size() + 1023) / 1024) + " KB, verdict prohibited"),
              std::string::npos)
        << r.out;
    // Staged and renamed: nothing else in the folder.
    size_t files = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(tmp.path()))
        ++files;
    EXPECT_EQ(files, 1u);

    // Nothing from elsewhere: no src or href, no url() but the page's own patterns, a CSP that says so.
    EXPECT_EQ(page.find(" src="), std::string::npos);
    EXPECT_EQ(page.find(" href="), std::string::npos);
    EXPECT_EQ(count(page, "url("), count(page, "url(#"));
    EXPECT_EQ(count(page, "http"), count(page, "http://www.w3.org/2000/svg") + count(page, "http-equiv"));
    EXPECT_NE(
        page.find(
            "content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\""),
        std::string::npos);
    // Every kind of block.
    for (const char* s :
         {"<header class=\"cover\"><h1>建设项目用地管控审查报告</h1>", "<dl class=\"fields\">",
          "<div class=\"banner v-prohibited\">", "<section class=\"opinion\"><div class=\"caption\">审查意见</div>",
          "<div class=\"opinion-text\" contenteditable=\"true\" spellcheck=\"false\"><p>", "<table class=\"data\"",
          "<thead><tr>", "<h2>二、审查明细</h2>", "<p class=\"small\">", "<div class=\"page-break\"></div>",
          "<section class=\"map-page\"", "<svg id=\"map\"", "<ul class=\"legend\">", "<div class=\"signature\">",
          "<td class=\"v v-prohibited\">禁止</td>"}) {
        EXPECT_NE(page.find(s), std::string::npos) << s;
    }
    // Print: A4, the map page landscape, headers repeated, the footer with page N of M.
    for (const char* s :
         {"@page{size:A4;", "@page map{size:A4 landscape;", ".map-page{page:map;", "thead{display:table-header-group}",
          "@bottom-right{content:\"第 \" counter(page) \" 页 共 \" counter(pages) \" 页\""}) {
        EXPECT_NE(page.find(s), std::string::npos) << s;
    }

    // The map drawn in the PDF's order (render/map_page): zone features, footprints, conflict
    // pieces, the parts to click, the site outlines again, the rings; the grid, the labels, the scale bar.
    size_t last = 0;
    for (const char* g : {"layers", "footprints", "conflicts", "parts", "outlines", "rings", "grid", "labels",
                          "scalebar"}) {
        const size_t at = page.find("<g id=\"" + std::string(g) + "\">");
        ASSERT_NE(at, std::string::npos) << g;
        EXPECT_GT(at, last) << g;
        last = at;
    }

    // The map's parts: every conflict part once on the map and its row in the list, its path the
    // part's 界址点 (svg x = Y - Y0, svg y = X0 - X) to the millimetre.
    const Catalog catalog = Catalog::load(kCatalog);
    const auto loaded = LoadedCatalog::load(catalog);
    FootprintQuery q;
    q.sources = {kFootprints};
    q.where = kWhere;
    q.id_field = "XMBH";
    q.name_field = "XMMC";
    q.width_field = "KD";
    std::vector<Warning> w;
    const std::vector<Footprint> footprints = read_footprints(q, loaded->working_crs(), loaded->context(), w);
    const std::vector<ConflictPart> parts = conflict_parts(screen_all(*loaded, footprints, {}));
    ASSERT_GE(parts.size(), 3u);
    std::smatch m;
    ASSERT_TRUE(std::regex_search(page, m, std::regex("data-origin-y=\"([0-9.]+)\" data-origin-x=\"([0-9.]+)\"")));
    const double y0 = std::stod(m[1]), x0 = std::stod(m[2]);
    for (const ConflictPart& p : parts) {
        const std::string attr = "data-part=\"" + report::document::html_escape(p.label) + "\"";
        EXPECT_EQ(count(page, "<path class=\"part v-" + std::string(to_string(p.verdict)) + "\" " + attr), 1u)
            << p.label;
        EXPECT_EQ(count(page, "<tr " + attr), 1u) << p.label;  // 冲突地块一览
        const size_t at = page.find("<path class=\"part v-" + std::string(to_string(p.verdict)) + "\" " + attr);
        ASSERT_NE(at, std::string::npos);
        const size_t d = page.find(" d=\"", at) + 4;
        const auto rings = decode_path(page.substr(d, page.find('"', d) - d));
        std::vector<PartPoint> expected;  // without each ring's closing repeat
        for (size_t i = 0; i < p.points.size(); ++i) {
            if (i + 1 < p.points.size() && p.points[i + 1].ring == p.points[i].ring) expected.push_back(p.points[i]);
        }
        size_t n = 0;
        for (const auto& ring : rings) {
            for (const auto& [sx, sy] : ring) {
                ASSERT_LT(n, expected.size()) << p.label;
                EXPECT_NEAR(sx + y0, expected[n].y, 0.0005 + 1e-9) << p.label << " " << expected[n].name;
                EXPECT_NEAR(x0 - sy, expected[n].x, 0.0005 + 1e-9) << p.label << " " << expected[n].name;
                ++n;
            }
        }
        EXPECT_EQ(n, expected.size()) << p.label;
    }

    // The same report is the same page; .htm is HTML too; English.
    ASSERT_EQ(test::zoning_cli(html_args(tmp / "r.html")).code, 0);
    EXPECT_TRUE(page == test::read_file(tmp / "r.html"));
    ASSERT_EQ(test::zoning_cli(html_args(tmp / "r.htm", {"--lang", "en"})).code, 0);
    const std::string en = test::read_file(tmp / "r.htm");
    EXPECT_NE(en.find("<html lang=\"en\">"), std::string::npos);
    EXPECT_NE(en.find("<h1>Zoning screening report</h1>"), std::string::npos);
}

}  // namespace zoning
