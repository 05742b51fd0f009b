#include "commands/Commands.h"

namespace settlement::cli {

std::vector<std::unique_ptr<Command>> allCommands() {
    std::vector<std::unique_ptr<Command>> all;
    all.push_back(commands::makeMigrateCommand());
    all.push_back(commands::makeLoadCommand());
    all.push_back(commands::makeRunCommand());
    all.push_back(commands::makeStatusCommand());
    all.push_back(commands::makeReportCommand());
    all.push_back(commands::makePartitionsCommand());
    all.push_back(commands::makeGenerateCommand());
    all.push_back(commands::makeServeCommand());
    all.push_back(commands::makeTokenCommand());
    all.push_back(commands::makeHeartbeatCommand());
    return all;
}

}  // namespace settlement::cli
