#pragma once
// The application shell: global options, layered configuration (flags <- environment <-
// config file), logging, and dispatch to the subcommand named by the first argument.
#include <Poco/Util/Application.h>
#include <spdlog/common.h>

#include <memory>
#include <string>
#include <vector>

#include "app/ExitCode.h"
#include "cli/Command.h"

namespace settlement::app {

class SettlementApp : public Poco::Util::Application {
public:
    SettlementApp(int argc, char** argv);

protected:
    void defineOptions(Poco::Util::OptionSet& options) override;
    void handleOption(const std::string& name, const std::string& value) override;
    void initialize(Poco::Util::Application& self) override;
    int main(const std::vector<std::string>& args) override;

private:
    cli::Command* findCommand(const std::string& name) const;
    static std::string commandNameFrom(int argc, char** argv);
    void printHelp(const cli::Command* command) const;
    void loadLayers();
    void setUpLogging() const;
    static spdlog::sink_ptr openLogFile(const std::string& file);

    std::vector<std::unique_ptr<cli::Command>> commands_;
    cli::Command* selected_ = nullptr;
    bool helpRequested_ = false;
    std::unique_ptr<Error> startupError_;  // a configuration error found before main()
};

}  // namespace settlement::app
