#pragma once
// A catalog loaded into memory: every layer read through OGR, reprojected into the working CRS,
// repaired with MakeValid when invalid, and indexed with a packed R-tree.
#include <zoning/area.hpp>
#include <zoning/catalog.hpp>
#include <zoning/crs.hpp>
#include <zoning/geos.hpp>
#include <zoning/progress.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace zoning {

namespace cache {
struct Access;  // the prepared catalog cache (cache/catalog_cache.cpp) builds layers directly
}

/// One feature of a zoning layer, in the working CRS.
struct ZoneFeature {
    std::int64_t fid = 0;
    std::string name, code, cls;
    Verdict verdict = Verdict::allowed;
    Geom geom;
    Envelope env;
    int dimension = 2;  ///< 0 point, 1 line, 2 polygon
};

/// A warning raised while loading or screening: where, and what was done about it.
struct Warning {
    std::string where;  ///< "redline.shp layer redline fid 12", "footprint 3"
    std::string what;
};

class ZoneLayer {
public:
    /// `ctx` made the features' geometries and must outlive the layer.
    ZoneLayer(const GeosContext& ctx, LayerSpec spec, Crs source_crs,
              std::vector<ZoneFeature> features, int repaired, int skipped);
    ~ZoneLayer();
    ZoneLayer(ZoneLayer&&) noexcept;
    ZoneLayer& operator=(ZoneLayer&&) noexcept;

    [[nodiscard]] const LayerSpec& spec() const noexcept { return spec_; }
    [[nodiscard]] const Crs& source_crs() const noexcept { return source_crs_; }
    [[nodiscard]] const std::vector<ZoneFeature>& features() const noexcept { return features_; }
    [[nodiscard]] int repaired() const noexcept { return repaired_; }
    [[nodiscard]] int skipped() const noexcept { return skipped_; }
    [[nodiscard]] const Envelope& extent() const noexcept { return extent_; }
    /// True when the layer has features and every one of them is polygonal (dimension 2).
    [[nodiscard]] bool polygonal() const noexcept;
    /// Indexes of the features whose envelope intersects `box`, by ascending fid (then index): the
    /// same order from a table as from the file it was loaded from.
    [[nodiscard]] std::vector<size_t> query(const Envelope& box) const;
    /// Union of all features (overlaps counted once), computed once on first use (thread-safe).
    /// Owned by the layer, made with the loading context.
    [[nodiscard]] const GEOSGeometry* union_geometry() const;

private:
    friend struct cache::Access;
    struct Index;
    const GeosContext* ctx_;
    LayerSpec spec_;
    Crs source_crs_;
    std::vector<ZoneFeature> features_;
    int repaired_ = 0;
    int skipped_ = 0;
    Envelope extent_;
    std::unique_ptr<Index> index_;
    std::unique_ptr<std::once_flag> union_once_;
    mutable Geom union_;
    mutable std::vector<unsigned char> union_wkb_;  ///< the union as stored in the cache, read on first use
};

/// Options for loading a catalog.
struct LoadOptions {
    /// Called for every repaired or skipped feature (default: collected in warnings()).
    std::function<void(const Warning&)> on_warning;
    /// Use the prepared cache written by `zoning index` when it is fresh (see cache.hpp).
    bool use_cache = true;
    /// Folder of the cache; empty: $ZONING_CACHE_DIR, or else beside the catalog.
    std::filesystem::path cache_dir;
    /// Called with one line when a cache is used, or is stale or absent and the sources are read.
    std::function<void(const std::string&)> on_cache_note;
    /// Called after each layer read from the sources (stage "layers"; not for a cache).
    ProgressCallback on_progress;
    /// Database sources only (docs/postgis.md): called once the working CRS is chosen; the box
    /// it returns (in the working CRS) is pushed to the server as a spatial filter (`&&` on the
    /// GiST index), so only the features whose bounding box meets it are read. Nothing: read
    /// everything. The layers then hold only those features (screening near the box is exact;
    /// stats, check and index never set it), and the loader's layer-extent check is left out.
    std::function<std::optional<Envelope>(const Crs& working)> database_filter;
};

/// A catalog with its layers loaded. Owns the GEOS context its geometries were made with.
class LoadedCatalog {
public:
    /// Reads every layer: from the prepared cache (cache.hpp) when `opts.use_cache` and it is
    /// fresh, else from the sources (open, reproject, repair), saying why through on_cache_note.
    static std::unique_ptr<LoadedCatalog> load(const Catalog& catalog, const LoadOptions& opts = {});
    ~LoadedCatalog();

    [[nodiscard]] const Catalog& catalog() const noexcept { return catalog_; }
    [[nodiscard]] const Crs& working_crs() const noexcept { return working_; }
    [[nodiscard]] const std::vector<ZoneLayer>& layers() const noexcept { return layers_; }
    [[nodiscard]] const ZoneLayer* find(const std::string& id) const;
    [[nodiscard]] const std::vector<Warning>& warnings() const noexcept { return warnings_; }
    [[nodiscard]] Envelope extent() const;
    /// The layer whose union is the catalog's coverage (docs/catalog.md): the one marked
    /// `coverage: true` (it must be polygonal: else CatalogError at its line), else the polygonal
    /// admin layer whose extent has the largest area (the first of equals), else null. For a
    /// spatially filtered database layer the extent is the whole table's, from the server, so the
    /// choice is the one of a whole read.
    [[nodiscard]] const ZoneLayer* coverage_layer() const;
    /// The context that owns the layers' geometries. Use it only from the loading thread.
    [[nodiscard]] const GeosContext& context() const noexcept { return *ctx_; }
    /// Features read from each layer's source (before repair or skipping), in layer order;
    /// empty when the layers came from the cache.
    [[nodiscard]] const std::vector<std::int64_t>& features_read() const noexcept { return features_read_; }
    /// The cache file the layers were read from, or empty when they were read from the sources.
    [[nodiscard]] const std::filesystem::path& cache_file() const noexcept { return cache_file_; }

private:
    friend struct cache::Access;
    LoadedCatalog() = default;
    static std::unique_ptr<LoadedCatalog> load_sources(const Catalog& catalog, const LoadOptions& opts);
    std::unique_ptr<GeosContext> ctx_;  // declared first: destroyed after the geometries
    Catalog catalog_;
    Crs working_;
    std::vector<ZoneLayer> layers_;
    std::vector<Warning> warnings_;
    std::filesystem::path cache_file_;
    std::vector<std::int64_t> features_read_;
    Envelope full_extent_;  ///< of spatially filtered database layers, from the server
    std::vector<Envelope> table_extent_;  ///< per layer: a filtered database table's whole extent, else empty
};

}  // namespace zoning
