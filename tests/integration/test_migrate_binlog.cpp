// migrate on a server with binary logging (MySQL 8's default; a replica's primary needs
// it), as the owner account: no SUPER, log_bin_trust_function_creators = 0 (issue 11).
// Creating a stored FUNCTION there needs SUPER (error 1419), so migrate must create none;
// then the whole chain works with the three accounts. CTest starts this server
// (database_binlog_start: scripts/local-db.sh start --binlog) beside the main one.
#include <gtest/gtest.h>

#include "support/Seed.h"
#include "support/TestDatabase.h"

using namespace settlement::test;

TEST(MigrateBinlog, TheOwnerMigratesABinloggedServerAndTheChainWorks) {
    TestDatabase db("t_binlog_migrate", SETTLEMENT_TEST_BINLOG_DB_PORT);
    ASSERT_EQ(db.rows("SELECT @@log_bin, @@binlog_format, @@log_bin_trust_function_creators"),
              (std::vector<std::string>{"1|ROW|0"}));
    auto migrate = db.settlement({"migrate"});
    ASSERT_EQ(migrate.exitCode, 0) << migrate.err;
    // Idempotent there too.
    auto again = db.settlement({"migrate"});
    ASSERT_EQ(again.exitCode, 0) << again.err;

    loadStatsFixture(db);
    auto report = db.settlement({"report", "stats", "--period", "day", "--date", "2026-03-10", "--format", "csv"});
    EXPECT_EQ(report.exitCode, 0) << report.err;
    EXPECT_NE(report.out.find("100,10,339,4"), std::string::npos) << report.out;
}
