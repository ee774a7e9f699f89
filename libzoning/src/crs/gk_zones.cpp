// The Gauss-Krüger zone systems of CGCS2000, Xian 1980 and Beijing 1954 and their EPSG codes
// (checked with projinfo: lon_0 and x_0 of both ends of every range).
#include <zoning/error.hpp>
#include <zoning/formats.hpp>

#include <array>

namespace zoning {

namespace {

struct Range {
    GkDatum datum;
    int width;
    bool prefixed;
    int first_epsg;  ///< EPSG of the first zone
    int first_zone;  ///< 25 for 3° (CM 75 E), 13 for 6° (CM 75 E)
    int zones;       ///< 21 for 3°, 11 for 6°
};

constexpr std::array<Range, 12> kRanges{{
    {GkDatum::cgcs2000, 3, true, 4513, 25, 21},    {GkDatum::cgcs2000, 3, false, 4534, 25, 21},
    {GkDatum::cgcs2000, 6, true, 4491, 13, 11},    {GkDatum::cgcs2000, 6, false, 4502, 13, 11},
    {GkDatum::xian1980, 3, true, 2349, 25, 21},    {GkDatum::xian1980, 3, false, 2370, 25, 21},
    {GkDatum::xian1980, 6, true, 2327, 13, 11},    {GkDatum::xian1980, 6, false, 2338, 13, 11},
    {GkDatum::beijing1954, 3, true, 2401, 25, 21}, {GkDatum::beijing1954, 3, false, 2422, 25, 21},
    {GkDatum::beijing1954, 6, true, 21413, 13, 11},{GkDatum::beijing1954, 6, false, 21473, 13, 11},
}};

}  // namespace

int gk_epsg(const GkSystem& s) {
    for (const auto& r : kRanges) {
        if (r.datum != s.datum || r.width != s.zone_width || r.prefixed != s.prefixed) continue;
        if (s.zone < r.first_zone || s.zone >= r.first_zone + r.zones) {
            throw InputError("带号 " + std::to_string(s.zone) + " is not a " + std::to_string(s.zone_width) +
                             "-degree zone of China (" + std::to_string(r.first_zone) + ".." +
                             std::to_string(r.first_zone + r.zones - 1) + ")");
        }
        return r.first_epsg + (s.zone - r.first_zone);
    }
    throw InputError("几度分带 " + std::to_string(s.zone_width) + ": only 3 and 6 degree zones exist");
}

std::optional<GkSystem> gk_system_of_epsg(int epsg) {
    for (const auto& r : kRanges) {
        if (epsg >= r.first_epsg && epsg < r.first_epsg + r.zones) {
            return GkSystem{r.datum, r.width, r.first_zone + (epsg - r.first_epsg), r.prefixed};
        }
    }
    return std::nullopt;
}

std::optional<GkDatum> parse_gk_datum(std::string_view t) {
    auto has = [&](std::string_view s) { return t.find(s) != std::string_view::npos; };
    if (has("2000") || has("CGCS") || has("cgcs")) return GkDatum::cgcs2000;
    if (has("西安") || has("80") || has("Xian") || has("XIAN") || has("xian")) return GkDatum::xian1980;
    if (has("北京") || has("54") || has("Beijing") || has("BEIJING") || has("beijing")) return GkDatum::beijing1954;
    return std::nullopt;
}

std::string_view gk_datum_name(GkDatum d) {
    switch (d) {
        case GkDatum::cgcs2000: return "2000国家大地坐标系";
        case GkDatum::xian1980: return "1980西安坐标系";
        case GkDatum::beijing1954: return "1954北京坐标系";
    }
    return "";
}

}  // namespace zoning
