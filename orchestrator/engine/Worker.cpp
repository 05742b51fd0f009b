#include "engine/Worker.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <optional>

#include "db/DatabaseError.h"

namespace settlement::engine {

Worker::Worker(const config::Settings& settings, JobRepository& jobs, std::uint64_t runId)
    : settings_(settings), jobs_(jobs), runId_(runId), retry_(settings.retry) {}

void Worker::connect() {
    connection_.reset();
    connection_ = db::Connection::open(settings_.db);
    // READ COMMITTED: consistent reads of the logs without gap locks (DESIGN).
    connection_->execute("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
    connection_->execute("SET SESSION innodb_lock_wait_timeout = " +
                         std::to_string(settings_.run.lockWaitTimeoutSec));
    connectionId_ = std::stoll(connection_->scalar("SELECT CONNECTION_ID()").value());
}

std::string Worker::callFor(const std::string& date, const Step& step, const TaskRecord& task) const {
    std::string call = "CALL " + step.procedure + "('" + date + "'";
    if (step.ranged) call += ", " + std::to_string(task.range.from) + ", " + std::to_string(task.range.to);
    return call + ")";
}

TaskOutcome Worker::run(const std::string& date, const Step& step, const TaskRecord& task) {
    TaskOutcome outcome;
    std::string call = callFor(date, step, task);
    std::string where = date + " " + taskLabel(task, step.ranged);
    // Only the CALL is retried: an error of the job tables (the control connection) is not
    // the range's and propagates to the coordinator.
    for (int attempt = 1;; ++attempt) {
        std::optional<db::DatabaseError> failure;
        try {
            if (!connection_) connect();
        } catch (const db::DatabaseError& e) {
            failure = e;
        }
        jobs_.taskStarted(runId_, task, failure ? 0 : connectionId_);
        auto start = std::chrono::steady_clock::now();
        db::ResultTable result;
        if (!failure) {
            try {
                result = connection_->query(call);
            } catch (const db::DatabaseError& e) {
                failure = e;
            }
        }
        if (failure) {
            const db::DatabaseError& e = *failure;
            RetryDecision decision = retry_.decide(e.mysqlCode(), attempt);
            bool final = decision == RetryDecision::Fail;
            outcome.error = e.what();
            jobs_.taskError(runId_, task, e.mysqlCode(), e.what(), final);
            if (final) {
                spdlog::error("run {}: failed after {} attempt(s): {}", where, attempt, e.what());
                return outcome;
            }
            spdlog::warn("run {}: attempt {} hit MySQL error {}, retrying{}", where, attempt, e.mysqlCode(),
                         decision == RetryDecision::ReconnectAndRetry ? " on a new connection" : "");
            if (decision == RetryDecision::ReconnectAndRetry) connection_.reset();
            retry_.sleepBeforeRetry(attempt);
            continue;
        }
        long long ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::steady_clock::now() - start).count();
        outcome.rows = task.range.plannedRows;
        for (std::size_t c = 0; c < result.columns.size(); ++c) {
            for (const auto& row : result.rows) {
                if (!row[c]) continue;
                if (result.columns[c] == "log_rows") outcome.rows = std::stoull(*row[c]);
                if (result.columns[c] == "restated_date") outcome.restatedDates.push_back(*row[c]);
            }
        }
        jobs_.taskDone(runId_, task, outcome.rows, ms);
        outcome.ok = true;
        return outcome;
    }
}

}  // namespace settlement::engine
