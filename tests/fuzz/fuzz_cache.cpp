// libFuzzer target for the prepared cache's decoder (cache/cache_file.cpp): any bytes, read as a
// whole cache file and as a cache body, decode or throw CacheFormatError; counts larger than the
// bytes could hold are refused before anything is allocated (run with -rss_limit_mb / -malloc_limit_mb).
// The geometries' WKB goes through GeosContext::from_wkb, which throws zoning::Error on garbage.
#include <zoning/error.hpp>
#include <zoning/geos.hpp>

#include "cache/cache_file.hpp"

#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

void decode_geometries(const zoning::cache::Body& body) {
    static const zoning::GeosContext ctx;
    for (const auto& l : body.layers) {
        for (const auto& f : l.features) {
            try {
                (void)ctx.from_wkb(reinterpret_cast<const unsigned char*>(f.wkb.data()), f.wkb.size());
            } catch (const zoning::Error&) {
            }
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace zoning::cache;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    try {
        Reader r(bytes.data(), bytes.size());
        const Header h = read_header(r);
        if (h.body.data() < bytes.data() || h.body.data() + h.body.size() > bytes.data() + bytes.size()) std::abort();
        decode_geometries(read_body(h.body));
    } catch (const CacheFormatError&) {
    }
    try {
        const Body b = read_body(bytes);
        for (const auto& l : b.layers) {
            if (l.repaired < 0 || l.skipped < 0) std::abort();
            for (const auto& f : l.features) {
                if (f.dimension < 0 || f.dimension > 2) std::abort();
            }
        }
        decode_geometries(b);
    } catch (const CacheFormatError&) {
    }
    return 0;
}
