// Rule packs: parsing (strict, every problem names file:line), merging in order and the lookup of
// a (kind, grade, category) cell; `zoning rules --check` collects every problem instead of
// stopping at the first.
#include <zoning/error.hpp>
#include <zoning/rules.hpp>

#include "catalog/model.hpp"
#include "io/yaml_check.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <tuple>

#ifndef ZONING_RULES_DIR
#define ZONING_RULES_DIR "rules"
#endif

namespace zoning {

namespace {

/// A pack lists rules; 4 MiB is thousands of them. A wrong path must not be read without end.
constexpr size_t kMaxPackBytes = size_t{4} << 20;

int line_of(const YAML::Node& n) {
    if (!n.IsDefined()) return 0;
    return n.Mark().is_null() ? 0 : n.Mark().line + 1;
}

/// Thrown in collecting mode to abandon the entry (a source, a rule) that has a problem.
struct SkipEntry {};

class PackParser {
public:
    PackParser(std::string file, bool collect) : file_(std::move(file)), collect_(collect) {}

    std::vector<RuleFinding> findings;

    /// A problem at `line`: thrown as CatalogError, or recorded (collecting) and the entry skipped.
    [[noreturn]] void fail(int line, const std::string& reason) {
        if (!collect_) throw CatalogError(file_, line, reason);
        findings.push_back({file_, line, reason});
        throw SkipEntry{};
    }
    [[noreturn]] void fail(const YAML::Node& n, const std::string& reason) { fail(line_of(n), reason); }
    /// A problem that does not make the entry unusable (recorded in both modes, thrown in neither).
    void note(int line, const std::string& reason) { findings.push_back({file_, line, reason}); }

    std::string scalar(const YAML::Node& n, const std::string& key) {
        if (!n || n.IsNull()) fail(n, "key '" + key + "' has no value");
        if (!n.IsScalar()) fail(n, "key '" + key + "' must be a single value");
        return n.Scalar();
    }

    /// The keys of a mapping, each checked against `known`; `what` names the mapping in messages.
    void keys(const YAML::Node& n, const std::vector<std::string>& known, const std::string& what) {
        if (!n.IsMap()) fail(n, what + " must be a mapping");
        for (const auto& kv : n) {
            const std::string k = kv.first.Scalar();
            if (std::find(known.begin(), known.end(), k) == known.end()) {
                std::string list;
                for (const auto& s : known) list += (list.empty() ? "" : ", ") + s;
                fail(kv.first, "unknown field '" + k + "' in " + what + " (known: " + list + ")");
            }
            if (kv.second.IsNull()) fail(kv.first, "key '" + k + "' has no value");
        }
    }

    RuleStatus status(const YAML::Node& n) {
        const std::string s = scalar(n, "status");
        for (const RuleStatus st :
             {RuleStatus::verified, RuleStatus::partial, RuleStatus::unverified, RuleStatus::superseded}) {
            if (to_string(st) == s) return st;
        }
        fail(n, "unknown status '" + s + "' (verified | partial | unverified | superseded)");
    }

    RuleSource source(const YAML::Node& n) {
        keys(n, {"id", "title", "number", "date", "in_force", "url", "read", "status"}, "a source");
        RuleSource s;
        s.line = line_of(n);
        for (const char* req : {"id", "title", "date", "status"}) {
            if (!n[req]) fail(n, std::string("source is missing '") + req + "'");
        }
        s.id = scalar(n["id"], "id");
        s.title = scalar(n["title"], "title");
        s.date = scalar(n["date"], "date");
        s.status = status(n["status"]);
        if (n["number"]) s.number = scalar(n["number"], "number");
        if (n["in_force"]) s.in_force = scalar(n["in_force"], "in_force");
        if (n["url"]) s.url = scalar(n["url"], "url");
        if (n["read"]) s.read = scalar(n["read"], "read");
        if (s.status != RuleStatus::unverified && s.url.empty()) {
            fail(n, "source '" + s.id + "' is " + std::string(to_string(s.status)) +
                        " but has no 'url' (where the text was read)");
        }
        return s;
    }

    /// A rule as written; `categories: rest` is resolved once every rule of the pack is read.
    Rule rule(const YAML::Node& n, const RulePack& pack) {
        keys(n,
             {"id", "kind", "grade", "categories", "verdict", "condition", "basis", "procedure", "sources",
              "status"},
             "a rule");
        Rule r;
        r.line = line_of(n);
        for (const char* req : {"id", "kind", "categories", "verdict", "basis", "status"}) {
            if (!n[req]) fail(n, std::string("rule is missing '") + req + "'");
        }
        r.id = scalar(n["id"], "id");
        const std::string kind = scalar(n["kind"], "kind");
        const std::optional<LayerKind> k = catalog::find_layer_kind(kind);
        if (!k) fail(n["kind"], "rule '" + r.id + "': unknown kind '" + kind + "' (" + catalog::layer_kind_list() + ")");
        r.kind = *k;
        if (n["grade"]) {
            const std::string g = scalar(n["grade"], "grade");
            r.grade = find_grade(r.kind, g);
            if (!r.grade) {
                fail(n["grade"], "rule '" + r.id + "': unknown grade '" + g + "' for " + kind + " (" +
                                     grade_list(r.kind) + ")");
            }
        }
        const YAML::Node& cats = n["categories"];
        auto category = [&](const YAML::Node& c) {
            const std::string code = scalar(c, "categories");
            std::optional<Category> cat;
            for (const Category x : kCategories) {
                if (to_string(x) == code) cat = x;
            }
            if (!cat) {
                fail(c, "rule '" + r.id + "': unknown category '" + code + "' (codes: " + category_codes() + ")");
            }
            if (std::find(r.categories.begin(), r.categories.end(), *cat) != r.categories.end()) {
                fail(c, "rule '" + r.id + "': category '" + code + "' is listed twice");
            }
            r.categories.push_back(*cat);
        };
        if (cats.IsScalar() && cats.Scalar() == "rest") {
            r.rest = true;
        } else if (cats.IsScalar() && cats.Scalar() == "all") {
            r.categories.assign(kCategories.begin(), kCategories.end());
        } else if (cats.IsScalar()) {
            category(cats);
        } else if (cats.IsSequence() && cats.size() > 0) {
            for (const auto& c : cats) category(c);
        } else {
            fail(cats, "rule '" + r.id + "': 'categories' must be a category code, a list of them, 'all' or 'rest'");
        }
        const std::string v = scalar(n["verdict"], "verdict");
        if (v != "layer") {
            try {
                r.verdict = parse_verdict(v);
            } catch (const InputError&) {
                fail(n["verdict"], "rule '" + r.id + "': unknown verdict '" + v +
                                       "' (allowed | caution | restricted | prohibited | layer)");
            }
        }
        r.basis = scalar(n["basis"], "basis");
        if (n["condition"]) r.condition = scalar(n["condition"], "condition");
        if (n["procedure"]) r.procedure = scalar(n["procedure"], "procedure");
        r.status = status(n["status"]);
        if ((r.status == RuleStatus::unverified || r.status == RuleStatus::superseded) && r.verdict) {
            fail(n["verdict"], "rule '" + r.id + "' is " + std::string(to_string(r.status)) +
                                   ": its verdict must be 'layer' (the layer's verdict; never a verdict the "
                                   "texts were not read to give)");
        }
        if (n["sources"]) {
            const YAML::Node& src = n["sources"];
            std::vector<YAML::Node> items;
            if (src.IsSequence()) {
                for (const auto& s : src) items.push_back(s);
            } else {
                items.push_back(src);
            }
            for (const auto& s : items) {
                const std::string id = scalar(s, "sources");
                if (!pack.source(id)) fail(s, "rule '" + r.id + "': unknown source '" + id + "' (not in 'sources')");
                r.sources.push_back(id);
            }
        }
        if (r.status != RuleStatus::unverified && r.sources.empty()) {
            fail(n, "rule '" + r.id + "' is " + std::string(to_string(r.status)) + " but cites no 'sources'");
        }
        return r;
    }

    static std::string category_codes() {
        std::string s;
        for (const Category c : kCategories) s += (s.empty() ? "" : ", ") + std::string(to_string(c));
        return s;
    }

    RulePack pack(const std::string& text, const std::filesystem::path& file) {
        RulePack p;
        p.file = file;
        try {
            body(text, p);
        } catch (const SkipEntry&) {
            // Collecting: a problem at the top of the pack; what was read so far is checked.
        }
        return p;
    }

private:
    void body(const std::string& text, RulePack& p) {
        try {
            io::check_yaml_structure(text, file_);
        } catch (const CatalogError& e) {
            if (!collect_) throw;
            findings.push_back({file_, e.line(), reason_of(e)});
            return;
        }
        YAML::Node root;
        try {
            root = YAML::Load(text);
        } catch (const YAML::Exception& e) {
            fail(e.mark.is_null() ? 0 : e.mark.line + 1, "invalid YAML: " + e.msg);
        }
        if (!root.IsMap()) fail(1, "a rule pack is a mapping with pack, version, sources and rules");
        keys(root, {"pack", "title", "version", "extends", "example", "note", "sources", "rules"}, "the pack");
        for (const char* req : {"pack", "version", "rules"}) {
            if (!root[req]) fail(1, std::string("the pack is missing '") + req + "'");
        }
        p.name = scalar(root["pack"], "pack");
        p.version = scalar(root["version"], "version");
        if (root["title"]) p.title = scalar(root["title"], "title");
        if (root["extends"]) p.extends = scalar(root["extends"], "extends");
        if (root["note"]) p.note = scalar(root["note"], "note");
        if (root["example"]) {
            const std::string e = scalar(root["example"], "example");
            if (e != "true" && e != "false") fail(root["example"], "'example' must be true or false");
            p.example = e == "true";
        }
        if (root["sources"]) {
            const YAML::Node& src = root["sources"];
            if (!src.IsSequence()) fail(src, "'sources' must be a list");
            std::set<std::string> ids;
            for (const auto& s : src) {
                try {
                    RuleSource rs = source(s);
                    if (!ids.insert(rs.id).second) fail(s, "duplicate source id '" + rs.id + "'");
                    p.sources.push_back(std::move(rs));
                } catch (const SkipEntry&) {
                }
            }
        }
        const YAML::Node& rules = root["rules"];
        for (const auto& kv : root) {
            if (kv.first.Scalar() == "rules") p.rules_line = line_of(kv.first);
        }
        if (!rules.IsSequence() || rules.size() == 0) fail(rules, "'rules' must be a non-empty list");
        std::map<std::string, int> ids;
        for (const auto& n : rules) {
            try {
                Rule r = rule(n, p);
                const auto [it, fresh] = ids.emplace(r.id, r.line);
                if (!fresh) fail(n, "duplicate rule id '" + r.id + "' (first at line " + std::to_string(it->second) + ")");
                p.rules.push_back(std::move(r));
            } catch (const SkipEntry&) {
            }
        }
        resolve_cells(p);
    }

    static std::string reason_of(const CatalogError& e) {
        // "file:line: reason" -> "reason"
        const std::string what = e.what();
        const std::string prefix = e.file() + ":" + std::to_string(e.line()) + ": ";
        return what.rfind(prefix, 0) == 0 ? what.substr(prefix.size()) : what;
    }

    /// Each (kind, grade, category) cell once per pack; `rest` takes the categories the pack
    /// gives no other rule for that kind and grade.
    void resolve_cells(RulePack& p) {
        using Key = std::tuple<LayerKind, int, Category>;
        std::map<Key, const Rule*> taken;
        auto grade_key = [](const Rule& r) { return r.grade ? static_cast<int>(*r.grade) : -1; };
        for (const Rule& r : p.rules) {
            if (r.rest) continue;
            for (const Category c : r.categories) {
                const auto [it, fresh] = taken.emplace(Key{r.kind, grade_key(r), c}, &r);
                if (!fresh) {
                    try {
                        fail(r.line, "rule '" + r.id + "' gives " + std::string(to_string(r.kind)) + "/" +
                                         (r.grade ? std::string(to_string(*r.grade)) : "any grade") + " × " +
                                         std::string(to_string(c)) + " again (rule '" + it->second->id +
                                         "', line " + std::to_string(it->second->line) +
                                         "): a cell has one rule per pack");
                    } catch (const SkipEntry&) {
                    }
                }
            }
        }
        std::set<std::pair<LayerKind, int>> rest_seen;
        for (Rule& r : p.rules) {
            if (!r.rest) continue;
            if (!rest_seen.insert({r.kind, grade_key(r)}).second) {
                try {
                    fail(r.line, "rule '" + r.id + "': a second 'categories: rest' rule for " +
                                     std::string(to_string(r.kind)) + "/" +
                                     (r.grade ? std::string(to_string(*r.grade)) : "any grade"));
                } catch (const SkipEntry&) {
                }
                continue;
            }
            for (const Category c : kCategories) {
                if (!taken.count(Key{r.kind, grade_key(r), c})) r.categories.push_back(c);
            }
            if (r.categories.empty()) {
                note(r.line, "rule '" + r.id + "' is unreachable: 'categories: rest' leaves no category (every one has "
                             "its own rule for " + std::string(to_string(r.kind)) + "/" +
                             (r.grade ? std::string(to_string(*r.grade)) : "any grade") + ")");
            }
        }
    }

    std::string file_;
    bool collect_;
};

std::string read_pack_file(const std::filesystem::path& file) {
    namespace fs = std::filesystem;
    const std::string name = file.string();
    std::error_code ec;
    const fs::file_status st = fs::status(file, ec);
    if (ec || !fs::exists(st)) throw InputError(name + ": cannot open the rule pack (missing or unreadable)");
    if (!fs::is_regular_file(st)) throw InputError(name + ": is not a regular file: give a rule pack's .yaml file");
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError(name + ": cannot open the rule pack (missing or unreadable)");
    std::string text;
    char piece[65536];
    while (text.size() <= kMaxPackBytes && in.read(piece, sizeof piece).gcount() > 0) {
        text.append(piece, static_cast<size_t>(in.gcount()));
    }
    if (in.bad()) throw InputError(name + ": cannot read the rule pack");
    if (text.size() > kMaxPackBytes) {
        throw InputError(name + ": is larger than " + std::to_string(kMaxPackBytes >> 20) + " MiB: is this a rule pack?");
    }
    return text;
}

/// The rule of `pack` for the cell with exactly this grade (nothing: the rule without a grade).
const Rule* find_in(const RulePack& pack, LayerKind kind, std::optional<ZoneGrade> grade, Category category) {
    for (const Rule& r : pack.rules) {
        if (r.kind != kind || r.grade != grade) continue;
        if (std::find(r.categories.begin(), r.categories.end(), category) != r.categories.end()) return &r;
    }
    return nullptr;
}

}  // namespace

const RuleSource* RulePack::source(const std::string& id) const {
    for (const auto& s : sources) {
        if (s.id == id) return &s;
    }
    return nullptr;
}

RulePack RulePack::parse(const std::string& text, const std::filesystem::path& file) {
    PackParser p(file.string(), false);
    return p.pack(text, file);
}

RulePack RulePack::load(const std::filesystem::path& file) { return parse(read_pack_file(file), file); }

std::optional<RuleMatch> RuleSet::find(LayerKind kind, std::optional<ZoneGrade> grade, Category category) const {
    // The rule for the grade in the last pack that has one, else the rule without a grade in the
    // last pack that has one: a province's rule for every grade does not undo a national rule
    // written for one grade (the red line's 核心保护区).
    for (auto it = packs.rbegin(); it != packs.rend(); ++it) {
        if (const Rule* r = find_in(*it, kind, grade, category)) return RuleMatch{r, &*it};
    }
    if (!grade) return std::nullopt;
    for (auto it = packs.rbegin(); it != packs.rend(); ++it) {
        if (const Rule* r = find_in(*it, kind, std::nullopt, category)) return RuleMatch{r, &*it};
    }
    return std::nullopt;
}

std::vector<LayerKind> RuleSet::kinds() const {
    std::set<LayerKind> ks;
    for (const auto& p : packs) {
        for (const auto& r : p.rules) ks.insert(r.kind);
    }
    return {ks.begin(), ks.end()};
}

std::filesystem::path default_rules_dir() {
    if (const char* env = std::getenv("ZONING_RULES_DIR"); env != nullptr && *env != '\0') return env;
    return ZONING_RULES_DIR;
}

std::filesystem::path resolve_rule_pack(const std::string& ref, const std::filesystem::path& base) {
    const std::filesystem::path p = ref;
    // A bare name (no folder, no extension) is a shipped pack.
    if (!p.has_parent_path() && !p.has_extension()) return default_rules_dir() / (ref + ".yaml");
    return p.is_absolute() ? p : (base / p).lexically_normal();
}

RuleSet load_rule_packs(const std::vector<std::string>& refs, const std::filesystem::path& base) {
    RuleSet set;
    for (const auto& ref : refs) {
        RulePack p = RulePack::load(resolve_rule_pack(ref, base));
        if (!p.extends.empty()) {
            const bool loaded = std::any_of(set.packs.begin(), set.packs.end(),
                                            [&](const RulePack& q) { return q.name == p.extends; });
            if (!loaded) {
                throw InputError(p.file.string() + ": pack '" + p.name + "' extends '" + p.extends +
                                 "': list that pack before it (rules: [" + p.extends + ", " + ref + "])");
            }
        }
        set.packs.push_back(std::move(p));
    }
    return set;
}

std::vector<RuleFinding> check_rule_pack(const std::filesystem::path& file) {
    PackParser parser(file.string(), true);
    RulePack pack = parser.pack(read_pack_file(file), file);
    std::vector<RuleFinding> findings = parser.findings;
    if (pack.rules.empty()) return findings;
    RuleSet set;
    if (!pack.extends.empty()) {
        // An override pack is checked merged over the pack it extends, found beside it or shipped.
        std::filesystem::path base_file = resolve_rule_pack(pack.extends, file.parent_path());
        const std::filesystem::path beside = file.parent_path() / (pack.extends + ".yaml");
        if (std::filesystem::exists(beside)) base_file = beside;
        try {
            set.packs.push_back(RulePack::load(base_file));
        } catch (const InputError& e) {
            findings.push_back({file.string(), 1, "cannot load the extended pack '" + pack.extends + "': " + e.what()});
            return findings;
        }
    }
    set.packs.push_back(std::move(pack));
    const RulePack& checked = set.packs.back();
    for (const LayerKind k : set.kinds()) {
        std::vector<std::optional<ZoneGrade>> grades;
        for (const ZoneGrade g : grades_of(k)) grades.emplace_back(g);
        grades.emplace_back(std::nullopt);
        for (const Category c : kCategories) {
            std::string missing;
            for (const auto& g : grades) {
                if (!set.find(k, g, c)) missing += (missing.empty() ? "" : ", ") + (g ? std::string(to_string(*g)) : "ungraded");
            }
            if (!missing.empty()) {
                findings.push_back({file.string(), checked.rules_line,
                                    "no rule for " + std::string(to_string(k)) + " × " + std::string(to_string(c)) +
                                        " (grades: " + missing +
                                        "): such a footprint would get the layer's verdict with no clause; add a rule "
                                        "(verdict: layer, status: unverified where the texts are silent)"});
            }
        }
    }
    std::sort(findings.begin(), findings.end(),
              [](const RuleFinding& a, const RuleFinding& b) { return a.line < b.line; });
    return findings;
}

}  // namespace zoning
