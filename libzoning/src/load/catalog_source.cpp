#include "load/catalog_source.hpp"

#include <zoning/error.hpp>

#include <cpl_error.h>

#include <cmath>

namespace zoning::load {

CatalogSource open_catalog_source(const Catalog& c, const LayerSpec& s) {
    const std::string cat = c.path.string();
    CatalogSource o;
    o.spec = &s;
    try {
        o.src = s.is_database() ? io::open_database(s.source_text, s.layer, s.sql) : io::open_vector(s.source, s.layer);
    } catch (const InputError& e) {
        throw CatalogError(cat, s.line_of("source"), "layer '" + s.id + "': " + e.what());
    }
    if (s.is_database() && redact_connection(s.source_text) != s.source_text) {
        o.src.notes.push_back(cat + ":" + std::to_string(s.line_of("source")) + ": layer '" + s.id +
                              "': the catalog holds a password (password= in the connection): keep credentials "
                              "out of the catalog, in ~/.pgpass (PGPASSFILE), pg_service.conf (PGSERVICE) or "
                              "the environment (docs/postgis.md)");
    }
    auto field = [&](const std::string& key, const std::string& name) {
        if (name.empty()) return -1;
        const int idx = io::field_index(o.src.layer, name);
        if (idx < 0) {
            throw CatalogError(cat, s.line_of(key),
                               "layer '" + s.id + "': " + key + " '" + name + "' is not a field of " +
                                   o.src.label + " (fields: " + io::field_list(o.src) + ")");
        }
        return idx;
    };
    o.name_idx = field("name_field", s.name_field);
    o.code_idx = field("code_field", s.code_field);
    o.class_idx = field("class_field", s.class_field);
    if (!s.where.empty()) {
        CPLErrorReset();
        if (o.src.layer->SetAttributeFilter(s.where.c_str()) != OGRERR_NONE) {
            throw CatalogError(cat, s.line_of("where"),
                               "layer '" + s.id + "': where \"" + s.where + "\" is not a valid "
                               "filter on " + o.src.label + ": " + CPLGetLastErrorMsg());
        }
    }
    try {
        o.found = io::layer_crs(o.src.layer, o.src.label);
    } catch (const InputError& e) {
        throw CatalogError(cat, s.line_of("source"), "layer '" + s.id + "': " + e.what());
    }
    if (s.crs) {
        try {
            o.crs = Crs::from_user(*s.crs, "layer '" + s.id + "' crs");
        } catch (const InputError& e) {
            throw CatalogError(cat, s.line_of("crs"), e.what());
        }
    } else {
        o.crs = o.found;
    }
    return o;
}

Crs catalog_working_crs(const Catalog& c, const std::vector<CatalogSource>& sources) {
    if (c.crs) {
        Crs w;
        try {
            w = Crs::from_user(*c.crs, "catalog crs");
        } catch (const InputError& e) {
            throw CatalogError(c.path.string(), c.crs_line, e.what());
        }
        if (w.geographic) {
            throw CatalogError(c.path.string(), c.crs_line,
                               "the working CRS must be projected (areas in metres), not " + w.label());
        }
        return w;
    }
    const Crs geo = Crs::from_user("EPSG:4490");
    Envelope all;
    for (const auto& o : sources) {
        OGREnvelope e;
        if (!o.crs || o.src.layer->GetExtent(&e, TRUE) != OGRERR_NONE) continue;
        Transformer t(*o.crs, geo);
        std::vector<double> x{e.MinX, e.MaxX, e.MinX, e.MaxX}, y{e.MinY, e.MinY, e.MaxY, e.MaxY};
        try {
            if (!std::isfinite(e.MinX) || !std::isfinite(e.MaxX) || !std::isfinite(e.MinY) || !std::isfinite(e.MaxY)) {
                throw InputError("NaN or infinite coordinates");
            }
            t.transform(x, y);
        } catch (const InputError& err) {
            throw InputError(o.src.label + ": its extent, to choose the working CRS: " + err.what() +
                             "; check the layer's coordinates, or give the working CRS with crs: in the catalog");
        }
        for (size_t i = 0; i < 4; ++i) all.expand(x[i], y[i]);
    }
    if (all.empty()) {
        throw InputError(c.path.string() + ": no layer can be placed (all empty or without CRS): "
                         "give the working CRS with crs:");
    }
    return Crs::from_user("EPSG:" + std::to_string(cgcs2000_gk3_epsg_for_lon((all.minx + all.maxx) / 2)));
}

}  // namespace zoning::load
