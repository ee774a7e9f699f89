#pragma once
// Internal: the order of findings in every check output (text, JSON, findings.gpkg).
#include <zoning/check.hpp>

#include <algorithm>
#include <vector>

namespace zoning::check {

/// Errors first, then warnings, then info; catalog order within a severity.
inline std::vector<const Finding*> ordered(const CheckReport& r) {
    std::vector<const Finding*> v;
    for (const auto& f : r.findings)
        v.push_back(&f);
    std::stable_sort(v.begin(), v.end(), [](const Finding* a, const Finding* b) { return a->severity > b->severity; });
    return v;
}

}  // namespace zoning::check
