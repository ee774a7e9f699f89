// libFuzzer target for the catalog parser (YAML/JSON text -> Catalog, no sources opened): any
// text either parses into a catalog that keeps the format's promises or throws CatalogError
// naming the file and a line; never another exception, a crash or a hang.
#include <zoning/catalog.hpp>
#include <zoning/error.hpp>

#include <cstdint>
#include <cstdlib>
#include <regex>
#include <set>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        const zoning::Catalog c = zoning::Catalog::parse(text, "fuzz/catalog.yaml");
        if (c.layers.empty()) std::abort();  // 'layers' must be a non-empty list
        static const std::regex id_re("[a-z0-9_]+");
        std::set<std::string> ids;
        for (const auto& l : c.layers) {
            if (!std::regex_match(l.id, id_re) || !ids.insert(l.id).second) std::abort();
            if (l.title.empty() || l.source_text.empty() || l.line < 1) std::abort();
            if (l.near_m && !(*l.near_m >= 0)) std::abort();
            if (!l.classes.empty() && l.class_field.empty()) std::abort();
            (void)l.max_verdict();
            (void)l.verdict_for("");
        }
    } catch (const zoning::CatalogError& e) {
        if (e.line() < 0 || e.file() != "fuzz/catalog.yaml") std::abort();
    }
    return 0;
}
