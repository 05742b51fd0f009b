#pragma once
// Factories of the subcommands; cli::allCommands() lists them in help order.
#include <memory>

#include "cli/Command.h"

namespace settlement::commands {

std::unique_ptr<cli::Command> makeMigrateCommand();
std::unique_ptr<cli::Command> makeLoadCommand();
std::unique_ptr<cli::Command> makeRunCommand();
std::unique_ptr<cli::Command> makeStatusCommand();
std::unique_ptr<cli::Command> makeReportCommand();
std::unique_ptr<cli::Command> makePartitionsCommand();
std::unique_ptr<cli::Command> makeGenerateCommand();
std::unique_ptr<cli::Command> makeServeCommand();
std::unique_ptr<cli::Command> makeTokenCommand();
std::unique_ptr<cli::Command> makeHeartbeatCommand();

}  // namespace settlement::commands
