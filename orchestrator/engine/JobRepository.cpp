#include "engine/JobRepository.h"

#include <Poco/Environment.h>
#include <unistd.h>

namespace settlement::engine {

std::string taskLabel(const TaskRecord& t, bool ranged) {
    if (!ranged) return t.step;
    return t.step + " range " + std::to_string(t.rangeNo) + " [" + std::to_string(t.range.from) + ".." +
           std::to_string(t.range.to) + "]";
}

namespace {

std::string taskKey(std::uint64_t runId, const TaskRecord& t) {
    return " WHERE run_id = " + std::to_string(runId) + " AND step_no = " + std::to_string(t.stepNo) +
           " AND range_no = " + std::to_string(t.rangeNo);
}

}  // namespace

std::optional<RunRecord> JobRepository::findRun(const std::string& job, const std::string& date) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto t = db_.query(
        "SELECT id, state, attempt, owner_host, owner_pid, started_at, heartbeat_at, finished_at,"
        " TIMESTAMPDIFF(SECOND, heartbeat_at, NOW(3)) FROM job_run WHERE job = " + db_.quote(job) +
        " AND business_date = " + db_.quote(date));
    if (t.rows.empty()) return std::nullopt;
    const auto& r = t.rows.front();
    return RunRecord{std::stoull(*r[0]), *r[1], std::stoi(*r[2]), *r[3], std::stoi(*r[4]),
                     *r[5], *r[6], r[7].value_or(""), std::stoll(r[8].value_or("0"))};
}

std::uint64_t JobRepository::beginRun(const std::string& job, const std::string& date, int threads,
                                      const std::vector<TaskRecord>* newPlan) {
    std::lock_guard<std::mutex> lock(mutex_);
    std::string owner = db_.quote(Poco::Environment::nodeName()) + ", " + std::to_string(::getpid());
    db_.execute("START TRANSACTION");
    try {
        db_.execute(
            "INSERT INTO job_run (job, business_date, state, attempt, owner_host, owner_pid,"
            " threads, started_at, heartbeat_at) VALUES (" + db_.quote(job) + ", " + db_.quote(date) +
            ", 'RUNNING', 1, " + owner + ", " + std::to_string(threads) + ", NOW(3), NOW(3))"
            " ON DUPLICATE KEY UPDATE state = 'RUNNING', attempt = attempt + 1,"
            " owner_host = VALUES(owner_host), owner_pid = VALUES(owner_pid), threads = VALUES(threads),"
            " started_at = NOW(3), heartbeat_at = NOW(3), finished_at = NULL, message = NULL");
        std::string runId = *db_.scalar("SELECT id FROM job_run WHERE job = " + db_.quote(job) +
                                        " AND business_date = " + db_.quote(date));
        if (newPlan) {
            db_.execute("DELETE FROM job_task WHERE run_id = " + runId);
            std::string values;
            for (const auto& t : *newPlan) {
                if (!values.empty()) values += ",";
                values += "(" + runId + "," + std::to_string(t.stepNo) + "," + db_.quote(t.step) + "," +
                          std::to_string(t.rangeNo) + "," + std::to_string(t.range.from) + "," +
                          std::to_string(t.range.to) + "," + std::to_string(t.range.plannedRows) + ")";
            }
            if (!values.empty())
                db_.execute("INSERT INTO job_task (run_id, step_no, step, range_no, video_from, video_to,"
                            " planned_rows) VALUES " + values);
        }
        db_.execute("COMMIT");
        return std::stoull(runId);
    } catch (...) {
        try {
            db_.execute("ROLLBACK");
        } catch (...) {
        }
        throw;
    }
}

std::vector<TaskRecord> JobRepository::resumeTasks(std::uint64_t runId) {
    std::lock_guard<std::mutex> lock(mutex_);
    std::string run = std::to_string(runId);
    db_.execute("UPDATE job_task SET state = 'PENDING' WHERE run_id = " + run +
                " AND state IN ('RUNNING', 'FAILED')");
    auto t = db_.query("SELECT step_no, step, range_no, video_from, video_to, planned_rows, state, attempts"
                       " FROM job_task WHERE run_id = " + run + " AND state <> 'DONE'"
                       " ORDER BY step_no, range_no");
    std::vector<TaskRecord> tasks;
    for (const auto& r : t.rows)
        tasks.push_back({std::stoi(*r[0]), *r[1], std::stoi(*r[2]),
                         {std::stoull(*r[3]), std::stoull(*r[4]), std::stoull(*r[5])}, *r[6],
                         std::stoi(*r[7])});
    return tasks;
}

int JobRepository::doneTasks(std::uint64_t runId) {
    std::lock_guard<std::mutex> lock(mutex_);
    return std::stoi(*db_.scalar("SELECT COUNT(*) FROM job_task WHERE state = 'DONE' AND run_id = " +
                                 std::to_string(runId)));
}

bool JobRepository::hasPlan(std::uint64_t runId) {
    std::lock_guard<std::mutex> lock(mutex_);
    return db_.scalar("SELECT COUNT(*) FROM job_task WHERE run_id = " + std::to_string(runId)) != "0";
}

std::vector<StaleDate> JobRepository::staleDates() {
    std::lock_guard<std::mutex> lock(mutex_);
    auto t = db_.query("SELECT business_date, generation, late_events, first_marked_at FROM stale_date"
                       " ORDER BY business_date");
    std::vector<StaleDate> dates;
    for (const auto& r : t.rows) dates.push_back({*r[0], std::stoull(*r[1]), std::stoull(*r[2]), *r[3]});
    return dates;
}

std::optional<StaleDate> JobRepository::staleDate(const std::string& date) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto t = db_.query("SELECT business_date, generation, late_events, first_marked_at FROM stale_date"
                       " WHERE business_date = " + db_.quote(date));
    if (t.rows.empty()) return std::nullopt;
    const auto& r = t.rows.front();
    return StaleDate{*r[0], std::stoull(*r[1]), std::stoull(*r[2]), *r[3]};
}

void JobRepository::taskStarted(std::uint64_t runId, const TaskRecord& t, long long connectionId) {
    std::lock_guard<std::mutex> lock(mutex_);
    db_.execute("UPDATE job_task SET state = 'RUNNING', attempts = attempts + 1, connection_id = " +
                std::to_string(connectionId) + ", started_at = COALESCE(started_at, NOW(3))" + taskKey(runId, t));
}

void JobRepository::taskDone(std::uint64_t runId, const TaskRecord& t, std::uint64_t rows, long long ms) {
    std::lock_guard<std::mutex> lock(mutex_);
    db_.execute("UPDATE job_task SET state = 'DONE', rows_written = " + std::to_string(rows) +
                ", finished_at = NOW(3), duration_ms = " + std::to_string(ms) + taskKey(runId, t));
}

void JobRepository::taskError(std::uint64_t runId, const TaskRecord& t, int code,
                              const std::string& message, bool final) {
    std::lock_guard<std::mutex> lock(mutex_);
    db_.execute(std::string("UPDATE job_task SET state = ") + (final ? "'FAILED'" : "'RUNNING'") +
                ", last_error_code = " + std::to_string(code) + ", last_error = " +
                db_.quote(message.substr(0, 4000)) + (final ? ", finished_at = NOW(3)" : "") +
                taskKey(runId, t));
}

void JobRepository::heartbeat(std::uint64_t runId) {
    std::lock_guard<std::mutex> lock(mutex_);
    db_.execute("UPDATE job_run SET heartbeat_at = NOW(3) WHERE id = " + std::to_string(runId));
}

void JobRepository::finishRun(std::uint64_t runId, bool completed, const std::string& message) {
    std::lock_guard<std::mutex> lock(mutex_);
    db_.execute(std::string("UPDATE job_run SET state = ") + (completed ? "'COMPLETED'" : "'FAILED'") +
                ", finished_at = NOW(3), heartbeat_at = NOW(3), message = " +
                db_.quote(message.substr(0, 4000)) + " WHERE id = " + std::to_string(runId));
}

void JobRepository::completeRun(std::uint64_t runId, const std::string& date,
                                std::optional<std::uint64_t> staleGeneration, const std::string& message) {
    std::lock_guard<std::mutex> lock(mutex_);
    db_.execute("START TRANSACTION");
    try {
        db_.execute("CALL close_daily_run(" + db_.quote(date) + ", " +
                    (staleGeneration ? std::to_string(*staleGeneration) : "NULL") + ")");
        db_.execute("UPDATE job_run SET state = 'COMPLETED', finished_at = NOW(3), heartbeat_at = NOW(3), message = " +
                    db_.quote(message.substr(0, 4000)) + " WHERE id = " + std::to_string(runId));
        db_.execute("COMMIT");
    } catch (...) {
        try {
            db_.execute("ROLLBACK");
        } catch (...) {
        }
        throw;
    }
}

}  // namespace settlement::engine
