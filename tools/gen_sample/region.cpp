// Region catalogs for the benchmarks: 大同市 from its 10 real district outlines, and a
// province-sized tiling of copies of it. Every district gets the layers of the 云州区 sample
// built by one generic recipe (the sample's own recipe is tied to 云州区's plan and places).
#include "region.hpp"

#include "common.hpp"
#include "io.hpp"

#include <zoning/error.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

namespace gen {

namespace {

namespace fs = std::filesystem;

constexpr int kCityEpsg = 4547;  // CGCS2000 / 3-degree GK CM 114E, no zone prefix

/// Synthetic, plan-like targets per district: the red line's share of the district and the
/// urban boundary's. Not official figures, except 云州区's 34.2 % (its plan).
struct Plan {
    const char* adcode;
    double red;
    double urban;
};
constexpr Plan kPlans[] = {
    {"140212", 0.30, 0.020},   // 新荣区: 采凉山 and the Great Wall hills
    {"140213", 0.05, 0.400},   // 平城区: the city proper
    {"140214", 0.22, 0.080},   // 云冈区: grottoes, coal-mining hills
    {"140215", 0.342, 0.016},  // 云州区: the plan's 34.2 %
    {"140221", 0.26, 0.015},   // 阳高县
    {"140222", 0.28, 0.015},   // 天镇县
    {"140223", 0.30, 0.015},   // 广灵县
    {"140224", 0.45, 0.010},   // 灵丘县: 太行山, the most mountainous
    {"140225", 0.38, 0.012},   // 浑源县: 恒山
    {"140226", 0.25, 0.015},   // 左云县
};

const Plan& plan_for(const std::string& adcode) {
    for (const auto& p : kPlans)
        if (adcode == p.adcode) return p;
    throw zoning::InputError("no plan targets for district " + adcode);
}

std::uint64_t mix(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

std::string fmt(const char* f, long long v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, f, v);
    return buf;
}

/// 灵丘县 -> 灵丘 (drops a final 县 or 区).
std::string short_name(const std::string& n) {
    for (const char* suffix : {"县", "区"}) {
        const std::string s(suffix);
        if (n.size() > s.size() && n.compare(n.size() - s.size(), s.size(), s) == 0)
            return n.substr(0, n.size() - s.size());
    }
    return n;
}

/// Smooth 2-D noise: a few plane waves with random directions and phases.
struct Noise2 {
    std::array<double, 6> a{}, kx{}, ky{}, ph{};
    Noise2(Rng& r, double wavelength) {
        double amp = 1, len = wavelength;
        for (size_t k = 0; k < a.size(); ++k) {
            const double th = r.u(0, 2 * kPi);
            a[k] = amp * r.u(0.6, 1.0);
            kx[k] = 2 * kPi / len * std::cos(th);
            ky[k] = 2 * kPi / len * std::sin(th);
            ph[k] = r.u(0, 2 * kPi);
            amp *= 0.6;
            len *= 0.55;
        }
    }
    double operator()(Pt p) const {
        double v = 0;
        for (size_t k = 0; k < a.size(); ++k) v += a[k] * std::sin(kx[k] * p[0] + ky[k] * p[1] + ph[k]);
        return v;
    }
};

/// Every written coordinate lies on a grid of 2^-20 m (~1e-6 m), snap-rounded by GEOS so that the
/// result stays valid. On that grid the province's copies (quarter turns, mirrors, translations
/// by multiples of 1,024 m) are exact: a valid geometry stays valid.
constexpr double kGrid = 1.0 / (1 << 20);
Geom snap(const GeosContext& ctx, const GEOSGeometry* g) {
    return ctx.own(GEOSGeom_setPrecision_r(ctx, g, kGrid, 0), "set precision");
}

Geom envelope_polygon(const GeosContext& ctx, const zoning::Envelope& e) {
    return make_polygon(ctx, {{e.minx, e.miny}, {e.maxx, e.miny}, {e.maxx, e.maxy}, {e.minx, e.maxy}});
}

/// Voronoi cells of `sites`, clipped to `clip` (empty cells dropped), in GEOS's order.
std::vector<Geom> voronoi(const GeosContext& ctx, const std::vector<Pt>& sites, const zoning::Envelope& env,
                          const GEOSGeometry* clip) {
    std::vector<GEOSGeometry*> raw;
    raw.reserve(sites.size());
    for (const auto& p : sites) raw.push_back(make_point(ctx, p).release());
    Geom mp = ctx.own(GEOSGeom_createCollection_r(ctx, GEOS_MULTIPOINT, raw.data(), static_cast<unsigned>(raw.size())),
                      "multipoint");
    Geom box = envelope_polygon(ctx, env);
    Geom vor = ctx.own(GEOSVoronoiDiagram_r(ctx, mp.get(), box.get(), 0.0, 0), "voronoi");
    auto pclip = ctx.prepare(clip);
    std::vector<Geom> out;
    const int n = GEOSGetNumGeometries_r(ctx, vor.get());
    for (int i = 0; i < n; ++i) {
        const GEOSGeometry* cell = GEOSGetGeometryN_r(ctx, vor.get(), i);
        if (GEOSPreparedIntersects_r(ctx, pclip.get(), cell) != 1) continue;
        Geom g = GEOSPreparedContains_r(ctx, pclip.get(), cell) == 1
                     ? ctx.clone(cell)
                     : clean_polygonal(ctx, inter(ctx, cell, clip).get(), 1.0);
        if (!is_empty(ctx, g.get())) out.push_back(std::move(g));
    }
    return out;
}

/// A random point inside `g` (prepared), by rejection in its envelope.
std::optional<Pt> random_inside(const GeosContext& ctx, Rng& r, const GEOSPreparedGeometry* g,
                                const zoning::Envelope& e, int tries = 2000) {
    for (int i = 0; i < tries; ++i) {
        const Pt c{r.u(e.minx, e.maxx), r.u(e.miny, e.maxy)};
        Geom p = make_point(ctx, c);
        if (GEOSPreparedContains_r(ctx, g, p.get()) == 1) return c;
    }
    return std::nullopt;
}

struct Town {
    std::string name, code;
    Pt center{};
    Geom geom;
};

struct Water {
    std::string name, code, level;
    Geom g1, g2, g3;
};

/// One district with its generated layers (in the city's plane).
struct District {
    std::string name, adcode;
    Geom geom;
    double published_m2 = 0;  ///< ellipsoidal area of the outline as published
    double trimmed_m2 = 0;    ///< taken off where it overlapped an earlier district
    int vertices = 0;
    Plan plan{};
    std::vector<Town> towns;
    std::vector<Feature> urban;     // MC, LX, XZMC
    Geom urban_union;
    std::vector<Water> water;
    std::vector<Feature> redline;   // HXMC, HXLX
    Geom red_union;
    std::vector<Feature> reserves;  // BHQMC, BHQBM, GNFQ, JB
    std::vector<Feature> parks;     // GYMC, GYBM, GYLX, JB
    std::vector<Feature> farmland;  // DKBH, XZMC, DLMC
    std::vector<Feature> units;     // HJGKDYBM, HJGKDYMC, GKLB, XZMC
};

class DistrictBuilder {
public:
    DistrictBuilder(const GeosContext& ctx, const zoning::AreaMeter& meter, std::uint64_t seed)
        : ctx_(ctx), meter_(meter), seed_(seed) {}

    void build(District& d) const {
        Rng r(mix(seed_ * 1000003ULL + static_cast<std::uint64_t>(std::stoll(d.adcode))));
        area_m2_ = area(ctx_, d.geom.get());
        towns(d, r);
        urban(d, r);
        water(d, r);
        redline(d, r);
        reserves_and_parks(d, r);
        farmland(d, r);
        units(d);
    }

private:
    std::string town_name(Rng& r, bool town, const std::set<std::string>& used) const {
        static const char* const a[] = {"东", "西", "南", "北", "上", "下", "大", "小", "新", "高",
                                        "古", "白", "红", "马", "王", "杨", "石", "黄", "柳", "苏"};
        static const char* const b[] = {"庄", "堡", "营", "村", "峪", "河", "沟", "坪", "店", "泉",
                                        "寨", "窑", "家", "山", "口", "屯", "湾", "梁"};
        for (;;) {
            std::string n = std::string(a[r.i(static_cast<int>(std::size(a)))]) +
                            b[r.i(static_cast<int>(std::size(b)))] + (town ? "镇" : "乡");
            if (!used.count(n)) return n;
        }
    }

    // ---- townships: noisy Voronoi partition (as the sample) ------------------------------------
    void towns(District& d, Rng& r) const {
        const double akm2 = area_m2_ / zoning::kM2PerKm2;
        const int n = std::clamp(static_cast<int>(std::lround(akm2 / 165)), 3, 18);
        const zoning::Envelope e = ctx_.envelope(d.geom.get());
        Geom core = buffer(ctx_, d.geom.get(), -1500, 4);
        auto pcore = ctx_.prepare(is_empty(ctx_, core.get()) ? d.geom.get() : core.get());
        std::vector<Pt> centers{interior_point(ctx_, is_empty(ctx_, core.get()) ? d.geom.get() : core.get())};
        const double spacing = 0.6 * std::sqrt(area_m2_ / n);
        for (int tries = 0; static_cast<int>(centers.size()) < n && tries < 20000; ++tries) {
            auto c = random_inside(ctx_, r, pcore.get(), e);
            if (!c) break;
            bool ok = true;
            for (const auto& o : centers) ok = ok && std::hypot(o[0] - (*c)[0], o[1] - (*c)[1]) > spacing;
            if (ok) centers.push_back(*c);
        }
        std::set<std::string> used;
        int ntown = 0, nxiang = 0;
        for (size_t t = 0; t < centers.size(); ++t) {
            const bool is_town = t == 0 || r.u() < 0.4;
            Town tw;
            tw.name = town_name(r, is_town, used);
            used.insert(tw.name);
            tw.code = d.adcode + (is_town ? fmt("%03lld", 100 + ntown++) : fmt("%03lld", 200 + nxiang++));
            tw.center = centers[t];
            d.towns.push_back(std::move(tw));
        }
        const zoning::Envelope ge = e.grown(3000);
        std::vector<Pt> sites;
        const int nsites = std::clamp(static_cast<int>(akm2 * 1.1), 300, 2500);
        for (int i = 0; i < nsites; ++i) sites.push_back({r.u(ge.minx, ge.maxx), r.u(ge.miny, ge.maxy)});
        const double scale = std::sqrt(area_m2_ / n);
        Noise1 nx(r, 0.12 * scale, 0.9 * scale), ny(r, 0.12 * scale, 1.1 * scale);
        const auto cells = voronoi(ctx_, sites, ge, d.geom.get());
        std::vector<std::vector<const GEOSGeometry*>> mine(d.towns.size());
        for (const auto& cell : cells) {
            const Pt c = centroid(ctx_, cell.get());
            double best = 1e300;
            size_t label = 0;
            for (size_t t = 0; t < d.towns.size(); ++t) {
                const double dd = std::hypot(c[0] - d.towns[t].center[0], c[1] - d.towns[t].center[1]) +
                                  nx(c[0] + 3000.0 * static_cast<double>(t)) + ny(c[1] - 5000.0 * static_cast<double>(t));
                if (dd < best) {
                    best = dd;
                    label = t;
                }
            }
            mine[label].push_back(cell.get());
        }
        for (size_t t = 0; t < d.towns.size(); ++t)
            d.towns[t].geom = mine[t].empty() ? ctx_.empty_polygon() : ctx_.union_all(mine[t]);
        // Fold detached pieces into the neighbour that shares the longest border.
        for (size_t t = 0; t < d.towns.size(); ++t) {
            auto parts = polygons_of(ctx_, d.towns[t].geom.get());
            if (parts.size() <= 1) continue;
            size_t keep = 0;
            for (size_t i = 1; i < parts.size(); ++i)
                if (area(ctx_, parts[i].get()) > area(ctx_, parts[keep].get())) keep = i;
            Geom cpt = make_point(ctx_, d.towns[t].center);
            for (size_t i = 0; i < parts.size(); ++i)
                if (GEOSIntersects_r(ctx_, parts[i].get(), cpt.get()) == 1) keep = i;
            d.towns[t].geom = ctx_.clone(parts[keep].get());
            for (size_t i = 0; i < parts.size(); ++i) {
                if (i == keep) continue;
                size_t best = t;
                double best_len = 0;
                for (size_t o = 0; o < d.towns.size(); ++o) {
                    if (o == t || is_empty(ctx_, d.towns[o].geom.get())) continue;
                    const double len = length(ctx_, inter(ctx_, parts[i].get(), d.towns[o].geom.get()).get());
                    if (len > best_len) {
                        best_len = len;
                        best = o;
                    }
                }
                d.towns[best].geom = unite(ctx_, d.towns[best].geom.get(), parts[i].get());
            }
        }
        d.towns.erase(std::remove_if(d.towns.begin(), d.towns.end(),
                                     [&](const Town& t) { return is_empty(ctx_, t.geom.get()); }),
                      d.towns.end());
        for (auto& t : d.towns) {
            t.geom = clean_polygonal(ctx_, t.geom.get(), 0.01);
            // the centre used below (urban, names) must lie in the township
            Geom cpt = make_point(ctx_, t.center);
            if (GEOSIntersects_r(ctx_, t.geom.get(), cpt.get()) != 1) t.center = interior_point(ctx_, t.geom.get());
        }
    }

    // ---- urban development boundary -------------------------------------------------------------
    void urban(District& d, Rng& r) const {
        const double target = d.plan.urban * area_m2_;
        std::vector<Geom> done;
        auto add = [&](Pt c, double a, const std::string& name, const char* type, const std::string& town) {
            const double rx = std::sqrt(a / kPi * r.u(1.1, 1.6));
            const double ry = a / (kPi * rx);
            Geom g = blob(ctx_, r, c, rx, ry, r.u(0, kPi), 72, 0.18);
            g = inter(ctx_, g.get(), d.geom.get());
            for (const auto& o : done) g = diff(ctx_, g.get(), o.get());
            g = clean_polygonal(ctx_, g.get(), 100);
            if (is_empty(ctx_, g.get())) return;
            done.push_back(ctx_.clone(g.get()));
            d.urban.push_back({std::move(g), {name, std::string(type), town}});
        };
        const Town& seat = d.towns.front();
        add(seat.center, 0.6 * target, seat.name + "城镇开发边界", "城镇集中建设区", seat.name);
        const size_t others = std::min<size_t>(3, d.towns.size() - 1);
        for (size_t k = 1; k <= others; ++k)
            add(d.towns[k].center, 0.25 * target / static_cast<double>(others), d.towns[k].name + "城镇开发边界",
                "城镇集中建设区", d.towns[k].name);
        // an industrial park a few km from the seat
        const double ang = r.u(0, 2 * kPi), dist = r.u(2500, 5000);
        const Pt pc{seat.center[0] + dist * std::cos(ang), seat.center[1] + dist * std::sin(ang)};
        Geom ppt = make_point(ctx_, pc);
        if (GEOSContains_r(ctx_, d.geom.get(), ppt.get()) == 1)
            add(pc, 0.15 * target, short_name(d.name) + "经济开发区", "产业园区", seat.name);
        d.urban_union = union_of(ctx_, done);
    }

    // ---- drinking-water sources: nested 一级 / 二级 / 准 rings (as the sample) ----------------------
    void water(District& d, Rng& r) const {
        const int n = std::clamp(static_cast<int>(std::lround(area_m2_ / zoning::kM2PerKm2 / 150)), 2, 12);
        Geom allowed = diff(ctx_, buffer(ctx_, d.geom.get(), -2500, 4).get(), buffer(ctx_, d.urban_union.get(), 500, 4).get());
        if (is_empty(ctx_, allowed.get())) allowed = ctx_.clone(d.geom.get());
        auto pa = ctx_.prepare(allowed.get());
        const zoning::Envelope e = ctx_.envelope(allowed.get());
        Geom taken = ctx_.empty_polygon();
        std::vector<Pt> placed;
        for (int k = 0, tries = 0; k < n && tries < 200; ++tries) {
            auto c = random_inside(ctx_, r, pa.get(), e);
            if (!c) break;
            bool far = true;
            for (const auto& p : placed) far = far && std::hypot(p[0] - (*c)[0], p[1] - (*c)[1]) > 5000;
            if (!far) continue;
            placed.push_back(*c);
            ++k;
            // named after the nearest township centre
            size_t near = 0;
            for (size_t t = 1; t < d.towns.size(); ++t)
                if (std::hypot(d.towns[t].center[0] - (*c)[0], d.towns[t].center[1] - (*c)[1]) <
                    std::hypot(d.towns[near].center[0] - (*c)[0], d.towns[near].center[1] - (*c)[1]))
                    near = t;
            std::string base = d.towns[near].name;
            base = base.substr(0, base.size() - 3);  // drop 镇/乡
            Water w;
            w.name = base + "水源地";
            for (const auto& o : d.water)
                if (o.name == w.name) w.name = base + fmt("%lld号水源地", k);
            w.code = "SY" + d.adcode + fmt("%03lld", k);
            w.level = k == 1 ? "县级" : "乡镇级";
            const double r1 = r.u(90, 200);
            Geom a1 = blob(ctx_, r, *c, r1, r1 * r.u(0.8, 1.0), r.u(0, kPi), 24, 0.05);
            Geom a2 = unite(ctx_, blob(ctx_, r, *c, r.u(900, 1300), r.u(700, 1000), r.u(0, kPi), 48, 0.12).get(),
                            buffer(ctx_, a1.get(), 120).get());
            Geom a3 = unite(ctx_, blob(ctx_, r, *c, r.u(2000, 2600), r.u(1500, 2000), r.u(0, kPi), 64, 0.12).get(),
                            buffer(ctx_, a2.get(), 250).get());
            a1 = diff(ctx_, inter(ctx_, a1.get(), d.geom.get()).get(), taken.get());
            a2 = diff(ctx_, inter(ctx_, a2.get(), d.geom.get()).get(), taken.get());
            a3 = diff(ctx_, inter(ctx_, a3.get(), d.geom.get()).get(), taken.get());
            w.g1 = clean_polygonal(ctx_, a1.get());
            w.g2 = clean_polygonal(ctx_, diff(ctx_, a2.get(), a1.get()).get());
            w.g3 = clean_polygonal(ctx_, diff(ctx_, a3.get(), a2.get()).get());
            taken = unite(ctx_, taken.get(), a3.get());
            d.water.push_back(std::move(w));
        }
    }

    // ---- ecological red line: the "high ground" of a smooth noise field ------------------------
    void redline(District& d, Rng& r) const {
        const double akm2 = area_m2_ / zoning::kM2PerKm2;
        const double target = d.plan.red * meter_.geodesic(ctx_, d.geom.get());
        Geom urban_buf = buffer(ctx_, d.urban_union.get(), 30, 4);
        const zoning::Envelope e = ctx_.envelope(d.geom.get());
        auto pd = ctx_.prepare(d.geom.get());
        static const char* const types[] = {"水源涵养", "水土保持", "生物多样性维护", "防风固沙"};
        const std::string sn = short_name(d.name);
        // Scattered patches of very different sizes: wetlands, shelter forests, loess hills.
        std::vector<Feature> feats;
        const int npatch = std::max(8, static_cast<int>(akm2 / 9));
        for (int i = 0; i < npatch; ++i) {
            auto c = random_inside(ctx_, r, pd.get(), e);
            if (!c) break;
            const double rad = r.log_u(45, 600);
            Geom g = blob(ctx_, r, *c, rad, rad * r.u(0.4, 1.0), r.u(0, kPi), std::clamp(static_cast<int>(rad / 12), 12, 50), 0.22);
            g = clean_polygonal(ctx_, diff(ctx_, inter(ctx_, g.get(), d.geom.get()).get(), urban_buf.get()).get(), 50);
            if (area(ctx_, g.get()) < 500) continue;
            const int t = r.i(4);
            feats.push_back({std::move(g), {sn + (t == 3 ? "防护林" : "湿地"), std::string(types[t])}});
        }
        // Cells of a Voronoi diagram with uneven site density, taken from the highest down.
        Noise2 height(r, std::max(12000.0, 0.9 * std::sqrt(area_m2_)));
        Noise2 density(r, 15000);
        const int ncells = static_cast<int>(akm2 * 0.3) + 40;
        std::vector<Pt> sites;
        const zoning::Envelope ge = e.grown(2000);
        while (static_cast<int>(sites.size()) < ncells) {
            const Pt c{r.u(ge.minx, ge.maxx), r.u(ge.miny, ge.maxy)};
            if (r.u() < 0.15 + 0.85 / (1 + std::exp(-2 * density(c)))) sites.push_back(c);
        }
        auto cells = voronoi(ctx_, sites, ge, d.geom.get());
        struct Cell {
            Geom g;
            double h;
        };
        std::vector<Cell> order;
        for (auto& c : cells) {
            Geom g = clean_polygonal(ctx_, diff(ctx_, c.get(), urban_buf.get()).get(), 200);
            if (is_empty(ctx_, g.get())) continue;
            const double h = height(centroid(ctx_, g.get()));
            order.push_back({std::move(g), h});
        }
        std::stable_sort(order.begin(), order.end(), [](const Cell& a, const Cell& b) { return a.h > b.h; });
        double have = 0;
        for (const auto& f : feats) have += meter_.geodesic(ctx_, f.geom.get());
        const double goal = target - have - 0.01 * area_m2_;  // undershoot, then top up exactly below
        size_t next = 0;
        std::vector<Geom> group;
        for (; next < order.size() && have < goal; ++next) {
            Geom g = ctx_.clone(order[next].g.get());
            have += meter_.geodesic(ctx_, g.get());
            if (area(ctx_, g.get()) > 2e6 && r.u() < 0.35) {  // a village: a hole
                Geom holder = buffer(ctx_, g.get(), -400, 4);
                if (!is_empty(ctx_, holder.get())) {
                    const Pt c = interior_point(ctx_, holder.get());
                    const double rad = r.u(110, 330);
                    Geom v = blob(ctx_, r, c, rad, rad * 0.8, r.u(0, kPi), 20, 0.1);
                    if (GEOSContains_r(ctx_, g.get(), v.get()) == 1) g = diff(ctx_, g.get(), v.get());
                }
            }
            group.push_back(std::move(g));
            if (r.u() < 0.15 && group.size() < 3) continue;  // multipart features
            Geom u = union_of(ctx_, group);
            group.clear();
            if (r.u() < 0.08) {  // grown a little: overlaps its neighbours, as real data does
                u = clean_polygonal(ctx_, diff(ctx_, inter(ctx_, buffer(ctx_, u.get(), r.u(40, 160)).get(), d.geom.get()).get(),
                                               urban_buf.get()).get(), 50);
            }
            feats.push_back({std::move(u), {sn + "山地", std::string(types[r.i(3)])}});
        }
        if (!group.empty()) feats.push_back({union_of(ctx_, group), {sn + "山地", std::string(types[0])}});
        std::vector<Geom> all;
        for (const auto& f : feats) all.push_back(ctx_.clone(f.geom.get()));
        Geom u = union_of(ctx_, all);
        double ua = meter_.geodesic(ctx_, u.get());
        // Top up with the next cells (whole) until the next one would overshoot more than it helps.
        for (; next < order.size(); ++next) {
            Geom gain = diff(ctx_, order[next].g.get(), u.get());
            const double ga = meter_.geodesic(ctx_, gain.get());
            if (ua + ga / 2 > target) break;
            u = unite(ctx_, u.get(), order[next].g.get());
            ua += ga;
            feats.push_back({ctx_.clone(order[next].g.get()), {sn + "山地", std::string(types[r.i(3)])}});
        }
        d.redline = std::move(feats);
        d.red_union = std::move(u);
    }

    // ---- nature reserves and parks --------------------------------------------------------------
    void reserves_and_parks(District& d, Rng& r) const {
        auto parts = polygons_of(ctx_, d.red_union.get());
        std::stable_sort(parts.begin(), parts.end(),
                         [&](const Geom& a, const Geom& b) { return area(ctx_, a.get()) > area(ctx_, b.get()); });
        const std::string sn = short_name(d.name);
        const int nres = area_m2_ > 1500 * zoning::kM2PerKm2 ? 2 : 1;
        for (int i = 0; i < nres && i < static_cast<int>(parts.size()); ++i) {
            const GEOSGeometry* part = parts[static_cast<size_t>(i)].get();
            Geom inner = buffer(ctx_, part, -800, 4);
            const Pt c = interior_point(ctx_, is_empty(ctx_, inner.get()) ? part : inner.get());
            const double rx = std::clamp(0.35 * std::sqrt(area(ctx_, part)), 1500.0, 5000.0);
            Geom whole = clean_polygonal(ctx_, inter(ctx_, blob(ctx_, r, c, rx, 0.65 * rx, r.u(0, kPi), 80, 0.2).get(),
                                                     d.red_union.get()).get(), 100);
            Geom core = clean_polygonal(ctx_, inter(ctx_, blob(ctx_, r, c, 0.45 * rx, 0.3 * rx, r.u(0, kPi), 60, 0.2).get(),
                                                    whole.get()).get(), 100);
            Geom general = clean_polygonal(ctx_, diff(ctx_, whole.get(), core.get()).get(), 100);
            if (is_empty(ctx_, core.get()) || is_empty(ctx_, general.get())) continue;
            const std::string name = sn + (i == 0 ? "山省级自然保护区" : "河县级自然保护区");
            const std::string code = "BHQ" + d.adcode + fmt("%03lld", i + 1);
            const std::string level = i == 0 ? "省级" : "县级";
            d.reserves.push_back({std::move(core), {name, code + "-01", std::string("核心保护区"), level}});
            d.reserves.push_back({std::move(general), {name, code + "-02", std::string("一般控制区"), level}});
        }
        // a forest park on the red line's edge, a wetland park in the plain
        if (!parts.empty()) {
            const GEOSGeometry* part = parts[std::min<size_t>(parts.size() - 1, 2)].get();
            const Pt c = interior_point(ctx_, part);
            const double rad = r.u(1500, 2600);
            Geom g = inter(ctx_, blob(ctx_, r, c, rad, rad * r.u(0.6, 0.9), r.u(0, kPi), 64, 0.15).get(),
                           buffer(ctx_, d.red_union.get(), 300, 4).get());
            g = clean_polygonal(ctx_, diff(ctx_, inter(ctx_, g.get(), d.geom.get()).get(), d.urban_union.get()).get(), 100);
            if (!is_empty(ctx_, g.get()))
                d.parks.push_back({std::move(g), {sn + "森林公园", "ZRGY" + d.adcode + "01", std::string("森林公园"), std::string("省级")}});
        }
        {
            Geom plain = diff(ctx_, buffer(ctx_, d.geom.get(), -1500, 4).get(),
                              buffer(ctx_, unite(ctx_, d.urban_union.get(), d.red_union.get()).get(), 300, 4).get());
            if (!is_empty(ctx_, plain.get())) {
                auto pp = ctx_.prepare(plain.get());
                if (auto c = random_inside(ctx_, r, pp.get(), ctx_.envelope(plain.get()))) {
                    const double rad = r.u(800, 1300);
                    Geom g = blob(ctx_, r, *c, rad, rad * r.u(0.5, 0.8), r.u(0, kPi), 48, 0.15);
                    g = clean_polygonal(ctx_, diff(ctx_, inter(ctx_, g.get(), d.geom.get()).get(), d.urban_union.get()).get(), 100);
                    if (!is_empty(ctx_, g.get()))
                        d.parks.push_back({std::move(g), {sn + "湿地公园", "ZRGY" + d.adcode + "02", std::string("湿地公园"), std::string("县级")}});
                }
            }
        }
    }

    // ---- permanent basic farmland: a jittered grid of parcels in the plain ----------------------
    void farmland(District& d, Rng& r) const {
        std::vector<Geom> avoid_parts;
        avoid_parts.push_back(ctx_.clone(d.red_union.get()));
        avoid_parts.push_back(ctx_.clone(d.urban_union.get()));
        for (const auto& w : d.water) avoid_parts.push_back(ctx_.clone(w.g1.get()));
        for (const auto& p : d.parks) avoid_parts.push_back(ctx_.clone(p.geom.get()));
        Geom avoid = buffer(ctx_, union_of(ctx_, avoid_parts).get(), 8, 4);
        Geom inner = buffer(ctx_, d.geom.get(), -10, 4);
        auto p_avoid = ctx_.prepare(avoid.get());
        auto p_inner = ctx_.prepare(inner.get());
        std::vector<zoning::Prepared> p_twn;
        for (const auto& t : d.towns) p_twn.push_back(ctx_.prepare(t.geom.get()));
        const zoning::Envelope e = ctx_.envelope(d.geom.get());
        const double ang = r.u(-0.6, 0.6), ca = std::cos(ang), sa = std::sin(ang);
        const double du = r.u(300, 360), dv = r.u(170, 210);
        const Pt o{(e.minx + e.maxx) / 2, (e.miny + e.maxy) / 2};
        const double half = std::hypot(e.maxx - e.minx, e.maxy - e.miny) / 2 + 500;
        const int nu = static_cast<int>(2 * half / du) + 2, nv = static_cast<int>(2 * half / dv) + 2;
        std::vector<Pt> nodes(static_cast<size_t>((nu + 1) * (nv + 1)));
        for (int j = 0; j <= nv; ++j)
            for (int i = 0; i <= nu; ++i) {
                const double u = -half + i * du + r.u(-30, 30), v = -half + j * dv + r.u(-20, 20);
                nodes[static_cast<size_t>(j * (nu + 1) + i)] = {o[0] + u * ca - v * sa, o[1] + u * sa + v * ca};
            }
        std::vector<int> seq(d.towns.size(), 0);
        for (int j = 0; j < nv; ++j) {
            for (int i = 0; i < nu; ++i) {
                const double keep = r.u(), cut = r.u(), kind = r.u();
                if (keep >= 0.62) continue;
                const GridCell cell = grid_cell(nodes, nu, i, j);
                const Pt m = cell.centre;
                if (m[0] < e.minx || m[0] > e.maxx || m[1] < e.miny || m[1] > e.maxy) continue;
                Geom g = make_polygon(ctx_, parcel_ring(cell, cut));
                if (GEOSPreparedContains_r(ctx_, p_inner.get(), g.get()) != 1) continue;
                if (GEOSPreparedIntersects_r(ctx_, p_avoid.get(), g.get()) == 1) continue;
                Geom mp = make_point(ctx_, m);
                size_t t = 0;
                for (size_t k = 0; k < d.towns.size(); ++k)
                    if (GEOSPreparedIntersects_r(ctx_, p_twn[k].get(), mp.get()) == 1) {
                        t = k;
                        break;
                    }
                const std::string code = d.towns[t].code + fmt("%05lld", ++seq[t]);
                d.farmland.push_back({std::move(g), {code, d.towns[t].name, std::string(kind < 0.6 ? "水浇地" : "旱地")}});
            }
        }
    }

    // ---- 三线一单 control units (as the sample) ---------------------------------------------------
    void units(District& d) const {
        std::vector<Geom> prio_parts;
        prio_parts.push_back(ctx_.clone(d.red_union.get()));
        for (const auto& w : d.water) {
            prio_parts.push_back(ctx_.clone(w.g1.get()));
            prio_parts.push_back(ctx_.clone(w.g2.get()));
        }
        for (const auto& rs : d.reserves) prio_parts.push_back(ctx_.clone(rs.geom.get()));
        Geom prio = inter(ctx_, union_of(ctx_, prio_parts).get(), d.geom.get());
        Geom key = diff(ctx_, inter(ctx_, d.urban_union.get(), d.geom.get()).get(), prio.get());
        Geom pk = unite(ctx_, prio.get(), key.get());
        int seq[3] = {0, 0, 0};
        const char* cls[3] = {"优先保护单元", "重点管控单元", "一般管控单元"};
        for (const auto& t : d.towns) {
            Geom pieces[3] = {inter(ctx_, t.geom.get(), prio.get()), inter(ctx_, t.geom.get(), key.get()),
                              diff(ctx_, t.geom.get(), pk.get())};
            for (int k = 0; k < 3; ++k) {
                Geom g = clean_polygonal(ctx_, ctx_.polygonal_part(pieces[k].get()).get(), 0.01);
                if (is_empty(ctx_, g.get())) continue;
                const std::string code = "ZH" + d.adcode + fmt("%d", k + 1) + fmt("%04lld", ++seq[k]);
                d.units.push_back({std::move(g), {code, t.name + cls[k], std::string(cls[k]), t.name}});
            }
        }
    }

    const GeosContext& ctx_;
    const zoning::AreaMeter& meter_;
    std::uint64_t seed_;
    mutable double area_m2_ = 0;
};

// ---- layers ------------------------------------------------------------------------------------
FieldDef str(const char* n, int w) { return {n, OFTString, w, 0}; }
FieldDef intf(const char* n) { return {n, OFTInteger, 10, 0}; }
FieldDef real(const char* n) { return {n, OFTReal, 18, 2}; }

LayerData layer(const char* id, const char* title, const char* kind, const char* verdict) {
    LayerData l;
    l.id = id;
    l.file = id;
    l.title = title;
    l.kind = kind;
    l.verdict = verdict;
    return l;
}

/// MJ (ha) and DKMJ (m²) re-measured on the geometries as written; empty ones dropped.
void remeasure(const GeosContext& ctx, const zoning::AreaMeter& meter, LayerData& l) {
    std::erase_if(l.features, [&](const Feature& f) { return is_empty(ctx, f.geom.get()); });
    for (size_t i = 0; i < l.fields.size(); ++i) {
        const bool dk = l.fields[i].name == "DKMJ";
        if (!dk && l.fields[i].name != "MJ") continue;
        for (auto& f : l.features) {
            const double m2 = meter.geodesic(ctx, f.geom.get());
            f.values[i] = dk ? std::round(m2 * 100) / 100 : std::round(m2 / 100) / 100;
        }
    }
}

/// The region's layers, schemas as the 云州区 sample's plus XZQDM (the district's code).
/// MJ / DKMJ: ellipsoidal area (ha / m²), measured with `meter`.
std::vector<LayerData> make_layers(const GeosContext& ctx, const zoning::AreaMeter& meter,
                                   const std::vector<District>& ds) {
    auto mj = [&](const GEOSGeometry* g) { return std::round(meter.geodesic(ctx, g) / 100) / 100; };
    std::vector<LayerData> out;
    {
        LayerData l = layer("district", "区县行政区", "admin", "allowed");
        l.name_field = "XZQMC";
        l.code_field = "XZQDM";
        l.fields = {str("XZQMC", 20), str("XZQDM", 12), real("MJ")};
        for (const auto& d : ds) l.features.push_back({snap(ctx, d.geom.get()), {d.name, d.adcode, mj(d.geom.get())}});
        l.note = "the published outlines (overlaps with an earlier district trimmed)";
        out.push_back(std::move(l));
    }
    {
        LayerData l = layer("townships", "乡镇行政区", "admin", "allowed");
        l.name_field = "XZMC";
        l.code_field = "XZDM";
        l.fields = {str("XZMC", 20), str("XZDM", 12), str("SFZF", 4), real("MJ"), str("XZQDM", 12)};
        for (const auto& d : ds)
            for (size_t i = 0; i < d.towns.size(); ++i) {
                const auto& t = d.towns[i];
                l.features.push_back({snap(ctx, t.geom.get()), {t.name, t.code, std::string(i == 0 ? "是" : "否"), mj(t.geom.get()), d.adcode}});
            }
        l.note = "synthetic townships, an exact partition of each district; SFZF 是 = seat";
        out.push_back(std::move(l));
    }
    {
        LayerData l = layer("redline", "生态保护红线", "ecological_redline", "prohibited");
        l.near_m = 100;
        l.name_field = "HXMC";
        l.code_field = "HXBM";
        l.fields = {intf("BSM"), str("HXBM", 16), str("HXMC", 60), str("HXLX", 20), real("MJ"), str("XZQDM", 12)};
        long long bsm = 0;
        for (const auto& d : ds) {
            long long n = 0;
            for (const auto& f : d.redline) {
                const auto& name = std::get<std::string>(f.values[0]);
                const auto& type = std::get<std::string>(f.values[1]);
                l.features.push_back({snap(ctx, f.geom.get()), {++bsm, d.adcode + fmt("HX%04lld", ++n), name + type + "生态保护红线",
                                                                 type, mj(f.geom.get()), d.adcode}});
            }
        }
        l.note = "high ground of a noise field (Voronoi cells) and scattered patches; features overlap";
        out.push_back(std::move(l));
    }
    auto simple = [&](LayerData l, std::vector<Feature> District::*member) {
        for (const auto& d : ds)
            for (const auto& f : d.*member) {
                auto v = f.values;
                v.push_back(mj(f.geom.get()));
                v.emplace_back(d.adcode);
                l.features.push_back({snap(ctx, f.geom.get()), std::move(v)});
            }
        out.push_back(std::move(l));
    };
    {
        LayerData l = layer("reserve", "自然保护区", "nature_reserve", "prohibited");
        l.name_field = "BHQMC";
        l.code_field = "BHQBM";
        l.class_field = "GNFQ";
        l.classes = {{"核心保护区", "prohibited"}, {"一般控制区", "restricted"}};
        l.fields = {str("BHQMC", 40), str("BHQBM", 20), str("GNFQ", 20), str("JB", 10), real("MJ"), str("XZQDM", 12)};
        l.note = "1–2 reserves per district split by GNFQ, inside the red line";
        simple(std::move(l), &District::reserves);
    }
    {
        LayerData l = layer("park", "自然公园", "natural_park", "restricted");
        l.name_field = "GYMC";
        l.code_field = "GYBM";
        l.fields = {str("GYMC", 40), str("GYBM", 16), str("GYLX", 20), str("JB", 10), real("MJ"), str("XZQDM", 12)};
        l.note = "a forest park at the red line, a wetland park in the plain, per district";
        simple(std::move(l), &District::parks);
    }
    {
        LayerData l = layer("water", "饮用水水源保护区", "water_source", "restricted");
        l.name_field = "SYDMC";
        l.code_field = "SYDBM";
        l.class_field = "BHQJB";
        l.classes = {{"一级保护区", "prohibited"}, {"二级保护区", "restricted"}, {"准保护区", "caution"}};
        l.fields = {str("SYDMC", 40), str("SYDBM", 16), str("BHQJB", 20), str("SYDLX", 12), str("JB", 10), real("MJ"), str("XZQDM", 12)};
        for (const auto& d : ds)
            for (const auto& w : d.water) {
                const std::pair<const char*, const GEOSGeometry*> grades[] = {
                    {"一级保护区", w.g1.get()}, {"二级保护区", w.g2.get()}, {"准保护区", w.g3.get()}};
                for (const auto& [g, geom] : grades) {
                    if (is_empty(ctx, geom)) continue;
                    l.features.push_back({snap(ctx, geom), {w.name, w.code, std::string(g), std::string("地下水"), w.level, mj(geom), d.adcode}});
                }
            }
        l.note = "sources with 一级 / 二级 / 准 as nested, non-overlapping rings";
        out.push_back(std::move(l));
    }
    {
        LayerData l = layer("farmland", "永久基本农田", "permanent_farmland", "restricted");
        l.code_field = "DKBH";
        l.name_field = "DKBH";
        l.fields = {intf("BSM"), str("DKBH", 16), str("XZMC", 20), str("DLMC", 10), real("DKMJ"), str("XZQDM", 12)};
        long long bsm = 0;
        for (const auto& d : ds)
            for (const auto& f : d.farmland) {
                const double m2 = std::round(meter.geodesic(ctx, f.geom.get()) * 100) / 100;
                l.features.push_back({snap(ctx, f.geom.get()), {++bsm, f.values[0], f.values[1], f.values[2], m2, d.adcode}});
            }
        l.note = "parcels in the plain, clear of the red line, urban boundary, 一级 water and parks; DKMJ = ellipsoidal m²";
        out.push_back(std::move(l));
    }
    {
        LayerData l = layer("urban", "城镇开发边界", "urban_boundary", "allowed");
        l.name_field = "MC";
        l.fields = {str("MC", 40), str("LX", 20), str("XZMC", 20), real("MJ"), str("XZQDM", 12)};
        l.note = "the seat, up to 3 towns and a development zone per district";
        simple(std::move(l), &District::urban);
    }
    {
        LayerData l = layer("units", "环境管控单元(三线一单)", "control_unit", "allowed");
        l.name_field = "HJGKDYMC";
        l.code_field = "HJGKDYBM";
        l.class_field = "GKLB";
        l.classes = {{"优先保护单元", "caution"}, {"重点管控单元", "allowed"}, {"一般管控单元", "allowed"}};
        l.fields = {str("HJGKDYBM", 16), str("HJGKDYMC", 40), str("GKLB", 20), str("XZMC", 20), real("MJ"), str("XZQDM", 12)};
        l.note = "优先保护 / 重点管控 / 一般管控 per township, an exact partition of each district";
        simple(std::move(l), &District::units);
    }
    for (auto& l : out) remeasure(ctx, meter, l);
    return out;
}

void write_layers_files(const GeosContext& ctx, const LayerData& l, const std::string& dir, int epsg,
                        const std::string& format) {
    WriteOptions w;
    w.epsg = epsg;
    if (format == "gpkg") w.driver = "GPKG";
    write_layer(ctx, l, dir + "/" + l.file + layer_ext(format), w);
}

struct LayerFigures {
    size_t features = 0;
    long long vertices = 0;
    double area_m2 = 0;
};
LayerFigures figures_of(const GeosContext& ctx, const zoning::AreaMeter& meter, const LayerData& l) {
    LayerFigures f;
    f.features = l.features.size();
    for (const auto& x : l.features) {
        f.vertices += num_vertices(ctx, x.geom.get());
        f.area_m2 += meter.geodesic(ctx, x.geom.get());
    }
    return f;
}

std::string layer_table_header() {
    return "| layer | file | features | vertices | sum of feature areas (ha) | what |\n|---|---|---:|---:|---:|---|\n";
}
std::string layer_row(const LayerData& l, const LayerFigures& f, const std::string& format) {
    return "| " + l.id + " (" + l.title + ") | " + l.file + layer_ext(format) + " | " + std::to_string(f.features) + " | " +
           std::to_string(f.vertices) + " | " + num(f.area_m2 / zoning::kM2PerHa, 2) + " | " + l.note + " |\n";
}

const std::string kProvenance = std::string(R"(## Provenance and licence of the outlines
The district outlines come from `datong_city_districts_wgs84.geojson` (`tools/gen_sample/data/`,
copied from the project's shared data): the 10 districts and counties of 大同市 from
GaryBikini/ChinaAdminDivisonSHP at commit 776a2f1, `3. 市级范围/1. 精确到District/大同市.shp`,
itself from the Amap district service (2020-06), published in GCJ-02 and converted to WGS84 with
the standard iterative inverse of the public GCJ-02 formula (about 1 m residual). Treated as
CGCS2000 (the two differ by centimetres). Every other polygon here is synthetic: **not official
data**.

Notice for the MIT-licensed outlines:

)") + kMitNotice;

// ---- the city --------------------------------------------------------------------------------
struct City {
    std::vector<District> districts;
    double min_lon = 1e9, max_lon = -1e9, min_lat = 1e9, max_lat = -1e9;
    double overlap_m2 = 0;  ///< published outlines' overlaps, trimmed
};

City build_city(const GeosContext& ctx, const zoning::AreaMeter& meter, const RegionOptions& opt) {
    const std::string path = opt.data_dir + "/datong_city_districts_wgs84.geojson";
    std::ifstream in(path);
    if (!in) throw zoning::InputError(path + ": cannot open");
    const auto j = nlohmann::json::parse(in);
    const zoning::Crs gk = zoning::Crs::from_user("EPSG:" + std::to_string(kCityEpsg));
    const zoning::Crs geo = zoning::Crs::from_user("EPSG:4490");
    const zoning::Transformer to_gk(geo, gk);
    City city;
    std::set<std::string> wanted(opt.districts.begin(), opt.districts.end());
    std::set<std::string> seen;
    for (const auto& f : j.at("features")) {
        const auto name = f.at("properties").at("name").get<std::string>();
        const auto adcode = f.at("properties").at("adcode").get<std::string>();
        if (!wanted.empty() && !wanted.count(name) && !wanted.count(adcode)) continue;
        seen.insert(name);
        seen.insert(adcode);
        const auto& g = f.at("geometry");
        if (g.at("type").get<std::string>() != "Polygon" || g.at("coordinates").size() != 1)
            throw zoning::InputError(path + ": " + name + ": expected a polygon without holes");
        std::vector<double> x, y;
        for (const auto& c : g.at("coordinates").at(0)) {
            x.push_back(c.at(0).get<double>());
            y.push_back(c.at(1).get<double>());
            city.min_lon = std::min(city.min_lon, x.back());
            city.max_lon = std::max(city.max_lon, x.back());
            city.min_lat = std::min(city.min_lat, y.back());
            city.max_lat = std::max(city.max_lat, y.back());
        }
        to_gk.transform(x, y);
        std::vector<Pt> pts;
        for (size_t i = 0; i < x.size(); ++i) pts.push_back({x[i], y[i]});
        District d;
        d.name = name;
        d.adcode = adcode;
        d.plan = plan_for(adcode);
        d.vertices = static_cast<int>(pts.size() > 1 && pts.front() == pts.back() ? pts.size() - 1 : pts.size());
        d.geom = snap(ctx, make_polygon(ctx, pts).get());
        if (GEOSisValid_r(ctx, d.geom.get()) != 1) throw zoning::InputError(path + ": " + name + ": invalid outline");
        d.published_m2 = meter.geodesic(ctx, make_polygon(ctx, pts).get());
        city.districts.push_back(std::move(d));
    }
    for (const auto& w : wanted)
        if (!seen.count(w)) throw zoning::InputError("--districts: no district " + w + " in " + path);
    if (city.districts.empty()) throw zoning::InputError(path + ": no districts");
    // Published outlines of neighbours overlap a little (independent polygons, GCJ-02 round trip):
    // each district gives up what an earlier one already holds, so the admin layer has no overlaps.
    for (size_t i = 1; i < city.districts.size(); ++i) {
        auto& d = city.districts[i];
        for (size_t k = 0; k < i; ++k) {
            const auto& o = city.districts[k];
            if (GEOSIntersects_r(ctx, d.geom.get(), o.geom.get()) != 1) continue;
            Geom ov = inter(ctx, d.geom.get(), o.geom.get());
            if (area(ctx, ov.get()) <= 0) continue;
            d.geom = clean_polygonal(ctx, diff(ctx, d.geom.get(), o.geom.get()).get(), 1.0);
        }
        if (GEOSGeomTypeId_r(ctx, d.geom.get()) == GEOS_MULTIPOLYGON) {  // keep the main part
            auto parts = polygons_of(ctx, d.geom.get());
            size_t keep = 0;
            for (size_t p = 1; p < parts.size(); ++p)
                if (area(ctx, parts[p].get()) > area(ctx, parts[keep].get())) keep = p;
            d.geom = std::move(parts[keep]);
        }
        d.trimmed_m2 = d.published_m2 - meter.geodesic(ctx, d.geom.get());
        city.overlap_m2 += d.trimmed_m2;
    }
    DistrictBuilder b(ctx, meter, opt.seed);
    for (auto& d : city.districts) {
        const auto t0 = std::chrono::steady_clock::now();
        b.build(d);
        if (opt.verbose)
            std::cerr << "  " << d.name << ": " << d.farmland.size() << " parcels, "
                      << std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() << " s\n";
    }
    return city;
}

std::string city_readme(const GeosContext& ctx, const zoning::AreaMeter& meter, const City& city,
                        const std::vector<LayerData>& layers, const RegionOptions& opt, const std::string& dir) {
    std::ostringstream o;
    const bool all = city.districts.size() == std::size(kPlans);
    o << "# 大同市 zoning catalog (synthetic, for benchmarks)\n\n"
      << "Written by `zoning-gen-sample --region datong` (tools/gen_sample, seed " << opt.seed << ")"
      << (all ? "" : ", **a subset of the districts**") << ":\n\n```sh\nbuild/bin/zoning-gen-sample --region datong --seed "
      << opt.seed << " --out " << dir << (opt.format == "shp" ? "" : " --format " + opt.format) << "\n```\n\n"
      << "The " << city.districts.size()
      << " real district outlines of 大同市, each with generated layers of the kinds of the 云州区 sample\n"
      << "(red line, reserves, parks, water sources, farmland, urban boundary, townships, control units;\n"
      << "no rivers or heritage), one file per layer kind for the whole city, field XZQDM = district code.\n"
      << "**Not official data.** The red-line and urban shares are plan-like targets set per district\n"
      << "in `tools/gen_sample/region.cpp` (云州区: the plan's 34.2 %); the figures below are measured.\n\n"
      << "## Working CRS: EPSG:" << kCityEpsg << "\n"
      << "CGCS2000 / 3-degree Gauss-Krüger CM 114E without zone prefix; every file is written in it, so\n"
      << "loading reprojects nothing. The outlines span " << num(city.min_lon, 3) << "–" << num(city.max_lon, 3)
      << "° E, " << num(city.min_lat, 3) << "–" << num(city.max_lat, 3) << "° N:\n"
      << "all of it lies in the 3-degree zone 38 (112.5–115.5° E, CM 114E), 左云县's western edge 0.07°\n"
      << "inside it; the city does cross the 6-degree border at 114° E (广灵, 灵丘, 天镇 partly), so 6-degree\n"
      << "data of it would come in two zones. The farthest point is 1.43° (~122 km) from the CM, where\n"
      << "planar areas exceed ellipsoidal ones by about 3.7e-4 (field notes: 1.6e-4 at 80 km); `zoning`\n"
      << "reports ellipsoidal areas by inverse projection, so its figures do not carry that. The\n"
      << "prefix-free CRS keeps eastings near 3–5e5 m, not 3.8e7 (shoelace precision).\n\n";
    o << "<!-- figures:begin -->\n## Figures\n\n" << layer_table_header();
    for (const auto& l : layers) o << layer_row(l, figures_of(ctx, meter, l), opt.format);
    double pub = 0, written = 0;
    o << "\n### Districts\n"
      << "| district | XZQDM | outline as published (km²) | written (km²) | townships | red line target | red line union (ha) | share | farmland parcels | urban (ha) |\n"
      << "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n";
    for (const auto& d : city.districts) {
        const double a = meter.geodesic(ctx, d.geom.get());
        const double red = meter.geodesic(ctx, d.red_union.get());
        pub += d.published_m2;
        written += a;
        o << "| " << d.name << " | " << d.adcode << " | " << num(d.published_m2 / zoning::kM2PerKm2, 4) << " | "
          << num(a / zoning::kM2PerKm2, 4) << " | " << d.towns.size() << " | " << num(100 * d.plan.red, 1) << " % | "
          << num(red / zoning::kM2PerHa, 2) << " | " << num(100 * red / a, 2) << " % | " << d.farmland.size() << " | "
          << num(meter.geodesic(ctx, d.urban_union.get()) / zoning::kM2PerHa, 2) << " |\n";
    }
    o << "- city: " << num(written / zoning::kM2PerKm2, 4) << " km² written, " << num(pub / zoning::kM2PerKm2, 4)
      << " km² as published; the published outlines overlap by " << num(city.overlap_m2 / zoning::kM2PerHa, 2)
      << " ha in all, taken off the later district in file order\n"
      << "<!-- figures:end -->\n\n" << kProvenance;
    return o.str();
}

// ---- the province: copies of the city, quarter turns and mirrors, tiled without overlaps ------
struct Rigid {
    int sym = 0;  ///< bit 2: mirror x; bits 0-1: quarter turns
    double cx = 0, cy = 0, tx = 0, ty = 0;
    Pt apply(double x, double y) const {
        double u = x - cx, v = y - cy;
        if (sym & 4) u = -u;
        for (int q = 0; q < (sym & 3); ++q) {
            const double t = u;
            u = -v;
            v = t;
        }
        return {tx + u, ty + v};
    }
};

int rigid_cb(double* x, double* y, void* data) {
    const Pt p = static_cast<const Rigid*>(data)->apply(*x, *y);
    *x = p[0];
    *y = p[1];
    return 1;
}

Geom apply_rigid(const GeosContext& ctx, const GEOSGeometry* g, const Rigid& t) {
    Rigid copy = t;
    return ctx.own(GEOSGeom_transformXY_r(ctx, g, rigid_cb, &copy), "rigid transform");
}

std::string replace_city_code(std::string s, const std::string& cc) {
    const size_t p = s.find("1402");
    if (p != std::string::npos) s.replace(p + 2, 2, cc);
    return s;
}

}  // namespace

std::string write_region(const RegionOptions& opt, const std::string& out_dir) {
    if (opt.region != "datong" && opt.region != "province")
        throw zoning::InputError("--region: unknown region '" + opt.region + "' (yunzhou, datong, province)");
    if (opt.format != "shp" && opt.format != "gpkg")
        throw zoning::InputError("--format: shp or gpkg, not '" + opt.format + "'");
    const auto t0 = std::chrono::steady_clock::now();
    auto secs = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(); };
    GeosContext ctx;
    const zoning::Crs gk = zoning::Crs::from_user("EPSG:" + std::to_string(kCityEpsg));
    const zoning::AreaMeter meter(gk);
    fs::create_directories(out_dir);
    if (opt.verbose) std::cerr << "zoning-gen-sample: building 大同市 (EPSG:" << kCityEpsg << ")\n";
    City city = build_city(ctx, meter, opt);
    std::vector<LayerData> layers = make_layers(ctx, meter, city.districts);
    std::ostringstream summary;
    if (opt.region == "datong") {
        for (const auto& l : layers) write_layers_files(ctx, l, out_dir, kCityEpsg, opt.format);
        write_catalog_yaml(layers, out_dir + "/catalog.yaml", "大同市",
                           "# 大同市 zoning catalog (synthetic), written by zoning-gen-sample --region datong (seed " +
                               std::to_string(opt.seed) + ").\n# Real district outlines; every layer generated. See README.md.\n",
                           kCityEpsg, opt.format);
        std::ofstream md(out_dir + "/README.md");
        md << city_readme(ctx, meter, city, layers, opt, out_dir);
        size_t parcels = 0;
        for (const auto& d : city.districts) parcels += d.farmland.size();
        summary << city.districts.size() << " districts, " << parcels << " farmland parcels";
        return summary.str();
    }

    // Province: the city's copies in the plane of the zone nearest to 山西's centre (112.3 E, 37.7 N).
    const double centre_lon = 112.3, centre_lat = 37.7;
    const int epsg = zoning::cgcs2000_gk3_epsg_for_lon(centre_lon);
    const zoning::Crs pcrs = zoning::Crs::from_user("EPSG:" + std::to_string(epsg));
    const zoning::Crs geo = zoning::Crs::from_user("EPSG:4490");
    const zoning::AreaMeter pmeter(pcrs);
    Pt centre{centre_lon, centre_lat};
    zoning::Transformer(geo, pcrs).transform(&centre[0], &centre[1], 1);
    std::vector<const GEOSGeometry*> outlines;
    for (const auto& d : city.districts) outlines.push_back(d.geom.get());
    Geom city_outline = ctx.union_all(outlines);
    const zoning::Envelope ce = ctx.envelope(city_outline.get());
    // rounded so that x - cx is exact for the city's coordinates
    const double cx = std::round((ce.minx + ce.maxx) / 2 / 1024) * 1024, cy = std::round((ce.miny + ce.maxy) / 2 / 1024) * 1024;
    Geom hull = buffer(ctx, ctx.own(GEOSSimplify_r(ctx, city_outline.get(), 300), "simplify").get(), 2000, 4);
    const int n = std::max(1, opt.copies);
    const int cols = n <= 2 ? n : 3, rows = (n + cols - 1) / cols;
    Rng r(mix(opt.seed * 7919ULL + 11));
    std::vector<int> syms{0, 1, 2, 3, 4, 5, 6, 7};
    for (size_t k = syms.size(); k > 1; --k) std::swap(syms[k - 1], syms[static_cast<size_t>(r.i(static_cast<int>(k)))]);
    std::vector<Rigid> tr(static_cast<size_t>(n));
    for (size_t k = 0; k < tr.size(); ++k) {
        tr[k].sym = syms[k % syms.size()];
        tr[k].cx = cx;
        tr[k].cy = cy;
    }
    // Packing: each copy starts clear of the others, then slides left and up in 2,048 m steps
    // while its outline (simplified 300 m, buffered 2 km) stays clear of the copies placed.
    const double span = std::max(ce.maxx - ce.minx, ce.maxy - ce.miny) + 5000;
    std::vector<Geom> placed;
    std::vector<zoning::Prepared> placed_p;
    for (int k = 0; k < n; ++k) {
        auto& t = tr[static_cast<size_t>(k)];
        const int col = k % cols, row = k / cols;
        t.tx = std::round(col * span * 1.2 / 1024) * 1024;
        t.ty = -std::round(row * span * 1.2 / 1024) * 1024;
        auto clear = [&] {
            Geom h = apply_rigid(ctx, hull.get(), t);
            for (const auto& p : placed_p)
                if (GEOSPreparedIntersects_r(ctx, p.get(), h.get()) == 1) return false;
            return true;
        };
        for (int pass = 0; pass < 3; ++pass) {
            if (col > 0)
                for (;;) {
                    t.tx -= 2048;
                    if (!clear()) {
                        t.tx += 2048;
                        break;
                    }
                }
            if (row > 0)
                for (;;) {
                    t.ty += 2048;
                    if (!clear()) {
                        t.ty -= 2048;
                        break;
                    }
                }
        }
        placed.push_back(apply_rigid(ctx, hull.get(), t));
        placed_p.push_back(ctx.prepare(placed.back().get()));
    }
    zoning::Envelope all;
    for (const auto& p : placed) all.expand(ctx.envelope(p.get()));
    const double sx = std::round((centre[0] - (all.minx + all.maxx) / 2) / 1024) * 1024;
    const double sy = std::round((centre[1] - (all.miny + all.maxy) / 2) / 1024) * 1024;
    for (auto& t : tr) {
        t.tx += sx;
        t.ty += sy;
    }
    if (opt.verbose) std::cerr << "zoning-gen-sample: city built in " << secs() << " s; writing " << n << " copies\n";

    const std::set<std::string> name_fields{"XZQMC", "XZMC"};
    std::ostringstream table;
    for (const auto& base : layers) {
        LayerData l;
        l.id = base.id;
        l.file = base.file;
        l.title = base.title;
        l.kind = base.kind;
        l.verdict = base.verdict;
        l.near_m = base.near_m;
        l.name_field = base.name_field;
        l.code_field = base.code_field;
        l.class_field = base.class_field;
        l.classes = base.classes;
        l.gtype = base.gtype;
        l.fields = base.fields;
        l.note = base.note;
        long long bsm = 0;
        for (int k = 0; k < n; ++k) {
            const std::string cc = fmt("%02lld", k + 1);
            for (const auto& f : base.features) {
                Feature g{apply_rigid(ctx, f.geom.get(), tr[static_cast<size_t>(k)]), f.values};
                for (size_t i = 0; i < g.values.size(); ++i) {
                    const auto& fd = l.fields[i];
                    if (auto* s = std::get_if<std::string>(&g.values[i])) {
                        *s = replace_city_code(*s, cc);
                        if (name_fields.count(fd.name)) *s += "(" + cc + ")";
                    } else if (std::holds_alternative<long long>(g.values[i]) && fd.name == "BSM") {
                        g.values[i] = ++bsm;
                    }
                }
                l.features.push_back(std::move(g));
            }
        }
        remeasure(ctx, pmeter, l);
        write_layers_files(ctx, l, out_dir, epsg, opt.format);
        table << layer_row(l, figures_of(ctx, pmeter, l), opt.format);
        if (opt.verbose) std::cerr << "  " << l.id << ": " << l.features.size() << " features, " << secs() << " s\n";
    }
    write_catalog_yaml(layers, out_dir + "/catalog.yaml", "山西省(合成)",
                       "# Province-sized zoning catalog (synthetic), written by zoning-gen-sample --region province (seed " +
                           std::to_string(opt.seed) + ").\n# " + std::to_string(n) +
                           " copies of the synthetic 大同市 catalog tiled over 山西. See README.md.\n",
                       epsg, opt.format);
    // Figures per copy: area, red-line share, extent.
    std::ostringstream copies;
    const zoning::Transformer to_geo(pcrs, geo);
    double total = 0, total_red = 0, total_planar = 0;
    double lon0 = 1e9, lon1 = -1e9, lat0 = 1e9, lat1 = -1e9;
    size_t parcels = 0;
    for (const auto& d : city.districts) parcels += d.farmland.size();
    for (int k = 0; k < n; ++k) {
        const auto& t = tr[static_cast<size_t>(k)];
        double a = 0, red = 0;
        for (const auto& d : city.districts) {
            Geom g = apply_rigid(ctx, d.geom.get(), t);
            a += pmeter.geodesic(ctx, g.get());
            red += pmeter.geodesic(ctx, apply_rigid(ctx, d.red_union.get(), t).get());
            auto pts = coords_of(ctx, GEOSGetExteriorRing_r(ctx, g.get()));
            std::vector<double> x, y;
            for (const auto& p : pts) {
                x.push_back(p[0]);
                y.push_back(p[1]);
            }
            to_geo.transform(x, y);
            for (size_t i = 0; i < x.size(); ++i) {
                lon0 = std::min(lon0, x[i]);
                lon1 = std::max(lon1, x[i]);
                lat0 = std::min(lat0, y[i]);
                lat1 = std::max(lat1, y[i]);
            }
        }
        total += a;
        total_red += red;
        for (const auto& d : city.districts) total_planar += area(ctx, apply_rigid(ctx, d.geom.get(), t).get());
        copies << "| 14" << fmt("%02lld", k + 1) << " | " << ((t.sym & 4) ? "mirrored, " : "") << 90 * (t.sym & 3) << "° | "
               << num(t.tx, 0) << ", " << num(t.ty, 0) << " | " << num(a / zoning::kM2PerKm2, 2) << " | "
               << num(100 * red / a, 2) << " % |\n";
    }
    // planar / ellipsoidal area at the copies' farthest corner from the CM: k² ≈ 1 + (d/R)²
    const double cm = 75.0 + 3.0 * (epsg - 4534);
    const double far_km = std::max(std::fabs(lon0 - cm), std::fabs(lon1 - cm)) * 111.32 *
                          std::cos(std::min(std::fabs(lat0), std::fabs(lat1)) * kPi / 180);
    const double excess = (far_km / 6371.0) * (far_km / 6371.0);
    std::ofstream md(out_dir + "/README.md");
    md << "# Province-sized zoning catalog (synthetic, for benchmarks)\n\n"
       << "Written by `zoning-gen-sample --region province` (tools/gen_sample, seed " << opt.seed << ", " << n
       << " copies):\n\n```sh\nbuild/bin/zoning-gen-sample --region province --seed " << opt.seed << " --out " << out_dir
       << (n == 11 ? "" : " --copies " + std::to_string(n)) << (opt.format == "shp" ? "" : " --format " + opt.format)
       << "\n```\n\n"
       << "The synthetic 大同市 catalog (`--region datong`, same seed) copied " << n
       << " times, one copy per city code 1401–14" << fmt("%02lld", n) << ": each copy\n"
       << "is mirrored and/or turned by quarter turns and translated by a multiple of 1,024 m; every\n"
       << "coordinate lies on a 2^-20 m grid, so the copies are exact and stay valid. The copies are packed\n"
       << "in " << cols << " columns and " << rows << " rows, each slid left and up until its outline (simplified 300 m, buffered\n"
       << "2 km) touches one already placed: districts never overlap. The layout is centred on 山西\n"
       << "(112.3° E, 37.7° N). Codes take the copy's city\n"
       << "code in place of 1402, district and township names a `(NN)` suffix; MJ / DKMJ are re-measured\n"
       << "where each copy lies. **Not official data**; only the district shapes are real (moved).\n\n"
       << "## Working CRS: EPSG:" << epsg << "\n"
       << "The CGCS2000 3-degree GK zone (no prefix) whose central meridian is nearest to the centre, the\n"
       << "rule `zoning` uses when a catalog names none. The copies span " << num(lon0, 2) << "–" << num(lon1, 2) << "° E, "
       << num(lat0, 2) << "–" << num(lat1, 2) << "° N,\n"
       << "so they cross into the neighbouring zones as 山西's own data (110.2–114.6° E) does; far from the CM\n"
       << "planar areas exceed ellipsoidal ones by up to ~" << num(excess * 1e3, 1) << "e-3 (" << num(far_km, 0)
       << " km from the CM), which `zoning`'s\nellipsoidal figures do not carry; the province as a whole: "
       << num((total_planar / total - 1) * 1e4, 1) << "e-4.\n\n"
       << "<!-- figures:begin -->\n## Figures\n\n" << layer_table_header() << table.str()
       << "\n### Copies\n| city code | symmetry | offset (m) | area (km²) | red line |\n|---|---|---|---:|---:|\n" << copies.str()
       << "- province: " << num(total / zoning::kM2PerKm2, 2) << " km² (ellipsoidal), red line "
       << num(100 * total_red / total, 2) << " %, " << parcels * static_cast<size_t>(n) << " farmland parcels\n"
       << "<!-- figures:end -->\n\n" << kProvenance;
    summary << n << " copies of " << city.districts.size() << " districts, " << parcels * static_cast<size_t>(n)
            << " farmland parcels, " << num(total / zoning::kM2PerKm2, 0) << " km²";
    return summary.str();
}

}  // namespace gen
