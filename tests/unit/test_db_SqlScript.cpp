#include <gtest/gtest.h>

#include "db/SqlScript.h"

using namespace settlement::db;

TEST(SqlScript, SplitsOnSemicolonsThatEndALine) {
    auto s = splitStatements("CREATE TABLE a (x INT);\n-- a comment; with a semicolon;\nINSERT INTO a VALUES (1);  \n");
    ASSERT_EQ(s.size(), 2u);
    EXPECT_EQ(s[0], "CREATE TABLE a (x INT)");
    EXPECT_EQ(s[1], "INSERT INTO a VALUES (1)");
}

TEST(SqlScript, KeepsSemicolonsInsideQuotesAndComments) {
    auto s = splitStatements("INSERT INTO t VALUES ('a;\n', \"b;\");\n/* x;\n y; */ SELECT 1;\n");
    ASSERT_EQ(s.size(), 2u);
    EXPECT_EQ(s[0], "INSERT INTO t VALUES ('a;\n', \"b;\")");
    EXPECT_EQ(s[1], "SELECT 1");
}

TEST(SqlScript, NamesTheCreatedRoutine) {
    auto r = createdObject("-- header\nCREATE PROCEDURE `settle_videos_range`(IN in_date DATE)\nBEGIN END");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->kind, "PROCEDURE");
    EXPECT_EQ(r->name, "settle_videos_range");
    auto f = createdObject("create definer=CURRENT_USER function period_start(x DATE) RETURNS DATE RETURN x");
    ASSERT_TRUE(f);
    EXPECT_EQ(f->kind, "FUNCTION");
    EXPECT_EQ(f->name, "period_start");
    EXPECT_FALSE(createdObject("SELECT 1"));
}
