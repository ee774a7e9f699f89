// Coordinate sanity: swapped X/Y, missing, extra or wrong zone prefixes, lat/lon order.
// Chinese northings are 2-6 million metres, unprefixed GK eastings 0.1-0.9 million, prefixed
// ones zone×1e6 + that (13-45 million); longitudes 73-136 E, latitudes 3-54 N.
#include <zoning/error.hpp>
#include <zoning/formats.hpp>

#include <ogr_spatialref.h>

#include <cmath>
#include <cstdio>

namespace zoning {

namespace {

enum class Kind { easting, prefixed_easting, northing, other };

struct Range {
    Kind kind = Kind::other;
    int prefix = 0;
};

Range classify(double lo, double hi) {
    if (lo > 0 && hi < 1e6) return {Kind::easting, 0};
    if (lo >= 1e7 && hi < 4.6e7) {
        const int p = static_cast<int>(std::floor(lo / 1e6));
        if (p == static_cast<int>(std::floor(hi / 1e6)) && p >= 13 && p <= 45) return {Kind::prefixed_easting, p};
    }
    if (lo >= 1e6 && hi <= 7e6) return {Kind::northing, 0};
    return {};
}

bool lon_like(double lo, double hi) { return lo >= 73 && hi <= 136; }
bool lat_like(double lo, double hi) { return lo >= 3 && hi <= 54; }

std::string fmt(double v, int decimals = 3) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string range_text(const char* axis, double lo, double hi, int decimals) {
    return std::string(axis) + " " + fmt(lo, decimals) + ".." + fmt(hi, decimals);
}

struct GkFacts {
    double cm = 0;          ///< central meridian
    double false_easting = 0;
    int zone_of_prefix = 0; ///< zone in the false easting, 0 when unprefixed
    std::optional<GkSystem> sys;  ///< when the EPSG code is in the tables
};

std::optional<GkFacts> gk_facts(const Crs& crs) {
    if (crs.geographic) return std::nullopt;
    // The GK zones of the tables are known without asking GDAL (whose WKT1 export of the CRS costs
    // ~55M instructions, a fifth of screening one footprint from a cached catalog).
    if (const std::optional<GkSystem> sys = crs.epsg ? gk_system_of_epsg(*crs.epsg) : std::nullopt) {
        GkFacts f;
        f.cm = sys->central_meridian();
        f.zone_of_prefix = sys->prefixed ? sys->zone : 0;
        f.false_easting = 5e5 + 1e6 * f.zone_of_prefix;
        f.sys = sys;
        return f;
    }
    OGRSpatialReference srs;
    if (srs.importFromWkt(crs.wkt.c_str()) != OGRERR_NONE || !srs.IsProjected()) return std::nullopt;
    const char* proj = srs.GetAttrValue("PROJECTION");
    if (proj == nullptr || std::string(proj) != SRS_PT_TRANSVERSE_MERCATOR) return std::nullopt;
    GkFacts f;
    f.cm = srs.GetProjParm(SRS_PP_CENTRAL_MERIDIAN, 0.0);
    f.false_easting = srs.GetProjParm(SRS_PP_FALSE_EASTING, 0.0);
    // Gauss-Krüger: scale 1 on the central meridian (UTM's 0.9996 is not checked).
    if (f.cm < 72 || f.cm > 138 || std::fabs(srs.GetProjParm(SRS_PP_LATITUDE_OF_ORIGIN, 0.0)) > 1e-9 ||
        std::fabs(srs.GetProjParm(SRS_PP_SCALE_FACTOR, 1.0) - 1.0) > 1e-12) {
        return std::nullopt;
    }
    if (f.false_easting >= 1e6) f.zone_of_prefix = static_cast<int>(std::lround((f.false_easting - 5e5) / 1e6));
    if (crs.epsg) f.sys = gk_system_of_epsg(*crs.epsg);
    return f;
}

/// The zone number of an unprefixed CRS's central meridian, for the zone width of `prefix`.
int zone_of_cm(double cm, int prefix_zone) {
    const bool six = prefix_zone >= 13 && prefix_zone <= 23;
    return six ? static_cast<int>(std::lround((cm + 3) / 6)) : static_cast<int>(std::lround(cm / 3));
}

void check_prefix(const Crs& crs, const GkFacts& g, const Range& e, double lo, double hi,
                  AxisDiagnosis& d) {
    const std::string label = crs.label();
    const std::string east = range_text("eastings", lo, hi, 3);
    if (g.zone_of_prefix != 0) {
        if (e.kind == Kind::easting) {
            d.problem = east + " lack the zone prefix " + std::to_string(g.zone_of_prefix) + " of " + label;
            d.fix = "add " + std::to_string(g.zone_of_prefix) + ",000,000 to every easting";
            d.add_to_x = g.zone_of_prefix * 1e6;
        } else if (e.prefix != g.zone_of_prefix) {
            d.problem = east + " carry the zone prefix " + std::to_string(e.prefix) + " but " + label +
                        " is zone " + std::to_string(g.zone_of_prefix);
        }
    } else if (e.kind == Kind::prefixed_easting) {
        const int zone = zone_of_cm(g.cm, e.prefix);
        if (zone == e.prefix) {
            d.problem = east + " carry the zone prefix " + std::to_string(e.prefix) + " but " + label +
                        " has none (false easting 500000)";
            d.fix = "remove " + std::to_string(e.prefix) + ",000,000 from every easting";
            d.add_to_x = -e.prefix * 1e6;
            return;
        }
        d.problem = east + " carry the zone prefix " + std::to_string(e.prefix) + " but " + label +
                    " is the zone of CM " + fmt(g.cm, 0) + " E (zone " + std::to_string(zone) + ")";
    } else {
        return;
    }
    if (!d.problem.empty() && d.fix.empty()) {
        // Zone mismatch: the coordinates say which zone they are in.
        if (g.sys) {
            GkSystem s = *g.sys;
            s.zone = e.prefix;
            s.zone_width = e.prefix <= 23 ? 6 : 3;
            s.prefixed = true;
            try {
                const int epsg = gk_epsg(s);
                d.use_crs = Crs::from_user("EPSG:" + std::to_string(epsg));
                d.fix = "read the coordinates in EPSG:" + std::to_string(epsg) +
                        " (the zone of their prefix) instead of " + label;
                return;
            } catch (const InputError&) {
            }
        }
        d.fixable = false;
        d.fix = "give the CRS of zone " + std::to_string(e.prefix) + " with --s-srs";
    }
}

}  // namespace

AxisDiagnosis diagnose_axes(const Crs& crs, const Envelope& box) {
    AxisDiagnosis d;
    if (box.empty()) return d;
    if (crs.geographic) {
        const bool x_lon = lon_like(box.minx, box.maxx), y_lat = lat_like(box.miny, box.maxy);
        if (x_lon && y_lat) return d;
        if (lat_like(box.minx, box.maxx) && lon_like(box.miny, box.maxy)) {
            d.swap = true;
            d.problem = "coordinates are latitude, longitude (" + range_text("x", box.minx, box.maxx, 6) +
                        ", " + range_text("y", box.miny, box.maxy, 6) + "): longitude must come first in " +
                        crs.label();
            d.fix = "swap x and y";
            return d;
        }
        if (std::fabs(box.minx) > 360 || std::fabs(box.maxx) > 360 || std::fabs(box.miny) > 90 ||
            std::fabs(box.maxy) > 90) {
            d.fixable = false;
            d.problem = "coordinates " + range_text("x", box.minx, box.maxx, 3) + ", " +
                        range_text("y", box.miny, box.maxy, 3) + " are not degrees but " + crs.label() +
                        " is lon/lat";
            d.fix = "give the projected CRS with --s-srs (e.g. EPSG:4547 or EPSG:4526)";
        }
        return d;
    }
    const auto g = gk_facts(crs);
    if (!g) return d;
    const Range rx = classify(box.minx, box.maxx), ry = classify(box.miny, box.maxy);
    const bool x_east = rx.kind == Kind::easting || rx.kind == Kind::prefixed_easting;
    const bool y_east = ry.kind == Kind::easting || ry.kind == Kind::prefixed_easting;
    if (x_east && ry.kind == Kind::northing) {
        check_prefix(crs, *g, rx, box.minx, box.maxx, d);
        return d;
    }
    if (rx.kind == Kind::northing && y_east) {
        AxisDiagnosis p;
        check_prefix(crs, *g, ry, box.miny, box.maxy, p);
        d = p;
        d.swap = true;
        d.problem = "X and Y are swapped: the easting column holds northings (" +
                    range_text("x", box.minx, box.maxx, 3) + ") and the northing column eastings (" +
                    range_text("y", box.miny, box.maxy, 3) + ")" + (p.ok() ? "" : "; then " + p.problem);
        d.fix = "swap X and Y" + (p.ok() ? "" : "; then " + p.fix);
        return d;
    }
    if ((lon_like(box.minx, box.maxx) && lat_like(box.miny, box.maxy)) ||
        (lat_like(box.minx, box.maxx) && lon_like(box.miny, box.maxy))) {
        d.fixable = false;
        d.problem = "coordinates " + range_text("x", box.minx, box.maxx, 6) + ", " +
                    range_text("y", box.miny, box.maxy, 6) + " look like degrees but " + crs.label() +
                    " is projected";
        d.fix = "give --s-srs EPSG:4490 (CGCS2000 lon/lat)";
        return d;
    }
    d.fixable = false;
    d.problem = "coordinates " + range_text("x", box.minx, box.maxx, 3) + ", " +
                range_text("y", box.miny, box.maxy, 3) + " do not look like Gauss-Krüger coordinates in China (" +
                crs.label() + ": eastings 0.1-0.9 million or zone-prefixed 13-45 million, northings 2-6 million)";
    d.fix = "check the CRS (--s-srs) and the units";
    return d;
}

}  // namespace zoning
