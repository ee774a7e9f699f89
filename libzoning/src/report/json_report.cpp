#include <zoning/report.hpp>

namespace zoning {

namespace {

nlohmann::ordered_json feature_json(const FeatureHit& h) {
    nlohmann::ordered_json j;
    j["fid"] = h.fid;
    j["name"] = h.name;
    j["code"] = h.code;
    j["class"] = h.cls;
    j["verdict"] = to_string(h.verdict);
    j["area_m2"] = h.area_m2;
    j["area_ellipsoidal_m2"] = h.area_ellipsoidal_m2;
    j["length_m"] = h.length_m;
    j["distance_m"] = h.distance_m;
    return j;
}

nlohmann::ordered_json conflict_json(const Conflict& c) {
    nlohmann::ordered_json j;
    j["layer"] = c.layer;
    j["kind"] = to_string(c.kind);
    j["title"] = c.title;
    j["verdict"] = to_string(c.verdict);
    j["near"] = c.near_only;
    j["area_m2"] = c.area_m2;
    j["area_ellipsoidal_m2"] = c.area_ellipsoidal_m2;
    j["share"] = c.share;
    j["length_m"] = c.length_m;
    j["distance_m"] = c.distance_m;
    if (c.outside_m2) j["outside_m2"] = *c.outside_m2;
    j["features"] = nlohmann::ordered_json::array();
    for (const auto& h : c.features) j["features"].push_back(feature_json(h));
    return j;
}

}  // namespace

nlohmann::ordered_json to_json(const ScreenReport& r) {
    nlohmann::ordered_json j;
    j["schema"] = "zoning.screen/1";
    j["catalog"] = r.catalog;
    j["crs"] = r.crs;
    j["ellipsoidal"] = to_string(r.ellipsoidal);
    j["verdict"] = to_string(r.worst());
    j["footprints"] = nlohmann::ordered_json::array();
    for (const auto& f : r.footprints) {
        nlohmann::ordered_json fj;
        fj["id"] = f.id;
        fj["name"] = f.name;
        fj["source"] = f.source;
        fj["geometry_type"] = f.geometry_type;
        fj["area_m2"] = f.area_m2;
        fj["area_ellipsoidal_m2"] = f.area_ellipsoidal_m2;
        fj["length_m"] = f.length_m;
        if (f.width_m > 0) fj["width_m"] = f.width_m;
        if (f.radius_m > 0) fj["radius_m"] = f.radius_m;
        fj["verdict"] = to_string(f.verdict);
        fj["conflicts"] = nlohmann::ordered_json::array();
        for (const auto& c : f.conflicts) fj["conflicts"].push_back(conflict_json(c));
        j["footprints"].push_back(std::move(fj));
    }
    j["warnings"] = nlohmann::ordered_json::array();
    for (const auto& w : r.warnings) j["warnings"].push_back({{"where", w.where}, {"what", w.what}});
    return j;
}

}  // namespace zoning
