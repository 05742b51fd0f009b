// Procedures that raise a session variable for their own work give the caller's value back
// on return, also when they fail (issue 11: "session settings restored").
#include <gtest/gtest.h>

#include "db/DatabaseError.h"
#include "support/Seed.h"
#include "support/TestDatabase.h"

using namespace settlement::test;

namespace {

const std::string kDay = "2026-03-10";

// A session of its own with small, recognisable values of the variables procedures raise.
std::unique_ptr<settlement::db::Connection> callerSession(TestDatabase& db) {
    auto c = settlement::db::Connection::open(testServer(db.name()));
    c->execute("SET SESSION max_heap_table_size = 2097152, sort_buffer_size = 327680, tmp_table_size = 3145728");
    return c;
}

std::string variables(settlement::db::Connection& c) {
    auto v = c.query("SELECT @@SESSION.max_heap_table_size, @@SESSION.sort_buffer_size, @@SESSION.tmp_table_size");
    return *v.rows.at(0)[0] + "|" + *v.rows.at(0)[1] + "|" + *v.rows.at(0)[2];
}

const std::string kCallerValues = "2097152|327680|3145728";

}  // namespace

TEST(SessionSettings, StatisticsRangeRestoresTheCallersHeapTableSize) {
    auto db = statsFixtureDatabase("t_session_stats");
    auto c = callerSession(*db);
    ASSERT_EQ(variables(*c), kCallerValues);
    c->query("CALL aggregate_daily_stats_range('" + kDay + "', 0, 18446744073709551615)");
    EXPECT_EQ(variables(*c), kCallerValues);
}

TEST(SessionSettings, StatisticsRangeRestoresThemOnError) {
    auto db = statsFixtureDatabase("t_session_stats_error");
    // Another transaction holds a daily row the range writes: the range fails with 1205
    // after it raised its cap.
    auto blocker = settlement::db::Connection::open(testServer(db->name()));
    blocker->execute("START TRANSACTION");
    blocker->execute("UPDATE video_daily_stat SET views = views WHERE business_date = '" + kDay + "' AND video_id = 100");
    auto c = callerSession(*db);
    c->execute("SET SESSION innodb_lock_wait_timeout = 1");
    try {
        c->query("CALL aggregate_daily_stats_range('" + kDay + "', 0, 18446744073709551615)");
        ADD_FAILURE() << "the range did not wait for the blocked row";
    } catch (const settlement::db::DatabaseError& e) {
        EXPECT_EQ(e.mysqlCode(), 1205) << e.what();
    }
    blocker->execute("ROLLBACK");
    EXPECT_EQ(variables(*c), kCallerValues);
}

TEST(SessionSettings, RecountRestoresTheCallersSortBufferAlsoOnAMismatch) {
    auto db = statsFixtureDatabase("t_session_recount");
    auto c = callerSession(*db);
    c->execute("CALL reconcile_counts('" + kDay + "', 0, 18446744073709551615, @v, @rv, @a, @ra)");
    EXPECT_EQ(variables(*c), kCallerValues);

    db->sql().execute("UPDATE video_daily_stat SET views = views + 1 WHERE business_date = '" + kDay + "' AND video_id = 100");
    try {
        c->execute("CALL reconcile_counts('" + kDay + "', 0, 18446744073709551615, @v, @rv, @a, @ra)");
        ADD_FAILURE() << "the recount did not see the changed figure";
    } catch (const settlement::db::DatabaseError& e) {
        EXPECT_NE(std::string(e.what()).find("recount"), std::string::npos) << e.what();
    }
    EXPECT_EQ(variables(*c), kCallerValues);
}
