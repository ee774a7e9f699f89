// The land-use layer (三调 地类图斑) of the sample district: an exact partition of the district,
// built after every other layer from its own random stream (salt 31), so that the other layers'
// bytes do not move. Consistent with them by construction:
// - every permanent-farmland parcel is 耕地 (its own DLMC: 0102 水浇地 or 0103 旱地);
// - the rivers are 1101 河流水面 (buffered), 册田水库 1103 水库水面;
// - the urban development boundary is mostly 建设用地 (05H1, 0508, 0601, 0701, 08H1, 08H2, 0810,
//   1004), with some 0102 一般耕地 left inside it;
// - the red line is mostly 林地 / 草地 / 水域 (0301, 0305, 0307, 0401, 0404, 1106, a little 1207);
// - villages are 0702 农村宅基地, up to ten small mines 0602 采矿用地 in the hills outside the red line
//   (the plan surveyed ten);
// - the rest: 耕地 and some 园地 / 林地 / 草地 / 坑塘 / 设施农用地 in the basin, 林地 / 草地 in the
//   mountains.
// Codes are the 三调 工作分类's (TD/T 1055-2019 表 A.2: GB/T 21010-2017 codes, with 05H1, 0508,
// 08H1, 08H2 for the merged classes), as a 三调 database holds them.
#include "generator.hpp"

#include <zoning/error.hpp>

#include <algorithm>
#include <cstdio>

namespace gen {

namespace {

struct Weighted {
    const char* code;
    double w;
};

const char* pick(Rng& r, const std::vector<Weighted>& table) {
    double total = 0;
    for (const auto& t : table) total += t.w;
    double x = r.u() * total;
    for (const auto& t : table) {
        if (x < t.w) return t.code;
        x -= t.w;
    }
    return table.back().code;
}

/// The geometries of `all` whose envelope meets `e`, united (or null when none).
Geom local_union(const GeosContext& ctx, const std::vector<const GEOSGeometry*>& all,
                 const std::vector<zoning::Envelope>& envs, const zoning::Envelope& e) {
    std::vector<const GEOSGeometry*> mine;
    for (size_t i = 0; i < all.size(); ++i)
        if (envs[i].intersects(e)) mine.push_back(all[i]);
    if (mine.empty()) return Geom(nullptr, zoning::GeomDeleter{ctx.handle()});
    return ctx.union_all(mine);
}

}  // namespace

const char* landuse_name(const std::string& code) {
    static const std::vector<std::pair<std::string, const char*>> names{
        {"0102", "水浇地"}, {"0103", "旱地"}, {"0201", "果园"}, {"0301", "乔木林地"}, {"0305", "灌木林地"},
        {"0307", "其他林地"}, {"0401", "天然牧草地"}, {"0404", "其他草地"}, {"05H1", "商业服务业设施用地"},
        {"0508", "物流仓储用地"}, {"0601", "工业用地"}, {"0602", "采矿用地"}, {"0701", "城镇住宅用地"},
        {"0702", "农村宅基地"}, {"08H1", "机关团体新闻出版用地"}, {"08H2", "科教文卫用地"}, {"0810", "公园与绿地"},
        {"1004", "城镇村道路用地"}, {"1101", "河流水面"}, {"1103", "水库水面"}, {"1104", "坑塘水面"},
        {"1106", "内陆滩涂"}, {"1202", "设施农用地"}, {"1206", "裸土地"}, {"1207", "裸岩石砾地"}};
    for (const auto& [c, n] : names)
        if (c == code) return n;
    throw zoning::InternalError("land use: no name for code " + code);
}

void Generator::build_landuse() {
    Rng r = rng_for(31);
    const GeosContext& c = ctx_;
    const zoning::Envelope de = c.envelope(district_.get());

    // Parcels start as Voronoi cells (about 1.3 km² each) clipped to the district.
    std::vector<Pt> sites;
    auto p_district = c.prepare(district_.get());
    while (sites.size() < 1100) {
        const Pt p{r.u(de.minx, de.maxx), r.u(de.miny, de.maxy)};
        Geom pt = make_point(c, p);
        if (GEOSPreparedContains_r(c, p_district.get(), pt.get()) == 1) sites.push_back(p);
    }
    Geom env = make_polygon(c, {{de.minx - 5000, de.miny - 5000}, {de.maxx + 5000, de.miny - 5000},
                                {de.maxx + 5000, de.maxy + 5000}, {de.minx - 5000, de.maxy + 5000}});
    std::vector<Geom> pts;
    for (const auto& p : sites) pts.push_back(make_point(c, p));
    std::vector<GEOSGeometry*> raw_pts;
    for (auto& p : pts) raw_pts.push_back(p.release());
    Geom mp = c.own(GEOSGeom_createCollection_r(c, GEOS_MULTIPOINT, raw_pts.data(), static_cast<unsigned>(raw_pts.size())),
                    "multipoint");
    Geom vor = c.own(GEOSVoronoiDiagram_r(c, mp.get(), env.get(), 0.0, 0), "voronoi");
    std::vector<Geom> cells;
    for (int i = 0; i < GEOSGetNumGeometries_r(c, vor.get()); ++i) {
        Geom cell = c.polygonal_part(inter(c, GEOSGetGeometryN_r(c, vor.get(), i), district_.get()).get());
        if (!is_empty(c, cell.get())) cells.push_back(std::move(cell));
    }
    // A fixed order (the Voronoi output order is GEOS's): by the cell's interior point.
    std::vector<std::pair<Pt, size_t>> order;
    for (size_t i = 0; i < cells.size(); ++i) order.push_back({interior_point(c, cells[i].get()), i});
    std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
        return a.first[1] != b.first[1] ? a.first[1] > b.first[1] : a.first[0] < b.first[0];
    });

    // The zones, in the order they take land from a cell.
    struct Zone {
        std::vector<const GEOSGeometry*> parts;
        std::vector<zoning::Envelope> envs;
        void add(const GeosContext& ctx, const GEOSGeometry* g) {
            parts.push_back(g);
            envs.push_back(ctx.envelope(g));
        }
    };
    Zone irrigated, dry, water, reservoir, mines, urban, industrial, villages, red;
    for (const auto& f : farmland_) {
        const std::string dlmc = std::get<std::string>(f.values[3]);
        (dlmc == "水浇地" ? irrigated : dry).add(c, f.geom.get());
    }
    std::vector<Geom> owned;
    for (const auto& rv : rivers_) {
        const double half = rv.name == "桑干河" ? 45 : rv.grade == "一级支流" ? 15 : 8;
        for (auto& part : lines_of(c, rv.line.get())) {
            owned.push_back(inter(c, buffer(c, part.get(), half, 4).get(), district_.get()));
            water.add(c, owned.back().get());
        }
    }
    for (const auto& f : redline_) {
        if (std::get<std::string>(f.values[0]) == "册田水库") {
            owned.push_back(buffer(c, f.geom.get(), -150, 4));
            if (!is_empty(c, owned.back().get())) reservoir.add(c, owned.back().get());
        }
    }
    for (const auto& f : urban_) {
        const bool park = std::get<std::string>(f.values[1]) == "产业园区";
        (park ? industrial : urban).add(c, f.geom.get());
    }
    // Villages (0702) in the basin, outside the urban boundary; mines (0602) in the hills.
    Geom hills = unite(c, north_zone_.get(), south_zone_.get());
    auto p_hills = c.prepare(hills.get());
    const Geom urban_near = buffer(c, urban_union_.get(), 300, 4);  // outlives its prepared geometry
    auto p_urban = c.prepare(urban_near.get());
    auto p_red = c.prepare(redline_union_.get());
    int tries = 0;
    while (villages.parts.size() < 140 && ++tries < 5000) {
        const Pt p{r.u(de.minx, de.maxx), r.u(de.miny, de.maxy)};
        const double rx = r.u(220, 420), ry = rx * r.u(0.6, 1.0), rot = r.u(0, kPi);
        Geom pt = make_point(c, p);
        if (GEOSPreparedContains_r(c, p_district.get(), pt.get()) != 1) continue;
        if (GEOSPreparedContains_r(c, p_hills.get(), pt.get()) == 1) continue;
        if (GEOSPreparedIntersects_r(c, p_urban.get(), pt.get()) == 1) continue;
        if (GEOSPreparedIntersects_r(c, p_red.get(), pt.get()) == 1) continue;
        owned.push_back(blob(c, r, p, rx, ry, rot, 14, 0.15));
        villages.add(c, owned.back().get());
    }
    tries = 0;
    while (mines.parts.size() < 10 && ++tries < 5000) {
        const Pt p{r.u(de.minx, de.maxx), r.u(de.miny, de.maxy)};
        Geom pt = make_point(c, p);
        if (GEOSPreparedContains_r(c, p_hills.get(), pt.get()) != 1) continue;
        if (GEOSPreparedIntersects_r(c, p_red.get(), pt.get()) == 1) continue;
        owned.push_back(blob(c, r, p, 200, 140, r.u(0, kPi), 12, 0.2));  // ≈ 9–10 ha
        mines.add(c, owned.back().get());
    }
    for (const auto& g : red_parts()) red.add(c, g);

    const std::vector<Weighted> urban_w{{"0701", 36}, {"05H1", 14}, {"0601", 6}, {"08H1", 5}, {"08H2", 9},
                                        {"0810", 7}, {"1004", 10}, {"0102", 13}};
    const std::vector<Weighted> industrial_w{{"0601", 55}, {"0508", 20}, {"05H1", 5}, {"1004", 8}, {"0102", 12}};
    const std::vector<Weighted> red_hills_w{{"0301", 34}, {"0305", 26}, {"0307", 10}, {"0401", 14}, {"0404", 11}, {"1207", 5}};
    const std::vector<Weighted> red_plain_w{{"0404", 30}, {"1106", 24}, {"0305", 18}, {"0307", 14}, {"0301", 8}, {"1206", 6}};
    const std::vector<Weighted> hills_w{{"0301", 24}, {"0305", 22}, {"0404", 22}, {"0401", 10}, {"0103", 14}, {"1206", 8}};
    const std::vector<Weighted> basin_w{{"0103", 40}, {"0102", 24}, {"0201", 5}, {"0307", 6}, {"0404", 9},
                                        {"1202", 4}, {"1104", 3}, {"1206", 5}, {"1106", 4}};

    for (const auto& [ip, ci] : order) {
        Geom remaining = c.clone(cells[ci].get());
        const zoning::Envelope ce = c.envelope(remaining.get());
        Geom ipt = make_point(c, ip);
        const bool in_hills = GEOSPreparedIntersects_r(c, p_hills.get(), ipt.get()) == 1;
        std::vector<std::pair<std::string, Geom>> pieces;
        // Take zone ∩ remaining as `code`; what is taken leaves the remaining part (the two are
        // complements by one overlay's noding, so the parcels stay an exact partition).
        auto take = [&](const Zone& z, const std::string& code) {
            if (is_empty(c, remaining.get())) return;
            Geom u = local_union(c, z.parts, z.envs, ce);
            if (!u) return;
            Geom piece = c.polygonal_part(inter(c, remaining.get(), u.get()).get());
            if (area(c, piece.get()) < 1.0) return;  // a touch: left to the rest of the cell
            remaining = c.polygonal_part(diff(c, remaining.get(), u.get()).get());
            pieces.emplace_back(code, std::move(piece));
        };
        take(irrigated, "0102");
        take(dry, "0103");
        take(reservoir, "1103");
        take(water, "1101");
        take(mines, "0602");
        take(industrial, pick(r, industrial_w));
        take(urban, pick(r, urban_w));
        take(red, pick(r, in_hills ? red_hills_w : red_plain_w));
        take(villages, "0702");
        if (!is_empty(c, remaining.get()) && area(c, remaining.get()) > 0) {
            pieces.emplace_back(pick(r, in_hills ? hills_w : basin_w), std::move(remaining));
        }
        // One parcel per code in the cell (two zones may give the same code: merge them).
        std::vector<std::pair<std::string, Geom>> merged;
        for (auto& [code, g] : pieces) {
            auto it = std::find_if(merged.begin(), merged.end(), [&](const auto& m) { return m.first == code; });
            if (it == merged.end()) {
                merged.emplace_back(code, std::move(g));
            } else {
                it->second = c.polygonal_part(unite(c, it->second.get(), g.get()).get());
            }
        }
        for (auto& [code, g] : merged) landuse_.push_back({std::move(g), {code}});
    }
}

std::vector<const GEOSGeometry*> Generator::red_parts() const {
    std::vector<const GEOSGeometry*> out;
    for (const auto& f : redline_) out.push_back(f.geom.get());
    return out;
}

}  // namespace gen
