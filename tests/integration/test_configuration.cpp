// Configuration errors are exit 2 with a message naming the file and line, never Poco's 78
// and never silence (SPEC §8, issue 11). None of these reach the database.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "support/TestDatabase.h"

using namespace settlement::test;

namespace {

CommandResult settlementWith(const std::vector<std::string>& args, std::map<std::string, std::string> env = {}) {
    return runProgram(SETTLEMENT_BINARY, args, env);
}

void expectUsageError(const CommandResult& r, const std::string& message) {
    EXPECT_EQ(r.exitCode, 2) << r.err;
    EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
}

}  // namespace

TEST(Configuration, AMissingConfigFileIsExit2) {
    expectUsageError(settlementWith({"--config", "/nonexistent/settlement.properties", "status"}),
                     "config file /nonexistent/settlement.properties cannot be read: No such file or directory");
}

TEST(Configuration, ADirectoryAsConfigFileIsExit2) {
    std::string dir = std::filesystem::path(writeTempFile("x", "")).parent_path().string();
    expectUsageError(settlementWith({"--config", dir, "status"}), "config file " + dir + " is a directory");
}

TEST(Configuration, AnEndlessConfigFileIsExit2) {
    expectUsageError(settlementWith({"--config", "/dev/zero", "status"}), "config file /dev/zero is larger than");
}

TEST(Configuration, AnUnknownLogLevelIsExit2) {
    expectUsageError(settlementWith({"--log-level", "verbose", "status"}), "got 'verbose'");
}

TEST(Configuration, AGarbageLineIsNamedByFileAndLine) {
    std::string path = writeTempFile("garbage.properties", "db.host = 127.0.0.1\n\n# fine\nrm -rf /\n");
    expectUsageError(settlementWith({"--config", path, "status"}), path + ":4: not a `key = value` line: 'rm -rf /'");
}

TEST(Configuration, AnUnknownKeyIsNamedByFileAndLine) {
    std::string path = writeTempFile("unknown.properties", "run.threads = 2\nrun.thread = 4\n");
    expectUsageError(settlementWith({"--config", path, "status"}),
                     path + ":2: unknown key 'run.thread' (did you mean run.threads?)");
    std::string other = writeTempFile("other.properties", "retry.max_atempts = 3\n");
    expectUsageError(settlementWith({"--config", other, "status"}), other + ":1: unknown key 'retry.max_atempts'");
}

TEST(Configuration, AnUnparseableValueIsNamedByFileAndLine) {
    std::string path = writeTempFile("value.properties", "# threads\nrun.threads=abc\n");
    expectUsageError(settlementWith({"--config", path, "run", "--date", "2026-03-10"}),
                     path + ":2: run.threads must be a whole number from 0 to 256, got 'abc'");
}

TEST(Configuration, AnUnparseableEnvironmentValueIsNamed) {
    expectUsageError(settlementWith({"status"}, {{"SETTLEMENT_DB_PORT", "33o6"}}),
                     "SETTLEMENT_DB_PORT: db.port must be a whole number from 1 to 65535, got '33o6'");
}

TEST(Configuration, ALogFileInAMissingDirectoryIsExit2AndNoDirectoryIsMade) {
    std::string dir = std::filesystem::path(writeTempFile("x", "")).parent_path().string() + "/missing";
    expectUsageError(settlementWith({"--log-file", dir + "/x.log", "status"}),
                     "log file " + dir + "/x.log cannot be opened: " + dir + " is not a directory");
    EXPECT_FALSE(std::filesystem::exists(dir));
    expectUsageError(settlementWith({"--log-file", "/nonexistent/x.log", "status"}), "log file /nonexistent/x.log");
}

TEST(Configuration, ALogFileThatCannotBeWrittenIsExit2) {
    std::string dir = std::filesystem::path(writeTempFile("x", "")).parent_path().string();
    expectUsageError(settlementWith({"--log-file", dir, "status"}), "log file " + dir + " cannot be opened: it is a directory");
    // The file key of the config file is checked the same way.
    std::string path = writeTempFile("log.properties", "log.file = /proc/version/x.log\n");
    expectUsageError(settlementWith({"--config", path, "status"}), "log file /proc/version/x.log cannot be opened");
}

TEST(Configuration, AValidConfigFileIsTakenAndTheFlagsOverrideIt) {
    TestDatabase db("t_config_valid");
    std::string log = std::filesystem::path(writeTempFile("x", "")).parent_path().string() + "/run.log";
    std::filesystem::remove(log);  // from an earlier run of the suite
    std::string path = writeTempFile("valid.properties",
                                     "# comment\ndb.connect_timeout_sec = 3\nlog.level = debug\nlog.file = " + log +
                                         "\npartitions.archive = yes\n");
    auto r = db.settlement({"--config", path, "--log-level", "info", "migrate"});
    EXPECT_EQ(r.exitCode, 0) << r.err;
    std::ifstream in(log);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_NE(text.find("migrate: applying V001"), std::string::npos) << text;
    // --log-level info overrides the file's debug.
    EXPECT_EQ(text.find("migrate: procedure "), std::string::npos) << text;
    auto debug = db.settlement({"--config", path, "migrate"});
    EXPECT_NE(debug.err.find("migrate: procedure "), std::string::npos) << debug.err;
}

TEST(Configuration, BadInvocationsAreExit2NeverAnotherCode) {
    for (const std::vector<std::string>& args :
         std::vector<std::vector<std::string>>{{}, {"frobnicate"}, {"status", "--bogus"}, {"--config"},
                                               {"run", "--date"}, {"run", "--date", "2026-02-30"},
                                               {"status", "extra"}, {"--log-level", "", "status"}}) {
        auto r = settlementWith(args);
        std::string shown;
        for (const auto& a : args) shown += " " + a;
        EXPECT_EQ(r.exitCode, 2) << "settlement" << shown << "\n" << r.err;
    }
    EXPECT_EQ(settlementWith({"--help"}).exitCode, 0);
    EXPECT_EQ(settlementWith({"run", "--help"}).exitCode, 0);
}
