// Layer schemas, the catalog file, and the README with the figures measured on the written files.
#include "generator.hpp"
#include "io.hpp"

#include <zoning/error.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace gen {

std::string num(double v, int decimals) {
    char buf[64];
    if (std::fabs(v) < 0.5 * std::pow(10.0, -decimals)) v = 0;  // no "-0.000"
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    // thousands separators on the integer part
    const std::string s(buf);
    const size_t dot = s.find('.');
    const size_t end = dot == std::string::npos ? s.size() : dot;
    const size_t start = (s[0] == '-') ? 1 : 0;
    std::string out = s.substr(0, start);
    for (size_t i = start; i < end; ++i) {
        out.push_back(s[i]);
        const size_t left = end - i - 1;
        if (left > 0 && left % 3 == 0) out.push_back(',');
    }
    out.append(s, end, std::string::npos);
    return out;
}

std::string layer_ext(const std::string& format) { return format == "gpkg" ? ".gpkg" : ".shp"; }

void write_catalog_yaml(const std::vector<LayerData>& layers, const std::string& path, const std::string& name,
                        const std::string& header, int epsg, const std::string& format) {
    std::ofstream y(path);
    y << header << "name: " << name << "\ncrs: EPSG:" << epsg << "\nlayers:\n";
    for (const auto& l : layers) {
        y << "  - id: " << l.id << "\n    title: " << l.title << "\n    kind: " << l.kind << "\n    source: " << l.file
          << layer_ext(format) << "\n";
        if (!l.name_field.empty()) y << "    name_field: " << l.name_field << "\n";
        if (!l.code_field.empty()) y << "    code_field: " << l.code_field << "\n";
        if (!l.class_field.empty()) y << "    class_field: " << l.class_field << "\n";
        if (!l.verdict.empty()) y << "    verdict: " << l.verdict << "\n";  // land_use has none
        if (!l.classes.empty()) {
            y << "    classes:\n";
            for (const auto& c : l.classes) y << "      " << c.value << ": {verdict: " << c.verdict << "}\n";
        }
        if (l.near_m) y << "    near_m: " << static_cast<int>(*l.near_m) << "\n";
        if (!l.version.empty()) y << "    version: " << l.version << "\n";
        if (!l.source_date.empty()) y << "    source_date: " << l.source_date << "\n";
    }
    if (!y) throw zoning::InputError(path + ": cannot write");
}

namespace {
std::string ha(double m2) { return num(m2 / zoning::kM2PerHa, 2); }
std::string km2(double m2) { return num(m2 / zoning::kM2PerKm2, 4); }

LayerData make_layer(const char* id, const char* file, const char* title, const char* kind,
                     const char* verdict) {
    LayerData l;
    l.id = id;
    l.file = file;
    l.title = title;
    l.kind = kind;
    l.verdict = verdict;
    l.version = "synthetic-1";  // generated data (README.md): the catalog says so
    return l;
}

FieldDef str(const char* n, int w) { return {n, OFTString, w, 0}; }
FieldDef intf(const char* n) { return {n, OFTInteger, 10, 0}; }
FieldDef real(const char* n) { return {n, OFTReal, 18, 2}; }

const std::string kLicence = std::string(R"(## Provenance and licence of the outline
The district outline comes from `yunzhou_boundary_wgs84.geojson` (`tools/gen_sample/data/`, copied
from the project's shared data): 云州区 (adcode 140215) from GaryBikini/ChinaAdminDivisonSHP at
commit 776a2f1, `3. 市级范围/1. 精确到District/大同市.shp`, itself from the Amap district service
(2020-06), published in GCJ-02 and converted to WGS84 with the standard iterative inverse of the
public GCJ-02 formula (about 1 m residual). The 桑干河 course follows Natural Earth 1:10m rivers
(`rivernum` 422, public domain). Everything else here is synthetic.

Notice for the MIT-licensed outline:

)") + kMitNotice;
}  // namespace

void Generator::finish_layers() {
    auto mj = [&](const GEOSGeometry* g) { return std::round(meter_.geodesic(ctx_, g) / 100) / 100; };
    {
        LayerData l = make_layer("district", "district", "云州区行政区", "admin", "allowed");
        l.name_field = "XZQMC";
        l.code_field = "XZQDM";
        l.source_date = "2020-06";  // the outline's: the Amap district service, 2020-06 (README.md)
        l.fields = {str("XZQMC", 20), str("XZQDM", 12), real("MJ")};
        l.features.push_back({ctx_.clone(district_.get()), {std::string("云州区"), std::string("140215"), mj(district_.get())}});
        l.note = "the real outline scaled about its centroid to the official area";
        layers_.push_back(std::move(l));
    }
    {
        LayerData l = make_layer("townships", "townships", "乡镇行政区", "admin", "allowed");
        l.name_field = "XZMC";
        l.code_field = "XZDM";
        l.fields = {str("XZMC", 20), str("XZDM", 12), str("SFZF", 4), real("MJ")};
        for (const auto& t : towns_)
            l.features.push_back({ctx_.clone(t.geom.get()), {t.name, t.code, std::string(t.name == "西坪镇" ? "是" : "否"), mj(t.geom.get())}});
        l.note = "9 townships, an exact partition of the district; SFZF 是 = seat";
        layers_.push_back(std::move(l));
    }
    {
        LayerData l = make_layer("redline", "redline", "生态保护红线", "ecological_redline", "prohibited");
        l.near_m = 100;
        l.name_field = "HXMC";
        l.code_field = "HXBM";
        l.fields = {intf("BSM"), str("HXBM", 16), str("HXMC", 60), str("HXLX", 20), real("MJ")};
        long long n = 0;
        for (auto& f : redline_) {
            ++n;
            const std::string name = std::get<std::string>(f.values[0]);
            const std::string type = std::get<std::string>(f.values[1]);
            const double m = mj(f.geom.get());
            char code[32];
            std::snprintf(code, sizeof code, "140215HX%04lld", n);
            l.features.push_back({ctx_.clone(f.geom.get()), {n, std::string(code), name + type + "生态保护红线", type, m}});
        }
        l.note = "mountains, 桑干河 corridor, 册田水库, 火山群, scattered patches; features overlap";
        layers_.push_back(std::move(l));
    }
    {
        LayerData l = make_layer("reserve", "reserve", "自然保护区", "nature_reserve", "prohibited");
        l.name_field = "BHQMC";
        l.code_field = "BHQBM";
        l.class_field = "GNFQ";
        l.classes = {{"核心保护区", "prohibited"}, {"一般控制区", "restricted"}};
        l.fields = {str("BHQMC", 40), str("BHQBM", 20), str("GNFQ", 20), str("JB", 10), real("MJ")};
        for (auto& f : reserves_) {
            auto v = f.values;
            v.push_back(mj(f.geom.get()));
            l.features.push_back({ctx_.clone(f.geom.get()), std::move(v)});
        }
        l.note = "2 reserves split by GNFQ, inside the red line";
        layers_.push_back(std::move(l));
    }
    {
        LayerData l = make_layer("park", "park", "自然公园", "natural_park", "restricted");
        l.name_field = "GYMC";
        l.code_field = "GYBM";
        l.fields = {str("GYMC", 40), str("GYBM", 16), str("GYLX", 20), str("JB", 10), real("MJ")};
        for (auto& f : parks_) {
            auto v = f.values;
            v.push_back(mj(f.geom.get()));
            l.features.push_back({ctx_.clone(f.geom.get()), std::move(v)});
        }
        l.note = "5 natural parks, mostly inside the red line";
        layers_.push_back(std::move(l));
    }
    {
        LayerData l = make_layer("water", "water", "饮用水水源保护区", "water_source", "restricted");
        l.name_field = "SYDMC";
        l.code_field = "SYDBM";
        l.class_field = "BHQJB";
        l.classes = {{"一级保护区", "prohibited"}, {"二级保护区", "restricted"}, {"准保护区", "caution"}};
        l.fields = {str("SYDMC", 40), str("SYDBM", 16), str("BHQJB", 20), str("SYDLX", 12), str("JB", 10), real("MJ")};
        for (const auto& w : water_) {
            const std::pair<const char*, const GEOSGeometry*> grades[] = {
                {"一级保护区", w.grade1.get()}, {"二级保护区", w.grade2.get()}, {"准保护区", w.grade3.get()}};
            for (const auto& [g, geom] : grades) {
                if (is_empty(ctx_, geom)) continue;
                l.features.push_back({ctx_.clone(geom), {w.name, w.code, std::string(g), w.type, w.level, mj(geom)}});
            }
        }
        l.note = "11 sources, 一级 / 二级 / 准 as nested, non-overlapping rings";
        layers_.push_back(std::move(l));
    }
    {
        LayerData l = make_layer("farmland", "farmland", "永久基本农田", "permanent_farmland", "restricted");
        l.code_field = "DKBH";
        l.name_field = "DKBH";
        l.fields = {intf("BSM"), str("DKBH", 16), str("XZMC", 20), str("DLMC", 10), real("DKMJ")};
        for (auto& f : farmland_) l.features.push_back({ctx_.clone(f.geom.get()), f.values});
        l.note = "parcels in the basin; DKMJ = ellipsoidal area in m²";
        layers_.push_back(std::move(l));
    }
    {
        LayerData l = make_layer("urban", "urban", "城镇开发边界", "urban_boundary", "allowed");
        l.name_field = "MC";
        l.fields = {str("MC", 40), str("LX", 20), str("XZMC", 20), real("MJ")};
        for (auto& f : urban_) {
            auto v = f.values;
            v.push_back(mj(f.geom.get()));
            l.features.push_back({ctx_.clone(f.geom.get()), std::move(v)});
        }
        l.note = "西坪镇 (seat), 周士庄镇, 倍加造镇 and two development zones";
        layers_.push_back(std::move(l));
    }
    {
        LayerData l = make_layer("units", "units", "环境管控单元(三线一单)", "control_unit", "allowed");
        l.name_field = "HJGKDYMC";
        l.code_field = "HJGKDYBM";
        l.class_field = "GKLB";
        l.classes = {{"优先保护单元", "caution"}, {"重点管控单元", "allowed"}, {"一般管控单元", "allowed"}};
        l.fields = {str("HJGKDYBM", 16), str("HJGKDYMC", 40), str("GKLB", 20), str("XZMC", 20), real("MJ")};
        for (auto& f : units_) {
            auto v = f.values;
            v.push_back(mj(f.geom.get()));
            l.features.push_back({ctx_.clone(f.geom.get()), std::move(v)});
        }
        l.note = "优先保护 / 重点管控 / 一般管控 per township, an exact partition of the district";
        layers_.push_back(std::move(l));
    }
    {
        LayerData l = make_layer("rivers", "rivers", "河流水系", "other", "caution");
        l.name_field = "HDMC";
        l.code_field = "HDBM";
        l.gtype = wkbLineString;
        l.fields = {str("HDMC", 20), str("HDBM", 16), str("HDDJ", 12), str("LY", 20), real("CD")};
        for (const auto& rv : rivers_)
            l.features.push_back({ctx_.clone(rv.line.get()), {rv.name, rv.code, rv.grade, std::string("海河流域永定河水系"),
                                                              std::round(length(ctx_, rv.line.get()) * 100) / 100}});
        l.note = "桑干河 (Natural Earth course with meanders), 御河, 坊城河, tributaries; CD = length m";
        layers_.push_back(std::move(l));
    }
    {
        LayerData l = make_layer("heritage", "heritage", "文物保护单位", "other", "restricted");
        l.name_field = "WWMC";
        l.code_field = "WWBM";
        l.fields = {str("WWMC", 30), str("WWBM", 16), str("WWLB", 20), str("BHJB", 30), real("MJ")};
        for (auto& f : heritage_) {
            auto v = f.values;
            v.push_back(mj(f.geom.get()));
            l.features.push_back({ctx_.clone(f.geom.get()), std::move(v)});
        }
        l.note = "protection ranges of the 5 cultural-heritage sites the plan names";
        layers_.push_back(std::move(l));
    }
    {
        // Written last: a layer added after the others leaves their bytes as they were.
        LayerData l = make_layer("landuse", "landuse", "土地利用现状(三调)", "land_use", "");
        l.name_field = "DLMC";
        l.code_field = "TBBH";
        l.class_field = "DLBM";
        l.fields = {intf("BSM"), str("TBBH", 12), str("DLBM", 5), str("DLMC", 40), str("ZLDWMC", 20), real("TBMJ")};
        std::vector<zoning::Prepared> p_twn;
        for (const auto& t : towns_) p_twn.push_back(ctx_.prepare(t.geom.get()));
        long long n = 0;
        for (auto& f : landuse_) {
            const std::string code = std::get<std::string>(f.values[0]);
            Geom pt = make_point(ctx_, interior_point(ctx_, f.geom.get()));
            std::string town = towns_.front().name;
            for (size_t k = 0; k < towns_.size(); ++k)
                if (GEOSPreparedIntersects_r(ctx_, p_twn[k].get(), pt.get()) == 1) town = towns_[k].name;
            ++n;
            char tbbh[32];
            std::snprintf(tbbh, sizeof tbbh, "%05lld", n);
            l.features.push_back({ctx_.clone(f.geom.get()),
                                  {n, std::string(tbbh), code, std::string(landuse_name(code)), town,
                                   std::round(meter_.geodesic(ctx_, f.geom.get()) * 100) / 100}});
        }
        l.note = "三调 land-use parcels (DLBM/DLMC, 三调 工作分类 codes), an exact partition of the district; TBMJ = ellipsoidal area in m²";
        layers_.push_back(std::move(l));
    }
}

void Generator::write_catalog(const std::string& out_dir) const {
    namespace fs = std::filesystem;
    fs::create_directories(out_dir);
    for (const auto& l : layers_) write_layer(ctx_, l, out_dir + "/" + l.file + ".shp", WriteOptions{});
    write_catalog_yaml(layers_, out_dir + "/catalog.yaml", "云州区",
                       "# 云州区 sample zoning catalog, written by zoning-gen-sample (seed " + std::to_string(seed_) +
                           ").\n# Synthetic layers at the district's real location; see README.md for the figures.\n",
                       4547, "shp");
    std::ofstream md(out_dir + "/README.md");
    md << "# 云州区 sample zoning catalog\n\n"
       << "Synthetic zoning layers of 云州区 (Datong, Shanxi), placed at the district's real location\n"
       << "and reproducing the totals of the district's 14th Five-Year ecological protection plan.\n"
       << "**Not official data**: only the district outline and the course of the 桑干河 are real; every\n"
       << "other polygon is generated. Written by `zoning-gen-sample` (tools/gen_sample); regenerate\n"
       << "with\n\n```sh\nbuild/bin/zoning-gen-sample --seed " << seed_
       << " --out shapefiles/yunzhou --examples examples\n```\n\n"
       << "All layers are ESRI Shapefiles in CGCS2000 / 3-degree Gauss-Krüger CM 114E (EPSG:4547,\n"
       << "x = easting without zone prefix) with a `.prj` and a `.cpg` (UTF-8). Areas below are\n"
       << "ellipsoidal (geodesic polygon on CGCS2000, as `zoning`'s AreaMeter::geodesic measures\n"
       << "them on the written files); planar areas are given where they matter.\n\n"
       << figures_markdown(out_dir) << "\n" << kLicence;
}

std::string Generator::figures_markdown(const std::string& dir) const {
    std::ostringstream o;
    const GeosContext& c = ctx_;
    auto geoms = [&](const std::string& f) { return read_geometries(c, dir + "/" + f + ".shp"); };
    auto geo = [&](const GEOSGeometry* g) { return meter_.geodesic(c, g); };
    o << "<!-- figures:begin -->\n## Figures\n\n";
    o << "| layer | file | features | vertices | sum of feature areas (ha) | what |\n|---|---|---:|---:|---:|---|\n";
    std::map<std::string, std::vector<Geom>> all;
    for (const auto& l : layers_) {
        auto gs = geoms(l.file);
        long long verts = 0;
        double sum = 0;
        for (const auto& g : gs) {
            verts += num_vertices(c, g.get());
            sum += geo(g.get());
        }
        o << "| " << l.id << " (" << l.title << ") | " << l.file << ".shp | " << gs.size() << " | " << verts << " | "
          << (l.gtype == wkbLineString ? std::string("—") : ha(sum)) << " | " << l.note << " |\n";
        all[l.id] = std::move(gs);
    }
    auto union_of_layer = [&](const std::string& id) {
        std::vector<const GEOSGeometry*> raw;
        for (const auto& g : all.at(id)) raw.push_back(g.get());
        return c.union_all(raw);
    };
    const double d_geo = geo(all.at("district").front().get());
    const double d_pl = meter_.planar(c, all.at("district").front().get());
    o << "\n### District\n"
      << "- ellipsoidal area: **" << km2(d_geo) << " km²** (plan: 1,478.34 km²); planar (GK CM 114E): "
      << km2(d_pl) << " km²\n"
      << "- outline as published: " << km2(outline_area_m2_) << " km², " << outline_vertices_
      << " vertices; scaled about its centroid by " << num(district_scale_, 6) << "\n";
    {
        double sum = 0, sum_pl = 0;
        o << "\n### Townships\n| 乡镇 | area (ha) | share |\n|---|---:|---:|\n";
        const auto names = read_field(dir + "/townships.shp", "XZMC");
        for (size_t i = 0; i < all.at("townships").size(); ++i) {
            const double a = geo(all.at("townships")[i].get());
            sum += a;
            sum_pl += meter_.planar(c, all.at("townships")[i].get());
            o << "| " << names[i] << " | " << ha(a) << " | " << num(100 * a / d_geo, 2) << " % |\n";
        }
        Geom u = union_of_layer("townships");
        o << "- sum: " << km2(sum) << " km²; union: " << km2(geo(u.get())) << " km²; planar sum − district: "
          << num(sum_pl - d_pl, 3) << " m²\n";
    }
    {
        Geom u = union_of_layer("redline");
        double sum = 0, largest = 0, smallest = 1e300;
        int multi = 0, holes = 0;
        for (const auto& g : all.at("redline")) {
            const double a = geo(g.get());
            sum += a;
            largest = std::max(largest, a);
            smallest = std::min(smallest, a);
            if (GEOSGeomTypeId_r(c, g.get()) == GEOS_MULTIPOLYGON) ++multi;
            for (const auto& p : polygons_of(c, g.get()))
                if (GEOSGetNumInteriorRings_r(c, p.get()) > 0) {
                    ++holes;
                    break;
                }
        }
        const double ua = geo(u.get());
        o << "\n### Ecological red line\n"
          << "- union: **" << ha(ua) << " ha** = " << num(100 * ua / d_geo, 2) << " % of the district (plan: 50,522.19 ha, 34.2 %)\n"
          << "- sum of the features' own areas: " << ha(sum) << " ha (overlaps: " << ha(sum - ua) << " ha)\n"
          << "- " << all.at("redline").size() << " features: " << multi << " multipart, " << holes
          << " with holes; largest " << ha(largest) << " ha, smallest " << ha(smallest) << " ha\n"
          << "- the last feature was grown by " << num(redline_last_buffer_m_, 3)
          << " m (bisection) to hit the union exactly\n";
        auto prep = c.prepare(u.get());
        o << "\n### Nature reserves and parks\n| layer | name | zone/type | area (ha) | inside the red line |\n|---|---|---|---:|---:|\n";
        for (const std::string id : {"reserve", "park"}) {
            const auto names = read_field(dir + "/" + id + ".shp", id == "reserve" ? "BHQMC" : "GYMC");
            const auto cls = read_field(dir + "/" + id + ".shp", id == "reserve" ? "GNFQ" : "GYLX");
            for (size_t i = 0; i < all.at(id).size(); ++i) {
                const auto& g = all.at(id)[i];
                const double a = geo(g.get());
                Geom in = inter(c, g.get(), u.get());
                o << "| " << id << " | " << names[i] << " | " << cls[i] << " | " << ha(a) << " | "
                  << num(a > 0 ? 100 * geo(in.get()) / a : 0, 1) << " % |\n";
            }
        }
    }
    {
        o << "\n### Drinking-water sources\n| source | 一级 (ha) | 二级 (ha) | 准 (ha) |\n|---|---:|---:|---:|\n";
        const auto names = read_field(dir + "/water.shp", "SYDMC");
        const auto grade = read_field(dir + "/water.shp", "BHQJB");
        std::map<std::string, std::map<std::string, double>> t;
        std::vector<std::string> order;
        for (size_t i = 0; i < names.size(); ++i) {
            if (!t.count(names[i])) order.push_back(names[i]);
            t[names[i]][grade[i]] += geo(all.at("water")[i].get());
        }
        for (const auto& n : order)
            o << "| " << n << " | " << ha(t[n]["一级保护区"]) << " | " << ha(t[n]["二级保护区"]) << " | " << ha(t[n]["准保护区"]) << " |\n";
    }
    {
        double sum = 0;
        for (const auto& g : all.at("farmland")) sum += geo(g.get());
        Geom red = union_of_layer("redline");
        Geom urb = union_of_layer("urban");
        auto pr = c.prepare(red.get());
        auto pu = c.prepare(urb.get());
        const auto codes = read_field(dir + "/farmland.shp", "DKBH");
        int nr = 0, nu = 0;
        std::ostringstream list;
        for (size_t i = 0; i < all.at("farmland").size(); ++i) {
            const auto& g = all.at("farmland")[i];
            const bool r = GEOSPreparedIntersects_r(c, pr.get(), g.get()) == 1;
            const bool uu = GEOSPreparedIntersects_r(c, pu.get(), g.get()) == 1;
            if (!r && !uu) continue;
            nr += r ? 1 : 0;
            nu += uu ? 1 : 0;
            Geom ov = inter(c, g.get(), r ? red.get() : urb.get());
            list << "| " << codes[i] << " | " << (r ? "生态保护红线 (redline)" : "城镇开发边界 (urban)") << " | "
                 << num(geo(ov.get()), 2) << " | " << num(geo(g.get()), 2) << " |\n";
        }
        o << "\n### Permanent basic farmland\n- " << all.at("farmland").size() << " parcels, " << ha(sum)
          << " ha in all\n- parcels overlapping the red line: **" << nr << "**; overlapping the urban boundary: **"
          << nu << "** — the deliberate conflicts `zoning check` must find:\n\n"
          << "| DKBH | overlaps | overlap (m²) | parcel (m²) |\n|---|---|---:|---:|\n" << list.str();
    }
    {
        std::map<std::string, double> by;
        double sum = 0, sum_pl = 0;
        const auto cls = read_field(dir + "/units.shp", "GKLB");
        for (size_t i = 0; i < cls.size(); ++i) {
            const double a = geo(all.at("units")[i].get());
            by[cls[i]] += a;
            sum += a;
            sum_pl += meter_.planar(c, all.at("units")[i].get());
        }
        o << "\n### 三线一单 control units\n| GKLB | area (ha) | share |\n|---|---:|---:|\n";
        for (const auto& [k, v] : by) o << "| " << k << " | " << ha(v) << " | " << num(100 * v / d_geo, 2) << " % |\n";
        o << "- " << cls.size() << " units; sum " << km2(sum) << " km²; planar sum − district: " << num(sum_pl - d_pl, 3) << " m²\n";
    }
    {
        o << "\n### Rivers\n| river | length (km) |\n|---|---:|\n";
        const auto names = read_field(dir + "/rivers.shp", "HDMC");
        for (size_t i = 0; i < names.size(); ++i)
            o << "| " << names[i] << " | " << num(length(c, all.at("rivers")[i].get()) / 1000, 3) << " |\n";
    }
    {
        o << "\n### Cultural heritage\n| site | area (ha) |\n|---|---:|\n";
        const auto names = read_field(dir + "/heritage.shp", "WWMC");
        for (size_t i = 0; i < names.size(); ++i) o << "| " << names[i] << " | " << ha(geo(all.at("heritage")[i].get())) << " |\n";
    }
    {
        // Land use: by class, the partition, and the agreement with the other layers.
        const auto codes = read_field(dir + "/landuse.shp", "DLBM");
        const auto names = read_field(dir + "/landuse.shp", "DLMC");
        const auto& gs = all.at("landuse");
        std::map<std::string, std::pair<std::string, double>> by;
        std::map<std::string, int> count;
        double sum = 0, sum_pl = 0;
        std::vector<const GEOSGeometry*> cultivated, built, natural;
        for (size_t i = 0; i < gs.size(); ++i) {
            const double a = geo(gs[i].get());
            by[codes[i]].first = names[i];
            by[codes[i]].second += a;
            ++count[codes[i]];
            sum += a;
            sum_pl += meter_.planar(c, gs[i].get());
            const std::string f = codes[i].substr(0, 2);
            if (f == "01") cultivated.push_back(gs[i].get());
            if (f == "05" || f == "06" || f == "07" || f == "08" || f == "09" || f == "10") built.push_back(gs[i].get());
            if (f == "03" || f == "04" || f == "11") natural.push_back(gs[i].get());
        }
        o << "\n### Land use (三调 地类图斑)\n| DLBM | DLMC | parcels | area (ha) | share |\n|---|---|---:|---:|---:|\n";
        for (const auto& [code, v] : by)
            o << "| " << code << " | " << v.first << " | " << count[code] << " | " << ha(v.second) << " | "
              << num(100 * v.second / d_geo, 2) << " % |\n";
        auto on = [&](const std::string& id, const std::vector<const GEOSGeometry*>& cls) {
            Geom z = union_of_layer(id);
            Geom u = c.union_all(cls);
            Geom in = inter(c, z.get(), u.get());
            return 100 * geo(in.get()) / geo(z.get());
        };
        o << "- " << gs.size() << " parcels; sum " << km2(sum) << " km²; planar sum − district: " << num(sum_pl - d_pl, 3)
          << " m²\n"
          << "- permanent farmland on 耕地 (01): " << num(on("farmland", cultivated), 4) << " %; urban boundary on 建设用地 "
          << "(05–10): " << num(on("urban", built), 2) << " %; red line on 林地/草地/水域 (03, 04, 11): "
          << num(on("redline", natural), 2) << " %\n";
    }
    o << "<!-- figures:end -->\n";
    return o.str();
}

}  // namespace gen
