#include "output/ogr_layer_writer.hpp"

#include <zoning/error.hpp>

#include <gdal_version.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <fstream>
#include <string_view>

namespace fs = std::filesystem;

namespace zoning::output {

namespace {

std::string last_error() {
    const char* m = CPLGetLastErrorMsg();
    return m != nullptr && *m != '\0' ? std::string(m) : std::string("no reason given by GDAL");
}

}  // namespace

void check_read_back(const fs::path& file, const fs::path& destination,
                     const std::vector<std::pair<std::string, GIntBig>>& layers) {
    const std::string where = destination.string() + ": write failed: ";
    CPLErrorReset();
    GDALDatasetUniquePtr ds(GDALDataset::Open(file.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!ds) throw InputError(where + "the file cannot be read back (" + last_error() + "); is the disk full?");
    for (const auto& [name, expected] : layers) {
        OGRLayer* l = ds->GetLayerByName(name.c_str());
        if (l == nullptr && layers.size() == 1 && ds->GetLayerCount() == 1) l = ds->GetLayer(0);
        if (l == nullptr) throw InputError(where + "layer " + name + " is missing when read back; is the disk full?");
        const GIntBig n = l->GetFeatureCount(TRUE);
        if (n != expected) {
            throw InputError(where + "layer " + name + ": " + std::to_string(n) + " of " + std::to_string(expected) +
                             " features read back; is the disk full?");
        }
    }
}

OGRwkbGeometryType multi_type(int dim) {
    return dim == 2 ? wkbMultiPolygon : dim == 1 ? wkbMultiLineString : dim == 0 ? wkbMultiPoint : wkbUnknown;
}

const char* dimension_suffix(int dim) {
    return dim == 2 ? "polygons" : dim == 1 ? "lines" : "points";
}

std::unique_ptr<OGRGeometry> to_ogr(const GeosContext& ctx, const GEOSGeometry* g, int dim) {
    if (g == nullptr) return nullptr;
    std::vector<unsigned char> wkb = ctx.to_wkb(g);
    OGRGeometry* raw = nullptr;
    if (OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &raw, wkb.size()) != OGRERR_NONE) {
        throw InternalError("cannot convert a GEOS geometry to OGR");
    }
    std::unique_ptr<OGRGeometry> og(raw);
    if (dim == 2)
        og.reset(OGRGeometryFactory::forceToMultiPolygon(og.release()));
    else if (dim == 1)
        og.reset(OGRGeometryFactory::forceToMultiLineString(og.release()));
    else if (dim == 0)
        og.reset(OGRGeometryFactory::forceToMultiPoint(og.release()));
    return og;
}

// ---- OgrLayerWriter ----------------------------------------------------------------------------

OGRFeatureUniquePtr OgrLayerWriter::feature() const {
    OGRFeatureUniquePtr f(OGRFeature::CreateFeature(layer_->GetLayerDefn()));
    if (!f) throw InternalError(file_.where(name_) + "cannot make a feature");
    return f;
}

namespace {

/// `text` cut to at most `bytes` bytes of UTF-8, ending with "…" when it was longer.
std::string fit_utf8(const std::string& text, size_t bytes) {
    static constexpr std::string_view kEllipsis = "\xE2\x80\xA6";
    if (text.size() <= bytes) return text;
    size_t n = bytes > kEllipsis.size() ? bytes - kEllipsis.size() : 0;
    while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0U) == 0x80U) --n;  // not inside a character
    return text.substr(0, n) + std::string(kEllipsis);
}

}  // namespace

void OgrLayerWriter::write(OGRFeature& feature) {
    if (file_.is_shapefile()) {
        for (const auto& fd : fields_) {
            if (fd.type != OFTString || fd.width <= 0) continue;
            const int i = feature.GetFieldIndex(fd.name);
            if (i < 0 || !feature.IsFieldSetAndNotNull(i)) continue;
            const std::string value = feature.GetFieldAsString(i);
            if (value.size() > static_cast<size_t>(fd.width))
                feature.SetField(i, fit_utf8(value, static_cast<size_t>(fd.width)).c_str());
        }
    }
    CPLErrorReset();
    if (layer_->CreateFeature(&feature) != OGRERR_NONE) {
        throw InputError(file_.where(name_) + "cannot write feature " + std::to_string(written_ + 1) + ": " +
                            last_error());
    }
    ++written_;
}

std::vector<std::pair<std::string, std::string>> OgrLayerWriter::alias_list() const {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& f : fields_)
        out.emplace_back(f.name, f.alias != nullptr ? f.alias : f.name);
    return out;
}

// ---- OgrFile -----------------------------------------------------------------------------------

OgrFile::OgrFile(const char* driver, fs::path file, fs::path destination)
    : file_(std::move(file)), destination_(std::move(destination)) {
    GDALAllRegister();
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName(driver);
    if (drv == nullptr) throw InternalError(std::string("GDAL driver ") + driver + " is missing");
    gpkg_ = std::string(driver) == "GPKG";
    shapefile_ = std::string(driver) == "ESRI Shapefile";
    CPLErrorReset();
    ds_.reset(drv->Create(file_.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds_) throw InputError(where() + "cannot create: " + last_error());
}

OgrFile::~OgrFile() {
    if (in_transaction_) rollback();
    CPLErrorReset();
    ds_.reset();  // after an exception: the staging folder and this file are removed
    CPLErrorReset();
}

std::string OgrFile::where(const std::string& layer) const {
    return destination_.string() + ": " + (layer.empty() ? std::string() : "layer " + layer + ": ");
}

OgrLayerWriter& OgrFile::create_layer(const std::string& name, const OGRSpatialReference* srs, OGRwkbGeometryType type,
                                      std::vector<FieldSpec> fields, const std::vector<std::string>& options) {
    CPLStringList opts;
    for (const auto& o : options)
        opts.AddString(o.c_str());
    CPLErrorReset();
    // GDAL 3.6 takes a non-const SRS; CreateLayer clones it.
    OGRLayer* layer = ds_->CreateLayer(name.c_str(), const_cast<OGRSpatialReference*>(srs), type, opts.List());
    if (layer == nullptr) throw InputError(where(name) + "cannot create the layer: " + last_error());
    for (const auto& fd : fields) {
        OGRFieldDefn def(fd.name, fd.type);
        if (fd.width > 0) def.SetWidth(fd.width);
        if (fd.precision > 0) def.SetPrecision(fd.precision);
        if (gpkg_ && fd.alias != nullptr) def.SetAlternativeName(fd.alias);
        CPLErrorReset();
        if (layer->CreateField(&def) != OGRERR_NONE) {
            throw InputError(where(name) + "cannot create field " + fd.name + ": " + last_error());
        }
    }
    layers_.push_back(std::make_unique<OgrLayerWriter>(*this, layer, name, std::move(fields)));
    return *layers_.back();
}

void OgrFile::set_style(const OgrLayerWriter& layer, QmlLayer style) {
    styles_.emplace_back(&layer, std::move(style));
}

void OgrFile::begin() {
    if (ds_->TestCapability(ODsCTransactions) == 0) return;  // shapefile, GeoJSON: written directly
    CPLErrorReset();
    if (ds_->StartTransaction() != OGRERR_NONE)
        throw InputError(where() + "cannot start a transaction: " + last_error());
    in_transaction_ = true;
}

void OgrFile::commit() {
    if (!in_transaction_) return;
    in_transaction_ = false;
    CPLErrorReset();
    if (ds_->CommitTransaction() != OGRERR_NONE) throw InputError(where() + "write failed (commit): " + last_error());
}

void OgrFile::rollback() noexcept {
    if (!in_transaction_) return;
    in_transaction_ = false;
    ds_->RollbackTransaction();  // the file is dropped anyway: its result does not matter
}

void OgrFile::execute(const std::string& sql) {
    CPLErrorReset();
    OGRLayer* res = ds_->ExecuteSQL(sql.c_str(), nullptr, nullptr);
    if (res != nullptr) ds_->ReleaseResultSet(res);
    if (CPLGetLastErrorType() >= CE_Failure)
        throw InputError(where() + "cannot write gpkg_data_columns: " + last_error());
}

/// GeoPackage: QGIS styles in layer_styles, the table QGIS reads when it opens a layer.
void OgrFile::write_layer_styles() {
    std::vector<FieldSpec> fields;
    for (const char* n : {"f_table_catalog", "f_table_schema", "f_table_name", "f_geometry_column", "styleName"}) {
        fields.push_back({n, OFTString, 256});
    }
    fields.push_back({"styleQML", OFTString});
    fields.push_back({"styleSLD", OFTString});
    fields.push_back({"useAsDefault", OFTInteger});
    fields.push_back({"description", OFTString});
    fields.push_back({"owner", OFTString, 30});
    fields.push_back({"ui", OFTString, 30});
    fields.push_back({"update_time", OFTDateTime});
    CPLErrorReset();
    OGRLayer* t = ds_->CreateLayer("layer_styles", nullptr, wkbNone, nullptr);
    if (t == nullptr) throw InputError(where("layer_styles") + "cannot create the layer: " + last_error());
    for (const auto& fd : fields) {
        OGRFieldDefn def(fd.name, fd.type);
        if (fd.width > 0) def.SetWidth(fd.width);
        if (std::string(fd.name) == "useAsDefault") def.SetSubType(OFSTBoolean);
        if (std::string(fd.name) == "update_time") def.SetDefault("CURRENT_TIMESTAMP");
        CPLErrorReset();
        if (t->CreateField(&def) != OGRERR_NONE) {
            throw InputError(where("layer_styles") + "cannot create field " + fd.name + ": " + last_error());
        }
    }
    layers_.push_back(std::make_unique<OgrLayerWriter>(*this, t, "layer_styles", std::move(fields)));
    OgrLayerWriter& table = *layers_.back();
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    transaction([&] {
        for (const auto& [layer, q] : styles_) {
            OGRFeatureUniquePtr f = table.feature();
            f->SetField("f_table_catalog", "");
            f->SetField("f_table_schema", "");
            f->SetField("f_table_name", layer->name().c_str());
            f->SetField("f_geometry_column", layer->ogr_layer().GetGeometryColumn());
            f->SetField("styleName", layer->name().c_str());
            f->SetField("styleQML", to_qml(q).c_str());
            f->SetField("styleSLD", "");
            f->SetField("useAsDefault", 1);
            f->SetField("description", "zoning: style table (docs/map.md)");
            f->SetField("owner", "");
            f->SetField("update_time", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                        static_cast<float>(tm.tm_sec), 100);
            table.write(*f);
        }
    });
}

/// GeoPackage: the Chinese aliases in gpkg_data_columns (the schema extension), where GDAL 3.7+
/// puts a field's alternative name and ArcGIS and QGIS read it. GDAL 3.6 (Debian 12) drops the
/// alternative name when it writes a GeoPackage, so the table is written here.
void OgrFile::write_data_columns() {
#if GDAL_VERSION_NUM < GDAL_COMPUTE_VERSION(3, 7, 0)
    bool any = false;
    for (const auto& l : layers_) {
        for (const auto& f : l->fields())
            any = any || f.alias != nullptr;
    }
    if (!any) return;
    auto quote = [](const std::string& v) {
        std::string q = "'";
        for (char c : v)
            q += c == '\'' ? std::string("''") : std::string(1, c);
        return q + "'";
    };
    execute(
        "CREATE TABLE IF NOT EXISTS gpkg_data_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, "
        "name TEXT, title TEXT, description TEXT, mime_type TEXT, constraint_name TEXT, "
        "CONSTRAINT pk_gdc PRIMARY KEY (table_name, column_name), "
        "CONSTRAINT gdc_tn UNIQUE (table_name, name))");
    execute(
        "INSERT OR IGNORE INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope) "
        "VALUES ('gpkg_data_columns', NULL, 'gpkg_schema', "
        "'http://www.geopackage.org/spec121/#extension_schema', 'read-write')");
    for (const auto& l : layers_) {
        for (const auto& f : l->fields()) {
            if (f.alias == nullptr || std::string(f.alias) == f.name) continue;
            execute("INSERT OR REPLACE INTO gpkg_data_columns (table_name, column_name, name, title) VALUES (" +
                    quote(l->name()) + ", " + quote(f.name) + ", " + quote(f.alias) + ", " + quote(f.alias) + ")");
        }
    }
#endif
}

void OgrFile::close() {
    if (gpkg_ && !styles_.empty()) write_layer_styles();
    if (gpkg_) write_data_columns();
    if (shapefile_) {
        for (const auto& [layer, q] : styles_) {
            // A .qml beside the shapefile: QGIS loads it as the layer's default style.
            fs::path qml = file_;
            qml.replace_extension(".qml");
            std::ofstream out(qml, std::ios::binary);
            out << to_qml(q);
            out.close();
            if (!out) throw InputError(where(layer->name()) + "cannot write " + qml.filename().string() + ": " + std::strerror(errno));
        }
    }
    CPLErrorReset();
    ds_.reset();  // closes the dataset: the file is complete
    if (CPLGetLastErrorType() >= CE_Failure) throw InputError(where() + "write failed: " + last_error());
    std::vector<std::pair<std::string, GIntBig>> counts;
    for (const auto& l : layers_) counts.emplace_back(l->name(), l->written());
    check_read_back(file_, destination_, counts);
}

}  // namespace zoning::output
