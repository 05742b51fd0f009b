#include "engine/Worker.h"

#include <spdlog/spdlog.h>

#include <chrono>

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
}

std::string Worker::callFor(const std::string& date, const Step& step, const TaskRecord& task) const {
    std::string call = "CALL " + step.procedure + "('" + date + "'";
    if (step.ranged) call += ", " + std::to_string(task.range.from) + ", " + std::to_string(task.range.to);
    return call + ")";
}

TaskOutcome Worker::run(const std::string& date, const Step& step, const TaskRecord& task) {
    TaskOutcome outcome;
    std::string call = callFor(date, step, task);
    for (int attempt = 1;; ++attempt) {
        outcome.attempts = attempt;
        auto start = std::chrono::steady_clock::now();
        try {
            if (!connection_) connect();
            jobs_.taskStarted(runId_, task);
            db::ResultTable result = connection_->query(call);
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
        } catch (const db::DatabaseError& e) {
            RetryDecision decision = retry_.decide(e.mysqlCode(), attempt);
            bool final = decision == RetryDecision::Fail;
            std::string where = date + " " + step.name +
                                (step.ranged ? " range " + std::to_string(task.rangeNo) + " [" +
                                                   std::to_string(task.range.from) + ".." +
                                                   std::to_string(task.range.to) + "]"
                                             : std::string());
            outcome.errorCode = e.mysqlCode();
            outcome.error = e.what();
            try {
                jobs_.taskError(runId_, task, e.mysqlCode(), e.what(), final);
            } catch (const std::exception& statusError) {
                spdlog::error("run {}: could not record the error in job_task: {}", where, statusError.what());
            }
            if (final) {
                spdlog::error("run {}: failed after {} attempt(s): {}", where, attempt, e.what());
                return outcome;
            }
            spdlog::warn("run {}: attempt {} hit MySQL error {}, retrying{}", where, attempt, e.mysqlCode(),
                         decision == RetryDecision::ReconnectAndRetry ? " on a new connection" : "");
            if (decision == RetryDecision::ReconnectAndRetry) connection_.reset();
            retry_.sleepBeforeRetry(attempt);
        }
    }
}

}  // namespace settlement::engine
