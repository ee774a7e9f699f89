// The prepared catalog cache: layout, freshness check, reading and writing.
//
//   "ZONCACHE" u32 format | str key | u32 n, n × (str path, u64 size, i64 mtime_ns, u64 hash)
//   | u64 body hash | u64 body size | body
//   body: crs working | u32 n, n × (str where, str what) warnings in load order
//         | u32 n, n × layer: str id, crs source, i32 repaired, i32 skipped,
//                   u32 m, m × (i64 fid, str name, str code, str class, i32 dimension,
//                              4 × f64 envelope, blob WKB), blob union WKB (empty: not computed)
//   crs:  str definition, str wkt, str name, i32 epsg (-1: none), u8 geographic, f64 a, f64 1/f
// Geometries are ISO WKB of the repaired features in the working CRS: doubles round-trip
// bit-exactly, so everything computed from them is identical to a load from the sources.
#include "cache/catalog_cache.hpp"

#include <zoning/error.hpp>

#include "cache/binary.hpp"
#include "cache/cache_file.hpp"
#include "cache/fingerprint.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>
#include <unistd.h>

namespace fs = std::filesystem;

namespace zoning {

namespace {

std::string hex16(std::uint64_t v) {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
    return buf;
}

fs::path chosen_dir(const fs::path& cache_dir) {
    if (!cache_dir.empty()) return cache_dir;
    const char* env = std::getenv("ZONING_CACHE_DIR");
    if (env != nullptr && *env != '\0') return env;
    return {};
}

}  // namespace

fs::path cache_path(const Catalog& catalog, const fs::path& cache_dir) {
    const fs::path dir = chosen_dir(cache_dir);
    if (dir.empty()) {
        fs::path p = catalog.path;
        p += ".zcache";
        return p;
    }
    std::error_code ec;
    fs::path abs = fs::absolute(catalog.path, ec);
    if (ec) abs = catalog.path;
    const std::string id = hex16(cache::hash_bytes(abs.lexically_normal().string()));
    return dir / (catalog.path.stem().string() + "-" + id + ".zcache");
}

namespace cache {

namespace {

/// What differs between the files the cache was made from and the files now, or "".
std::string what_changed(const std::vector<FileStamp>& then, std::vector<FileStamp>& now) {
    for (const auto& t : then) {
        const bool found = std::any_of(now.begin(), now.end(), [&](const FileStamp& n) { return n.path == t.path; });
        if (!found) return t.path + " is gone";
    }
    for (const auto& n : now) {
        const bool found = std::any_of(then.begin(), then.end(), [&](const FileStamp& t) { return n.path == t.path; });
        if (!found) return n.path + " is new";
    }
    // Same list, same order (both sorted by path).
    for (size_t i = 0; i < now.size(); ++i) {
        if (now[i].size != then[i].size) return now[i].path + " changed (size)";
        if (now[i].mtime_ns != then[i].mtime_ns) return now[i].path + " changed (modification time)";
    }
    for (size_t i = 0; i < now.size(); ++i) {
        now[i].hash = hash_file(now[i].file);
        if (now[i].hash != then[i].hash) return now[i].path + " changed (content)";
    }
    return {};
}

// Warnings name the sources by their paths as resolved now ("cat/redline.shp layer redline fid
// 3"); stored with each source path replaced by a mark (\x01 layer index \x02) and restored
// with the paths of the next load, they read the same from any folder or working directory.
std::vector<std::pair<std::string, std::string>> source_marks(const Catalog& c) {
    std::vector<std::pair<std::string, std::string>> marks;
    for (size_t i = 0; i < c.layers.size(); ++i) {
        std::string mark(1, '\x01');  // appended piece by piece: GCC 12 -Wrestrict false positive (bug 105329)
        mark += std::to_string(i);
        mark += '\x02';
        marks.emplace_back(c.layers[i].source.string(), std::move(mark));
    }
    // Longest first: a path that is a prefix of another must not take its place.
    std::stable_sort(marks.begin(), marks.end(),
                     [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
    return marks;
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
    if (from.empty()) return s;
    for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
        s.replace(at, from.size(), to);
    }
    return s;
}

/// Replaces `path` where it starts a word (at the start, or after a space, quote or bracket).
std::string mark_sources(std::string s, const std::vector<std::pair<std::string, std::string>>& marks) {
    for (const auto& [path, mark] : marks) {
        if (path.empty()) continue;
        for (size_t at = s.find(path); at != std::string::npos; at = s.find(path, at + 1)) {
            const char before = at == 0 ? ' ' : s[at - 1];
            if (before != ' ' && before != '"' && before != '\'' && before != '(' && before != '[') continue;
            s.replace(at, path.size(), mark);
        }
    }
    return s;
}

std::string unmark_sources(std::string s, const std::vector<std::pair<std::string, std::string>>& marks) {
    for (const auto& [path, mark] : marks) s = replace_all(std::move(s), mark, path);
    return s;
}

std::string read_whole(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw CacheFormatError("cannot be opened");
    std::string data;
    in.seekg(0, std::ios::end);
    const auto size = in.tellg();
    if (size < 0) throw CacheFormatError("cannot be read");
    data.resize(static_cast<size_t>(size));
    in.seekg(0);
    in.read(data.data(), size);
    if (in.gcount() != size) throw CacheFormatError("cannot be read");
    return data;
}

}  // namespace

std::unique_ptr<LoadedCatalog> Access::load_fresh(const Catalog& catalog, const LoadOptions& opts, std::string& why) {
    const fs::path file = cache_path(catalog, opts.cache_dir);
    std::error_code ec;
    if (!fs::exists(file, ec)) {
        why = "no catalog cache (" + file.string() + ")";
        return nullptr;
    }
    if (!fs::is_regular_file(file, ec)) {
        why = "catalog cache unusable: " + file.string() + " is " + (fs::is_directory(file, ec) ? "a folder" : "not a file");
        return nullptr;
    }
    const std::string stale = "catalog cache " + file.string() + " is stale: ";
    try {
        const std::string data = read_whole(file);
        Reader r(data.data(), data.size());
        const Header h = read_header(r);
        const std::string key = cache_key(catalog);
        if (h.key != key) {
            const bool versions = h.key.substr(0, h.key.find('\n')) != key.substr(0, key.find('\n'));
            const std::string options = versions ? std::string() : options_changed(h.key, key);
            why = stale + (versions            ? "made by another zoning, cache format or GDAL/GEOS/PROJ version"
                           : !options.empty() ? "GDAL configuration options changed: " + options
                                              : "the catalog's layer definitions changed");
            return nullptr;
        }
        std::string not_local;
        std::vector<FileStamp> now = dependencies(catalog, not_local);
        if (now.empty()) {
            why = "catalog cache " + file.string() + " cannot be checked: " + not_local;
            return nullptr;
        }
        if (std::string changed = what_changed(h.files, now); !changed.empty()) {
            why = stale + changed;
            return nullptr;
        }
        if (hash_bytes(h.body) != h.body_hash) throw CacheFormatError("its content is corrupt");

        // Fresh: build the catalog.
        Body body = read_body(h.body);
        std::unique_ptr<LoadedCatalog> lc(new LoadedCatalog());
        lc->ctx_ = std::make_unique<GeosContext>();
        const GeosContext& ctx = *lc->ctx_;
        lc->catalog_ = catalog;
        lc->working_ = std::move(body.working);
        lc->warnings_.reserve(body.warnings.size());
        const auto marks = source_marks(catalog);
        for (auto& [where, what] : body.warnings) {
            lc->warnings_.push_back(Warning{unmark_sources(std::move(where), marks), unmark_sources(std::move(what), marks)});
        }
        if (body.layers.size() != catalog.layers.size()) throw CacheFormatError("layer count differs from the catalog");
        lc->layers_.reserve(body.layers.size());
        for (size_t l = 0; l < body.layers.size(); ++l) {
            const LayerSpec& spec = catalog.layers[l];
            LayerRecord& rec = body.layers[l];
            if (rec.id != spec.id) throw CacheFormatError("layers differ from the catalog");
            std::vector<ZoneFeature> features;
            features.reserve(rec.features.size());
            for (FeatureRecord& f : rec.features) {
                ZoneFeature z;
                z.fid = f.fid;
                z.name = std::move(f.name);
                z.code = std::move(f.code);
                z.cls = std::move(f.cls);
                z.verdict = spec.verdict_for(z.cls);
                z.dimension = f.dimension;
                z.env = f.env;
                z.geom = ctx.from_wkb(reinterpret_cast<const unsigned char*>(f.wkb.data()), f.wkb.size());
                features.push_back(std::move(z));
            }
            ZoneLayer layer(ctx, spec, std::move(rec.source), std::move(features), rec.repaired, rec.skipped);
            layer.union_wkb_.assign(rec.union_wkb.begin(), rec.union_wkb.end());
            lc->layers_.push_back(std::move(layer));
        }
        lc->cache_file_ = file;
        if (opts.on_warning) {
            for (const auto& w : lc->warnings_) opts.on_warning(w);
        }
        return lc;
    } catch (const CacheFormatError& e) {
        why = "catalog cache " + file.string() + " is unreadable (" + e.what() + ")";
    } catch (const Error& e) {
        why = "catalog cache " + file.string() + " is unreadable (" + e.what() + ")";
    }
    return nullptr;
}

CacheWriteResult Access::write(const Catalog& catalog, const LoadOptions& opts, bool with_unions) {
    const fs::path file = cache_path(catalog, opts.cache_dir);
    if (std::error_code dir_ec; fs::is_directory(file, dir_ec)) {
        throw InputError(file.string() + ": is a folder, not a cache file; remove it or give another folder with --cache-dir");
    }
    std::string not_local;
    std::vector<FileStamp> files = dependencies(catalog, not_local);
    if (files.empty()) throw InputError("cannot cache " + catalog.path.string() + ": " + not_local);
    for (auto& f : files) f.hash = hash_file(f.file);  // before reading: a change meanwhile makes it stale

    LoadOptions from_sources = opts;
    from_sources.use_cache = false;
    const std::unique_ptr<LoadedCatalog> lc = LoadedCatalog::load_sources(catalog, from_sources);
    const GeosContext& ctx = *lc->ctx_;

    CacheWriteResult res;
    res.file = file;
    Writer body;
    put_crs(body, lc->working_);
    body.put(static_cast<std::uint32_t>(lc->warnings_.size()));
    const auto marks = source_marks(catalog);
    for (const auto& w : lc->warnings_) {
        body.str(mark_sources(w.where, marks));
        body.str(mark_sources(w.what, marks));
    }
    body.put(static_cast<std::uint32_t>(lc->layers_.size()));
    const ZoneLayer* cover = lc->coverage_layer();
    for (const auto& l : lc->layers_) {
        body.str(l.spec().id);
        put_crs(body, l.source_crs());
        body.put<std::int32_t>(l.repaired());
        body.put<std::int32_t>(l.skipped());
        body.put(static_cast<std::uint32_t>(l.features().size()));
        for (const auto& f : l.features()) {
            body.put<std::int64_t>(f.fid);
            body.str(f.name);
            body.str(f.code);
            body.str(f.cls);
            body.put<std::int32_t>(f.dimension);
            body.put(f.env.minx);
            body.put(f.env.miny);
            body.put(f.env.maxx);
            body.put(f.env.maxy);
            body.blob(ctx.to_wkb(f.geom.get()));
        }
        // Only layers measured on their union (lines, points) need it, and the layer giving the
        // catalog's coverage (screen/coverage.hpp): other polygon layers are measured piece by
        // piece (stats/disjoint_pieces.hpp), and their unions are what costs gigabytes.
        const bool store_union = with_unions && (!l.polygonal() || &l == cover);
        body.blob(store_union ? ctx.to_wkb(l.union_geometry()) : std::vector<unsigned char>{});
        ++res.layers;
        res.features += static_cast<std::int64_t>(l.features().size());
    }
    res.warnings = static_cast<int>(lc->warnings_.size());

    Writer w;
    w.raw(kMagic);
    w.put(kFormatVersion);
    w.str(cache_key(catalog));
    w.put(static_cast<std::uint32_t>(files.size()));
    for (const auto& f : files) {
        w.str(f.path);
        w.put(f.size);
        w.put(f.mtime_ns);
        w.put(f.hash);
    }
    w.put(hash_bytes(body.bytes()));
    w.put(static_cast<std::uint64_t>(body.bytes().size()));
    w.raw(body.bytes());

    std::error_code ec;
    if (file.has_parent_path()) fs::create_directories(file.parent_path(), ec);
    fs::path tmp = file;
    tmp += ".tmp" + std::to_string(::getpid());
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) throw InputError(file.string() + ": cannot write the cache here: " + std::strerror(errno) +
                                   " (give another folder with --cache-dir or ZONING_CACHE_DIR)");
        out.write(w.bytes().data(), static_cast<std::streamsize>(w.bytes().size()));
        out.close();
        if (!out) {
            fs::remove(tmp, ec);
            throw InputError(tmp.string() + ": write failed");
        }
    }
    fs::rename(tmp, file, ec);
    if (ec) {
        fs::remove(tmp, ec);
        throw InputError(file.string() + ": cannot be replaced: " + ec.message());
    }
    res.bytes = w.bytes().size();
    return res;
}

}  // namespace cache

CacheStatus cache_status(const Catalog& catalog, const fs::path& cache_dir) {
    CacheStatus s;
    s.file = cache_path(catalog, cache_dir);
    LoadOptions o;
    o.cache_dir = cache_dir;
    std::string why;
    // A full read: the body checksum and the geometries are part of "usable".
    s.fresh = cache::Access::load_fresh(catalog, o, why) != nullptr;
    s.reason = why;
    return s;
}

CacheWriteResult write_cache(const Catalog& catalog, const LoadOptions& opts, bool with_unions) {
    return cache::Access::write(catalog, opts, with_unions);
}

}  // namespace zoning
