// The verdict of a conflict or class row by the rule packs: (zone kind, grade, project category)
// looked up in the merged packs; the layer's verdict where they say nothing (docs/rules.md).
#include <zoning/rules.hpp>

namespace zoning {

RuleSet load_catalog_rules(const Catalog& catalog) {
    const std::filesystem::path base = catalog.path.has_parent_path() ? catalog.path.parent_path() : ".";
    if (catalog.rules.empty()) return load_rule_packs({"national"}, base);
    return load_rule_packs(catalog.rules, base);
}

RuleDecision decide(const RuleSet& set, LayerKind kind, std::optional<ZoneGrade> grade, Category category,
                    Verdict layer_verdict) {
    RuleDecision d;
    const std::optional<RuleMatch> m = set.find(kind, grade, category);
    if (!m) {
        d.verdict = layer_verdict;
        d.rule.basis = kNoRuleBasis;
        d.rule.layer_verdict = true;
        return d;
    }
    const Rule& r = *m->rule;
    d.rule.id = r.id;
    d.rule.pack = m->pack->name;
    d.rule.basis = r.basis;
    d.rule.condition = r.condition;
    d.rule.procedure = r.procedure;
    d.rule.layer_verdict = !r.verdict.has_value();
    d.verdict = r.verdict.value_or(layer_verdict);
    return d;
}

}  // namespace zoning
