#include "cli.hpp"

#include <zoning/error.hpp>
#include <zoning/version.hpp>

#include <gdal.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>

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

}  // namespace

bool register_command(const CommandInfo& info) {
    registry().push_back(info);
    return true;
}

int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
    CLI::App app{"zoning: screen project footprints against the zoning layers of a district\n"
                 "(ecological red line, reserves, water sources, farmland, urban boundary)."};
    app.name("zoning");
    app.set_version_flag("--version", std::string(zoning::kVersion));
    app.require_subcommand(1);
    app.fallthrough();

    std::vector<CommandInfo> infos = registry();
    std::sort(infos.begin(), infos.end(), [](const CommandInfo& a, const CommandInfo& b) { return a.order < b.order; });
    std::vector<Entry> entries;
    for (const auto& info : infos) {
        CLI::App* sub = app.add_subcommand(info.name, info.description);
        std::unique_ptr<Command> cmd = info.make();
        cmd->setup(*sub);
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
        err << "zoning: " << e.what() << "\nRun 'zoning --help' or 'zoning SUBCOMMAND --help'.\n";
        return kExitInput;
    }

    GDALAllRegister();
    for (auto& e : entries) {
        if (!e.app->parsed()) continue;
        try {
            const int code = e.cmd->run(out, err);
            if (!report_written(out)) {
                err << "zoning " << e.app->get_name() << ": error: cannot write the report: " << write_error() << '\n';
                return kExitInput;
            }
            return code;
        } catch (const zoning::InputError& ex) {
            err << "zoning " << e.app->get_name() << ": error: " << ex.what() << '\n';
            return kExitInput;
        } catch (const std::exception& ex) {
            err << "zoning " << e.app->get_name() << ": internal error: " << ex.what() << '\n';
            return kExitInternal;
        }
    }
    return kExitInput;
}

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    std::vector<const char*> argv;
    argv.reserve(args.size() + 1);
    argv.push_back("zoning");
    for (const auto& a : args) argv.push_back(a.c_str());
    return run(static_cast<int>(argv.size()), argv.data(), out, err);
}

}  // namespace zoning::cli
