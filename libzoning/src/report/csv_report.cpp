#include <zoning/report.hpp>

#include "report/format.hpp"

#include <cstdio>
#include <optional>
#include <ostream>

namespace zoning {

namespace {

std::string quote(const std::string& s) { return report::csv_field(s); }

std::string num(double v) { return report::csv_number(v); }

}  // namespace

namespace {

std::string feature_name(const FeatureHit& h) { return h.name.empty() ? "fid " + std::to_string(h.fid) : h.name; }

}  // namespace

void write_csv(std::ostream& out, const ScreenReport& r) {
    out << "\xEF\xBB\xBF";  // BOM: Excel then reads the file as UTF-8
    out << "footprint_id,footprint_name,geometry_type,footprint_area_m2,footprint_length_m,"
           "footprint_verdict,layer,layer_title,kind,verdict,near,area_m2,area_ha,area_mu,"
           "area_ellipsoidal_m2,share,length_m,distance_m,outside_m2,feature_count,features,"
           "class,area_ellipsoidal_ha,area_ellipsoidal_mu,coverage,outside_catalog_m2,outside_catalog_m,not_screened";
    // The rule columns, appended only when a footprint has a category (docs/screen.md).
    const bool rules = r.has_categories();
    if (rules) out << ",category,rule_id,rule_basis,rule_procedure";
    out << "\r\n";
    for (const auto& f : r.footprints) {
        const std::string head = quote(f.id) + "," + quote(f.name) + "," + f.geometry_type + "," +
                                 num(f.area_m2) + "," + num(f.length_m) + "," +
                                 std::string(to_string(f.verdict)) + ",";
        // The footprint's coverage, the same on each of its rows (docs/screen.md).
        const bool checked = f.coverage != Coverage::unchecked;
        const std::string category =
            rules ? "," + (f.category ? std::string(to_string(*f.category)) : std::string()) : "";
        auto rule_cells = [&](const std::optional<AppliedRule>& rule) -> std::string {
            if (!rules) return "";
            if (!rule) return category + ",,,";
            return category + "," + quote(rule->id) + "," + quote(rule->basis) + "," + quote(rule->procedure);
        };
        const std::string tail = "," + std::string(to_string(f.coverage)) + "," + (checked ? num(f.outside_catalog_m2) : "") +
                                 "," + (checked && f.dimension == 1 ? num(f.outside_catalog_m) : "") + "," +
                                 quote(f.not_screened);
        if (f.conflicts.empty()) {
            out << head << ",,," << (f.verdict == Verdict::unknown ? "unknown" : "allowed") << ",,0,0,0,0,0,0,,,0,,,0,0"
                << tail << rule_cells(std::nullopt) << "\r\n";
            continue;
        }
        // One row per layer (the subtotal, class empty), then one per class of the layer.
        auto row = [&](const Conflict& c, const std::string& cls, Verdict v, bool near, double area, double area_e,
                       double share, double length, double distance, const std::optional<double>& outside,
                       const std::vector<size_t>& which, const std::optional<AppliedRule>& rule) {
            std::string names;
            for (size_t i : which) {
                const FeatureHit& h = c.features[i];
                if (!names.empty()) names += "; ";
                names += feature_name(h);
                if (cls.empty() && !h.cls.empty()) names += " (" + h.cls + ")";
            }
            out << head << c.layer << "," << quote(c.title) << "," << to_string(c.kind) << "," << to_string(v) << ","
                << (near ? "yes" : "no") << "," << num(area) << "," << num(area / kM2PerHa) << ","
                << num(area / kM2PerMu) << "," << num(area_e) << "," << num(share) << "," << num(length) << ","
                << num(distance) << "," << (outside ? num(*outside) : "") << "," << which.size() << "," << quote(names)
                << "," << quote(cls) << "," << num(area_e / kM2PerHa) << "," << num(area_e / kM2PerMu) << tail
                << rule_cells(rule) << "\r\n";
        };
        for (const auto& c : f.conflicts) {
            std::vector<size_t> all(c.features.size());
            for (size_t i = 0; i < all.size(); ++i) all[i] = i;
            row(c, "", c.verdict, c.near_only, c.area_m2, c.area_ellipsoidal_m2, c.share, c.length_m, c.distance_m,
                c.outside_m2, all, c.rule);
            for (const ClassRow& k : c.classes) {
                row(c, k.cls, k.verdict, k.near_only, k.area_m2, k.area_ellipsoidal_m2, k.share, k.length_m,
                    k.distance_m, std::nullopt, k.features, k.rule);
            }
        }
    }
}

void write_csv_features(std::ostream& out, const ScreenReport& r) {
    out << "\xEF\xBB\xBF";
    out << "footprint_id,footprint_name,geometry_type,footprint_area_m2,footprint_length_m,footprint_verdict,"
           "layer,layer_title,kind,class,feature_fid,feature_name,feature_code,verdict,near,area_m2,area_ha,"
           "area_mu,area_ellipsoidal_m2,area_ellipsoidal_ha,area_ellipsoidal_mu,share,length_m,distance_m";
    // The rule columns, as in write_csv: only when a footprint has a category (docs/screen.md).
    const bool rules = r.has_categories();
    if (rules) out << ",category,rule_id,rule_basis,rule_procedure";
    out << "\r\n";
    for (const auto& f : r.footprints) {
        const std::string head = quote(f.id) + "," + quote(f.name) + "," + f.geometry_type + "," +
                                 num(f.area_m2) + "," + num(f.length_m) + "," +
                                 std::string(to_string(f.verdict)) + ",";
        const std::string category =
            rules ? "," + (f.category ? std::string(to_string(*f.category)) : std::string()) : "";
        for (const auto& c : f.conflicts) {
            for (size_t i = 0; i < c.features.size(); ++i) {
                const FeatureHit& h = c.features[i];
                std::string rule_cells = category;
                if (rules) {
                    const AppliedRule* rule = c.feature_rule(i);
                    rule_cells += rule == nullptr ? ",,," : "," + quote(rule->id) + "," + quote(rule->basis) + "," +
                                                                quote(rule->procedure);
                }
                // The share of the footprint's area (length for lines) in this feature.
                const double share = f.area_m2 > 0     ? h.area_m2 / f.area_m2
                                     : f.length_m > 0 ? h.length_m / f.length_m
                                                      : (c.near_only ? 0.0 : 1.0);
                out << head << c.layer << "," << quote(c.title) << "," << to_string(c.kind) << "," << quote(h.cls)
                    << "," << h.fid << "," << quote(h.name) << "," << quote(h.code) << "," << to_string(h.verdict)
                    << "," << (c.near_only ? "yes" : "no") << "," << num(h.area_m2) << ","
                    << num(h.area_m2 / kM2PerHa) << "," << num(h.area_m2 / kM2PerMu) << ","
                    << num(h.area_ellipsoidal_m2) << "," << num(h.area_ellipsoidal_m2 / kM2PerHa) << ","
                    << num(h.area_ellipsoidal_m2 / kM2PerMu) << "," << num(share) << "," << num(h.length_m) << ","
                    << num(h.distance_m) << rule_cells << "\r\n";
            }
        }
    }
}

}  // namespace zoning
