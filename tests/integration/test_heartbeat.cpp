// `settlement heartbeat` on the main test server (SPEC §11): it rewrites the heartbeat row
// every interval in UTC, stops on SIGTERM with exit 0, outlives a primary it cannot reach,
// needs the batch account's privileges, and report_replica_lag reads the row back.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include "support/ReplicaServer.h"

using namespace settlement::test;
using namespace std::chrono_literals;

namespace {

std::unique_ptr<TestDatabase> migrated(const std::string& name) {
    auto db = std::make_unique<TestDatabase>("t_heartbeat_" + name);
    db->migrate();
    return db;
}

}  // namespace

TEST(Heartbeat, RewritesTheRowEveryIntervalInUtcAndStopsOnSigterm) {
    auto db = migrated("beats");
    EXPECT_EQ(db->rows("CALL report_replica_lag()"), std::vector<std::string>{"NULL|NULL|NULL"});
    HeartbeatProcess heartbeat(*db, 100);
    ASSERT_TRUE(heartbeat.firstBeat(*db));
    std::string first = db->rows("SELECT beat_at FROM replication_heartbeat")[0];
    ASSERT_TRUE(waitFor([&] { return db->rows("SELECT beat_at FROM replication_heartbeat")[0] != first; }, 2s));
    // Written in UTC by this server: the age is under a second (a few intervals), whatever
    // the session's or the server's time zone.
    db->sql().execute("SET time_zone = '+09:00'");
    EXPECT_LT(db->count("SELECT TIMESTAMPDIFF(MICROSECOND, beat_at, UTC_TIMESTAMP(6)) FROM replication_heartbeat"),
              1000000);
    EXPECT_EQ(db->count("SELECT server_id = @@server_id FROM replication_heartbeat"), 1);
    auto lag = db->rows("CALL report_replica_lag()")[0];
    EXPECT_EQ(lag.rfind("0.", 0), 0u) << lag;  // lag_seconds under a second, with microseconds
    auto begin = std::chrono::steady_clock::now();
    EXPECT_EQ(heartbeat.stop(), 0);
    EXPECT_LT(std::chrono::steady_clock::now() - begin, 2s);
}

TEST(Heartbeat, OneBeatNeedsTheBatchAccountAndAReachablePrimary) {
    auto db = migrated("once");
    auto once = db->settlement({"heartbeat", "--once"});
    EXPECT_EQ(once.exitCode, 0) << once.err;
    EXPECT_EQ(db->count("SELECT COUNT(*) FROM replication_heartbeat"), 1);
    // The reader may not write it (least privilege): a configuration error naming the account.
    auto reader = db->settlement({"heartbeat", "--once"}, db->env(Account::Reader));
    EXPECT_EQ(reader.exitCode, 2) << reader.err;
    EXPECT_NE(reader.err.find("missing privilege: the account settlement_reader"), std::string::npos) << reader.err;
    auto unreachable = db->settlement({"heartbeat", "--once"}, {{"SETTLEMENT_DB_PORT", "1"}});
    EXPECT_EQ(unreachable.exitCode, 75) << unreachable.err;
    auto tooOften = db->settlement({"heartbeat", "--interval-ms", "10"});
    EXPECT_EQ(tooOften.exitCode, 2) << tooOften.err;
    EXPECT_NE(tooOften.err.find("--interval-ms must be between 50 and 60000"), std::string::npos) << tooOften.err;
}

TEST(Heartbeat, KeepsTryingWhileThePrimaryIsAway) {
    auto db = migrated("away");
    // Nothing listens on port 1: the daemon stays up, retrying, until told to stop.
    HeartbeatProcess heartbeat(*db, 100, {{"SETTLEMENT_DB_PORT", "1"}});
    std::this_thread::sleep_for(1s);
    EXPECT_EQ(heartbeat.stop(), 0);
}
