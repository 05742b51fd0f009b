// settlement run: statistics and settlement for one date or a range of dates (SPEC §8).
#include <spdlog/spdlog.h>

#include <algorithm>
#include <iostream>
#include <thread>

#include "app/ExitCode.h"
#include "cli/Command.h"
#include "commands/Commands.h"
#include "db/Connection.h"
#include "engine/Coordinator.h"
#include "engine/JobRepository.h"
#include "load/LoadReport.h"
#include "load/Loader.h"
#include "util/Date.h"

namespace settlement::commands {
namespace {

util::Date dateOption(const cli::Context& ctx, const std::string& name) {
    auto d = util::parseDate(ctx.option(name));
    if (!d) throw app::UsageError("--" + name + " must be a date YYYY-MM-DD, got '" + ctx.option(name) + "'");
    return *d;
}

}  // namespace

class RunCommand : public cli::Command {
public:
    std::string name() const override { return "run"; }
    std::string synopsis() const override {
        return "run [--date D | --from D1 --to D2] [--threads N] [--rerun] [--verify]";
    }
    std::string summary() const override {
        return "statistics and settlement for dates (default: yesterday); resumes, skips completed dates";
    }
    bool watchesServer() const override { return true; }
    void defineOptions(Poco::Util::OptionSet& options) const override {
        options.addOption(cli::valueOption("date", "D", "business date YYYY-MM-DD (default: yesterday in the business time zone)"));
        options.addOption(cli::valueOption("from", "D1", "first date of a range, processed in ascending order"));
        options.addOption(cli::valueOption("to", "D2", "last date of the range (inclusive)"));
        options.addOption(cli::valueOption("threads", "N", "worker connections (default: config run.threads, 0 = cores)"));
        options.addOption(cli::flagOption("rerun", "run completed dates again (after late events), with a new plan"));
        options.addOption(cli::flagOption("verify", "recount every range independently (a run recounts a rotating sample)"));
    }

    int run(cli::Context& ctx) override {
        std::vector<util::Date> dates;
        bool single = !ctx.option("date").empty();
        bool range = !ctx.option("from").empty() || !ctx.option("to").empty();
        if (single && range) throw app::UsageError("give either --date or --from/--to, not both");
        if (range) {
            if (ctx.option("from").empty() || ctx.option("to").empty())
                throw app::UsageError("--from and --to go together");
            util::Date from = dateOption(ctx, "from"), to = dateOption(ctx, "to");
            if (to < from) throw app::UsageError("--to " + ctx.option("to") + " is before --from " + ctx.option("from"));
            if ((to - from).count() > 3660) throw app::UsageError("--from/--to spans more than 10 years");
            for (util::Date d = from; d <= to; d += std::chrono::days{1}) dates.push_back(d);
        } else if (single) {
            dates.push_back(dateOption(ctx, "date"));
        } else {
            dates.push_back(util::businessToday(std::chrono::system_clock::now(), ctx.settings.utcOffsetMinutes) -
                            std::chrono::days{1});
        }
        int configured = ctx.settings.run.threads;
        int cores = int(std::max(1u, std::thread::hardware_concurrency()));
        int threads = ctx.intOption("threads", configured == 0 ? cores : configured, 1, 256);

        // The dates to compute: first every stale date (late events arrived after it was
        // processed), in date order, then the dates asked for (SPEC 7). The inboxes are moved
        // into the logs before, so their late events are among them.
        std::vector<std::string> work;
        {
            auto db = db::Connection::open(ctx.settings.db);
            db->execute("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
            load::Loader loader(*db, ctx.settings.retry);
            for (const auto& result : loader.finishLeftovers())
                std::cout << "run: finished " << load::formatSummary(result) << std::endl;
            for (const auto& result : loader.loadInboxes())
                std::cout << "run: moved the " << load::formatSummary(result) << std::endl;
            engine::JobRepository jobs(*db);
            auto stale = jobs.staleDates();
            if (!stale.empty()) {
                std::string names;
                for (const auto& s : stale) names += " " + s.date + " (" + std::to_string(s.lateEvents) + " late event(s))";
                std::cout << "run: restating " << stale.size() << " stale date(s) first:" << names << std::endl;
            }
            for (const auto& s : stale) work.push_back(s.date);
            for (util::Date d : dates) {
                std::string date = util::formatDate(d);
                if (std::find(work.begin(), work.end(), date) == work.end()) work.push_back(date);
            }
        }

        engine::Coordinator coordinator(ctx.settings, threads, ctx.flag("rerun"), ctx.flag("verify"));
        for (const auto& date : work) {
            auto outcome = coordinator.runDate(date);
            std::cout << "run " << outcome.summary << std::endl;
            if (outcome.state == engine::DateOutcome::State::Failed) {
                if (work.size() > 1) std::cout << "run: stopped at " << outcome.date << "; later dates not started" << std::endl;
                return app::kJobFailed;
            }
        }
        return app::kSuccess;
    }
};

std::unique_ptr<cli::Command> makeRunCommand() { return std::make_unique<RunCommand>(); }

}  // namespace settlement::commands
