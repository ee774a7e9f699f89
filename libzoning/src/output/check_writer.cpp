// check -o: the findings and the control-line conflicts as geometries, in a GeoPackage.
#include <zoning/area.hpp>
#include <zoning/check.hpp>
#include <zoning/error.hpp>

#include "check/finding_order.hpp"
#include "output/ogr_layer_writer.hpp"
#include "output/result_rows.hpp"
#include "output/staged_output.hpp"

#include <algorithm>

namespace zoning {

namespace fs = std::filesystem;

void write_check_geometries(const fs::path& path, const CheckReport& r, const std::vector<fs::path>& inputs) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (ext != ".gpkg") {
        throw InputError(path.string() +
                         ": findings are written as a GeoPackage (two layers, mixed geometry): use .gpkg");
    }
    output::StagedOutput staged(path, inputs);
    const GeosContext& ctx = *r.context;
    OGRSpatialReference srs;
    if (srs.importFromWkt(r.crs_wkt.c_str()) != OGRERR_NONE) throw InternalError("cannot use CRS " + r.crs);
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    {
        output::OgrFile file("GPKG", staged.path(), path);
        // Findings are points (a location), polygons (an overlap, a gap) or none: one mixed layer.
        // No aliases in the GeoPackage of check (the titles go to the database comments).
        auto without_aliases = [](std::vector<output::FieldSpec> fields) {
            for (auto& f : fields) f.alias = nullptr;
            return fields;
        };
        output::OgrLayerWriter& fl = file.create_layer("findings", &srs, wkbUnknown,
                                                       without_aliases(output::finding_fields()));
        output::OgrLayerWriter& cl = file.create_layer("control_line_conflicts", &srs, wkbMultiPolygon,
                                                       without_aliases(output::control_line_conflict_fields()));
        file.transaction([&] {
            for (const Finding* f : check::ordered(r)) {
                OGRFeatureUniquePtr feat = fl.feature();
                output::fill_finding(*feat, *f);
                if (f->geom && GEOSisEmpty_r(ctx, f->geom.get()) == 0) {
                    feat->SetGeometryDirectly(output::to_ogr(ctx, f->geom.get()).release());
                }
                fl.write(*feat);
            }
            for (const auto& c : r.conflicts) {
                OGRFeatureUniquePtr feat = cl.feature();
                output::fill_control_line_conflict(*feat, c);
                feat->SetGeometryDirectly(output::to_ogr(ctx, c.piece.get(), 2).release());
                cl.write(*feat);
            }
        });
        file.close();
    }
    staged.commit();
}

}  // namespace zoning
