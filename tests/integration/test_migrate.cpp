// migrate: applies versioned files once, re-creates routines, refuses edited migrations.
#include <gtest/gtest.h>

#include <filesystem>
#include <cstdlib>
#include <fstream>

#include "support/TestDatabase.h"

using namespace settlement::test;
namespace fs = std::filesystem;

TEST(Migrate, RunsTwiceAndRecordsEachMigrationOnce) {
    TestDatabase db("t_migrate_twice");
    auto first = db.settlement({"migrate"});
    ASSERT_EQ(first.exitCode, 0) << first.err;
    long long applied = db.count("SELECT COUNT(*) FROM schema_history");
    long long files = 0;
    for (const auto& e : fs::directory_iterator(sourceDir() + "/sql/migrations"))
        if (e.path().extension() == ".sql") ++files;
    EXPECT_EQ(applied, files);

    auto second = db.settlement({"migrate"});
    ASSERT_EQ(second.exitCode, 0) << second.err;
    EXPECT_NE(second.out.find("0 migration(s) applied"), std::string::npos) << second.out;
    EXPECT_EQ(db.count("SELECT COUNT(*) FROM schema_history"), applied);
    EXPECT_EQ(db.count("SELECT COUNT(*) FROM setting WHERE name = 'business.utc_offset' AND value = '+09:00'"), 1);
}

TEST(Migrate, RefusesWhenAnAppliedMigrationWasEdited) {
    TestDatabase db("t_migrate_edited");
    // A copy of the sql tree, so the edit does not touch the project's files.
    fs::path copy = fs::temp_directory_path() / "settlement-tests" / "edited-sql";
    fs::remove_all(copy);
    fs::create_directories(copy.parent_path());
    fs::copy(sourceDir() + "/sql", copy, fs::copy_options::recursive);
    std::string config = writeTempFile("edited.properties", "sql.dir = " + copy.string() + "\n");

    auto first = db.settlement({"--config", config, "migrate"});
    ASSERT_EQ(first.exitCode, 0) << first.err;
    std::ofstream(copy / "migrations" / "V001__catalog_and_logs.sql", std::ios::app) << "\n-- an edit\n";

    auto second = db.settlement({"--config", config, "migrate"});
    EXPECT_EQ(second.exitCode, 2);
    EXPECT_NE(second.err.find("V001__catalog_and_logs.sql was changed after it was applied"), std::string::npos)
        << second.err;
}

TEST(Migrate, UnreachableDatabaseExits75WithAClearMessage) {
    TestDatabase db("t_migrate_unreachable");
    auto r = db.settlement({"migrate"}, {{"SETTLEMENT_DB_PORT", "1"}});
    EXPECT_EQ(r.exitCode, 75);
    EXPECT_NE(r.err.find("cannot connect to"), std::string::npos) << r.err;
}

TEST(Migrate, NeverPrintsThePassword) {
    TestDatabase db("t_migrate_password");
    auto r = db.settlement({"migrate"}, {{"SETTLEMENT_DB_PASSWORD", "s3cret-pw-value"}});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_EQ(r.err.find("s3cret-pw-value"), std::string::npos) << r.err;
    EXPECT_EQ(r.out.find("s3cret-pw-value"), std::string::npos) << r.out;
}

TEST(Migrate, EnvironmentOverridesTheConfigFileAndFlagsOverrideBoth) {
    TestDatabase db("t_migrate_layers");
    // The file points at a database that does not exist; SETTLEMENT_DB_NAME (set by
    // TestDatabase) wins, so migrate reaches the test database.
    std::string config = writeTempFile("layers.properties", "db.name = no_such_database\ndb.port = 1\n");
    auto r = db.settlement({"--config", config, "migrate"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find(db.name()), std::string::npos) << r.out;
    // Without the environment the file's values are used (the child inherits ours).
    for (const char* v : {"SETTLEMENT_DB_HOST", "SETTLEMENT_DB_PORT", "SETTLEMENT_DB_USER", "SETTLEMENT_DB_PASSWORD",
                          "SETTLEMENT_DB_NAME", "SETTLEMENT_DB_SOCKET"})
        ::unsetenv(v);
    auto fileOnly = runProgram(SETTLEMENT_BINARY, {"--config", config, "migrate"}, {});
    EXPECT_EQ(fileOnly.exitCode, 75) << fileOnly.err;
    EXPECT_NE(fileOnly.err.find(":1/no_such_database"), std::string::npos) << fileOnly.err;
    // A flag beats the file: --threads overrides run.threads (a bad value names the flag).
    auto flag = db.settlement({"--config", config, "run", "--date", "2026-01-01", "--threads", "0"});
    EXPECT_EQ(flag.exitCode, 2);
    EXPECT_NE(flag.err.find("--threads must be between 1 and 256"), std::string::npos) << flag.err;
}
