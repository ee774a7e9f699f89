#pragma once
// Internal: the one-line reason of a footprint's verdict (JSON `summary`, text `说明:`), e.g.
// 涉及巨乐水源地一级保护区 1.2589 公顷(18.88 亩)，禁止；二级保护区 10.4758 公顷(157.14 亩)，限制.
// The items are the layer rows and, for layers with classes, the class rows, whose verdict is
// above `allowed` (or that a rule decided, for a footprint with a category), the most severe
// first; areas are ellipsoidal (docs/areas.md). With a category each item names its rule's basis:
// …，禁止（自然资发〔2022〕142号 一(一)） (docs/rules.md).
#include <zoning/report.hpp>

#include <string>
#include <vector>

namespace zoning::report {

/// One item of the reason: what is hit, how much, and its verdict.
struct SummaryItem {
    Verdict verdict = Verdict::allowed;
    std::string prefix;   ///< what the item is in (a feature's name or the layer's title)
    std::string label;    ///< the class, or empty
    int dimension = 2;    ///< 2: an area; 1: a length; 0: a point (no figure)
    bool near_only = false;
    double area_ellipsoidal_m2 = 0, length_m = 0, distance_m = 0;
    const AppliedRule* rule = nullptr;  ///< the row's rule (a footprint with a category), or null
};

/// A row's rule in words: its basis, and that the verdict is the layer's when it is
/// ("未核实：沿用图层结论"; English: "未核实; the layer's verdict").
std::string rule_words(const AppliedRule& rule, Lang lang);

/// The items of a footprint's reason, the most severe first (stable: report order otherwise).
std::vector<SummaryItem> summary_items(const FootprintResult& f, Lang lang);

/// The footprint's one-line reason in `lang`: what was not screened (outside the catalog's
/// coverage, or stopped by --footprint-timeout) and the conflicts' reason.
std::string summary(const FootprintResult& f, Lang lang);

/// The conflicts' reason alone (at most kSummaryItems items, then how many more).
std::string summary_of_conflicts(const FootprintResult& f, Lang lang);

inline constexpr size_t kSummaryItems = 6;

}  // namespace zoning::report
