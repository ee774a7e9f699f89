#pragma once
// Internal: the cache's byte layout. Little-endian fixed-size integers and doubles (bit-exact),
// strings and blobs as a u32 length and the bytes. The reader checks every length against the
// end of the buffer: a truncated or corrupt file throws CacheFormatError, never reads past it.
#include <bit>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace zoning::cache {

static_assert(std::endian::native == std::endian::little, "the cache format is little-endian");

class CacheFormatError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Writer {
public:
    template <typename T>
    void put(T v) {
        static_assert(std::is_arithmetic_v<T>);
        char b[sizeof(T)];
        std::memcpy(b, &v, sizeof(T));
        buf_.append(b, sizeof(T));
    }
    void str(std::string_view s) {
        put(static_cast<std::uint32_t>(s.size()));
        buf_.append(s.data(), s.size());
    }
    void blob(const std::vector<unsigned char>& b) {
        put(static_cast<std::uint32_t>(b.size()));
        buf_.append(reinterpret_cast<const char*>(b.data()), b.size());
    }
    void raw(std::string_view s) { buf_.append(s.data(), s.size()); }
    [[nodiscard]] const std::string& bytes() const noexcept { return buf_; }

private:
    std::string buf_;
};

class Reader {
public:
    Reader(const char* data, size_t size) : p_(data), end_(data + size) {}
    template <typename T>
    T get() {
        static_assert(std::is_arithmetic_v<T>);
        need(sizeof(T));
        T v;
        std::memcpy(&v, p_, sizeof(T));
        p_ += sizeof(T);
        return v;
    }
    std::string str() {
        const auto n = get<std::uint32_t>();
        need(n);
        std::string s(p_, n);
        p_ += n;
        return s;
    }
    /// A blob in place: valid while the buffer lives.
    std::string_view blob() {
        const auto n = get<std::uint32_t>();
        need(n);
        std::string_view v(p_, n);
        p_ += n;
        return v;
    }
    std::string_view raw(size_t n) {
        need(n);
        std::string_view v(p_, n);
        p_ += n;
        return v;
    }
    [[nodiscard]] size_t left() const noexcept { return static_cast<size_t>(end_ - p_); }
    [[nodiscard]] const char* position() const noexcept { return p_; }

private:
    void need(size_t n) const {
        if (static_cast<size_t>(end_ - p_) < n) throw CacheFormatError("truncated");
    }
    const char* p_;
    const char* end_;
};

}  // namespace zoning::cache
