#include "cli.hpp"

namespace zoning::cli {
namespace {
class Cmd final : public Command {
public:
    void setup(CLI::App&) override {}
    int run(std::ostream&, std::ostream&) override { return kExitInternal; }
};
}  // namespace
std::unique_ptr<Command> make_screen_command() { return std::make_unique<Cmd>(); }
}  // namespace zoning::cli
