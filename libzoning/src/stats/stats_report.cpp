// The stats report as text, JSON (zoning.stats/1) and CSV.
#include <zoning/stats.hpp>

#include "report/format.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <ostream>

namespace zoning {

namespace {

using report::number;
using report::percent;

std::string layer_label(const LayerStats& s) { return s.title.empty() || s.title == s.id ? s.id : s.id + " " + s.title; }

/// Ellipsoidal m², 公顷, 亩, km², the share, then the planar m².
std::vector<std::string> area_cells(double planar, double ellipsoidal, const std::string& share) {
    return {number(ellipsoidal, 2), number(ellipsoidal / kM2PerHa, 2), number(ellipsoidal / kM2PerMu, 2),
            number(ellipsoidal / kM2PerKm2, 4), share, number(planar, 2)};
}

std::string num(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6f", v);
    return buf;
}

std::string quote(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

}  // namespace

void write_stats_text(std::ostream& out, const StatsReport& r) {
    out << r.catalog << " · 面积统计 · 工作坐标系 " << r.crs << " · 椭球面积 " << to_string(r.ellipsoidal) << "\n";
    out << "公顷、亩、km² 与占比均按椭球面积; 平面面积为工作坐标系中的面积\n\n";
    out << "区域总面积 (" << r.total_layer << (r.total_title.empty() ? "" : " " + r.total_title) << "): "
        << number(r.total_area_ellipsoidal_m2 / kM2PerKm2, 2) << " km² = "
        << number(r.total_area_ellipsoidal_m2 / kM2PerHa, 2) << " 公顷 = "
        << number(r.total_area_ellipsoidal_m2 / kM2PerMu, 2) << " 亩 (椭球面积 "
        << number(r.total_area_ellipsoidal_m2, 2) << " m²); 平面 " << number(r.total_area_m2, 2) << " m²\n\n";

    const std::vector<bool> right{false, false, true, true, true, true, true, true, true, true};
    report::Table t({"图层", "名称", "要素", "面积(m²)", "公顷", "亩", "km²", "占比", "平面面积(m²)", "区外(m²)"}, right);
    std::vector<const LayerStats*> lines;
    for (const auto& s : r.layers) {
        if (s.dimension < 2) {
            lines.push_back(&s);
            continue;
        }
        std::vector<std::string> row{s.id, s.title, std::to_string(s.features)};
        for (auto& c : area_cells(s.area_m2, s.area_ellipsoidal_m2, percent(s.share))) row.push_back(std::move(c));
        row.push_back(number(s.outside_m2, 2));
        t.add(std::move(row));
    }
    out << "各图层 (要素并集, 重叠只计一次; 区外 = 并集落在区域之外的部分)\n" << t.render("  ") << "\n";
    if (!lines.empty()) {
        report::Table lt({"图层", "名称", "要素", "区内长度(m)", "区外长度(m)"}, {false, false, true, true, true});
        for (const auto* s : lines) {
            lt.add({s->id, s->title, std::to_string(s->features), number(s->length_m, 2), number(s->outside_length_m, 2)});
        }
        out << "线状图层\n" << lt.render("  ") << "\n";
    }

    if (!r.by_layer.empty()) {
        const std::string unit = r.by_title.empty() ? r.by_layer : r.by_title;
        out << "按" << unit << " (" << r.by_layer << ") 分\n\n";
        for (const auto& s : r.layers) {
            if (s.by.empty()) continue;
            out << "[" << layer_label(s) << "]\n";
            if (s.dimension == 1) {
                report::Table bt({unit, "长度(m)"}, {false, true});
                for (const auto& row : s.by) bt.add({row.key, number(row.length_m, 2)});
                bt.add({"合计", number(s.length_m, 2)});
                out << bt.render("  ") << "\n";
                continue;
            }
            report::Table bt({unit, "面积(m²)", "公顷", "亩", "km²", "占" + unit, "平面面积(m²)"},
                             {false, true, true, true, true, true, true});
            for (const auto& row : s.by) {
                std::vector<std::string> cells{row.key};
                for (auto& c : area_cells(row.area_m2, row.area_ellipsoidal_m2,
                                          row.remainder ? std::string("-") : percent(row.share))) {
                    cells.push_back(std::move(c));
                }
                bt.add(std::move(cells));
            }
            std::vector<std::string> total{"合计 (区内)"};
            for (auto& c : area_cells(s.area_m2, s.area_ellipsoidal_m2, percent(s.share))) total.push_back(std::move(c));
            bt.add(std::move(total));
            out << bt.render("  ") << "\n";
        }
    }

    if (!r.overlaps.empty()) {
        report::Table ot({"图层 A", "图层 B", "重叠面积(m²)", "公顷", "亩", "km²", "占比", "平面面积(m²)"},
                         {false, false, true, true, true, true, true, true});
        for (const auto& o : r.overlaps) {
            std::vector<std::string> row{o.a, o.b};
            for (auto& c : area_cells(o.area_m2, o.area_ellipsoidal_m2, percent(o.share))) row.push_back(std::move(c));
            ot.add(std::move(row));
        }
        out << "图层重叠 (并集 A ∩ 并集 B)\n" << ot.render("  ") << "\n";
    }
    if (!r.warnings.empty()) {
        out << "警告 (" << r.warnings.size() << ")\n";
        for (const auto& w : r.warnings) out << "  " << w.where << ": " << w.what << "\n";
    }
}

void write_stats_json(std::ostream& out, const StatsReport& r) {
    using nlohmann::ordered_json;
    ordered_json j;
    j["schema"] = "zoning.stats/1";
    j["catalog"] = r.catalog;
    j["crs"] = r.crs;
    j["ellipsoidal"] = std::string(to_string(r.ellipsoidal));
    j["total"] = {{"layer", r.total_layer}, {"area_m2", r.total_area_m2},
                  {"area_ellipsoidal_m2", r.total_area_ellipsoidal_m2}};
    j["layers"] = ordered_json::array();
    for (const auto& s : r.layers) {
        ordered_json l;
        l["id"] = s.id;
        l["kind"] = std::string(to_string(s.kind));
        l["features"] = s.features;
        if (s.dimension == 2) l["overlapping_features"] = s.overlapping;
        l["area_m2"] = s.area_m2;
        l["area_ellipsoidal_m2"] = s.area_ellipsoidal_m2;
        l["share"] = s.share;
        l["outside_m2"] = s.outside_m2;
        if (s.dimension == 1) {
            l["length_m"] = s.length_m;
            l["outside_length_m"] = s.outside_length_m;
        }
        if (!r.by_layer.empty() && s.dimension >= 1) {
            l["by"] = ordered_json::array();
            for (const auto& row : s.by) {
                ordered_json b;
                b["key"] = row.key;
                b["area_m2"] = row.area_m2;
                b["area_ellipsoidal_m2"] = row.area_ellipsoidal_m2;
                b["share"] = row.share;
                if (s.dimension == 1) b["length_m"] = row.length_m;
                if (row.remainder) b["remainder"] = true;
                l["by"].push_back(std::move(b));
            }
        }
        j["layers"].push_back(std::move(l));
    }
    j["overlaps"] = ordered_json::array();
    for (const auto& o : r.overlaps) {
        j["overlaps"].push_back({{"a", o.a}, {"b", o.b}, {"area_m2", o.area_m2},
                                 {"area_ellipsoidal_m2", o.area_ellipsoidal_m2}});
    }
    j["warnings"] = ordered_json::array();
    for (const auto& w : r.warnings) j["warnings"].push_back({{"where", w.where}, {"what", w.what}});
    out << j.dump(2) << '\n';
}

void write_stats_csv(std::ostream& out, const StatsReport& r) {
    out << "\xEF\xBB\xBF";  // BOM: Excel then reads the file as UTF-8
    out << "section,layer,title,kind,key,features,area_m2,area_ellipsoidal_m2,area_ha,area_mu,area_km2,"
           "share,outside_m2,length_m\r\n";
    auto areas = [](double planar, double e) {
        return num(planar) + "," + num(e) + "," + num(e / kM2PerHa) + "," + num(e / kM2PerMu) + "," +
               num(e / kM2PerKm2);
    };
    out << "total," << r.total_layer << "," << quote(r.total_title) << ",admin,,,"
        << areas(r.total_area_m2, r.total_area_ellipsoidal_m2) << "," << num(1.0) << ",,\r\n";
    for (const auto& s : r.layers) {
        const std::string head = s.id + "," + quote(s.title) + "," + std::string(to_string(s.kind)) + ",";
        out << "layer," << head << "," << s.features << "," << areas(s.area_m2, s.area_ellipsoidal_m2) << ","
            << num(s.share) << "," << num(s.outside_m2) << "," << (s.dimension == 1 ? num(s.length_m) : "") << "\r\n";
        for (const auto& row : s.by) {
            out << "by," << head << quote(row.key) << ",," << areas(row.area_m2, row.area_ellipsoidal_m2) << ","
                << (row.remainder ? "" : num(row.share)) << ",," << (s.dimension == 1 ? num(row.length_m) : "")
                << "\r\n";
        }
    }
    for (const auto& o : r.overlaps) {
        out << "overlap," << o.a << ",,," << o.b << ",," << areas(o.area_m2, o.area_ellipsoidal_m2) << ","
            << num(o.share) << ",,\r\n";
    }
}

}  // namespace zoning
