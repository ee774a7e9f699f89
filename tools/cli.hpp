#pragma once
// The `zoning` command line: one subcommand per cmd_*.cpp file. Each file defines a Command:
// setup() declares its options on a CLI11 subcommand (help, choices and defaults come from one
// place), run() does the work after parsing. Errors are exceptions, mapped to exit codes here:
//   0 ok, 1 a screen found a verdict at or above --fail-on, 2 usage or input error, 3 internal.
#include "cli_args.hpp"

#include <CLI/CLI.hpp>

#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

namespace zoning::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitVerdict = 1;
inline constexpr int kExitInput = 2;
inline constexpr int kExitInternal = 3;

class Command {
public:
    virtual ~Command() = default;
    /// Declares the subcommand and its options on `app`.
    virtual void setup(CLI::App& app) = 0;
    /// Runs after a successful parse; returns the exit code.
    virtual int run(std::ostream& out, std::ostream& err) = 0;
};

/// A subcommand registers itself from its own cmd_*.cpp file:
///   const bool registered = register_command({"stats", "Area statistics...", 30, make});
/// so adding a subcommand touches no other file. `order` sorts `zoning --help`.
struct CommandInfo {
    const char* name;
    const char* description;
    int order;
    std::unique_ptr<Command> (*make)();
};
bool register_command(const CommandInfo& info);

/// Runs the command line; never throws. `messages`: the language of the messages when the
/// command line gives no --lang (the user's default is zh; tests may ask for en).
int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err, Lang messages = Lang::zh);
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, Lang messages = Lang::zh);

}  // namespace zoning::cli
