#include "cache/fingerprint.hpp"

#include <zoning/error.hpp>
#include <zoning/version.hpp>

#include <cpl_conv.h>
#include <gdal.h>
#include <geos_c.h>
#include <proj.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <system_error>

namespace fs = std::filesystem;

namespace zoning::cache {

namespace {

constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ULL;

std::uint64_t mix(std::uint64_t h) {
    h ^= h >> 31;
    h *= 0xBF58476D1CE4E5B9ULL;
    h ^= h >> 29;
    h *= 0x94D049BB133111EBULL;
    h ^= h >> 32;
    return h;
}

/// Four independent lanes of 8 bytes each per 32-byte block (they pipeline), mixed at the end.
class Hasher {
public:
    explicit Hasher(std::uint64_t seed) {
        for (size_t i = 0; i < lanes_.size(); ++i) lanes_[i] = mix(seed + i + 1);
    }
    void update(std::string_view b) {
        total_ += b.size();
        if (!tail_.empty()) {
            const size_t take = std::min(b.size(), 32 - tail_.size());
            tail_.append(b.substr(0, take));
            b.remove_prefix(take);
            if (tail_.size() < 32) return;
            block(tail_.data());
            tail_.clear();
        }
        while (b.size() >= 32) {
            block(b.data());
            b.remove_prefix(32);
        }
        tail_.assign(b);
    }
    std::uint64_t finish() {
        std::uint64_t h = mix(total_);
        for (auto l : lanes_) h = mix(h ^ l);
        for (unsigned char c : tail_) h = mix(h ^ c) * kMul;
        return h;
    }

private:
    void block(const char* p) {
        for (size_t i = 0; i < 4; ++i) {
            std::uint64_t w;
            std::memcpy(&w, p + 8 * i, 8);
            lanes_[i] = (lanes_[i] ^ w) * kMul;
            lanes_[i] ^= lanes_[i] >> 32;
        }
    }
    std::array<std::uint64_t, 4> lanes_{};
    std::uint64_t total_ = 0;
    std::string tail_;
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

std::string cache_key(const Catalog& catalog) {
    std::string k = "zoning " + std::string(kVersion) + "; cache format " + std::to_string(kFormatVersion);
    k += "; GDAL " + std::string(GDALVersionInfo("RELEASE_NAME"));
    k += "; GEOS " + std::string(GEOSversion());
    k += "; PROJ " + std::string(proj_info().version);
    const char* enc = CPLGetConfigOption("SHAPE_ENCODING", nullptr);
    k += "; SHAPE_ENCODING=" + std::string(enc != nullptr ? enc : "(unset)");
    k += "\ncrs=" + catalog.crs.value_or("");
    for (const auto& l : catalog.layers) {
        k += "\nlayer " + l.id + " source=" + l.source_text + " layer=" + l.layer + " where=" + l.where +
             " name=" + l.name_field + " code=" + l.code_field + " class=" + l.class_field +
             " crs=" + l.crs.value_or("");
    }
    return k;
}

}  // namespace zoning::cache
