#include "engine/DateLock.h"

#include <Poco/Environment.h>
#include <spdlog/spdlog.h>

#include <cerrno>
#include <csignal>

#include "app/ExitCode.h"
#include "db/DatabaseError.h"
#include "engine/Step.h"

namespace settlement::engine {
namespace {

struct Holder {
    long long connection = 0;
    std::string host;
    int pid = 0;
    std::string takenAt;
};

std::optional<Holder> recordedHolder(db::Connection& c, const std::string& scope) {
    auto t = c.query("SELECT connection_id, owner_host, owner_pid, taken_at FROM run_lock_holder WHERE scope = " +
                     c.quote(scope));
    if (t.rows.empty()) return std::nullopt;
    const auto& r = t.rows.front();
    return Holder{std::stoll(*r[0]), *r[1], std::stoi(*r[2]), *r[3]};
}

bool processAlive(int pid) { return pid > 0 && (::kill(pid, 0) == 0 || errno == EPERM); }

// Ends a server session of ours; false when it is gone already or not ours to end.
bool endSession(db::Connection& c, long long id, const std::string& what) {
    try {
        c.execute("KILL CONNECTION " + std::to_string(id));
        spdlog::warn("run: ended server connection {} ({})", id, what);
        return true;
    } catch (const db::DatabaseError& e) {
        spdlog::warn("run: could not end server connection {} ({}): {}", id, what, e.what());
        return false;
    }
}

}  // namespace

void takeDateLock(RunLock& lock, db::Connection& control, JobRepository& jobs, const config::Settings& settings,
                  const std::string& date) {
    if (lock.tryAcquire()) return;
    long long holding = lock.holderConnectionId();
    auto holder = recordedHolder(control, lock.scope());
    auto run = jobs.findRun(kDailyJob, date);

    if (!holder || holder->connection != holding) {
        // Taken a moment ago by a session that has not recorded itself (yet, or ever).
        if (lock.tryAcquire(5)) return;
        throw app::TemporaryFailure("another session holds " + date + "'s run lock (server connection " +
                                    std::to_string(lock.holderConnectionId()) +
                                    ", not a run of this program); try again later");
    }

    bool sameHost = holder->host == Poco::Environment::nodeName();
    int staleAfter = std::max(3 * settings.run.heartbeatSec, 15);
    bool gone = holder->pid > 0 && (sameHost ? !processAlive(holder->pid)
                                             : run && run->state == "RUNNING" && run->heartbeatAgeSec > staleAfter);
    if (!gone) {
        std::string who = holder->pid == 0 ? holder->host + " (settle_date)"
                                           : "pid " + std::to_string(holder->pid) + " on " + holder->host;
        throw app::TemporaryFailure("another run holds " + date + " (" + who + ", since " + holder->takenAt +
                                    ", server connection " + std::to_string(holding) + "); try again later");
    }

    spdlog::warn("run {}: the date's lock is held by server connection {}, left by pid {} on {}, which is gone; "
                 "ending it and the dead run's sessions, then waiting up to {} s for the lock",
                 date, holding, holder->pid, holder->host, settings.run.orphanWaitSec);
    endSession(control, holding, "the dead run's control session");
    if (run) {
        // Its workers still inside a CALL of this database (ids are checked against the
        // process list, so a recycled id of another session is never ended).
        auto workers = control.query(
            "SELECT p.ID FROM job_task t JOIN information_schema.PROCESSLIST p ON p.ID = t.connection_id"
            " WHERE t.run_id = " + std::to_string(run->id) + " AND t.state = 'RUNNING' AND p.DB = DATABASE()"
            " AND p.COMMAND = 'Query' AND p.INFO LIKE 'CALL %' AND p.ID <> CONNECTION_ID()");
        for (const auto& w : workers.rows) endSession(control, std::stoll(*w[0]), "a dead run's worker");
    }
    if (!lock.tryAcquire(settings.run.orphanWaitSec))
        throw app::TemporaryFailure("the session a dead run left on " + date + " (server connection " +
                                    std::to_string(holding) + ") still holds its lock after " +
                                    std::to_string(settings.run.orphanWaitSec) + " s; try again later");
    spdlog::info("run {}: took over the date from the dead run", date);
}

}  // namespace settlement::engine
