// Text encodings of field data: detecting GBK vs UTF-8 from the bytes, converting with iconv.
#include <zoning/error.hpp>
#include <zoning/formats.hpp>

#include <iconv.h>

#include <cerrno>
#include <memory>

namespace zoning {

namespace {

struct IconvCloser {
    void operator()(void* cd) const noexcept { iconv_close(static_cast<iconv_t>(cd)); }
};
using IconvPtr = std::unique_ptr<void, IconvCloser>;

IconvPtr open_iconv(const std::string& to, const std::string& from) {
    iconv_t cd = iconv_open(to.c_str(), from.c_str());
    if (cd == reinterpret_cast<iconv_t>(-1)) {
        throw InputError("unknown text encoding '" + from + "' (or '" + to +
                         "'): use e.g. GBK, CP936, GB18030, UTF-8");
    }
    return IconvPtr(cd);
}

/// Length of the valid UTF-8 sequence starting at s[i], or 0.
size_t utf8_sequence(std::string_view s, size_t i) {
    const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = b(i);
    size_t n = 0;
    unsigned min = 0;
    unsigned cp = 0;
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) { n = 2; min = 0x80; cp = c & 0x1Fu; }
    else if (c >= 0xE0 && c <= 0xEF) { n = 3; min = 0x800; cp = c & 0x0Fu; }
    else if (c >= 0xF0 && c <= 0xF4) { n = 4; min = 0x10000; cp = c & 0x07u; }
    else return 0;
    if (i + n > s.size()) return 0;
    for (size_t k = 1; k < n; ++k) {
        if ((b(i + k) & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (b(i + k) & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return n;
}

std::string convert(std::string_view bytes, const std::string& to, const std::string& from,
                    const std::string& what) {
    IconvPtr cd = open_iconv(to, from);
    std::string out;
    out.resize(bytes.size() * 2 + 16);
    std::string in(bytes);
    char* inp = in.data();
    size_t inleft = in.size();
    char* outp = out.data();
    size_t outleft = out.size();
    while (inleft > 0) {
        const size_t r = iconv(static_cast<iconv_t>(cd.get()), &inp, &inleft, &outp, &outleft);
        if (r != static_cast<size_t>(-1)) break;
        if (errno == E2BIG) {
            const size_t used = static_cast<size_t>(outp - out.data());
            out.resize(out.size() * 2);
            outp = out.data() + used;
            outleft = out.size() - used;
            continue;
        }
        const size_t offset = static_cast<size_t>(inp - in.data());
        throw InputError(what + ": byte " + std::to_string(offset) + " is not valid " + from +
                         (to == "UTF-8" ? "" : " or has no " + to + " equivalent") +
                         " (give the encoding with --encoding)");
    }
    out.resize(static_cast<size_t>(outp - out.data()));
    return out;
}

}  // namespace

std::string_view to_string(TextEncoding e) {
    switch (e) {
        case TextEncoding::ascii: return "ASCII";
        case TextEncoding::utf8: return "UTF-8";
        case TextEncoding::gbk: return "GBK";
        case TextEncoding::unknown: break;
    }
    return "unknown";
}

TextEncoding detect_text_encoding(std::string_view s) {
    bool ascii = true;
    bool utf8 = true;
    for (size_t i = 0; i < s.size();) {
        const size_t n = utf8_sequence(s, i);
        if (n == 0) {
            utf8 = false;
            ascii = false;
            break;
        }
        if (n > 1) ascii = false;
        i += n;
    }
    if (ascii) return TextEncoding::ascii;
    if (utf8) return TextEncoding::utf8;
    for (size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) continue;
        if (c == 0x80 || c == 0xFF || i + 1 >= s.size()) return TextEncoding::unknown;
        const auto t = static_cast<unsigned char>(s[i + 1]);
        if (t < 0x40 || t == 0x7F || t == 0xFF) return TextEncoding::unknown;
        ++i;
    }
    return TextEncoding::gbk;
}

std::string to_utf8(std::string_view bytes, const std::string& from, const std::string& what) {
    // GB18030 is a superset of GBK/CP936 and decodes every file written in either.
    std::string f = from;
    if (f == "GBK" || f == "CP936" || f == "cp936" || f == "gbk") f = "GB18030";
    if (f == "UTF-8" || f == "utf-8" || f == "UTF8") {
        for (size_t i = 0; i < bytes.size();) {
            const size_t n = utf8_sequence(bytes, i);
            if (n == 0) {
                throw InputError(what + ": byte " + std::to_string(i) +
                                 " is not valid UTF-8 (give the encoding with --encoding)");
            }
            i += n;
        }
        return std::string(bytes);
    }
    return convert(bytes, "UTF-8", f, what);
}

bool is_known_encoding(const std::string& name) {
    if (name.empty()) return false;
    iconv_t cd = iconv_open("UTF-8", name.c_str());
    if (cd == reinterpret_cast<iconv_t>(-1)) return false;
    iconv_close(cd);
    return true;
}

void check_encoding(const std::string& name, const std::string& what) {
    if (!is_known_encoding(name)) {
        throw InputError(what + ": unknown text encoding '" + name + "': use one of " + std::string(kCommonEncodings) +
                         " (or another name iconv knows, see iconv -l)");
    }
}

std::string from_utf8(std::string_view text, const std::string& to, const std::string& what) {
    return convert(text, to, "UTF-8", what);
}

}  // namespace zoning
