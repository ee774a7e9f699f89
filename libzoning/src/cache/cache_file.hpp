#pragma once
// Internal: decoding the bytes of a cache file (layout in catalog_cache.cpp) into plain records,
// with no catalog, GEOS or file access, so that a fuzzer can feed it any bytes
// (tests/fuzz/fuzz_cache.cpp). Every count is checked against the bytes left before anything is
// allocated for it, every length against the end of the buffer: garbage throws
// CacheFormatError, it never reads past the end nor allocates more than the file could hold.
#include <zoning/crs.hpp>
#include <zoning/geos.hpp>

#include "cache/binary.hpp"
#include "cache/fingerprint.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace zoning::cache {

inline constexpr std::string_view kMagic = "ZONCACHE";

struct Header {
    std::string key;
    std::vector<FileStamp> files;
    std::uint64_t body_hash = 0;
    std::string_view body;  ///< into the decoded bytes
};

/// Magic, format version, key, file stamps, body hash and size; the body is not checked here.
Header read_header(Reader& r);

struct FeatureRecord {
    std::int64_t fid = 0;
    std::string name, code, cls;
    int dimension = 2;       ///< 0, 1 or 2
    Envelope env;            ///< finite
    std::string_view wkb;    ///< into the body
};

struct LayerRecord {
    std::string id;
    Crs source;
    int repaired = 0, skipped = 0;  ///< at least 0
    std::vector<FeatureRecord> features;
    std::string_view union_wkb;     ///< empty: not stored
};

struct Body {
    Crs working;
    std::vector<std::pair<std::string, std::string>> warnings;  ///< (where, what), sources marked
    std::vector<LayerRecord> layers;
};

/// The whole body; trailing bytes are an error.
Body read_body(std::string_view body);

void put_crs(Writer& w, const Crs& c);
Crs get_crs(Reader& r);

}  // namespace zoning::cache
