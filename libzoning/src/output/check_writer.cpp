// check -o: the findings and the control-line conflicts as geometries, in a GeoPackage.
#include <zoning/area.hpp>
#include <zoning/check.hpp>
#include <zoning/error.hpp>

#include "check/finding_order.hpp"
#include "output/ogr_layer_writer.hpp"
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
        output::OgrLayerWriter& fl = file.create_layer("findings", &srs, wkbUnknown,
                                                       {{"layer", OFTString},
                                                        {"fid_src", OFTInteger64},
                                                        {"type", OFTString},
                                                        {"severity", OFTString},
                                                        {"detail", OFTString},
                                                        {"area_m2", OFTReal},
                                                        {"x", OFTReal},
                                                        {"y", OFTReal}});
        output::OgrLayerWriter& cl = file.create_layer("control_line_conflicts", &srs, wkbMultiPolygon,
                                                       {{"a", OFTString},
                                                        {"b", OFTString},
                                                        {"a_fid", OFTInteger64},
                                                        {"b_fid", OFTInteger64},
                                                        {"a_name", OFTString},
                                                        {"b_name", OFTString},
                                                        {"area_m2", OFTReal},
                                                        {"area_e_m2", OFTReal},
                                                        {"area_ha", OFTReal},
                                                        {"area_mu", OFTReal},
                                                        {"x", OFTReal},
                                                        {"y", OFTReal}});
        file.transaction([&] {
            for (const Finding* f : check::ordered(r)) {
                OGRFeatureUniquePtr feat = fl.feature();
                feat->SetField("layer", f->layer.c_str());
                if (f->fid) feat->SetField("fid_src", static_cast<GIntBig>(*f->fid));
                feat->SetField("type", f->type.c_str());
                feat->SetField("severity", std::string(to_string(f->severity)).c_str());
                feat->SetField("detail", f->detail.c_str());
                if (f->area_m2) feat->SetField("area_m2", *f->area_m2);
                if (f->x) feat->SetField("x", *f->x);
                if (f->y) feat->SetField("y", *f->y);
                if (f->geom && GEOSisEmpty_r(ctx, f->geom.get()) == 0) {
                    feat->SetGeometryDirectly(output::to_ogr(ctx, f->geom.get()).release());
                }
                fl.write(*feat);
            }
            for (const auto& c : r.conflicts) {
                OGRFeatureUniquePtr feat = cl.feature();
                feat->SetField("a", c.a.c_str());
                feat->SetField("b", c.b.c_str());
                feat->SetField("a_fid", static_cast<GIntBig>(c.a_fid));
                feat->SetField("b_fid", static_cast<GIntBig>(c.b_fid));
                feat->SetField("a_name", c.a_name.c_str());
                feat->SetField("b_name", c.b_name.c_str());
                feat->SetField("area_m2", c.area_m2);
                feat->SetField("area_e_m2", c.area_ellipsoidal_m2);
                feat->SetField("area_ha", c.area_m2 / kM2PerHa);
                feat->SetField("area_mu", c.area_m2 / kM2PerMu);
                feat->SetField("x", c.x);
                feat->SetField("y", c.y);
                feat->SetGeometryDirectly(output::to_ogr(ctx, c.piece.get(), 2).release());
                cl.write(*feat);
            }
        });
        file.close();
    }
    staged.commit();
}

}  // namespace zoning
