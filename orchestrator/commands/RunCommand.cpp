// settlement run: placeholder until its issue lands (it fails loudly, never pretends).
#include "app/ExitCode.h"
#include "cli/Command.h"
#include "commands/Commands.h"

namespace settlement::commands {

class RunCommand : public cli::Command {
public:
    std::string name() const override { return "run"; }
    std::string synopsis() const override { return "run"; }
    std::string summary() const override { return "(not built yet)"; }
    void defineOptions(Poco::Util::OptionSet&) const override {}
    int run(cli::Context&) override { throw app::JobFailed("run is not built yet"); }
};

std::unique_ptr<cli::Command> makeRunCommand() { return std::make_unique<RunCommand>(); }

}  // namespace settlement::commands
