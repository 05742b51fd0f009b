#include "engine/Coordinator.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "app/ExitCode.h"
#include "db/Connection.h"
#include "db/DatabaseError.h"
#include "engine/JobRepository.h"
#include "engine/Planner.h"
#include "engine/Progress.h"
#include "engine/RunLock.h"
#include "engine/Step.h"
#include "engine/Worker.h"
#include "partitions/PartitionUpkeep.h"
#include "util/Date.h"

namespace settlement::engine {
namespace {

// Runs `body` every `period` on its own thread until stopped; used for the heartbeat and
// the progress line.
class Ticker {
public:
    Ticker(std::chrono::seconds period, std::function<void()> body)
        : thread_([this, period, body = std::move(body)] {
              std::unique_lock<std::mutex> lock(mutex_);
              while (!cv_.wait_for(lock, period, [this] { return stop_; })) {
                  lock.unlock();
                  body();
                  lock.lock();
              }
          }) {}
    ~Ticker() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stop_ = true;
        }
        cv_.notify_all();
        thread_.join();
    }

private:
    std::mutex mutex_;
    std::condition_variable cv_;
    bool stop_ = false;
    std::thread thread_;
};

std::vector<TaskRecord> tasksFor(const Plan& plan) {
    std::vector<TaskRecord> tasks;
    const auto& steps = dailySteps();
    for (std::size_t s = 0; s < steps.size(); ++s) {
        if (!steps[s].ranged) {
            tasks.push_back({int(s), steps[s].name, 0, {0, kMaxVideoId, 0}, "PENDING", 0});
            continue;
        }
        for (std::size_t r = 0; r < plan.ranges.size(); ++r)
            tasks.push_back({int(s), steps[s].name, int(r), plan.ranges[r], "PENDING", 0});
    }
    return tasks;
}

}  // namespace

Coordinator::Coordinator(const config::Settings& settings, int threads, bool rerun)
    : settings_(settings), threads_(threads), rerun_(rerun) {}

DateOutcome Coordinator::runDate(const std::string& date) {
    DateOutcome outcome;
    outcome.date = date;
    auto control = db::Connection::open(settings_.db);
    JobRepository jobs(*control);

    // 1. One run per date.
    RunLock lock(*control, kDailyJob, date);
    if (!lock.tryAcquire()) {
        auto holder = jobs.findRun(kDailyJob, date);
        std::string who = holder ? "pid " + std::to_string(holder->ownerPid) + " on " + holder->ownerHost +
                                       ", running since " + holder->startedAt
                                 : "an unknown session";
        throw app::TemporaryFailure("another run holds " + date + " (" + who + ", server connection " +
                                    std::to_string(lock.holderConnectionId()) + "); try again later");
    }

    // 2. Skip a completed date unless asked to run it again.
    auto existing = jobs.findRun(kDailyJob, date);
    if (existing && existing->state == "COMPLETED" && !rerun_) {
        outcome.state = DateOutcome::State::Skipped;
        outcome.summary = date + " already completed at " + existing->finishedAt + " (use --rerun to run it again)";
        return outcome;
    }

    // 3. One date at a time through the steps (see Step.h): a job-wide lock on a connection
    //    of its own, so no other thread ever uses it; it too dies with the process.
    auto jobLockConnection = db::Connection::open(settings_.db);
    RunLock jobLock(*jobLockConnection, kDailyJob, kJobWideLock);
    if (!jobLock.tryAcquire(settings_.run.jobLockWaitSec))
        throw app::TemporaryFailure("another date's run has held the daily job for more than " +
                                    std::to_string(settings_.run.jobLockWaitSec) + " s (server connection " +
                                    std::to_string(jobLock.holderConnectionId()) + "); try " + date +
                                    " again later");

    // 4. A processed date whose logs retention dropped keeps its figures: recomputing it
    //    from no logs would zero them. Then the date's partitions (and the days ahead)
    //    exist before anything reads them.
    if (existing) {
        control->execute("CALL day_partition_range('view_log', @settlement_lo, @settlement_hi, @settlement_n)");
        auto lowest = control->scalar("SELECT @settlement_lo");
        if (lowest && date < *lowest)
            throw app::UsageError(date + " was processed and its logs were since dropped by retention (daily log "
                                  "partitions start at " + *lowest + "); its statistics and settlement stay as they are");
    }
    util::Date day = *util::parseDate(date);
    if (auto notice = partitions::PartitionUpkeep(*control).ensure(
            day, day + std::chrono::days{settings_.partitions.daysAhead}))
        spdlog::warn("run {}: {} (see `settlement partitions check`)", date, *notice);

    // 5. Plan, or resume the recorded plan.
    bool resume = existing && existing->state != "COMPLETED" && !rerun_;
    std::string planNote;
    std::uint64_t runId;
    if (resume) {
        runId = jobs.beginRun(kDailyJob, date, threads_, nullptr);
    } else {
        Plan plan = Planner(*control, settings_.run).plan(date);
        auto tasks = tasksFor(plan);
        runId = jobs.beginRun(kDailyJob, date, threads_, &tasks);
        planNote = std::to_string(plan.ranges.size()) + " range(s) planned from " + plan.weightsFrom;
    }
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

    // 6. Steps in order; a step's ranges ascending on the worker threads.
    std::set<std::string> restated;
    std::string failure;
    const auto& steps = dailySteps();
    for (std::size_t s = 0; s < steps.size() && failure.empty(); ++s) {
        std::vector<TaskRecord> stepTasks;
        for (const auto& t : pending)
            if (t.stepNo == int(s)) stepTasks.push_back(t);
        if (stepTasks.empty()) continue;
        std::uint64_t planned = 0;
        for (const auto& t : stepTasks) planned += t.range.plannedRows;
        progress.startStep(steps[s].name, int(stepTasks.size()), planned);

        std::atomic<std::size_t> next{0};
        std::mutex resultMutex;
        auto work = [&] {
            Worker worker(settings_, jobs, runId);
            for (;;) {
                {
                    std::lock_guard<std::mutex> l(resultMutex);
                    if (!failure.empty()) return;  // let in-flight ranges finish, start no new ones
                }
                std::size_t i = next.fetch_add(1);
                if (i >= stepTasks.size()) return;
                TaskOutcome r;
                try {
                    r = worker.run(date, steps[s], stepTasks[i]);
                } catch (const std::exception& e) {  // e.g. the job tables became unreachable
                    r.error = e.what();
                }
                std::lock_guard<std::mutex> l(resultMutex);
                if (!r.ok) {
                    if (failure.empty()) {
                        failure = taskLabel(stepTasks[i], steps[s].ranged) + " failed: " + r.error;
                        // The recount reads the live logs: events that arrived after the
                        // statistics step make it differ until the date is computed again.
                        if (steps[s].name == "recount")
                            failure += " (if events arrived during the run, run the date again with --rerun)";
                    }
                    continue;
                }
                restated.insert(r.restatedDates.begin(), r.restatedDates.end());
                progress.rangesDone += 1;
                progress.rowsDone += r.rows;
            }
        };
        int workers = std::max(1, std::min<int>(threads_, int(stepTasks.size())));
        std::vector<std::thread> pool;
        for (int w = 0; w < workers; ++w) pool.emplace_back(work);
        for (auto& t : pool) t.join();
    }

    // 7. Record and summarize.
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
    jobs.finishRun(runId, true, planNote + restatedNote);
    outcome.state = DateOutcome::State::Completed;
    outcome.summary = fmt::format("{} completed in {:.1f} s ({}){}", date, elapsed, planNote, restatedNote);
    return outcome;
}

}  // namespace settlement::engine
