// Messages on stderr in the run's language, did-you-mean, the progress line (cli_messages.hpp).
#include "cli_messages.hpp"

#include <zoning/messages.hpp>

#include <algorithm>
#include <utility>
#include <cstdio>
#include <ostream>

namespace zoning::cli {

namespace {

Lang g_lang = Lang::zh;
ProgressLine* g_progress = nullptr;

/// Columns a UTF-8 text takes on a terminal: 2 for CJK (3-byte sequences), else 1.
std::size_t columns(std::string_view s) {
    std::size_t n = 0;
    for (size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        n += len == 3 ? 2 : 1;
        i += len;
    }
    return n;
}

}  // namespace

Lang message_lang() { return g_lang; }

MessageLangScope::MessageLangScope(Lang lang) : previous_(g_lang) { g_lang = lang; }
MessageLangScope::~MessageLangScope() { g_lang = previous_; }

Lang lang_from_args(const std::vector<std::string>& args, Lang fallback) {
    Lang lang = fallback;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--") break;
        std::string value;
        if (a == "--lang" && i + 1 < args.size()) value = args[i + 1];
        else if (a.rfind("--lang=", 0) == 0) value = a.substr(7);
        else continue;
        for (const Lang l : kLangs) {
            if (value == to_string(l)) lang = l;
        }
    }
    return lang;
}

std::string tr(std::string_view english) { return translate(english, g_lang); }

std::string_view label(Say what) {
    const bool zh = g_lang == Lang::zh;
    switch (what) {
        case Say::error: return zh ? "错误" : "error";
        case Say::internal_error: return zh ? "内部错误" : "internal error";
        case Say::warning: return zh ? "警告" : "warning";
        case Say::note: return zh ? "提示" : "note";
    }
    return "";
}

void print_warning(std::ostream& err, const std::string& where, const std::string& what) {
    if (g_progress != nullptr) g_progress->clear();
    err << label(Say::warning) << ": " << tr(where) << ": " << tr(what) << '\n';
}

void print_warning(std::ostream& err, const std::string& text) {
    if (g_progress != nullptr) g_progress->clear();
    err << label(Say::warning) << ": " << tr(text) << '\n';
}

// ---- did you mean ------------------------------------------------------------------------------

std::size_t edit_distance(std::string_view a, std::string_view b) {
    // d[i][j]: distance between a[0..i) and b[0..j); three rows suffice for the swap.
    const size_t n = b.size();
    std::vector<size_t> prev2(n + 1), prev(n + 1), cur(n + 1);
    for (size_t j = 0; j <= n; ++j) prev[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (size_t j = 1; j <= n; ++j) {
            const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                cur[j] = std::min(cur[j], prev2[j - 2] + 1);
            }
        }
        prev2.swap(prev);
        prev.swap(cur);
    }
    return prev[n];
}

std::vector<std::string> closest_names(std::string_view typed, const std::vector<std::string>& names) {
    std::vector<std::pair<size_t, std::string>> scored;
    for (const auto& name : names) {
        if (name == typed) continue;
        const size_t d = edit_distance(typed, name);
        const size_t limit = name.size() <= 3 ? 1 : 2;
        // A prefix ("--cat" for "--catalog"), not counting the dashes alone.
        const std::string_view bare = typed.substr(std::min(typed.find_first_not_of('-'), typed.size()));
        const bool prefix = bare.size() >= 2 && (name.rfind(typed, 0) == 0 || typed.rfind(name, 0) == 0);
        if (d <= limit) scored.emplace_back(d, name);
        else if (prefix) scored.emplace_back(limit + 1, name);
    }
    std::stable_sort(scored.begin(), scored.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    std::vector<std::string> out;
    for (const auto& [d, name] : scored) {
        if (out.size() == 3 || (!out.empty() && d > scored.front().first)) break;
        out.push_back(name);
    }
    return out;
}

std::string unknown_name_message(bool option, const std::string& typed, const std::vector<std::string>& names) {
    const bool zh = g_lang == Lang::zh;
    std::string s = zh ? std::string(option ? "未知的选项 '" : "未知的子命令 '") + typed + "'"
                       : std::string(option ? "unknown option '" : "unknown subcommand '") + typed + "'";
    const std::vector<std::string> close = closest_names(typed, names);
    if (close.empty()) return s;
    std::string list;
    for (size_t i = 0; i < close.size(); ++i) {
        if (i > 0) list += i + 1 == close.size() ? (zh ? " 或 " : " or ") : (zh ? "、" : ", ");
        list += close[i];
    }
    return s + (zh ? "：您是否要输入 " + list + "？" : "; did you mean " + list + "?");
}

// ---- progress ----------------------------------------------------------------------------------

ProgressLine::ProgressLine(std::ostream& err, Mode mode) : err_(err), mode_(mode) {}

ProgressLine::~ProgressLine() { clear(); }

void ProgressLine::update(const Progress& p) {
    if (mode_ == Mode::off || p.total == 0) return;
    std::lock_guard<std::mutex> lock(lock_);
    const Clock::time_point now = Clock::now();
    const bool last = p.done >= p.total;
    if (mode_ == Mode::automatic) {
        if (now - start_ < std::chrono::seconds(2)) return;
        if (!last && now - last_ < std::chrono::milliseconds(100)) return;
    }
    last_ = now;
    const bool zh = g_lang == Lang::zh;
    const std::string_view what = p.stage == "layers" ? (zh ? "读取图层" : "reading layers")
                                  : p.stage == "footprints" ? (zh ? "审查用地范围" : "screening footprints")
                                                            : p.stage;
    char buf[160];
    std::snprintf(buf, sizeof buf, " %zu/%zu (%zu%%)", p.done, p.total, p.done * 100 / p.total);
    const std::string text = std::string(what) + buf;
    const std::size_t width = columns(text);
    err_ << '\r' << text << std::string(shown_ > width ? shown_ - width : 0, ' ');
    shown_ = std::max(shown_, width);
    err_.flush();
    if (last) {
        err_ << '\r' << std::string(shown_, ' ') << '\r';
        err_.flush();
        shown_ = 0;
    }
}

void ProgressLine::clear() {
    std::lock_guard<std::mutex> lock(lock_);
    if (shown_ == 0) return;
    err_ << '\r' << std::string(shown_, ' ') << '\r';
    err_.flush();
    shown_ = 0;
}

ProgressCallback ProgressLine::callback() {
    if (mode_ == Mode::off) return {};
    return [this](const Progress& p) { update(p); };
}

ProgressLine* current_progress() { return g_progress; }
void set_current_progress(ProgressLine* p) { g_progress = p; }
ProgressCallback progress_callback() { return g_progress != nullptr ? g_progress->callback() : ProgressCallback{}; }

}  // namespace zoning::cli
