#include "cache/fingerprint.hpp"

#include <zoning/error.hpp>
#include <zoning/version.hpp>

#include <cpl_conv.h>
#include <gdal.h>
#include <geos_c.h>
#include <proj.h>
#include <xxhash.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <memory>
#include <system_error>

namespace fs = std::filesystem;

namespace zoning::cache {

namespace {

/// XXH3 (libxxhash, Debian's xxHash) over a stream of bytes; the state is freed with the object.
class Hasher {
public:
    explicit Hasher(std::uint64_t seed) : state_(XXH3_createState(), &XXH3_freeState) {
        if (!state_ || XXH3_64bits_reset_withSeed(state_.get(), seed) != XXH_OK) {
            throw InternalError("xxHash: cannot start a hash");
        }
    }
    void update(std::string_view b) {
        if (XXH3_64bits_update(state_.get(), b.data(), b.size()) != XXH_OK) throw InternalError("xxHash: update failed");
    }
    std::uint64_t finish() const { return XXH3_64bits_digest(state_.get()); }

private:
    std::unique_ptr<XXH3_state_t, decltype(&XXH3_freeState)> state_;
};

bool same_stem(const fs::path& a, const fs::path& b) { return a.stem() == b.stem(); }

}  // namespace

std::uint64_t hash_bytes(std::string_view bytes, std::uint64_t seed) {
    Hasher h(seed);
    h.update(bytes);
    return h.finish();
}

std::uint64_t hash_file(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError(file.string() + ": cannot be read");
    Hasher h(0);
    constexpr size_t kBlock = 1 << 18;
    const auto buf = std::make_unique_for_overwrite<char[]>(kBlock);  // not zeroed: read over
    while (in) {
        in.read(buf.get(), static_cast<std::streamsize>(kBlock));
        const auto n = static_cast<size_t>(in.gcount());
        if (n == 0) break;
        h.update(std::string_view(buf.get(), n));
    }
    if (in.bad()) throw InputError(file.string() + ": read error");
    return h.finish();
}

std::optional<FileStamp> stamp(const fs::path& file, const fs::path& base) {
    std::error_code ec;
    const auto st = fs::status(file, ec);
    if (ec || !fs::is_regular_file(st)) return std::nullopt;
    FileStamp s;
    s.file = file;
    const fs::path abs = fs::absolute(file, ec).lexically_normal();
    const fs::path rel = ec ? fs::path() : abs.lexically_relative(base);
    s.path = rel.empty() ? file.generic_string() : rel.generic_string();
    s.size = fs::file_size(file, ec);
    if (ec) return std::nullopt;
    const auto t = fs::last_write_time(file, ec);
    if (ec) return std::nullopt;
    s.mtime_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
    return s;
}

std::vector<FileStamp> dependencies(const Catalog& catalog, std::string& why) {
    std::map<std::string, FileStamp> files;
    std::error_code aec;
    fs::path base = fs::absolute(catalog.path, aec).lexically_normal().parent_path();
    auto add = [&](const fs::path& p) {
        std::optional<FileStamp> s = stamp(p, base);
        if (!s) return false;
        files.emplace(s->path, *s);
        return true;
    };
    if (!add(catalog.path)) {
        why = catalog.path.string() + " is not a file";
        return {};
    }
    std::error_code ec;
    for (const auto& l : catalog.layers) {
        if (l.is_database()) {
            why = "layer '" + l.id + "' reads from a database (" + redact_connection(l.source_text) +
                  "): a database source is never cached, it is read (spatially filtered) on every run "
                  "(docs/postgis.md)";
            return {};
        }
        const fs::path& src = l.source;
        if (fs::is_directory(src, ec)) {
            for (const auto& e : fs::directory_iterator(src, ec)) {
                if (e.is_regular_file(ec)) add(e.path());
            }
            continue;
        }
        if (!add(src)) {
            why = "source " + src.string() + " of layer '" + l.id + "' is not a local file";
            return {};
        }
        const fs::path dir = src.has_parent_path() ? src.parent_path() : fs::path(".");
        for (const auto& e : fs::directory_iterator(dir, ec)) {
            if (e.path() != src && same_stem(e.path(), src) && e.is_regular_file(ec)) {
                add(src.has_parent_path() ? e.path() : e.path().filename());
            }
        }
        if (ec) {
            why = "folder of " + src.string() + " cannot be listed: " + ec.message();
            return {};
        }
    }
    std::vector<FileStamp> out;
    out.reserve(files.size());
    for (auto& [path, s] : files) out.push_back(std::move(s));
    return out;
}

namespace {

/// GDAL and PROJ configuration options that change what is read from a source (its text, its
/// features, its geometries, or their reprojection).
constexpr const char* kReadingOptions[] = {
    "SHAPE_ENCODING", "DXF_ENCODING", "CPL_ZIP_ENCODING", "SHAPE_RESTORE_SHX", "OGR_ORGANIZE_POLYGONS",
    "OGR_GEOMETRY_ACCEPT_UNCLOSED_RING", "OGR_ARC_STEPSIZE", "OGR_ARC_MAX_GAP", "OGR_STROKE_CURVE",
    "OGR_SKIP", "GDAL_SKIP", "OGR_CT_FORCE_TRADITIONAL_GIS_ORDER", "OSR_DEFAULT_AXIS_MAPPING_STRATEGY",
    "OSR_USE_NON_DEPRECATED", "PROJ_NETWORK", "OGR_GEOJSON_ARRAY_AS_STRING", "OGR_GEOJSON_DATE_AS_STRING",
};

}  // namespace

std::string gdal_options_line() {
    std::string line(kOptionsPrefix);
    for (const char* name : kReadingOptions) {
        const char* v = CPLGetConfigOption(name, nullptr);
        line += std::string(line.size() > kOptionsPrefix.size() ? "; " : " ") + name + "=" +
                (v != nullptr ? v : "(unset)");
    }
    return line;
}

std::string options_changed(const std::string& before, const std::string& now) {
    auto settings = [](const std::string& key) {
        std::map<std::string, std::string> out;
        const size_t at = key.find("\n" + std::string(kOptionsPrefix));
        if (at == std::string::npos) return out;
        const size_t end = key.find('\n', at + 1);
        std::string line = key.substr(at + 1 + kOptionsPrefix.size(), end == std::string::npos ? std::string::npos : end - at - 1 - kOptionsPrefix.size());
        size_t pos = 0;
        while (pos < line.size()) {
            size_t semi = line.find(';', pos);
            if (semi == std::string::npos) semi = line.size();
            std::string item = line.substr(pos, semi - pos);
            item.erase(0, item.find_first_not_of(' '));
            const size_t eq = item.find('=');
            if (eq != std::string::npos) out[item.substr(0, eq)] = item.substr(eq + 1);
            pos = semi + 1;
        }
        return out;
    };
    const auto a = settings(before), b = settings(now);
    std::string diff;
    for (const auto& [name, v] : b) {
        auto it = a.find(name);
        const std::string old = it == a.end() ? "(unset)" : it->second;
        if (old != v) diff += std::string(diff.empty() ? "" : ", ") + name + " " + old + " -> " + v;
    }
    return diff;
}

std::string cache_key(const Catalog& catalog) {
    std::string k = "zoning " + std::string(kVersion) + "; cache format " + std::to_string(kFormatVersion);
    k += "; GDAL " + std::string(GDALVersionInfo("RELEASE_NAME"));
    k += "; GEOS " + std::string(GEOSversion());
    k += "; PROJ " + std::string(proj_info().version);
    k += "\n" + gdal_options_line();
    k += "\ncrs=" + catalog.crs.value_or("");
    for (const auto& l : catalog.layers) {
        k += "\nlayer " + l.id + " source=" + l.source_text + " layer=" + l.layer + " where=" + l.where +
             " name=" + l.name_field + " code=" + l.code_field + " class=" + l.class_field +
             " crs=" + l.crs.value_or("") + (l.coverage ? " coverage=true" : "");
    }
    return k;
}

}  // namespace zoning::cache
