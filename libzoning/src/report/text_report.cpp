#include <zoning/report.hpp>

#include "report/format.hpp"

#include <array>
#include <ostream>

namespace zoning {

namespace {

struct Labels {
    const char* header;       // catalog, crs, method
    const char* area;
    const char* ellipsoidal;
    const char* length;
    const char* width;
    const char* radius;
    const char* verdict;
    const char* no_conflict;
    const char* near;
    const char* outside;
    const char* total;
    std::array<const char*, 10> columns;
    const char* more;         // "and N more"
    const char* warnings;
};

constexpr Labels kZh{"%s · 工作坐标系 %s · 椭球面积 %s",
                     "面积", "椭球面积", "长度", "宽度", "半径", "结论",
                     "未涉及任何管控图层", "邻近", "边界外", "合计",
                     {"图层", "结论", "面积(m²)", "公顷", "亩", "占比", "长度(m)", "距离(m)", "边界外(m²)", "涉及要素"},
                     "等 %zu 个", "警告"};
constexpr Labels kEn{"%s · working CRS %s · ellipsoidal area %s",
                     "area", "ellipsoidal", "length", "width", "radius", "verdict",
                     "touches no zoning layer", "near", "outside", "total",
                     {"layer", "verdict", "area(m²)", "ha", "mu", "share", "length(m)", "dist(m)", "outside(m²)", "features"},
                     "and %zu more", "warnings"};

std::string fmt(const char* pattern, const std::string& a, const std::string& b = {},
                const std::string& c = {}) {
    char buf[512];
    std::snprintf(buf, sizeof buf, pattern, a.c_str(), b.c_str(), c.c_str());
    return buf;
}

std::string verdict_label(Verdict v, Lang lang) {
    return std::string(lang == Lang::zh ? to_chinese(v) : to_string(v));
}

std::string feature_list(const Conflict& c, const Labels& L) {
    std::string s;
    const size_t shown = std::min<size_t>(c.features.size(), 4);
    for (size_t i = 0; i < shown; ++i) {
        const FeatureHit& h = c.features[i];
        std::string one = h.name.empty() ? "fid " + std::to_string(h.fid) : h.name;
        if (!h.code.empty()) one += " [" + h.code + "]";
        if (!h.cls.empty()) one += " (" + h.cls + ")";
        s += (i ? "; " : "") + one;
    }
    if (c.features.size() > shown) {
        char buf[64];
        std::snprintf(buf, sizeof buf, L.more, c.features.size() - shown);
        s += " ";
        s += buf;
    }
    return s;
}

}  // namespace

void write_text(std::ostream& out, const ScreenReport& r, Lang lang) {
    const Labels& L = lang == Lang::zh ? kZh : kEn;
    using report::number;
    out << fmt(L.header, r.catalog, r.crs, std::string(to_string(r.ellipsoidal))) << "\n";
    std::array<int, 4> counts{};
    for (size_t i = 0; i < r.footprints.size(); ++i) {
        const FootprintResult& f = r.footprints[i];
        ++counts[static_cast<size_t>(f.verdict)];
        out << "\n[" << (i + 1) << "] " << (f.name.empty() ? f.id : f.name) << "  (id " << f.id
            << ", " << f.geometry_type << ")\n";
        std::string line = "    ";
        if (f.dimension == 1) {
            line += std::string(L.length) + " " + number(f.length_m, 2) + " m";
            if (f.width_m > 0) line += ", " + std::string(L.width) + " " + number(f.width_m, 2) + " m";
            line += "; ";
        }
        if (f.dimension == 0 && f.radius_m > 0) {
            line += std::string(L.radius) + " " + number(f.radius_m, 2) + " m; ";
        }
        if (f.area_m2 > 0) {
            line += std::string(L.area) + " " + number(f.area_m2, 2) + " m² = " +
                    number(f.area_m2 / kM2PerHa, 4) + (lang == Lang::zh ? " 公顷 = " : " ha = ") +
                    number(f.area_m2 / kM2PerMu, 2) + (lang == Lang::zh ? " 亩; " : " mu; ") +
                    L.ellipsoidal + " " + number(f.area_ellipsoidal_m2, 2) + " m²";
        }
        while (!line.empty() && (line.back() == ' ' || line.back() == ';')) line.pop_back();
        if (line.size() > 4) out << line << "\n";
        out << "    " << L.verdict << ": " << verdict_label(f.verdict, lang);
        if (lang == Lang::zh) out << " (" << to_string(f.verdict) << ")";
        out << "\n";
        if (f.conflicts.empty()) {
            out << "    " << L.no_conflict << "\n";
            continue;
        }
        std::vector<std::string> header(L.columns.begin(), L.columns.end());
        report::Table t(header, {false, false, true, true, true, true, true, true, true, false});
        for (const auto& c : f.conflicts) {
            const bool has_area = f.area_m2 > 0;
            std::string verdict = verdict_label(c.verdict, lang);
            if (c.near_only) verdict += " (" + std::string(L.near) + ")";
            t.add({c.title, verdict,
                   has_area ? number(c.area_m2, 2) : "-",
                   has_area ? number(c.area_m2 / kM2PerHa, 4) : "-",
                   has_area ? number(c.area_m2 / kM2PerMu, 2) : "-",
                   report::percent(c.share),
                   f.length_m > 0 ? number(c.length_m, 2) : "-",
                   number(c.distance_m, 2),
                   c.outside_m2 ? number(*c.outside_m2, 2) : "-",
                   feature_list(c, L)});
        }
        out << t.render("    ");
    }
    out << "\n" << L.total << ": " << r.footprints.size();
    for (int v = 3; v >= 0; --v) {
        out << (v == 3 ? " — " : ", ") << verdict_label(static_cast<Verdict>(v), lang) << " "
            << counts[static_cast<size_t>(v)];
    }
    out << "\n";
    if (!r.warnings.empty()) {
        out << "\n" << L.warnings << " (" << r.warnings.size() << "):\n";
        for (const auto& w : r.warnings) out << "  " << w.where << ": " << w.what << "\n";
    }
}

}  // namespace zoning
