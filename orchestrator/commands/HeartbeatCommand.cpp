// settlement heartbeat: writes the replication heartbeat on the primary about every second
// until SIGTERM or SIGINT (SPEC §11), so that `report` and `serve` know how far behind the
// replica they read is. Runs beside the primary as a daemon (docker-compose's `heartbeat`
// service, a systemd unit); README "Primary and replica" says why it is a process of its
// own rather than a server event, the batch or `serve`.
#include <Poco/Util/OptionSet.h>
#include <spdlog/spdlog.h>

#include "app/ExitCode.h"
#include "cli/Command.h"
#include "cli/StopSignals.h"
#include "commands/Commands.h"
#include "replication/HeartbeatWriter.h"

namespace settlement::commands {

class HeartbeatCommand : public cli::Command {
public:
    std::string name() const override { return "heartbeat"; }
    std::string synopsis() const override { return "heartbeat [--interval-ms N] [--once]"; }
    std::string summary() const override { return "writes the replication heartbeat on the primary until stopped"; }
    void defineOptions(Poco::Util::OptionSet& options) const override {
        options.addOption(cli::valueOption("interval-ms", "N", "milliseconds between beats (default: heartbeat.interval_ms, 1000)"));
        options.addOption(cli::flagOption("once", "write one beat and exit (0 when the primary took it, 75 when not)"));
    }

    int run(cli::Context& ctx) override {
        int interval = ctx.intOption("interval-ms", ctx.settings.heartbeat.intervalMs, 50, 60000);
        replication::HeartbeatWriter writer(ctx.settings.db, std::chrono::milliseconds(interval));
        if (ctx.flag("once")) {
            if (!writer.beat()) throw app::TemporaryFailure("the primary did not take the beat");
            return app::kSuccess;
        }
        sigset_t stopSignals = cli::blockStopSignals();
        spdlog::info("heartbeat: writing replication_heartbeat on {} every {} ms", ctx.settings.db.describe(), interval);
        writer.run(stopSignals);
        return app::kSuccess;
    }
};

std::unique_ptr<cli::Command> makeHeartbeatCommand() { return std::make_unique<HeartbeatCommand>(); }

}  // namespace settlement::commands
