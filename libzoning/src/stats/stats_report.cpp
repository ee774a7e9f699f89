// The stats report as text, JSON (zoning.stats/1) and CSV.
#include <zoning/error.hpp>
#include <zoning/stats.hpp>

#include "report/format.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
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

std::string num(double v) { return report::csv_number(v); }

std::string quote(const std::string& s) { return report::csv_field(s); }

/// An admin or land_use layer that is the whole district (100.00 %, nothing outside) says nothing
/// in a human table (nor does a column per land-use code in --wide): left out of the text unless
/// named with --layers (a footnote says so).
bool hidden_admin(const StatsReport& r, const LayerStats& s) {
    return !r.layers_chosen && (s.kind == LayerKind::admin || s.kind == LayerKind::land_use) && s.dimension == 2 &&
           percent(s.share) == "100.00%" && s.outside_m2 == 0;
}

/// The footnote naming the admin layers left out, or "".
std::string hidden_admin_note(const StatsReport& r) {
    std::string names;
    for (const auto& s : r.layers) {
        if (hidden_admin(r, s)) names += (names.empty() ? "" : ", ") + layer_label(s);
    }
    if (names.empty()) return "";
    return "  注: 行政区或地类图层 " + names + " 覆盖全区 (100.00%), 未列出; 用 --layers 指定即列出 (JSON、CSV 照列)\n";
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
        if (hidden_admin(r, s)) continue;
        std::vector<std::string> row{s.id, s.title, std::to_string(s.features)};
        for (auto& c : area_cells(s.area_m2, s.area_ellipsoidal_m2, percent(s.share))) row.push_back(std::move(c));
        row.push_back(number(s.outside_m2, 2));
        t.add(std::move(row));
    }
    out << "各图层 (要素并集, 重叠只计一次; 区外 = 并集落在区域之外的部分)\n" << t.render("  ") << hidden_admin_note(r)
        << "\n";
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
            if (s.by.empty() || hidden_admin(r, s)) continue;
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

namespace {

nlohmann::ordered_json by_rows_json(const std::vector<StatsRow>& rows, int dimension) {
    nlohmann::ordered_json a = nlohmann::ordered_json::array();
    for (const auto& row : rows) {
        nlohmann::ordered_json b;
        b["key"] = row.key;
        b["area_m2"] = row.area_m2;
        b["area_ellipsoidal_m2"] = row.area_ellipsoidal_m2;
        b["share"] = row.share;
        if (dimension == 1) b["length_m"] = row.length_m;
        if (row.remainder) b["remainder"] = true;
        a.push_back(std::move(b));
    }
    return a;
}

}  // namespace

void write_stats_json(std::ostream& out, const StatsReport& r) {
    using nlohmann::ordered_json;
    ordered_json j;
    j["schema"] = "zoning.stats/1";
    j["catalog"] = r.catalog;
    j["crs"] = r.crs;
    j["ellipsoidal"] = std::string(to_string(r.ellipsoidal));
    j["total"] = {{"layer", r.total_layer}, {"area_m2", r.total_area_m2},
                  {"area_ellipsoidal_m2", r.total_area_ellipsoidal_m2}};
    if (r.wide) {
        j["by"] = {{"layer", r.by_layer}, {"units", ordered_json::array()}};
        for (const auto& u : r.units) {
            j["by"]["units"].push_back({{"key", u.key}, {"fid", u.fid}, {"area_m2", u.area_m2},
                                        {"area_ellipsoidal_m2", u.area_ellipsoidal_m2}, {"share", u.share}});
        }
    }
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
        if (!r.by_layer.empty() && s.dimension >= 1) l["by"] = by_rows_json(s.by, s.dimension);
        if (r.wide && !s.classes.empty()) {
            l["classes"] = ordered_json::array();
            for (const auto& c : s.classes) {
                ordered_json cj;
                cj["class"] = c.cls;
                cj["verdict"] = std::string(to_string(c.verdict));
                cj["features"] = c.features;
                cj["area_m2"] = c.area_m2;
                cj["area_ellipsoidal_m2"] = c.area_ellipsoidal_m2;
                cj["share"] = c.share;
                cj["outside_m2"] = c.outside_m2;
                cj["by"] = by_rows_json(c.by, 2);
                l["classes"].push_back(std::move(cj));
            }
        }
        j["layers"].push_back(std::move(l));
    }
    j["overlaps"] = ordered_json::array();
    for (const auto& o : r.overlaps) {
        ordered_json oj{{"a", o.a}, {"b", o.b}, {"area_m2", o.area_m2}, {"area_ellipsoidal_m2", o.area_ellipsoidal_m2}};
        if (r.wide) {
            oj["in_area_m2"] = o.in_area_m2;
            oj["in_area_ellipsoidal_m2"] = o.in_area_ellipsoidal_m2;
            oj["in_share"] = o.in_share;
            oj["by"] = by_rows_json(o.by, 2);
        }
        j["overlaps"].push_back(std::move(oj));
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

// ---- the wide table: unit × layer -------------------------------------------------------------

namespace {

/// One column of the wide table: a layer, one of its classes, or an overlap.
struct WideColumn {
    std::string head, sub;        ///< text header: two lines
    std::string csv;              ///< CSV column stem
    int dimension = 2;
    const std::vector<StatsRow>* rows = nullptr;
    double area_m2 = 0, area_ellipsoidal_m2 = 0, share = 0, length_m = 0;  ///< the total row
};

std::string title_of(const std::string& id, const std::string& title) { return title.empty() ? id : title; }

std::vector<WideColumn> wide_columns(const StatsReport& r, std::vector<std::string>& notes) {
    std::vector<WideColumn> cols;
    std::string points;
    for (const auto& s : r.layers) {
        if (hidden_admin(r, s)) continue;  // 100 % of every unit
        if (s.dimension < 1) {
            points += (points.empty() ? "" : ", ") + layer_label(s);
            continue;
        }
        const std::string t = title_of(s.id, s.title);
        cols.push_back({t, s.classes.empty() ? std::string() : "合计", s.id, s.dimension, &s.by, s.area_m2,
                        s.area_ellipsoidal_m2, s.share, s.length_m});
        double class_sum = 0;
        for (const auto& c : s.classes) {
            cols.push_back({"", c.cls.empty() ? "(无类别)" : c.cls, s.id + "." + c.cls, 2, &c.by, c.area_m2,
                            c.area_ellipsoidal_m2, c.share, 0});
            class_sum += c.area_m2;
        }
        if (class_sum - s.area_m2 > std::max(1e-6, 1e-9 * s.area_m2)) {
            notes.push_back("注: " + layer_label(s) + " 的类别相互重叠, 各类别之和 (" + number(class_sum / kM2PerHa, 2) +
                            " 公顷, 平面) 大于图层合计 (重叠只计一次)");
        }
    }
    for (const auto& o : r.overlaps) {
        auto title = [&](const std::string& id) {
            for (const auto& s : r.layers) {
                if (s.id == id) return title_of(s.id, s.title);
            }
            return id;
        };
        cols.push_back({title(o.a) + "∩", title(o.b), o.a + "∩" + o.b, 2, &o.by, o.in_area_m2,
                        o.in_area_ellipsoidal_m2, o.in_share, 0});
        if (o.area_m2 - o.in_area_m2 >= 1e-6) {
            notes.push_back("注: " + o.a + "∩" + o.b + " 另有 " + number((o.area_ellipsoidal_m2 - o.in_area_ellipsoidal_m2) / kM2PerHa, 2) +
                            " 公顷在区域之外, 不在表中");
        }
    }
    if (!points.empty()) notes.push_back("注: 点状图层 " + points + " 不列入本表");
    const std::string admin = hidden_admin_note(r);
    if (!admin.empty()) notes.push_back(admin.substr(2, admin.size() - 3));  // without indent and newline
    return cols;
}

/// The rows of the table: every unit, then the remainder when some layer has one.
struct WideRow {
    std::string key;
    const StatsRow* unit = nullptr;  ///< null for the remainder
    size_t index = 0;                ///< position in each column's rows (the remainder: after the units)
};

std::vector<WideRow> wide_rows(const StatsReport& r, const std::vector<WideColumn>& cols) {
    std::vector<WideRow> rows;
    for (size_t i = 0; i < r.units.size(); ++i) rows.push_back({r.units[i].key, &r.units[i], i});
    for (const auto& c : cols) {
        if (c.rows->size() > r.units.size()) {
            rows.push_back({c.rows->back().key, nullptr, r.units.size()});
            break;
        }
    }
    return rows;
}

/// Column `c`'s row for `row`, or null (a remainder the column does not have).
const StatsRow* cell_of(const WideColumn& c, const WideRow& row) {
    if (row.index >= c.rows->size()) return nullptr;
    const StatsRow& s = (*c.rows)[row.index];
    return row.unit == nullptr && !s.remainder ? nullptr : &s;
}

std::string text_cell(int dimension, double ellipsoidal, double length, double share, bool with_share) {
    if (dimension == 1) return number(length / 1000.0, 3) + " km";
    return number(ellipsoidal / kM2PerHa, 2) + (with_share ? " (" + percent(share) + ")" : std::string());
}

}  // namespace

void write_stats_wide_text(std::ostream& out, const StatsReport& r) {
    if (!r.wide) throw InternalError("write_stats_wide_text: the report was computed without wide");
    const std::string unit = r.by_title.empty() ? r.by_layer : r.by_title;
    out << r.catalog << " · 按" << unit << " (" << r.by_layer << ") 分图层面积 · 工作坐标系 " << r.crs << " · 椭球面积 "
        << to_string(r.ellipsoidal) << "\n";
    out << "每格: 椭球面积 公顷 (占该" << unit << "面积); 线状图层: 区内长度 km; 合计行为全区 (" << r.total_layer
        << (r.total_title.empty() ? "" : " " + r.total_title) << "), 占比为占全区\n\n";
    std::vector<std::string> notes;
    const std::vector<WideColumn> cols = wide_columns(r, notes);
    const std::vector<WideRow> rows = wide_rows(r, cols);

    std::vector<std::string> head{unit, "面积(公顷)"}, sub{"", ""};
    std::vector<bool> right{false, true};
    for (const auto& c : cols) {
        head.push_back(c.head);
        sub.push_back(c.sub);
        right.push_back(true);
    }
    report::Table t(head, right);
    t.add(sub);
    for (const WideRow& row : rows) {
        std::vector<std::string> cells{row.key, row.unit ? number(row.unit->area_ellipsoidal_m2 / kM2PerHa, 2) : "-"};
        for (const auto& c : cols) {
            const StatsRow* s = cell_of(c, row);
            cells.push_back(s == nullptr ? text_cell(c.dimension, 0, 0, 0, row.unit != nullptr)
                                         : text_cell(c.dimension, s->area_ellipsoidal_m2, s->length_m, s->share,
                                                     row.unit != nullptr));
        }
        t.add(std::move(cells));
    }
    std::vector<std::string> total{"合计 (全区)", number(r.total_area_ellipsoidal_m2 / kM2PerHa, 2)};
    for (const auto& c : cols) total.push_back(text_cell(c.dimension, c.area_ellipsoidal_m2, c.length_m, c.share, true));
    t.add(std::move(total));
    out << t.render("  ");
    for (const auto& n : notes) out << "  " << n << "\n";
    if (!r.warnings.empty()) {
        out << "\n警告 (" << r.warnings.size() << ")\n";
        for (const auto& w : r.warnings) out << "  " << w.where << ": " << w.what << "\n";
    }
}

void write_stats_wide_csv(std::ostream& out, const StatsReport& r) {
    if (!r.wide) throw InternalError("write_stats_wide_csv: the report was computed without wide");
    std::vector<std::string> notes;
    const std::vector<WideColumn> cols = wide_columns(r, notes);
    const std::vector<WideRow> rows = wide_rows(r, cols);
    out << "\xEF\xBB\xBF";  // BOM: Excel then reads the file as UTF-8
    out << "key,fid,area_m2,area_ellipsoidal_m2,area_ha";
    for (const auto& c : cols) {
        if (c.dimension == 1) {
            out << "," << quote(c.csv + "_length_m");
        } else {
            out << "," << quote(c.csv + "_area_m2") << "," << quote(c.csv + "_ha") << "," << quote(c.csv + "_share");
        }
    }
    out << "\r\n";
    auto cells = [&](const WideColumn& c, double planar, double e, double len, const std::string& share) {
        return c.dimension == 1 ? "," + num(len) : "," + num(planar) + "," + num(e / kM2PerHa) + "," + share;
    };
    for (const WideRow& row : rows) {
        out << quote(row.key) << "," << (row.unit ? std::to_string(row.unit->fid) : "") << ","
            << (row.unit ? num(row.unit->area_m2) + "," + num(row.unit->area_ellipsoidal_m2) + "," +
                               num(row.unit->area_ellipsoidal_m2 / kM2PerHa)
                         : std::string(",,"));
        for (const auto& c : cols) {
            const StatsRow* s = cell_of(c, row);
            out << (s == nullptr ? cells(c, 0, 0, 0, row.unit ? num(0) : "")
                                 : cells(c, s->area_m2, s->area_ellipsoidal_m2, s->length_m, row.unit ? num(s->share) : ""));
        }
        out << "\r\n";
    }
    out << quote("合计 (全区)") << ",," << num(r.total_area_m2) << "," << num(r.total_area_ellipsoidal_m2) << ","
        << num(r.total_area_ellipsoidal_m2 / kM2PerHa);
    for (const auto& c : cols) out << cells(c, c.area_m2, c.area_ellipsoidal_m2, c.length_m, num(c.share));
    out << "\r\n";
}

}  // namespace zoning
