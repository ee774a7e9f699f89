// The languages of the text report.
#include <zoning/error.hpp>
#include <zoning/report.hpp>

#include <string>

namespace zoning {

std::string_view to_string(Lang l) { return l == Lang::zh ? "zh" : "en"; }

Lang parse_lang(std::string_view s) {
    for (const Lang l : kLangs) {
        if (s == to_string(l)) return l;
    }
    throw InputError("unknown report language '" + std::string(s) + "' (zh | en)");
}

}  // namespace zoning
