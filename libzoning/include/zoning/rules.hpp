#pragma once
// Project categories, zone grades and rule packs (issue #15): the verdict the law gives a project
// of a category inside a zone of a kind and grade, with the clause it rests on, the condition and
// the procedure. Rule packs are YAML data (rules/national.yaml, province packs that override it);
// docs/rules.md describes the format and summarises the national pack.
#include <zoning/catalog.hpp>
#include <zoning/verdict.hpp>

#include <array>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zoning {

// ---- project categories ------------------------------------------------------------------------

/// What a project is, as the texts distinguish it. The codes are stable (they are written in
/// catalogs, footprint fields and rule packs); the Chinese names are what users type.
enum class Category {
    restoration,
    patrol_research,
    resident_facility,
    tourism,
    linear_infrastructure,
    flood_water_supply,
    water_protection,
    geological_survey,
    mining,
    wind_power,
    solar_power,
    industry,
    urban_development,
    sewage_treatment,
    agriculture,
    national_major,
    other
};
inline constexpr std::array kCategories{
    Category::restoration,       Category::patrol_research, Category::resident_facility,
    Category::tourism,           Category::linear_infrastructure, Category::flood_water_supply,
    Category::water_protection,  Category::geological_survey, Category::mining,
    Category::wind_power,        Category::solar_power,     Category::industry,
    Category::urban_development, Category::sewage_treatment, Category::agriculture,
    Category::national_major,    Category::other};

/// The code: "patrol_research".
std::string_view to_string(Category c);
/// The Chinese name: "管护巡护、保护执法、科研监测、防灾减灾、国防".
std::string_view to_chinese(Category c);
/// A category from its code, its Chinese name or a short form of it ("线性基础设施",
/// full-width or ASCII brackets, surrounding blanks ignored); nothing when unknown.
std::optional<Category> find_category(std::string_view code_or_name);
/// As find_category; throws InputError naming the value and listing the vocabulary.
Category parse_category(std::string_view code_or_name);
/// "restoration (生态修复), patrol_research (...), ...": the vocabulary, for messages.
std::string category_vocabulary();

// ---- zone grades -------------------------------------------------------------------------------

/// The grade of a zone within its kind: water_source primary | secondary | quasi (一级, 二级,
/// 准保护区); nature_reserve core | general (核心保护区, 一般控制区, 2026 regulation) and the older
/// core | buffer | experimental (核心区, 缓冲区, 实验区); ecological_redline core | general (inside
/// or outside a protected area's 核心保护区).
enum class ZoneGrade { primary, secondary, quasi, core, general, buffer, experimental };

std::string_view to_string(ZoneGrade g);
/// The usual class value: 一级保护区, 二级保护区, 准保护区, 核心保护区, 一般控制区, 缓冲区, 实验区.
std::string_view to_chinese(ZoneGrade g);
/// The grades a zone of kind `k` can have; empty when the kind has no grades.
std::vector<ZoneGrade> grades_of(LayerKind k);
/// "primary | secondary | quasi" for messages ("(none)" for a kind without grades).
std::string grade_list(LayerKind k);
/// The grade named by its code (primary, core, ...) when that grade exists for kind `k`.
std::optional<ZoneGrade> find_grade(LayerKind k, std::string_view code);
/// The grade a class value says for kind `k`: a grade code, a usual value (一级保护区, 核心区,
/// ...) or a value ending in one ("地表水一级保护区"); nothing when the value says no grade.
std::optional<ZoneGrade> recognise_grade(LayerKind k, std::string_view class_value);
/// The grade of a feature of class `cls` in `layer`: the catalog's `classes: {cls: {grade: ...}}`
/// when given, else recognise_grade; nothing for an ungraded feature.
std::optional<ZoneGrade> grade_for(const LayerSpec& layer, const std::string& cls);

// ---- rule packs --------------------------------------------------------------------------------

/// How far a rule (or a source) was checked against the text itself.
///  verified: the clause was read in full; partial: read in part or in a secondary source (the
///  rule says which); unverified: not found, the rule falls back to the layer's verdict;
///  superseded: the clause was read but is no longer in force (the rule falls back too).
enum class RuleStatus { verified, partial, unverified, superseded };
std::string_view to_string(RuleStatus s);

/// A legal text a pack cites.
struct RuleSource {
    std::string id;
    std::string title;      ///< full title
    std::string number;     ///< 文号 / 令号, or empty
    std::string date;       ///< date of the text (YYYY-MM-DD, or YYYY-MM)
    std::string in_force;   ///< date it took effect, or empty
    std::string url;        ///< where the text was read
    std::string read;       ///< what was read there
    RuleStatus status = RuleStatus::unverified;
    int line = 0;
};

/// One rule: zones of `kind` (and `grade`) × `categories` → verdict.
struct Rule {
    std::string id;
    LayerKind kind = LayerKind::other;
    /// Nothing: the rule covers the grades no graded rule of the pack gives for its categories,
    /// and ungraded features.
    std::optional<ZoneGrade> grade;
    std::vector<Category> categories;  ///< expanded (`rest` resolved)
    bool rest = false;                 ///< written as `categories: rest`
    /// Nothing: the layer's (or class's) verdict from the catalog (the text is silent, unread or
    /// superseded).
    std::optional<Verdict> verdict;
    std::string condition;
    std::string basis;      ///< "自然资发〔2022〕142号 一(一)第1项"
    std::string procedure;
    std::vector<std::string> sources;  ///< ids of RulePack::sources
    RuleStatus status = RuleStatus::unverified;
    int line = 0;
};

struct RulePack {
    std::string name;
    std::string title;
    std::string version;
    std::string extends;    ///< the pack this one overrides ("national"), or empty
    bool example = false;   ///< a worked example, not a real text
    std::string note;
    std::filesystem::path file;
    std::vector<RuleSource> sources;
    std::vector<Rule> rules;
    int rules_line = 0;

    /// Parses and validates a pack; throws CatalogError (file:line: reason) on the first problem
    /// (`zoning rules --check` lists them all).
    static RulePack parse(const std::string& text, const std::filesystem::path& file);
    static RulePack load(const std::filesystem::path& file);
    [[nodiscard]] const RuleSource* source(const std::string& id) const;
};

struct RuleMatch {
    const Rule* rule = nullptr;
    const RulePack* pack = nullptr;
};

/// Packs merged in order: for a (kind, grade, category) cell, the rule for that grade in the last
/// pack that has one, else the rule without a grade in the last pack that has one.
class RuleSet {
public:
    std::vector<RulePack> packs;

    [[nodiscard]] std::optional<RuleMatch> find(LayerKind kind, std::optional<ZoneGrade> grade,
                                                Category category) const;
    /// The kinds some pack has a rule for, in LayerKind order.
    [[nodiscard]] std::vector<LayerKind> kinds() const;
};

/// The folder of the shipped packs (`national` is national.yaml there): $ZONING_RULES_DIR, else the
/// source tree's rules/ folder the library was built from.
std::filesystem::path default_rules_dir();
/// A pack reference as a catalog or `--rules` writes it: a bare name ("national") is a shipped
/// pack; a path is relative to `base`.
std::filesystem::path resolve_rule_pack(const std::string& ref, const std::filesystem::path& base);
RuleSet load_rule_packs(const std::vector<std::string>& refs, const std::filesystem::path& base);

/// The packs a catalog names in `rules:`, else the national pack (paths relative to the catalog).
RuleSet load_catalog_rules(const Catalog& catalog);

// ---- verdicts by the rules ---------------------------------------------------------------------

/// The rule that gave a conflict or class row its verdict, as the reports show it (issue #15).
struct AppliedRule {
    std::string id;     ///< the rule's id; empty: no rule applies (kNoRuleBasis, kNearBasis)
    std::string pack;   ///< the pack it comes from, or empty
    std::string basis;  ///< the clause ("自然资发〔2022〕142号 一(一)第1项"), or why there is none
    std::string condition;
    std::string procedure;
    /// The verdict is the layer's (or class's) from the catalog: the rule says `layer`, or no rule
    /// applies.
    bool layer_verdict = false;
};
/// The basis of a row no rule of the loaded packs covers: the layer's verdict stays.
inline constexpr std::string_view kNoRuleBasis = "无适用条款：沿用图层结论";
/// The basis of a row that is only near the zone (near_m), not in it: no rule applies.
inline constexpr std::string_view kNearBasis = "未进入该区（邻近）：沿用图层结论";

struct RuleDecision {
    Verdict verdict = Verdict::allowed;
    AppliedRule rule;
};
/// The verdict of a project of `category` in a zone of `kind` and `grade` whose catalog verdict is
/// `layer_verdict`: the rule's, or the layer's where the packs say nothing or the rule says `layer`.
RuleDecision decide(const RuleSet& set, LayerKind kind, std::optional<ZoneGrade> grade, Category category,
                    Verdict layer_verdict);

/// A problem found in a pack by `zoning rules --check`.
struct RuleFinding {
    std::string file;
    int line = 0;
    std::string message;
};
/// Every problem of a pack: YAML and field errors, unknown codes, duplicate and unreachable rules,
/// unknown source ids, and each (kind, grade, category) cell of a kind the pack covers that has no
/// rule (a pack with `extends` is checked merged over the pack it extends).
std::vector<RuleFinding> check_rule_pack(const std::filesystem::path& file);

/// One cell of the rule table.
struct RuleCell {
    LayerKind kind = LayerKind::other;
    std::optional<ZoneGrade> grade;  ///< nothing: ungraded features
    Category category = Category::other;
    std::optional<RuleMatch> match;
};
/// Every kind the packs have rules for × its grades and ungraded × every category.
std::vector<RuleCell> rule_table(const RuleSet& set);
/// The table as text: the packs and their sources, then one table per zone kind.
void write_rules_text(std::ostream& out, const RuleSet& set, const std::vector<RuleCell>& cells);
void write_rules_json(std::ostream& out, const RuleSet& set, const std::vector<RuleCell>& cells);

}  // namespace zoning
