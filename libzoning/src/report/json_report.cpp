#include <zoning/report.hpp>

#include "report/summary.hpp"

namespace zoning {

namespace {

/// The rule of a row (docs/screen.md): present when the footprint has a category.
nlohmann::ordered_json rule_json(const AppliedRule& r) {
    nlohmann::ordered_json j;
    j["id"] = r.id.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(r.id);
    j["pack"] = r.pack.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(r.pack);
    j["basis"] = r.basis;
    j["condition"] = r.condition;
    j["procedure"] = r.procedure;
    j["layer_verdict"] = r.layer_verdict;
    return j;
}

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
    if (row.rule) j["rule"] = rule_json(*row.rule);
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
    if (c.rule) j["rule"] = rule_json(*c.rule);
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

nlohmann::ordered_json land_use_class_json(const LandUseClass& c, bool farmland) {
    nlohmann::ordered_json j;
    j["code"] = c.code;
    j["name"] = c.name;
    j["area_m2"] = c.area_m2;
    j["area_ellipsoidal_m2"] = c.area_ellipsoidal_m2;
    j["length_m"] = c.length_m;
    j["share"] = c.share;
    if (farmland) {
        j["farmland_m2"] = c.farmland_m2;
        j["farmland_ellipsoidal_m2"] = c.farmland_ellipsoidal_m2;
    }
    if (!c.classes.empty()) {
        j["classes"] = nlohmann::ordered_json::array();
        for (const auto& s : c.classes) j["classes"].push_back(land_use_class_json(s, farmland));
    }
    return j;
}

/// The 占用地类 table (docs/land-use.md); present only for catalogs with a land_use layer.
nlohmann::ordered_json land_use_json(const LandUseTable& t) {
    nlohmann::ordered_json j;
    j["layer"] = t.layer;
    j["title"] = t.title;
    j["area_m2"] = t.area_m2;
    j["area_ellipsoidal_m2"] = t.area_ellipsoidal_m2;
    j["length_m"] = t.length_m;
    j["share"] = t.share;
    j["overlap_m2"] = t.overlap_m2;
    j["cultivated_m2"] = t.cultivated_m2;
    j["cultivated_ellipsoidal_m2"] = t.cultivated_ellipsoidal_m2;
    if (t.farmland_screened) {
        j["permanent_farmland"] = {{"area_m2", t.farmland_m2},
                                   {"area_ellipsoidal_m2", t.farmland_ellipsoidal_m2},
                                   {"on_cultivated_m2", t.farmland_on_cultivated_m2},
                                   {"on_cultivated_ellipsoidal_m2", t.farmland_on_cultivated_ellipsoidal_m2}};
    }
    j["wetland_m2"] = t.wetland_m2;
    j["wetland_ellipsoidal_m2"] = t.wetland_ellipsoidal_m2;
    j["urban_rural_m2"] = t.urban_rural_m2;
    j["urban_rural_ellipsoidal_m2"] = t.urban_rural_ellipsoidal_m2;
    j["classes"] = nlohmann::ordered_json::array();
    for (const auto& c : t.classes) j["classes"].push_back(land_use_class_json(c, t.farmland_screened));
    return j;
}

}  // namespace

nlohmann::ordered_json to_json(const ScreenReport& r, Lang lang) {
    nlohmann::ordered_json j;
    j["schema"] = "zoning.screen/1";
    j["catalog"] = r.catalog;
    j["crs"] = r.crs;
    j["ellipsoidal"] = to_string(r.ellipsoidal);
    j["coverage_layer"] = r.coverage_layer.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(r.coverage_layer);
    j["verdict"] = to_string(r.worst());
    if (r.rules) {
        // The rule packs applied, in merge order (docs/rules.md): only when a footprint has a category.
        j["rules"] = nlohmann::ordered_json::array();
        for (const RulePack& p : r.rules->packs) {
            j["rules"].push_back({{"pack", p.name}, {"version", p.version}, {"file", p.file.filename().string()}});
        }
    }
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
        if (f.category) {
            fj["category"] = to_string(*f.category);
            fj["category_name"] = to_chinese(*f.category);
        }
        fj["summary"] = report::summary(f, lang);
        // Coverage (docs/screen.md): additive to zoning.screen/1.
        fj["coverage"] = to_string(f.coverage);
        if (f.coverage != Coverage::unchecked) {
            fj["outside_catalog_m2"] = f.outside_catalog_m2;
            fj["outside_catalog_ellipsoidal_m2"] = f.outside_catalog_ellipsoidal_m2;
            if (f.dimension == 1) fj["outside_catalog_m"] = f.outside_catalog_m;
        }
        if (const std::string note = coverage_note(f, Lang::en); !note.empty()) fj["coverage_note"] = note;
        if (!f.not_screened.empty()) fj["not_screened"] = f.not_screened;
        fj["conflicts"] = nlohmann::ordered_json::array();
        for (const auto& c : f.conflicts) fj["conflicts"].push_back(conflict_json(c));
        if (!f.land_use.empty()) {
            fj["land_use"] = nlohmann::ordered_json::array();
            for (const auto& t : f.land_use) fj["land_use"].push_back(land_use_json(t));
        }
        j["footprints"].push_back(std::move(fj));
    }
    j["warnings"] = nlohmann::ordered_json::array();
    for (const auto& w : r.warnings) j["warnings"].push_back({{"where", w.where}, {"what", w.what}});
    return j;
}

}  // namespace zoning
