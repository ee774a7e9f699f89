#include <zoning/report.hpp>

#include "report/summary.hpp"

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

/// A class row: its figures and the features of the class, each with its own areas.
nlohmann::ordered_json class_json(const Conflict& c, const ClassRow& row) {
    nlohmann::ordered_json j;
    j["class"] = row.cls;
    if (row.title != row.cls) j["title"] = row.title;
    j["verdict"] = to_string(row.verdict);
    j["near"] = row.near_only;
    j["area_m2"] = row.area_m2;
    j["area_ellipsoidal_m2"] = row.area_ellipsoidal_m2;
    j["share"] = row.share;
    j["length_m"] = row.length_m;
    j["distance_m"] = row.distance_m;
    j["features"] = nlohmann::ordered_json::array();
    for (size_t i : row.features) j["features"].push_back(feature_json(c.features[i]));
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
    if (!c.classes.empty()) {
        j["classes"] = nlohmann::ordered_json::array();
        for (const auto& row : c.classes) j["classes"].push_back(class_json(c, row));
    }
    return j;
}

}  // namespace

nlohmann::ordered_json to_json(const ScreenReport& r, Lang lang) {
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
        fj["summary"] = report::summary(f, lang);
        fj["conflicts"] = nlohmann::ordered_json::array();
        for (const auto& c : f.conflicts) fj["conflicts"].push_back(conflict_json(c));
        j["footprints"].push_back(std::move(fj));
    }
    j["warnings"] = nlohmann::ordered_json::array();
    for (const auto& w : r.warnings) j["warnings"].push_back({{"where", w.where}, {"what", w.what}});
    return j;
}

}  // namespace zoning
