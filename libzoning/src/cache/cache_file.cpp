#include "cache/cache_file.hpp"

#include <cmath>

namespace zoning::cache {

namespace {

// The fewest bytes one record can take: a count larger than the bytes left divided by these
// is corrupt, and is refused before anything is reserved for it.
constexpr size_t kMinFileStamp = 4 + 8 + 8 + 8;
constexpr size_t kMinWarning = 4 + 4;
constexpr size_t kMinCrs = 4 + 4 + 4 + 4 + 1 + 8 + 8;
constexpr size_t kMinLayer = 4 + kMinCrs + 4 + 4 + 4 + 4;
constexpr size_t kMinFeature = 8 + 4 + 4 + 4 + 4 + 4 * 8 + 4;

std::uint32_t count(Reader& r, size_t min_record, const char* what) {
    const auto n = r.get<std::uint32_t>();
    if (n > r.left() / min_record) {
        throw CacheFormatError(std::string(what) + " count " + std::to_string(n) + " exceeds the file");
    }
    return n;
}

}  // namespace

void put_crs(Writer& w, const Crs& c) {
    w.str(c.definition);
    w.str(c.wkt);
    w.str(c.name);
    w.put<std::int32_t>(c.epsg ? *c.epsg : -1);
    w.put<std::uint8_t>(c.geographic ? 1 : 0);
    w.put(c.semi_major);
    w.put(c.inv_flattening);
}

Crs get_crs(Reader& r) {
    Crs c;
    c.definition = r.str();
    c.wkt = r.str();
    c.name = r.str();
    const auto epsg = r.get<std::int32_t>();
    if (epsg >= 0) c.epsg = epsg;
    c.geographic = r.get<std::uint8_t>() != 0;
    c.semi_major = r.get<double>();
    c.inv_flattening = r.get<double>();
    return c;
}

Header read_header(Reader& r) {
    if (r.raw(kMagic.size()) != kMagic) throw CacheFormatError("not a zoning cache file");
    const auto format = r.get<std::uint32_t>();
    if (format != kFormatVersion) {
        throw CacheFormatError("cache format " + std::to_string(format) + ", this zoning reads " +
                               std::to_string(kFormatVersion));
    }
    Header h;
    h.key = r.str();
    const auto n = count(r, kMinFileStamp, "file");
    h.files.reserve(n);
    for (std::uint32_t i = 0; i < n; ++i) {
        FileStamp s;
        s.path = r.str();
        s.size = r.get<std::uint64_t>();
        s.mtime_ns = r.get<std::int64_t>();
        s.hash = r.get<std::uint64_t>();
        h.files.push_back(std::move(s));
    }
    h.body_hash = r.get<std::uint64_t>();
    const auto size = r.get<std::uint64_t>();
    if (size > r.left()) throw CacheFormatError("truncated");
    h.body = r.raw(static_cast<size_t>(size));
    return h;
}

Body read_body(std::string_view bytes) {
    Reader b(bytes.data(), bytes.size());
    Body body;
    body.working = get_crs(b);
    const auto nw = count(b, kMinWarning, "warning");
    body.warnings.reserve(nw);
    for (std::uint32_t i = 0; i < nw; ++i) {
        std::string where = b.str();
        body.warnings.emplace_back(std::move(where), b.str());
    }
    const auto nl = count(b, kMinLayer, "layer");
    body.layers.reserve(nl);
    for (std::uint32_t l = 0; l < nl; ++l) {
        LayerRecord layer;
        layer.id = b.str();
        layer.source = get_crs(b);
        layer.repaired = b.get<std::int32_t>();
        layer.skipped = b.get<std::int32_t>();
        if (layer.repaired < 0 || layer.skipped < 0) throw CacheFormatError("negative feature counts");
        const auto nf = count(b, kMinFeature, "feature");
        layer.features.reserve(nf);
        for (std::uint32_t i = 0; i < nf; ++i) {
            FeatureRecord f;
            f.fid = b.get<std::int64_t>();
            f.name = b.str();
            f.code = b.str();
            f.cls = b.str();
            f.dimension = b.get<std::int32_t>();
            if (f.dimension < 0 || f.dimension > 2) throw CacheFormatError("feature dimension " + std::to_string(f.dimension));
            f.env.minx = b.get<double>();
            f.env.miny = b.get<double>();
            f.env.maxx = b.get<double>();
            f.env.maxy = b.get<double>();
            if (!std::isfinite(f.env.minx) || !std::isfinite(f.env.miny) || !std::isfinite(f.env.maxx) ||
                !std::isfinite(f.env.maxy)) {
                throw CacheFormatError("feature envelope is not finite");
            }
            f.wkb = b.blob();
            layer.features.push_back(std::move(f));
        }
        layer.union_wkb = b.blob();
        body.layers.push_back(std::move(layer));
    }
    if (b.left() != 0) throw CacheFormatError("trailing bytes");
    return body;
}

}  // namespace zoning::cache
