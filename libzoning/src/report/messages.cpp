// translate(): English messages rendered through a template catalog (messages.hpp).
#include <zoning/messages.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <utility>
#include <optional>
#include <vector>

namespace zoning {

namespace {

/// A template cut into fixed text and placeholders: parts[0] is text (maybe empty), then
/// placeholder, text, placeholder, ... Adjacent placeholders are merged into the first.
struct Parsed {
    std::vector<std::string> text;   ///< text.size() == names.size() + 1
    std::vector<std::string> names;  ///< placeholder names
    size_t fixed = 0;    ///< bytes of fixed text
    size_t letters = 0;  ///< of which letters, digits and non-ASCII (not ": ", " (", ...)
    bool line = false;   ///< has a {line} placeholder (digits only)
    std::string_view zh;

    /// Which of two matching templates to take: the one with more words; among the merely
    /// structural ones ("{file}:{line}: {reason}", "{place}: {reason}") the one constrained to a
    /// line number, then the one that cuts the message into fewer parts (the parts are
    /// translated on their own, and a longer part can still match a template with words).
    [[nodiscard]] bool before(const Parsed& o) const {
        if (letters != o.letters) return letters > o.letters;
        if (line != o.line) return line;
        const auto score = [](const Parsed& p) {
            return static_cast<long>(p.fixed) - 3 * static_cast<long>(p.names.size());
        };
        return score(*this) > score(o);
    }
};

bool is_name_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }

/// The placeholder name at s[i] == '{' ("{file}" -> "file"), or nullopt when it is plain text.
std::optional<std::string_view> placeholder_at(std::string_view s, size_t i) {
    if (s[i] != '{') return std::nullopt;
    size_t j = i + 1;
    while (j < s.size() && is_name_char(s[j])) ++j;
    if (j == i + 1 || j >= s.size() || s[j] != '}') return std::nullopt;
    return s.substr(i + 1, j - i - 1);
}

Parsed parse(std::string_view en, std::string_view zh) {
    Parsed p;
    p.zh = zh;
    p.text.emplace_back();
    for (size_t i = 0; i < en.size();) {
        if (const auto name = placeholder_at(en, i)) {
            if (p.text.back().empty() && !p.names.empty()) {
                // "{a}{b}": one placeholder takes both (the source scan cannot tell them apart).
            } else {
                p.names.emplace_back(*name);
                if (*name == "line") p.line = true;
                p.text.emplace_back();
            }
            i += name->size() + 2;
            continue;
        }
        const auto c = static_cast<unsigned char>(en[i]);
        p.text.back() += en[i];
        ++p.fixed;
        if (std::isalnum(c) != 0 || c >= 0x80) ++p.letters;
        ++i;
    }
    return p;
}

const std::vector<Parsed>& parsed_chinese() {
    static const std::vector<Parsed> all = [] {
        std::vector<Parsed> out;
        for (const auto& t : chinese_messages()) out.push_back(parse(t.en, t.zh));
        // The most specific first: the first match is taken.
        std::stable_sort(out.begin(), out.end(), [](const Parsed& a, const Parsed& b) { return a.before(b); });
        return out;
    }();
    return all;
}

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// Matches text[k..] and the placeholders after it against msg[pos..]; each placeholder takes
/// the shortest non-empty text that lets the rest match.
bool match_from(const Parsed& p, std::string_view msg, size_t k, size_t pos, std::vector<std::string_view>& caps) {
    const std::string& t = p.text[k];
    if (msg.compare(pos, t.size(), t) != 0) return false;
    pos += t.size();
    if (k == p.names.size()) return pos == msg.size();
    const std::string& next = p.text[k + 1];
    if (k + 1 == p.names.size() && next.empty()) {  // the last placeholder takes the rest
        if (pos >= msg.size()) {
            // {rest}, {then} and {s} stand for a part that is often empty (a ?: with "").
            caps[k] = {};
            return p.names[k] == "rest" || p.names[k] == "then" || p.names[k] == "s";
        }
        caps[k] = msg.substr(pos);
        return true;
    }
    for (size_t end = pos + 1; end <= msg.size(); ++end) {
        end = next.empty() ? end : msg.find(next, end);
        if (end == std::string_view::npos) return false;
        caps[k] = msg.substr(pos, end - pos);
        if (p.names[k] == "line" && !all_digits(caps[k])) return false;  // a line number, not a file name
        if (match_from(p, msg, k + 1, end, caps)) return true;
    }
    return false;
}

constexpr int kMaxDepth = 12;

/// A message rendered in Chinese, and how many letters of it templates covered.
struct Rendering {
    std::string text;
    size_t covered = 0;
};

/// Renders a message and, recursively, the text of each placeholder, choosing among the
/// templates that match the one whose rendering covers the most letters in all (so that
/// "--s-srs: cannot read CRS 'X': EPSG has no CRS with code 1; give ..." is cut at "--s-srs: "
/// and not at " has no CRS with code "). Renderings of each part are kept (one message).
class Translator {
public:
    const Rendering& render(std::string_view msg, int depth) {
        const Key key{msg.data(), msg.size()};
        if (const auto it = memo_.find(key); it != memo_.end()) return it->second;
        Rendering best{std::string(msg), 0};
        std::vector<std::string_view> caps;
        std::vector<const Rendering*> parts;
        for (const Parsed& p : msg.empty() || depth > kMaxDepth ? kNone : parsed_chinese()) {
            if (p.fixed == 0) continue;
            caps.assign(p.names.size(), {});
            if (!match_from(p, msg, 0, 0, caps)) continue;
            size_t covered = p.letters;
            parts.clear();
            for (const auto cap : caps) {
                parts.push_back(&render(cap, depth + 1));
                covered += parts.back()->covered;
            }
            if (covered <= best.covered) continue;
            best = {fill(p, parts), covered};
        }
        return memo_.emplace(key, std::move(best)).first->second;
    }

private:
    using Key = std::pair<const char*, size_t>;
    static inline const std::vector<Parsed> kNone;
    std::map<Key, Rendering> memo_;  // a map: references to its values stay valid

    static std::string fill(const Parsed& p, const std::vector<const Rendering*>& parts) {
        std::string out;
        const std::string_view zh = p.zh;
        for (size_t i = 0; i < zh.size();) {
            if (const auto name = placeholder_at(zh, i)) {
                const auto it = std::find(p.names.begin(), p.names.end(), *name);
                if (it != p.names.end()) {
                    out += parts[static_cast<size_t>(it - p.names.begin())]->text;
                    i += name->size() + 2;
                    continue;
                }
            }
            out += zh[i++];
        }
        return out;
    }
};

}  // namespace

std::string translate(std::string_view message, Lang lang) {
    if (lang == Lang::en) return std::string(message);
    Translator t;
    return t.render(message, 0).text;
}

std::string normalize_template(std::string_view en) {
    std::string out;
    for (size_t i = 0; i < en.size();) {
        if (const auto name = placeholder_at(en, i)) {
            if (!out.ends_with("{}")) out += "{}";
            i += name->size() + 2;
            continue;
        }
        out += en[i++];
    }
    return out;
}

}  // namespace zoning
