#pragma once
// Internal: what a cache depends on, and how its freshness is checked. A file is described by
// size, mtime and a 64-bit content hash; the key names everything else that shapes the loaded
// layers (versions, cache format, the layer definitions of the catalog).
#include <zoning/catalog.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zoning::cache {

/// Bump it with every change to the layout or to what LoadedCatalog::load makes from the sources
/// (reading, reprojection, repair, ZoneFeature fields, unions): older caches then read as stale.
inline constexpr std::uint32_t kFormatVersion = 5;  // 2: XXH3 content hashes; 3: MakeValid structure method;
                                                    // 4: GDAL options line in the key; 5: the union of
                                                    // the coverage layer, `coverage:` in the key

/// The key's line of GDAL/PROJ configuration options that change what is read (SHAPE_ENCODING,
/// OGR_ORGANIZE_POLYGONS, OGR_GEOMETRY_ACCEPT_UNCLOSED_RING, PROJ_NETWORK...), set or "(unset)".
inline constexpr std::string_view kOptionsPrefix = "gdal options:";
std::string gdal_options_line();
/// The options that differ between two keys, "NAME old -> new, ...", or "" when none does.
std::string options_changed(const std::string& before_key, const std::string& now_key);

/// 64-bit content hash, XXH3 (not cryptographic: it detects changes, not tampering).
std::uint64_t hash_bytes(std::string_view bytes, std::uint64_t seed = 0);
/// Content hash of a whole file; throws InputError when it cannot be read.
std::uint64_t hash_file(const std::filesystem::path& file);

struct FileStamp {
    std::string path;  ///< relative to the catalog's folder (the cache survives a move or another cwd)
    std::filesystem::path file;  ///< where it is now, to read it (not stored)
    std::uint64_t size = 0;
    std::int64_t mtime_ns = 0;
    std::uint64_t hash = 0;
};

/// The files whose content the loaded catalog depends on: the catalog file, then every source
/// with its sidecars (same folder, same stem: .dbf, .shx, .prj, .cpg, -wal...), or every file
/// of a source folder; sorted, without duplicates. Sizes and mtimes filled, hashes not.
/// Empty with `why` set when a source is not a local file or folder (it cannot be checked).
std::vector<FileStamp> dependencies(const Catalog& catalog, std::string& why);

/// Size and mtime of a file, named relative to `base`; nothing when it does not exist.
std::optional<FileStamp> stamp(const std::filesystem::path& file, const std::filesystem::path& base);

/// Everything besides the files that makes a cache valid: zoning, format and library versions,
/// the encoding configuration, and the load-relevant fields of every layer.
std::string cache_key(const Catalog& catalog);

}  // namespace zoning::cache
