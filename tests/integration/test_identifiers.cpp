// A database whose name needs quoting (a backtick, a space, a semicolon, a quote) works
// with every command: the program never pastes the name into SQL unquoted (issue 11).
#include <gtest/gtest.h>

#include "support/Seed.h"
#include "support/TestDatabase.h"

using namespace settlement::test;

TEST(OddDatabaseName, EveryCommandWorksWithABacktickInTheName) {
    TestDatabase db("t_odd`name; 'x-y");
    auto migrate = db.settlement({"migrate"});
    ASSERT_EQ(migrate.exitCode, 0) << migrate.err;
    loadStatsFixture(db);
    EXPECT_EQ(db.rows("SELECT video_id, views FROM video_daily_stat ORDER BY video_id"),
              (std::vector<std::string>{"100|10", "200|2"}));

    auto report = db.settlement({"report", "stats", "--period", "day", "--date", "2026-03-10", "--format", "csv"});
    EXPECT_EQ(report.exitCode, 0) << report.err;
    EXPECT_NE(report.out.find("100,10,339,4"), std::string::npos) << report.out;
    auto status = db.settlement({"status"});
    EXPECT_EQ(status.exitCode, 0) << status.err;
    EXPECT_NE(status.out.find("COMPLETED"), std::string::npos) << status.out;
    auto ensure = db.settlement({"partitions", "ensure", "--from", "2026-03-10", "--days-ahead", "3"});
    EXPECT_EQ(ensure.exitCode, 0) << ensure.err;
    auto drop = db.settlement({"partitions", "drop", "--before", "2026-03-01", "--dry-run"});
    EXPECT_EQ(drop.exitCode, 0) << drop.err;
    auto rerun = db.settlement({"run", "--date", "2026-03-10", "--rerun"});
    EXPECT_EQ(rerun.exitCode, 0) << rerun.err;
}

TEST(OddDatabaseName, AMissingDatabaseIsNamedExit2) {
    auto r = runProgram(SETTLEMENT_BINARY, {"status"},
                        {{"SETTLEMENT_DB_HOST", "127.0.0.1"},
                         {"SETTLEMENT_DB_PORT", std::to_string(testServer("x").port)},
                         {"SETTLEMENT_DB_USER", testServer("x").user},
                         {"SETTLEMENT_DB_PASSWORD", testServer("x").password},
                         {"SETTLEMENT_DB_NAME", "t_no`such db"}});
    EXPECT_EQ(r.exitCode, 2) << r.err;
    EXPECT_NE(r.err.find("t_no`such db"), std::string::npos) << r.err;
}
