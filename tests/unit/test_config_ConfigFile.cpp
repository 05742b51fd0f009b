#include <gtest/gtest.h>

#include "app/ExitCode.h"
#include "config/ConfigFile.h"

using settlement::config::parseConfigText;

namespace {

std::string errorOf(const std::string& text) {
    try {
        parseConfigText(text, "test.properties");
    } catch (const settlement::app::UsageError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST(ConfigFile, ReadsKeysValuesCommentsAndContinuations) {
    auto entries = parseConfigText(
        "# a comment\n! another\n\n  db.host = db.internal  \ndb.port:3307\r\nlog.file = /var/log/a\\\n    b.log\n"
        "db.password =\n",
        "t");
    EXPECT_EQ(entries.at("db.host").value, "db.internal");
    EXPECT_EQ(entries.at("db.host").line, 4u);
    EXPECT_EQ(entries.at("db.port").value, "3307");
    EXPECT_EQ(entries.at("log.file").value, "/var/log/ab.log");
    EXPECT_EQ(entries.at("db.password").value, "");
    EXPECT_EQ(entries.at("db.password").line, 8u);
}

TEST(ConfigFile, AGarbageLineIsNamedByFileAndLine) {
    EXPECT_EQ(errorOf("db.host = x\nthis is not a setting\n"),
              "test.properties:2: not a `key = value` line: 'this is not a setting'");
    EXPECT_NE(errorOf("= 5\n").find("test.properties:1: a value without a key"), std::string::npos);
}

TEST(ConfigFile, AnUnknownKeyIsRefusedWithASuggestion) {
    EXPECT_EQ(errorOf("\nrun.thread = 4\n"),
              "test.properties:2: unknown key 'run.thread' (did you mean run.threads?); config/settlement.properties "
              "lists every key");
    EXPECT_NE(errorOf("frobnicate = yes\n").find("test.properties:1: unknown key 'frobnicate';"), std::string::npos);
    EXPECT_NE(errorOf("option.config = x\n").find("unknown key"), std::string::npos);
}

TEST(ConfigFile, AnUnparseableValueNamesKeyAndLine) {
    EXPECT_EQ(errorOf("run.threads = abc\n"),
              "test.properties:1: run.threads must be a whole number from 0 to 256, got 'abc'");
    EXPECT_NE(errorOf("a.b=1\n").find(":1: unknown key"), std::string::npos);
    EXPECT_NE(errorOf("#\npartitions.archive = maybe\n").find(":2: partitions.archive must be true or false"),
              std::string::npos);
    EXPECT_NE(errorOf("business.utc_offset = KST\n").find(":1: business.utc_offset must be an offset"),
              std::string::npos);
    EXPECT_NE(errorOf("log.level = verbose\n").find(":1: log.level must be trace"), std::string::npos);
    EXPECT_NE(errorOf("load.max_line_bytes = 1\n").find("load.max_line_bytes must be a whole number from 64"),
              std::string::npos);
}

TEST(ConfigFile, AKeySetTwiceIsRefused) {
    EXPECT_EQ(errorOf("db.port = 1\ndb.host = h\ndb.port = 2\n"), "test.properties:3: db.port is set twice (also on line 1)");
}
