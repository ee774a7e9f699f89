#include <zoning/error.hpp>
#include <zoning/verdict.hpp>

#include <string>

namespace zoning {

Verdict parse_verdict(std::string_view s) {
    if (s == "allowed") return Verdict::allowed;
    if (s == "caution") return Verdict::caution;
    if (s == "restricted") return Verdict::restricted;
    if (s == "prohibited") return Verdict::prohibited;
    throw InputError("unknown verdict '" + std::string(s) +
                     "' (allowed | caution | restricted | prohibited)");
}

std::string_view to_string(Verdict v) {
    switch (v) {
        case Verdict::allowed: return "allowed";
        case Verdict::caution: return "caution";
        case Verdict::restricted: return "restricted";
        case Verdict::prohibited: return "prohibited";
        case Verdict::unknown: return "unknown";
    }
    return "allowed";
}

std::string_view to_chinese(Verdict v) {
    switch (v) {
        case Verdict::allowed: return "允许";
        case Verdict::caution: return "注意";
        case Verdict::restricted: return "限制";
        case Verdict::prohibited: return "禁止";
        case Verdict::unknown: return "无法审查";
    }
    return "允许";
}

}  // namespace zoning
