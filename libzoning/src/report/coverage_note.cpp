// The sentence that says how much of a footprint lies outside the catalog's coverage.
#include <zoning/area.hpp>
#include <zoning/report.hpp>

#include "report/format.hpp"

namespace zoning {

std::string coverage_note(const FootprintResult& f, Lang lang) {
    const bool zh = lang == Lang::zh;
    if (f.coverage == Coverage::none) return zh ? "超出目录范围，无法审查" : "outside the catalog's coverage: not screened";
    if (f.coverage != Coverage::partial) return {};
    using report::number;
    if (f.area_m2 > 0) {
        // 公顷 and 亩 from the ellipsoidal areas, as everywhere a person reads them (docs/areas.md).
        const double out_e = f.outside_catalog_ellipsoidal_m2;
        const std::string share = report::percent(f.area_ellipsoidal_m2 > 0 ? out_e / f.area_ellipsoidal_m2
                                                                            : f.outside_catalog_m2 / f.area_m2);
        std::string s = zh ? number(out_e / kM2PerHa, 4) + " 公顷(" + number(out_e / kM2PerMu, 2) + " 亩，" + share +
                                 ")在目录范围外，未审查"
                           : number(out_e / kM2PerHa, 4) + " ha (" + number(out_e / kM2PerMu, 2) + " mu, " + share +
                                 ") lies outside the catalog's coverage: not screened";
        if (f.dimension == 1 && f.outside_catalog_m > 0) {
            s += zh ? "（中线 " + number(f.outside_catalog_m, 2) + " m）" : " (centreline " + number(f.outside_catalog_m, 2) + " m)";
        }
        return s;
    }
    if (f.dimension == 1) {
        const std::string share = report::percent(f.length_m > 0 ? f.outside_catalog_m / f.length_m : 0);
        return zh ? number(f.outside_catalog_m, 2) + " m(" + share + ")在目录范围外，未审查"
                  : number(f.outside_catalog_m, 2) + " m (" + share + ") lies outside the catalog's coverage: not screened";
    }
    return zh ? "部分点位在目录范围外，未审查" : "some of the points lie outside the catalog's coverage: not screened";
}

}  // namespace zoning
