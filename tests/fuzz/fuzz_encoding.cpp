// libFuzzer target for the text encoding detector and converter (io/encoding.cpp): what
// detect_text_encoding says must hold when the bytes are decoded so; decoding either succeeds
// or throws InputError naming the byte.
#include <zoning/error.hpp>
#include <zoning/formats.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

bool decodes(std::string_view bytes, const std::string& from, std::string* out = nullptr) {
    try {
        std::string u = zoning::to_utf8(bytes, from, "fuzz");
        if (out != nullptr) *out = std::move(u);
        return true;
    } catch (const zoning::InputError&) {
        return false;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using zoning::TextEncoding;
    const std::string_view s(reinterpret_cast<const char*>(data), size);
    std::string u;
    switch (zoning::detect_text_encoding(s)) {
        case TextEncoding::ascii:
            for (const char c : s) {
                if (static_cast<unsigned char>(c) >= 0x80) std::abort();
            }
            [[fallthrough]];
        case TextEncoding::utf8:
            if (!decodes(s, "UTF-8", &u) || u != s) std::abort();
            break;
        case TextEncoding::gbk: {
            // Said GBK: not UTF-8, and GB18030 (the superset zoning decodes GBK with) reads it,
            // into valid UTF-8 that encodes back to the same bytes.
            if (decodes(s, "UTF-8")) std::abort();
            if (!decodes(s, "GBK", &u)) std::abort();
            const TextEncoding back = zoning::detect_text_encoding(u);
            if (back != TextEncoding::utf8 && back != TextEncoding::ascii) std::abort();
            if (zoning::from_utf8(u, "GB18030", "fuzz") != s) std::abort();
            break;
        }
        case TextEncoding::unknown:
            if (decodes(s, "UTF-8")) std::abort();
            break;
    }
    // Any bytes, any of the encodings users name: decoded or refused, never more.
    for (const char* from : {"GBK", "GB18030", "UTF-8"}) {
        if (decodes(s, from, &u) && zoning::detect_text_encoding(u) == TextEncoding::unknown) std::abort();
    }
    return 0;
}
