#include <zoning/report.hpp>

#include <cstdio>
#include <ostream>

namespace zoning {

namespace {

std::string quote(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

std::string num(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6f", v);
    return buf;
}

}  // namespace

void write_csv(std::ostream& out, const ScreenReport& r) {
    out << "\xEF\xBB\xBF";  // BOM: Excel then reads the file as UTF-8
    out << "footprint_id,footprint_name,geometry_type,footprint_area_m2,footprint_length_m,"
           "footprint_verdict,layer,layer_title,kind,verdict,near,area_m2,area_ha,area_mu,"
           "area_ellipsoidal_m2,share,length_m,distance_m,outside_m2,feature_count,features\r\n";
    for (const auto& f : r.footprints) {
        const std::string head = quote(f.id) + "," + quote(f.name) + "," + f.geometry_type + "," +
                                 num(f.area_m2) + "," + num(f.length_m) + "," +
                                 std::string(to_string(f.verdict)) + ",";
        if (f.conflicts.empty()) {
            out << head << ",,,allowed,,0,0,0,0,0,0,,,0,\r\n";
            continue;
        }
        for (const auto& c : f.conflicts) {
            std::string names;
            for (const auto& h : c.features) {
                if (!names.empty()) names += "; ";
                names += h.name.empty() ? "fid " + std::to_string(h.fid) : h.name;
            }
            out << head << c.layer << "," << quote(c.title) << "," << to_string(c.kind) << ","
                << to_string(c.verdict) << "," << (c.near_only ? "yes" : "no") << ","
                << num(c.area_m2) << "," << num(c.area_m2 / kM2PerHa) << ","
                << num(c.area_m2 / kM2PerMu) << "," << num(c.area_ellipsoidal_m2) << ","
                << num(c.share) << "," << num(c.length_m) << "," << num(c.distance_m) << ","
                << (c.outside_m2 ? num(*c.outside_m2) : "") << "," << c.features.size() << ","
                << quote(names) << "\r\n";
        }
    }
}

}  // namespace zoning
