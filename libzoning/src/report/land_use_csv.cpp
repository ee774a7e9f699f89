// The 占用地类 table as CSV (`zoning screen --format csv --csv-land-use`): one row per footprint ×
// land_use layer × class, first-level rows followed by their second-level rows, then the total.
#include <zoning/report.hpp>

#include "report/format.hpp"

#include <cstdio>
#include <ostream>

namespace zoning {

namespace {

std::string quote(const std::string& s) { return report::csv_field(s); }

std::string num(double v) { return report::csv_number(v); }

}  // namespace

void write_land_use_csv(std::ostream& out, const ScreenReport& r) {
    out << "\xEF\xBB\xBF";  // BOM: Excel then reads the file as UTF-8
    out << "footprint_id,footprint_name,geometry_type,footprint_area_m2,footprint_length_m,layer,layer_title,"
           "level,code,name,area_m2,area_ha,area_mu,area_ellipsoidal_m2,share,length_m,farmland_m2,"
           "farmland_ellipsoidal_m2\r\n";
    for (const auto& f : r.footprints) {
        const std::string head = quote(f.id) + "," + quote(f.name) + "," + f.geometry_type + "," + num(f.area_m2) +
                                 "," + num(f.length_m) + ",";
        for (const auto& t : f.land_use) {
            auto row = [&](const char* level, const std::string& code, const std::string& name, double a, double e,
                           double share, double len, double farm, double farm_e) {
                out << head << t.layer << "," << quote(t.title) << "," << level << "," << quote(code) << ","
                    << quote(name) << "," << num(a) << "," << num(a / kM2PerHa) << "," << num(a / kM2PerMu) << ","
                    << num(e) << "," << num(share) << "," << num(len) << ","
                    << (t.farmland_screened ? num(farm) : "") << "," << (t.farmland_screened ? num(farm_e) : "")
                    << "\r\n";
            };
            for (const auto& c : t.classes) {
                row("1", c.code, c.name, c.area_m2, c.area_ellipsoidal_m2, c.share, c.length_m, c.farmland_m2,
                    c.farmland_ellipsoidal_m2);
                for (const auto& s : c.classes) {
                    row("2", s.code, s.name, s.area_m2, s.area_ellipsoidal_m2, s.share, s.length_m, s.farmland_m2,
                        s.farmland_ellipsoidal_m2);
                }
            }
            double farm = 0, farm_e = 0;
            for (const auto& c : t.classes) {
                farm += c.farmland_m2;
                farm_e += c.farmland_ellipsoidal_m2;
            }
            row("total", "", "", t.area_m2, t.area_ellipsoidal_m2, t.share, t.length_m, farm, farm_e);
        }
    }
}

}  // namespace zoning
