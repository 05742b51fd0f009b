// settlement status: job history — dates, state, attempts, timings, failed ranges — and the
// stale dates awaiting restatement.
#include <fmt/format.h>

#include <iostream>

#include "app/ExitCode.h"
#include "cli/Command.h"
#include "commands/Commands.h"
#include "db/Connection.h"
#include "engine/JobRepository.h"
#include "engine/RunLock.h"
#include "engine/Step.h"
#include "util/Date.h"

namespace settlement::commands {

class StatusCommand : public cli::Command {
public:
    std::string name() const override { return "status"; }
    std::string synopsis() const override { return "status [--date D] [--limit N]"; }
    std::string summary() const override {
        return "job history: dates, state, attempts, timings, failed ranges; stale dates awaiting restatement";
    }
    void defineOptions(Poco::Util::OptionSet& options) const override {
        options.addOption(cli::valueOption("date", "D", "only this business date"));
        options.addOption(cli::valueOption("limit", "N", "most recent N dates (default 30)"));
    }

    int run(cli::Context& ctx) override {
        std::string date = ctx.option("date");
        if (!date.empty() && !util::parseDate(date))
            throw app::UsageError("--date must be a date YYYY-MM-DD, got '" + date + "'");
        int limit = ctx.intOption("limit", 30, 1, 100000);
        auto db = db::Connection::open(ctx.settings.db);
        printStaleDates(*db, date);
        printUnfinishedLoads(*db);
        auto runs = db->query(
            "SELECT r.id, r.business_date, r.state, r.attempt, r.owner_host, r.owner_pid, r.started_at,"
            " r.heartbeat_at, r.finished_at,"
            " ROUND(TIMESTAMPDIFF(MICROSECOND, r.started_at, COALESCE(r.finished_at, NOW(3))) / 1e6, 1),"
            " (SELECT COUNT(*) FROM job_task t WHERE t.run_id = r.id AND t.state = 'DONE'),"
            " (SELECT COUNT(*) FROM job_task t WHERE t.run_id = r.id),"
            " COALESCE(r.message, '')"
            " FROM job_run r WHERE r.job = " + db->quote(engine::kDailyJob) +
            (date.empty() ? "" : " AND r.business_date = " + db->quote(date)) +
            " ORDER BY r.business_date DESC LIMIT " + std::to_string(limit));
        if (runs.rows.empty()) {
            std::cout << (date.empty() ? "status: no runs yet\n" : "status: no run for " + date + "\n");
            return app::kSuccess;
        }
        std::cout << fmt::format("{:<10}  {:<22}  {:>7}  {:>9}  {:>9}  {:<23}  {:<23}  {}\n", "date", "state",
                                 "attempt", "tasks", "seconds", "started (UTC)", "finished (UTC)", "owner");
        for (const auto& r : runs.rows) {
            std::string state = *r[2];
            if (state == "RUNNING") {
                // Alive only while its owner still holds the date's lock (dies with the process).
                auto holder = db->scalar("SELECT IS_USED_LOCK(" +
                                         db->quote(engine::lockName(*db, engine::dateScope(*r[1]))) + ")");
                if (!holder) state = "RUNNING (stale)";
            }
            std::cout << fmt::format("{:<10}  {:<22}  {:>7}  {:>9}  {:>9}  {:<23}  {:<23}  {}\n", *r[1], state, *r[3],
                                     *r[10] + "/" + *r[11], *r[9], *r[6],
                                     r[8] ? *r[8] : "heartbeat " + *r[7], *r[4] + " pid " + *r[5]);
            if (state == "RUNNING (stale)")
                std::cout << "    its owner is gone (last heartbeat " << *r[7] << "); the next `run` resumes it\n";
            if (!r[12]->empty() && *r[2] != "RUNNING") std::cout << "    " << *r[12] << "\n";
            auto failed = db->query(
                "SELECT step, range_no, video_from, video_to, attempts, last_error_code, last_error FROM job_task"
                " WHERE run_id = " + *r[0] + " AND (state = 'FAILED' OR (state <> 'DONE' AND last_error IS NOT NULL))"
                " ORDER BY step_no, range_no");
            for (const auto& f : failed.rows)
                std::cout << fmt::format("    failed range: {} #{} video_id {}..{}, {} attempt(s), MySQL error {}: {}\n",
                                         *f[0], *f[1], *f[2], *f[3], *f[4], f[5].value_or("-"), f[6].value_or(""));
        }
        return app::kSuccess;
    }

private:
    // Load batches that are not LOADED or ABANDONED: a live load's, or what a dead one left
    // (the next `load` or `run` finishes or abandons those; see find_load_leftovers).
    static void printUnfinishedLoads(db::Connection& db) {
        auto batches = db.query("SELECT id, kind, source, file_name, state, started_at FROM load_batch"
                                " WHERE state IN ('STAGING', 'PROMOTING') ORDER BY id");
        if (batches.rows.empty()) return;
        std::cout << "unfinished load batches:\n";
        for (const auto& b : batches.rows) {
            std::string lock = engine::lockName(db, "load_batch." + *b[0]);
            bool live = db.scalar("SELECT IS_USED_LOCK(" + db.quote(lock) + ")").has_value();
            std::cout << fmt::format("  batch {} {} {} {} since {}: {}\n", *b[0], *b[1], *b[3], *b[4], *b[5],
                                     live ? "a load is working on it"
                                          : "left by a load that died; the next `load` or `run` finishes it");
        }
    }

    // Stale dates first: they are what the next run will do before anything else.
    static void printStaleDates(db::Connection& db, const std::string& date) {
        engine::JobRepository jobs(db);
        std::vector<engine::StaleDate> stale;
        if (date.empty()) stale = jobs.staleDates();
        else if (auto one = jobs.staleDate(date)) stale.push_back(*one);
        if (stale.empty()) {
            std::cout << "stale dates: none\n";
            return;
        }
        std::cout << "stale dates (late events arrived after they were processed; the next `run` restates them "
                     "first, in date order):\n";
        for (const auto& s : stale)
            std::cout << fmt::format("  {}  {} late event(s) since {}\n", s.date, s.lateEvents, s.firstMarkedAt);
    }
};

std::unique_ptr<cli::Command> makeStatusCommand() { return std::make_unique<StatusCommand>(); }

}  // namespace settlement::commands
