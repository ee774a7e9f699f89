// zoning convert: between the coordinate TXT, GeoJSON, Shapefile (.prj + .cpg), GeoPackage,
// KML and DXF, keeping ids and names, with the same checks as footprints (axes, prefixes,
// GCJ-02, DXF CRS).
#include <zoning/error.hpp>
#include <zoning/formats.hpp>

#include "geom/bounds.hpp"
#include "io/coord_txt_ogr.hpp"
#include "output/ogr_layer_writer.hpp"
#include "output/staged_output.hpp"
#include "io/field_input.hpp"
#include "io/ogr_source.hpp"

#include <ogr_spatialref.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <set>

namespace zoning {

namespace {

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string format_of(const ConvertOptions& o) {
    if (!o.format.empty()) {
        const std::string f = lower(o.format);
        static const std::set<std::string> known{"txt", "geojson", "shp", "gpkg", "kml", "dxf"};
        if (known.count(f) == 0) throw InputError("-f " + o.format + ": not a format (txt, geojson, shp, gpkg, kml, dxf)");
        return f;
    }
    const std::string ext = lower(o.output.extension().string());
    static const std::map<std::string, std::string> by_ext{
        {".txt", "txt"}, {".geojson", "geojson"}, {".json", "geojson"}, {".shp", "shp"},
        {".gpkg", "gpkg"}, {".kml", "kml"},       {".dxf", "dxf"}};
    const auto it = by_ext.find(ext);
    if (it == by_ext.end()) {
        throw InputError(o.output.string() + ": cannot tell the format from '" + ext +
                         "': give -f txt|geojson|shp|gpkg|kml|dxf");
    }
    return it->second;
}

const char* driver_of(const std::string& f) {
    if (f == "geojson") return "GeoJSON";
    if (f == "shp") return "ESRI Shapefile";
    if (f == "gpkg") return "GPKG";
    if (f == "kml") return "KML";
    return "DXF";
}

/// Field used for ids (names): the option, else the usual names.
int pick_field(OGRLayer* layer, const std::string& option, const char* opt_name,
               const std::vector<std::string>& usual, const std::string& label) {
    if (!option.empty()) {
        const int i = io::field_index(layer, option);
        if (i < 0) {
            throw InputError(label + ": " + opt_name + " '" + option + "' is not a field (fields: " +
                             io::field_list(layer) + ")");
        }
        return i;
    }
    for (const auto& u : usual) {
        const int i = io::field_index(layer, u);
        if (i >= 0) return i;
    }
    return -1;
}

/// A shapefile field name: at most 10 bytes, cut at a UTF-8 character boundary (GDAL would cut
/// inside a character), unique in the layer.
std::string shapefile_field_name(const std::string& name, OGRLayer* layer) {
    auto cut = [](const std::string& s, size_t max) {
        size_t n = std::min(max, s.size());
        while (n > 0 && n < s.size() && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
        return s.substr(0, n);
    };
    std::string out = cut(name, 10);
    for (int i = 1; layer->GetLayerDefn()->GetFieldIndex(out.c_str()) >= 0 && i < 100; ++i) {
        const std::string suffix = std::to_string(i);
        out = cut(name, 10 - suffix.size()) + suffix;
    }
    return out;
}

struct OutFeature {
    std::string id, name;
    std::unique_ptr<OGRGeometry> geom;  // in the output CRS
    const OGRFeature* source = nullptr;
};

std::unique_ptr<OGRGeometry> reproject(const GeosContext& ctx, const Transformer& t, const OGRGeometry& g,
                                       const std::string& where) {
    Geom gg = io::to_geos(ctx, &g);
    geom::require_finite(ctx, gg.get(), where);
    try {
        if (!t.is_noop()) gg = t.transform(ctx, gg.get());
    } catch (const InputError& e) {
        throw InputError(where + ": " + e.what());
    }
    const std::vector<unsigned char> wkb = ctx.to_wkb(gg.get());
    OGRGeometry* out = nullptr;
    if (OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &out, wkb.size()) != OGRERR_NONE || out == nullptr) {
        throw InternalError(where + ": cannot convert a GEOS geometry back to OGR");
    }
    return std::unique_ptr<OGRGeometry>(out);
}

}  // namespace

ConvertSummary convert(const ConvertOptions& o) {
    ConvertSummary summary;
    summary.format = format_of(o);
    const std::string& fmt = summary.format;
    std::error_code ec;
    if (std::filesystem::exists(o.output, ec) && std::filesystem::equivalent(o.input, o.output, ec)) {
        throw InputError(o.output.string() + ": is the input: refusing to overwrite it");
    }

    if (!o.encoding.empty()) check_encoding(o.encoding, "--encoding");
    std::vector<io::OgrSource> sources;
    if (!o.layer.empty()) sources.push_back(io::open_vector(o.input, o.layer, o.encoding));
    else sources = io::open_vector_layers(o.input, o.encoding);
    if (!o.where.empty()) {
        for (auto& src : sources) {
            CPLErrorReset();
            if (src.layer->SetAttributeFilter(o.where.c_str()) != OGRERR_NONE) {
                throw InputError(src.label + ": --where \"" + o.where + "\" is not a valid filter: " +
                                 CPLGetLastErrorMsg());
            }
        }
    }

    io::InputOptions in_opts;
    in_opts.s_srs = o.s_srs;
    in_opts.fix_axes = o.fix_axes;
    in_opts.from_gcj02 = o.from_gcj02;

    GeosContext ctx;
    std::vector<Warning> warnings;
    std::vector<io::InputLayer> inputs;
    std::vector<int> id_idx, name_idx;
    for (auto& src : sources) {
        inputs.push_back(io::read_input_layer(src, in_opts, warnings));
        id_idx.push_back(pick_field(src.layer, o.id_field, "--id-field",
                                    {io::kTxtId, "id", "ID", "Id", "XMBH", "DKBH", "BH"}, src.label));
        name_idx.push_back(pick_field(src.layer, o.name_field, "--name-field",
                                      {io::kTxtName, "name", "Name", "NAME", "XMMC", "DKMC", "MC"}, src.label));
        if (src.is_dxf() && id_idx.back() < 0) id_idx.back() = io::field_index(src.layer, "Layer");
    }

    // The output CRS.
    Crs target;
    if (!o.t_srs.empty()) {
        target = Crs::from_user(o.t_srs, "--t-srs");
    } else if (fmt == "kml") {
        target = Crs::from_user("EPSG:4326");
    } else {
        target = inputs.front().crs;
    }
    if (fmt == "kml" && !(target.epsg && (*target.epsg == 4326 || *target.epsg == 4490))) {
        throw InputError("KML is lon/lat WGS84: leave out --t-srs or give EPSG:4326");
    }
    std::optional<GkSystem> gk;
    if (fmt == "txt") {
        if (o.t_srs.empty() && target.geographic) {
            // Lon/lat input: the CGCS2000 3-degree zone of the data's centre, no prefix.
            Transformer probe(inputs.front().crs, Crs::from_user("EPSG:4490"));
            OGREnvelope e;
            inputs.front().features.front().geom->getEnvelope(&e);
            double x = (e.MinX + e.MaxX) / 2, y = (e.MinY + e.MaxY) / 2;
            probe.transform(&x, &y, 1);
            target = Crs::from_user("EPSG:" + std::to_string(cgcs2000_gk3_epsg_for_lon(x)));
            summary.notes.push_back("TXT written in " + target.label() + " (the CGCS2000 3-degree zone of the data)");
        }
        if (target.epsg) gk = gk_system_of_epsg(*target.epsg);
        if (!gk) {
            throw InputError("a coordinate TXT is in a CGCS2000, Xian 1980 or Beijing 1954 Gauss-Krüger zone, not " +
                             target.label() + ": give --t-srs, e.g. EPSG:4547 or EPSG:4526");
        }
    }
    summary.crs = target.label();

    // Reproject and collect.
    std::vector<OutFeature> feats;
    for (size_t s = 0; s < inputs.size(); ++s) {
        Transformer t(inputs[s].crs, target);
        for (auto& in : inputs[s].features) {
            OutFeature f;
            f.source = in.feature.get();
            f.id = id_idx[s] >= 0 ? io::field_text(*in.feature, id_idx[s]) : std::to_string(in.feature->GetFID());
            f.name = io::field_text(*in.feature, name_idx[s]);
            f.geom = reproject(ctx, t, *in.geom, in.where);
            feats.push_back(std::move(f));
        }
    }
    if (feats.empty()) throw InputError(o.input.string() + ": no feature to convert");
    for (const auto& w : warnings) summary.notes.push_back(w.where + ": " + w.what);

    output::StagedOutput staged(o.output, {o.input});
    const std::filesystem::path tmp_out = staged.path();
    if (fmt == "txt") {
        std::vector<TxtPlot> plots;
        for (const auto& f : feats) {
            TxtPlot p = io::plot_from_geometry(*f.geom, f.id.empty() ? "feature" : "feature " + f.id);
            p.id = f.id;
            p.name = f.name;
            const OGRFeatureDefn* d = f.source->GetDefnRef();
            auto text = [&](const std::string& field) {
                int i = d->GetFieldIndex(field.c_str());
                if (i < 0) i = d->GetFieldIndex(field.substr(0, 9).c_str());  // as cut for a shapefile
                return i >= 0 ? io::field_text(*f.source, i) : std::string();
            };
            p.sheet = text("图幅号");
            p.use = text("地块用途");
            p.land_class = text("地类编号");
            plots.push_back(std::move(p));
        }
        TxtWriteOptions wo;
        wo.gbk = o.txt_gbk;
        const std::string bytes = format_coord_txt(plots, *gk, wo);
        std::ofstream txt(tmp_out, std::ios::binary);
        txt << bytes;
        txt.close();
        if (!txt) throw InputError(o.output.string() + ": cannot write: " + std::strerror(errno));
    } else {
        GDALDriver* drv = GetGDALDriverManager()->GetDriverByName(driver_of(fmt));
        if (drv == nullptr) throw InternalError(std::string("GDAL has no ") + driver_of(fmt) + " driver");
        CPLStringList dsco;
        if (fmt == "kml") dsco.SetNameValue("NameField", "name");
        GDALDatasetUniquePtr ds(drv->Create(tmp_out.c_str(), 0, 0, 0, GDT_Unknown, dsco.List()));
        if (!ds) throw InputError(o.output.string() + ": cannot create: " + CPLGetLastErrorMsg());
        OGRSpatialReference srs;
        srs.importFromWkt(target.wkt.c_str());
        srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        CPLStringList lco;
        if (fmt == "shp") lco.SetNameValue("ENCODING", "UTF-8");  // writes the .cpg
        OGRwkbGeometryType gt = wkbUnknown;
        if (fmt == "shp") gt = wkbFlatten(feats.front().geom->getGeometryType());
        const std::string lname = o.output.stem().string();
        OGRLayer* layer = ds->CreateLayer(lname.c_str(), fmt == "dxf" ? nullptr : &srs, gt, lco.List());
        if (layer == nullptr) throw InputError(o.output.string() + ": cannot create the layer: " + CPLGetLastErrorMsg());
        // Schema: id, name, then the other fields of the first source (DXF keeps the id as the
        // entity's layer name: it has no attribute table).
        std::vector<std::pair<int, int>> copied;  // (source index, output index)
        if (fmt != "dxf") {
            for (const char* n : {"id", "name"}) {
                OGRFieldDefn fd(n, OFTString);
                layer->CreateField(&fd);
            }
            const OGRFeatureDefn* sd = sources.front().layer->GetLayerDefn();
            for (int i = 0; i < sd->GetFieldCount(); ++i) {
                const std::string n = sd->GetFieldDefn(i)->GetNameRef();
                if (i == id_idx.front() || i == name_idx.front() || n == "行号" || lower(n) == "id" || lower(n) == "name") continue;
                OGRFieldDefn fd(sd->GetFieldDefn(i));
                if (fmt == "shp") fd.SetName(shapefile_field_name(n, layer).c_str());
                if (layer->CreateField(&fd) == OGRERR_NONE) {
                    copied.emplace_back(i, layer->GetLayerDefn()->GetFieldCount() - 1);
                }
            }
        }
        for (const auto& f : feats) {
            OGRFeatureUniquePtr out(OGRFeature::CreateFeature(layer->GetLayerDefn()));
            if (fmt == "dxf") {
                out->SetField("Layer", f.id.c_str());
            } else {
                out->SetField("id", f.id.c_str());
                out->SetField("name", f.name.c_str());
                if (f.source->GetDefnRef() == sources.front().layer->GetLayerDefn()) {
                    for (const auto& [si, oi] : copied) {
                        if (f.source->IsFieldSetAndNotNull(si)) out->SetField(oi, f.source->GetRawFieldRef(si));
                    }
                }
            }
            out->SetGeometry(f.geom.get());
            CPLErrorReset();
            if (layer->CreateFeature(out.get()) != OGRERR_NONE) {
                throw InputError(o.output.string() + ": cannot write feature " + f.id + ": " + CPLGetLastErrorMsg());
            }
            ++summary.features;
        }
        CPLErrorReset();
        ds.reset();  // closes the file: a write failed at the close (a full disk) shows now
        if (CPLGetLastErrorType() >= CE_Failure) {
            throw InputError(o.output.string() + ": write failed: " + CPLGetLastErrorMsg());
        }
        // GeoJSON and KML ignore failed writes: count the features of the file written.
        if (fmt != "dxf") output::check_read_back(tmp_out, o.output, {{lname, summary.features}});
        if (fmt == "kml" && !o.from_gcj02) {
            summary.notes.push_back("KML written in WGS84 lon/lat; CGCS2000 and WGS84 differ by centimetres");
        }
        if (fmt == "dxf") summary.notes.push_back("DXF keeps each feature's id as its entity layer name; it has no CRS");
    }
    if (fmt == "txt") summary.features = static_cast<int>(feats.size());
    staged.commit();  // the output (and a shapefile's sidecars) replaced only now that it is complete
    return summary;
}

}  // namespace zoning
