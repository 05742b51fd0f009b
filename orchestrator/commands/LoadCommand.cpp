// settlement load: placeholder until its issue lands (it fails loudly, never pretends).
#include "app/ExitCode.h"
#include "cli/Command.h"
#include "commands/Commands.h"

namespace settlement::commands {

class LoadCommand : public cli::Command {
public:
    std::string name() const override { return "load"; }
    std::string synopsis() const override { return "load"; }
    std::string summary() const override { return "(not built yet)"; }
    void defineOptions(Poco::Util::OptionSet&) const override {}
    int run(cli::Context&) override { throw app::JobFailed("load is not built yet"); }
};

std::unique_ptr<cli::Command> makeLoadCommand() { return std::make_unique<LoadCommand>(); }

}  // namespace settlement::commands
