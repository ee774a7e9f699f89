// `zoning info`: what a catalog holds, layer by layer.
#include <zoning/area.hpp>
#include <zoning/info.hpp>
#include <zoning/stats.hpp>

#include <cstdio>
#include <ostream>

namespace zoning {

namespace {

std::string fixed(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

}  // namespace

InfoReport catalog_info(const Catalog& catalog, const LoadedCatalog& loaded, unsigned threads) {
    InfoReport r;
    r.catalog = catalog.name;
    r.crs = loaded.working_crs().label();
    r.crs_source = catalog.crs ? "catalog" : "default (CGCS2000 3-degree zone of the data's centre)";
    for (const auto& l : loaded.layers()) {
        const LayerMeasure m = measure_layer(loaded, l, EllipsoidalMethod::geodesic, threads);
        InfoLayer il;
        il.id = l.spec().id;
        il.title = l.spec().title;
        il.kind = l.spec().kind;
        il.source = redact_connection(l.spec().source_text);
        il.crs = l.source_crs().label();
        il.features = l.features().size();
        il.repaired = l.repaired();
        il.skipped = l.skipped();
        il.area_m2 = m.area_m2;
        il.area_ellipsoidal_m2 = m.area_ellipsoidal_m2;
        il.length_m = m.length_m;
        il.overlapping = m.overlapping;
        il.extent = l.extent();
        r.layers.push_back(std::move(il));
    }
    r.warnings = loaded.warnings();
    return r;
}

nlohmann::ordered_json to_json(const InfoReport& r) {
    nlohmann::ordered_json j;
    j["schema"] = "zoning.info/1";
    j["catalog"] = r.catalog;
    j["crs"] = r.crs;
    j["crs_source"] = r.crs_source;
    j["layers"] = nlohmann::ordered_json::array();
    for (const auto& l : r.layers) {
        nlohmann::ordered_json lj;
        lj["id"] = l.id;
        lj["title"] = l.title;
        lj["kind"] = to_string(l.kind);
        lj["source"] = l.source;
        lj["crs"] = l.crs;
        lj["features"] = l.features;
        lj["repaired"] = l.repaired;
        lj["skipped"] = l.skipped;
        lj["area_m2"] = l.area_m2;
        lj["area_ellipsoidal_m2"] = l.area_ellipsoidal_m2;
        lj["length_m"] = l.length_m;
        lj["overlapping_features"] = l.overlapping;
        const Envelope& e = l.extent;
        lj["extent"] = {e.minx, e.miny, e.maxx, e.maxy};
        j["layers"].push_back(std::move(lj));
    }
    return j;
}

void write_info_json(std::ostream& out, const InfoReport& r) { out << to_json(r).dump(2) << '\n'; }

void write_info_text(std::ostream& out, const InfoReport& r) {
    out << r.catalog << " · " << r.crs << " (" << r.crs_source << ")\n\n";
    for (const auto& l : r.layers) {
        out << l.id << "  " << l.title << "  [" << to_string(l.kind) << "]\n"
            << "  source    " << l.source << "  (" << l.crs << ")\n"
            << "  features  " << l.features << "  repaired " << l.repaired << "  skipped " << l.skipped << "\n";
        if (l.area_m2 > 0) {
            // ha from the ellipsoidal figure, the planar one beside it (docs/areas.md).
            out << "  area      ellipsoidal " << fixed(l.area_ellipsoidal_m2, 2) << " m² = "
                << fixed(l.area_ellipsoidal_m2 / kM2PerHa, 4) << " ha  (planar " << fixed(l.area_m2, 2) << " m²)\n";
            if (l.overlapping > 0) {
                out << "  overlaps  " << l.overlapping << " of them overlap earlier features (each overlap counted once)\n";
            }
        } else {
            out << "  length    " << fixed(l.length_m, 2) << " m\n";
        }
        const Envelope& e = l.extent;
        out << "  extent    " << fixed(e.minx, 3) << " " << fixed(e.miny, 3) << " .. " << fixed(e.maxx, 3) << " "
            << fixed(e.maxy, 3) << "\n\n";
    }
}

}  // namespace zoning
