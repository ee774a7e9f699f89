// Reading project footprints from GDAL vector sources.
#include <zoning/error.hpp>
#include <zoning/footprint.hpp>

#include "geom/repair.hpp"
#include "io/ogr_source.hpp"

#include <cmath>

namespace zoning {

namespace {

/// GeoJSON-style names: "Polygon", "MultiLineString", ...
std::string geometry_type_name(OGRwkbGeometryType t) {
    switch (wkbFlatten(t)) {
        case wkbPoint: return "Point";
        case wkbLineString: return "LineString";
        case wkbPolygon: return "Polygon";
        case wkbMultiPoint: return "MultiPoint";
        case wkbMultiLineString: return "MultiLineString";
        case wkbMultiPolygon: return "MultiPolygon";
        case wkbGeometryCollection: return "GeometryCollection";
        default: return OGRGeometryTypeToName(wkbFlatten(t));
    }
}

void read_layer(io::OgrSource& src, const FootprintQuery& q, const Crs& working,
                const GeosContext& ctx, std::vector<Warning>& warnings,
                std::vector<Footprint>& out) {
    const std::string& label = src.label;
    auto field = [&](const std::string& opt, const std::string& name) {
        if (name.empty()) return -1;
        const int idx = io::field_index(src.layer, name);
        if (idx < 0) {
            throw InputError(label + ": " + opt + " '" + name + "' is not a field (fields: " +
                             io::field_list(src.layer) + ")");
        }
        return idx;
    };
    const int id_idx = field("--id-field", q.id_field);
    const int name_idx = field("--name-field", q.name_field);
    // A source without the width field: its lines get --width (or none), with a warning.
    const int width_idx = q.width_field.empty() ? -1 : io::field_index(src.layer, q.width_field);
    if (!q.where.empty()) {
        CPLErrorReset();
        if (src.layer->SetAttributeFilter(q.where.c_str()) != OGRERR_NONE) {
            throw InputError(label + ": --where \"" + q.where + "\" is not a valid filter: " +
                             CPLGetLastErrorMsg());
        }
    }
    Crs crs;
    if (!q.s_srs.empty()) {
        crs = Crs::from_user(q.s_srs, "--s-srs");
    } else if (auto found = io::layer_crs(src.layer, label)) {
        crs = *found;
    } else {
        throw InputError(label + ": has no CRS (no .prj, no crs member): give it with --s-srs, "
                         "e.g. --s-srs EPSG:4547 (CGCS2000 GK CM 114E) or EPSG:4490 (lon/lat)");
    }
    Transformer to_working(crs, working);

    bool warned_width = false;
    src.layer->ResetReading();
    for (auto& f : *src.layer) {
        const std::string where = label + " fid " + std::to_string(f->GetFID());
        const OGRGeometry* og = f->GetGeometryRef();
        if (og == nullptr || og->IsEmpty()) {
            throw InputError(where + ": empty or null geometry: a footprint needs a geometry "
                             "(remove the feature or select others with --where)");
        }
        Footprint fp;
        fp.source = where;
        fp.geometry_type = geometry_type_name(og->getGeometryType());
        fp.id = id_idx >= 0 ? io::field_text(*f, id_idx) : std::to_string(f->GetFID());
        fp.name = io::field_text(*f, name_idx);
        Geom g = io::to_geos(ctx, og);
        try {
            g = to_working.transform(ctx, g.get());
        } catch (const InputError& e) {
            throw InputError(where + ": " + e.what());
        }
        geom::Repair r = geom::make_valid(ctx, std::move(g));
        if (r.repaired) {
            warnings.push_back({"footprint " + fp.id + " (" + where + ")",
                                "invalid geometry (" + r.reason + "): repaired with MakeValid"});
        }
        if (GEOSisEmpty_r(ctx, r.geom.get()) != 0) {
            throw InputError(where + ": geometry is empty after repair");
        }
        fp.geom = std::move(r.geom);
        const int dim = geometry_dimension(ctx, fp.geom.get());
        if (dim == 1) {
            fp.width_m = q.width_m;
            if (!q.width_field.empty() && width_idx < 0 && !warned_width) {
                warned_width = true;
                warnings.push_back({label, "no field '" + q.width_field + "' (fields: " + io::field_list(src.layer) +
                                               "): its lines are measured by length only" +
                                               (q.width_m > 0 ? " and --width" : "")});
            }
            if (width_idx >= 0 && f->IsFieldSetAndNotNull(width_idx)) {
                fp.width_m = f->GetFieldAsDouble(width_idx);
            }
            if (!(fp.width_m >= 0) || !std::isfinite(fp.width_m)) {
                throw InputError(where + ": width " + std::to_string(fp.width_m) + " m is not a valid width");
            }
        } else if (dim == 0) {
            fp.radius_m = q.radius_m;
        }
        out.push_back(std::move(fp));
    }
}

}  // namespace

std::vector<Footprint> read_footprints(const FootprintQuery& q, const Crs& working,
                                       const GeosContext& ctx, std::vector<Warning>& warnings) {
    if (q.sources.empty()) throw InputError("no footprint source given");
    if (q.width_m < 0) throw InputError("--width must be 0 or more metres");
    if (q.radius_m < 0) throw InputError("--radius must be 0 or more metres");
    std::vector<Footprint> out;
    for (const auto& path : q.sources) {
        if (!q.layer.empty()) {
            io::OgrSource src = io::open_vector(path, q.layer);
            read_layer(src, q, working, ctx, warnings, out);
        } else {
            for (auto& src : io::open_vector_layers(path)) {
                read_layer(src, q, working, ctx, warnings, out);
            }
        }
    }
    if (out.empty()) throw InputError("no footprint found in the given sources (check --where and --layer)");
    return out;
}

}  // namespace zoning
