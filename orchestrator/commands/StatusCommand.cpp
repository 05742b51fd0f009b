// settlement status: placeholder until its issue lands (it fails loudly, never pretends).
#include "app/ExitCode.h"
#include "cli/Command.h"
#include "commands/Commands.h"

namespace settlement::commands {

class StatusCommand : public cli::Command {
public:
    std::string name() const override { return "status"; }
    std::string synopsis() const override { return "status"; }
    std::string summary() const override { return "(not built yet)"; }
    void defineOptions(Poco::Util::OptionSet&) const override {}
    int run(cli::Context&) override { throw app::JobFailed("status is not built yet"); }
};

std::unique_ptr<cli::Command> makeStatusCommand() { return std::make_unique<StatusCommand>(); }

}  // namespace settlement::commands
