// zoning map: the PNG decoded and checked against the geometry and a reference, the SVG's groups,
// the PDF's pages, the style table and the catalog's style overrides.
#include <zoning/catalog.hpp>
#include <zoning/error.hpp>
#include <zoning/footprint.hpp>
#include <zoning/layer.hpp>
#include <zoning/map.hpp>
#include <zoning/screen.hpp>
#include <zoning/style.hpp>

#include "test_support.hpp"

#include <cpl_minixml.h>
#include <gdal_priv.h>

#include <cmath>
#include <cstdlib>
#include <memory>
#include <regex>
#include <set>

namespace zoning {
namespace {

const std::string kCatalog = test::data("small/catalog.yaml").string();
const std::string kFootprints = test::data("small/footprints.geojson").string();

/// A decoded RGBA image (through GDAL's PNG driver).
struct Image {
    int w = 0, h = 0, bands = 0;
    std::vector<std::uint8_t> px;  // band-interleaved by pixel
    [[nodiscard]] std::array<int, 3> rgb(int x, int y) const {
        const size_t i = (static_cast<size_t>(y) * w + x) * bands;
        return {px[i], px[i + 1], px[i + 2]};
    }
};

Image decode_png(const std::filesystem::path& p) {
    GDALAllRegister();
    GDALDatasetUniquePtr ds(GDALDataset::Open(p.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    Image img;
    if (!ds) return img;
    img.w = ds->GetRasterXSize();
    img.h = ds->GetRasterYSize();
    img.bands = ds->GetRasterCount();
    img.px.resize(static_cast<size_t>(img.w) * img.h * img.bands);
    const CPLErr e = ds->RasterIO(GF_Read, 0, 0, img.w, img.h, img.px.data(), img.w, img.h, GDT_Byte, img.bands,
                                  nullptr, img.bands, static_cast<GSpacing>(img.w) * img.bands, 1, nullptr);
    EXPECT_EQ(e, CE_None);
    return img;
}

bool strong_red(const std::array<int, 3>& c) { return c[0] > 170 && c[1] < 90 && c[2] < 90; }
bool white(const std::array<int, 3>& c) { return c[0] > 245 && c[1] > 245 && c[2] > 245; }

/// Screens the small catalog's footprints (filtered) for maps made through the library.
struct Screened {
    Catalog catalog;
    std::unique_ptr<LoadedCatalog> loaded;
    std::vector<Footprint> footprints;
    ScreenReport report;
    explicit Screened(const std::string& where) : catalog(Catalog::load(kCatalog)), loaded(LoadedCatalog::load(catalog)) {
        FootprintQuery q;
        q.sources = {kFootprints};
        q.where = where;
        q.id_field = "XMBH";
        q.name_field = "XMMC";
        q.width_field = "KD";
        std::vector<Warning> w;
        footprints = read_footprints(q, loaded->working_crs(), loaded->context(), w);
        report = screen_all(*loaded, footprints, {});
    }
};

MapOptions pinned() {
    MapOptions o;
    o.dpi = 100;
    o.date = "2024-06-01";
    return o;
}

TEST(Map, PngShowsTheConflictWhereItIsAndMatchesTheReference) {
    test::TempDir tmp;
    Screened s("XMBH = 'P1'");  // 1 km² square, its east half (500,000 m²) in HX001
    ASSERT_EQ(s.report.footprints.size(), 1u);
    const auto out = tmp / "p1.png";
    const MapResult r = render_map(out, *s.loaded, s.report, s.footprints, pinned());
    ASSERT_EQ(r.pages.size(), 1u);
    EXPECT_EQ(r.font, "Noto Sans CJK SC");
    const Image img = decode_png(out);
    // A4 landscape at 100 dpi.
    EXPECT_EQ(img.w, 1169);
    EXPECT_EQ(img.h, 827);
    EXPECT_EQ(r.width_px, img.w);
    ASSERT_GE(img.bands, 3);
    const MapPage& page = r.pages[0];
    EXPECT_EQ(page.scale, 10000.0);  // 1 km plus margins on a ~200 mm frame: 1:10,000
    const double px_per_mm = 100 / 25.4;

    // The conflict piece (east half of P1) in pixels, shrunk by 1 mm to stay off its outline.
    const FootprintResult& fp = s.report.footprints[0];
    const Conflict* red = nullptr;
    for (const auto& c : fp.conflicts) {
        if (c.layer == "redline") red = &c;
    }
    ASSERT_NE(red, nullptr);
    const Envelope ce = s.loaded->context().envelope(red->piece.get());
    const Envelope fe = s.loaded->context().envelope(fp.geom.get());
    auto box_px = [&](const Envelope& e, double inset_mm) {
        auto [x0, y0] = page.to_page(e.minx, e.maxy);
        auto [x1, y1] = page.to_page(e.maxx, e.miny);
        return std::array<int, 4>{static_cast<int>((x0 + inset_mm) * px_per_mm), static_cast<int>((y0 + inset_mm) * px_per_mm),
                                  static_cast<int>((x1 - inset_mm) * px_per_mm), static_cast<int>((y1 - inset_mm) * px_per_mm)};
    };
    auto count = [&](const std::array<int, 4>& b, auto pred) {
        int n = 0, total = 0;
        for (int y = b[1]; y < b[3]; ++y) {
            for (int x = b[0]; x < b[2]; ++x) {
                ++total;
                n += pred(img.rgb(x, y)) ? 1 : 0;
            }
        }
        return std::pair<int, int>{n, total};
    };
    const auto conflict_box = box_px(ce, 1.0);
    const auto [red_in, total_in] = count(conflict_box, strong_red);
    ASSERT_GT(total_in, 10000);
    // Hatch lines 0.25 mm every 1.2 mm (×√2 across): about 25 % of the pixels are strong red.
    EXPECT_GT(red_in, total_in / 8) << red_in << " of " << total_in;
    // The west half of P1 is outside every zone: white, no red at all (label-free).
    Envelope west = fe;
    west.maxx = ce.minx;
    const auto [red_out, total_out] = count(box_px(west, 1.0), strong_red);
    ASSERT_GT(total_out, 10000);
    EXPECT_EQ(red_out, 0);
    const auto [white_out, t2] = count(box_px(west, 1.0), white);
    EXPECT_GT(white_out, t2 * 95 / 100);

    // The legend lists what is shown, and its region is not empty.
    const std::set<std::string> entries(page.legend_entries.begin(), page.legend_entries.end());
    EXPECT_TRUE(entries.count("项目用地范围"));
    EXPECT_TRUE(entries.count("冲突区域(禁止)"));
    EXPECT_TRUE(entries.count("生态保护红线"));
    EXPECT_FALSE(entries.count("永久基本农田"));  // no farmland in this frame
    EXPECT_FALSE(entries.count("乡镇"));          // the frame lies inside one township: no boundary shown
    const std::array<int, 4> legend{static_cast<int>(page.legend.x * px_per_mm), static_cast<int>(page.legend.y * px_per_mm),
                                    static_cast<int>((page.legend.x + page.legend.w) * px_per_mm),
                                    static_cast<int>((page.legend.y + page.legend.h) * px_per_mm)};
    const auto [ink, area] = count(legend, [](const auto& c) { return !white(c); });
    EXPECT_GT(ink, area / 100);
    EXPECT_EQ(page.labels, std::vector<std::string>{"采凉山生态保护红线"});

    // Compared with the reference: the same picture up to anti-aliasing and font hinting.
    const auto ref_path = test::data("map/reference-p1.png");
    if (std::getenv("ZONING_UPDATE_REFERENCE") != nullptr) std::filesystem::copy_file(out, ref_path, std::filesystem::copy_options::overwrite_existing);
    const Image ref = decode_png(ref_path);
    ASSERT_EQ(ref.w, img.w);
    ASSERT_EQ(ref.h, img.h);
    ASSERT_EQ(ref.bands, img.bands);
    size_t differing = 0;
    double sum = 0;
    for (size_t i = 0; i < img.px.size(); ++i) {
        const int d = std::abs(int(img.px[i]) - int(ref.px[i]));
        sum += d;
        differing += d > 64 ? 1 : 0;
    }
    EXPECT_LT(sum / static_cast<double>(img.px.size()), 1.0);
    EXPECT_LT(differing, img.px.size() / 200);  // under 0.5 % of the samples
}

/// Pixels of the orange caution hatch (230, 120, 0), pure or blended over a light fill.
bool orange(const std::array<int, 3>& c) { return c[0] > 180 && c[0] - c[1] > 50 && c[1] - c[2] > 40 && c[1] > 70; }

TEST(Map, EachPieceIsHatchedInItsFeaturesSeverity) {
    // A layer's verdict is its most severe class: a site across a 一级 (prohibited) and a 准
    // (caution) zone must be hatched red over 一级 and orange over 准, not red all over.
    test::TempDir tmp;
    auto square = [](const char* cls, int x0) {
        const std::string a = std::to_string(x0), b = std::to_string(x0 + 1000);
        return std::string(R"({"type":"Feature","properties":{"SYMC":"测试水源地","BHQJB":")") + cls +
               R"("},"geometry":{"type":"Polygon","coordinates":[[[)" + a + ",4420000],[" + b + ",4420000],[" + b +
               ",4421000],[" + a + ",4421000],[" + a + ",4420000]]]}}";
    };
    const std::string crs = R"("crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4547"}})";
    test::write_file(tmp / "water.geojson", R"({"type":"FeatureCollection",)" + crs + R"(,"features":[)" +
                                                square("一级保护区", 480000) + "," + square("准保护区", 481000) + "]}");
    test::write_file(tmp / "site.geojson",
                     R"({"type":"FeatureCollection",)" + crs +
                         R"(,"features":[{"type":"Feature","properties":{"XMMC":"跨一级和准保护区"},"geometry":)"
                         R"({"type":"Polygon","coordinates":[[[480200,4420200],[481800,4420200],[481800,4420800],)"
                         R"([480200,4420800],[480200,4420200]]]}}]})");
    test::write_file(tmp / "c.yaml", "name: 测试\ncrs: EPSG:4547\nlayers:\n  - id: water\n    title: 饮用水水源保护区\n"
                                     "    kind: water_source\n    source: water.geojson\n    name_field: SYMC\n"
                                     "    class_field: BHQJB\n    verdict: restricted\n    classes:\n"
                                     "      一级保护区: {verdict: prohibited}\n      准保护区: {verdict: caution}\n");
    const Catalog catalog = Catalog::load(tmp / "c.yaml");
    const auto loaded = LoadedCatalog::load(catalog);
    FootprintQuery q;
    q.sources = {(tmp / "site.geojson").string()};
    q.name_field = "XMMC";
    std::vector<Warning> w;
    const auto footprints = read_footprints(q, loaded->working_crs(), loaded->context(), w);
    const ScreenReport report = screen_all(*loaded, footprints, {});
    ASSERT_EQ(report.footprints.size(), 1u);
    ASSERT_EQ(report.footprints[0].verdict, Verdict::prohibited);
    const auto out = tmp / "m.png";
    const MapResult r = render_map(out, *loaded, report, footprints, pinned());
    const Image img = decode_png(out);
    ASSERT_GE(img.bands, 3);
    const MapPage& page = r.pages[0];
    const double px_per_mm = 100 / 25.4;
    // Count pixels inside a world box, 1.5 mm in from its edges (off the outlines).
    auto count = [&](double x0, double y0, double x1, double y1, auto pred) {
        auto [ax, ay] = page.to_page(x0, y1);
        auto [bx, by] = page.to_page(x1, y0);
        int n = 0, total = 0;
        for (int y = static_cast<int>((ay + 1.5) * px_per_mm); y < static_cast<int>((by - 1.5) * px_per_mm); ++y) {
            for (int x = static_cast<int>((ax + 1.5) * px_per_mm); x < static_cast<int>((bx - 1.5) * px_per_mm); ++x) {
                ++total;
                n += pred(img.rgb(x, y)) ? 1 : 0;
            }
        }
        return std::pair<int, int>{n, total};
    };
    const auto [red1, total1] = count(480200, 4420200, 481000, 4420800, strong_red);
    const auto [red2, total2] = count(481000, 4420200, 481800, 4420800, strong_red);
    const auto [orange2, t2] = count(481000, 4420200, 481800, 4420800, orange);
    const auto [orange1, t1] = count(480200, 4420200, 481000, 4420800, orange);
    ASSERT_GT(total1, 5000);
    ASSERT_GT(total2, 5000);
    EXPECT_GT(red1, total1 / 10) << "一级: " << red1 << " of " << total1;
    EXPECT_LT(orange1, total1 / 100) << "一级: " << orange1 << " orange";
    EXPECT_EQ(red2, 0) << "准: " << red2 << " strong red of " << total2;
    EXPECT_GT(orange2, total2 / 10) << "准: " << orange2 << " orange of " << t2;
    const std::set<std::string> entries(page.legend_entries.begin(), page.legend_entries.end());
    EXPECT_TRUE(entries.count("冲突区域(禁止)"));
    EXPECT_TRUE(entries.count("冲突区域(注意)"));
}

TEST(Map, PartOutsideTheCoverageIsHatchedGreyWithTheSentence) {
    // A 2 km x 1 km site across the small catalog's east edge (x = 495000): its eastern half lies
    // outside the coverage (the townships). That half is hatched grey, the table's first row says
    // so with its area, and the legend gives the sentence; the covered half is not grey.
    test::TempDir tmp;
    const std::string crs = R"("crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4547"}})";
    test::write_file(tmp / "half.geojson",
                     R"({"type":"FeatureCollection",)" + crs +
                         R"(,"features":[{"type":"Feature","properties":{"XMMC":"半在区外"},"geometry":)"
                         R"({"type":"Polygon","coordinates":[[[494000,4415000],[496000,4415000],[496000,4416000],)"
                         R"([494000,4416000],[494000,4415000]]]}}]})");
    const Catalog catalog = Catalog::load(kCatalog);
    const auto loaded = LoadedCatalog::load(catalog);
    FootprintQuery q;
    q.sources = {(tmp / "half.geojson").string()};
    q.name_field = "XMMC";
    std::vector<Warning> w;
    const auto footprints = read_footprints(q, loaded->working_crs(), loaded->context(), w);
    const ScreenReport report = screen_all(*loaded, footprints, {});
    ASSERT_EQ(report.footprints[0].coverage, Coverage::partial);
    const auto out = tmp / "m.png";
    const MapResult r = render_map(out, *loaded, report, footprints, pinned());
    const MapPage& page = r.pages[0];
    const std::set<std::string> entries(page.legend_entries.begin(), page.legend_entries.end());
    EXPECT_TRUE(entries.count("超出目录范围，未审查"));
    const MapTable& t = page.table_contents;
    ASSERT_FALSE(t.rows.empty());
    EXPECT_EQ(t.rows[0].label, "超出目录范围，未审查");
    EXPECT_EQ(t.rows[0].verdict, Verdict::unknown);
    EXPECT_NEAR(t.rows[0].area_m2, 1e6, 1e6 * 1e-9);
    // The 公顷/亩 columns read the ellipsoidal area: it was never summed (0 公顷 on the map).
    EXPECT_NEAR(t.rows[0].area_ellipsoidal_m2, report.footprints[0].outside_catalog_ellipsoidal_m2, 1e-6);
    EXPECT_NEAR(t.rows[0].area_ellipsoidal_m2, 1e6, 1e6 * 1e-4);
    EXPECT_NE(t.rows[0].area_ellipsoidal_m2, t.rows[0].area_m2);

    const Image img = decode_png(out);
    ASSERT_GE(img.bands, 3);
    const double px_per_mm = 100 / 25.4;
    auto grey = [](const std::array<int, 3>& c) {
        return std::abs(c[0] - c[1]) < 12 && std::abs(c[1] - c[2]) < 12 && c[0] > 90 && c[0] < 215;
    };
    auto count = [&](double x0, double y0, double x1, double y1) {
        auto [ax, ay] = page.to_page(x0, y1);
        auto [bx, by] = page.to_page(x1, y0);
        int n = 0, total = 0;
        for (int y = static_cast<int>((ay + 1.5) * px_per_mm); y < static_cast<int>((by - 1.5) * px_per_mm); ++y) {
            for (int x = static_cast<int>((ax + 1.5) * px_per_mm); x < static_cast<int>((bx - 1.5) * px_per_mm); ++x) {
                ++total;
                n += grey(img.rgb(x, y)) ? 1 : 0;
            }
        }
        return std::pair<int, int>{n, total};
    };
    const auto [grey_out, total_out] = count(495000, 4415000, 496000, 4416000);
    const auto [grey_in, total_in] = count(494000, 4415000, 495000, 4416000);
    ASSERT_GT(total_out, 2000);
    EXPECT_GT(grey_out, total_out / 10) << grey_out << " grey of " << total_out;
    EXPECT_LT(grey_in, total_in / 100) << grey_in << " grey of " << total_in;
}

TEST(Map, BadgeOfAFootprintOutsideTheCoverageIsGreyNotGreen) {
    // 1 km east of the district: verdict unknown. Before: a green 允许 badge.
    test::TempDir tmp;
    const std::string crs = R"("crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4547"}})";
    test::write_file(tmp / "out.geojson",
                     R"({"type":"FeatureCollection",)" + crs +
                         R"(,"features":[{"type":"Feature","properties":{"XMMC":"区外"},"geometry":)"
                         R"({"type":"Polygon","coordinates":[[[496000,4415000],[497000,4415000],[497000,4416000],)"
                         R"([496000,4416000],[496000,4415000]]]}}]})");
    const Catalog catalog = Catalog::load(kCatalog);
    const auto loaded = LoadedCatalog::load(catalog);
    FootprintQuery q;
    q.sources = {(tmp / "out.geojson").string()};
    std::vector<Warning> w;
    const auto footprints = read_footprints(q, loaded->working_crs(), loaded->context(), w);
    const ScreenReport report = screen_all(*loaded, footprints, {});
    ASSERT_EQ(report.footprints[0].verdict, Verdict::unknown);
    const auto out = tmp / "m.png";
    const MapResult r = render_map(out, *loaded, report, footprints, pinned());
    const Image img = decode_png(out);
    ASSERT_GE(img.bands, 3);
    const PageRect& tb = r.pages[0].title_block;
    const double px_per_mm = 100 / 25.4;
    int grey = 0, green = 0;
    for (int y = static_cast<int>(tb.y * px_per_mm); y < static_cast<int>((tb.y + tb.h) * px_per_mm); ++y) {
        for (int x = static_cast<int>(tb.x * px_per_mm); x < static_cast<int>((tb.x + tb.w) * px_per_mm); ++x) {
            const auto c = img.rgb(x, y);
            grey += c == std::array<int, 3>{110, 110, 110} ? 1 : 0;
            green += c == std::array<int, 3>{0, 130, 60} ? 1 : 0;
        }
    }
    EXPECT_GT(grey, 50);
    EXPECT_EQ(green, 0);
    EXPECT_EQ(r.pages[0].table_contents.rows.at(0).label, "超出目录范围，未审查");
}

TEST(Map, CliWritesPngSvgAndPdf) {
    test::TempDir tmp;
    for (const std::string ext : {".png", ".svg", ".pdf"}) {
        const auto out = tmp / ("m" + ext);
        auto r = test::zoning_cli({"map", "-c", kCatalog, kFootprints, "--where", "XMBH = 'P2'", "--name-field", "XMMC",
                                   "-o", out.string(), "--dpi", "72", "--date", "2024-06-01"});
        ASSERT_EQ(r.code, 0) << r.err;
        EXPECT_NE(r.out.find("1 page"), std::string::npos) << r.out;
        EXPECT_GT(std::filesystem::file_size(out), 1000u);
    }
    for (const auto& e : std::filesystem::directory_iterator(tmp.path())) {
        EXPECT_EQ(e.path().filename().string().find(".zoning-tmp"), std::string::npos);
    }
}

void collect_ids(const CPLXMLNode* n, std::set<std::string>& ids) {
    for (; n != nullptr; n = n->psNext) {
        if (n->eType == CXT_Element && std::string(n->pszValue) == "g") {
            const char* id = CPLGetXMLValue(n, "id", nullptr);
            if (id != nullptr) ids.insert(id);
        }
        if (n->eType == CXT_Element) collect_ids(n->psChild, ids);
    }
}

TEST(Map, SvgIsXmlWithTheMapGroups) {
    test::TempDir tmp;
    Screened s("XMBH = 'P3'");
    const auto out = tmp / "p3.svg";
    MapOptions o = pinned();
    o.orientation = Orientation::portrait;
    o.paper = Paper::a3;
    const MapResult r = render_map(out, *s.loaded, s.report, s.footprints, o);
    EXPECT_EQ(r.width_mm, 297);
    EXPECT_EQ(r.height_mm, 420);
    std::unique_ptr<CPLXMLNode, decltype(&CPLDestroyXMLNode)> doc(CPLParseXMLFile(out.c_str()), &CPLDestroyXMLNode);
    ASSERT_TRUE(doc) << CPLGetLastErrorMsg();
    const CPLXMLNode* svg = CPLGetXMLNode(doc.get(), "=svg");
    ASSERT_NE(svg, nullptr);
    EXPECT_STREQ(CPLGetXMLValue(svg, "width", ""), "841.889764pt");  // 297 mm
    std::set<std::string> ids;
    collect_ids(svg->psChild, ids);
    for (const char* id : {"page", "layers", "conflicts", "labels", "north-arrow", "scale-bar", "title", "overview",
                           "legend", "table"}) {
        EXPECT_TRUE(ids.count(id)) << id;
    }
    // The sections hold drawing: the conflicts group has paths.
    const std::string text = test::read_file(out);
    const size_t c = text.find("<g id=\"conflicts\">");
    const size_t l = text.find("<g id=\"labels\">");
    ASSERT_LT(c, l);
    EXPECT_NE(text.substr(c, l - c).find("<path"), std::string::npos);
}

TEST(Map, AllDrawsOnePagePerFootprintIntoAPdf) {
    test::TempDir tmp;
    const auto out = tmp / "all.pdf";
    auto r = test::zoning_cli({"map", "-c", kCatalog, kFootprints, "--id-field", "XMBH", "--name-field", "XMMC",
                               "--width-field", "KD", "--all", "-o", out.string(), "--paper", "A3"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("9 pages"), std::string::npos) << r.out;
    const std::string pdf = test::read_file(out);
    EXPECT_EQ(pdf.substr(0, 5), "%PDF-");
    std::smatch m;
    ASSERT_TRUE(std::regex_search(pdf, m, std::regex(R"(/Type /Pages\s*/Kids \[[^\]]*\]\s*/Count (\d+))")));
    EXPECT_EQ(m[1], "9");
    const std::regex page(R"(/Type /Page\b(?!s))");
    EXPECT_EQ(std::distance(std::sregex_iterator(pdf.begin(), pdf.end(), page), std::sregex_iterator()), 9);
}

TEST(Map, BadOptionsExitTwoWithoutOutput) {
    test::TempDir tmp;
    auto r = test::zoning_cli({"map", "-c", kCatalog, kFootprints, "--all", "-o", (tmp / "a.png").string()});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("needs a .pdf output"), std::string::npos) << r.err;
    r = test::zoning_cli({"map", "-c", kCatalog, kFootprints, "-o", (tmp / "a.tif").string()});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("unknown map format '.tif'"), std::string::npos) << r.err;
    r = test::zoning_cli({"map", "-c", kCatalog, kFootprints, "-o", (tmp / "a.png").string(), "--paper", "A5"});
    EXPECT_EQ(r.code, 2);
    EXPECT_TRUE(std::filesystem::is_empty(tmp.path()));
}

TEST(Style, ConventionalColoursByKindAndClass) {
    const Catalog c = Catalog::load(kCatalog);
    const LayerSpec& red = c.layers[0];
    const LayerSpec& water = c.layers[1];
    EXPECT_EQ(to_hex(layer_style(red, "").stroke), "#e60000");
    ASSERT_TRUE(layer_style(red, "").fill);
    const Style w1 = layer_style(water, "一级保护区"), w2 = layer_style(water, "二级保护区"), w3 = layer_style(water, "准保护区");
    // Blues, darker for 一级.
    auto lum = [](Rgba x) { return 0.299 * x.r + 0.587 * x.g + 0.114 * x.b; };
    ASSERT_TRUE(w1.fill && w2.fill && w3.fill);
    EXPECT_LT(lum(*w1.fill), lum(*w2.fill));
    EXPECT_LT(lum(*w2.fill), lum(*w3.fill));
    EXPECT_GT(w1.fill->b, w1.fill->r);
    EXPECT_EQ(w1.label, "饮用水水源保护区 一级保护区");
    const Style urban = layer_style(c.layers[3], "");
    EXPECT_FALSE(urban.fill);
    EXPECT_FALSE(urban.dash_mm.empty());
    EXPECT_EQ(to_hex(urban.stroke), "#7b3294");
}

TEST(Style, CatalogOverridesAndErrors) {
    test::TempDir tmp;
    const std::string src = test::data("small/redline.geojson").string();
    const auto ok = tmp / "c.yaml";
    test::write_file(ok, "name: x\nlayers:\n  - id: a\n    kind: ecological_redline\n    source: " + src +
                             "\n    style: {stroke: \"#0000ff\", fill: none, width: 1.2, dash: [2, 1]}\n");
    const Catalog c = Catalog::load(ok);
    const Style s = layer_style(c.layers[0], "");
    EXPECT_EQ(to_hex(s.stroke), "#0000ff");
    EXPECT_FALSE(s.fill);
    EXPECT_NEAR(s.width_mm, 1.2, 1e-12);
    EXPECT_EQ(s.dash_mm, (std::vector<double>{2, 1}));
    EXPECT_EQ(to_hex(parse_color("#ff000080")), "#ff000080");
    EXPECT_EQ(to_hex(parse_color("#f00")), "#ff0000");

    const auto bad = tmp / "bad.yaml";
    test::write_file(bad, "name: x\nlayers:\n  - id: a\n    kind: other\n    source: " + src +
                              "\n    style:\n      stroke: red\n");
    try {
        (void)Catalog::load(bad);
        FAIL() << "a bad colour was accepted";
    } catch (const CatalogError& e) {
        EXPECT_EQ(e.line(), 7);
        EXPECT_NE(std::string(e.what()).find("style.stroke: colour 'red'"), std::string::npos) << e.what();
    }
    test::write_file(bad, "name: x\nlayers:\n  - id: a\n    kind: other\n    source: " + src +
                              "\n    style:\n      colour: \"#fff\"\n");
    EXPECT_THROW((void)Catalog::load(bad), CatalogError);
}

/// An example project of examples/projects screened on the sample catalog, as scripts/maps does.
struct Example {
    std::unique_ptr<LoadedCatalog> loaded;
    std::vector<Footprint> footprints;
    ScreenReport report;
    /// `category_field`: the footprints' category field (the rules decide the verdicts), or empty.
    explicit Example(const std::string& project, const std::string& category_field = {}) {
        const std::string root = ZONING_SOURCE_DIR;
        loaded = LoadedCatalog::load(Catalog::load(root + "/shapefiles/yunzhou/catalog.yaml"));
        FootprintQuery q;
        q.sources = {root + "/examples/projects/" + project + ".geojson"};
        q.id_field = "XMBH";
        q.name_field = "XMMC";
        q.width_field = "KD";
        q.category_field = category_field;
        std::vector<Warning> w;
        footprints = read_footprints(q, loaded->working_crs(), loaded->context(), w);
        report = screen_all(*loaded, footprints, {});
    }
    /// The planar area of footprint `id`'s piece in `layer` (class `cls`) as screened.
    [[nodiscard]] double hit_area(const std::string& id, const std::string& layer, const std::string& cls) const {
        for (const auto& fr : report.footprints) {
            if (fr.id != id) continue;
            for (const auto& c : fr.conflicts) {
                if (c.layer != layer) continue;
                for (const auto& h : c.features) {
                    if (h.cls == cls) return h.area_m2;
                }
            }
        }
        return -1;
    }
};

std::vector<std::string> labels_of(const MapLegend& l) {
    std::vector<std::string> out;
    for (const auto& e : l.entries)
        out.push_back(e.label());
    return out;
}

TEST(MapPlan, WindFarmLegendListsWhatTheFrameShowsInTheLegendsOrder) {
    const Example wind("jijiazhuang_wind");
    MapOptions o = pinned();
    const std::vector<MapPage> pages = plan_map(*wind.loaded, wind.report, wind.footprints, o);
    ASSERT_EQ(pages.size(), 1u);
    const MapPage& page = pages[0];
    EXPECT_EQ(page.scale, 80000.0);
    EXPECT_TRUE(page.labels.empty());  // placed only when drawn
    const MapLegend& l = page.legend_contents;
    // Footprints by kind (turbines, roads as corridors, the substation), conflicts by verdict
    // and kind as drawn (注意, 限制, 禁止; points before areas), the ring round T07, then the
    // layers top first.
    const std::vector<std::string> expected{"项目点位",
                                            "项目线路及用地范围",
                                            "项目用地范围",
                                            "冲突点位(注意)",
                                            "冲突区域(注意)",
                                            "冲突点位(限制)",
                                            "冲突区域(限制)",
                                            "冲突点位(禁止)",
                                            "冲突区域(禁止)",
                                            "冲突位置(圈示)",
                                            "乡镇行政区",
                                            "生态保护红线",
                                            "文物保护单位",
                                            "河流水系",
                                            "饮用水水源保护区 二级保护区",
                                            "饮用水水源保护区 一级保护区",
                                            "饮用水水源保护区 准保护区",
                                            "自然保护区 一般控制区",
                                            "自然保护区 核心保护区",
                                            "自然公园",
                                            "环境管控单元(三线一单)",
                                            "永久基本农田"};
    EXPECT_EQ(labels_of(l), expected);
    ASSERT_EQ(l.entries.size(), expected.size());
    EXPECT_EQ(l.columns, 2);
    EXPECT_EQ(l.shown, 22u);  // no (余略)
    EXPECT_EQ(page.legend_entries, expected);
    for (size_t i = 0; i < l.entries.size(); ++i) {
        const MapLegendEntry& e = l.entries[i];
        EXPECT_EQ(e.group, i < 3    ? LegendGroup::footprints
                           : i < 10 ? LegendGroup::conflicts
                                    : LegendGroup::layers)
            << i;
        EXPECT_EQ(e.cross, e.label() == "冲突点位(禁止)" || e.label() == "冲突区域(禁止)") << e.label();
    }
    // Swatches: a disc for the turbines and the ring, a line for the rivers, boxes otherwise;
    // the styles are the style table's.
    EXPECT_TRUE(l.entries[0].point_marker);
    EXPECT_EQ(l.entries[0].dim, 0);
    EXPECT_EQ(l.entries[1].dim, 2);
    EXPECT_TRUE(l.entries[9].point_marker);
    EXPECT_FALSE(l.entries[9].style.fill);
    EXPECT_EQ(to_hex(l.entries[9].style.stroke), "#d70000");
    EXPECT_EQ(to_hex(l.entries[3].style.stroke), "#e67800");  // 注意 orange
    EXPECT_TRUE(l.entries[8].style.hatch);
    EXPECT_EQ(l.entries[13].dim, 1);
    EXPECT_EQ(to_hex(l.entries[13].style.stroke), "#3182bd");
    EXPECT_EQ(to_hex(l.entries[11].style.stroke), "#e60000");
    EXPECT_EQ(to_hex(l.entries[15].style.stroke), "#08306b");  // 一级 darkest blue
}

TEST(MapPlan, WindFarmTableRowsVerdictsAreasAndTheRowsLeftOut) {
    const Example wind("jijiazhuang_wind");
    const std::vector<MapPage> pages = plan_map(*wind.loaded, wind.report, wind.footprints, pinned());
    const MapTable& t = pages[0].table_contents;
    EXPECT_EQ(t.heading, "冲突面积统计");
    struct Row {
        const char* label;
        const char* layer;
        const char* cls;
        TableMeasure measure;
        Verdict verdict;
        double ha;  // as printed, 4 decimals (ellipsoidal, docs/areas.md)
        double mu;  // as printed, 2 decimals
        int points;
        std::vector<std::string> footprints;
    };
    const std::vector<std::string> turbines_allowed{"T01", "T02", "T03", "T04", "T05", "T06", "T08",
                                                    "T09", "T10", "T11", "T12", "T13", "T14", "T15"};
    const std::vector<std::string> others{"R01", "R02", "R03", "R04", "R05", "R06", "R07", "R08",
                                          "R09", "R10", "R11", "R12", "R13", "R14", "R15", "S01"};
    // Admin layers left out; most severe first, within a verdict by layer, class and measure
    // (points before areas). T07 stands in the red line, R09 crosses it.
    const std::vector<Row> expected{
        {"生态保护红线", "redline", "", TableMeasure::points, Verdict::prohibited, 0, 0, 1, {"T07"}},
        {"生态保护红线", "redline", "", TableMeasure::area, Verdict::prohibited, 0.1806, 2.71, 0, {"R09"}},
        {"饮用水水源保护区 二级保护区",
         "water",
         "二级保护区",
         TableMeasure::points,
         Verdict::restricted,
         0,
         0,
         1,
         {"T07"}},
        {"饮用水水源保护区 二级保护区",
         "water",
         "二级保护区",
         TableMeasure::area,
         Verdict::restricted,
         0.5213,
         7.82,
         0,
         {"R09"}},
        {"饮用水水源保护区 准保护区",
         "water",
         "准保护区",
         TableMeasure::area,
         Verdict::caution,
         0.3739,
         5.61,
         0,
         {"R09"}},
        {"环境管控单元(三线一单) 优先保护单元",
         "units",
         "优先保护单元",
         TableMeasure::points,
         Verdict::caution,
         0,
         0,
         1,
         {"T07"}},
        {"环境管控单元(三线一单) 优先保护单元",
         "units",
         "优先保护单元",
         TableMeasure::area,
         Verdict::caution,
         0.5213,
         7.82,
         0,
         {"R09"}},
        {"环境管控单元(三线一单) 一般管控单元", "units", "一般管控单元", TableMeasure::points, Verdict::allowed, 0, 0,
         14, turbines_allowed},
        {"环境管控单元(三线一单) 一般管控单元", "units", "一般管控单元", TableMeasure::area, Verdict::allowed, 10.6279,
         159.42, 0, others},
    };
    ASSERT_EQ(t.rows.size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
        const MapTableRow& r = t.rows[i];
        const Row& e = expected[i];
        SCOPED_TRACE(std::to_string(i) + " " + e.label);
        EXPECT_EQ(r.label, e.label);
        EXPECT_EQ(r.layer, e.layer);
        EXPECT_EQ(r.cls, e.cls);
        EXPECT_EQ(r.measure, e.measure);
        EXPECT_EQ(r.verdict, e.verdict);
        EXPECT_EQ(r.points, e.points);
        EXPECT_EQ(r.footprints, e.footprints);
        EXPECT_NEAR(r.hectares(), e.ha, 0.5e-4);  // prints as e.ha
        EXPECT_NEAR(r.mu(), e.mu, 0.5e-2);
        EXPECT_EQ(r.length_m, 0.0);
    }
    // A row of one footprint is that footprint's piece as screened.
    EXPECT_NEAR(t.rows[1].area_m2, wind.hit_area("R09", "redline", ""), 1e-9 * t.rows[1].area_m2);
    EXPECT_NEAR(t.rows[3].area_m2, wind.hit_area("R09", "water", "二级保护区"), 1e-9 * t.rows[3].area_m2);
    EXPECT_NEAR(t.rows[4].area_m2, wind.hit_area("R09", "water", "准保护区"), 1e-9 * t.rows[4].area_m2);
    // A4 landscape: the long legend leaves room for 7 rows; the two 允许 rows are "另有 2 项".
    EXPECT_EQ(t.shown, 7u);
    EXPECT_EQ(t.left_out(), 2u);
    // The total row: 15 roads and the substation (corridors and polygon), 15 turbines.
    EXPECT_NEAR(t.fp_area_m2 / 1e4, 11.1493, 0.5e-4);
    EXPECT_EQ(t.fp_points, 15);

    // A3 portrait: the table stands beside the legend with room for every row.
    MapOptions a3 = pinned();
    a3.paper = Paper::a3;
    a3.orientation = Orientation::portrait;
    const std::vector<MapPage> tall = plan_map(*wind.loaded, wind.report, wind.footprints, a3);
    EXPECT_EQ(tall[0].table_contents.rows.size(), 9u);
    EXPECT_EQ(tall[0].table_contents.shown, 9u);
    EXPECT_EQ(tall[0].table_contents.left_out(), 0u);
    EXPECT_EQ(tall[0].scale, 60000.0);
}

TEST(MapPlan, ByCategoryTheTableGivesEachRowsVerdictAndBasis) {
    // The fences are water-protection works: in the 二级保护区 the rule allows them (《水污染防治法》
    // 第六十六条第一款); the near red line and the 三线一单 unit keep the layers' verdicts and say so.
    const Example fences("water_source_fences", "category");
    const MapTable t = plan_map(*fences.loaded, fences.report, fences.footprints, pinned())[0].table_contents;
    ASSERT_EQ(t.rows.size(), 3u);
    EXPECT_EQ(t.rows[0].label, "生态保护红线");
    EXPECT_EQ(t.rows[0].verdict, Verdict::caution);
    EXPECT_EQ(t.rows[0].basis, "未进入该区（邻近）：沿用图层结论");
    EXPECT_EQ(t.rows[1].label, "环境管控单元(三线一单) 优先保护单元");
    EXPECT_EQ(t.rows[1].basis, "无适用条款：沿用图层结论");
    EXPECT_EQ(t.rows[2].label, "饮用水水源保护区 二级保护区");
    EXPECT_EQ(t.rows[2].verdict, Verdict::allowed);
    EXPECT_EQ(t.rows[2].basis, "《水污染防治法》第六十六条第一款");
    // Without categories, no basis.
    const Example plain("water_source_fences");
    const std::vector<MapPage> pages = plan_map(*plain.loaded, plain.report, plain.footprints, pinned());
    for (const auto& row : pages.at(0).table_contents.rows) {
        EXPECT_EQ(row.basis, "") << row.label;
    }
}

TEST(MapPlan, LineProjectTableHasLengthsAndANearRow) {
    const Example fences("water_source_fences");
    const MapTable t = plan_map(*fences.loaded, fences.report, fences.footprints, pinned())[0].table_contents;
    EXPECT_EQ(t.heading, "冲突长度统计");
    ASSERT_EQ(t.rows.size(), 3u);
    EXPECT_EQ(t.shown, 3u);
    EXPECT_EQ(t.rows[0].label, "饮用水水源保护区 二级保护区");
    EXPECT_EQ(t.rows[0].measure, TableMeasure::length);
    EXPECT_EQ(t.rows[0].verdict, Verdict::restricted);
    EXPECT_EQ(t.rows[0].footprints, (std::vector<std::string>{"WL01", "WL02", "WL03"}));
    EXPECT_NEAR(t.rows[0].length_m, 8196.7, 0.05);
    EXPECT_EQ(t.rows[0].area_m2, 0.0);
    // The red line is only near WL02 (90 m, within its near_m): a 邻近 row, 注意.
    EXPECT_EQ(t.rows[1].label, "生态保护红线");
    EXPECT_EQ(t.rows[1].measure, TableMeasure::near);
    EXPECT_EQ(t.rows[1].verdict, Verdict::caution);
    EXPECT_EQ(t.rows[1].footprints, std::vector<std::string>{"WL02"});
    EXPECT_NEAR(t.rows[1].distance_m, 90.0, 0.05);
    EXPECT_EQ(t.rows[2].label, "环境管控单元(三线一单) 优先保护单元");
    EXPECT_EQ(t.rows[2].measure, TableMeasure::length);
    EXPECT_NEAR(t.rows[2].length_m, t.rows[0].length_m, 1e-9 * t.rows[0].length_m);
    EXPECT_NEAR(t.fp_length_m, t.rows[0].length_m, 1e-9 * t.fp_length_m);  // every fence in 二级
    EXPECT_EQ(t.fp_area_m2, 0.0);
}

TEST(MapPlan, IsWhatRenderMapDraws) {
    test::TempDir tmp;
    const Example wind("jijiazhuang_wind");
    MapOptions o = pinned();
    o.dpi = 36;
    const MapResult r = render_map(tmp / "w.png", *wind.loaded, wind.report, wind.footprints, o);
    const std::vector<MapPage> planned = plan_map(*wind.loaded, wind.report, wind.footprints, o);
    ASSERT_EQ(r.pages.size(), 1u);
    ASSERT_EQ(planned.size(), 1u);
    const MapPage& drawn = r.pages[0];
    const MapPage& plan = planned[0];
    EXPECT_EQ(drawn.scale, plan.scale);
    EXPECT_EQ(drawn.legend_entries, plan.legend_entries);
    EXPECT_EQ(labels_of(drawn.legend_contents), labels_of(plan.legend_contents));
    EXPECT_EQ(drawn.table_contents.rows.size(), plan.table_contents.rows.size());
    EXPECT_EQ(drawn.table_contents.shown, plan.table_contents.shown);
    EXPECT_EQ(drawn.table.y, plan.table.y);
    EXPECT_EQ(drawn.legend.h, plan.legend.h);
    EXPECT_FALSE(drawn.labels.empty());
    // --all: one planned page per footprint, each with its own table.
    o.per_footprint = true;
    const std::vector<MapPage> all = plan_map(*wind.loaded, wind.report, wind.footprints, o);
    ASSERT_EQ(all.size(), wind.report.footprints.size());
    for (size_t i = 0; i < all.size(); ++i) {
        for (const MapTableRow& row : all[i].table_contents.rows) {
            EXPECT_EQ(row.footprints, std::vector<std::string>{wind.report.footprints[i].id});
        }
    }
}

}  // namespace
}  // namespace zoning
