#pragma once
// Internal: number formatting and display-width-aware tables for the human reports.
#include <string>
#include <string_view>
#include <vector>

namespace zoning::report {

/// Fixed decimals with thousands separators: 1234567.891 -> "1,234,567.89".
std::string number(double v, int decimals);
/// Fixed decimals, no separators (coordinates, KML, file formats): 1234.5678, 2 -> "1234.57".
std::string fixed(double v, int decimals);
/// `digits` significant digits, the shortest form (%g): 0.26 -> "0.26", 1e9 -> "1e+09".
std::string significant(double v, int digits = 6);
/// A CSV field (RFC 4180): quoted, with doubled quotes, when it holds a comma, quote or line break.
std::string csv_field(const std::string& s);
/// A CSV number: six fixed decimals, no separators (fixed(v, 6)).
std::string csv_number(double v);
/// Percent with two decimals: 0.4297 -> "42.97%".
std::string percent(double share);
/// Today's local date as maps and reports print it: "2026-12-01".
std::string today_iso();
/// ASCII letters in lower case (file extensions, format names): ".PDF" -> ".pdf".
std::string ascii_lower(std::string s);

/// A text table: columns padded by display width (CJK characters are two cells wide).
class Table {
public:
    explicit Table(std::vector<std::string> header, std::vector<bool> right_aligned = {});
    void add(std::vector<std::string> row);
    /// A line under the last row, not in the columns (a rule's basis under its conflict).
    void note(std::string line);
    [[nodiscard]] std::string render(std::string_view indent = "") const;

private:
    std::vector<std::vector<std::string>> rows_;
    std::vector<bool> notes_;  ///< per row: a note line
    std::vector<bool> right_;
};

}  // namespace zoning::report
