// Reading project footprints from GDAL vector sources.
#include <zoning/error.hpp>
#include <zoning/footprint.hpp>
#include <zoning/formats.hpp>

#include "geom/bounds.hpp"
#include "io/coord_txt_ogr.hpp"
#include "io/feature_reader.hpp"
#include "io/field_input.hpp"
#include "io/ogr_source.hpp"

#include <algorithm>
#include <optional>
#include <cmath>
#include <cstdio>
#include <functional>

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

std::string km(double m) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", m / 1000.0);
    return buf;
}

/// Distance between two boxes (0 when they overlap).
double box_distance(const Envelope& a, const Envelope& b) {
    const double dx = std::max({0.0, a.minx - b.maxx, b.minx - a.maxx});
    const double dy = std::max({0.0, a.miny - b.maxy, b.miny - a.maxy});
    return std::hypot(dx, dy);
}

/// The footprint reader's policy for a bad feature: repair and warn, stop on anything else (a
/// footprint left out is a project not screened).
class StopOnBad final : public io::BadFeaturePolicy {
public:
    StopOnBad(std::vector<Warning>& warnings, std::function<std::string(const OGRFeature&)> id_of)
        : warnings_(&warnings), id_of_(std::move(id_of)) {}
    void on_defect(io::FeatureDefect& d) override {
        const std::string& where = *d.where;
        switch (d.kind) {
            case io::Defect::no_geometry:  // read_input_layer stops on these first, with the same words
                throw InputError(where + ": empty or null geometry: a footprint needs a geometry "
                                 "(remove the feature or select others with --where)");
            case io::Defect::bad_coordinates: throw InputError(where + ": " + d.reason);
            case io::Defect::invalid:
                warnings_->push_back({"footprint " + id_of_(*d.feature) + " (" + where + ")",
                                      "invalid geometry (" + d.reason + "): repaired with MakeValid"});
                return;
            case io::Defect::empty_after_repair: throw InputError(where + ": geometry is empty after repair");
        }
    }

private:
    std::vector<Warning>* warnings_;
    std::function<std::string(const OGRFeature&)> id_of_;
};

/// `extent`: the catalog's, to check the footprints against, or null.
/// `fallback`: the category of a footprint whose category field is empty or not asked for
/// (--category, else the catalog's default_category), or nothing.
void read_layer(io::OgrSource& src, const FootprintQuery& q, const Crs& working, const GeosContext& ctx,
                const Envelope* extent, const std::optional<Category>& fallback, std::vector<Warning>& warnings,
                std::vector<Footprint>& out) {
    const std::string& label = src.label;
    auto field = [&](const std::string& opt, const std::string& name) {
        if (name.empty()) return -1;
        const int idx = io::field_index(src.layer, name);
        if (idx < 0) {
            throw InputError(label + ": " + opt + " '" + name + "' is not a field (fields: " +
                             io::field_list(src) + ")");
        }
        return idx;
    };
    // A coordinate TXT names its plots: 地块编号 and 地块名称 unless told otherwise.
    const int id_idx = !q.id_field.empty() ? field("--id-field", q.id_field)
                       : src.is_coord_txt() ? io::field_index(src.layer, io::kTxtId) : -1;
    const int name_idx = !q.name_field.empty() ? field("--name-field", q.name_field)
                         : src.is_coord_txt() ? io::field_index(src.layer, io::kTxtName) : -1;
    const int category_idx = field("--category-field", q.category_field);
    // A source without the width field: its lines get --width (or none), with a warning.
    const int width_idx = q.width_field.empty() ? -1 : io::field_index(src.layer, q.width_field);
    if (!q.where.empty()) {
        CPLErrorReset();
        if (src.layer->SetAttributeFilter(q.where.c_str()) != OGRERR_NONE) {
            throw InputError(label + ": --where \"" + q.where + "\" is not a valid filter: " +
                             CPLGetLastErrorMsg());
        }
    }
    io::InputOptions opts;
    opts.s_srs = q.s_srs;
    opts.fix_axes = q.fix_axes;
    opts.from_gcj02 = q.from_gcj02;
    io::InputLayer input = io::read_input_layer(src, opts, warnings);
    auto id_of = [id_idx](const OGRFeature& f) {
        return id_idx >= 0 ? io::field_text(f, id_idx) : std::to_string(f.GetFID());
    };
    StopOnBad policy(warnings, id_of);
    io::FeatureReader reader(ctx, input.crs, working, policy);

    bool warned_width = false;
    io::TextFields text;  // GBK under a UTF-8 .cpg: read as GBK, warned once
    for (auto& in : input.features) {
        const std::string& where = in.where;
        const OGRFeature& f = *in.feature;
        const OGRGeometry* og = in.geom.get();
        Footprint fp;
        fp.source = where;
        fp.geometry_type = geometry_type_name(og->getGeometryType());
        fp.id = id_idx >= 0 ? text(f, id_idx, where) : id_of(f);
        fp.name = text(f, name_idx, where);
        fp.category = fallback;
        if (category_idx >= 0) {
            std::string value = text(f, category_idx, where);
            while (!value.empty() && (value.back() == ' ' || value.back() == '\t'))
                value.pop_back();
            if (!value.empty()) {
                fp.category = find_category(value);
                if (!fp.category) {
                    throw InputError(where + ": footprint " + fp.id + ": --category-field " + q.category_field + ": '" +
                                     value + "' is not a project category (" + category_vocabulary() + ")");
                }
            } else if (!fallback) {
                throw InputError(where + ": footprint " + fp.id + ": --category-field " + q.category_field +
                                 " is empty: give its project category, or --category or the catalog's "
                                 "default_category for the footprints without one");
            }
        }
        // Bounds (geom/bounds.hpp): the vertex budget, before anything is computed on the
        // geometry; the pipeline under the time guard.
        // A geometry GEOS cannot take as it is (an unclosed ring, a one-point ring) is left to
        // the pipeline, which closes, repairs or names it.
        std::optional<Geom> raw;
        {
            std::unique_ptr<OGRGeometry> closed(og->clone());
            closed->closeRings();
            try {
                raw = io::to_geos(ctx, closed.get());
            } catch (const InputError&) {
            }
            if (raw && *raw) {  // NaN and infinite coordinates: the pipeline's check, for every reader
                geom::require_vertex_budget(ctx, raw->get(), q.max_vertices, where + ": footprint " + fp.id);
            }
        }
        const size_t warned = warnings.size();
        try {
            fp.geom = geom::guarded(q.timeout_s, where + ": footprint " + fp.id, [&] {
                warnings.resize(warned);  // a retry warns once
                return std::move(reader.read(f, og, where).value().geom);  // the policy throws rather than skip
            });
        } catch (const geom::FootprintTimeout& e) {
            // Its repair ran out of time: it is not screened (verdict unknown, said by the screening),
            // the others are. Kept as read, in the working CRS, to be drawn and placed.
            if (!raw || !*raw) throw;
            warnings.resize(warned);
            fp.geom = Transformer(input.crs, working).transform(ctx, raw->get());
            fp.not_screened = e.reason("repair");
        }
        if (extent != nullptr && !extent->empty()) {
            const double d = box_distance(ctx.envelope(fp.geom.get()), *extent);
            if (d > q.outside_stop_m && !q.allow_outside) {
                throw InputError(where + ": footprint " + fp.id + " lies " + km(d) + " km outside the catalog's extent: "
                                 "wrong CRS, zone or axes? check --s-srs, the zone prefix and X/Y order "
                                 "(--allow-outside screens it anyway)");
            }
            if (d > q.outside_warn_m) {
                warnings.push_back({"footprint " + fp.id + " (" + where + ")",
                                    "lies " + km(d) + " km outside the catalog's extent: the catalog says nothing there"});
            }
        }
        const int dim = geometry_dimension(ctx, fp.geom.get());
        if (dim == 1) {
            fp.width_m = q.width_m;
            if (!q.width_field.empty() && width_idx < 0 && !warned_width) {
                warned_width = true;
                warnings.push_back({label, "no field '" + q.width_field + "' (fields: " + io::field_list(src.layer) +
                                               "): its lines are measured by length only" +
                                               (q.width_m > 0 ? " and --width" : "")});
            }
            if (width_idx >= 0 && f.IsFieldSetAndNotNull(width_idx)) {
                fp.width_m = f.GetFieldAsDouble(width_idx);
            }
            geom::require_distance(fp.width_m, geom::kMaxWidthM, where + ": footprint " + fp.id + ": width",
                                   "corridor width");
        } else if (dim == 0) {
            fp.radius_m = q.radius_m;
        }
        out.push_back(std::move(fp));
    }
    if (text.gbk_values() > 0) warnings.push_back({label, text.warning()});
}

std::vector<Footprint> read(const FootprintQuery& q, const Crs& working, const GeosContext& ctx, const Envelope* extent,
                            const std::optional<Category>& fallback, std::vector<Warning>& warnings) {
    if (q.sources.empty()) throw InputError("no footprint source given");
    geom::require_distance(q.width_m, geom::kMaxWidthM, "--width", "corridor width");
    geom::require_distance(q.radius_m, geom::kMaxRadiusM, "--radius", "disc radius");
    if (!q.encoding.empty()) check_encoding(q.encoding, "--encoding");
    std::vector<Footprint> out;
    for (const auto& path : q.sources) {
        if (!q.layer.empty()) {
            io::OgrSource src = io::open_vector(path, q.layer, q.encoding);
            read_layer(src, q, working, ctx, extent, fallback, warnings, out);
        } else {
            for (auto& src : io::open_vector_layers(path, q.encoding)) {
                read_layer(src, q, working, ctx, extent, fallback, warnings, out);
            }
        }
    }
    if (out.empty()) throw InputError("no footprint found in the given sources (check --where and --layer)");
    return out;
}

}  // namespace

std::vector<Footprint> read_footprints(const FootprintQuery& q, const LoadedCatalog& catalog,
                                       std::vector<Warning>& warnings) {
    const Envelope extent = catalog.extent();
    std::optional<Category> fallback = q.category;
    if (!fallback && !catalog.catalog().default_category.empty()) {
        fallback = parse_category(catalog.catalog().default_category);  // checked when the catalog was read
    }
    return read(q, catalog.working_crs(), catalog.context(), &extent, fallback, warnings);
}

std::vector<Footprint> read_footprints(const FootprintQuery& q, const Crs& working,
                                       const GeosContext& ctx, std::vector<Warning>& warnings) {
    return read(q, working, ctx, nullptr, q.category, warnings);
}

}  // namespace zoning
