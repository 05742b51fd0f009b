// Reads from a real replica (SPEC §11, §10): a MariaDB primary with binary logging and GTIDs,
// and a replica of it (CTest's database_primary and database_replica fixtures, made by
// scripts/local-db.sh). `report` and `serve` read the replica when SETTLEMENT_READ_DB_* name
// it, `report --primary` reads the primary, and how far behind the replica is comes from
// the heartbeat that `settlement heartbeat` writes on the primary (http.max_replica_lag_sec
// is 2 here). The tests share the one replica and stop its replication, so CTest runs
// them one at a time (RESOURCE_LOCK replica).
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <gtest/gtest.h>

#include <sstream>

#include "support/ApiFixture.h"
#include "support/HttpClient.h"
#include "support/PrometheusText.h"
#include "support/ReplicaServer.h"
#include "support/ServeProcess.h"

using namespace settlement::test;
using namespace std::chrono_literals;

namespace {

// A day after the API fixture's week, run on the primary while the replica stands still.
const std::string kNewDay = "2026-03-16";
const std::string kNewDayViews =
    "event_id,viewer_id,video_id,ip,started_at,watched_sec,last_position_sec\n"
    "9001,10,200,10.0.0.10,2026-03-16 01:00:00,100,100\n"
    "9002,11,200,10.0.0.11,2026-03-16 01:00:00,50,50\n"
    "9003,12,100,10.0.0.12,2026-03-16 02:00:00,60,60\n";

const std::vector<std::string> kMonthSettlement{"settlement", "--period", "month", "--date", "2026-03-10"};
const std::vector<std::vector<std::string>> kReports = {
    {"stats", "--period", "week", "--date", "2026-03-10"},
    {"top", "--period", "month", "--date", "2026-03-10", "--by", "views"},
    kMonthSettlement,
    {"settlement", "--from", "2026-03-01", "--to", "2026-03-31", "--by", "video"},
    {"daily", "--from", "2026-03-01", "--to", "2026-03-31"},
};

Poco::JSON::Object::Ptr object(const std::string& body) {
    return Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>();
}

std::string canonical(const Poco::Dynamic::Var& value) {
    std::ostringstream out;
    Poco::JSON::Stringifier::stringify(value, out);
    return out.str();
}

struct Replica : ::testing::Test {
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        db = std::make_unique<TestDatabase>(std::string("t_replica_") + info->name(), primaryPort());
        config = writeTempFile("replica.properties", "http.max_replica_lag_sec = 2\n");
    }

    // `settlement report ARGS --format json`, reading the replica, or the primary.
    CommandResult report(std::vector<std::string> args, bool primary = false) const {
        args.insert(args.begin(), {"--config", config, "report"});
        args.insert(args.end(), {"--format", "json"});
        if (primary) args.push_back("--primary");
        return db->settlement(args, replica.readEnv());
    }

    // `serve` as the reader account, reading the replica unless `primary`.
    std::unique_ptr<ServeProcess> serve(bool primary = false) const {
        auto env = jwtEnv();
        for (auto& [k, v] : db->env(Account::Reader)) env[k] = v;
        if (!primary)
            for (auto& [k, v] : replica.readEnv()) env[k] = v;
        return std::make_unique<ServeProcess>(*db, env, std::vector<std::string>{"--config", config});
    }

    // Loads kNewDay's views on the primary and runs that day there.
    void runNewDayOnThePrimary() const {
        auto load = db->settlement({"load", "--views", writeTempFile("new-day-views.csv", kNewDayViews)});
        ASSERT_EQ(load.exitCode, 0) << load.err;
        auto run = db->settlement({"run", "--date", kNewDay});
        ASSERT_EQ(run.exitCode, 0) << run.err;
    }

    ReplicaServer replica;  // before db: it goes last, and starts replication again
    std::unique_ptr<TestDatabase> db;
    std::string config;
};

}  // namespace

TEST_F(Replica, ReportsFromTheCaughtUpReplicaEqualThePrimarys) {
    seedApiFixture(*db);
    HeartbeatProcess heartbeat(*db, 100);
    ASSERT_TRUE(heartbeat.firstBeat(*db));
    ASSERT_TRUE(replica.catchUp(*db));
    // The replica has the week's runs: replication brought the test's database whole.
    EXPECT_EQ(replica.rows("SELECT COUNT(*) FROM `" + db->name() + "`.job_run WHERE state = 'COMPLETED'"),
              std::vector<std::string>{"7"});
    for (const auto& args : kReports) {
        auto fromReplica = report(args);
        auto fromPrimary = report(args, true);
        std::string what = ::testing::PrintToString(args);
        ASSERT_EQ(fromReplica.exitCode, 0) << what << fromReplica.err;
        ASSERT_EQ(fromPrimary.exitCode, 0) << what << fromPrimary.err;
        EXPECT_NE(fromReplica.out, "[]\n") << what;
        EXPECT_EQ(fromReplica.out, fromPrimary.out) << what;
        EXPECT_EQ(fromReplica.err.find("warning"), std::string::npos) << what << fromReplica.err;
    }
}

TEST_F(Replica, AStoppedReplicaKeepsOldFiguresWarnsAndIsNotReady) {
    seedApiFixture(*db);
    HeartbeatProcess heartbeat(*db, 100);
    ASSERT_TRUE(heartbeat.firstBeat(*db));
    ASSERT_TRUE(replica.catchUp(*db));
    auto api = serve();
    ASSERT_TRUE(api->listening()) << api->log();
    std::string finance = issueToken(*db, "finance");
    const std::string newDay = "/v1/settlement?period=day&date=" + kNewDay;
    const std::string month = "/v1/settlement?period=month&date=2026-03-10";

    ASSERT_TRUE(waitFor([&] { return httpGet(api->port(), "/readyz").status == 200; }, 10s)) << api->log();
    auto ready = httpGet(api->port(), "/readyz");
    EXPECT_NE(ready.body.find("\"replica_lag_seconds\": "), std::string::npos) << ready.body;
    auto before = report(kMonthSettlement);
    ASSERT_EQ(before.exitCode, 0) << before.err;
    EXPECT_EQ(before.out, report(kMonthSettlement, true).out);
    auto monthBefore = object(httpGet(api->port(), month, finance).body);
    EXPECT_EQ(canonical(monthBefore->get("rows")), canonical(Poco::JSON::Parser().parse(before.out)));

    // The replica receives but applies nothing, while the primary runs a new day.
    replica.stopApplying();
    auto stopped = std::chrono::steady_clock::now();
    runNewDayOnThePrimary();
    EXPECT_EQ(db->rows("CALL report_span('DAY', '" + kNewDay + "', NULL)"),
              std::vector<std::string>{kNewDay + "|" + kNewDay + "|1"});

    // Within a few seconds of the stop, the replica is too far behind to be ready.
    ASSERT_TRUE(waitFor([&] { return httpGet(api->port(), "/readyz").status == 503; }, 10s)) << api->log();
    EXPECT_LT(std::chrono::steady_clock::now() - stopped, 10s);
    auto notReady = httpGet(api->port(), "/readyz");
    EXPECT_EQ(notReady.status, 503);
    auto reason = object(notReady.body);
    EXPECT_NE(reason->getValue<std::string>("error").find("behind the primary"), std::string::npos) << notReady.body;
    EXPECT_GT(reason->getValue<double>("replica_lag_seconds"), 2.0) << notReady.body;
    auto metrics = parsePrometheusText(httpGet(api->port(), "/metrics").body);
    EXPECT_GT(metrics.value("settlement_replica_lag_seconds"), 2.0);

    // `report` still shows the replica's (old) figures, and says why; --primary the new ones.
    auto stale = report(kMonthSettlement);
    ASSERT_EQ(stale.exitCode, 0) << stale.err;
    EXPECT_EQ(stale.out, before.out);
    EXPECT_NE(stale.err.find("warning: the replica is"), std::string::npos) << stale.err;
    EXPECT_NE(stale.err.find("`report --primary` reads the primary"), std::string::npos) << stale.err;
    auto fresh = report(kMonthSettlement, true);
    ASSERT_EQ(fresh.exitCode, 0) << fresh.err;
    EXPECT_NE(fresh.out, before.out);
    EXPECT_EQ(fresh.err.find("warning"), std::string::npos) << fresh.err;

    // serve answers from the replica too: the new day, completed on the primary, is not
    // complete there, and has no rows yet.
    auto dayOnReplica = object(httpGet(api->port(), newDay, finance).body);
    EXPECT_FALSE(dayOnReplica->getValue<bool>("complete"));
    EXPECT_EQ(canonical(dayOnReplica->get("rows")), "[]");
    EXPECT_EQ(canonical(object(httpGet(api->port(), month, finance).body)->get("rows")),
              canonical(monthBefore->get("rows")));

    // Replication again: everything converges, and the replica is ready again.
    replica.startReplication();
    ASSERT_TRUE(replica.catchUp(*db));
    ASSERT_TRUE(waitFor([&] { return httpGet(api->port(), "/readyz").status == 200; }, 10s)) << api->log();
    auto caughtUp = report(kMonthSettlement);
    EXPECT_EQ(caughtUp.out, fresh.out);
    EXPECT_EQ(caughtUp.err.find("warning"), std::string::npos) << caughtUp.err;
    auto dayCaughtUp = object(httpGet(api->port(), newDay, finance).body);
    EXPECT_TRUE(dayCaughtUp->getValue<bool>("complete"));
    auto dayReport = report({"settlement", "--period", "day", "--date", kNewDay}, true);
    EXPECT_EQ(canonical(dayCaughtUp->get("rows")), canonical(Poco::JSON::Parser().parse(dayReport.out)));
    EXPECT_NE(canonical(dayCaughtUp->get("rows")), "[]");
}

TEST_F(Replica, WithoutAHeartbeatTheReplicaIsNotReadyAndReportsSaySo) {
    db->migrate();
    ASSERT_TRUE(replica.catchUp(*db));
    auto r = report(kMonthSettlement);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.err.find("warning: the replica has no replication heartbeat"), std::string::npos) << r.err;
    auto p = report(kMonthSettlement, true);
    EXPECT_EQ(p.err.find("warning"), std::string::npos) << p.err;

    auto api = serve();
    ASSERT_TRUE(api->listening()) << api->log();
    auto notReady = httpGet(api->port(), "/readyz");
    EXPECT_EQ(notReady.status, 503);
    EXPECT_NE(notReady.body.find("no replication heartbeat"), std::string::npos) << notReady.body;
    EXPECT_NE(notReady.body.find("\"replica_lag_seconds\": null"), std::string::npos) << notReady.body;
    EXPECT_EQ(parsePrometheusText(httpGet(api->port(), "/metrics").body).value("settlement_replica_lag_seconds"),
              INFINITY);

    // Reading the primary, the heartbeat does not matter: no lag to check.
    auto onPrimary = serve(true);
    ASSERT_TRUE(onPrimary->listening()) << onPrimary->log();
    auto primaryReady = httpGet(onPrimary->port(), "/readyz");
    EXPECT_EQ(primaryReady.status, 200);
    EXPECT_EQ(primaryReady.body, "{\"status\": \"ready\"}\n");
    EXPECT_TRUE(std::isnan(
        parsePrometheusText(httpGet(onPrimary->port(), "/metrics").body).value("settlement_replica_lag_seconds")));

    // Once the heartbeat runs, the replica is ready.
    HeartbeatProcess heartbeat(*db, 100);
    EXPECT_TRUE(waitFor([&] { return httpGet(api->port(), "/readyz").status == 200; }, 10s)) << api->log();
}
