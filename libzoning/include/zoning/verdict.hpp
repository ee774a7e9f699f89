#pragma once
// Verdicts, ordered by severity: allowed < caution < restricted < prohibited.
#include <array>
#include <string_view>

namespace zoning {

enum class Verdict { allowed = 0, caution = 1, restricted = 2, prohibited = 3 };
/// Every verdict, mildest first (the choices of --fail-on come from here and to_string).
inline constexpr std::array kVerdicts{Verdict::allowed, Verdict::caution, Verdict::restricted, Verdict::prohibited};

/// Parses "allowed" | "caution" | "restricted" | "prohibited"; throws InputError otherwise.
Verdict parse_verdict(std::string_view s);
std::string_view to_string(Verdict v);
/// 允许 / 注意 / 限制 / 禁止
std::string_view to_chinese(Verdict v);
inline Verdict most_severe(Verdict a, Verdict b) { return a < b ? b : a; }

}  // namespace zoning
