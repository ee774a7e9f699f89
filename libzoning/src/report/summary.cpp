#include "report/summary.hpp"

#include "report/format.hpp"

#include <algorithm>
#include <cstdio>

namespace zoning::report {

namespace {

struct Words {
    const char* lead;      // before the first item
    const char* sep;       // between items
    const char* comma;     // before an item's verdict
    const char* ha;        // hectares, and the opening of the 亩 bracket
    const char* open;
    const char* mu;
    const char* m;
    const char* along;     // a line zone's length inside an areal footprint
    const char* near;      // "within N m of"
    const char* more;      // "and N more (M in all)"
    const char* none;      // nothing above allowed
};

constexpr Words kZhWords{"涉及", "；", "，", " 公顷", "(", " 亩", " 米", " 长 ", "邻近 %s 米", "；另 %zu 项，共 %zu 项",
                         "未涉及限制性管控图层，允许"};
constexpr Words kEnWords{"In ", "; ", ", ", " ha", " (", " mu", " m", " length ", "within %s m", "; and %zu more (%zu in all)",
                         "touches no restricting zone; allowed"};

std::string verdict_word(Verdict v, Lang lang) {
    return std::string(lang == Lang::zh ? to_chinese(v) : to_string(v));
}

std::string name_of(const Conflict& c, const std::vector<size_t>& features, Lang lang) {
    // The features' names (one water source, one reserve; at most three, in report order), else
    // the layer's title.
    std::vector<std::string> names;
    for (size_t i : features) {
        const std::string& n = c.features[i].name;
        if (n.empty()) return c.title;
        if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
    }
    if (names.empty() || names.size() > 3) return c.title;
    std::string s;
    for (const auto& n : names) s += (s.empty() ? "" : lang == Lang::zh ? "、" : ", ") + n;
    return s;
}

/// Whether a row is an item of the reason: above allowed, or decided by a rule.
bool shown(Verdict v, const std::optional<AppliedRule>& rule) {
    return v != Verdict::allowed || (rule && !rule->id.empty());
}

}  // namespace

std::string rule_words(const AppliedRule& rule, Lang lang) {
    if (rule.id.empty()) {
        if (lang == Lang::zh) return rule.basis;
        return rule.basis == kNearBasis ? "near, not in it: the layer's verdict"
                                        : "no rule applies: the layer's verdict";
    }
    if (!rule.layer_verdict) return rule.basis;
    return rule.basis + (lang == Lang::zh ? "：沿用图层结论" : "; the layer's verdict");
}

std::vector<SummaryItem> summary_items(const FootprintResult& f, Lang lang) {
    std::vector<SummaryItem> items;
    const int dim = f.area_m2 > 0 ? 2 : f.dimension == 1 ? 1 : 0;
    for (const Conflict& c : f.conflicts) {
        if (!shown(c.verdict, c.rule)) continue;
        auto item = [&](Verdict v, bool near, double area, double len, double dist) {
            SummaryItem it;
            it.verdict = v;
            it.near_only = near;
            it.dimension = dim;
            it.area_ellipsoidal_m2 = area;
            it.length_m = len;
            it.distance_m = dist;
            return it;
        };
        if (c.classes.empty()) {
            SummaryItem it = item(c.verdict, c.near_only, c.area_ellipsoidal_m2, c.length_m, c.distance_m);
            it.prefix = c.title;
            if (c.rule) it.rule = &*c.rule;
            items.push_back(std::move(it));
            continue;
        }
        for (const ClassRow& row : c.classes) {
            if (!shown(row.verdict, row.rule)) continue;
            SummaryItem it = item(row.verdict, row.near_only, row.area_ellipsoidal_m2, row.length_m, row.distance_m);
            it.prefix = name_of(c, row.features, lang);
            it.label = row.title;
            if (row.rule) it.rule = &*row.rule;
            items.push_back(std::move(it));
        }
    }
    std::stable_sort(items.begin(), items.end(),
                     [](const SummaryItem& a, const SummaryItem& b) { return a.verdict > b.verdict; });
    return items;
}

std::string summary(const FootprintResult& f, Lang lang) {
    const Words& W = lang == Lang::zh ? kZhWords : kEnWords;
    // What was not screened comes first: a footprint outside the coverage, or stopped by
    // --footprint-timeout, is never summed up as "allowed" (docs/screen.md, Coverage).
    std::string head;
    if (!f.not_screened.empty()) {
        head = lang == Lang::zh ? "审查未完成（超过 --footprint-timeout），无法审查" : "screening stopped (--footprint-timeout): not screened";
    } else {
        head = coverage_note(f, lang);
    }
    const std::string body = summary_of_conflicts(f, lang);
    if (head.empty()) return body;
    if (f.verdict == Verdict::unknown && summary_items(f, lang).empty()) return head;
    return f.coverage == Coverage::partial ? body + W.sep + head : head + W.sep + body;
}

std::string summary_of_conflicts(const FootprintResult& f, Lang lang) {
    const Words& W = lang == Lang::zh ? kZhWords : kEnWords;
    const std::vector<SummaryItem> items = summary_items(f, lang);
    if (items.empty()) return W.none;
    std::string s = W.lead;
    const std::string* last_prefix = nullptr;
    const size_t shown = std::min(items.size(), kSummaryItems);
    for (size_t i = 0; i < shown; ++i) {
        const SummaryItem& it = items[i];
        if (i > 0) s += W.sep;
        // The name once for a run of items in it: 巨乐水源地一级保护区 …；二级保护区 …
        const bool same = last_prefix != nullptr && *last_prefix == it.prefix && !it.label.empty();
        if (!same) s += it.prefix;
        // The class, unless the name says it already (聚乐乡优先保护单元 is of 优先保护单元).
        const bool named = !same && it.prefix.size() >= it.label.size() &&
                           it.prefix.compare(it.prefix.size() - it.label.size(), it.label.size(), it.label) == 0;
        if (!it.label.empty() && !named) s += (same || lang == Lang::zh ? "" : " ") + it.label;
        last_prefix = &it.prefix;
        if (it.near_only) {
            char buf[96];
            std::snprintf(buf, sizeof buf, W.near, number(it.distance_m, 1).c_str());
            s += " ";
            s += buf;
        } else if (it.dimension == 2 && it.area_ellipsoidal_m2 > 0) {
            s += " " + number(it.area_ellipsoidal_m2 / kM2PerHa, 4) + W.ha + W.open +
                 number(it.area_ellipsoidal_m2 / kM2PerMu, 2) + W.mu + ")";
        } else if (it.dimension == 2 && it.length_m > 0) {
            s += W.along + number(it.length_m, 2) + W.m;  // a river inside the site
        } else if (it.dimension == 1) {
            s += " " + number(it.length_m, 2) + W.m;
        }
        s += W.comma + verdict_word(it.verdict, lang);
        if (it.rule != nullptr)
            s += (lang == Lang::zh ? "（" : " (") + rule_words(*it.rule, lang) + (lang == Lang::zh ? "）" : ")");
    }
    if (items.size() > shown) {
        char buf[96];
        std::snprintf(buf, sizeof buf, W.more, items.size() - shown, items.size());
        s += buf;
    }
    return s;
}

}  // namespace zoning::report
