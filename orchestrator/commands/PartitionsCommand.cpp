// settlement partitions: placeholder until its issue lands (it fails loudly, never pretends).
#include "app/ExitCode.h"
#include "cli/Command.h"
#include "commands/Commands.h"

namespace settlement::commands {

class PartitionsCommand : public cli::Command {
public:
    std::string name() const override { return "partitions"; }
    std::string synopsis() const override { return "partitions"; }
    std::string summary() const override { return "(not built yet)"; }
    void defineOptions(Poco::Util::OptionSet&) const override {}
    int run(cli::Context&) override { throw app::JobFailed("partitions is not built yet"); }
};

std::unique_ptr<cli::Command> makePartitionsCommand() { return std::make_unique<PartitionsCommand>(); }

}  // namespace settlement::commands
