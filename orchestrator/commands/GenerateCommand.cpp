// settlement generate: placeholder until its issue lands (it fails loudly, never pretends).
#include "app/ExitCode.h"
#include "cli/Command.h"
#include "commands/Commands.h"

namespace settlement::commands {

class GenerateCommand : public cli::Command {
public:
    std::string name() const override { return "generate"; }
    std::string synopsis() const override { return "generate"; }
    std::string summary() const override { return "(not built yet)"; }
    void defineOptions(Poco::Util::OptionSet&) const override {}
    int run(cli::Context&) override { throw app::JobFailed("generate is not built yet"); }
};

std::unique_ptr<cli::Command> makeGenerateCommand() { return std::make_unique<GenerateCommand>(); }

}  // namespace settlement::commands
