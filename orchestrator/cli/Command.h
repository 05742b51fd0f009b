#pragma once
// A subcommand of `settlement` (SPEC §8). Each defines its own options, bound to
// "option.<name>" keys of the layered configuration, and runs with the typed settings.
#include <Poco/Util/OptionSet.h>

#include <memory>
#include <string>
#include <vector>

#include "config/Settings.h"

namespace Poco::Util { class AbstractConfiguration; }

namespace settlement::cli {

struct Context {
    const Poco::Util::AbstractConfiguration& config;
    config::Settings settings;
    // The action word after the command (`report stats`), for commands that accept one;
    // "" when none was given.
    std::string action;

    // The value of a command option, or "" when absent.
    std::string option(const std::string& name) const;
    bool flag(const std::string& name) const;
    // The value of a command option as a whole number; throws UsageError naming it.
    int intOption(const std::string& name, int fallback, int min, int max) const;
};

class Command {
public:
    virtual ~Command() = default;
    virtual std::string name() const = 0;
    virtual std::string synopsis() const = 0;  // e.g. "run [--date D | --from D1 --to D2]"
    virtual std::string summary() const = 0;   // one line
    virtual void defineOptions(Poco::Util::OptionSet& options) const = 0;
    // True when the command takes one positional action word (`report stats`,
    // `partitions ensure`), passed in Context::action; the command validates it.
    virtual bool acceptsAction() const { return false; }
    // True for the commands that write and may wait long on the server (migrate, load, run,
    // partitions): they run under db::ServerWatchdog, which ends them with exit 75 when the
    // server stops answering for db.server_timeout_sec.
    virtual bool watchesServer() const { return false; }
    // Returns the exit code; throws app::Error for failures.
    virtual int run(Context& context) = 0;
};

// An option "--name VALUE" bound to "option.name".
Poco::Util::Option valueOption(const std::string& name, const std::string& argName,
                               const std::string& description);
// An option "--name" without a value, bound to "option.name" = true.
Poco::Util::Option flagOption(const std::string& name, const std::string& description);

std::vector<std::unique_ptr<Command>> allCommands();

}  // namespace settlement::cli
