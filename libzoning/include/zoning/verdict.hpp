#pragma once
// Verdicts, ordered by severity: allowed < caution < restricted < prohibited, and `unknown` for a
// footprint that could not be screened (outside the catalog's coverage, or its screening stopped
// by --footprint-timeout). `unknown` sorts above prohibited: not because it is worse, but because
// nothing about it can be called safe, so `--fail-on LEVEL` fails on it at every level.
#include <array>
#include <cstddef>
#include <string_view>

namespace zoning {

enum class Verdict { allowed = 0, caution = 1, restricted = 2, prohibited = 3, unknown = 4 };
/// Every verdict a catalog can give, mildest first (the choices of --fail-on and of a layer's
/// `verdict:` come from here and to_string). `unknown` is not one: no rule gives it.
inline constexpr std::array kVerdicts{Verdict::allowed, Verdict::caution, Verdict::restricted, Verdict::prohibited};
/// Number of Verdict values, `unknown` included (for tables indexed by verdict).
inline constexpr std::size_t kVerdictCount = 5;

/// Parses "allowed" | "caution" | "restricted" | "prohibited"; throws InputError otherwise
/// ("unknown" too: it is the screening's answer, never a rule's).
Verdict parse_verdict(std::string_view s);
/// allowed / caution / restricted / prohibited / unknown
std::string_view to_string(Verdict v);
/// 允许 / 注意 / 限制 / 禁止 / 无法审查
std::string_view to_chinese(Verdict v);
inline Verdict most_severe(Verdict a, Verdict b) { return a < b ? b : a; }

}  // namespace zoning
