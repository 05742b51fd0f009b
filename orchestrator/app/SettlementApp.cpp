#include "app/SettlementApp.h"

#include <Poco/Environment.h>
#include <Poco/File.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/MapConfiguration.h>
#include <Poco/Util/Option.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "app/ExitCode.h"
#include "config/ConfigFile.h"
#include "config/Keys.h"
#include "db/ServerWatchdog.h"

namespace settlement::app {
namespace {

// Global options that take a value, so the command name is not mistaken for one.
bool takesValue(const std::string& arg) {
    return arg == "--config" || arg == "--log-level" || arg == "--log-file";
}

// The watchdog's verdict: the server stopped answering, so the threads waiting on it never
// return. The process ends at once, as a kill would; the server drops the connections (and
// the run's locks) when it answers again, and the next run resumes (SPEC §9).
[[noreturn]] void endOnSilence(const std::string& why) {
    spdlog::error("{}; ending with exit 75 (temporary: a run resumes where it stopped when started again)", why);
    spdlog::default_logger()->flush();
    std::fflush(nullptr);
    std::_Exit(kTemporary);
}

}  // namespace

SettlementApp::SettlementApp(int argc, char** argv) : commands_(cli::allCommands()) {
    setUnixOptions(true);
    // Poco defines options before it exposes argv, so the command is picked here.
    selected_ = findCommand(commandNameFrom(argc, argv));
}

std::string SettlementApp::commandNameFrom(int argc, char** argv) {
    std::vector<std::string> args(argv, argv + argc);
    for (std::size_t i = 1; i < args.size(); ++i) {
        if (takesValue(args[i])) { ++i; continue; }
        if (!args[i].empty() && args[i][0] != '-') return args[i];
    }
    return "";
}

cli::Command* SettlementApp::findCommand(const std::string& name) const {
    for (const auto& c : commands_)
        if (c->name() == name) return c.get();
    return nullptr;
}

void SettlementApp::defineOptions(Poco::Util::OptionSet& options) {
    Application::defineOptions(options);
    options.addOption(Poco::Util::Option("help", "h", "show help for settlement or a command"));
    options.addOption(Poco::Util::Option("config", "", "configuration file (properties)")
                          .argument("FILE").binding("option.config"));
    options.addOption(Poco::Util::Option("log-level", "", "trace|debug|info|warn|error")
                          .argument("LEVEL").binding("log.level"));
    options.addOption(Poco::Util::Option("log-file", "", "also write the log to FILE")
                          .argument("FILE").binding("log.file"));
    if (selected_) selected_->defineOptions(options);
}

void SettlementApp::handleOption(const std::string& name, const std::string& value) {
    Application::handleOption(name, value);
    if (name == "help") {
        helpRequested_ = true;
        stopOptionsProcessing();
        return;
    }
    const auto* option = options().hasOption(name) ? &options().getOption(name) : nullptr;
    if (option && !option->takesArgument() && option->binding().empty())
        config().setString("option." + name, "true");
}

void SettlementApp::initialize(Poco::Util::Application& self) {
    // Poco's Application::run() turns an exception here into its own exit code 78, which
    // SPEC §8 does not allow: the error is kept and main() reports it as exit 2.
    try {
        loadLayers();
        Application::initialize(self);
        setUpLogging();
    } catch (const Error& e) {
        startupError_ = std::make_unique<Error>(e);
    } catch (const std::exception& e) {
        startupError_ = std::make_unique<Error>(kUsage, e.what());
    }
}

void SettlementApp::loadLayers() {
    std::string file = config().getString("option.config", "");
    if (!file.empty()) {
        // Read once and checked line by line (config/ConfigFile.h), not by Poco's loader,
        // which takes any line and any key.
        Poco::AutoPtr<Poco::Util::MapConfiguration> fileLayer(new Poco::Util::MapConfiguration);
        for (const auto& [key, entry] : config::readConfigFile(file)) fileLayer->setString(key, entry.value);
        config().add(fileLayer, PRIO_DEFAULT);
    }
    // The environment overrides the file; flags (PRIO_APPLICATION) override both.
    Poco::AutoPtr<Poco::Util::MapConfiguration> env(new Poco::Util::MapConfiguration);
    for (const auto& o : config::kEnvOverrides) {
        if (!Poco::Environment::has(o.variable)) continue;
        std::string value = Poco::Environment::get(o.variable);
        std::string problem = config::checkValue(config::keySpec(o.key), value);
        if (!problem.empty()) throw UsageError(std::string(o.variable) + ": " + problem);
        env->setString(o.key, value);
    }
    config().add(env, PRIO_APPLICATION + 50);
}

void SettlementApp::setUpLogging() const {
    std::string level = config().getString("log.level", "info");
    std::string problem = config::checkValue(config::keySpec("log.level"), level);
    if (!problem.empty()) throw UsageError("--log-level or " + problem);
    std::vector<spdlog::sink_ptr> sinks{std::make_shared<spdlog::sinks::stderr_color_sink_mt>()};
    std::string file = config().getString("log.file", "");
    if (!file.empty()) sinks.push_back(openLogFile(file));
    auto logger = std::make_shared<spdlog::logger>("settlement", sinks.begin(), sinks.end());
    logger->set_level(spdlog::level::from_str(level));
    logger->set_pattern("%Y-%m-%d %H:%M:%S.%e %^%-5l%$ %v");
    logger->flush_on(spdlog::level::info);
    spdlog::set_default_logger(logger);
}

spdlog::sink_ptr SettlementApp::openLogFile(const std::string& file) {
    // spdlog creates missing directories on its own; a log file whose directory does not
    // exist is a mistake in the configuration, not a reason to make one.
    std::filesystem::path path(file);
    std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : ".";
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec))
        throw UsageError("log file " + file + " cannot be opened: " + dir.string() + " is not a directory");
    if (std::filesystem::is_directory(path, ec))
        throw UsageError("log file " + file + " cannot be opened: it is a directory");
    try {
        return std::make_shared<spdlog::sinks::basic_file_sink_mt>(file);
    } catch (const std::exception& e) {
        throw UsageError("log file " + file + " cannot be opened: " + e.what());
    }
}

void SettlementApp::printHelp(const cli::Command* command) const {
    Poco::Util::HelpFormatter help(options());
    help.setUnixStyle(true);
    help.setWidth(100);
    if (command) {
        help.setCommand("settlement " + command->synopsis());
        help.setHeader(command->summary() + "\n\nOptions (global ones included):");
    } else {
        std::string header = "Statistics and creator settlement for a video platform with ads.\n\nCommands:\n";
        for (const auto& c : commands_) header += "  " + c->name() + std::string(12 - std::min<std::size_t>(11, c->name().size()), ' ') + c->summary() + "\n";
        header += "\n`settlement COMMAND --help` shows a command's options.\n"
                  "Connection settings: config file keys db.*, overridden by SETTLEMENT_DB_HOST, _PORT,\n"
                  "_USER, _PASSWORD, _NAME, _SOCKET; report and serve read the replica of db.read.*\n"
                  "(SETTLEMENT_READ_DB_HOST, _PORT, _USER, _PASSWORD, _SOCKET) when it is set.\n\nGlobal options:";
        help.setCommand("settlement");
        help.setUsage("COMMAND [options]");
        help.setHeader(header);
    }
    help.format(std::cout);
}

int SettlementApp::main(const std::vector<std::string>& args) {
    if (startupError_) {
        std::cerr << "settlement: " << startupError_->what() << "\n";
        return startupError_->code();
    }
    if (helpRequested_ || args.empty()) {
        printHelp(selected_);
        return args.empty() && !helpRequested_ ? kUsage : kSuccess;
    }
    if (!selected_ || selected_->name() != args[0]) {
        std::cerr << "settlement: unknown command '" << args[0] << "' (see settlement --help)\n";
        return kUsage;
    }
    // An action word (`report stats`) is the one positional argument a command may accept.
    std::size_t positional = selected_->acceptsAction() ? 2 : 1;
    if (args.size() > positional) {
        std::cerr << "settlement " << selected_->name() << ": unexpected argument '" << args[positional] << "'\n";
        return kUsage;
    }
    std::string action = args.size() > 1 ? args[1] : "";
    // Poco's Application::run() would swallow exceptions as exit 70: map them here.
    try {
        cli::Context context{config(), config::Settings::from(config()), action};
        std::unique_ptr<db::ServerWatchdog> watchdog;
        if (selected_->watchesServer() && context.settings.db.serverTimeoutSec > 0)
            watchdog = std::make_unique<db::ServerWatchdog>(
                context.settings.db, std::chrono::seconds(context.settings.db.serverTimeoutSec), endOnSilence);
        return selected_->run(context);
    } catch (const Error& e) {
        spdlog::error("{}: {}", selected_->name(), e.what());
        return e.code();
    } catch (const Poco::Exception& e) {
        spdlog::error("{}: {}", selected_->name(), e.displayText());
        return kJobFailed;
    } catch (const std::exception& e) {
        spdlog::error("{}: {}", selected_->name(), e.what());
        return kJobFailed;
    } catch (...) {
        spdlog::error("{}: an unknown error", selected_->name());
        return kJobFailed;
    }
}

}  // namespace settlement::app
