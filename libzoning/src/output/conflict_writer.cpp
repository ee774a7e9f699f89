// Writing conflict geometries through OGR: to a temporary name first, renamed when complete.
#include <zoning/error.hpp>
#include <zoning/report.hpp>
#include <zoning/style.hpp>

#include "output/kml_writer.hpp"
#include "output/ogr_layer_writer.hpp"
#include "output/qgis_style.hpp"
#include "output/result_rows.hpp"
#include "output/staged_output.hpp"

#include <algorithm>
#include <ranges>
#include <set>

namespace zoning {

namespace fs = std::filesystem;

namespace {

struct Format {
    const char* driver;         // GDAL driver, or "KML" (written by io/kml_writer)
    bool single_geometry_type;  // shapefile: one geometry type per file
};

Format format_of(const fs::path& path) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (ext == ".gpkg") return {"GPKG", false};
    if (ext == ".shp") return {"ESRI Shapefile", true};
    if (ext == ".geojson" || ext == ".json") return {"GeoJSON", false};
    if (ext == ".kml") return {"KML", false};
    throw InputError(path.string() + ": unknown output format '" + ext + "' (use .gpkg, .shp, .geojson or .kml)");
}

/// Files a write to `path` produces (a shapefile is several).
std::vector<fs::path> files_of(const fs::path& path, const Format& f) {
    if (!f.single_geometry_type) return {path};
    std::vector<fs::path> out;
    for (const char* ext : {".shp", ".shx", ".dbf", ".prj", ".cpg", ".qml"}) {
        fs::path p = path;
        out.push_back(p.replace_extension(ext));
    }
    return out;
}

using output::ConflictRow;
using output::FieldSpec;
using output::integer_field;
using output::text_field;

const std::vector<FieldSpec>& hit_fields() {
    static const std::vector<FieldSpec> f{integer_field("feat_fid", "要素FID", OFTInteger64),
                                          text_field("name", "名称", 254),
                                          text_field("code", "编码"),
                                          text_field("class", "分区类别"),
                                          text_field("verdict", "结论"),
                                          text_field("layer", "图层"),
                                          text_field("title", "图层名称", 254)};
    return f;
}

/// The conflicts layer's style: categorized by verdict, hatched like the map.
output::QmlLayer conflict_qml(int dim, const output::OgrLayerWriter& layer) {
    output::QmlLayer q;
    q.dim = dim < 0 ? 2 : dim;
    q.single = conflict_style(true);
    q.category_field = "verdict";
    for (const Verdict v : {Verdict::prohibited, Verdict::restricted, Verdict::caution, Verdict::allowed}) {
        Style s;
        if (v == Verdict::allowed) {
            s.stroke = Rgba{120, 120, 120, 255};
            s.width_mm = 0.3;
        } else {
            s = conflict_style(v >= Verdict::restricted);
        }
        s.label = std::string(to_chinese(v)) + " (" + std::string(to_string(v)) + ")";
        q.categories.push_back({std::string(to_string(v)), s});
    }
    q.aliases = layer.alias_list();
    q.label_field = "feat_name";
    return q;
}

/// The dimension of a geometry (2 polygons, 1 lines, 0 points), -1 for none or empty.
int dimension_of(const GeosContext& ctx, const GEOSGeometry* g) {
    return g == nullptr || GEOSisEmpty_r(ctx, g) != 0 ? -1 : geometry_dimension(ctx, g);
}

/// One table (a GeoPackage table, a shapefile) of a layer's rows.
struct Table {
    std::string name;
    int dim;  ///< geometries are forced to this dimension's multi type; -1: left as they are
    OGRwkbGeometryType type;
    bool all;    ///< every row: the rows have one geometry type, or mixed types share the table
    bool first;  ///< rows without geometry go to the first table
    [[nodiscard]] bool holds(int row_dim) const { return all || row_dim == dim || (row_dim < 0 && first); }
};

/// The tables of a layer whose rows have geometries of the dimensions `dims`: one table `base`
/// when they agree. When they mix and `split` (GeoPackage, shapefile: QGIS styles a table of one
/// geometry type, and opens a mixed one as unstyled sublayers), one per dimension, highest first,
/// named <base>_polygons, <base>_lines, <base>_points; else one table of type Unknown (GeoJSON).
std::vector<Table> tables_of(const std::string& base, const std::set<int>& dims, bool split) {
    if (dims.size() <= 1) {
        const int dim = dims.empty() ? -1 : *dims.begin();
        return {{base, dim, dim < 0 ? wkbMultiPolygon : output::multi_type(dim), true, true}};
    }
    if (!split) return {{base, -1, wkbUnknown, true, true}};
    std::vector<Table> out;
    for (const int dim : std::ranges::reverse_view(dims)) {
        out.push_back({base + "_" + output::dimension_suffix(dim), dim, output::multi_type(dim), false, out.empty()});
    }
    return out;
}

/// GeoPackage: the footprints, one table per geometry type when they mix.
void write_footprints(output::OgrFile& file, const OGRSpatialReference& srs, const ScreenReport& r,
                      const GeosContext& ctx) {
    std::set<int> dims;
    for (const auto& fp : r.footprints) {
        if (const int d = dimension_of(ctx, fp.geom.get()); d >= 0) dims.insert(d);
    }
    for (const Table& t : tables_of("footprints", dims, true)) {
        output::OgrLayerWriter& layer =
            file.create_layer(t.name, &srs, t.type, output::footprint_fields(r.has_categories()));
        file.transaction([&] {
            for (const auto& fp : r.footprints) {
                const int d = dimension_of(ctx, fp.geom.get());
                if (!t.holds(d)) continue;
                OGRFeatureUniquePtr feat = layer.feature();
                output::fill_footprint(*feat, fp, r.has_categories());
                if (d >= 0) feat->SetGeometryDirectly(output::to_ogr(ctx, fp.geom.get(), t.dim).release());
                layer.write(*feat);
            }
        });
        output::QmlLayer q;
        q.dim = t.dim < 0 ? 2 : t.dim;
        q.single = footprint_style();
        q.aliases = layer.alias_list();
        q.label_field = "fp_id";
        file.set_style(layer, std::move(q));
    }
}

/// The style of a hit_<layer> table: the catalog layer's, categorized by class where it varies.
output::QmlLayer hit_qml(const ZoneLayer& zl, const std::vector<const ZoneFeature*>& feats, int dim,
                         const output::OgrLayerWriter& layer) {
    output::QmlLayer q;
    q.dim = dim < 0 ? 2 : dim;
    q.single = layer_style(zl.spec(), "");
    if (style_varies_by_class(zl.spec())) {
        q.category_field = "class";
        std::set<std::string> seen;
        for (const auto& [cls, rule] : zl.spec().classes) {
            if (seen.insert(cls).second) q.categories.push_back({cls, layer_style(zl.spec(), cls)});
        }
        for (const ZoneFeature* f : feats) {
            if (seen.insert(f->cls).second) q.categories.push_back({f->cls, layer_style(zl.spec(), f->cls)});
        }
    }
    q.aliases = layer.alias_list();
    q.label_field = "name";
    return q;
}

/// GeoPackage: per catalog layer that was hit, copies of the features hit (hit_<layer id>, one
/// table per geometry type when they mix).
void write_hit_features(output::OgrFile& file, const OGRSpatialReference& srs, const ScreenReport& r,
                        const GeosContext& ctx, const LoadedCatalog& catalog) {
    for (const ZoneLayer& zl : catalog.layers()) {
        std::set<std::int64_t> fids;
        for (const auto& fp : r.footprints) {
            for (const auto& c : fp.conflicts) {
                if (c.layer != zl.spec().id) continue;
                for (const auto& h : c.features)
                    fids.insert(h.fid);
            }
        }
        if (fids.empty()) continue;
        std::vector<const ZoneFeature*> feats;
        std::set<int> dims;
        for (const auto& f : zl.features()) {
            if (fids.contains(f.fid)) {
                feats.push_back(&f);
                if (const int d = dimension_of(ctx, f.geom.get()); d >= 0) dims.insert(d);
            }
        }
        for (const Table& t : tables_of("hit_" + zl.spec().id, dims, true)) {
            output::OgrLayerWriter& layer = file.create_layer(t.name, &srs, t.type, hit_fields());
            std::vector<const ZoneFeature*> in_table;
            file.transaction([&] {
                for (const ZoneFeature* f : feats) {
                    if (!t.holds(dimension_of(ctx, f->geom.get()))) continue;
                    in_table.push_back(f);
                    OGRFeatureUniquePtr feat = layer.feature();
                    feat->SetField("feat_fid", static_cast<GIntBig>(f->fid));
                    feat->SetField("name", f->name.c_str());
                    feat->SetField("code", f->code.c_str());
                    feat->SetField("class", f->cls.c_str());
                    feat->SetField("verdict", std::string(to_string(f->verdict)).c_str());
                    feat->SetField("layer", zl.spec().id.c_str());
                    feat->SetField("title", zl.spec().title.c_str());
                    feat->SetGeometryDirectly(output::to_ogr(ctx, f->geom.get(), t.dim).release());
                    layer.write(*feat);
                }
            });
            file.set_style(layer, hit_qml(zl, in_table, t.dim, layer));
        }
    }
}

}  // namespace

std::vector<fs::path> write_conflicts(const fs::path& path, const ScreenReport& r, const GeosContext& ctx,
                                      const Crs& crs, const std::vector<fs::path>& inputs,
                                      const LoadedCatalog* catalog) {
    const Format f = format_of(path);
    const std::vector<ConflictRow> rows = output::conflict_rows(r);
    const bool rules = r.has_categories();  // the rule fields (docs/screen.md)
    std::set<int> dims;  // dimensions of the pieces: 2 polygons, 1 lines, 0 points
    for (const ConflictRow& row : rows) {
        if (const int d = dimension_of(ctx, row.h->piece.get()); d >= 0) dims.insert(d);
    }
    const bool gpkg = std::string(f.driver) == "GPKG";
    // The tables of the conflicts: one per geometry type when they mix, except in GeoJSON.
    const std::vector<Table> tables = tables_of("conflicts", dims, f.single_geometry_type || gpkg);

    // The files to write. A shapefile holds one table: mixed conflicts go to one shapefile per
    // geometry type, the highest dimension under the name asked for and the others beside it as
    // <name>_lines.shp and <name>_points.shp, each with one layer "conflicts". Other formats hold
    // every table in one file.
    struct Part {
        fs::path dest;
        std::vector<Table> tables;
    };
    std::vector<Part> parts;
    if (f.single_geometry_type) {
        for (const Table& t : tables) {
            fs::path p = path;
            if (!t.first) {
                p.replace_filename(path.stem().string() + "_" + output::dimension_suffix(t.dim) +
                                   path.extension().string());
            }
            Table one = t;
            one.name = "conflicts";
            parts.push_back({p, {one}});
        }
    } else {
        parts.push_back({path, tables});
    }
    std::vector<fs::path> protect;
    for (const Part& part : parts) {
        for (auto& p : files_of(part.dest, f))
            protect.push_back(std::move(p));
    }
    // The destinations and their sidecars are checked against the inputs before anything is done.
    output::StagedOutput staged(path, inputs, protect);

    const bool kml = std::string(f.driver) == "KML";
    if (kml) {
        output::write_kml(staged.path(), r, ctx, crs, catalog);
        staged.commit();
        return {path};
    }
    OGRSpatialReference srs;
    if (srs.importFromWkt(crs.wkt.c_str()) != OGRERR_NONE) throw InternalError("cannot use CRS " + crs.label());
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);

    std::vector<std::string> layer_options;
    if (f.single_geometry_type)
        layer_options = {"ENCODING=UTF-8"};
    else if (std::string(f.driver) == "GeoJSON")
        layer_options = {"RFC7946=NO", "WRITE_NAME=NO"};
    for (const Part& part : parts) {
        output::OgrFile file(f.driver, staged.folder() / part.dest.filename(), part.dest);
        for (const Table& t : part.tables) {
            output::OgrLayerWriter& layer =
                file.create_layer(t.name, &srs, t.type, output::conflict_fields(rules), layer_options);
            file.transaction([&] {
                for (const ConflictRow& row : rows) {
                    const int d = dimension_of(ctx, row.h->piece.get());
                    if (!t.holds(d)) continue;
                    OGRFeatureUniquePtr feat = layer.feature();
                    output::fill_conflict(*feat, row, rules);
                    if (d >= 0) feat->SetGeometryDirectly(output::to_ogr(ctx, row.h->piece.get(), t.dim).release());
                    layer.write(*feat);
                }
            });
            file.set_style(layer, conflict_qml(t.dim, layer));  // GeoPackage: layer_styles; shapefile: .qml
        }
        if (gpkg) {
            write_footprints(file, srs, r, ctx);
            if (catalog != nullptr) write_hit_features(file, srs, r, ctx, *catalog);
        }
        file.close();
    }
    staged.commit();
    std::vector<fs::path> written;
    written.reserve(parts.size());
    for (const Part& part : parts)
        written.push_back(part.dest);
    return written;
}

}  // namespace zoning
