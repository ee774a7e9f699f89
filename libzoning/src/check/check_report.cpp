// The check report: text and JSON (zoning.check/1); the findings as geometries (-o) are
// written by output/check_writer.cpp.
#include <zoning/area.hpp>
#include <zoning/check.hpp>
#include <zoning/error.hpp>

#include "check/finding_order.hpp"
#include "report/format.hpp"

#include <nlohmann/json.hpp>

#include <ostream>

namespace zoning {

namespace {

using report::number;

std::string_view severity_zh(Severity s) {
    switch (s) {
        case Severity::info: return "提示";
        case Severity::warning: return "警告";
        case Severity::error: return "错误";
    }
    return "错误";
}

using check::ordered;

}  // namespace

void write_check_text(std::ostream& out, const CheckReport& r) {
    out << r.catalog << " · 数据检查 · 工作坐标系 " << r.crs << "\n";
    out << "错误 " << r.count(Severity::error) << ", 警告 " << r.count(Severity::warning) << ", 提示 "
        << r.count(Severity::info) << "; 三条控制线冲突 " << r.conflicts.size() << " 处\n\n";
    if (!r.findings.empty()) {
        report::Table t({"级别", "图层", "fid", "类型", "面积(m²)", "位置 x", "位置 y", "说明"},
                        {false, false, true, false, true, true, true, false});
        for (const Finding* f : ordered(r)) {
            t.add({std::string(severity_zh(f->severity)), f->layer, f->fid ? std::to_string(*f->fid) : "-", f->type,
                   f->area_m2 ? number(*f->area_m2, 2) : "-", f->x ? number(*f->x, 3) : "-",
                   f->y ? number(*f->y, 3) : "-", f->detail});
        }
        out << "发现\n" << t.render("  ") << "\n";
    }
    if (!r.conflicts.empty()) {
        report::Table t({"图层 A", "fid", "名称", "图层 B", "fid", "名称", "面积(m²)", "公顷", "亩", "椭球面积(m²)", "中心 x", "中心 y"},
                        {false, true, false, false, true, false, true, true, true, true, true, true});
        double total = 0;
        for (const auto& c : r.conflicts) {
            t.add({c.a, std::to_string(c.a_fid), c.a_name, c.b, std::to_string(c.b_fid), c.b_name, number(c.area_m2, 2),
                   number(c.area_m2 / kM2PerHa, 4), number(c.area_m2 / kM2PerMu, 2), number(c.area_ellipsoidal_m2, 2),
                   number(c.x, 3), number(c.y, 3)});
            total += c.area_m2;
        }
        out << "三条控制线冲突 (生态保护红线 / 永久基本农田 / 城镇开发边界 两两重叠的每一块)\n" << t.render("  ")
            << "  合计 " << number(total, 2) << " m²\n";
    }
    if (r.findings.empty() && r.conflicts.empty()) out << "未发现问题\n";
}

void write_check_json(std::ostream& out, const CheckReport& r) {
    using nlohmann::ordered_json;
    ordered_json j;
    j["schema"] = "zoning.check/1";
    j["catalog"] = r.catalog;
    j["crs"] = r.crs;
    j["summary"] = {{"error", r.count(Severity::error)}, {"warning", r.count(Severity::warning)},
                    {"info", r.count(Severity::info)}, {"control_line_conflicts", r.conflicts.size()}};
    j["findings"] = ordered_json::array();
    for (const Finding* f : ordered(r)) {
        ordered_json fj;
        fj["layer"] = f->layer;
        fj["fid"] = f->fid ? ordered_json(*f->fid) : ordered_json(nullptr);
        fj["type"] = f->type;
        fj["severity"] = std::string(to_string(f->severity));
        fj["detail"] = f->detail;
        if (f->area_m2) fj["area_m2"] = *f->area_m2;
        if (f->x) fj["x"] = *f->x;
        if (f->y) fj["y"] = *f->y;
        j["findings"].push_back(std::move(fj));
    }
    j["control_line_conflicts"] = ordered_json::array();
    for (const auto& c : r.conflicts) {
        j["control_line_conflicts"].push_back({{"a", c.a}, {"b", c.b}, {"a_fid", c.a_fid}, {"b_fid", c.b_fid},
                                               {"a_name", c.a_name}, {"b_name", c.b_name}, {"area_m2", c.area_m2},
                                               {"area_ellipsoidal_m2", c.area_ellipsoidal_m2}, {"x", c.x}, {"y", c.y}});
    }
    out << j.dump(2) << '\n';
}

}  // namespace zoning
