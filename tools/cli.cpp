#include "cli.hpp"

#include "cli_messages.hpp"

#include <zoning/error.hpp>
#include <zoning/version.hpp>

#include <gdal.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <unistd.h>

namespace zoning::cli {

namespace {

struct Entry {
    CLI::App* app;
    std::unique_ptr<Command> cmd;
};

std::vector<CommandInfo>& registry() {
    static std::vector<CommandInfo> commands;
    return commands;
}

/// Help text ends with exactly one newline, whatever CLI11's formatter leaves at the end.
void print_help(std::ostream& out, std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    out << text << '\n';
}

/// Flushes the report and tells whether all of it was written (stdout on a full disk, a closed
/// pipe: a failed std::cout sets badbit); a truncated report must not exit 0.
bool report_written(std::ostream& out) {
    if (out.fail()) return false;  // errno is still the failed write's (a report is written in one piece)
    errno = 0;
    out.flush();
    if (&out == &std::cout) std::fflush(stdout);  // errno from the failed write, not an older one
    return !out.fail() && !(&out == &std::cout && std::ferror(stdout) != 0);
}

std::string write_error() {
    return errno != 0 ? std::strerror(errno) : "write error";
}

/// The long option names of `app` ("--catalog"), with its parents' when it falls through.
std::vector<std::string> long_options(const CLI::App& app) {
    std::vector<std::string> out;
    for (const CLI::App* a = &app; a != nullptr; a = a->get_parent()) {
        for (const CLI::Option* o : a->get_options()) {
            for (const auto& n : o->get_lnames()) out.push_back("--" + n);
        }
        if (!a->get_fallthrough()) break;
    }
    return out;
}

/// The first unknown subcommand or long option of `args`, as a message with the closest names;
/// empty when every name is known. CLI11 would say "--catalog is required" for
/// `zoning screen --catalgo c.yaml`: the typo is the thing to tell.
std::string unknown_names(const CLI::App& app, const std::vector<std::string>& args) {
    const CLI::App* sub = nullptr;
    const std::vector<const CLI::App*> all = app.get_subcommands([](const CLI::App*) { return true; });
    std::vector<std::string> subcommands;
    for (const CLI::App* s : all) subcommands.push_back(s->get_name());
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--") break;
        if (a.rfind("--", 0) == 0) {
            const std::string name = a.substr(0, a.find('='));
            const CLI::App& in = sub != nullptr ? *sub : app;
            const std::vector<std::string> known = long_options(in);
            if (std::find(known.begin(), known.end(), name) == known.end()) {
                return unknown_name_message(true, name, known);
            }
            const CLI::Option* o = in.get_option_no_throw(name);
            if (o == nullptr && in.get_parent() != nullptr) o = in.get_parent()->get_option_no_throw(name);
            if (o != nullptr && o->get_items_expected_min() > 0 && name.size() == a.size()) ++i;  // its value
            continue;
        }
        if (sub != nullptr || a.empty() || a[0] == '-') continue;
        // The first word that is not an option (nor an option's value) names the subcommand.
        const auto it = std::find(subcommands.begin(), subcommands.end(), a);
        if (it != subcommands.end()) {
            sub = all[static_cast<size_t>(it - subcommands.begin())];
            continue;
        }
        return unknown_name_message(false, a, subcommands);
    }
    return {};
}

}  // namespace

bool register_command(const CommandInfo& info) {
    registry().push_back(info);
    return true;
}

int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err, Lang messages) {
    const std::vector<std::string> args(argv + std::min(argc, 1), argv + argc);
    const MessageLangScope lang_scope(lang_from_args(args, messages));
    CLI::App app{"zoning: screen project footprints against the zoning layers of a district\n"
                 "(ecological red line, reserves, water sources, farmland, urban boundary)."};
    app.name("zoning");
    app.set_version_flag("--version", std::string(zoning::kVersion));
    app.require_subcommand(1);
    app.fallthrough();

    // --lang and --progress/--no-progress are options of every subcommand (and of `zoning`
    // itself): the language of the messages, and the progress line (cli_messages.hpp).
    std::string lang_text(to_string(message_lang()));
    bool progress = false;
    bool no_progress = false;
    const auto lang_help = "Language of the messages (and of a text report): zh or en (default zh)";
    const auto lang_check = one_of(names_of(kLangs));
    auto add_common = [&](CLI::App& a) {
        if (a.get_option_no_throw("--lang") == nullptr) a.add_option("--lang", lang_text, lang_help)->check(lang_check);
        CLI::Option* on = a.add_flag("--progress", progress, "Show progress on stderr even when it is not a terminal");
        CLI::Option* off =
            a.add_flag("--no-progress", no_progress, "Never show progress (default: on a terminal only)");
        on->excludes(off);
    };
    add_common(app);

    std::vector<CommandInfo> infos = registry();
    std::sort(infos.begin(), infos.end(), [](const CommandInfo& a, const CommandInfo& b) { return a.order < b.order; });
    std::vector<Entry> entries;
    for (const auto& info : infos) {
        CLI::App* sub = app.add_subcommand(info.name, info.description);
        std::unique_ptr<Command> cmd = info.make();
        cmd->setup(*sub);
        add_common(*sub);
        entries.push_back({sub, std::move(cmd)});
    }

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        print_help(out, app.help());
        return kExitOk;
    } catch (const CLI::CallForAllHelp&) {
        print_help(out, app.help("", CLI::AppFormatMode::All));
        return kExitOk;
    } catch (const CLI::CallForVersion&) {
        out << zoning::kVersion << '\n';
        return kExitOk;
    } catch (const CLI::ParseError& e) {
        // Help requested on a subcommand arrives as CallForHelp too; anything else is usage.
        const std::string unknown = unknown_names(app, args);
        err << "zoning: " << (unknown.empty() ? tr(e.what()) : unknown) << '\n'
            << tr("Run 'zoning --help' or 'zoning SUBCOMMAND --help'.") << '\n';
        return kExitInput;
    }

    // `zoning --lang en screen ...`: the subcommand's own --lang (the text report's) follows.
    if (app.get_option("--lang")->count() > 0) {
        for (auto& e : entries) {
            CLI::Option* own = e.app->get_option_no_throw("--lang");
            if (e.app->parsed() && own != nullptr && own->count() == 0) {
                own->add_result(lang_text);
                own->run_callback();
            }
        }
    }

    const bool tty = &err == &std::cerr && ::isatty(STDERR_FILENO) == 1;
    ProgressLine line(err, progress ? ProgressLine::Mode::forced
                           : no_progress || !tty ? ProgressLine::Mode::off
                                                 : ProgressLine::Mode::automatic);
    set_current_progress(&line);
    struct Unset {
        ~Unset() { set_current_progress(nullptr); }
    } unset;

    GDALAllRegister();
    for (auto& e : entries) {
        if (!e.app->parsed()) continue;
        const std::string who = "zoning " + e.app->get_name() + ": ";
        try {
            const int code = e.cmd->run(out, err);
            line.clear();
            if (!report_written(out)) {
                err << who << label(Say::error) << ": " << tr("cannot write the report: " + write_error()) << '\n';
                return kExitInput;
            }
            return code;
        } catch (const zoning::InputError& ex) {
            line.clear();
            err << who << label(Say::error) << ": " << tr(ex.what()) << '\n';
            return kExitInput;
        } catch (const std::exception& ex) {
            line.clear();
            err << who << label(Say::internal_error) << ": " << tr(ex.what()) << '\n';
            return kExitInternal;
        }
    }
    return kExitInput;
}

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, Lang messages) {
    std::vector<const char*> argv;
    argv.reserve(args.size() + 1);
    argv.push_back("zoning");
    for (const auto& a : args) argv.push_back(a.c_str());
    return run(static_cast<int>(argv.size()), argv.data(), out, err, messages);
}

}  // namespace zoning::cli
