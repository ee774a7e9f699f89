// zoning report (docs/report.md): the PDF's pages and text (pdfinfo, pdftotext from
// poppler-utils), the 界址点 of each conflict part against the GEOS pieces, and the --parts TXT
// read back by zoning.
#include "test_support.hpp"

#include <zoning/catalog.hpp>
#include <zoning/formats.hpp>
#include <zoning/layer.hpp>
#include <zoning/report_document.hpp>
#include <zoning/screen.hpp>

#include "report/document/build.hpp"
#include "report/document/map_grid.hpp"
#include "render/fonts.hpp"
#include "report/format.hpp"

#include <gdal_priv.h>
#include <geos_c.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iterator>
#include <memory>
#include <regex>
#include <sstream>

namespace zoning {

namespace {

const std::string kCatalog = test::data("small/catalog.yaml").string();
const std::string kFootprints = test::data("small/footprints.geojson").string();

/// The output of a shell command.
std::string run(const std::string& cmd) {
    std::unique_ptr<FILE, decltype(&pclose)> pipe(popen(cmd.c_str(), "r"), &pclose);
    std::string out;
    if (!pipe) return out;
    char buf[4096];
    size_t n = 0;
    while ((n = fread(buf, 1, sizeof buf, pipe.get())) > 0) out.append(buf, n);
    return out;
}

bool have_poppler() { return std::system("pdftotext -v >/dev/null 2>&1") == 0; }

/// The small catalog's polygon footprints P1 (half on the red line) and P3 (across a red line
/// hole), screened through the library as the command does.
struct Screened {
    Catalog catalog;
    std::unique_ptr<LoadedCatalog> loaded;
    std::vector<Footprint> footprints;
    ScreenReport report;
    explicit Screened(std::optional<Category> category = std::nullopt)
        : catalog(Catalog::load(kCatalog)), loaded(LoadedCatalog::load(catalog)) {
        FootprintQuery q;
        q.sources = {kFootprints};
        q.category = category;
        q.where = "XMBH IN ('P1', 'P3', 'P5')";
        q.id_field = "XMBH";
        q.name_field = "XMMC";
        q.width_field = "KD";
        std::vector<Warning> w;
        footprints = read_footprints(q, loaded->working_crs(), loaded->context(), w);
        report = screen_all(*loaded, footprints, {});
    }
};

std::vector<std::string> args(const test::TempDir& tmp, std::vector<std::string> more = {}) {
    std::vector<std::string> a{"report", "-c", kCatalog, kFootprints, "--id-field", "XMBH", "--name-field", "XMMC",
                               "--width-field", "KD", "--where", "XMBH IN ('P1', 'P3', 'P5')", "--title",
                               "测试区污水管网工程", "--date", "2026-12-01", "--applicant", "测试区住建局", "--org",
                               "测试区自然资源局", "--author", "张三", "--reviewer", "李四", "-o", (tmp / "r.pdf").string()};
    a.insert(a.end(), more.begin(), more.end());
    return a;
}

/// Every vertex of a GEOS geometry (rings without their closing repeat), x easting, y northing.
std::vector<std::pair<double, double>> vertices(const GeosContext& ctx, const GEOSGeometry* g) {
    std::vector<std::pair<double, double>> out;
    const int type = GEOSGeomTypeId_r(ctx, g);
    if (type == GEOS_POLYGON) {
        auto ring = [&](const GEOSGeometry* r) {
            const GEOSCoordSequence* s = GEOSGeom_getCoordSeq_r(ctx, r);
            unsigned int n = 0;
            GEOSCoordSeq_getSize_r(ctx, s, &n);
            for (unsigned int i = 0; i + 1 < n; ++i) {
                double x = 0, y = 0;
                GEOSCoordSeq_getXY_r(ctx, s, i, &x, &y);
                out.emplace_back(x, y);
            }
        };
        ring(GEOSGetExteriorRing_r(ctx, g));
        for (int k = 0; k < GEOSGetNumInteriorRings_r(ctx, g); ++k) ring(GEOSGetInteriorRingN_r(ctx, g, k));
    } else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
        for (int i = 0; i < GEOSGetNumGeometries_r(ctx, g); ++i) {
            const auto v = vertices(ctx, GEOSGetGeometryN_r(ctx, g, i));
            out.insert(out.end(), v.begin(), v.end());
        }
    }
    return out;
}

}  // namespace

TEST(ReportDoc, PartsAreTheFootprintsPiecesOfEachFeatureAboveAllowed) {
    const Screened s;
    const std::vector<ConflictPart> parts = conflict_parts(s.report);
    // P1 ∩ the red line (prohibited) and the farmland (restricted); P3 ∩ the red line around its
    // hole; the 20 m road P5 across the red line and the farmland.
    ASSERT_FALSE(parts.empty());
    size_t checked = 0;
    for (const FootprintResult& f : s.report.footprints) {
        for (const Conflict& c : f.conflicts) {
            for (const FeatureHit& h : c.features) {
                if (h.verdict == Verdict::allowed || !h.piece || h.area_m2 < kMinConflictArea || c.kind == LayerKind::admin) {
                    continue;
                }
                const auto it = std::find_if(parts.begin(), parts.end(), [&](const ConflictPart& p) {
                    return p.footprint == f.id && p.layer == c.layer &&
                           p.feature == (h.name.empty() ? "fid " + std::to_string(h.fid) : h.name);
                });
                ASSERT_NE(it, parts.end()) << f.id << " " << c.layer << " " << h.name;
                EXPECT_NEAR(it->area_m2, h.area_m2, 1e-9 * h.area_m2);
                // Every vertex of the GEOS piece is a 界址点 of the part, and nothing else is.
                const auto v = vertices(*s.report.context, h.piece.get());
                size_t closing = 0;
                for (size_t i = 0; i < it->points.size(); ++i) {
                    const bool last = i + 1 == it->points.size() || it->points[i + 1].ring != it->points[i].ring;
                    closing += last ? 1 : 0;
                }
                EXPECT_EQ(it->points.size() - closing, v.size()) << it->label;
                for (const auto& [x, y] : v) {
                    const bool found = std::any_of(it->points.begin(), it->points.end(), [&](const PartPoint& p) {
                        return std::fabs(p.x - y) < 1e-9 && std::fabs(p.y - x) < 1e-9;  // X north, Y east
                    });
                    EXPECT_TRUE(found) << it->label << " lacks " << x << " " << y;
                }
                ++checked;
            }
        }
    }
    EXPECT_EQ(checked, parts.size());
    // Numbered per layer, from 1; names J1.. with each ring closed by its first point.
    EXPECT_EQ(parts.front().label, "生态保护红线-1");
    bool hole = false;
    for (const ConflictPart& p : parts) {
        EXPECT_EQ(p.points.front().name, "J1");
        for (size_t i = 0, start = 0; i < p.points.size(); ++i) {
            if (i + 1 < p.points.size() && p.points[i + 1].ring == p.points[i].ring) continue;
            EXPECT_EQ(p.points[i].name, p.points[start].name) << p.label;  // the ring closed by its first point
            EXPECT_EQ(p.points[i].x, p.points[start].x);
            EXPECT_EQ(p.points[i].y, p.points[start].y);
            start = i + 1;
        }
        hole = hole || p.points.back().ring == 2;
    }
    EXPECT_TRUE(hole) << "P3 crosses the red line's hole: its part has an inner ring";
    // P1's red line part: the square's west half [469500, 470000] × [4420000, 4421000]... as
    // the red line cuts it; its first point is the northernmost, westernmost.
    const ConflictPart& p1 = parts.front();
    EXPECT_EQ(p1.footprint, "P1");
    double max_x = 0;
    for (const PartPoint& p : p1.points) max_x = std::max(max_x, p.x);
    EXPECT_EQ(p1.points.front().x, max_x);
}

TEST(ReportDoc, PdfIsA4WithTheProjectVerdictRowsAndEveryBoundaryPoint) {
    if (!have_poppler()) GTEST_SKIP() << "poppler-utils (pdftotext, pdfinfo) not installed";
    const test::TempDir tmp;
    const test::CliResult r = test::zoning_cli(args(tmp, {"--parts", (tmp / "parts.txt").string()}));
    ASSERT_EQ(r.code, 0) << r.err;
    const std::string pdf = (tmp / "r.pdf").string();
    const std::string info = run("pdfinfo -l 100 '" + pdf + "'");
    std::smatch m;
    ASSERT_TRUE(std::regex_search(info, m, std::regex("Pages: +([0-9]+)"))) << info;
    const int pages = std::stoi(m[1]);
    EXPECT_GE(pages, 5);
    EXPECT_NE(r.out.find(std::to_string(pages) + " pages"), std::string::npos) << r.out;
    // Every page A4: portrait, but for the landscape pages of the map and its insets.
    int portrait = 0, landscape = 0;
    const std::regex size_re("size: +([0-9.]+) x ([0-9.]+) pts");
    for (auto it = std::sregex_iterator(info.begin(), info.end(), size_re); it != std::sregex_iterator(); ++it) {
        const double w = std::stod((*it)[1]), h = std::stod((*it)[2]);
        if (std::fabs(w - 595.276) < 0.01 && std::fabs(h - 841.89) < 0.01) ++portrait;
        if (std::fabs(h - 595.276) < 0.01 && std::fabs(w - 841.89) < 0.01) ++landscape;
    }
    // The map's page and one of insets: P5's two parts are 20 m × 1 000 m strips (20 000 m²,
    // 8 mm² at the map's 1:50 000, under 3 mm × 3 mm).
    EXPECT_EQ(landscape, 2) << info;
    EXPECT_EQ(portrait + landscape, pages) << info;

    const std::string text = run("pdftotext -layout '" + pdf + "' -");
    EXPECT_NE(text.find("测试区污水管网工程"), std::string::npos);
    EXPECT_NE(text.find("建设项目用地管控审查报告"), std::string::npos);
    EXPECT_NE(text.find("测试区住建局"), std::string::npos);
    // pdftotext drops the spaces between CJK and digits: "第 1页 共 7页".
    EXPECT_TRUE(std::regex_search(text, std::regex("第 ?1 ?页 共 ?" + std::to_string(pages) + " ?页")));
    EXPECT_TRUE(std::regex_search(text, std::regex("第 ?" + std::to_string(pages) + " ?页 共 ?" + std::to_string(pages) + " ?页")));
    const Screened s;
    EXPECT_NE(text.find(std::string(to_chinese(s.report.worst()))), std::string::npos);
    EXPECT_EQ(s.report.worst(), Verdict::prohibited);
    // Every layer and class row's hectares (ellipsoidal, 4 decimals).
    for (const FootprintResult& f : s.report.footprints) {
        for (const Conflict& c : f.conflicts) {
            if (c.near_only || f.dimension != 2 || c.kind == LayerKind::admin) continue;  // admin rows are left out
            EXPECT_NE(text.find(report::number(c.area_ellipsoidal_m2 / 1e4, 4)), std::string::npos) << f.id << " " << c.layer;
            for (const ClassRow& k : c.classes) {
                if (k.near_only) continue;
                EXPECT_NE(text.find(report::number(k.area_ellipsoidal_m2 / 1e4, 4)), std::string::npos)
                    << f.id << " " << c.layer << " " << k.cls;
            }
        }
    }
    // Each 界址点 on a line of its own: name, ring, X, Y to 3 decimals, as the GEOS part's vertices.
    const std::vector<ConflictPart> parts = conflict_parts(s.report);
    ASSERT_FALSE(parts.empty());
    for (const ConflictPart& p : parts) {
        EXPECT_NE(text.find(p.label), std::string::npos) << p.label;
        for (const PartPoint& pt : p.points) {
            const std::regex line(pt.name + " +" + std::to_string(pt.ring) + " +" + report::fixed(pt.x, 3) + " +" +
                                  report::fixed(pt.y, 3));
            EXPECT_TRUE(std::regex_search(text, line)) << p.label << " " << pt.name << " " << report::fixed(pt.x, 3);
        }
    }
    // The data and method page: the CRS in words and the signatures.
    EXPECT_NE(text.find("2000国家大地坐标系 高斯-克吕格投影 3度带 第38带"), std::string::npos);
    EXPECT_NE(text.find("中央经线 114°E"), std::string::npos);
    EXPECT_NE(text.find("张三"), std::string::npos);
    EXPECT_NE(text.find("李四"), std::string::npos);
    // A catalog without version: and source_date: keys: no such line, no such columns.
    EXPECT_EQ(text.find("数据版本"), std::string::npos);
    EXPECT_EQ(text.find("数据日期"), std::string::npos);
}

TEST(ReportDoc, PartsTxtReadsBackWithTheSameVerticesAndAreas) {
    const test::TempDir tmp;
    const test::CliResult r = test::zoning_cli(args(tmp, {"--parts", (tmp / "parts.txt").string()}));
    ASSERT_EQ(r.code, 0) << r.err;
    const Screened s;
    const std::vector<ConflictPart> parts = conflict_parts(s.report);
    const CoordTxt txt = read_coord_txt(tmp / "parts.txt");
    EXPECT_TRUE(txt.notes.empty()) << txt.notes.front();  // the declared 地块面积 agree
    ASSERT_TRUE(txt.gk_system());
    EXPECT_EQ(gk_epsg(*txt.gk_system()), 4547);
    ASSERT_EQ(txt.plots.size(), parts.size());
    for (size_t i = 0; i < parts.size(); ++i) {
        const TxtPlot& t = txt.plots[i];
        const ConflictPart& p = parts[i];
        EXPECT_EQ(t.id, p.label);
        ASSERT_EQ(t.points.size(), p.points.size()) << p.label;  // each ring closed in both
        for (size_t k = 0; k < t.points.size(); ++k) {
            EXPECT_EQ(t.points[k].name, p.points[k].name);
            EXPECT_EQ(t.points[k].ring, p.points[k].ring);
            EXPECT_NEAR(t.points[k].x, p.points[k].x, 0.0005 + 1e-9);
            EXPECT_NEAR(t.points[k].y, p.points[k].y, 0.0005 + 1e-9);
        }
        // The same area, to what millimetre coordinates allow.
        EXPECT_NEAR(plot_area_m2(t), p.area_m2, 0.01) << p.label;
    }
    // And zoning reads the TXT as footprints of the same areas.
    const test::CliResult back = test::zoning_cli({"screen", "-c", kCatalog, (tmp / "parts.txt").string(), "--format", "json"});
    ASSERT_EQ(back.code, 0) << back.err;
    const auto j = nlohmann::json::parse(back.out);
    ASSERT_EQ(j["footprints"].size(), parts.size());
    for (size_t i = 0; i < parts.size(); ++i) {
        EXPECT_EQ(j["footprints"][i]["id"], parts[i].label);
        EXPECT_NEAR(j["footprints"][i]["area_m2"].get<double>(), parts[i].area_m2, 0.01) << parts[i].label;
    }
}

TEST(ReportDoc, EnglishReportAndBadOptions) {
    if (!have_poppler()) GTEST_SKIP() << "poppler-utils not installed";
    const test::TempDir tmp;
    const test::CliResult r = test::zoning_cli(args(tmp, {"--lang", "en"}));
    ASSERT_EQ(r.code, 0) << r.err;
    const std::string text = run("pdftotext -layout '" + (tmp / "r.pdf").string() + "' -");
    EXPECT_NE(text.find("Zoning screening report"), std::string::npos);
    EXPECT_NE(text.find("prohibited"), std::string::npos);
    EXPECT_NE(text.find("Boundary points of the conflict parts"), std::string::npos);
    // The creation date is the report's (--date), not the clock's: the same report is the same file.
    EXPECT_NE(run("pdfinfo '" + (tmp / "r.pdf").string() + "'").find("CreationDate:    Tue Dec  1 00:00:00 2026"), std::string::npos);
    const std::string first = test::read_file(tmp / "r.pdf");
    ASSERT_EQ(test::zoning_cli(args(tmp, {"--lang", "en"})).code, 0);
    EXPECT_TRUE(first == test::read_file(tmp / "r.pdf"));

    // Another extension, an input as the output, --parts onto the report: exit 2, nothing written.
    const test::TempDir bad;
    std::vector<std::string> a = args(bad);
    a.back() = (bad / "r.docx").string();
    test::CliResult e = test::zoning_cli(a);
    EXPECT_EQ(e.code, 2);
    EXPECT_NE(e.err.find("unknown report format '.docx' (use .pdf or .html)"), std::string::npos) << e.err;
    a.back() = kFootprints;
    e = test::zoning_cli(a);
    EXPECT_EQ(e.code, 2) << e.err;
    a = args(bad, {"--parts", (bad / "r.pdf").string()});
    e = test::zoning_cli(a);
    EXPECT_EQ(e.code, 2);
    EXPECT_NE(e.err.find("the same file as the report"), std::string::npos) << e.err;
    // A --date that is not a day (30 February, another form): it would be printed on the cover
    // and in the TXT.
    for (const std::string date : {"2026-02-30", "2026-12-1", "01.12.2026", "today"}) {
        a = args(bad, {"--parts", (bad / "p.txt").string()});
        *std::next(std::find(a.begin(), a.end(), "--date")) = date;
        e = test::zoning_cli(a);
        EXPECT_EQ(e.code, 2) << date;
        EXPECT_NE(e.err.find("--date '" + date + "' is not a date YYYY-MM-DD"), std::string::npos) << e.err;
    }
    EXPECT_TRUE(std::filesystem::is_empty(bad.path()));
}

}  // namespace zoning

namespace zoning {

TEST(ReportDoc, KilometreGridStepAndLabels) {
    using report::document::grid_label;
    using report::document::grid_step;
    using report::document::grid_values;
    // 1:250,000: 1 km is 4 mm, 5 km 20 mm, 10 km 40 mm (≥ 25 mm).
    EXPECT_DOUBLE_EQ(grid_step(250000), 10000);
    // 1:25,000: 1 km is 40 mm.
    EXPECT_DOUBLE_EQ(grid_step(25000), 1000);
    // 1:4,000 (the sewage plant): 100 m is 25 mm.
    EXPECT_DOUBLE_EQ(grid_step(4000), 100);
    EXPECT_DOUBLE_EQ(grid_step(10000), 500);  // 200 m would be 20 mm
    EXPECT_DOUBLE_EQ(grid_step(1000), 100);   // never under 100 m
    const std::vector<double> v = grid_values(4428650, 4429120, 100);
    ASSERT_EQ(v.size(), 5u);
    EXPECT_DOUBLE_EQ(v.front(), 4428700);
    EXPECT_DOUBLE_EQ(v.back(), 4429100);
    EXPECT_EQ(grid_label(4428000, 1000), "4428");
    EXPECT_EQ(grid_label(4428500, 500), "4428.5");
    EXPECT_EQ(grid_label(470000, 10000), "470");
}

}  // namespace zoning

namespace zoning {

TEST(ReportDoc, WindFarmTablesBreakAcrossPagesWithTheirHeaderAndTheSewagePlantHasNoPart) {
    if (!have_poppler()) GTEST_SKIP() << "poppler-utils not installed";
    const test::TempDir tmp;
    const std::string yunzhou = test::data("../../shapefiles/yunzhou/catalog.yaml").string();
    const std::string projects = test::data("../../examples/projects/").string();
    test::CliResult r = test::zoning_cli({"report", "-c", yunzhou, projects + "jijiazhuang_wind.geojson", "--id-field", "XMBH",
                                          "--name-field", "XMMC", "--width-field", "KD", "--date", "2026-12-01", "-o",
                                          (tmp / "wind.pdf").string()});
    ASSERT_EQ(r.code, 0) << r.err;
    std::string text = run("pdftotext -layout '" + (tmp / "wind.pdf").string() + "' -");
    // 31 footprints: the class table goes on over the page, caption and header again.
    const size_t cont = text.find("用地范围 × 图层 × 类别（续）");
    ASSERT_NE(cont, std::string::npos);
    EXPECT_NE(text.find("图层 / 类别", cont), std::string::npos);
    EXPECT_LT(text.find("\f"), cont);  // after a page break
    EXPECT_NE(text.find("吉家庄南山风电场"), std::string::npos);
    EXPECT_NE(text.find("禁止"), std::string::npos);
    // The catalog's version: and source_date: keys, on the cover and in the data page's layer table.
    const size_t cover_end = text.find('\f');
    const size_t versions = text.find("数据版本");
    EXPECT_LT(versions, cover_end);
    EXPECT_NE(text.find("版本 synthetic-1（各图层）；数据日期 2020-06（云州区行政区）", versions), std::string::npos) << text.substr(0, cover_end);
    const size_t layers = text.find("目录图层");
    ASSERT_NE(layers, std::string::npos);
    EXPECT_TRUE(std::regex_search(text.substr(layers), std::regex("district +云州区行政区 +admin +1 +0 +district.shp +synthetic-1 +2020-06")))
        << text.substr(layers, 1500);
    EXPECT_TRUE(std::regex_search(text.substr(layers), std::regex("redline +生态保护红线 .* redline.shp +synthetic-1 *\n")));
    EXPECT_NE(text.find("生态保护红线-1"), std::string::npos);

    r = test::zoning_cli({"report", "-c", yunzhou, projects + "sewage_plant_relocation.geojson", "--id-field", "XMBH",
                          "--name-field", "XMMC", "-o", (tmp / "sewage.pdf").string(), "--parts", (tmp / "p.txt").string()});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("verdict allowed, 0 conflict parts"), std::string::npos) << r.out;
    text = run("pdftotext -layout '" + (tmp / "sewage.pdf").string() + "' -");
    EXPECT_NE(text.find("云州区污水处理厂扩容搬迁项目"), std::string::npos);
    EXPECT_NE(text.find("允许"), std::string::npos);
    EXPECT_NE(text.find("无冲突地块"), std::string::npos);
    EXPECT_NE(text.find("4.4198"), std::string::npos);  // its 公顷, as the text report gives them
    // No part, no TXT (one without a plot is not a coordinate file anyone reads), and it says so.
    EXPECT_FALSE(std::filesystem::exists(tmp / "p.txt"));
    EXPECT_NE(r.err.find("--parts " + (tmp / "p.txt").string() + ": no conflict part, so no file written"), std::string::npos)
        << r.err;
}

}  // namespace zoning

namespace zoning {

namespace {

using report::document::Block;
using report::document::Document;

template <class T>
std::vector<const T*> blocks_of(const Document& d) {
    std::vector<const T*> out;
    for (const Block& b : d.blocks) {
        if (const T* v = std::get_if<T>(&b)) out.push_back(v);
    }
    return out;
}

Document document_of(const Screened& s, Lang lang = Lang::zh) {
    ReportOptions o;
    o.lang = lang;
    return report::document::build_document(*s.loaded, s.report, conflict_parts(s.report), o, "测试项目", "2026-12-01");
}

const report::document::Table* table_titled(const Document& d, const std::string& caption) {
    for (const auto* t : blocks_of<report::document::Table>(d)) {
        if (t->caption == caption) return t;
    }
    return nullptr;
}

}  // namespace

TEST(ReportDoc, OpinionSaysWhatIsTouchedAndThatTheVerdictIsTheLayersWithoutCategory) {
    const Screened s;
    const Document d = document_of(s);
    const auto ops = blocks_of<report::document::Opinion>(d);
    ASSERT_EQ(ops.size(), 1u);
    const report::document::Opinion& o = *ops.front();
    EXPECT_EQ(o.caption, "审查意见");
    // On the cover: after the verdict banner, before the first section.
    size_t banner = 0, opinion = 0;
    for (size_t i = 0; i < d.blocks.size(); ++i) {
        if (std::holds_alternative<report::document::VerdictBanner>(d.blocks[i])) banner = i;
        if (std::holds_alternative<report::document::Opinion>(d.blocks[i])) opinion = i;
    }
    EXPECT_EQ(opinion, banner + 1);
    ASSERT_EQ(o.paragraphs.size(), s.report.footprints.size() + 2);  // each footprint touches something
    EXPECT_EQ(o.paragraphs.front(), "经审查，测试项目共 3 处用地范围，总体结论为“禁止”（禁止 3 处）。");
    for (size_t i = 0; i < s.report.footprints.size(); ++i) {
        const FootprintResult& f = s.report.footprints[i];
        const std::string& p = o.paragraphs[i + 1];
        EXPECT_EQ(p.rfind(f.id, 0), 0u) << p;
        for (const Conflict& c : f.conflicts) {
            if (c.verdict == Verdict::allowed || c.near_only) continue;
            EXPECT_NE(p.find(c.title), std::string::npos) << f.id << " " << c.title << ": " << p;
            if (f.dimension == 2 && c.classes.empty()) {
                EXPECT_NE(p.find(report::number(c.area_ellipsoidal_m2 / 1e4, 4) + " 公顷"), std::string::npos) << p;
            }
        }
        EXPECT_NE(p.find("该用地范围结论为“禁止”，应调整选址或用地范围，避让禁止占用的区域。"), std::string::npos) << p;
        EXPECT_NE(p.find("未指定项目类别：结论为审查目录中各图层的管控结论"), std::string::npos) << p;
    }
    EXPECT_NE(o.paragraphs.back().find("须经审查人员复核"), std::string::npos);
    // Without categories the class table has no 依据 column.
    const auto* layers = table_titled(d, "用地范围 × 图层 × 类别");
    ASSERT_NE(layers, nullptr);
    EXPECT_EQ(layers->columns.size(), 8u);
}

TEST(ReportDoc, WithACategoryTheOpinionAndEachRowGiveTheRuleBasisAndProcedure) {
    const Screened s(Category::linear_infrastructure);
    ASSERT_TRUE(s.report.has_categories());
    const Document d = document_of(s);
    const report::document::Opinion& o = *blocks_of<report::document::Opinion>(d).front();
    const FootprintResult& p1 = s.report.footprints.front();
    ASSERT_EQ(p1.id, "P1");
    const Conflict& red = *std::find_if(p1.conflicts.begin(), p1.conflicts.end(),
                                        [](const Conflict& c) { return c.layer == "redline"; });
    ASSERT_TRUE(red.rule);
    EXPECT_EQ(red.rule->id, "redline.linear");
    EXPECT_EQ(red.verdict, Verdict::restricted);
    const std::string& para = o.paragraphs[1];
    EXPECT_NE(para.find("涉及生态保护红线 " + report::number(red.area_ellipsoidal_m2 / 1e4, 4) + " 公顷"), std::string::npos)
        << para;
    EXPECT_NE(para.find("限制，依据" + red.rule->basis + "；程序：" + red.rule->procedure), std::string::npos) << para;
    EXPECT_NE(para.find("项目类别：线性基础设施"), std::string::npos) << para;
    EXPECT_EQ(para.find("未指定项目类别"), std::string::npos) << para;

    // The class table: a 依据 column with each row's basis and procedure.
    const auto* layers = table_titled(d, "用地范围 × 图层 × 类别");
    ASSERT_NE(layers, nullptr);
    ASSERT_EQ(layers->columns.size(), 9u);
    EXPECT_EQ(layers->columns.back().title, "依据");
    bool found = false;
    for (const auto& r : layers->rows) {
        ASSERT_EQ(r.cells.size(), 9u);
        if (r.cells[0] == "P1" && r.cells[1] == "生态保护红线") {
            EXPECT_EQ(r.cells[8], red.rule->basis + "；程序：" + red.rule->procedure);
            found = true;
        }
    }
    EXPECT_TRUE(found);
}

}  // namespace zoning

namespace zoning {

namespace {

const std::string kReportFootprints = test::data("report/footprints.geojson").string();

/// The fixture report (tests/data/report/README.md): S1 half on the red line, S2 a 12 m tower
/// base whose corner (2 m × 2 m) lies on the farmland, 6.5 km away.
std::vector<std::string> fixture_args(const std::filesystem::path& pdf, std::vector<std::string> more = {}) {
    std::vector<std::string> a{"report", "-c", kCatalog, kReportFootprints, "--id-field", "XMBH", "--name-field", "XMMC",
                               "--title", "测试区风电场", "--date", "2026-12-01", "--applicant", "测试区风电有限公司",
                               "--org", "测试区自然资源局", "--author", "张三", "--reviewer", "李四", "-o", pdf.string()};
    a.insert(a.end(), more.begin(), more.end());
    return a;
}

/// The text of each page (pdftotext's form feeds split them).
std::vector<std::string> pages_of(const std::string& text) {
    std::vector<std::string> pages;
    size_t at = 0;
    for (size_t ff = text.find('\f'); ff != std::string::npos; at = ff + 1, ff = text.find('\f', at)) {
        pages.push_back(text.substr(at, ff - at));
    }
    if (at < text.size() && text.find_first_not_of(" \n", at) != std::string::npos) pages.push_back(text.substr(at));
    return pages;
}

}  // namespace

TEST(ReportDoc, APartTooSmallAtTheMapsScaleGetsAnInsetOfItsOwnScale) {
    // The parts' extents against 3 mm at the map's scale, their areas against 3 mm × 3 mm.
    ConflictPart big, tiny, sliver;
    big.points = {{"J1", 1, 4421000, 470000}, {"J2", 1, 4421000, 470500}, {"J3", 1, 4420000, 470500}, {"J1", 1, 4421000, 470000}};
    big.area_m2 = 250000;
    tiny.points = {{"J1", 1, 4420500, 476000}, {"J2", 1, 4420500, 476002}, {"J3", 1, 4420498, 476002}, {"J1", 1, 4420500, 476000}};
    tiny.area_m2 = 2;
    EXPECT_EQ(report::document::parts_too_small({big, tiny}, 50000), std::vector<size_t>{1});  // 2 m is 0.04 mm
    EXPECT_EQ(report::document::parts_too_small({big, tiny}, 250), std::vector<size_t>{});     // 2 m is 8 mm, 32 mm²
    EXPECT_EQ(report::document::parts_too_small({big, tiny}, 500), std::vector<size_t>{1});    // 4 mm, but 8 mm²
    EXPECT_EQ(report::document::parts_too_small({big, tiny}, 1000), std::vector<size_t>{1});   // 2 mm
    // A sliver, 5 m × 400 m (a road across a zone, 1000 m²): 8 mm long but 0.4 mm² at 1:50 000,
    // 16 mm and 1.6 mm² at 1:25 000, 10 mm² at 1:10 000 (seen).
    sliver.points = {{"J1", 1, 4421400, 470000}, {"J2", 1, 4421400, 470005}, {"J3", 1, 4421000, 470005}, {"J1", 1, 4421400, 470000}};
    sliver.area_m2 = 1000;
    EXPECT_EQ(report::document::parts_too_small({big, tiny, sliver}, 50000), (std::vector<size_t>{1, 2}));
    EXPECT_EQ(report::document::parts_too_small({big, tiny, sliver}, 25000), (std::vector<size_t>{1, 2}));
    EXPECT_EQ(report::document::parts_too_small({big, tiny, sliver}, 10000), (std::vector<size_t>{1}));

    if (!have_poppler()) GTEST_SKIP() << "poppler-utils not installed";
    const test::TempDir tmp;
    const test::CliResult r = test::zoning_cli(fixture_args(tmp / "r.pdf"));
    ASSERT_EQ(r.code, 0) << r.err;
    const std::string text = run("pdftotext -layout '" + (tmp / "r.pdf").string() + "' -");
    const std::vector<std::string> pages = pages_of(text);
    // The map page, then the page of insets: one, S2's farmland part, labelled with its scale.
    size_t map = pages.size(), inset = pages.size();
    for (size_t i = 0; i < pages.size(); ++i) {
        if (map == pages.size() && pages[i].find("三、冲突分析图") != std::string::npos) map = i;
        if (pages[i].find("冲突地块放大图") != std::string::npos) inset = i;
    }
    ASSERT_LT(map, pages.size()) << text;
    ASSERT_EQ(inset, map + 1) << text;
    const std::string& p = pages[inset];
    EXPECT_NE(p.find("永久基本农田-1"), std::string::npos) << p;
    EXPECT_EQ(p.find("生态保护红线-1"), std::string::npos) << "S1's red line part is 500 m wide: no inset\n" << p;
    std::smatch m;
    ASSERT_TRUE(std::regex_search(p, m, std::regex("1:([0-9]+)"))) << p;
    const int scale = std::stoi(m[1]);
    // The 2 m part fills about a third of the 80 mm panel: 1:50 .. 1:100.
    EXPECT_GE(scale, 50);
    EXPECT_LE(scale, 100);
    // Both landscape: the map and the inset page.
    const std::string info = run("pdfinfo -l 100 '" + (tmp / "r.pdf").string() + "'");
    const std::regex size_re("Page +([0-9]+) size: +([0-9.]+) x ([0-9.]+) pts");
    std::vector<int> landscape;
    for (auto it = std::sregex_iterator(info.begin(), info.end(), size_re); it != std::sregex_iterator(); ++it) {
        if (std::stod((*it)[2]) > std::stod((*it)[3])) landscape.push_back(std::stoi((*it)[1]));
    }
    EXPECT_EQ(landscape, (std::vector<int>{static_cast<int>(map) + 1, static_cast<int>(inset) + 1})) << info;
}

TEST(ReportDoc, PartsTxtIsTheSameFileForTheSameReport) {
    const test::TempDir a, b;
    ASSERT_EQ(test::zoning_cli(fixture_args(a / "r.pdf", {"--parts", (a / "p.txt").string()})).code, 0);
    ASSERT_EQ(test::zoning_cli(fixture_args(b / "r.pdf", {"--parts", (b / "p.txt").string()})).code, 0);
    const std::string first = test::read_file(a / "p.txt");
    EXPECT_NE(first.find("数据产生日期=2026-12-1\r\n"), std::string::npos) << first;  // --date, not the clock, as Y-M-D
    EXPECT_NE(first.find("数据产生单位=测试区自然资源局\r\n"), std::string::npos);
    EXPECT_TRUE(first == test::read_file(b / "p.txt"));
    EXPECT_TRUE(test::read_file(a / "r.pdf") == test::read_file(b / "r.pdf"));
}

namespace {

/// A grey image: width, height, one byte a pixel.
struct Gray {
    int w = 0, h = 0;
    std::vector<unsigned char> px;
};

/// Reads a PGM (pdftoppm -gray) or PNG (the goldens) through GDAL.
Gray read_gray(const std::filesystem::path& file) {
    GDALAllRegister();
    Gray g;
    GDALDatasetUniquePtr ds(GDALDataset::Open(file.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    if (!ds || ds->GetRasterCount() < 1) return g;
    g.w = ds->GetRasterXSize();
    g.h = ds->GetRasterYSize();
    g.px.resize(static_cast<size_t>(g.w) * static_cast<size_t>(g.h));
    if (ds->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, g.w, g.h, g.px.data(), g.w, g.h, GDT_Byte, 0, 0) != CE_None) g = {};
    return g;
}

/// Writes a grey image as PNG through GDAL (the goldens: small).
bool write_png(const Gray& g, const std::filesystem::path& file) {
    GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
    GDALDriver* png = GetGDALDriverManager()->GetDriverByName("PNG");
    if (mem == nullptr || png == nullptr) return false;
    GDALDatasetUniquePtr m(mem->Create("", g.w, g.h, 1, GDT_Byte, nullptr));
    std::vector<unsigned char> px = g.px;
    if (m->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, g.w, g.h, px.data(), g.w, g.h, GDT_Byte, 0, 0) != CE_None) return false;
    GDALDatasetUniquePtr out(png->CreateCopy(file.c_str(), m.get(), FALSE, nullptr, nullptr, nullptr));
    return out != nullptr;
}

/// The tiles of `kTile` × `kTile` pixels where `a` and `b` differ, by the difference of their
/// mean grey (0..1): what a page "looks like" at a glance (a block, a line, a colour), not its
/// anti-aliasing (tests/data/report/README.md).
constexpr int kTile = 8;
struct PageDiff {
    double worst = 0;  ///< the largest tile difference
    int worst_x = 0, worst_y = 0;  ///< where (pixels)
    double mean = 0;   ///< the mean tile difference
};
PageDiff page_diff(const Gray& a, const Gray& b) {
    PageDiff d;
    int tiles = 0;
    for (int ty = 0; ty < a.h; ty += kTile) {
        for (int tx = 0; tx < a.w; tx += kTile) {
            double sa = 0, sb = 0;
            int n = 0;
            for (int y = ty; y < std::min(ty + kTile, a.h); ++y) {
                for (int x = tx; x < std::min(tx + kTile, a.w); ++x) {
                    const size_t k = static_cast<size_t>(y) * static_cast<size_t>(a.w) + static_cast<size_t>(x);
                    sa += a.px[k];
                    sb += b.px[k];
                    ++n;
                }
            }
            const double diff = std::abs(sa - sb) / n / 255.0;
            d.mean += diff;
            ++tiles;
            if (diff > d.worst) d = {diff, tx, ty, d.mean};
        }
    }
    d.mean /= tiles;
    return d;
}

}  // namespace

// The fixture report's pages as pictures (pdftoppm -r 30 -gray) against the committed goldens
// (tests/data/report/golden/page-N.png): the same number of pages, each the same size, and in
// tiles of 8 × 8 pixels (6.8 mm) no tile's mean grey 10 % off or more, the page's mean tile
// difference under 1 %. The tolerance and what it was measured against: tests/data/report/README.md.
// ZONING_UPDATE_GOLDEN=1 rewrites the goldens.
TEST(ReportDoc, PagesLookLikeTheGoldenPages) {
    if (std::system("pdftoppm -v >/dev/null 2>&1") != 0 || !have_poppler()) GTEST_SKIP() << "poppler-utils not installed";
    // The goldens are drawn in Noto Sans CJK (fonts-noto-cjk), the only font of the report.
    if (render::cjk_font_family() != "Noto Sans CJK SC") {
        GTEST_SKIP() << "the report's font is " << render::cjk_font_family() << ", the goldens' Noto Sans CJK SC (fonts-noto-cjk)";
    }
    const test::TempDir tmp;
    ASSERT_EQ(test::zoning_cli(fixture_args(tmp / "r.pdf")).code, 0);
    // No other font on the pages (a fallback would make the pictures the machine's).
    const std::string fonts = run("pdffonts '" + (tmp / "r.pdf").string() + "'");
    std::istringstream lines(fonts);
    int embedded = 0;
    for (std::string l; std::getline(lines, l);) {
        if (l.rfind("name", 0) == 0 || l.rfind("---", 0) == 0 || l.empty()) continue;
        EXPECT_NE(l.find("NotoSansCJK"), std::string::npos) << l;
        EXPECT_NE(l.find(" yes "), std::string::npos) << "not embedded: " << l;
        ++embedded;
    }
    EXPECT_GE(embedded, 2) << fonts;  // regular and bold
    ASSERT_EQ(std::system(("pdftoppm -r 30 -gray '" + (tmp / "r.pdf").string() + "' '" + (tmp / "page").string() + "'").c_str()), 0);
    std::vector<std::filesystem::path> rendered;
    for (const auto& e : std::filesystem::directory_iterator(tmp.path())) {
        if (e.path().extension() == ".pgm") rendered.push_back(e.path());
    }
    std::sort(rendered.begin(), rendered.end());  // page-1.pgm .. page-9.pgm (pdftoppm pads to the page count's digits)
    ASSERT_FALSE(rendered.empty());
    const std::filesystem::path golden = test::data("report/golden");
    const char* update = std::getenv("ZONING_UPDATE_GOLDEN");
    if (update != nullptr && std::string(update) == "1") {
        std::filesystem::remove_all(golden);
        std::filesystem::create_directories(golden);
        for (size_t i = 0; i < rendered.size(); ++i) {
            ASSERT_TRUE(write_png(read_gray(rendered[i]), golden / ("page-" + std::to_string(i + 1) + ".png")));
        }
        GTEST_SKIP() << "golden pages rewritten in " << golden;
    }
    size_t goldens = 0;
    while (std::filesystem::exists(golden / ("page-" + std::to_string(goldens + 1) + ".png"))) ++goldens;
    ASSERT_EQ(rendered.size(), goldens) << "page count; ZONING_UPDATE_GOLDEN=1 rewrites the goldens";
    for (size_t i = 0; i < rendered.size(); ++i) {
        const Gray a = read_gray(rendered[i]);
        const Gray b = read_gray(golden / ("page-" + std::to_string(i + 1) + ".png"));
        ASSERT_GT(a.w, 0);
        ASSERT_EQ(a.w, b.w) << "page " << i + 1;
        ASSERT_EQ(a.h, b.h) << "page " << i + 1;
        const PageDiff d = page_diff(a, b);
        EXPECT_LT(d.worst, 0.10) << "page " << i + 1 << ": the tile at " << d.worst_x * 25.4 / 30 << ", "
                                 << d.worst_y * 25.4 / 30 << " mm from the top left is " << d.worst * 100
                                 << " % off (ZONING_UPDATE_GOLDEN=1 rewrites the goldens when intended)";
        EXPECT_LT(d.mean, 0.01) << "page " << i + 1 << ": mean tile difference " << d.mean * 100 << " %";
    }
}

}  // namespace zoning
