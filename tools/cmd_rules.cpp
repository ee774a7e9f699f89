// zoning rules: the rule table of the loaded packs (zone kind × grade × category → verdict, with
// the clause), and `--check FILE` to validate a pack.
#include "cli.hpp"

#include <zoning/catalog.hpp>
#include <zoning/error.hpp>
#include <zoning/rules.hpp>

#include <algorithm>
#include <ostream>

namespace zoning::cli {

namespace {

class RulesCommand final : public Command {
public:
    void setup(CLI::App& app) override {
        app.footer(
            "Print the rule table of the loaded rule packs: for each zone kind and grade and each project\n"
            "category, the verdict, the rule and the clause it rests on (docs/rules.md). The packs are\n"
            "--rules in order (later wins), else the catalog's `rules:`, else the national pack.\n"
            "--check FILE validates a pack instead: unknown codes, duplicate and unreachable rules, a\n"
            "category with no rule for a zone kind; each problem as FILE:LINE, exit 2 when there is one.\n\n"
            "Examples:\n"
            "  zoning rules\n"
            "  zoning rules --rules national --rules rules/examples/shanxi.yaml --kind ecological_redline\n"
            "  zoning rules --check rules/national.yaml");
        app.add_option("--rules,-r", packs_,
                       "Rule pack: a shipped pack's name (national) or a .yaml file; repeat to merge (later wins)");
        app.add_option("--catalog,-c", catalog_, "Catalog whose `rules:` to load (when no --rules)");
        app.add_option("--check", check_, "Validate this rule pack and list its problems (exit 2 if any)");
        app.add_option("--kind", kind_, "Only this zone kind (ecological_redline, water_source, ...)");
        app.add_option("--category", category_, "Only this project category (a code or its Chinese name)");
        format_.add_to(app, {"text", "json"}, "Output format");
    }

    int run(std::ostream& out, std::ostream& err) override {
        if (!check_.empty()) return check(out, err);
        RuleSet set;
        if (!packs_.empty()) {
            set = load_rule_packs(packs_, ".");
        } else if (!catalog_.empty()) {
            const Catalog c = Catalog::load(catalog_);
            if (c.rules.empty()) throw InputError(catalog_ + ": the catalog names no rule packs ('rules:')");
            set = load_rule_packs(c.rules, c.path.has_parent_path() ? c.path.parent_path() : ".");
        } else {
            set = load_rule_packs({"national"}, ".");
        }
        std::vector<RuleCell> cells = rule_table(set);
        if (!kind_.empty()) {
            const LayerKind k = parse_layer_kind(kind_);
            std::erase_if(cells, [&](const RuleCell& c) { return c.kind != k; });
            if (cells.empty()) throw InputError("--kind " + kind_ + ": the loaded packs have no rule for that kind");
        }
        if (!category_.empty()) {
            const Category cat = parse_category(category_);
            std::erase_if(cells, [&](const RuleCell& c) { return c.category != cat; });
        }
        if (format_.value == "json") write_rules_json(out, set, cells);
        else write_rules_text(out, set, cells);
        return kExitOk;
    }

private:
    int check(std::ostream& out, std::ostream& err) const {
        const std::vector<RuleFinding> findings = check_rule_pack(check_);
        for (const auto& f : findings) err << f.file << ":" << f.line << ": " << f.message << '\n';
        if (!findings.empty()) {
            err << "zoning rules: " << findings.size() << (findings.size() == 1 ? " problem" : " problems") << " in "
                << check_ << '\n';
            return kExitInput;
        }
        out << check_ << ": ok\n";
        return kExitOk;
    }

    std::vector<std::string> packs_;
    std::string catalog_, check_, kind_, category_;
    FormatArg format_;
};

const bool registered = register_command({"rules", "List the rule packs' verdicts by zone and project category.", 45,
                                          [] { return std::unique_ptr<Command>(std::make_unique<RulesCommand>()); }});

}  // namespace

}  // namespace zoning::cli
