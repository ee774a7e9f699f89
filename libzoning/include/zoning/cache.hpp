#pragma once
// The prepared catalog cache (`zoning index`): every layer already read, reprojected to the
// working CRS and repaired, with the repair warnings and the per-layer unions, in one binary file
// that LoadedCatalog::load reads instead of the sources while they are unchanged.
//
// Fresh means: same zoning, cache format and GDAL/GEOS/PROJ versions; the same catalog file
// (size, mtime, content hash) and layer definitions; the same set of source files (each source
// and its sidecars: .dbf, .shx, .prj, .cpg, ...) with the same size, mtime and content hash.
// Anything else is stale, and the sources are read (never a stale cache, never silently).
#include <zoning/catalog.hpp>
#include <zoning/layer.hpp>

#include <cstdint>
#include <filesystem>
#include <string>

namespace zoning {

/// Where the cache of `catalog` lives: `cache_dir` (or $ZONING_CACHE_DIR when empty) as
/// DIR/<catalog stem>-<hash of its absolute path>.zcache, else beside the catalog as
/// <catalog file name>.zcache.
std::filesystem::path cache_path(const Catalog& catalog, const std::filesystem::path& cache_dir = {});

struct CacheStatus {
    bool fresh = false;
    std::filesystem::path file;
    std::string reason;  ///< why it cannot be used ("absent", "redline.dbf changed (size)")
};

/// Checks the cache of `catalog` without reading its layers.
CacheStatus cache_status(const Catalog& catalog, const std::filesystem::path& cache_dir = {});

struct CacheWriteResult {
    std::filesystem::path file;
    std::uint64_t bytes = 0;
    int layers = 0;
    std::int64_t features = 0;
    int warnings = 0;
};

/// Reads the catalog from its sources (`opts.on_warning` sees the repairs), computes the union
/// of each line or point layer unless `with_unions` is false (then `info` and `stats` compute
/// them on use; polygon layers are measured without their union, docs/stats.md) and writes the cache (through a temporary file and a rename). Throws InputError when a
/// source is not a local file or the folder cannot be written.
CacheWriteResult write_cache(const Catalog& catalog, const LoadOptions& opts = {}, bool with_unions = true);

}  // namespace zoning
