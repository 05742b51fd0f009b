#include "engine/Coordinator.h"

#include <spdlog/spdlog.h>

#include "app/ExitCode.h"
#include "db/Connection.h"
#include "engine/DateLock.h"
#include "engine/JobRepository.h"
#include "engine/Planner.h"
#include "engine/Progress.h"
#include "engine/RunLock.h"
#include "engine/Step.h"
#include "engine/StepRunner.h"
#include "engine/Ticker.h"
#include "partitions/PartitionUpkeep.h"
#include "util/Date.h"

namespace settlement::engine {
namespace {

// The plan's tasks: every range of a ranged step, the ranges sample_range says are due for a
// sampled one (all of them with --verify), one task for a step of the whole date.
std::vector<TaskRecord> tasksFor(db::Connection& db, const std::string& date, const std::vector<Step>& steps,
                                 const Plan& plan, bool verify, std::string& sampleNote) {
    std::vector<TaskRecord> tasks;
    for (std::size_t s = 0; s < steps.size(); ++s) {
        if (!steps[s].ranged) {
            tasks.push_back({int(s), steps[s].name, 0, {0, kMaxVideoId, 0}, "PENDING", 0});
            continue;
        }
        int chosen = 0;
        for (std::size_t r = 0; r < plan.ranges.size(); ++r) {
            if (steps[s].sampled) {
                db.execute("CALL sample_range(" + db.quote(date) + ", " + std::to_string(r) + ", " +
                           (verify ? "TRUE" : "FALSE") + ", @settlement_due)");
                if (db.scalar("SELECT @settlement_due") != "1") continue;
            }
            tasks.push_back({int(s), steps[s].name, int(r), plan.ranges[r], "PENDING", 0});
            ++chosen;
        }
        if (steps[s].sampled)
            sampleNote += "; " + steps[s].name + ": " + std::to_string(chosen) + " of " +
                          std::to_string(plan.ranges.size()) + " range(s)" + (verify ? " (--verify)" : " (sample)");
    }
    return tasks;
}

std::string staleNote(const std::optional<StaleDate>& stale) {
    if (!stale) return "";
    return "restating: " + std::to_string(stale->lateEvents) + " late event(s) since " + stale->firstMarkedAt + "; ";
}

}  // namespace

Coordinator::Coordinator(const config::Settings& settings, int threads, bool rerun, bool verify)
    : settings_(settings), threads_(threads), rerun_(rerun), verify_(verify) {}

DateOutcome Coordinator::runDate(const std::string& date) {
    DateOutcome outcome;
    outcome.date = date;
    auto control = db::Connection::open(settings_.db);
    JobRepository jobs(*control);

    // 1. What no run may compute (outside the accepted window, closed by retention) is
    //    refused by the SQL guard that settle_date passes too (errno 30001: exit 2).
    control->execute("CALL check_run_date(" + control->quote(date) + ")");

    // 2. One run per date; what a killed run left behind is waited for or ended (DateLock.h).
    RunLock lock(*control, dateScope(date));
    takeDateLock(lock, *control, jobs, settings_, date);

    // 3. Skip a completed date unless asked to run it again or late events made it stale.
    //    The stale mark is read before planning: close_daily_run clears only this one.
    auto existing = jobs.findRun(kDailyJob, date);
    auto stale = jobs.staleDate(date);
    if (existing && existing->state == "COMPLETED" && !rerun_ && !stale) {
        outcome.state = DateOutcome::State::Skipped;
        outcome.summary = date + " already completed at " + existing->finishedAt + " (use --rerun to run it again)";
        return outcome;
    }

    // 4. One date at a time through the steps (see Step.h): a job-wide lock on a connection
    //    of its own, so no other thread ever uses it; it too dies with the process.
    auto jobLockConnection = db::Connection::open(settings_.db);
    RunLock jobLock(*jobLockConnection, kJobScope);
    if (!jobLock.tryAcquire(settings_.run.jobLockWaitSec))
        throw app::TemporaryFailure("another date's run has held the daily job for more than " +
                                    std::to_string(settings_.run.jobLockWaitSec) + " s (server connection " +
                                    std::to_string(jobLock.holderConnectionId()) + "); try " + date +
                                    " again later");

    // 5. The date's partitions (and the days ahead) exist before anything reads them.
    util::Date day = *util::parseDate(date);
    if (auto notice = partitions::PartitionUpkeep(*control).ensure(
            day, day + std::chrono::days{settings_.partitions.daysAhead}))
        spdlog::warn("run {}: {} (see `settlement partitions check`)", date, *notice);

    // 6. Plan, or resume the recorded plan (never a stale date's: its done ranges missed the
    //    late events; never with --verify: the recorded plan may leave out ranges of the
    //    sampled recount), then record the run and wait for loads adding events to the date.
    const std::vector<Step> steps = loadSteps(*control, kDailyJob);
    bool resume = existing && existing->state != "COMPLETED" && !rerun_ && !verify_ && !stale &&
                  jobs.hasPlan(existing->id);
    std::string planNote = staleNote(stale);
    std::uint64_t runId;
    if (resume) {
        runId = jobs.beginRun(kDailyJob, date, threads_, nullptr);
    } else {
        Plan plan = Planner(*control, settings_.run).plan(date);
        std::string sampleNote;
        auto tasks = tasksFor(*control, date, steps, plan, verify_, sampleNote);
        runId = jobs.beginRun(kDailyJob, date, threads_, &tasks);
        planNote += std::to_string(plan.ranges.size()) + " range(s) planned from " + plan.weightsFrom + sampleNote;
    }
    control->execute("CALL fence_daily_run(" + control->quote(date) + ")");
    int alreadyDone = jobs.doneTasks(runId);
    std::vector<TaskRecord> pending = jobs.resumeTasks(runId);
    if (resume) planNote = "resuming attempt " + std::to_string(existing->attempt + 1) + ": " +
                           std::to_string(alreadyDone) + " task(s) already done, " +
                           std::to_string(pending.size()) + " to go";
    spdlog::info("run {}: {} on {} thread(s)", date, planNote, threads_);

    Progress progress;
    progress.date = date;
    Ticker heartbeat(std::chrono::seconds(settings_.run.heartbeatSec), [&] {
        try {
            jobs.heartbeat(runId);
        } catch (const std::exception& e) {
            spdlog::warn("run {}: heartbeat failed: {}", date, e.what());
        }
    });
    // The status line: when something moved, and at least every 30 s while a long step runs.
    std::string lastMoved;
    auto lastPrinted = std::chrono::steady_clock::now();
    Ticker status(std::chrono::seconds(settings_.run.progressSec), [&] {
        std::string moved = progress.step() + "/" + std::to_string(progress.rangesDone.load());
        auto now = std::chrono::steady_clock::now();
        if (moved == lastMoved && now - lastPrinted < std::chrono::seconds(30)) return;
        lastMoved = moved;
        lastPrinted = now;
        spdlog::info("{}", progress.line());
    });

    // 7. Steps in order; a step's ranges ascending on the worker threads.
    std::set<std::string> restated;
    std::string failure;
    StepRunner runner(settings_, jobs, runId, threads_);
    for (std::size_t s = 0; s < steps.size() && failure.empty(); ++s) {
        std::vector<TaskRecord> stepTasks;
        for (const auto& t : pending)
            if (t.stepNo == int(s)) stepTasks.push_back(t);
        if (stepTasks.empty()) continue;
        std::uint64_t planned = 0;
        for (const auto& t : stepTasks) planned += t.range.plannedRows;
        progress.startStep(steps[s].name, int(stepTasks.size()), planned);
        StepResult result = runner.run(date, steps[s], stepTasks, progress);
        failure = result.failure;
        restated.insert(result.restatedDates.begin(), result.restatedDates.end());
    }

    // 8. Record and summarize.
    outcome.restatedDates.assign(restated.begin(), restated.end());
    double elapsed = progress.elapsedSec();
    if (!failure.empty()) {
        jobs.finishRun(runId, false, failure);
        outcome.state = DateOutcome::State::Failed;
        outcome.summary = date + " FAILED after " + fmt::format("{:.1f}", elapsed) + " s: " + failure;
        return outcome;
    }
    std::string restatedNote = outcome.restatedDates.empty() ? "" : "; restated later dates:";
    for (const auto& d : outcome.restatedDates) restatedNote += " " + d;
    jobs.completeRun(runId, date, stale ? std::optional(stale->generation) : std::nullopt, planNote + restatedNote);
    outcome.state = DateOutcome::State::Completed;
    outcome.summary = fmt::format("{} completed in {:.1f} s ({}){}", date, elapsed, planNote, restatedNote);
    return outcome;
}

}  // namespace settlement::engine
