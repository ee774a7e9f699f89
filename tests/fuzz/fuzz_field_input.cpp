// libFuzzer target for what zoning itself does with field files GDAL has parsed (io/field_input.cpp,
// io/ogr_source.cpp): DXF closed polylines read as polygons and text entities skipped, the axis
// and zone-prefix diagnosis (crs/axes.cpp), the GCJ-02 removal of 奥维 KML (crs/gcj02.cpp), the
// OGR -> GEOS conversion; and the DBF header and text sniffing of shapefiles without .cpg
// (shapefile_encoding), and the DXF checks (io/dxf_check.cpp). GDAL's drivers parse the bytes (DXF, KML from /vsimem/); zoning must
// turn whatever they return into features or an InputError, never crash.
//
// Byte 0 chooses: bits 0-1 the format (DXF, KML, DBF), bit 2 --from-gcj02, bit 3 --fix-axes,
// bits 4-5 --s-srs (none, EPSG:4547, EPSG:4490, EPSG:4526). The rest is the file.
#include <zoning/error.hpp>
#include <zoning/geos.hpp>

#include "io/dxf_check.hpp"
#include "io/field_input.hpp"
#include "io/ogr_source.hpp"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_vsi.h>
#include <gdal_priv.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

namespace {

void quiet_gdal() {
    static const bool once = [] {
        GDALAllRegister();
        CPLSetErrorHandler(CPLQuietErrorHandler);
        return true;
    }();
    (void)once;
}

void read_vector(const std::string& bytes, const char* ext, const char* const* drivers,
                 const zoning::io::InputOptions& opts) {
    static const zoning::GeosContext ctx;
    const std::string path = std::string("/vsimem/fuzz.") + ext;
    VSILFILE* f = VSIFileFromMemBuffer(path.c_str(), reinterpret_cast<GByte*>(const_cast<char*>(bytes.data())),
                                       static_cast<vsi_l_offset>(bytes.size()), FALSE);
    if (f == nullptr) return;
    VSIFCloseL(f);
    {
        GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers));
        if (ds) {
            const std::string driver = ds->GetDriver() != nullptr ? ds->GetDriver()->GetDescription() : "";
            for (int i = 0; i < ds->GetLayerCount() && i < 4; ++i) {
                OGRLayer* layer = ds->GetLayer(i);
                // read_input_layer needs the source as open_vector makes it; the dataset stays ours.
                zoning::io::OgrSource src{GDALDatasetUniquePtr(), layer, path + " layer " + layer->GetName(), driver, {}, {}, {}};
                std::vector<zoning::Warning> warnings;
                try {
                    zoning::io::InputLayer in = zoning::io::read_input_layer(src, opts, warnings);
                    for (const auto& feature : in.features) {
                        try {
                            (void)zoning::io::to_geos(ctx, feature.geom.get());
                        } catch (const zoning::Error&) {
                        }
                    }
                } catch (const zoning::InputError&) {
                }
            }
        }
    }
    VSIUnlink(path.c_str());
}

void sniff_dbf(const std::string& bytes) {
    static const std::filesystem::path dir = [] {
        auto d = std::filesystem::temp_directory_path() / ("zoning-fuzz-dbf-" + std::to_string(::getpid()));
        std::filesystem::create_directories(d);
        return d;
    }();
    std::ofstream(dir / "f.dbf", std::ios::binary | std::ios::trunc).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    const zoning::io::EncodingChoice e = zoning::io::shapefile_encoding(dir / "f.shp", "");
    if (e.encoding.empty() != e.note.empty()) std::abort();  // an assumption always comes with its note
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 1) return 0;
    quiet_gdal();
    const unsigned mode = data[0];
    const std::string bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
    zoning::io::InputOptions opts;
    opts.from_gcj02 = (mode & 4u) != 0;
    opts.fix_axes = (mode & 8u) != 0;
    static const char* const srs[] = {"", "EPSG:4547", "EPSG:4490", "EPSG:4526"};
    opts.s_srs = srs[(mode >> 4) & 3u];
    static const char* const dxf[] = {"DXF", nullptr};
    static const char* const kml[] = {"LIBKML", "KML", nullptr};
    switch (mode & 3u) {
        case 0:
            // As open_vector does: a damaged DXF never reaches GDAL.
            try {
                zoning::io::check_dxf(bytes, "fuzz.dxf");
            } catch (const zoning::InputError&) {
                return 0;
            }
            read_vector(bytes, "dxf", dxf, opts);
            break;
        case 1: read_vector(bytes, "kml", kml, opts); break;
        default: sniff_dbf(bytes); break;
    }
    return 0;
}
