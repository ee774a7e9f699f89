// Example project footprints from the plan's project list, drawn at plausible places of the
// sample district, and the expected screening result of each (computed against the layers).
#include "generator.hpp"
#include "io.hpp"

#include <zoning/error.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace gen {

namespace {
const std::vector<FieldDef>& project_fields() {
    static const std::vector<FieldDef> f{{"XMBH", OFTString, 20, 0},     {"XMMC", OFTString, 60, 0},
                                         {"项目名称", OFTString, 60, 0}, {"LX", OFTString, 20, 0},
                                         {"KD", OFTReal, 10, 1},         {"category", OFTString, 24, 0}};
    return f;
}

/// `category`: the project category code (zoning/rules.hpp) written in each feature's `category`.
Project make_project(const std::string& slug, const std::string& name, const std::string& code, int epsg,
                     const std::string& category, const std::string& intent) {
    Project p;
    p.category = category;
    p.slug = slug;
    p.name = name;
    p.code = code;
    p.epsg = epsg;
    p.intent = intent;
    p.layer.id = slug;
    p.layer.file = slug;
    p.layer.gtype = wkbUnknown;
    p.layer.fields = project_fields();
    return p;
}

void add_feature(const GeosContext& ctx, Project& p, Geom g, const std::string& code,
                 const std::string& type, double width) {
    (void)ctx;
    p.layer.features.push_back(
        {std::move(g), {code, p.name, p.name, type, width > 0 ? Value(width) : Value(std::monostate{}), p.category}});
}

/// The first `len` metres of a linestring.
Geom substring(const GeosContext& ctx, const GEOSGeometry* line, double len) {
    const auto pts = coords_of(ctx, line);
    std::vector<Pt> out{pts.front()};
    double s = 0;
    for (size_t i = 1; i < pts.size(); ++i) {
        const double d = std::hypot(pts[i][0] - pts[i - 1][0], pts[i][1] - pts[i - 1][1]);
        if (s + d >= len) {
            const double f = (len - s) / d;
            out.push_back({pts[i - 1][0] + f * (pts[i][0] - pts[i - 1][0]), pts[i - 1][1] + f * (pts[i][1] - pts[i - 1][1])});
            break;
        }
        s += d;
        out.push_back(pts[i]);
    }
    return make_line(ctx, out);
}

Geom rect(const GeosContext& ctx, Pt c, double w, double h, double rot) {
    const double ca = std::cos(rot), sa = std::sin(rot);
    std::vector<Pt> ring;
    for (const auto& [u, v] : std::vector<std::pair<double, double>>{{-1, -1}, {1, -1}, {1, 1}, {-1, 1}})
        ring.push_back({c[0] + u * w / 2 * ca - v * h / 2 * sa, c[1] + u * w / 2 * sa + v * h / 2 * ca});
    return make_polygon(ctx, ring);
}

int severity(const std::string& v) {
    if (v == "prohibited") return 3;
    if (v == "restricted") return 2;
    if (v == "caution") return 1;
    return 0;
}
const char* verdict_name(int s) {
    static const char* n[] = {"allowed", "caution", "restricted", "prohibited"};
    return n[std::clamp(s, 0, 3)];
}
}  // namespace

void Generator::build_projects() {
    Rng r = rng_for(20);
    const GeosContext& c = ctx_;
    // What a project that should pass keeps clear of.
    std::vector<Geom> busy_parts;
    busy_parts.push_back(buffer(c, redline_union_.get(), 150, 4));
    for (const auto& w : water_) {
        busy_parts.push_back(ctx_.clone(w.grade1.get()));
        busy_parts.push_back(ctx_.clone(w.grade2.get()));
        busy_parts.push_back(ctx_.clone(w.grade3.get()));
    }
    for (const auto& h : heritage_) busy_parts.push_back(buffer(c, h.geom.get(), 50, 4));
    for (const auto& p : parks_) busy_parts.push_back(ctx_.clone(p.geom.get()));
    for (const auto& p : reserves_) busy_parts.push_back(ctx_.clone(p.geom.get()));
    Geom busy_nourban = union_of(c, busy_parts);
    Geom busy = unite(c, busy_nourban.get(), buffer(c, urban_union_.get(), 50, 4).get());
    auto p_busy = c.prepare(busy.get());
    Geom inner = buffer(c, district_.get(), -300, 4);
    auto p_inner = c.prepare(inner.get());
    std::vector<Geom> keep;  // farmland keeps clear of these

    // 1. 吉家庄南山风电场: turbines in the foothills south of 吉家庄, one inside the red line.
    {
        Project p = make_project("jijiazhuang_wind", "吉家庄南山风电场", "XM2021-FD-001", 4547, "wind_power",
                                 "one turbine (T07) stands inside the red line: prohibited");
        const Pt centre = ll(113.700, 39.915);
        std::vector<Pt> turbines;
        for (int tries = 0; tries < 20000 && turbines.size() < 14; ++tries) {
            const double ang = r.u(0, 2 * kPi), dist = 7000 * std::sqrt(r.u());
            const Pt q{centre[0] + dist * std::cos(ang), centre[1] + dist * std::sin(ang)};
            Geom pt = buffer(c, make_point(c, q).get(), 60, 4);
            if (GEOSPreparedContains_r(c, p_inner.get(), pt.get()) != 1) continue;
            if (GEOSPreparedIntersects_r(c, p_busy.get(), pt.get()) == 1) continue;
            bool ok = true;
            for (const auto& t : turbines) ok = ok && std::hypot(t[0] - q[0], t[1] - q[1]) > 500;
            if (ok) turbines.push_back(q);
        }
        // T07: the point of the red line (300 m inside) nearest the middle of the others.
        Pt mid{0, 0};
        for (const auto& t : turbines) {
            mid[0] += t[0] / static_cast<double>(turbines.size());
            mid[1] += t[1] / static_cast<double>(turbines.size());
        }
        Geom deep = buffer(c, redline_union_.get(), -300, 4);
        Geom mp = make_point(c, mid);
        GEOSCoordSequence* near = GEOSNearestPoints_r(c, deep.get(), mp.get());
        if (near == nullptr) throw zoning::InternalError("wind farm: no red line nearby");
        Pt t7{};
        GEOSCoordSeq_getXY_r(c, near, 0, &t7[0], &t7[1]);
        GEOSCoordSeq_destroy_r(c, near);
        turbines.insert(turbines.begin() + 6, t7);
        // the substation near the middle, in a free spot
        Geom sub;
        for (int tries = 0; tries < 5000; ++tries) {
            const Pt q{mid[0] + r.u(-2500, 2500), mid[1] + r.u(-2500, 2500)};
            Geom g = rect(c, q, 110, 80, r.u(0, 1));
            if (GEOSPreparedContains_r(c, p_inner.get(), g.get()) == 1 &&
                GEOSPreparedIntersects_r(c, p_busy.get(), buffer(c, g.get(), 30).get()) != 1) {
                sub = std::move(g);
                break;
            }
        }
        if (!sub || turbines.size() < 10) throw zoning::InternalError("wind farm: no room");
        const Pt sc = centroid(c, sub.get());
        for (size_t i = 0; i < turbines.size(); ++i) {
            char code[32];
            std::snprintf(code, sizeof code, "T%02zu", i + 1);
            add_feature(c, p, make_point(c, turbines[i]), code, "风机", 0);
        }
        // access roads: a spanning tree from the substation (Prim, straight segments)
        std::vector<Pt> nodes{sc};
        nodes.insert(nodes.end(), turbines.begin(), turbines.end());
        std::vector<bool> in(nodes.size(), false);
        in[0] = true;
        for (size_t added = 1; added < nodes.size(); ++added) {
            double best = 1e300;
            size_t bi = 0, bj = 0;
            for (size_t i = 0; i < nodes.size(); ++i)
                for (size_t j = 0; j < nodes.size(); ++j)
                    if (in[i] && !in[j]) {
                        const double d = std::hypot(nodes[i][0] - nodes[j][0], nodes[i][1] - nodes[j][1]);
                        if (d < best) best = d, bi = i, bj = j;
                    }
            in[bj] = true;
            char code[32];
            std::snprintf(code, sizeof code, "R%02zu", added);
            add_feature(c, p, make_line(c, {nodes[bi], nodes[bj]}), code, "检修道路", 6);
        }
        add_feature(c, p, std::move(sub), "S01", "升压站", 0);
        for (const auto& f : p.layer.features) keep.push_back(buffer(c, f.geom.get(), 30, 4));
        projects_.push_back(std::move(p));
    }
    // 2. 大唐云州区 100 MW 光伏储能: ~2.5 km², partly on farmland.
    {
        Project p = make_project("datang_pv_100mw", "大唐云州区100MW光伏储能项目", "XM2021-GF-002", 4490, "solar_power",
                                 "the plant lies partly on permanent basic farmland: restricted");
        Geom basin = diff(c, district_.get(), unite(c, north_zone_.get(), south_zone_.get()).get());
        auto p_basin = c.prepare(basin.get());
        const zoning::Envelope e = ctx_.envelope(district_.get());
        Geom g;
        for (int tries = 0; tries < 20000; ++tries) {
            const Pt q{r.u(e.minx, e.maxx), r.u(e.miny, e.maxy)};
            Geom cand = rect(c, q, 1850, 1350, r.u(-0.3, 0.3));
            if (GEOSPreparedContains_r(c, p_basin.get(), cand.get()) != 1) continue;
            if (GEOSPreparedIntersects_r(c, p_busy.get(), buffer(c, cand.get(), 100, 4).get()) == 1) continue;
            g = std::move(cand);
            break;
        }
        if (!g) throw zoning::InternalError("PV plant: no room");
        // a notch for a village road
        const Pt cc = centroid(c, g.get());
        g = diff(c, g.get(), rect(c, {cc[0] + 700, cc[1] - 500}, 500, 400, 0).get());
        // the northern part is unused land: farmland keeps clear of it, the south is on farmland
        const zoning::Envelope ge = ctx_.envelope(g.get());
        keep.push_back(inter(c, g.get(), make_polygon(c, {{ge.minx - 10, cc[1] + 100}, {ge.maxx + 10, cc[1] + 100},
                                                          {ge.maxx + 10, ge.maxy + 10}, {ge.minx - 10, ge.maxy + 10}}).get()));
        add_feature(c, p, std::move(g), "GF01", "光伏阵列区", 0);
        projects_.push_back(std::move(p));
    }
    // 3. 污水处理厂扩容搬迁: a few hectares inside the development zone.
    {
        Project p = make_project("sewage_plant_relocation", "云州区污水处理厂扩容搬迁项目", "XM2021-WS-003", 4547,
                                 "sewage_treatment",
                                 "inside the urban development boundary, clear of every protected layer: allowed");
        const GEOSGeometry* zone = urban_[3].geom.get();
        Geom inside = buffer(c, zone, -80, 4);
        auto p_in = c.prepare(inside.get());
        auto p_bn = c.prepare(busy_nourban.get());
        const zoning::Envelope e = ctx_.envelope(zone);
        Geom g;
        for (int tries = 0; tries < 20000; ++tries) {
            const Pt q{r.u(e.minx, e.maxx), r.u(e.miny, e.maxy)};
            Geom cand = rect(c, q, 260, 170, r.u(-0.5, 0.5));
            if (GEOSPreparedContains_r(c, p_in.get(), cand.get()) == 1 &&
                GEOSPreparedIntersects_r(c, p_bn.get(), cand.get()) != 1) {
                g = std::move(cand);
                break;
            }
        }
        if (!g) throw zoning::InternalError("sewage plant: no room");
        keep.push_back(buffer(c, g.get(), 30, 4));
        add_feature(c, p, std::move(g), "WS01", "厂区用地", 0);
        projects_.push_back(std::move(p));
    }
    // 4. 坊城河综合治理: 42 km of channel works along the 坊城河, clear of the red line and sources.
    {
        Project p =
            make_project("fangchenghe_channel", "坊城河综合治理工程", "XM2021-HD-004", 4547, "flood_water_supply",
                         "channel works on the river itself, away from the red line and the sources' 一级/二级 zones: "
                         "caution (river, 准保护区)");
        std::vector<Geom> strict;
        strict.push_back(buffer(c, redline_union_.get(), 200, 4));
        for (const auto& w : water_) strict.push_back(buffer(c, unite(c, w.grade1.get(), w.grade2.get()).get(), 100, 4));
        for (const auto& h : heritage_) strict.push_back(buffer(c, h.geom.get(), 100, 4));
        for (const auto& q : parks_) strict.push_back(buffer(c, q.geom.get(), 100, 4));
        for (const auto& q : reserves_) strict.push_back(buffer(c, q.geom.get(), 100, 4));
        Geom avoid = union_of(c, strict);
        std::vector<Geom> pieces;
        for (const auto& rv : rivers_) {
            if (rv.name != "坊城河" && rv.name != "西坪河") continue;
            for (auto& l : lines_of(c, diff(c, rv.line.get(), avoid.get()).get())) pieces.push_back(std::move(l));
        }
        std::stable_sort(pieces.begin(), pieces.end(), [&](const Geom& a, const Geom& b) {
            return length(c, a.get()) > length(c, b.get());
        });
        double total = 0;
        int n = 0;
        for (auto& l : pieces) {
            if (total >= 42000) break;
            const double len = length(c, l.get());
            if (len < 500) continue;
            Geom g = total + len > 42000 ? substring(c, l.get(), 42000 - total) : std::move(l);
            total += length(c, g.get());
            char code[32];
            std::snprintf(code, sizeof code, "HD%02d", ++n);
            keep.push_back(buffer(c, g.get(), 40, 4));
            add_feature(c, p, std::move(g), code, "河道治理", 30);
        }
        if (total < 41999) throw zoning::InternalError("坊城河: less than 42 km of free channel");
        projects_.push_back(std::move(p));
    }
    // 5. 森林防火: patrol roads along the foot of 采凉山 outside the red line, and 8 watch towers.
    {
        Project p =
            make_project("forest_fire_roads", "森林防火道路及瞭望塔建设项目", "XM2021-SH-005", 4547, "patrol_research",
                         "patrol roads and towers at the foot of the mountains, 150 m or more outside the red line: "
                         "caution at most");
        Geom ring = ctx_.own(GEOSBoundary_r(c, buffer(c, north_zone_.get(), 450, 8).get()), "boundary");
        Geom lines = diff(c, inter(c, ring.get(), inner.get()).get(), buffer(c, busy.get(), 20, 4).get());
        auto pieces = lines_of(c, lines.get());
        std::stable_sort(pieces.begin(), pieces.end(), [&](const Geom& a, const Geom& b) {
            return length(c, a.get()) > length(c, b.get());
        });
        double total = 0;
        int n = 0;
        std::vector<Geom> roads;
        for (auto& l : pieces) {
            if (total > 24000 || length(c, l.get()) < 1500) break;
            total += length(c, l.get());
            roads.push_back(std::move(l));
        }
        if (roads.empty()) throw zoning::InternalError("fire roads: no room");
        for (auto& l : roads) {
            char code[32];
            std::snprintf(code, sizeof code, "FH%02d", ++n);
            keep.push_back(buffer(c, l.get(), 30, 4));
            add_feature(c, p, ctx_.clone(l.get()), code, "防火巡护道路", 6);
        }
        // towers evenly along the roads
        for (int k = 0; k < 8; ++k) {
            double s = total * (k + 0.5) / 8;
            for (const auto& l : roads) {
                const double len = length(c, l.get());
                if (s <= len) {
                    Geom q = ctx_.own(GEOSInterpolate_r(c, l.get(), s), "interp");
                    char code[32];
                    std::snprintf(code, sizeof code, "WT%02d", k + 1);
                    add_feature(c, p, std::move(q), code, "瞭望塔", 0);
                    break;
                }
                s -= len;
            }
        }
        projects_.push_back(std::move(p));
    }
    // 6. 东山 tourist road: 12 km, 30 m belts both sides, straight through the 巨乐 source's 一级 zone.
    {
        Project p = make_project("dongshan_tourist_road", "东山生态提质旅游公路", "XM2021-LY-006", 4547, "tourism",
                                 "the road runs through the 一级保护区 of the 巨乐 water source: prohibited");
        const WaterSource& w = water_[4];
        Geom red_b = buffer(c, redline_union_.get(), 150, 4);
        Geom g;
        for (int k = 0; k < 72 * 5 && !g; ++k) {
            const double th = kPi * (k % 72) / 36 + 0.1;
            const double at = std::array<double, 5>{0.5, 0.35, 0.65, 0.2, 0.8}[static_cast<size_t>(k / 72)];
            const double bend = (k % 2 == 0 ? 1 : -1) * 500.0;
            std::vector<Pt> pts;
            for (int i = 0; i <= 60; ++i) {
                const double t = -12000 * at + 12000.0 * i / 60;
                const double m = (i - 30) / 30.0;
                const double m0 = (at * 60 - 30) / 30.0;
                const double off = bend * (1 - m * m) - bend * (1 - m0 * m0);
                pts.push_back({w.center[0] + t * std::cos(th) - off * std::sin(th),
                               w.center[1] + t * std::sin(th) + off * std::cos(th)});
            }
            Geom cand = make_line(c, pts);
            Geom band = buffer(c, cand.get(), 30, 4);
            if (GEOSPreparedContains_r(c, p_inner.get(), band.get()) != 1) continue;
            if (GEOSIntersects_r(c, red_b.get(), band.get()) == 1) continue;
            if (GEOSIntersects_r(c, band.get(), w.grade1.get()) != 1) continue;
            bool other = false;
            for (const auto& o : water_)
                if (&o != &w) other = other || GEOSIntersects_r(c, band.get(), o.grade1.get()) == 1 ||
                                      GEOSIntersects_r(c, band.get(), o.grade2.get()) == 1;
            for (const auto& h : heritage_) other = other || GEOSIntersects_r(c, band.get(), h.geom.get()) == 1;
            if (other) continue;
            g = std::move(cand);
        }
        if (!g) throw zoning::InternalError("东山 road: no route");
        keep.push_back(buffer(c, g.get(), 40, 4));
        add_feature(c, p, std::move(g), "LY01", "旅游公路(含两侧各30米绿化带)", 60);
        projects_.push_back(std::move(p));
    }
    // 7. 城中村雨污分流: ~10 km of sewers in 西坪村 and 水头村 inside the seat's urban boundary.
    {
        Project p = make_project(
            "xiping_sewers", "城中村雨污分流改造工程(西坪村、水头村)", "XM2021-WS-007", 4490, "linear_infrastructure",
            "sewers in the streets of the county seat, inside the urban boundary, clear of the sources: allowed");
        const GEOSGeometry* town = urban_[0].geom.get();
        Geom area_ok = diff(c, buffer(c, town, -120, 4).get(), buffer(c, busy_nourban.get(), 50, 4).get());
        const Pt tc = centroid(c, town);
        double total = 0;
        int n = 0;
        for (int k = -3; k <= 3 && total < 10000; ++k) {
            for (int dir = 0; dir < 2 && total < 10000; ++dir) {
                const double off = k * 420.0;
                std::vector<Pt> pts = dir == 0 ? std::vector<Pt>{{tc[0] - 4000, tc[1] + off}, {tc[0] + 4000, tc[1] + off}}
                                               : std::vector<Pt>{{tc[0] + off, tc[1] - 4000}, {tc[0] + off, tc[1] + 4000}};
                Geom l = inter(c, make_line(c, pts).get(), area_ok.get());
                for (auto& part : lines_of(c, l.get())) {
                    const double len = length(c, part.get());
                    if (len < 300 || total >= 10000) continue;
                    Geom q = total + len > 10000 ? substring(c, part.get(), 10000 - total) : std::move(part);
                    total += length(c, q.get());
                    char code[32];
                    std::snprintf(code, sizeof code, "GW%02d", ++n);
                    add_feature(c, p, std::move(q), code, n % 2 ? "污水管(DN500)" : "雨水管(DN800)", 0);
                }
            }
        }
        projects_.push_back(std::move(p));
    }
    // 8. Water-source fences: 南梁 4.2 km, 下高庄 1 km, 甘庄 3 km, 5 m outside each 一级 zone.
    {
        Project p = make_project("water_source_fences", "南梁、下高庄、甘庄水源地隔离防护围栏", "XM2021-SY-008", 4490,
                                 "water_protection",
                                 "fences 5 m outside the 一级 zones, i.e. in the 二级 zones: restricted (a protective "
                                 "work the bureau approves)");
        int n = 0;
        for (const auto& w : water_) {
            if (w.name != "南梁水源地" && w.name != "下高庄水源地" && w.name != "甘庄水源地") continue;
            Geom ring = ctx_.own(GEOSBoundary_r(c, buffer(c, w.grade1.get(), 5, 16).get()), "boundary");
            char code[32];
            std::snprintf(code, sizeof code, "WL%02d", ++n);
            add_feature(c, p, std::move(ring), code, w.name + "围栏", 0);
        }
        projects_.push_back(std::move(p));
    }
    keepout_ = union_of(c, keep);
}

void Generator::write_examples(const std::string& examples_dir) const {
    namespace fs = std::filesystem;
    const std::string pdir = examples_dir + "/projects";
    fs::create_directories(pdir + "/shp");
    const GeosContext& c = ctx_;
    zoning::Transformer to4490(gk_, geo_);
    std::ostringstream table, detail;
    table << "| project | file | CRS | features | expected verdict | why |\n|---|---|---|---:|---|---|\n";
    for (const auto& p : projects_) {
        WriteOptions gj;
        gj.driver = "GeoJSON";
        gj.epsg = p.epsg;
        gj.transform = p.epsg == 4547 ? nullptr : &to4490;
        gj.coordinate_precision = p.epsg == 4547 ? 3 : 9;
        write_layer(c, p.layer, pdir + "/" + p.slug + ".geojson", gj);
        // Shapefiles: one per geometry type; the 10-byte DBF names drop 项目名称 (XMMC holds it).
        LayerData shp;
        shp.gtype = wkbUnknown;
        std::vector<size_t> cols;
        for (size_t i = 0; i < p.layer.fields.size(); ++i)
            if (p.layer.fields[i].name != "项目名称") {
                shp.fields.push_back(p.layer.fields[i]);
                cols.push_back(i);
            }
        std::set<int> dims;
        for (const auto& f : p.layer.features) {
            std::vector<Value> v;
            for (size_t i : cols) v.push_back(f.values[i]);
            shp.features.push_back({c.clone(f.geom.get()), std::move(v)});
            dims.insert(zoning::geometry_dimension(c, f.geom.get()));
        }
        std::vector<std::string> files{p.slug + ".geojson"};
        for (int d : dims) {
            WriteOptions so;
            so.epsg = p.epsg;
            so.transform = gj.transform;
            so.gtype = d == 0 ? wkbPoint : d == 1 ? wkbLineString : wkbPolygon;
            const std::string suffix = dims.size() == 1 ? "" : (d == 0 ? "_points" : d == 1 ? "_lines" : "_polygons");
            write_layer(c, shp, pdir + "/shp/" + p.slug + suffix + ".shp", so, d);
            files.push_back("shp/" + p.slug + suffix + ".shp");
        }
        // Expected result: every layer the footprint touches (lines with a width KD as KD/2 buffers).
        int worst = 0;
        std::map<std::string, std::set<std::string>> hits;
        std::vector<std::string> near;
        for (const auto& f : p.layer.features) {
            const double kd = std::holds_alternative<double>(f.values[4]) ? std::get<double>(f.values[4]) : 0;
            Geom fp = kd > 0 ? buffer(c, f.geom.get(), kd / 2, 8) : c.clone(f.geom.get());
            const std::string fid = std::get<std::string>(f.values[0]);
            const zoning::Envelope fe = c.envelope(fp.get());
            for (const auto& l : layers_) {
                if (l.kind == "land_use") continue;  // describes the land: no conflict, no verdict
                const size_t ci = [&] {
                    for (size_t i = 0; i < l.fields.size(); ++i)
                        if (l.fields[i].name == l.class_field) return i;
                    return l.fields.size();
                }();
                const size_t ni = [&] {
                    for (size_t i = 0; i < l.fields.size(); ++i)
                        if (l.fields[i].name == l.name_field) return i;
                    return size_t{0};
                }();
                for (const auto& lf : l.features) {
                    const zoning::Envelope le = c.envelope(lf.geom.get());
                    if (l.near_m && !fe.grown(*l.near_m).intersects(le)) continue;
                    if (!l.near_m && !fe.intersects(le)) continue;
                    const bool hit = GEOSIntersects_r(c, fp.get(), lf.geom.get()) == 1;
                    std::string verdict = l.verdict, cls;
                    if (ci < l.fields.size()) {
                        cls = std::get<std::string>(lf.values[ci]);
                        for (const auto& cv : l.classes)
                            if (cv.value == cls) verdict = cv.verdict;
                    }
                    const std::string nm = std::holds_alternative<std::string>(lf.values[ni])
                                               ? std::get<std::string>(lf.values[ni]) : std::string();
                    if (hit) {
                        worst = std::max(worst, severity(verdict));
                        if (l.kind != "admin")
                            hits[l.id + " (" + l.title + (cls.empty() ? "" : " " + cls) + ", " + verdict + ")"].insert(fid);
                    } else if (l.near_m && distance(c, fp.get(), lf.geom.get()) <= *l.near_m) {
                        near.push_back(fid + " within " + std::to_string(static_cast<int>(*l.near_m)) + " m of " + nm);
                    }
                }
            }
        }
        std::string why;
        for (const auto& [k, ids] : hits) {
            if (!why.empty()) why += "; ";
            why += k + ": " + std::to_string(ids.size()) + " feature" + (ids.size() > 1 ? "s" : "");
        }
        table << "| " << p.name << " | `" << p.slug << ".geojson` | EPSG:" << p.epsg << " | " << p.layer.features.size()
              << " | **" << verdict_name(worst) << "** | " << p.intent << " |\n";
        detail << "\n### " << p.name << " (`" << p.slug << "`)\n- files: ";
        for (size_t i = 0; i < files.size(); ++i) detail << (i ? ", " : "") << "`projects/" << files[i] << "`";
        {
            int npt = 0;
            double len = 0, ar = 0;
            for (const auto& f : p.layer.features) {
                const int d = zoning::geometry_dimension(c, f.geom.get());
                if (d == 0) ++npt;
                if (d == 1) len += length(c, f.geom.get());
                if (d == 2) ar += meter_.geodesic(c, f.geom.get());
            }
            char buf[160];
            std::snprintf(buf, sizeof buf, "\n- size: %d points, lines %.3f km, polygons %.2f ha (%.4f km²)", npt,
                          len / 1000, ar / zoning::kM2PerHa, ar / zoning::kM2PerKm2);
            detail << buf;
        }
        detail << "\n- intent: " << p.intent << "\n- expected verdict: **" << verdict_name(worst) << "**\n";
        for (const auto& [k, ids] : hits) {
            detail << "- touches " << k << ": ";
            size_t i = 0;
            for (const auto& id : ids) {
                if (i == 12) {
                    detail << ", …";
                    break;
                }
                detail << (i++ ? ", " : "") << id;
            }
            detail << "\n";
        }
        if (hits.empty()) detail << "- touches no protected layer\n";
        for (const auto& nr : near) detail << "- near: " << nr << "\n";
    }
    std::ofstream md(examples_dir + "/README.md");
    md << "# Example project footprints\n\n"
       << "Footprints of projects that the 云州区 ecological protection plan lists, drawn at plausible\n"
       << "places of the synthetic sample district (`shapefiles/yunzhou`, see its README) — each a file\n"
       << "a bureau would really receive. Written by `zoning-gen-sample --examples examples` together\n"
       << "with the catalog, so the footprints and the layers always match. **Synthetic data.**\n\n"
       << "Screen one against the catalog:\n\n```sh\n"
       << "build/bin/zoning screen --catalog shapefiles/yunzhou/catalog.yaml examples/projects/jijiazhuang_wind.geojson\n```\n\n"
       << "Each project is a GeoJSON file (EPSG:4547 named in the `crs` member, or EPSG:4490 lon/lat for\n"
       << "the PV plant, the sewers and the fences, to show both) and the same features as ESRI\n"
       << "Shapefiles under `projects/shp/` (one file per geometry type, `.prj`, `.cpg` UTF-8). Fields:\n"
       << "`XMBH` feature id, `XMMC` / `项目名称` project name (the shapefiles carry only `XMMC`: a DBF\n"
       << "field name has 10 bytes), `LX` element type, `KD` width in metres for lines that have one\n"
       << "(the footprint is the line buffered by KD/2 each side).\n\n"
       << "Beside them (not written by the generator): `field/` holds two of these projects as a bureau\n"
       << "receives them — a GBK zone-prefixed coordinate TXT (also with X/Y swapped) and a DXF — and\n"
       << "`maps/` the conflict map of each project (`scripts/maps`).\n\n"
       << "## Expected results\n\n"
       << "The expected verdict is the most severe verdict of the catalog layers (and classes) the\n"
       << "footprint touches, with the catalog's verdicts: red line prohibited; reserve 核心保护区\n"
       << "prohibited, 一般控制区 restricted; parks restricted; water 一级 prohibited, 二级 restricted,\n"
       << "准 caution; farmland restricted; heritage restricted; rivers caution; 三线一单 优先保护单元\n"
       << "caution, other units and admin layers allowed. Three projects are meant to conflict (a\n"
       << "turbine inside the red line, a road through a 一级保护区, a plant on farmland); the others are\n"
       << "sited clear of every prohibited zone.\n\n"
       << table.str() << "\n## What each footprint touches\n" << detail.str();
}

}  // namespace gen
