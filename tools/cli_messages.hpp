#pragma once
// What the command line says on stderr, in the language of the run: errors, warnings and notes
// rendered through the message catalog (zoning/messages.hpp), "did you mean" for a mistyped
// subcommand or option, and the progress line on a terminal.
//
// The language is --lang (zh, the default, or en). It is taken from the command line before
// CLI11 parses it, so that a usage error is already in that language: `--lang en` or
// `--lang=en` anywhere before a lone `--` (the last one wins); a value other than zh or en is
// ignored there (and rejected by the parse).
#include <zoning/progress.hpp>
#include <zoning/report.hpp>

#include <chrono>
#include <cstddef>
#include <iosfwd>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace zoning::cli {

/// The language of this run's messages (zh outside a run).
Lang message_lang();

/// Sets the language of the messages for one run, and puts the previous one back.
class MessageLangScope {
public:
    explicit MessageLangScope(Lang lang);
    ~MessageLangScope();
    MessageLangScope(const MessageLangScope&) = delete;
    MessageLangScope& operator=(const MessageLangScope&) = delete;

private:
    Lang previous_;
};

/// --lang as given on the command line (see above), else `fallback`.
Lang lang_from_args(const std::vector<std::string>& args, Lang fallback = Lang::zh);

/// An English message of the library or the CLI in the run's language.
std::string tr(std::string_view english);

/// The words before a message: "error", "internal error", "warning", "note".
enum class Say { error, internal_error, warning, note };
std::string_view label(Say what);

/// "warning: WHERE: WHAT" (警告: ...), translated.
void print_warning(std::ostream& err, const std::string& where, const std::string& what);
/// "warning: TEXT" for a note that carries its own place.
void print_warning(std::ostream& err, const std::string& text);

/// A copy of `report` whose warnings are in the run's language (for a text report).
template <class Report>
Report with_translated_warnings(Report report) {
    for (auto& w : report.warnings) w = {tr(w.where), tr(w.what)};
    return report;
}

// ---- did you mean ------------------------------------------------------------------------------

/// Optimal string alignment distance (Damerau–Levenshtein with adjacent swaps), in bytes.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The names closest to `typed`: distance ≤ 2 (≤ 1 for names of 3 characters or fewer), or one
/// is a prefix of the other; the nearest first, at most 3.
std::vector<std::string> closest_names(std::string_view typed, const std::vector<std::string>& names);

/// "unknown subcommand 'scren'" / "unknown option '--widht'", with
/// "; did you mean …?" (您是否要输入 …？) when some name is close.
std::string unknown_name_message(bool option, const std::string& typed, const std::vector<std::string>& names);

// ---- progress ----------------------------------------------------------------------------------

/// The progress line (osmium style): "screening footprints 12/40 (30%)", redrawn in place with
/// \r on stderr and cleared when a stage ends. Automatic (on a terminal only, from 2 s into the
/// run, at most ten redraws a second) or forced by --progress (every step, from the start:
/// what the tests read back).
class ProgressLine {
public:
    enum class Mode { off, automatic, forced };
    ProgressLine(std::ostream& err, Mode mode);
    ~ProgressLine();
    ProgressLine(const ProgressLine&) = delete;
    ProgressLine& operator=(const ProgressLine&) = delete;

    void update(const Progress& p);
    /// Removes the line (before other text is written on stderr, and at the end).
    void clear();
    [[nodiscard]] ProgressCallback callback();

private:
    using Clock = std::chrono::steady_clock;
    std::ostream& err_;
    Mode mode_;
    Clock::time_point start_ = Clock::now();
    Clock::time_point last_{};
    std::size_t shown_ = 0;  ///< characters on the line now (0: nothing shown)
    std::mutex lock_;
};

/// The progress line of the running command (nullptr outside a run): CatalogArgs and the
/// commands take their callbacks from it.
ProgressLine* current_progress();
void set_current_progress(ProgressLine* p);
/// current_progress()'s callback, or an empty one.
ProgressCallback progress_callback();

}  // namespace zoning::cli
