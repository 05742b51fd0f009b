// The watchdog (db/ServerWatchdog.h): a server that stops answering ends a command with
// exit 75 within db.server_timeout_sec + about 1 s; a long statement on a server that
// still answers pings does not (issue 11: "frozen or vanished server").
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <Poco/Process.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "db/ServerWatchdog.h"
#include "support/Seed.h"
#include "support/TestDatabase.h"

using namespace settlement::test;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

const std::string kDate = "2026-03-10";
const char* kBlockedVideo = "250";

double secondsSince(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

std::unique_ptr<TestDatabase> seeded(const std::string& name) { return seededDatabase(name, kDate); }

// The exit code of `pid`, or -1 when it is still running after `limit`.
int waitExit(int pid, std::chrono::milliseconds limit) {
    auto end = Clock::now() + limit;
    while (Clock::now() < end) {
        int status = 0;
        if (::waitpid(pid, &status, WNOHANG) == pid)
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        std::this_thread::sleep_for(20ms);
    }
    return -1;
}

std::string readFile(const std::string& path) {
    std::ifstream in(path);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// The test server's mysqld (scripts/local-db.sh writes its pid file in the data directory).
int serverPid() {
    std::string text = readFile(std::string(SETTLEMENT_TEST_DB_DIR) + "/mysqld.pid");
    if (text.empty()) throw std::runtime_error("no pid file in " + std::string(SETTLEMENT_TEST_DB_DIR));
    return std::stoi(text);
}

// Stops the test server and always lets it go on: when the test ends (even by a failed
// assertion) and, should this process die first, by a detached shell after `safety`.
class FrozenServer {
public:
    FrozenServer(int pid, std::chrono::seconds safety) : pid_(pid) {
        // Its sleep must not hold the test's output open (CTest would wait for it).
        std::string cmd = "exec </dev/null >/dev/null 2>&1; sleep " + std::to_string(safety.count()) +
                          "; kill -CONT " + std::to_string(pid);
        guardian_ = Poco::Process::launch("/bin/sh", {"-c", cmd}).id();
        ::kill(pid_, SIGSTOP);
    }
    ~FrozenServer() { release(); }
    void release() {
        if (released_) return;
        released_ = true;
        ::kill(pid_, SIGCONT);
        ::kill(guardian_, SIGKILL);
        ::waitpid(guardian_, nullptr, 0);
    }

private:
    int pid_;
    int guardian_;
    bool released_ = false;
};

// Starts settlement in the background with its stdout and stderr in `log`.
int startLogged(TestDatabase& db, std::vector<std::string> args, const std::string& log) {
    std::vector<std::string> shellArgs{"-c", "exec \"$0\" \"$@\" >" + log + " 2>&1", SETTLEMENT_BINARY};
    shellArgs.insert(shellArgs.end(), args.begin(), args.end());
    auto env = db.env(Account::Batch);
    Poco::Process::Env processEnv(env.begin(), env.end());
    return Poco::Process::launch("/bin/sh", shellArgs, std::string(), nullptr, nullptr, nullptr, processEnv).id();
}

}  // namespace

TEST(ServerFreeze, AStoppedServerEndsTheRunWithExit75WithinTheBoundAndTheRerunCompletes) {
    auto reference = seeded("t_freeze_ref");
    std::string config = writeTempFile("freeze.properties",
                                       "run.rows_per_range = 5000\nrun.lock_wait_timeout_sec = 120\n"
                                       "db.server_timeout_sec = 5\nretry.base_delay_ms = 50\n");
    ASSERT_EQ(reference->settlement({"--config", config, "run", "--date", kDate, "--threads", "1"}).exitCode, 0);
    std::string expected = statsFingerprint(*reference);

    auto db = seeded("t_freeze");
    // Another session holds a row of a middle range: the one-thread run stops there, mid-run.
    auto blocker = settlement::db::Connection::open(testServer(db->name()));
    blocker->execute("START TRANSACTION");
    blocker->execute("INSERT INTO video_daily_stat (business_date, video_id, views, watch_seconds, ad_views) VALUES ('" +
                     kDate + "', " + kBlockedVideo + ", 0, 0, 0)");
    std::string log = writeTempFile("run.log", "");
    int pid = startLogged(*db, {"--config", config, "run", "--date", kDate, "--threads", "1"}, log);
    ASSERT_TRUE(waitFor([&] {
        return db->count(std::string("SELECT COUNT(*) FROM job_task WHERE state = 'RUNNING' AND video_from <= ") +
                         kBlockedVideo + " AND video_to >= " + kBlockedVideo) == 1;
    }, 60s)) << readFile(log);

    double seconds;
    int code;
    {
        FrozenServer frozen(serverPid(), 40s);
        auto stoppedAt = Clock::now();
        code = waitExit(pid, 30s);
        seconds = secondsSince(stoppedAt);
        if (code == -1) ::kill(pid, SIGKILL), ::waitpid(pid, nullptr, 0);
    }
    std::cout << "watchdog: the run ended " << seconds << " s after the server was stopped (exit " << code << ")\n";
    EXPECT_EQ(code, 75) << readFile(log);
    // db.server_timeout_sec = 5: the last answer came at most one ping interval (1 s) before
    // the stop, and the judge looks once a second.
    EXPECT_LE(seconds, 5.0 + 1.5) << readFile(log);
    EXPECT_NE(readFile(log).find("has not answered for"), std::string::npos) << readFile(log);

    blocker->execute("ROLLBACK");
    // The server drops the dead run's connections and its lock once it runs again.
    ASSERT_TRUE(waitFor([&] {
        return db->settlement({"status", "--date", kDate}).out.find("RUNNING (stale)") != std::string::npos;
    }, 30s));
    auto resumed = db->settlement({"--config", config, "run", "--date", kDate, "--threads", "2"});
    ASSERT_EQ(resumed.exitCode, 0) << resumed.err;
    EXPECT_NE(resumed.err.find("resuming"), std::string::npos) << resumed.err;
    EXPECT_EQ(statsFingerprint(*db), expected);
}

TEST(ServerWatchdog, AServerThatNeverAnswersIsReportedWithinTheTimeout) {
    auto settings = testServer("mysql");
    settings.port = 1;  // nothing listens there
    std::atomic<bool> fired{false};
    auto start = Clock::now();
    double firedAfter = 0;
    {
        settlement::db::ServerWatchdog watchdog(settings, 2s, [&](const std::string& why) {
            firedAfter = secondsSince(start);
            EXPECT_NE(why.find("has not answered for 2 s"), std::string::npos) << why;
            fired = true;
        });
        waitFor([&] { return fired.load(); }, 10s);
    }
    EXPECT_TRUE(fired);
    EXPECT_GE(firedAfter, 2.0);
    EXPECT_LE(firedAfter, 3.5);
}

TEST(ServerWatchdog, ALongStatementOnAnotherConnectionIsNotSilence) {
    TestDatabase db("t_watchdog_long");
    std::atomic<bool> fired{false};
    {
        settlement::db::ServerWatchdog watchdog(testServer(db.name()), 2s, [&](const std::string&) { fired = true; });
        // Four times the timeout on one connection; the watchdog's pings still get answers.
        db.sql().execute("DO SLEEP(8)");
    }
    EXPECT_FALSE(fired);
}
