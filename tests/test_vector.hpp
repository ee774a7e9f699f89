#pragma once
// Shared by the tests that read generated layers back: every feature of a vector file, its
// geometry (through ISO WKB into GEOS) and its fields as strings.
#include <zoning/geos.hpp>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace zoning::test {

struct Row {
    Geom geom;
    std::map<std::string, std::string> fields;
};

/// The features of the first layer of `path`. Throws std::runtime_error when it cannot be opened.
inline std::vector<Row> read_rows(const GeosContext& ctx, const std::string& path) {
    GDALAllRegister();
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!ds) throw std::runtime_error("cannot open " + path);
    std::vector<Row> out;
    for (auto& f : *ds->GetLayer(0)) {
        Row r;
        const OGRGeometry* g = f->GetGeometryRef();
        std::vector<unsigned char> wkb(static_cast<size_t>(g->WkbSize()));
        g->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
        r.geom = ctx.from_wkb(wkb.data(), wkb.size());
        for (int i = 0; i < f->GetFieldCount(); ++i) r.fields[f->GetFieldDefnRef(i)->GetNameRef()] = f->GetFieldAsString(i);
        out.push_back(std::move(r));
    }
    return out;
}

}  // namespace zoning::test
