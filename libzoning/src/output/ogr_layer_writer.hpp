#pragma once
// Internal: the one way zoning writes vector layers through OGR (screen -o, check -o). A file is
// created with a driver, its layers with a geometry type and fields (with their Chinese aliases),
// features are written inside a transaction where the driver has them, and the file is closed and
// checked. Every OGR return value is checked; an error names the destination file and the layer.
// QGIS styles go with the layer: a layer_styles row in a GeoPackage, a .qml beside a shapefile.
#include <zoning/geos.hpp>

#include "output/qgis_style.hpp"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace zoning::output {

/// A field of a layer to write.
struct FieldSpec {
    const char* name;
    OGRFieldType type;
    int width = 0;  ///< 0: the driver's default
    int precision = 0;
    const char* alias = nullptr;  ///< Chinese alias (GeoPackage gpkg_data_columns, QML), or none
};

/// The multi type of a dimension: 2 MultiPolygon, 1 MultiLineString, 0 MultiPoint.
OGRwkbGeometryType multi_type(int dim);

/// "polygons", "lines", "points": the suffix of a per-geometry-type layer or file.
const char* dimension_suffix(int dim);

/// GEOS to OGR through WKB; forced to the multi type of `dim` when dim >= 0. Null for null.
std::unique_ptr<OGRGeometry> to_ogr(const GeosContext& ctx, const GEOSGeometry* g, int dim = -1);

class OgrFile;

/// Opens a file just written (`file`, in the staging folder) and checks that each of `layers`
/// (name, features written) holds its features: drivers such as GeoJSON and KML ignore failed
/// writes (a full disk), so a truncated file would pass their close. Throws InputError naming
/// `destination`.
void check_read_back(const std::filesystem::path& file, const std::filesystem::path& destination,
                     const std::vector<std::pair<std::string, GIntBig>>& layers);

/// One layer being written. Made by OgrFile::create_layer, owned by the file.
class OgrLayerWriter {
public:
    /// Use OgrFile::create_layer. `layer` is owned by the file's dataset.
    OgrLayerWriter(const OgrFile& file, OGRLayer* layer, std::string name, std::vector<FieldSpec> fields)
        : file_(file), layer_(layer), name_(std::move(name)), fields_(std::move(fields)) {}
    OgrLayerWriter(const OgrLayerWriter&) = delete;
    OgrLayerWriter& operator=(const OgrLayerWriter&) = delete;

    [[nodiscard]] const std::string& name() const noexcept { return name_; }
    [[nodiscard]] const std::vector<FieldSpec>& fields() const noexcept { return fields_; }
    [[nodiscard]] OGRLayer& ogr_layer() const noexcept { return *layer_; }

    /// A new feature of this layer's definition, to fill and write().
    [[nodiscard]] OGRFeatureUniquePtr feature() const;
    /// Writes the feature; throws InputError naming the file, the layer and the feature number
    /// (a full disk shows here for some drivers). A shapefile's text field holds its width in
    /// bytes: a longer value is cut at a character boundary and ends with "…" (GDAL would cut it
    /// with only a warning, possibly inside a character).
    void write(OGRFeature& feature);
    [[nodiscard]] GIntBig written() const noexcept { return written_; }

    /// "field -> alias" of every field (the field name where it has none), for the QML.
    [[nodiscard]] std::vector<std::pair<std::string, std::string>> alias_list() const;

private:
    const OgrFile& file_;
    OGRLayer* layer_;  // owned by the dataset
    std::string name_;
    std::vector<FieldSpec> fields_;
    GIntBig written_ = 0;
};

/// One vector file being written.
class OgrFile {
public:
    /// Creates `file` (a path in the staging folder) with the GDAL `driver`; `destination` is the
    /// name errors give (where the file will be once complete). Throws InputError.
    OgrFile(const char* driver, std::filesystem::path file, std::filesystem::path destination);
    /// Closes the dataset if close() was not called (after an exception: the staged file is dropped).
    ~OgrFile();
    OgrFile(const OgrFile&) = delete;
    OgrFile& operator=(const OgrFile&) = delete;

    /// Creates a layer with its fields. `srs` may be null (a table without geometry, or none
    /// known). Layer creation options as KEY=VALUE strings. Throws InputError.
    OgrLayerWriter& create_layer(const std::string& name, const OGRSpatialReference* srs, OGRwkbGeometryType type,
                                 std::vector<FieldSpec> fields, const std::vector<std::string>& options = {});

    /// The layer's QGIS style: a row of layer_styles in a GeoPackage (written by close()), a .qml
    /// beside a shapefile. Other drivers keep no style.
    void set_style(const OgrLayerWriter& layer, QmlLayer style);

    /// Runs `write` inside a transaction where the driver has them (committed and checked after it
    /// returns, rolled back if it throws); directly otherwise.
    template <typename F>
    void transaction(F&& write) {
        begin();
        try {
            write();
        } catch (...) {
            rollback();
            throw;
        }
        commit();
    }

    /// Writes the styles, closes the dataset, checks that it closed cleanly and reads it back
    /// (check_read_back). Throws InputError naming the destination.
    void close();

    [[nodiscard]] const std::filesystem::path& destination() const noexcept { return destination_; }
    [[nodiscard]] bool is_gpkg() const noexcept { return gpkg_; }
    [[nodiscard]] bool is_shapefile() const noexcept { return shapefile_; }

    /// "<destination>: layer <name>: " or "<destination>: " for messages.
    [[nodiscard]] std::string where(const std::string& layer = {}) const;

private:
    void begin();
    void commit();
    void rollback() noexcept;
    void write_layer_styles();
    void write_data_columns();
    void execute(const std::string& sql);

    std::filesystem::path file_, destination_;
    bool gpkg_ = false, shapefile_ = false, in_transaction_ = false;
    GDALDatasetUniquePtr ds_;
    std::vector<std::unique_ptr<OgrLayerWriter>> layers_;
    std::vector<std::pair<const OgrLayerWriter*, QmlLayer>> styles_;
};

}  // namespace zoning::output
