// settlement report: placeholder until its issue lands (it fails loudly, never pretends).
#include "app/ExitCode.h"
#include "cli/Command.h"
#include "commands/Commands.h"

namespace settlement::commands {

class ReportCommand : public cli::Command {
public:
    std::string name() const override { return "report"; }
    std::string synopsis() const override { return "report"; }
    std::string summary() const override { return "(not built yet)"; }
    void defineOptions(Poco::Util::OptionSet&) const override {}
    int run(cli::Context&) override { throw app::JobFailed("report is not built yet"); }
};

std::unique_ptr<cli::Command> makeReportCommand() { return std::make_unique<ReportCommand>(); }

}  // namespace settlement::commands
