#include "report/format.hpp"

#include <zoning/report.hpp>

#include <algorithm>
#include <cmath>
#include <cctype>
#include <cstdio>
#include <ctime>

namespace zoning {

size_t display_width(std::string_view s) {
    size_t w = 0;
    for (size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        char32_t cp = 0;
        size_t len = 1;
        if (c < 0x80) {
            cp = c;
        } else if ((c >> 5) == 0x6) {
            cp = c & 0x1F;
            len = 2;
        } else if ((c >> 4) == 0xE) {
            cp = c & 0x0F;
            len = 3;
        } else if ((c >> 3) == 0x1E) {
            cp = c & 0x07;
            len = 4;
        }
        for (size_t k = 1; k < len && i + k < s.size(); ++k) {
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        }
        i += len;
        // East Asian wide and fullwidth ranges (the ones Chinese text uses).
        const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                          (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                          (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                          (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
        w += wide ? 2 : 1;
    }
    return w;
}

namespace report {

std::string fixed(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

std::string csv_number(double v) { return fixed(v, 6); }

std::string significant(double v, int digits) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.*g", digits, v);
    return buf;
}

std::string number(double v, int decimals) {
    if (!std::isfinite(v)) return "-";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, std::fabs(v));
    std::string s(buf);
    const size_t dot = s.find('.');
    size_t int_end = dot == std::string::npos ? s.size() : dot;
    std::string out;
    for (size_t i = 0; i < int_end; ++i) {
        if (i > 0 && (int_end - i) % 3 == 0) out += ',';
        out += s[i];
    }
    out += s.substr(int_end);
    // No "-0.00".
    const bool zero = out.find_first_not_of("0.,") == std::string::npos;
    return (v < 0 && !zero ? "-" : "") + out;
}

std::string percent(double share) { return number(share * 100, 2) + "%"; }

std::string today_iso() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

std::string ascii_lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

Table::Table(std::vector<std::string> header, std::vector<bool> right_aligned)
    : right_(std::move(right_aligned)) {
    rows_.push_back(std::move(header));
    notes_.push_back(false);
}

void Table::add(std::vector<std::string> row) {
    rows_.push_back(std::move(row));
    notes_.push_back(false);
}

void Table::note(std::string line) {
    rows_.push_back({std::move(line)});
    notes_.push_back(true);
}

std::string Table::render(std::string_view indent) const {
    std::vector<size_t> width;
    for (size_t k = 0; k < rows_.size(); ++k) {
        const auto& r = rows_[k];
        if (notes_[k]) continue;
        if (width.size() < r.size()) width.resize(r.size(), 0);
        for (size_t i = 0; i < r.size(); ++i) width[i] = std::max(width[i], display_width(r[i]));
    }
    std::string out;
    for (size_t k = 0; k < rows_.size(); ++k) {
        const auto& r = rows_[k];
        if (notes_[k]) {
            out += std::string(indent) + r.front() + '\n';
            continue;
        }
        std::string line(indent);
        for (size_t i = 0; i < r.size(); ++i) {
            const size_t pad = width[i] - display_width(r[i]);
            const bool right = i < right_.size() && right_[i];
            if (i > 0) line += "  ";
            if (right) line += std::string(pad, ' ');
            line += r[i];
            if (!right && i + 1 < r.size()) line += std::string(pad, ' ');
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out += line + '\n';
    }
    return out;
}

}  // namespace report
}  // namespace zoning
