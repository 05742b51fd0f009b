#pragma once
// The job tables (job_run, job_task, stale_date): what a run planned, what finished, what
// failed, and which processed dates late events made stale.
// One control connection, shared by the coordinator, the heartbeat and the workers'
// status updates under a mutex (the workers' own connections do only the CALLs).
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "db/Connection.h"
#include "engine/RangePlan.h"

namespace settlement::engine {

struct RunRecord {
    std::uint64_t id = 0;
    std::string state;  // RUNNING, COMPLETED, FAILED
    int attempt = 0;
    std::string ownerHost;
    int ownerPid = 0;
    std::string startedAt, heartbeatAt, finishedAt;
    long long heartbeatAgeSec = 0;  // seconds since the owner's last heartbeat (server clock)
};

struct TaskRecord {
    int stepNo = 0;
    std::string step;
    int rangeNo = 0;
    VideoRange range{};
    std::string state;  // PENDING, RUNNING, DONE, FAILED
    int attempts = 0;
};

// A processed date that received events after it was processed (SPEC 7).
struct StaleDate {
    std::string date;
    std::uint64_t generation = 0;  // bumped by every promote that marks it again
    std::uint64_t lateEvents = 0;
    std::string firstMarkedAt;
};

// "stats range 3 [100..199]" or "reconcile": how messages name a task.
std::string taskLabel(const TaskRecord& task, bool ranged);

class JobRepository {
public:
    explicit JobRepository(db::Connection& control) : db_(control) {}

    std::optional<RunRecord> findRun(const std::string& job, const std::string& date);
    // Creates the run row, or takes over an existing one (attempt + 1), as RUNNING and owned
    // by this process; with a new plan, replaces the run's tasks in the same transaction, so
    // a run is never RUNNING without the tasks of its plan. Returns the run id.
    std::uint64_t beginRun(const std::string& job, const std::string& date, int threads,
                           const std::vector<TaskRecord>* newPlan);
    // Tasks not DONE, ascending by step then range; RUNNING/FAILED ones become PENDING.
    std::vector<TaskRecord> resumeTasks(std::uint64_t runId);
    int doneTasks(std::uint64_t runId);
    // Whether the run has a recorded plan (settle_date removes it: nothing to resume then).
    bool hasPlan(std::uint64_t runId);

    // Stale dates, ascending; reads only stale_date (never a log partition).
    std::vector<StaleDate> staleDates();
    std::optional<StaleDate> staleDate(const std::string& date);

    // connectionId: the worker's server connection, so a later run can tell its leftovers.
    void taskStarted(std::uint64_t runId, const TaskRecord& task, long long connectionId);
    void taskDone(std::uint64_t runId, const TaskRecord& task, std::uint64_t rows, long long ms);
    void taskError(std::uint64_t runId, const TaskRecord& task, int code, const std::string& message,
                   bool final);
    void heartbeat(std::uint64_t runId);
    void finishRun(std::uint64_t runId, bool completed, const std::string& message);
    // Completes the run and, in the same transaction, clears the date's stale mark when it
    // is still the one read before the run planned (close_daily_run).
    void completeRun(std::uint64_t runId, const std::string& date, std::optional<std::uint64_t> staleGeneration,
                     const std::string& message);

private:
    db::Connection& db_;
    std::mutex mutex_;
};

}  // namespace settlement::engine
