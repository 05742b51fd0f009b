// settlement serve: the read-only HTTP API and dashboard of SPEC §10 until SIGTERM or SIGINT, after
// which the requests in flight finish and the process exits 0.
#include <Poco/Util/OptionSet.h>
#include <spdlog/spdlog.h>

#include <csignal>
#include <cstdlib>

#include "app/ExitCode.h"
#include "cli/Command.h"
#include "cli/StopSignals.h"
#include "commands/Commands.h"
#include "http/Server.h"
#include "report/ReadConnection.h"

namespace settlement::commands {

class ServeCommand : public cli::Command {
public:
    std::string name() const override { return "serve"; }
    std::string synopsis() const override { return "serve [--listen ADDR:PORT]"; }
    std::string summary() const override { return "the HTTP API and the dashboard on /: figures for creators, finance, monitoring"; }
    void defineOptions(Poco::Util::OptionSet& options) const override {
        options.addOption(cli::valueOption("listen", "ADDR:PORT", "where to listen (default: http.listen, 127.0.0.1:8080)"));
    }

    int run(cli::Context& ctx) override {
        std::string listen = ctx.option("listen").empty() ? ctx.settings.http.listen : ctx.option("listen");
        // Blocked before any thread starts, so every thread inherits the mask and only
        // sigwait below sees the signals.
        sigset_t stopSignals = cli::blockStopSignals();
        std::signal(SIGPIPE, SIG_IGN);  // a client that hangs up is an error on its socket, not a death

        http::Server server(ctx.settings, listen);
        server.start();
        const auto& h = ctx.settings.http;
        report::ReadTarget reads = report::readTarget(ctx.settings);
        spdlog::info("serve: listening on {} ({} tokens, {} threads, up to {} read connections to {}{})", server.url(),
                     server.verifier().algorithm(), h.threads, h.dbPoolSize, reads.db.describe(),
                     reads.replica ? ", the replica" : "");
        auto lacks = server.dashboard().missing();
        if (lacks.empty()) spdlog::info("serve: the dashboard is at {}/", server.url());
        for (const auto& lack : lacks) spdlog::warn("serve: the dashboard is incomplete: {}", lack);

        int signal = 0;
        sigwait(&stopSignals, &signal);
        spdlog::info("serve: {} received; finishing the requests in flight (at most {} s)",
                     signal == SIGTERM ? "SIGTERM" : "SIGINT", h.shutdownGraceSec);
        if (!server.stop()) {
            spdlog::error("serve: requests were still running after {} s; exiting without them", h.shutdownGraceSec);
            spdlog::default_logger()->flush();
            std::_Exit(app::kJobFailed);
        }
        spdlog::info("serve: stopped");
        return app::kSuccess;
    }
};

std::unique_ptr<cli::Command> makeServeCommand() { return std::make_unique<ServeCommand>(); }

}  // namespace settlement::commands
