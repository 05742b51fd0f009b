// The run engine (issue 3): parallel = single-thread, restart after kill -9, retries on
// lock waits and deadlocks, one run per date, unreachable database, status.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <chrono>
#include <csignal>
#include <thread>

#include "support/Seed.h"
#include "support/TestDatabase.h"

using namespace settlement::test;
using namespace std::chrono_literals;

namespace {

const std::string kDate = "2026-03-10";

// A config with small ranges, so a 200k-event day is split into many.
std::string engineConfig(const std::string& extra = "") {
    return writeTempFile("engine.properties",
                         "run.rows_per_range = 5000\nrun.max_ranges = 64\nrun.progress_sec = 1\n"
                         "retry.base_delay_ms = 50\nretry.max_delay_ms = 200\n" + extra);
}

std::unique_ptr<TestDatabase> seeded(const std::string& name) { return seededDatabase(name, kDate); }

int waitExit(int pid) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// The video in the middle of the planned ranges of a run: its range is neither first nor last.
const char* kBlockedVideo = "250";

// Another session inserts (uncommitted) the daily row the run will write for kBlockedVideo,
// so the run's range waits on it until this session rolls back.
std::unique_ptr<settlement::db::Connection> blockDailyRow(TestDatabase& db) {
    auto c = settlement::db::Connection::open(testServer(db.name()));
    c->execute("START TRANSACTION");
    c->execute("INSERT INTO video_daily_stat (business_date, video_id, views, watch_seconds, ad_views) VALUES ('" +
               kDate + "', " + kBlockedVideo + ", 0, 0, 0)");
    return c;
}

long long deadlocks(TestDatabase& db) {
    return std::stoll(db.rows("SHOW GLOBAL STATUS LIKE 'Innodb_deadlocks'").at(0).substr(17));
}

}  // namespace

TEST(Engine, ParallelRunEqualsSingleThreadRun) {
    auto db = seeded("t_engine_parallel");
    ASSERT_GE(db->count("SELECT COUNT(*) FROM view_log"), 200000);
    std::string config = engineConfig();

    auto single = db->settlement({"--config", config, "run", "--date", kDate, "--threads", "1"});
    ASSERT_EQ(single.exitCode, 0) << single.err;
    std::string expected = statsFingerprint(*db);
    EXPECT_GT(db->count("SELECT SUM(views) FROM video_daily_stat"), 150000);

    auto parallel = db->settlement({"--config", config, "run", "--date", kDate, "--threads", "4", "--rerun", "--verify"});
    ASSERT_EQ(parallel.exitCode, 0) << parallel.err;
    EXPECT_GT(db->count("SELECT COUNT(*) FROM job_task WHERE step = 'stats'"), 8) << "expected many ranges";
    // With --verify the reconciliation's recount runs over the same ranges as the statistics.
    EXPECT_EQ(db->rows("SELECT range_no, video_from, video_to FROM job_task WHERE step = 'recount' ORDER BY range_no"),
              db->rows("SELECT range_no, video_from, video_to FROM job_task WHERE step = 'stats' ORDER BY range_no"));
    EXPECT_EQ(db->count("SELECT COUNT(*) FROM job_task WHERE state <> 'DONE'"), 0);
    EXPECT_EQ(statsFingerprint(*db), expected);
    EXPECT_NE(parallel.out.find(kDate + " completed"), std::string::npos) << parallel.out;
}

TEST(Engine, KilledRunResumesWithoutRedoingFinishedRanges) {
    auto reference = seeded("t_engine_kill_ref");
    std::string config = engineConfig("run.lock_wait_timeout_sec = 120\n");
    ASSERT_EQ(reference->settlement({"--config", config, "run", "--date", kDate, "--threads", "1"}).exitCode, 0);
    std::string expected = statsFingerprint(*reference);

    auto db = seeded("t_engine_kill");
    auto blocker = blockDailyRow(*db);
    int pid = db->startSettlement({"--config", config, "run", "--date", kDate, "--threads", "1"});
    // With one thread, ranges run in ascending order: the run stops at the blocked video.
    ASSERT_TRUE(waitFor([&] {
        return db->count("SELECT COUNT(*) FROM job_task WHERE state = 'RUNNING' AND video_from <= " +
                         std::string(kBlockedVideo) + " AND video_to >= " + kBlockedVideo) == 1;
    }));
    long long doneBefore = db->count("SELECT COUNT(*) FROM job_task WHERE state = 'DONE'");
    long long total = db->count("SELECT COUNT(*) FROM job_task");
    ASSERT_GT(doneBefore, 0);
    ASSERT_LT(doneBefore, total);
    auto finishedBefore = db->rows("SELECT range_no, finished_at FROM job_task WHERE state = 'DONE' ORDER BY range_no");

    ::kill(pid, SIGKILL);
    EXPECT_EQ(waitExit(pid), 128 + SIGKILL);
    blocker->execute("ROLLBACK");

    // The server notices the dead client and frees the date's lock: the run shows as stale.
    std::string statusOut;
    EXPECT_TRUE(waitFor([&] {
        statusOut = db->settlement({"status", "--date", kDate}).out;
        return statusOut.find("RUNNING (stale)") != std::string::npos;
    }, 10s)) << statusOut;

    auto resumed = db->settlement({"--config", config, "run", "--date", kDate, "--threads", "2"});
    ASSERT_EQ(resumed.exitCode, 0) << resumed.err;
    EXPECT_NE(resumed.err.find("resuming"), std::string::npos) << resumed.err;
    EXPECT_EQ(statsFingerprint(*db), expected);
    // The ranges finished before the kill ran exactly once and were not touched again.
    EXPECT_EQ(db->rows("SELECT range_no, finished_at FROM job_task WHERE state = 'DONE' AND range_no < " +
                       std::to_string(doneBefore) + " AND step = 'stats' ORDER BY range_no"),
              finishedBefore);
    EXPECT_EQ(db->count("SELECT MAX(attempts) FROM job_task WHERE range_no < " + std::to_string(doneBefore) +
                        " AND step = 'stats'"), 1);
    EXPECT_EQ(db->count("SELECT attempt FROM job_run"), 2);
}

TEST(Engine, LockWaitTimeoutIsRetriedAndTheRunCompletes) {
    auto reference = seeded("t_engine_wait_ref");
    std::string config = engineConfig("run.lock_wait_timeout_sec = 1\nretry.max_attempts = 10\n");
    ASSERT_EQ(reference->settlement({"--config", config, "run", "--date", kDate}).exitCode, 0);

    auto db = seeded("t_engine_wait");
    auto blocker = blockDailyRow(*db);
    int pid = db->startSettlement({"--config", config, "run", "--date", kDate, "--threads", "2"});
    // Hold the row until the run has hit at least one lock wait timeout, then let go.
    ASSERT_TRUE(waitFor([&] { return db->count("SELECT COUNT(*) FROM job_task WHERE last_error_code = 1205") > 0; }));
    blocker->execute("ROLLBACK");
    EXPECT_EQ(waitExit(pid), 0);
    EXPECT_EQ(db->count("SELECT COUNT(*) FROM job_task WHERE state <> 'DONE'"), 0);
    EXPECT_GE(db->count("SELECT MAX(attempts) FROM job_task"), 2);
    EXPECT_EQ(statsFingerprint(*db), statsFingerprint(*reference));
}

TEST(Engine, ExhaustedRetriesFailTheRunAndStatusShowsTheRange) {
    auto db = seeded("t_engine_exhausted");
    std::string config = engineConfig("run.lock_wait_timeout_sec = 1\nretry.max_attempts = 2\n");
    auto blocker = blockDailyRow(*db);
    auto r = db->settlement({"--config", config, "run", "--date", kDate, "--threads", "2"});
    blocker->execute("ROLLBACK");
    EXPECT_EQ(r.exitCode, 1) << r.out << r.err;
    EXPECT_NE(r.out.find("FAILED"), std::string::npos) << r.out;
    EXPECT_EQ(db->count("SELECT COUNT(*) FROM job_task WHERE state = 'FAILED' AND last_error_code = 1205"), 1);
    EXPECT_EQ(db->count("SELECT COUNT(*) FROM job_run WHERE state = 'FAILED'"), 1);

    auto status = db->settlement({"status", "--date", kDate});
    EXPECT_EQ(status.exitCode, 0);
    EXPECT_NE(status.out.find("FAILED"), std::string::npos) << status.out;
    EXPECT_NE(status.out.find("failed range: stats"), std::string::npos) << status.out;
    EXPECT_NE(status.out.find("MySQL error 1205"), std::string::npos) << status.out;

    // Nothing was skipped: the next run finishes the failed range.
    auto again = db->settlement({"--config", config, "run", "--date", kDate});
    EXPECT_EQ(again.exitCode, 0) << again.err;
    EXPECT_EQ(db->count("SELECT COUNT(*) FROM job_task WHERE state <> 'DONE'"), 0);
}

TEST(Engine, SecondRunForTheSameDateExits75) {
    auto db = seeded("t_engine_concurrent");
    std::string config = engineConfig("run.lock_wait_timeout_sec = 120\n");
    auto blocker = blockDailyRow(*db);
    int pid = db->startSettlement({"--config", config, "run", "--date", kDate, "--threads", "1"});
    ASSERT_TRUE(waitFor([&] { return db->count("SELECT COUNT(*) FROM job_task WHERE state = 'RUNNING'") > 0; }));

    auto second = db->settlement({"--config", config, "run", "--date", kDate});
    EXPECT_EQ(second.exitCode, 75);
    EXPECT_NE(second.err.find("another run holds " + kDate), std::string::npos) << second.err;
    EXPECT_NE(second.err.find("pid " + std::to_string(pid)), std::string::npos) << second.err;

    blocker->execute("ROLLBACK");
    EXPECT_EQ(waitExit(pid), 0);
    EXPECT_EQ(db->count("SELECT COUNT(*) FROM job_run WHERE state = 'COMPLETED'"), 1);
}

TEST(Engine, UnreachableDatabaseExits75Quickly) {
    TestDatabase db("t_engine_unreachable");
    auto start = std::chrono::steady_clock::now();
    auto r = db.settlement({"run", "--date", kDate}, {{"SETTLEMENT_DB_PORT", "1"}});
    auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_EQ(r.exitCode, 75);
    EXPECT_NE(r.err.find("cannot connect"), std::string::npos) << r.err;
    EXPECT_LT(seconds, 10.0);
}

TEST(Engine, CompletedDateIsSkippedUnlessRerun) {
    auto db = seeded("t_engine_skip");
    std::string config = engineConfig();
    ASSERT_EQ(db->settlement({"--config", config, "run", "--date", kDate}).exitCode, 0);
    auto again = db->settlement({"--config", config, "run", "--date", kDate});
    EXPECT_EQ(again.exitCode, 0);
    EXPECT_NE(again.out.find("already completed"), std::string::npos) << again.out;
    EXPECT_EQ(db->count("SELECT attempt FROM job_run"), 1);
}

TEST(Engine, BadArgumentsExit2) {
    TestDatabase db("t_engine_usage");
    EXPECT_EQ(db.settlement({"run", "--date", "2026-02-30"}).exitCode, 2);
    EXPECT_EQ(db.settlement({"run", "--date", kDate, "--from", kDate, "--to", kDate}).exitCode, 2);
    EXPECT_EQ(db.settlement({"run", "--from", "2026-03-02", "--to", "2026-03-01"}).exitCode, 2);
    EXPECT_EQ(db.settlement({"run", "--date", kDate, "--threads", "zero"}).exitCode, 2);
}

// Tests that read the server-wide deadlock counter run one at a time (RESOURCE_LOCK).
TEST(EngineLocks, NormalParallelRunHasNoDeadlocks) {
    auto db = seeded("t_engine_nodeadlock");
    long long before = deadlocks(*db);
    auto r = db->settlement({"--config", engineConfig(), "run", "--date", kDate, "--threads", "4"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(deadlocks(*db), before);
    EXPECT_EQ(db->count("SELECT COUNT(*) FROM job_task WHERE last_error_code IS NOT NULL"), 0);
}

TEST(EngineLocks, DeadlockIsRetriedAndTheRunCompletes) {
    auto reference = seeded("t_engine_deadlock_ref");
    std::string config = engineConfig("run.lock_wait_timeout_sec = 60\n");
    ASSERT_EQ(reference->settlement({"--config", config, "run", "--date", kDate}).exitCode, 0);

    auto db = seeded("t_engine_deadlock");
    db->sql().execute("CREATE TABLE scratch (id INT PRIMARY KEY)");
    long long before = deadlocks(*db);
    // The injector makes itself heavy (many undo records), so InnoDB picks the run's range
    // as the deadlock victim; then it takes the period row the range will upsert.
    auto injector = settlement::db::Connection::open(testServer(db->name()));
    injector->execute("START TRANSACTION");
    injector->execute("INSERT INTO scratch SELECT a.k * 1000 + b.k FROM"
                      " (WITH RECURSIVE s(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM s WHERE k < 19) SELECT k FROM s) a,"
                      " (WITH RECURSIVE s(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM s WHERE k < 999) SELECT k FROM s) b");
    injector->execute("INSERT INTO video_period_stat VALUES ('WEEK', '2026-03-09', " + std::string(kBlockedVideo) +
                      ", 0, 0, 0)");
    int pid = db->startSettlement({"--config", config, "run", "--date", kDate, "--threads", "1"});
    // The range of the blocked video starts; soon it holds its new daily rows and waits for
    // the period row ...
    ASSERT_TRUE(waitFor([&] {
        return db->count("SELECT COUNT(*) FROM job_task WHERE state = 'RUNNING' AND video_from <= " +
                         std::string(kBlockedVideo) + " AND video_to >= " + kBlockedVideo) == 1;
    }));
    ASSERT_TRUE(waitFor([&] {
        return db->count("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE db = '" + db->name() +
                         "' AND info LIKE 'INSERT INTO video_period_stat%' AND time >= 1") > 0;
    }));
    // ... and the injector asks for one of those daily rows: a cycle, one of them must go.
    EXPECT_NO_THROW(injector->execute("INSERT INTO video_daily_stat (business_date, video_id, views, watch_seconds,"
                                      " ad_views) VALUES ('" + kDate + "', " + kBlockedVideo + ", 0, 0, 0)"));
    injector->execute("ROLLBACK");
    EXPECT_EQ(waitExit(pid), 0);
    EXPECT_GT(deadlocks(*db), before);
    EXPECT_EQ(db->count("SELECT COUNT(*) FROM job_task WHERE last_error_code = 1213 AND state = 'DONE' AND attempts >= 2"), 1);
    EXPECT_EQ(statsFingerprint(*db), statsFingerprint(*reference));
}

TEST(Engine, RerunOfADateWhoseLogsWereDroppedIsRefused) {
    auto db = seeded("t_engine_dropped");
    std::string config = engineConfig();
    ASSERT_EQ(db->settlement({"--config", config, "run", "--date", kDate}).exitCode, 0);
    std::string before = statsFingerprint(*db);
    // A later day exists, so retention may drop kDate (the newest daily partition is kept).
    db->sql().execute("CALL ensure_log_partitions('2026-03-11', '2026-03-11')");
    auto drop = db->settlement({"partitions", "drop", "--before", "2026-03-11"});
    ASSERT_EQ(drop.exitCode, 0) << drop.out << drop.err;
    ASSERT_EQ(db->count("SELECT COUNT(*) FROM view_log WHERE business_date = '" + kDate + "'"), 0);

    auto rerun = db->settlement({"--config", config, "run", "--date", kDate, "--rerun"});
    EXPECT_EQ(rerun.exitCode, 2);
    EXPECT_NE(rerun.err.find("dropped by retention"), std::string::npos) << rerun.err;
    EXPECT_EQ(statsFingerprint(*db), before);
}

TEST(Engine, LostConnectionIsReconnectedAndTheRangeRetried) {
    auto reference = seeded("t_engine_lost_ref");
    std::string config = engineConfig("run.lock_wait_timeout_sec = 120\n");
    ASSERT_EQ(reference->settlement({"--config", config, "run", "--date", kDate}).exitCode, 0);

    auto db = seeded("t_engine_lost");
    auto blocker = blockDailyRow(*db);
    int pid = db->startSettlement({"--config", config, "run", "--date", kDate, "--threads", "1"});
    // The worker's CALL waits on the blocked row; the server then drops its connection.
    ASSERT_TRUE(waitFor([&] {
        return db->count("SELECT COUNT(*) FROM job_task WHERE state = 'RUNNING' AND video_from <= " +
                         std::string(kBlockedVideo) + " AND video_to >= " + kBlockedVideo) == 1;
    }));
    std::string worker;
    ASSERT_TRUE(waitFor([&] {
        auto ids = db->rows("SELECT id FROM information_schema.PROCESSLIST WHERE db = '" + db->name() +
                            "' AND info LIKE 'INSERT INTO video_daily_stat%' AND time >= 1");
        if (!ids.empty()) worker = ids.front();
        return !worker.empty();
    }));
    db->sql().execute("KILL CONNECTION " + worker);
    blocker->execute("ROLLBACK");
    EXPECT_EQ(waitExit(pid), 0);
    EXPECT_EQ(db->count("SELECT COUNT(*) FROM job_task WHERE last_error_code IN (2006, 2013) AND state = 'DONE'"
                        " AND attempts = 2"), 1);
    EXPECT_EQ(statsFingerprint(*db), statsFingerprint(*reference));
}

TEST(Engine, DatesRunOneAtATime) {
    auto db = seeded("t_engine_one_date");
    // Another date's run holds the daily job.
    auto other = settlement::db::Connection::open(testServer(db->name()));
    other->execute("CALL lock_name('daily.job', @job_lock)");
    ASSERT_EQ(other->scalar("SELECT GET_LOCK(@job_lock, 0)"), std::optional<std::string>("1"));

    std::string config = engineConfig("run.job_lock_wait_sec = 1\n");
    auto r = db->settlement({"--config", config, "run", "--date", kDate});
    EXPECT_EQ(r.exitCode, 75) << r.out << r.err;
    EXPECT_NE(r.err.find("another date's run has held the daily job"), std::string::npos) << r.err;
    EXPECT_EQ(db->count("SELECT COUNT(*) FROM video_daily_stat"), 0);

    other->execute("DO RELEASE_LOCK(@job_lock)");
    auto again = db->settlement({"--config", config, "run", "--date", kDate});
    EXPECT_EQ(again.exitCode, 0) << again.err;
    EXPECT_EQ(db->count("SELECT COUNT(*) FROM job_task WHERE state <> 'DONE'"), 0);
}

// --- what a killed run leaves behind (SPEC 9) ------------------------------------------------

namespace {

// The pid of a process that has exited (and been reaped): a dead run's owner.
int deadPid() {
    int pid = ::fork();
    if (pid == 0) ::_exit(0);
    ::waitpid(pid, nullptr, 0);
    return pid;
}

// A session that takes kDate's run lock as `pid` on this host and then stays busy in a long
// statement, as the control session of a killed run does while its last statement finishes.
struct BusyHolder {
    TestDatabase& db;
    std::unique_ptr<settlement::db::Connection> c;
    std::string id;
    std::thread busy;
    // As the batch account, which `run` uses: one's own sessions are the ones KILL may end.
    BusyHolder(TestDatabase& d, int pid, const std::string& host)
        : db(d), c(settlement::db::Connection::open(d.settingsAs(Account::Batch))) {
        c->execute("CALL take_run_lock('daily." + kDate + "', 0, " + c->quote(host) + ", " + std::to_string(pid) + ", @ok)");
        id = c->scalar("SELECT CONNECTION_ID()").value();
        busy = std::thread([this] {
            try {
                c->query("SELECT SLEEP(60)");
            } catch (...) {  // ended by the new run
            }
        });
    }
    ~BusyHolder() {
        try {
            db.sql().execute("KILL CONNECTION " + id);  // when the run did not end it
        } catch (...) {
        }
        busy.join();
    }
};

std::string thisHost(TestDatabase& db) {
    // The host name the program records (Poco::Environment::nodeName), read back from a run.
    return db.rows("SELECT owner_host FROM job_run LIMIT 1").at(0);
}

}  // namespace

TEST(Engine, ARunRightAfterAKilledOneEndsTheSessionItLeftAndCompletes) {
    auto reference = seeded("t_engine_orphan_ref");
    std::string config = engineConfig();
    ASSERT_EQ(reference->settlement({"--config", config, "run", "--date", kDate}).exitCode, 0);
    auto db = seeded("t_engine_orphan");
    ASSERT_EQ(db->settlement({"--config", config, "run", "--date", "2026-03-09"}).exitCode, 0);  // records our host
    std::string host = thisHost(*db);

    BusyHolder orphan(*db, deadPid(), host);
    auto start = std::chrono::steady_clock::now();
    auto r = db->settlement({"--config", config, "run", "--date", kDate});
    EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_LT(std::chrono::steady_clock::now() - start, 30s);  // it did not wait out the 60 s statement
    EXPECT_NE(r.err.find("which is gone; ending it"), std::string::npos) << r.err;
    EXPECT_EQ(statsFingerprint(*db), statsFingerprint(*reference));
}

TEST(Engine, ALiveHolderOrAForeignSessionStillMeans75) {
    auto db = seeded("t_engine_orphan_live");
    std::string config = engineConfig();
    ASSERT_EQ(db->settlement({"--config", config, "run", "--date", "2026-03-09"}).exitCode, 0);
    {
        BusyHolder live(*db, ::getpid(), thisHost(*db));  // this test process is alive
        auto r = db->settlement({"--config", config, "run", "--date", kDate});
        EXPECT_EQ(r.exitCode, 75) << r.out << r.err;
        EXPECT_NE(r.err.find("another run holds " + kDate + " (pid " + std::to_string(::getpid())), std::string::npos)
            << r.err;
    }
    // A session that took the lock by hand, not through take_run_lock.
    auto foreign = settlement::db::Connection::open(testServer(db->name()));
    foreign->execute("CALL lock_name('daily." + kDate + "', @n)");
    // The killed holder's session may still be releasing the lock when its client returns.
    ASSERT_EQ(foreign->scalar("SELECT GET_LOCK(@n, 10)"), std::optional<std::string>("1"));
    auto r = db->settlement({"--config", config, "run", "--date", kDate});
    EXPECT_EQ(r.exitCode, 75) << r.out << r.err;
    EXPECT_NE(r.err.find("not a run of this program"), std::string::npos) << r.err;
    EXPECT_EQ(db->count("SELECT COUNT(*) FROM job_run WHERE business_date = '" + kDate + "'"), 0);
}

// kill -9 at several points of a run, and a new run at once: the same figures as a run that
// was never interrupted.
TEST(Engine, KilledAtSeveralPointsAndRunAtOnceGivesTheUninterruptedFigures) {
    auto reference = seeded("t_engine_kill_points_ref");
    std::string config = engineConfig();
    ASSERT_EQ(reference->settlement({"--config", config, "run", "--date", kDate}).exitCode, 0);
    std::string expected = statsFingerprint(*reference) + settlementFingerprint(*reference);

    auto db = seeded("t_engine_kill_points");
    for (int point : {1, 10, 40, 80}) {
        int pid = db->startSettlement({"--config", config, "run", "--date", kDate, "--rerun"});
        waitFor([&] { return db->count("SELECT COUNT(*) FROM job_task WHERE state = 'DONE'") >= point; }, 20s);
        ::kill(pid, SIGKILL);
        waitExit(pid);
        auto r = db->settlement({"--config", config, "run", "--date", kDate});
        ASSERT_EQ(r.exitCode, 0) << "killed after " << point << " tasks: " << r.out << r.err;
    }
    EXPECT_EQ(statsFingerprint(*db) + settlementFingerprint(*db), expected);
    db->sql().execute("CALL reconcile_date('" + kDate + "')");
}

// migrate beside a run waits for the run's daily-job lock (or exits 75): it never re-creates a
// routine under the run's steps. Unchanged routines are not touched at all.
TEST(Engine, MigrateBesideARunWaitsForItAndNeverBreaksIt) {
    auto reference = seeded("t_engine_migrate_ref");
    std::string config = engineConfig("run.lock_wait_timeout_sec = 120\n");
    ASSERT_EQ(reference->settlement({"--config", config, "run", "--date", kDate}).exitCode, 0);
    auto db = seeded("t_engine_migrate_beside");
    auto blocker = blockDailyRow(*db);
    int pid = db->startSettlement({"--config", config, "run", "--date", kDate, "--threads", "1"});
    ASSERT_TRUE(waitFor([&] { return db->count("SELECT COUNT(*) FROM job_task WHERE state = 'RUNNING'") > 0; }));

    // A routine changed since the last migrate (as after an upgrade): migrate must re-create it.
    db->sql().execute("UPDATE schema_routine SET checksum = 'changed' WHERE name = 'aggregate_daily_stats_range'");
    auto impatient = db->settlement({"--config", writeTempFile("impatient.properties", "run.job_lock_wait_sec = 1\n"),
                                     "migrate"});
    EXPECT_EQ(impatient.exitCode, 75) << impatient.out << impatient.err;
    EXPECT_NE(impatient.err.find("migrate changed nothing"), std::string::npos) << impatient.err;

    int migratePid = db->startSettlement({"migrate"});
    std::this_thread::sleep_for(1s);
    blocker->execute("ROLLBACK");
    EXPECT_EQ(waitExit(pid), 0);
    EXPECT_EQ(waitExit(migratePid), 0);
    EXPECT_EQ(db->count("SELECT COUNT(*) FROM schema_routine WHERE checksum = 'changed'"), 0);
    EXPECT_EQ(statsFingerprint(*db), statsFingerprint(*reference));

    // A migrate with nothing changed re-creates no routine.
    auto again = db->settlement({"migrate"});
    ASSERT_EQ(again.exitCode, 0) << again.err;
    EXPECT_NE(again.out.find("0 changed procedure file(s) created"), std::string::npos) << again.out;
}

// Lock names carry a hash of the database name: two databases whose names share their first
// 50 characters never take each other's run locks.
TEST(Engine, DatabasesWithALongCommonPrefixDoNotShareLocks) {
    const std::string prefix = "t_engine_long_prefix_" + std::string(29, 'x');  // 50 characters
    auto first = seeded(prefix + "_first");
    auto second = seeded(prefix + "_second");
    auto holder = settlement::db::Connection::open(first->settingsAs(Account::Batch));
    holder->execute("CALL take_run_lock('daily." + kDate + "', 0, 'elsewhere', 1, @ok)");
    ASSERT_EQ(holder->scalar("SELECT @ok"), std::optional<std::string>("1"));
    auto r = second->settlement({"--config", engineConfig(), "run", "--date", kDate});
    EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
    auto blocked = first->settlement({"--config", engineConfig(), "run", "--date", kDate});
    EXPECT_EQ(blocked.exitCode, 75) << blocked.out << blocked.err;
}
