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

}  // namespace
}  // namespace zoning
