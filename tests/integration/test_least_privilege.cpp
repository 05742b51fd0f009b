// Least privilege (SPEC §11, issue 11): the suite runs every command with its own account
// (TestDatabase::settlement); these tests check what each account may NOT do, and that a
// command lacking a privilege says which one (exit 2).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "db/DatabaseError.h"
#include "support/Seed.h"
#include "support/TestDatabase.h"

using namespace settlement::test;

namespace {

const std::string kDay = "2026-03-10";

// The MySQL error of `statement` on `c`, or 0 when it succeeded.
int errorOf(settlement::db::Connection& c, const std::string& statement) {
    try {
        c.query(statement);
    } catch (const settlement::db::DatabaseError& e) {
        return e.mysqlCode();
    }
    return 0;
}

}  // namespace

TEST(LeastPrivilege, TheReaderReadsButCannotWrite) {
    auto db = statsFixtureDatabase("t_priv_reader");
    auto reader = settlement::db::Connection::open(db->settingsAs(Account::Reader));
    EXPECT_EQ(errorOf(*reader, "SELECT COUNT(*) FROM view_log"), 0);
    EXPECT_EQ(errorOf(*reader, "CALL report_video_stats('DAY', '" + kDay + "', NULL)"), 0);
    EXPECT_EQ(errorOf(*reader, "INSERT INTO member (id, role, name) VALUES (99, 'VIEWER', 'x')"), 1142);
    EXPECT_EQ(errorOf(*reader, "UPDATE video_daily_stat SET views = 0"), 1142);
    EXPECT_EQ(errorOf(*reader, "DELETE FROM job_run"), 1142);
    EXPECT_EQ(errorOf(*reader, "DROP TABLE rate_tier"), 1142);
    // Writing procedures are not its to execute.
    EXPECT_EQ(errorOf(*reader, "CALL settle_date('" + kDay + "')"), 1370);
    EXPECT_EQ(errorOf(*reader, "CALL aggregate_daily_stats_range('" + kDay + "', 0, 100)"), 1370);
    EXPECT_EQ(errorOf(*reader, "CALL drop_log_partitions('2026-01-01', FALSE, FALSE)"), 1370);
    EXPECT_EQ(db->count("SELECT SUM(views) FROM video_daily_stat"), 12);
}

TEST(LeastPrivilege, TheBatchAccountHasNoDdlBeyondTheLogPartitionsAndNoGlobalPrivilege) {
    auto db = statsFixtureDatabase("t_priv_batch");
    auto batch = settlement::db::Connection::open(db->settingsAs(Account::Batch));
    EXPECT_EQ(errorOf(*batch, "DROP TABLE video"), 1142);
    EXPECT_EQ(errorOf(*batch, "ALTER TABLE video ADD COLUMN x INT"), 1142);
    EXPECT_EQ(errorOf(*batch, "CREATE TABLE x (id INT)"), 1142);
    EXPECT_EQ(errorOf(*batch, "TRUNCATE TABLE rate_tier"), 1142);
    EXPECT_EQ(errorOf(*batch, "DROP PROCEDURE settle_date"), 1370);
    EXPECT_NE(errorOf(*batch, "CREATE PROCEDURE p() SELECT 1"), 0);
    EXPECT_NE(errorOf(*batch, "CREATE DATABASE t_priv_other"), 0);
    auto grants = db->rows("SHOW GRANTS FOR 'settlement_batch'@'%'");
    ASSERT_FALSE(grants.empty());
    EXPECT_EQ(grants[0].rfind("GRANT USAGE ON *.*", 0), 0u) << grants[0];
    // What it does need works: DML, and the log tables' partitions (run and load use them).
    EXPECT_EQ(errorOf(*batch, "CALL ensure_log_partitions('2026-03-10', '2026-03-20')"), 0);
}

TEST(LeastPrivilege, TheOwnerHasNoGlobalPrivilege) {
    TestDatabase db("t_priv_owner");
    db.migrate();
    auto grants = db.rows("SHOW GRANTS FOR 'settlement_owner'@'%'");
    ASSERT_FALSE(grants.empty());
    EXPECT_EQ(grants[0].rfind("GRANT USAGE ON *.*", 0), 0u) << grants[0];
    for (const auto& g : grants) EXPECT_EQ(g.find("SUPER"), std::string::npos) << g;
}

TEST(LeastPrivilege, ACommandWithoutThePrivilegeNamesItExit2) {
    auto db = statsFixtureDatabase("t_priv_named");
    auto asReader = db->env(Account::Reader);
    auto run = db->settlement({"run", "--date", kDay, "--rerun"}, asReader);
    EXPECT_EQ(run.exitCode, 2) << run.err;
    EXPECT_NE(run.err.find("missing privilege: the account settlement_reader"), std::string::npos) << run.err;
    EXPECT_NE(run.err.find("command denied to user 'settlement_reader'"), std::string::npos) << run.err;

    auto load = db->settlement({"load", "--members", sourceDir() + "/tests/fixtures/stats/members.csv"}, asReader);
    EXPECT_EQ(load.exitCode, 2) << load.err;
    // Its first step is to finish what dead loads left: a procedure the reader may not run.
    EXPECT_NE(load.err.find("execute command denied to user 'settlement_reader'"), std::string::npos) << load.err;
    EXPECT_NE(load.err.find("find_load_leftovers"), std::string::npos) << load.err;

    auto migrate = db->settlement({"migrate"}, db->env(Account::Batch));
    EXPECT_EQ(migrate.exitCode, 2) << migrate.err;
    EXPECT_NE(migrate.err.find("missing privilege: the account settlement_batch"), std::string::npos) << migrate.err;
}

TEST(LeastPrivilege, LocalDbPrintsEachAccountsEnvironment) {
    auto r = runProgram("/bin/sh", {"-c", sourceDir() + "/scripts/local-db.sh env --dir " +
                                              SETTLEMENT_TEST_DB_DIR + " --account reader"});
    EXPECT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("export SETTLEMENT_DB_USER=settlement_reader"), std::string::npos) << r.out;
    auto owner = runProgram("/bin/sh", {"-c", sourceDir() + "/scripts/local-db.sh env --dir " +
                                                  SETTLEMENT_TEST_DB_DIR + " --account owner"});
    EXPECT_NE(owner.out.find("export SETTLEMENT_READER_ACCOUNT=settlement_reader@%"), std::string::npos) << owner.out;
}

TEST(LeastPrivilege, AGrantOfARoutineThatIsGoneIsAWarningNotAFailure) {
    TestDatabase db("t_priv_gone");
    // A copy of sql/ whose reader.sql still names a routine a release removed.
    auto sqlDir = std::filesystem::path(writeTempFile("x", "")).parent_path() / "sql";
    std::filesystem::remove_all(sqlDir);
    std::filesystem::copy(sourceDir() + "/sql", sqlDir, std::filesystem::copy_options::recursive);
    std::ofstream(sqlDir / "grants" / "reader.sql", std::ios::app)
        << "GRANT EXECUTE ON FUNCTION {db}.`removed_function` TO {account};\n";
    auto config = writeTempFile("gone.properties", "sql.dir = " + sqlDir.string() + "\n");
    auto r = db.settlement({"--config", config, "migrate"});
    EXPECT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.err.find("names a routine that does not exist; remove the line"), std::string::npos) << r.err;
    EXPECT_NE(r.out.find("reader privileges granted to 'settlement_reader'@'%'"), std::string::npos) << r.out;
}
