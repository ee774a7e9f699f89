// The catalog layers of the sample district, built in EPSG:4547 from the real outline and a seed.
#include "generator.hpp"

#include <zoning/error.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <numeric>

namespace gen {

namespace {
std::uint64_t splitmix(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

nlohmann::json read_json(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw zoning::InputError(path + ": cannot open");
    return nlohmann::json::parse(in);
}

std::string fmt_int(const char* f, long long v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, f, v);
    return buf;
}

/// Returns the Voronoi cells of `sites` clipped to `env` in the order of `sites`.
std::vector<Geom> voronoi_cells(const GeosContext& ctx, const std::vector<Pt>& sites,
                                const GEOSGeometry* env) {
    std::vector<Geom> pts;
    for (const auto& p : sites) pts.push_back(make_point(ctx, p));
    std::vector<GEOSGeometry*> raw;
    for (auto& p : pts) raw.push_back(p.release());
    Geom mp = ctx.own(GEOSGeom_createCollection_r(ctx, GEOS_MULTIPOINT, raw.data(),
                                                  static_cast<unsigned>(raw.size())),
                      "multipoint");
    Geom vor = ctx.own(GEOSVoronoiDiagram_r(ctx, mp.get(), env, 0.0, 0), "voronoi");
    std::vector<Geom> cells(sites.size());
    const int n = GEOSGetNumGeometries_r(ctx, vor.get());
    for (int i = 0; i < n; ++i) {
        const GEOSGeometry* cell = GEOSGetGeometryN_r(ctx, vor.get(), i);
        const zoning::Envelope e = ctx.envelope(cell);
        for (size_t k = 0; k < sites.size(); ++k) {
            const Pt& s = sites[k];
            if (cells[k] || s[0] < e.minx || s[0] > e.maxx || s[1] < e.miny || s[1] > e.maxy)
                continue;
            Geom pt = make_point(ctx, s);
            if (GEOSContains_r(ctx, cell, pt.get()) == 1) {
                cells[k] = inter(ctx, cell, env);
                break;
            }
        }
    }
    for (auto& c : cells)
        if (!c) c = ctx.empty_polygon();
    return cells;
}

Geom envelope_polygon(const GeosContext& ctx, const zoning::Envelope& e) {
    return make_polygon(ctx, {{e.minx, e.miny}, {e.maxx, e.miny}, {e.maxx, e.maxy}, {e.minx, e.maxy}});
}

Geom grow_clip(const GeosContext& ctx, const GEOSGeometry* g, double d, const GEOSGeometry* clip) {
    Geom b = buffer(ctx, g, d);
    return clean_polygonal(ctx, inter(ctx, b.get(), clip).get());
}
}  // namespace

Generator::Generator(std::uint64_t seed, std::string data_dir)
    : seed_(seed),
      data_dir_(std::move(data_dir)),
      gk_(zoning::Crs::from_user("EPSG:4547")),
      geo_(zoning::Crs::from_user("EPSG:4490")),
      to_gk_(geo_, gk_),
      to_geo_(gk_, geo_),
      meter_(gk_) {}

Rng Generator::rng_for(std::uint64_t salt) const { return Rng(splitmix(seed_ * 1000003ULL + salt)); }

Pt Generator::ll(double lon, double lat) const {
    double x = lon, y = lat;
    to_gk_.transform(&x, &y, 1);
    return {x, y};
}

void Generator::build() {
    build_district();
    build_townships();
    build_rivers();
    build_urban();
    build_water();
    build_parks_raw();
    build_redline();
    build_reserves_and_parks();
    build_heritage();
    build_projects();
    build_farmland();
    build_units();
    build_landuse();
    finish_layers();
}

// ---- district -------------------------------------------------------------------------------
void Generator::build_district() {
    const auto j = read_json(data_dir_ + "/yunzhou_boundary_wgs84.geojson");
    const auto& ring = j.at("geometry").at("coordinates").at(0);
    std::vector<double> x, y;
    for (const auto& c : ring) {
        x.push_back(c.at(0).get<double>());
        y.push_back(c.at(1).get<double>());
    }
    to_gk_.transform(x, y);
    std::vector<Pt> pts;
    for (size_t i = 0; i < x.size(); ++i) pts.push_back({x[i], y[i]});
    Geom outline = make_polygon(ctx_, pts);
    outline_area_m2_ = meter_.geodesic(ctx_, outline.get());
    outline_vertices_ = static_cast<int>(pts.size() > 1 && pts.front() == pts.back() ? pts.size() - 1 : pts.size());
    const Pt c = centroid(ctx_, outline.get());
    const double target = kDistrictKm2 * zoning::kM2PerKm2;
    double s = std::sqrt(target / outline_area_m2_);
    for (int it = 0; it < 8; ++it) {
        std::vector<Pt> scaled;
        for (const auto& p : pts) {
            scaled.push_back({std::round((c[0] + s * (p[0] - c[0])) * 1000) / 1000,
                              std::round((c[1] + s * (p[1] - c[1])) * 1000) / 1000});
        }
        district_ = make_polygon(ctx_, scaled);
        const double a = meter_.geodesic(ctx_, district_.get());
        if (std::fabs(a - target) < 1.0) break;
        s *= std::sqrt(target / a);
    }
    district_scale_ = s;
    if (GEOSisValid_r(ctx_, district_.get()) != 1) throw zoning::InternalError("district invalid");
}

// ---- townships: a noisy Voronoi partition of the district -------------------------------------
void Generator::build_townships() {
    struct Def { const char* name; const char* code; double lon, lat, w; };
    const Def defs[] = {
        {"西坪镇", "140215100", 113.560, 40.030, 0.95}, {"倍加造镇", "140215101", 113.700, 40.070, 1.0},
        {"周士庄镇", "140215102", 113.430, 40.020, 1.0}, {"吉家庄乡", "140215200", 113.720, 39.905, 1.0},
        {"峰峪乡", "140215201", 113.500, 40.180, 0.95}, {"杜庄乡", "140215202", 113.470, 39.930, 1.0},
        {"党留庄乡", "140215203", 113.420, 39.800, 0.9}, {"聚乐乡", "140215204", 113.800, 40.060, 1.0},
        {"许堡乡", "140215205", 113.820, 39.965, 1.0}};
    Rng r = rng_for(2);
    Geom prep_d = ctx_.clone(district_.get());
    for (const auto& d : defs) {
        Town t;
        t.name = d.name;
        t.code = d.code;
        t.center = ll(d.lon, d.lat);
        Geom p = make_point(ctx_, t.center);
        if (GEOSContains_r(ctx_, district_.get(), p.get()) != 1)
            throw zoning::InternalError(t.name + " centre outside the district");
        towns_.push_back(std::move(t));
    }
    const zoning::Envelope e = ctx_.envelope(district_.get()).grown(3000);
    Geom env = envelope_polygon(ctx_, e);
    std::vector<Pt> sites;
    for (int i = 0; i < 1600; ++i) sites.push_back({r.u(e.minx, e.maxx), r.u(e.miny, e.maxy)});
    Noise1 nx(r, 900, 9000), ny(r, 900, 11000);
    std::vector<int> label(sites.size());
    for (size_t k = 0; k < sites.size(); ++k) {
        double best = 1e300;
        for (size_t t = 0; t < towns_.size(); ++t) {
            const double dd = std::hypot(sites[k][0] - towns_[t].center[0], sites[k][1] - towns_[t].center[1]) *
                              defs[t].w;
            const double noise = nx(sites[k][0] + 3000.0 * static_cast<double>(t)) +
                                 ny(sites[k][1] - 5000.0 * static_cast<double>(t));
            if (dd + noise < best) {
                best = dd + noise;
                label[k] = static_cast<int>(t);
            }
        }
    }
    const auto cells = voronoi_cells(ctx_, sites, env.get());
    for (size_t t = 0; t < towns_.size(); ++t) {
        std::vector<const GEOSGeometry*> mine;
        for (size_t k = 0; k < sites.size(); ++k)
            if (label[k] == static_cast<int>(t)) mine.push_back(cells[k].get());
        Geom u = ctx_.union_all(mine);
        towns_[t].geom = inter(ctx_, u.get(), district_.get());
    }
    // Fold detached pieces into the neighbour that shares the longest border.
    for (size_t t = 0; t < towns_.size(); ++t) {
        auto parts = polygons_of(ctx_, towns_[t].geom.get());
        if (parts.size() <= 1) continue;
        size_t keep = 0;
        for (size_t i = 1; i < parts.size(); ++i)
            if (area(ctx_, parts[i].get()) > area(ctx_, parts[keep].get())) keep = i;
        // Which piece holds the centre? keep that one.
        Geom cpt = make_point(ctx_, towns_[t].center);
        for (size_t i = 0; i < parts.size(); ++i)
            if (GEOSIntersects_r(ctx_, parts[i].get(), cpt.get()) == 1) keep = i;
        towns_[t].geom = ctx_.clone(parts[keep].get());
        for (size_t i = 0; i < parts.size(); ++i) {
            if (i == keep) continue;
            size_t best = t;
            double best_len = -1;
            for (size_t o = 0; o < towns_.size(); ++o) {
                if (o == t) continue;
                Geom shared = inter(ctx_, parts[i].get(), towns_[o].geom.get());
                const double len = length(ctx_, shared.get());
                if (len > best_len) {
                    best_len = len;
                    best = o;
                }
            }
            if (best_len <= 0) {
                // isolated piece (a lobe of the outline): stays with its own township
                towns_[t].geom = unite(ctx_, towns_[t].geom.get(), parts[i].get());
            } else {
                towns_[best].geom = unite(ctx_, towns_[best].geom.get(), parts[i].get());
            }
        }
    }
}

// ---- rivers -----------------------------------------------------------------------------------
void Generator::build_rivers() {
    Rng r = rng_for(3);
    const auto j = read_json(data_dir_ + "/sanggan_river_naturalearth10m.geojson");
    std::vector<Pt> ctrl;
    for (const auto& f : j.at("features")) {
        if (f.at("properties").at("featurecla").get<std::string>() != "River") continue;
        for (const auto& part : f.at("geometry").at("coordinates")) {
            for (const auto& c : part) {
                const double lon = c.at(0).get<double>(), lat = c.at(1).get<double>();
                if (lon > 113.15 && lon < 114.03) ctrl.push_back(ll(lon, lat));
            }
        }
    }
    auto make = [&](const std::string& name, const std::string& code, const std::string& grade,
                    const std::vector<Pt>& pts, double amp, double ratio) -> Geom {
        Geom full;
        for (int attempt = 0; attempt < 6; ++attempt, amp *= 0.8) {
            full = make_line(ctx_, meander(pts, r, amp, ratio, 40));
            if (GEOSisSimple_r(ctx_, full.get()) == 1) break;
        }
        River rv{name, code, grade, inter(ctx_, full.get(), district_.get())};
        rivers_.push_back(std::move(rv));
        return full;
    };
    sanggan_full_ = make("桑干河", "HD140215001", "干流", ctrl, 260, 9);
    auto join = [&](const GEOSGeometry* target, Pt from) -> Pt {
        Geom p = make_point(ctx_, from);
        const double d = GEOSProject_r(ctx_, target, p.get());
        Geom q = ctx_.own(GEOSInterpolate_r(ctx_, target, d), "interpolate");
        Pt out{};
        GEOSGeomGetX_r(ctx_, q.get(), &out[0]);
        GEOSGeomGetY_r(ctx_, q.get(), &out[1]);
        return out;
    };
    // 御河 from the north-west (大同城区) to the 桑干河.
    std::vector<Pt> yu{ll(113.300, 40.085), ll(113.360, 40.030), ll(113.400, 39.960), ll(113.440, 39.900)};
    yu.push_back(join(sanggan_full_.get(), yu.back()));
    make("御河", "HD140215002", "一级支流", yu, 160, 7);
    // 坊城河 from 采凉山 south through the basin, west of 西坪, to the 桑干河.
    std::vector<Pt> fc{ll(113.540, 40.250), ll(113.520, 40.190), ll(113.535, 40.130), ll(113.515, 40.070),
                       ll(113.525, 40.000), ll(113.545, 39.950)};
    fc.push_back(join(sanggan_full_.get(), fc.back()));
    Geom fang = make("坊城河", "HD140215003", "一级支流", fc, 230, 4.0);
    std::vector<Pt> xp{ll(113.660, 40.140), ll(113.620, 40.090), ll(113.585, 40.055), ll(113.555, 40.045)};
    xp.push_back(join(fang.get(), xp.back()));
    make("西坪河", "HD140215004", "二级支流", xp, 110, 5);
    std::vector<Pt> wc{ll(113.800, 40.140), ll(113.785, 40.080), ll(113.760, 40.030), ll(113.740, 40.005)};
    wc.push_back(join(sanggan_full_.get(), wc.back()));
    make("吴城河", "HD140215005", "一级支流", wc, 120, 5);
    std::vector<Pt> xb{ll(113.790, 39.860), ll(113.775, 39.910), ll(113.780, 39.960)};
    xb.push_back(join(sanggan_full_.get(), xb.back()));
    make("许堡河", "HD140215006", "一级支流", xb, 90, 5);
    std::vector<Pt> g1{ll(113.380, 39.760), ll(113.400, 39.800), ll(113.395, 39.830)};
    g1.push_back(join(sanggan_full_.get(), g1.back()));
    make("党留庄沟", "HD140215007", "支沟", g1, 60, 5);
}

// ---- urban development boundary --------------------------------------------------------------
void Generator::build_urban() {
    Rng r = rng_for(4);
    struct Def { const char* name; const char* type; const char* town; double lon, lat, rx, ry, rot; };
    const Def defs[] = {
        {"西坪镇城镇开发边界", "城镇集中建设区", "西坪镇", 113.560, 40.030, 2300, 1700, 0.3},
        {"周士庄镇城镇开发边界", "城镇集中建设区", "周士庄镇", 113.430, 40.020, 1000, 800, -0.2},
        {"倍加造镇城镇开发边界", "城镇集中建设区", "倍加造镇", 113.700, 40.070, 900, 750, 0.5},
        {"云州经济技术开发区", "产业园区", "杜庄乡", 113.470, 39.990, 1500, 900, 0.4},
        {"倍加造工业集聚区", "产业园区", "倍加造镇", 113.750, 40.060, 900, 600, -0.3},
    };
    std::vector<Geom> done;
    for (const auto& d : defs) {
        Geom g = blob(ctx_, r, ll(d.lon, d.lat), d.rx, d.ry, d.rot, 72, 0.18);
        g = inter(ctx_, g.get(), district_.get());
        for (const auto& o : done) g = diff(ctx_, g.get(), o.get());
        g = clean_polygonal(ctx_, g.get());
        done.push_back(ctx_.clone(g.get()));
        Feature f{std::move(g), {std::string(d.name), std::string(d.type), std::string(d.town)}};
        urban_.push_back(std::move(f));
    }
    urban_union_ = union_of(ctx_, done);
}

// ---- drinking-water sources -------------------------------------------------------------------
void Generator::build_water() {
    Rng r = rng_for(5);
    struct Def { const char* name; const char* type; const char* level; double lon, lat, fence_m; };
    const Def defs[] = {
        {"南梁水源地", "地下水", "县级", 113.600, 39.985, 4200}, {"下高庄水源地", "地下水", "县级", 113.500, 40.075, 1000},
        {"甘庄水源地", "地下水", "县级", 113.665, 40.030, 3000}, {"倍加造水源地", "地下水", "乡镇级", 113.725, 40.100, 0},
        {"巨乐水源地", "地下水", "乡镇级", 113.790, 40.035, 0}, {"西坪水源地(含瓜园)", "地下水", "乡镇级", 113.525, 39.960, 0},
        {"党留庄水源地", "地下水", "乡镇级", 113.400, 39.835, 0}, {"杜庄水源地", "地下水", "乡镇级", 113.445, 39.915, 0},
        {"峰峪水源地", "地下水", "乡镇级", 113.520, 40.145, 0}, {"吉家庄水源地", "地下水", "乡镇级", 113.700, 39.945, 0},
        {"许堡水源地", "地下水", "乡镇级", 113.815, 39.940, 0}};
    Geom taken = ctx_.empty_polygon();
    int n = 0;
    for (const auto& d : defs) {
        WaterSource w;
        w.name = d.name;
        w.code = fmt_int("SY140215%03lld", ++n);
        w.type = d.type;
        w.level = d.level;
        w.center = ll(d.lon, d.lat);
        Geom a1;
        if (d.fence_m > 0) {
            w.r1 = d.fence_m / (2 * kPi) - 5;
            a1 = buffer(ctx_, make_point(ctx_, w.center).get(), w.r1, 16);
        } else {
            w.r1 = r.u(90, 200);
            a1 = blob(ctx_, r, w.center, w.r1, w.r1 * r.u(0.8, 1.0), r.u(0, kPi), 24, 0.05);
        }
        Geom a2 = unite(ctx_, blob(ctx_, r, w.center, r.u(900, 1300), r.u(700, 1000), r.u(0, kPi), 48, 0.12).get(),
                        buffer(ctx_, a1.get(), 120).get());
        Geom a3 = unite(ctx_, blob(ctx_, r, w.center, r.u(2000, 2600), r.u(1500, 2000), r.u(0, kPi), 64, 0.12).get(),
                        buffer(ctx_, a2.get(), 250).get());
        a1 = diff(ctx_, inter(ctx_, a1.get(), district_.get()).get(), taken.get());
        a2 = diff(ctx_, inter(ctx_, a2.get(), district_.get()).get(), taken.get());
        a3 = diff(ctx_, inter(ctx_, a3.get(), district_.get()).get(), taken.get());
        w.grade1 = clean_polygonal(ctx_, a1.get());
        w.grade2 = clean_polygonal(ctx_, diff(ctx_, a2.get(), a1.get()).get());
        w.grade3 = clean_polygonal(ctx_, diff(ctx_, a3.get(), a2.get()).get());
        taken = unite(ctx_, taken.get(), a3.get());
        water_.push_back(std::move(w));
    }
}

// ---- parks' raw outlines (needed before the red line) ---------------------------------------
void Generator::build_parks_raw() {
    Rng r = rng_for(6);
    const Pt vc = ll(113.640, 40.100);
    for (int i = 0; i < 26; ++i) {
        const double ang = r.u(0, 2 * kPi), dist = 4500 * std::sqrt(r.u());
        const Pt c{vc[0] + dist * std::cos(ang), vc[1] + dist * std::sin(ang)};
        const double rad = r.log_u(110, 480);
        Geom cone = blob(ctx_, r, c, rad, rad * r.u(0.75, 1.0), r.u(0, kPi), 32, 0.08);
        if (r.u() < 0.35) {  // crater: a hole
            Geom crater = buffer(ctx_, make_point(ctx_, c).get(), rad * 0.25, 6);
            cone = diff(ctx_, cone.get(), crater.get());
        }
        cone = clean_polygonal(ctx_, diff(ctx_, inter(ctx_, cone.get(), district_.get()).get(),
                                          buffer(ctx_, urban_union_.get(), 60).get()).get());
        if (!is_empty(ctx_, cone.get())) cones_.push_back(std::move(cone));
    }
    Geom hull = union_of(ctx_, cones_);
    park_raw_["大同火山群国家地质公园"] =
        clean_polygonal(ctx_, diff(ctx_, buffer(ctx_, hull.get(), 70).get(), urban_union_.get()).get());
    // 桑干河 wetland park: the river between 8 % and 30 % of its course.
    const double len = length(ctx_, sanggan_full_.get());
    std::vector<Pt> seg;
    for (int k = 0; k <= 60; ++k) {
        Geom q = ctx_.own(GEOSInterpolate_r(ctx_, sanggan_full_.get(), len * (0.36 + 0.20 * k / 60.0)), "interp");
        Pt p{};
        GEOSGeomGetX_r(ctx_, q.get(), &p[0]);
        GEOSGeomGetY_r(ctx_, q.get(), &p[1]);
        seg.push_back(p);
    }
    park_raw_["大同桑干河国家湿地公园"] =
        grow_clip(ctx_, make_line(ctx_, seg).get(), 520, district_.get());
    park_raw_["土林湿地公园"] = grow_clip(ctx_, blob(ctx_, r, ll(113.770, 39.915), 1100, 800, 0.6, 48, 0.15).get(), 0, district_.get());
    park_raw_["采凉山森林公园"] = grow_clip(ctx_, blob(ctx_, r, ll(113.500, 40.215), 2600, 1700, 0.2, 64, 0.15).get(), 0, district_.get());
    park_raw_["峰峪湿地"] = grow_clip(ctx_, blob(ctx_, r, ll(113.555, 40.150), 800, 450, 1.0, 40, 0.15).get(), 0, district_.get());
}

// ---- ecological red line ----------------------------------------------------------------------
std::vector<Feature> Generator::redline_others(double shift, Geom* north_out, Geom* south_out) const {
    Rng r = rng_for(7);
    const zoning::Envelope e = ctx_.envelope(district_.get()).grown(2000);
    // North (采凉山): north of a noisy line near 40.165 N, moved south by `shift`.
    Noise1 nn(r, 900, 14000), ns(r, 800, 12000);
    std::vector<Pt> nring, sring;
    const double y_n = ll(113.6, 40.165)[1];
    for (double x = e.minx; x <= e.maxx + 1; x += 400) nring.push_back({x, y_n - shift + nn(x)});
    nring.push_back({e.maxx, e.maxy});
    nring.push_back({e.minx, e.maxy});
    const double y_se = ll(113.7, 39.935)[1], y_sw = ll(113.4, 39.795)[1];
    const double x_a = ll(113.52, 39.9)[0], x_b = ll(113.60, 39.9)[0];
    for (double x = e.minx; x <= e.maxx + 1; x += 400) {
        const double f = std::clamp((x - x_a) / (x_b - x_a), 0.0, 1.0);
        sring.push_back({x, y_sw + f * (y_se - y_sw) + shift + ns(x)});
    }
    sring.push_back({e.maxx, e.miny});
    sring.push_back({e.minx, e.miny});
    Geom urban_buf = buffer(ctx_, urban_union_.get(), 30);
    Geom north = clean_polygonal(ctx_, inter(ctx_, make_polygon(ctx_, nring).get(), district_.get()).get(), 100);
    std::reverse(sring.begin(), sring.end());
    Geom south = clean_polygonal(ctx_, inter(ctx_, make_polygon(ctx_, sring).get(), district_.get()).get(), 100);
    if (north_out) *north_out = ctx_.clone(north.get());
    if (south_out) *south_out = ctx_.clone(south.get());

    struct Raw { Geom g; std::string name, type; };
    std::vector<Raw> raw;
    // Villages in the mountains become holes.
    auto punch = [&](Geom zone, int n) {
        const zoning::Envelope ze = ctx_.envelope(zone.get());
        for (int i = 0; i < n; ++i) {
            const Pt c{r.u(ze.minx, ze.maxx), r.u(ze.miny, ze.maxy)};
            const double rad = r.u(110, 330);
            Geom v = blob(ctx_, r, c, rad, rad * 0.8, r.u(0, kPi), 20, 0.1);
            if (GEOSContains_r(ctx_, zone.get(), v.get()) == 1) zone = diff(ctx_, zone.get(), v.get());
        }
        return zone;
    };
    auto cut = [&](const Geom& zone, int nsites, const std::string& name, const char* t1, const char* t2) {
        const zoning::Envelope ze = ctx_.envelope(zone.get()).grown(500);
        std::vector<Pt> sites;
        while (static_cast<int>(sites.size()) < nsites) {
            const Pt c{r.u(ze.minx, ze.maxx), r.u(ze.miny, ze.maxy)};
            Geom p = make_point(ctx_, c);
            if (GEOSIntersects_r(ctx_, zone.get(), p.get()) == 1 || r.u() < 0.05) sites.push_back(c);
        }
        const auto cells = voronoi_cells(ctx_, sites, envelope_polygon(ctx_, ze).get());
        for (const auto& cell : cells) {
            Geom piece = clean_polygonal(ctx_, inter(ctx_, cell.get(), zone.get()).get(), 200);
            if (is_empty(ctx_, piece.get())) continue;
            raw.push_back({std::move(piece), name, r.u() < 0.6 ? t1 : t2});
        }
    };
    cut(punch(ctx_.clone(north.get()), 30), 70, "采凉山", "水源涵养", "水土保持");
    cut(punch(ctx_.clone(south.get()), 36), 90, "六棱山", "水土保持", "生物多样性维护");
    // 桑干河 corridor and 册田水库.
    Geom corridor = grow_clip(ctx_, sanggan_full_.get(), 450, district_.get());
    cut(corridor, 24, "桑干河", "生物多样性维护", "生物多样性维护");
    {
        const double len = length(ctx_, sanggan_full_.get());
        // find the last point of the river still inside the district, step back 4 km
        double s_in = 0;
        for (double s = 0; s < len; s += 200) {
            Geom q = ctx_.own(GEOSInterpolate_r(ctx_, sanggan_full_.get(), s), "interp");
            if (GEOSIntersects_r(ctx_, district_.get(), q.get()) == 1) s_in = s;
        }
        Geom q1 = ctx_.own(GEOSInterpolate_r(ctx_, sanggan_full_.get(), s_in - 4200), "interp");
        Geom q2 = ctx_.own(GEOSInterpolate_r(ctx_, sanggan_full_.get(), s_in - 3000), "interp");
        Pt c{}, c2{};
        GEOSGeomGetX_r(ctx_, q1.get(), &c[0]);
        GEOSGeomGetY_r(ctx_, q1.get(), &c[1]);
        GEOSGeomGetX_r(ctx_, q2.get(), &c2[0]);
        GEOSGeomGetY_r(ctx_, q2.get(), &c2[1]);
        const double rot = std::atan2(c2[1] - c[1], c2[0] - c[0]);
        Geom lake = blob(ctx_, r, c, 3300, 1000, rot, 96, 0.15);
        raw.push_back({clean_polygonal(ctx_, inter(ctx_, lake.get(), district_.get()).get()), "册田水库", "水源涵养"});
    }
    // 火山群: cones grouped 1-3 to a feature (multipart).
    for (size_t i = 0; i < cones_.size();) {
        const size_t k = std::min(cones_.size(), i + 1 + static_cast<size_t>(r.i(3)));
        std::vector<Geom> parts;
        for (size_t q = i; q < k; ++q) parts.push_back(ctx_.clone(cones_[q].get()));
        raw.push_back({union_of(ctx_, parts), "大同火山群", "生物多样性维护"});
        i = k;
    }
    // Parks that the red line takes in.
    raw.push_back({grow_clip(ctx_, park_raw_.at("土林湿地公园").get(), -90, district_.get()), "土林", "水土保持"});
    raw.push_back({grow_clip(ctx_, park_raw_.at("峰峪湿地").get(), -50, district_.get()), "峰峪湿地", "水源涵养"});
    raw.push_back({grow_clip(ctx_, park_raw_.at("采凉山森林公园").get(), -120, district_.get()), "采凉山森林公园", "水源涵养"});
    // Scattered patches of very different sizes: loess hills, wetlands, shelter forests.
    Geom hills = buffer(ctx_, unite(ctx_, north.get(), south.get()).get(), 5000, 4);
    std::vector<Geom> river_lines;
    for (const auto& rv : rivers_) river_lines.push_back(ctx_.clone(rv.line.get()));
    Geom river_zone = buffer(ctx_, union_of(ctx_, river_lines).get(), 1500, 4);
    auto prep_h = ctx_.prepare(hills.get());
    auto prep_r = ctx_.prepare(river_zone.get());
    auto prep_d = ctx_.prepare(district_.get());
    const zoning::Envelope de = ctx_.envelope(district_.get());
    int made = 0;
    std::vector<Geom> group;
    while (made < 190) {
        const Pt c{r.u(de.minx, de.maxx), r.u(de.miny, de.maxy)};
        Geom p = make_point(ctx_, c);
        if (GEOSPreparedContains_r(ctx_, prep_d.get(), p.get()) != 1) continue;
        const double kind = r.u();
        const bool in_h = GEOSPreparedContains_r(ctx_, prep_h.get(), p.get()) == 1;
        const bool in_r = GEOSPreparedContains_r(ctx_, prep_r.get(), p.get()) == 1;
        if (!((kind < 0.5 && in_h) || (kind >= 0.5 && kind < 0.8 && in_r) || kind >= 0.8)) continue;
        const double rad = r.log_u(45, 700);
        Geom g = blob(ctx_, r, c, rad, rad * r.u(0.4, 1.0), r.u(0, kPi), std::clamp(static_cast<int>(rad / 12), 12, 60), 0.22);
        if (rad > 280 && r.u() < 0.3) {
            Geom hole = blob(ctx_, r, c, rad * 0.25, rad * 0.2, r.u(0, kPi), 12, 0.1);
            g = diff(ctx_, g.get(), hole.get());
        }
        g = clean_polygonal(ctx_, inter(ctx_, g.get(), district_.get()).get(), 50);
        if (is_empty(ctx_, g.get())) continue;
        ++made;
        group.push_back(std::move(g));
        // about one patch in five joins the next ones in a multipart feature
        if (r.u() < 0.22 && group.size() < 3) continue;
        raw.push_back({union_of(ctx_, group), in_r ? "河湖湿地" : (in_h ? "黄土丘陵" : "防护林"),
                       in_r ? "生物多样性维护" : (in_h ? "水土保持" : "防风固沙")});
        group.clear();
    }
    if (!group.empty()) raw.push_back({union_of(ctx_, group), "防护林", "防风固沙"});

    std::vector<Feature> out;
    for (auto& rw : raw) {
        Geom g = std::move(rw.g);
        if (r.u() < 0.09) g = grow_clip(ctx_, g.get(), r.u(40, 160), district_.get());  // overlaps
        g = clean_polygonal(ctx_, diff(ctx_, g.get(), urban_buf.get()).get(), 50);
        if (area(ctx_, g.get()) < 500) continue;
        out.push_back({std::move(g), {rw.name, rw.type}});
    }
    return out;
}

void Generator::build_redline() {
    const double target = kRedlineHa * zoning::kM2PerHa;
    const double before = target - 260 * zoning::kM2PerHa;
    auto union_area = [&](const std::vector<Feature>& fs) {
        std::vector<const GEOSGeometry*> raw;
        for (const auto& f : fs) raw.push_back(f.geom.get());
        Geom u = ctx_.union_all(raw);
        return std::pair<double, Geom>(meter_.geodesic(ctx_, u.get()), std::move(u));
    };
    // Secant on the mountains' extent until the union is ~260 ha short of the target.
    double s0 = 0, s1 = 1500;
    auto f0 = union_area(redline_others(s0, nullptr, nullptr)).first - before;
    double f1 = union_area(redline_others(s1, nullptr, nullptr)).first - before;
    for (int it = 0; it < 12 && std::fabs(f1) > 80 * zoning::kM2PerHa; ++it) {
        const double s2 = s1 - f1 * (s1 - s0) / (f1 - f0);
        s0 = s1;
        f0 = f1;
        s1 = s2;
        f1 = union_area(redline_others(s1, nullptr, nullptr)).first - before;
    }
    auto others = redline_others(s1, &north_zone_, &south_zone_);
    auto [a_others, u_others] = union_area(others);
    // The last feature: a patch in the hills, buffered by d; it takes only what the others
    // leave, so the union grows by exactly its own area. Bisection on d.
    Rng r = rng_for(8);
    Geom avoid = unite(ctx_, buffer(ctx_, u_others.get(), 1200, 4).get(), buffer(ctx_, urban_union_.get(), 1500, 4).get());
    for (const auto& w : water_) avoid = unite(ctx_, avoid.get(), buffer(ctx_, w.grade1.get(), 300, 4).get());
    Geom inner = buffer(ctx_, district_.get(), -1500, 4);
    const zoning::Envelope de = ctx_.envelope(district_.get());
    Geom base;
    for (int tries = 0; tries < 10000; ++tries) {
        const Pt c{r.u(de.minx, de.maxx), r.u(de.miny, de.maxy)};
        Geom p = make_point(ctx_, c);
        if (GEOSContains_r(ctx_, inner.get(), p.get()) != 1 || GEOSIntersects_r(ctx_, avoid.get(), p.get()) == 1)
            continue;
        base = blob(ctx_, r, c, 500, 350, r.u(0, kPi), 40, 0.2);
        break;
    }
    if (!base) throw zoning::InternalError("no place for the red line's last feature");
    Geom urban_buf = buffer(ctx_, urban_union_.get(), 30);
    auto last_for = [&](double d) {
        Geom g = inter(ctx_, buffer(ctx_, base.get(), d).get(), district_.get());
        g = diff(ctx_, g.get(), urban_buf.get());
        return clean_polygonal(ctx_, diff(ctx_, g.get(), u_others.get()).get(), 1);
    };
    double need = target - a_others;
    Geom last;
    for (int round = 0; round < 3; ++round) {
        double lo = -300, hi = 6000;
        for (int it = 0; it < 60; ++it) {
            const double mid = (lo + hi) / 2;
            Geom g = last_for(mid);
            const double a = meter_.geodesic(ctx_, g.get());
            if (a < need) lo = mid;
            else hi = mid;
            if (std::fabs(a - need) < 0.05) break;
        }
        redline_last_buffer_m_ = (lo + hi) / 2;
        last = last_for(redline_last_buffer_m_);
        std::vector<const GEOSGeometry*> all;
        for (const auto& f : others) all.push_back(f.geom.get());
        all.push_back(last.get());
        redline_union_ = ctx_.union_all(all);
        const double total = meter_.geodesic(ctx_, redline_union_.get());
        if (std::fabs(total - target) < 0.5) break;
        need += target - total;
    }
    redline_ = std::move(others);
    redline_.push_back({std::move(last), {std::string("黄土丘陵"), std::string("水土保持")}});
}

// ---- reserves and parks -----------------------------------------------------------------------
void Generator::build_reserves_and_parks() {
    Rng r = rng_for(9);
    auto add_reserve = [&](const std::string& name, const std::string& code, const std::string& level,
                           Geom whole, Geom core_raw) {
        whole = clean_polygonal(ctx_, inter(ctx_, whole.get(), redline_union_.get()).get(), 100);
        Geom core = clean_polygonal(ctx_, inter(ctx_, core_raw.get(), whole.get()).get(), 100);
        Geom general = clean_polygonal(ctx_, diff(ctx_, whole.get(), core.get()).get(), 100);
        reserves_.push_back({std::move(core), {name, code + "-01", std::string("核心保护区"), level}});
        reserves_.push_back({std::move(general), {name, code + "-02", std::string("一般控制区"), level}});
    };
    const double len = length(ctx_, sanggan_full_.get());
    auto river_segment = [&](double a, double b) {
        std::vector<Pt> seg;
        for (int k = 0; k <= 80; ++k) {
            Geom q = ctx_.own(GEOSInterpolate_r(ctx_, sanggan_full_.get(), len * (a + (b - a) * k / 80.0)), "interp");
            Pt p{};
            GEOSGeomGetX_r(ctx_, q.get(), &p[0]);
            GEOSGeomGetY_r(ctx_, q.get(), &p[1]);
            seg.push_back(p);
        }
        return make_line(ctx_, seg);
    };
    add_reserve("桑干河自然保护区", "BHQ140215001", "省级",
                buffer(ctx_, river_segment(0.60, 0.80).get(), 380), buffer(ctx_, river_segment(0.64, 0.74).get(), 160));
    // 六棱山: deep in the south-eastern mountains.
    const Pt c = interior_point(ctx_, buffer(ctx_, south_zone_.get(), -1500, 4).get());
    Geom lls = inter(ctx_, blob(ctx_, r, c, 4200, 2600, 0.3, 80, 0.2).get(), buffer(ctx_, south_zone_.get(), -300, 4).get());
    add_reserve("六棱山省级自然保护区", "BHQ140215002", "省级", std::move(lls),
                blob(ctx_, r, c, 2000, 1300, 0.5, 60, 0.2));
    struct P { const char* name; const char* type; const char* level; };
    const P defs[] = {{"大同火山群国家地质公园", "地质公园", "国家级"},
                      {"大同桑干河国家湿地公园", "湿地公园", "国家级"},
                      {"土林湿地公园", "湿地公园", "省级"},
                      {"采凉山森林公园", "森林公园", "省级"},
                      {"峰峪湿地", "湿地公园", "县级"}};
    int n = 0;
    for (const auto& d : defs) {
        parks_.push_back({ctx_.clone(park_raw_.at(d.name).get()),
                          {std::string(d.name), fmt_int("ZRGY140215%02lld", ++n), std::string(d.type), std::string(d.level)}});
    }
}

// ---- heritage ---------------------------------------------------------------------------------
void Generator::build_heritage() {
    Rng r = rng_for(10);
    struct H { const char* name; const char* cls; const char* level; double lon, lat, rx, ry; bool rect; };
    const H defs[] = {{"落阵营", "历史文化名村", "省级历史文化名村", 113.480, 39.965, 420, 300, false},
                      {"孙家港遗址", "古遗址", "县级文物保护单位", 113.640, 39.945, 200, 150, false},
                      {"小坊城遗址", "古遗址", "省级文物保护单位", 113.500, 40.110, 170, 140, true},
                      {"许堡遗址", "古遗址", "县级文物保护单位", 113.810, 39.990, 160, 120, false},
                      {"上榆涧堡址", "古建筑", "县级文物保护单位", 113.580, 39.908, 120, 120, true}};
    int n = 0;
    for (const auto& h : defs) {
        const Pt c = ll(h.lon, h.lat);
        Geom g;
        if (h.rect) {
            const double a = r.u(-0.2, 0.2), ca = std::cos(a), sa = std::sin(a);
            std::vector<Pt> ring;
            for (const auto& [u, v] : std::vector<std::pair<double, double>>{{-1, -1}, {1, -1}, {1, 1}, {-1, 1}})
                ring.push_back({c[0] + u * h.rx * ca - v * h.ry * sa, c[1] + u * h.rx * sa + v * h.ry * ca});
            g = make_polygon(ctx_, ring);
        } else {
            g = blob(ctx_, r, c, h.rx, h.ry, r.u(0, kPi), 36, 0.12);
        }
        heritage_.push_back({std::move(g), {std::string(h.name), fmt_int("WW140215%03lld", ++n), std::string(h.cls),
                                            std::string(h.level)}});
    }
}

// ---- permanent basic farmland -----------------------------------------------------------------
void Generator::build_farmland() {
    Rng r = rng_for(11);
    // Where farmland may be: the basin, away from the mountains and the volcanoes.
    Geom basin = diff(ctx_, district_.get(), unite(ctx_, north_zone_.get(), south_zone_.get()).get());
    basin = diff(ctx_, basin.get(), park_raw_.at("大同火山群国家地质公园").get());
    std::vector<Geom> w1, hard;
    for (const auto& w : water_) w1.push_back(ctx_.clone(w.grade1.get()));
    for (const auto& h : heritage_) hard.push_back(ctx_.clone(h.geom.get()));
    hard.push_back(union_of(ctx_, w1));
    if (keepout_) hard.push_back(ctx_.clone(keepout_.get()));
    std::vector<Geom> river_lines;
    for (const auto& rv : rivers_) river_lines.push_back(ctx_.clone(rv.line.get()));
    hard.push_back(buffer(ctx_, union_of(ctx_, river_lines).get(), 60, 4));
    Geom hard_u = buffer(ctx_, union_of(ctx_, hard).get(), 8, 4);
    Geom red_b = buffer(ctx_, redline_union_.get(), 8, 4);
    Geom urb_b = buffer(ctx_, urban_union_.get(), 8, 4);
    Geom inner = buffer(ctx_, district_.get(), -10, 4);
    auto p_basin = ctx_.prepare(basin.get());
    auto p_hard = ctx_.prepare(hard_u.get());
    auto p_red = ctx_.prepare(red_b.get());
    auto p_urb = ctx_.prepare(urb_b.get());
    auto p_inner = ctx_.prepare(inner.get());
    std::vector<Geom> twn;
    std::vector<zoning::Prepared> p_twn;
    for (const auto& t : towns_) p_twn.push_back(ctx_.prepare(t.geom.get()));

    const zoning::Envelope e = ctx_.envelope(district_.get());
    const double ang = 0.21, ca = std::cos(ang), sa = std::sin(ang);
    const double du = 330, dv = 190;
    const Pt o{(e.minx + e.maxx) / 2, (e.miny + e.maxy) / 2};
    const double half = std::hypot(e.maxx - e.minx, e.maxy - e.miny) / 2 + 500;
    const int nu = static_cast<int>(2 * half / du) + 2, nv = static_cast<int>(2 * half / dv) + 2;
    std::vector<Pt> nodes(static_cast<size_t>((nu + 1) * (nv + 1)));
    for (int j = 0; j <= nv; ++j)
        for (int i = 0; i <= nu; ++i) {
            const double u = -half + i * du + r.u(-30, 30), v = -half + j * dv + r.u(-20, 20);
            nodes[static_cast<size_t>(j * (nu + 1) + i)] = {o[0] + u * ca - v * sa, o[1] + u * sa + v * ca};
        }
    struct Cand { Geom g; int kind; };  // kind 1: touches red line only, 2: urban only
    std::vector<Cand> cands;
    long long bsm = 0;
    std::vector<int> town_seq(towns_.size(), 0);
    auto add = [&](Geom g, const std::string& note) {
        const Pt c = interior_point(ctx_, g.get());
        Geom cp = make_point(ctx_, c);
        size_t t = 0;
        for (size_t k = 0; k < towns_.size(); ++k)
            if (GEOSPreparedIntersects_r(ctx_, p_twn[k].get(), cp.get()) == 1) t = k;
        ++bsm;
        const std::string code = towns_[t].code + fmt_int("%05lld", ++town_seq[t]);
        const double m2 = meter_.geodesic(ctx_, g.get());
        farmland_.push_back({std::move(g), {bsm, code, towns_[t].name, std::string(r.u() < 0.6 ? "水浇地" : "旱地"),
                                            std::round(m2 * 100) / 100}});
        return code + note;
    };
    for (int j = 0; j < nv; ++j) {
        for (int i = 0; i < nu; ++i) {
            const double keep = r.u();
            const double cut = r.u();
            const GridCell cell = grid_cell(nodes, nu, i, j);
            const Pt m = cell.centre;
            if (m[0] < e.minx || m[0] > e.maxx || m[1] < e.miny || m[1] > e.maxy) continue;
            const std::vector<Pt> ring = parcel_ring(cell, cut);
            Geom mp = make_point(ctx_, m);
            if (GEOSPreparedContains_r(ctx_, p_basin.get(), mp.get()) != 1) continue;
            Geom g = make_polygon(ctx_, ring);
            if (GEOSPreparedContains_r(ctx_, p_inner.get(), g.get()) != 1) continue;
            if (GEOSPreparedIntersects_r(ctx_, p_hard.get(), g.get()) == 1) continue;
            const bool red = GEOSPreparedIntersects_r(ctx_, p_red.get(), g.get()) == 1;
            const bool urb = GEOSPreparedIntersects_r(ctx_, p_urb.get(), g.get()) == 1;
            if (keep >= 0.62) continue;
            if (!red && !urb) {
                add(std::move(g), "");
            } else if (red != urb) {
                cands.push_back({std::move(g), red ? 1 : 2});
            }
        }
    }
    // The deliberate conflicts: 3 parcels overlapping the red line, 2 the urban boundary, far apart.
    std::vector<Pt> chosen;
    for (int kind : {1, 2}) {
        const int want = kind == 1 ? 3 : 2;
        int got = 0;
        std::vector<size_t> order(cands.size());
        std::iota(order.begin(), order.end(), 0);
        for (size_t k = order.size(); k > 1; --k) std::swap(order[k - 1], order[static_cast<size_t>(r.i(static_cast<int>(k)))]);
        for (size_t k : order) {
            if (got == want) break;
            if (cands[k].kind != kind || !cands[k].g) continue;
            const Pt c = centroid(ctx_, cands[k].g.get());
            bool far = true;
            for (const auto& p : chosen) far = far && std::hypot(p[0] - c[0], p[1] - c[1]) > 5000;
            if (!far) continue;
            const GEOSGeometry* against = kind == 1 ? redline_union_.get() : urban_union_.get();
            const double ov = area(ctx_, inter(ctx_, cands[k].g.get(), against).get());
            const double frac = ov / area(ctx_, cands[k].g.get());
            if (frac < 0.15 || frac > 0.6) continue;
            const double ov_geo = meter_.geodesic(ctx_, inter(ctx_, cands[k].g.get(), against).get());
            chosen.push_back(c);
            const std::string code = add(std::move(cands[k].g), "");
            conflicts_.push_back({code, kind == 1 ? "redline" : "urban",
                                  kind == 1 ? "永久基本农田与生态保护红线重叠" : "永久基本农田与城镇开发边界重叠", ov_geo});
            ++got;
        }
        if (got != want) throw zoning::InternalError("not enough farmland conflict candidates");
    }
}

// ---- 三线一单 environmental control units -------------------------------------------------------
void Generator::build_units() {
    std::vector<Geom> prio_parts;
    prio_parts.push_back(ctx_.clone(redline_union_.get()));
    for (const auto& w : water_) {
        prio_parts.push_back(ctx_.clone(w.grade1.get()));
        prio_parts.push_back(ctx_.clone(w.grade2.get()));
    }
    for (const auto& rs : reserves_) prio_parts.push_back(ctx_.clone(rs.geom.get()));
    Geom prio = inter(ctx_, union_of(ctx_, prio_parts).get(), district_.get());
    Geom key = diff(ctx_, inter(ctx_, urban_union_.get(), district_.get()).get(), prio.get());
    Geom pk = unite(ctx_, prio.get(), key.get());
    int seq[3] = {0, 0, 0};
    const char* cls[3] = {"优先保护单元", "重点管控单元", "一般管控单元"};
    for (const auto& t : towns_) {
        Geom pieces[3] = {inter(ctx_, t.geom.get(), prio.get()), inter(ctx_, t.geom.get(), key.get()),
                          diff(ctx_, t.geom.get(), pk.get())};
        for (int k = 0; k < 3; ++k) {
            Geom g = clean_polygonal(ctx_, ctx_.polygonal_part(pieces[k].get()).get(), 0.01);
            if (is_empty(ctx_, g.get())) continue;
            const std::string code = fmt_int("ZH140215%d", k + 1) + fmt_int("%04lld", ++seq[k]);
            const std::string name = t.name + cls[k];
            units_.push_back({std::move(g), {code, name, std::string(cls[k]), t.name}});
        }
    }
}

}  // namespace gen
