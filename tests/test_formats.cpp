// Field formats: the coordinate TXT, GK zone tables, axis checks, GCJ-02, encodings, DXF, KML,
// shapefiles without .cpg, and `zoning convert`. Corpus: tests/data/formats (make_corpus.py says
// what each plot is: A 400 x 200 m = 80000 m², half in red line HX001; B 180000 - 20000 hole =
// 160000 m², all in farmland; C two parts of 10000 m²).
#include <zoning/crs.hpp>
#include <zoning/error.hpp>
#include <zoning/footprint.hpp>
#include <zoning/formats.hpp>

#include "test_support.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <map>

namespace zoning {
namespace {

using test::zoning_cli;

const std::string kCatalog = test::data("small/catalog.yaml").string();
std::string corpus(const std::string& name) { return test::data("formats/" + name).string(); }

struct Read {
    std::vector<std::string> ids, names;
    std::vector<double> areas;
    std::vector<Warning> warnings;
};

Read read(const std::string& file, FootprintQuery q = {}) {
    GeosContext ctx;
    q.sources = {file};
    Read r;
    const auto fps = read_footprints(q, Crs::from_user("EPSG:4547"), ctx, r.warnings);
    for (const auto& f : fps) {
        double a = 0;
        GEOSArea_r(ctx, f.geom.get(), &a);
        r.ids.push_back(f.id);
        r.names.push_back(f.name);
        r.areas.push_back(a);
    }
    return r;
}

// ---- the TXT variants: same plots, same areas --------------------------------------------------

struct TxtCase {
    const char* file;
    std::vector<std::string> ids;
    std::vector<double> areas;
};
// ctest lists the parameter by its file name, not as bytes.
void PrintTo(const TxtCase& c, std::ostream* os) { *os << c.file; }

class TxtVariant : public ::testing::TestWithParam<TxtCase> {};

TEST_P(TxtVariant, ReadsPlotsWithTheirAreas) {
    const Read r = read(corpus(GetParam().file));
    EXPECT_EQ(r.ids, GetParam().ids);
    ASSERT_EQ(r.areas.size(), GetParam().areas.size());
    for (size_t i = 0; i < r.areas.size(); ++i) EXPECT_NEAR(r.areas[i], GetParam().areas[i], GetParam().areas[i] * 1e-9);
    EXPECT_EQ(r.names[0], "污水处理厂扩容搬迁");
}

INSTANTIATE_TEST_SUITE_P(
    Formats, TxtVariant,
    ::testing::Values(TxtCase{"utf8_lf_9.txt", {"YZ-2025-017", "YZ-2025-018"}, {80000, 160000}},
                      TxtCase{"gbk_crlf.txt", {"YZ-2025-017", "YZ-2025-018"}, {80000, 160000}},
                      TxtCase{"fields12_noprefix.txt", {"YZ-2025-017"}, {80000}},
                      TxtCase{"multiplot_unclosed.txt", {"YZ-2025-017", "YZ-2025-018", "YZ-2025-019"},
                              {80000, 160000, 20000}}),
    [](const ::testing::TestParamInfo<TxtCase>& i) {
        std::string n = i.param.file;
        return n.substr(0, n.find('.'));
    });

TEST(CoordTxt, ParsesHeaderPlotsRingsAndEncoding) {
    const CoordTxt gbk = read_coord_txt(corpus("gbk_crlf.txt"));
    EXPECT_EQ(gbk.encoding, TextEncoding::gbk);
    EXPECT_TRUE(gbk.crlf);
    EXPECT_EQ(gbk.value("坐标系"), "2000国家大地坐标系");
    EXPECT_EQ(gbk.value("转换参数"), ",,,,,,");
    ASSERT_EQ(gbk.plots.size(), 2u);
    const TxtPlot& b = gbk.plots[1];
    EXPECT_EQ(b.name, "物流园");
    EXPECT_EQ(b.point_count, 10);
    EXPECT_EQ(b.line, 19);
    EXPECT_EQ(b.use, "仓储用地");
    EXPECT_EQ(b.land_class, "0508");
    ASSERT_EQ(b.rings().size(), 2u);
    EXPECT_EQ(b.rings()[1].size(), 4u);  // closing repeat dropped
    EXPECT_DOUBLE_EQ(b.rings()[1][0].x, 4420300.0);
    EXPECT_DOUBLE_EQ(b.rings()[1][0].y, 38476400.0);
    EXPECT_NEAR(plot_area_m2(b), 160000.0, 1e-6);
    const auto sys = gbk.gk_system();
    ASSERT_TRUE(sys.has_value());
    EXPECT_TRUE(sys->prefixed);
    EXPECT_EQ(gk_epsg(*sys), 4526);

    const CoordTxt f12 = read_coord_txt(corpus("fields12_noprefix.txt"));
    EXPECT_EQ(f12.plots[0].extra, (std::vector<std::string>{"", "建设用地", "2025-06"}));
    EXPECT_EQ(gk_epsg(*f12.gk_system()), 4547);
    EXPECT_EQ(gk_epsg(*read_coord_txt(corpus("xian80.txt")).gk_system()), 2362);
}

TEST(CoordTxt, DeclaredAreaOffByMoreThanOnePerMilleWarns) {
    const CoordTxt ok = read_coord_txt(corpus("utf8_lf_9.txt"));
    EXPECT_TRUE(ok.notes.empty());
    const Read r = read(corpus("area_mismatch.txt"));
    ASSERT_EQ(r.warnings.size(), 1u);
    EXPECT_NE(r.warnings[0].what.find("area_mismatch.txt:13: plot YZ-2025-017: declared 地块面积 8.1000 ha, "
                                      "computed 8.0000 ha (-1.23 %"),
              std::string::npos)
        << r.warnings[0].what;
    // 0.09 % off: no warning.
    const std::string text = "[属性描述]\n坐标系=2000国家大地坐标系\n带号=38\n[地块坐标]\n"
                             "4,8.0072,P,p,面,,,,@\nJ1,1,4420300,469800\nJ2,1,4420300,470200\n"
                             "J3,1,4420100,470200\nJ4,1,4420100,469800\n";
    EXPECT_TRUE(parse_coord_txt(text, "t.txt").notes.empty());
}

TEST(CoordTxt, WriterRoundTrips) {
    const CoordTxt in = read_coord_txt(corpus("multiplot_unclosed.txt"));
    const std::string text = format_coord_txt(in.plots, *in.gk_system(), {});
    EXPECT_NE(text.find("带号=38\r\n"), std::string::npos);
    EXPECT_NE(text.find("10,16.0000,YZ-2025-018,物流园,面,J50G001001,仓储用地,0508,@\r\n"), std::string::npos);
    const CoordTxt back = parse_coord_txt(text, "back.txt");
    ASSERT_EQ(back.plots.size(), 3u);
    for (size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(back.plots[i].id, in.plots[i].id);
        EXPECT_NEAR(plot_area_m2(back.plots[i]), plot_area_m2(in.plots[i]), 1e-6);
        EXPECT_EQ(back.plots[i].points.size(), in.plots[i].points.size() + in.plots[i].rings().size());
    }
    TxtWriteOptions gbk;
    gbk.gbk = true;
    gbk.crlf = false;
    const std::string g = format_coord_txt(in.plots, *in.gk_system(), gbk);
    EXPECT_EQ(detect_text_encoding(g), TextEncoding::gbk);
    EXPECT_EQ(parse_coord_txt(g, "g.txt").plots[1].name, "物流园");
}

// ---- broken files: file:line: reason -----------------------------------------------------------

struct Broken {
    const char* file;
    const char* message;
};
void PrintTo(const Broken& b, std::ostream* os) { *os << b.file; }

class BrokenTxt : public ::testing::TestWithParam<Broken> {};

TEST_P(BrokenTxt, ExitTwoWithFileLineAndReason) {
    test::TempDir tmp;
    const auto out = tmp / "out.gpkg";
    auto r = zoning_cli({"screen", "--catalog", kCatalog, corpus(GetParam().file), "-o", out.string()});
    EXPECT_EQ(r.code, 2) << r.out << r.err;
    EXPECT_NE(r.err.find(GetParam().message), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty());
    EXPECT_FALSE(std::filesystem::exists(out));
}

INSTANTIATE_TEST_SUITE_P(
    Formats, BrokenTxt,
    ::testing::Values(
        Broken{"broken_ring.txt", "broken_ring.txt:14: plot YZ-BAD ring 1 has 2 distinct points: a polygon ring needs at least 3"},
        Broken{"broken_number.txt", "broken_number.txt:15: X '4420abc' is not a number"},
        Broken{"broken_count.txt", "broken_count.txt:13: plot YZ-2025-017 declares 界址点数 6 but has 5 point lines (lines 14-18)"},
        Broken{"broken_fields.txt", "broken_fields.txt:16: line has 3 fields: expected a point (点号,圈号,X,Y)"},
        Broken{"broken_nocrs.txt", "broken_nocrs.txt layer broken_nocrs: no CRS: its header does not give 坐标系"},
        Broken{"broken_encoding.txt", "broken_encoding.txt:19: text is neither UTF-8 nor GBK"},
        Broken{"swapped.txt", "X and Y are swapped: the easting column holds northings (x 4420100.000..4420300.000) and "
                              "the northing column eastings (y 38469800.000..38470200.000): run with --fix-axes to swap X and Y"},
        Broken{"zone_mismatch.txt", "eastings 38469800.000..38470200.000 carry the zone prefix 38 but EPSG:4525 is zone 37: "
                                    "run with --fix-axes to read the coordinates in EPSG:4526"},
        Broken{"swapped_4547.geojson", "X and Y are swapped"},
        Broken{"latlon_4490.geojson", "coordinates are latitude, longitude (x 39.914542..39.916357, y 113.646776..113.651463)"},
        Broken{"drawing.dxf", "a DXF (CAD) file carries no CRS: give it with --s-srs"}),
    [](const ::testing::TestParamInfo<Broken>& i) {
        std::string n = i.param.file;
        n = n.substr(0, n.find('.'));
        for (auto& c : n) if (c == '-') c = '_';
        return n + "_" + std::to_string(i.index);
    });

TEST(CoordTxt, ParserRejectsWhatIsReallyBroken) {
    const std::string head = "[属性描述]\n坐标系=2000国家大地坐标系\n带号=38\n[地块坐标]\n";
    auto message = [&](const std::string& body) {
        try {
            parse_coord_txt(head + body, "x.txt");
        } catch (const InputError& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    EXPECT_EQ(message("J1,1,1,2\n"), "x.txt:5: point line before any plot line");
    EXPECT_EQ(message("3,,P,p,面,,,,@\nJ1,0,1,2\n"), "x.txt:6: 圈号 '0' is not a ring number (1, 2, ...)");
    EXPECT_EQ(message("3,,P,p,体,,,,@\n"), "x.txt:5: 图形属性 '体' is not 点, 线 or 面");
    EXPECT_EQ(message("x,,P,p,面,,,,@\n"), "x.txt:5: 界址点数 'x' is not a positive whole number");
    EXPECT_EQ(message("3,,P,p,面,,,,,,@\n"), "x.txt:5: plot line has 11 fields: expected 9 or 12 (界址点数,地块面积,地块编号,地块名称,图形属性,图幅号,地块用途,地类编号,@)");
    EXPECT_EQ(message("3,,P,p,面,,,,@\nJ1,1,nan,2\n"), "x.txt:6: X 'nan' is not a number");
    EXPECT_EQ(message(""), "x.txt:5: no plot: the [地块坐标] section is missing or empty");
    EXPECT_EQ(message("3,,P,p,面,,,,@\n"), "x.txt:5: plot P has no point lines");
}

// ---- GK zones, axes, GCJ-02, encodings -----------------------------------------------------------

TEST(GkZones, EpsgCodesMatchTheirCrsNames) {
    struct Row {
        GkDatum datum;
        const char* name;
    };
    int checked = 0;
    for (const Row& row : {Row{GkDatum::cgcs2000, "CGCS2000"}, Row{GkDatum::xian1980, "Xian 1980"},
                           Row{GkDatum::beijing1954, "Beijing 1954"}}) {
        for (int width : {3, 6}) {
            const int first = width == 3 ? 25 : 13, last = width == 3 ? 45 : 23;
            for (int zone = first; zone <= last; ++zone) {
                for (bool prefixed : {true, false}) {
                    const GkSystem s{row.datum, width, zone, prefixed};
                    const int epsg = gk_epsg(s);
                    const Crs c = Crs::from_user("EPSG:" + std::to_string(epsg));
                    EXPECT_NE(c.name.find(row.name), std::string::npos) << epsg << " " << c.name;
                    // EPSG names Beijing 1954 6-degree zones without prefix "Gauss-Kruger 13N".
                    const std::string want = prefixed ? "zone " + std::to_string(zone)
                                             : row.datum == GkDatum::beijing1954 && width == 6
                                                 ? "Gauss-Kruger " + std::to_string(zone) + "N"
                                                 : "CM " + std::to_string(s.central_meridian()) + "E";
                    EXPECT_NE(c.name.find(want), std::string::npos) << epsg << " " << c.name;
                    const auto back = gk_system_of_epsg(epsg);
                    ASSERT_TRUE(back.has_value());
                    EXPECT_EQ(back->zone, zone);
                    ++checked;
                }
            }
        }
    }
    EXPECT_EQ(checked, 3 * 2 * (21 + 11));
    EXPECT_THROW(gk_epsg({GkDatum::cgcs2000, 3, 46, true}), InputError);
    EXPECT_EQ(parse_gk_datum("西安80"), GkDatum::xian1980);
    EXPECT_EQ(parse_gk_datum("1954北京坐标系"), GkDatum::beijing1954);
    EXPECT_EQ(parse_gk_datum("CGCS2000"), GkDatum::cgcs2000);
}

TEST(Axes, Diagnoses) {
    const Crs c4547 = Crs::from_user("EPSG:4547"), c4526 = Crs::from_user("EPSG:4526"),
              c4490 = Crs::from_user("EPSG:4490");
    EXPECT_TRUE(diagnose_axes(c4547, {469800, 4420100, 470200, 4420300}).ok());
    EXPECT_TRUE(diagnose_axes(c4526, {38469800, 4420100, 38470200, 4420300}).ok());
    auto d = diagnose_axes(c4547, {4420100, 469800, 4420300, 470200});
    EXPECT_TRUE(d.swap);
    EXPECT_EQ(d.add_to_x, 0);
    d = diagnose_axes(c4547, {38469800, 4420100, 38470200, 4420300});
    EXPECT_FALSE(d.swap);
    EXPECT_EQ(d.add_to_x, -38e6);
    d = diagnose_axes(c4526, {469800, 4420100, 470200, 4420300});
    EXPECT_EQ(d.add_to_x, 38e6);
    EXPECT_NE(d.problem.find("lack the zone prefix 38 of EPSG:4526"), std::string::npos) << d.problem;
    d = diagnose_axes(c4526, {4420100, 37469800, 4420300, 37470200});  // swapped and zone 37
    EXPECT_TRUE(d.swap);
    ASSERT_TRUE(d.use_crs.has_value());
    EXPECT_EQ(d.use_crs->epsg, 4525);
    d = diagnose_axes(c4547, {113.6, 39.9, 113.7, 40.0});
    EXPECT_FALSE(d.fixable);
    EXPECT_NE(d.problem.find("look like degrees"), std::string::npos);
    EXPECT_TRUE(diagnose_axes(c4490, {113.6, 39.9, 113.7, 40.0}).ok());
    EXPECT_TRUE(diagnose_axes(c4490, {39.9, 113.6, 40.0, 113.7}).swap);
    EXPECT_FALSE(diagnose_axes(c4490, {469800, 4420100, 470200, 4420300}).fixable);
    // Not a Chinese GK CRS: nothing to say.
    EXPECT_TRUE(diagnose_axes(Crs::from_user("EPSG:32650"), {4420100, 469800, 4420300, 470200}).ok());
}

TEST(Gcj02, OffsetIsHundredsOfMetresAndInverts) {
    const double lon = 116.391, lat = 39.907;  // Beijing
    const auto [glon, glat] = wgs84_to_gcj02(lon, lat);
    const double dx = (glon - lon) * 111320 * std::cos(lat * M_PI / 180), dy = (glat - lat) * 110574;
    const double offset = std::hypot(dx, dy);
    EXPECT_GT(offset, 100);
    EXPECT_LT(offset, 1000);
    const auto [blon, blat] = gcj02_to_wgs84(glon, glat);
    EXPECT_NEAR(blon, lon, 1e-9);
    EXPECT_NEAR(blat, lat, 1e-9);
    const auto [olon, olat] = wgs84_to_gcj02(2.35, 48.85);  // Paris: no offset
    EXPECT_EQ(olon, 2.35);
    EXPECT_EQ(olat, 48.85);
}

TEST(Encoding, DetectsAndConverts) {
    EXPECT_EQ(detect_text_encoding("abc,123"), TextEncoding::ascii);
    EXPECT_EQ(detect_text_encoding("物流园"), TextEncoding::utf8);
    const std::string gbk = "\xCE\xEF\xC1\xF7\xD4\xB0";  // 物流园 in GBK
    EXPECT_EQ(detect_text_encoding(gbk), TextEncoding::gbk);
    EXPECT_EQ(to_utf8(gbk, "GBK", "t"), "物流园");
    EXPECT_EQ(from_utf8("物流园", "GBK", "t"), gbk);
    EXPECT_EQ(detect_text_encoding("\xFF\xFE"), TextEncoding::unknown);
    EXPECT_THROW(to_utf8("\xFF", "UTF-8", "t"), InputError);
}

// ---- other formats as footprints -----------------------------------------------------------------

TEST(Formats, FixAxesAndGcj02GiveTheSamePlot) {
    FootprintQuery fix;
    fix.fix_axes = true;
    for (const char* f : {"swapped.txt", "zone_mismatch.txt", "swapped_4547.geojson"}) {
        const Read r = read(corpus(f), fix);
        ASSERT_EQ(r.areas.size(), 1u) << f;
        EXPECT_NEAR(r.areas[0], 80000, 80000 * 1e-9) << f;
        ASSERT_FALSE(r.warnings.empty());
        EXPECT_NE(r.warnings.back().what.find("fixed (--fix-axes)"), std::string::npos) << r.warnings.back().what;
    }
    // Lon/lat → GK CM 114E: 80000 m² up to the 9-decimal rounding of the degrees.
    EXPECT_NEAR(read(corpus("latlon_4490.geojson"), fix).areas[0], 80000, 0.05);
    EXPECT_NEAR(read(corpus("site.kml")).areas[0], 80000, 0.05);
    FootprintQuery gcj;
    gcj.from_gcj02 = true;
    EXPECT_NEAR(read(corpus("ovital_gcj02.kml"), gcj).areas[0], 80000, 0.05);
}

nlohmann::json screen_json(std::vector<std::string> extra, int code = 0) {
    std::vector<std::string> args{"screen", "--catalog", kCatalog, "--format", "json"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto r = zoning_cli(args);
    EXPECT_EQ(r.code, code) << r.err;
    return nlohmann::json::parse(r.out);
}

double conflict_area(const nlohmann::json& fp, const std::string& layer) {
    for (const auto& c : fp["conflicts"]) {
        if (c["layer"] == layer) return c["area_m2"].get<double>();
    }
    return 0;
}

TEST(Formats, TruncatedDxfIsRefusedNotReadForEver) {
    // Found by tests/fuzz/fuzz_field_input: GDAL 3.6's DXF reader loops for ever at the end of a
    // DXF cut short (zoning screen hung). zoning checks the end-of-file group before GDAL reads.
    test::TempDir tmp;
    const std::string dxf = test::read_file(corpus("drawing.dxf"));
    const auto cut = tmp / "cut.dxf";
    test::write_file(cut, dxf.substr(0, dxf.size() / 2));
    const auto r = test::zoning_cli({"screen", "-c", test::data("small/catalog.yaml").string(), cut.string(),
                                     "--s-srs", "EPSG:4547"});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find(cut.string() + ": the DXF does not end with its end-of-file group (0 / EOF): the file is incomplete"),
              std::string::npos) << r.err;
    // A NUL byte inside the text made GDAL's reader spin while opening (found by the fuzzer too).
    const auto nul = tmp / "nul.dxf";
    std::string with_nul = dxf;
    with_nul.insert(with_nul.find("$DWGCODEPAGE") + 4, std::string(40, '\0'));
    test::write_file(nul, with_nul);
    const auto n = test::zoning_cli({"screen", "-c", test::data("small/catalog.yaml").string(), nul.string(),
                                     "--s-srs", "EPSG:4547"});
    EXPECT_EQ(n.code, 2);
    EXPECT_NE(n.err.find(nul.string() + ": byte "), std::string::npos) << n.err;
    EXPECT_NE(n.err.find(" is a NUL: not a text DXF, or a damaged one"), std::string::npos) << n.err;
    // A stray carriage return: GDAL ends a line at a lone \r too, so "1\r\r\n" is two lines to it
    // and its codes and values fell out of step; GDAL 3.6 then read for ever (fuzz_field_input).
    const auto stray = tmp / "stray_cr.dxf";
    test::write_file(stray, "0\r\nSECTION\r\n2\r\nHEADER\r\n9\r\n$ACADVER\r\n1\r\r\nENDSEC\r\n0\r\nEOF\r500.000\r\n"
                            "10\r\n472000.000\r\n20\r\n4420500.000\r\n0\r\nENDSEC\r\n0\r\nEOF\r\n");
    const auto c = test::zoning_cli({"screen", "-c", test::data("small/catalog.yaml").string(), stray.string(),
                                     "--s-srs", "EPSG:4547"});
    EXPECT_EQ(c.code, 2);
    // A lone \r is refused outright: GDAL went out of step on it in more than one way (a second
    // hang, "1\rbbb…", found by the fuzzer after the first fix).
    EXPECT_NE(c.err.find(stray.string() + ": byte 37 is a carriage return alone (not \\r\\n): a damaged DXF"),
              std::string::npos) << c.err;
    // A HEADER section cut by 0 / EOF (no ENDSEC), padded with NULs: GDAL 3.6 read it for ever
    // (fuzz_field_input, after the lone-\r fix). A section must close before the end.
    const auto open_section = tmp / "open_section.dxf";
    test::write_file(open_section, std::string("0\r\nSECTION\r\n2\r\nHEADER\r\n9\r\n$ACADVER\r\n1\r\nSEC\r\n0\r\nEOF\r\n") +
                                       std::string(4, '\0') + "\n");
    const auto o = test::zoning_cli({"screen", "-c", test::data("small/catalog.yaml").string(), open_section.string(),
                                     "--s-srs", "EPSG:4547"});
    EXPECT_EQ(o.code, 2);
    EXPECT_NE(o.err.find(open_section.string() + ":9: the file ends inside the section of line 1 (no ENDSEC)"),
              std::string::npos) << o.err;
    // A lone \r in the trailing blanks, after 0 / EOF: GDAL 3.6 read that for ever as well (the
    // third fuzz_field_input finding, `EOF\r\0`): the check covers the whole file.
    const auto trailing_cr = tmp / "trailing_cr.dxf";
    test::write_file(trailing_cr, dxf + "\r" + std::string(1, '\0'));
    const auto t = test::zoning_cli({"screen", "-c", test::data("small/catalog.yaml").string(), trailing_cr.string(),
                                     "--s-srs", "EPSG:4547"});
    EXPECT_EQ(t.code, 2);
    EXPECT_NE(t.err.find(trailing_cr.string() + ": byte " + std::to_string(dxf.size()) +
                         " is a carriage return alone (not \\r\\n): a damaged DXF"),
              std::string::npos) << t.err;
    // The whole file, and the same with trailing blank lines and a Ctrl-Z, still read.
    const auto padded = tmp / "padded.dxf";
    test::write_file(padded, dxf + "\r\n\r\n\x1a");
    EXPECT_EQ(test::zoning_cli({"screen", "-c", test::data("small/catalog.yaml").string(), padded.string(),
                                "--s-srs", "EPSG:4547"}).code, 0);
}

TEST(Formats, ScreenTakesEachFormat) {
    // TXT: ids and names from 地块编号 and 地块名称, source names the line.
    auto j = screen_json({corpus("multiplot_unclosed.txt")});
    ASSERT_EQ(j["footprints"].size(), 3u);
    EXPECT_EQ(j["footprints"][0]["id"], "YZ-2025-017");
    EXPECT_EQ(j["footprints"][0]["verdict"], "prohibited");
    EXPECT_NEAR(conflict_area(j["footprints"][0], "redline"), 40000, 1e-4);
    EXPECT_EQ(j["footprints"][1]["verdict"], "restricted");
    EXPECT_NEAR(conflict_area(j["footprints"][1], "farmland"), 160000, 1e-4);
    EXPECT_EQ(j["footprints"][2]["verdict"], "allowed");
    EXPECT_NE(j["footprints"][0]["source"].get<std::string>().find("multiplot_unclosed.txt:13 plot YZ-2025-017"),
              std::string::npos);

    // DXF: the closed polyline is a polygon, the open one a line, the text skipped.
    j = screen_json({corpus("drawing.dxf"), "--s-srs", "EPSG:4547"});
    ASSERT_EQ(j["footprints"].size(), 2u);
    EXPECT_EQ(j["footprints"][0]["geometry_type"], "Polygon");
    EXPECT_NEAR(j["footprints"][0]["area_m2"].get<double>(), 80000, 1e-4);
    EXPECT_EQ(j["footprints"][1]["geometry_type"], "LineString");
    EXPECT_NEAR(j["footprints"][1]["length_m"].get<double>(), 3000, 1e-6);
    bool text_warned = false;
    for (const auto& w : j["warnings"]) text_warned = text_warned || w["what"].get<std::string>().find("1 text entities") != std::string::npos;
    EXPECT_TRUE(text_warned);

    // GBK shapefile without .cpg: decoded, and the warning says GBK was assumed.
    j = screen_json({corpus("gbk_nocpg.shp"), "--id-field", "DKBH", "--name-field", "DKMC"});
    EXPECT_EQ(j["footprints"][0]["name"], "污水处理厂扩容搬迁");
    EXPECT_NE(j["warnings"][0]["what"].get<std::string>().find("read as GBK (CP936)"), std::string::npos);
    j = screen_json({corpus("utf8_nocpg.shp"), "--name-field", "DKMC"});
    EXPECT_EQ(j["footprints"][0]["name"], "污水处理厂扩容搬迁");
    EXPECT_NE(j["warnings"][0]["what"].get<std::string>().find("read as UTF-8"), std::string::npos);
    j = screen_json({corpus("gbk_nocpg.shp"), "--name-field", "DKMC", "--encoding", "GBK"});
    EXPECT_EQ(j["footprints"][0]["name"], "污水处理厂扩容搬迁");

    // 奥维 KML in GCJ-02: without --from-gcj02 the plot lands wholly in the red line.
    j = screen_json({corpus("ovital_gcj02.kml")});
    EXPECT_GT(conflict_area(j["footprints"][0], "redline"), 79000);
    j = screen_json({corpus("ovital_gcj02.kml"), "--from-gcj02"});
    EXPECT_NEAR(conflict_area(j["footprints"][0], "redline"), 40000, 0.05);
}

TEST(Formats, FootprintFarOutsideTheCatalogStops) {
    test::TempDir tmp;
    // Plot A moved 100 km north: outside the catalog (N 4410000..4430000) by 90 km.
    const std::string text = "[属性描述]\n坐标系=2000国家大地坐标系\n几度分带=3\n带号=38\n[地块坐标]\n"
                             "4,8.0000,FAR,远处,面,,,,@\nJ1,1,4520300,469800\nJ2,1,4520300,470200\n"
                             "J3,1,4520100,470200\nJ4,1,4520100,469800\n";
    test::write_file(tmp / "far.txt", text);
    auto r = zoning_cli({"screen", "--catalog", kCatalog, (tmp / "far.txt").string()});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("far.txt:6 plot FAR: footprint FAR lies 90.1 km outside the catalog's extent"), std::string::npos) << r.err;
    auto j = screen_json({(tmp / "far.txt").string(), "--allow-outside"});
    EXPECT_EQ(j["footprints"][0]["verdict"], "unknown");  // screened, but outside the coverage
    EXPECT_EQ(j["footprints"][0]["coverage"], "none");
    // 10.3 km outside (P8 of the small set): screened, with a warning.
    j = screen_json({test::data("small/footprints.geojson").string(), "--id-field", "XMBH", "--where", "XMBH = 'P8'"});
    ASSERT_FALSE(j["warnings"].empty());
    EXPECT_NE(j["warnings"][0]["what"].get<std::string>().find("lies 10.3 km outside the catalog's extent"), std::string::npos);
}

// ---- zoning convert -------------------------------------------------------------------------------

TEST(Convert, RoundTripsThroughEveryFormat) {
    test::TempDir tmp;
    std::string prev = corpus("multiplot_unclosed.txt");
    for (const char* name : {"a.gpkg", "b.shp", "c.geojson", "d.kml", "e.txt", "f.dxf"}) {
        const std::string out = (tmp / name).string();
        auto r = zoning_cli({"convert", prev, "-o", out});
        ASSERT_EQ(r.code, 0) << name << ": " << r.err;
        EXPECT_NE(r.out.find(": 3 features"), std::string::npos) << r.out;
        prev = out;
    }
    EXPECT_TRUE(std::filesystem::exists(tmp / "b.cpg"));
    EXPECT_TRUE(std::filesystem::exists(tmp / "b.prj"));
    // Every step kept ids, names and areas (KML: through lon/lat and back, to the millimetre).
    for (const char* name : {"a.gpkg", "c.geojson", "e.txt"}) {
        FootprintQuery q;
        if (std::string(name) != "e.txt") {
            q.id_field = "id";
            q.name_field = "name";
        }
        const Read r = read((tmp / name).string(), q);
        EXPECT_EQ(r.ids, (std::vector<std::string>{"YZ-2025-017", "YZ-2025-018", "YZ-2025-019"})) << name;
        EXPECT_EQ(r.names[1], "物流园") << name;
        EXPECT_NEAR(r.areas[1], 160000, 0.5) << name;
    }
    const CoordTxt e = read_coord_txt(tmp / "e.txt");
    EXPECT_EQ(e.value("带号"), "38");
    EXPECT_NEAR(*e.plots[0].area_ha, 8.0, 1e-4);
    FootprintQuery dxf;
    dxf.s_srs = "EPSG:4547";
    dxf.id_field = "Layer";
    const Read d = read((tmp / "f.dxf").string(), dxf);
    EXPECT_EQ(d.ids[0], "YZ-2025-017");  // the id as the entity's layer name
    EXPECT_NEAR(d.areas[1], 160000, 0.5);
}

TEST(Convert, TxtInAnotherZoneAndGbk) {
    test::TempDir tmp;
    const auto out = tmp / "p.txt";
    auto r = zoning_cli({"convert", corpus("fields12_noprefix.txt"), "-o", out.string(), "--t-srs", "EPSG:4526", "--gbk"});
    ASSERT_EQ(r.code, 0) << r.err;
    const CoordTxt t = read_coord_txt(out);
    EXPECT_EQ(t.encoding, TextEncoding::gbk);
    EXPECT_DOUBLE_EQ(t.plots[0].points[0].y, 38469800.0);
    EXPECT_EQ(gk_epsg(*t.gk_system()), 4526);
    r = zoning_cli({"convert", corpus("site.kml"), "-o", (tmp / "k.txt").string(), "--t-srs", "EPSG:32650"});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("a coordinate TXT is in a CGCS2000, Xian 1980 or Beijing 1954 Gauss-Krüger zone"), std::string::npos);
    r = zoning_cli({"convert", corpus("utf8_lf_9.txt"), "-o", corpus("utf8_lf_9.txt")});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("is the input: refusing to overwrite it"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace zoning
