// Partition lifecycle (issue 6): ensure, check, drop/archive, DDL during inserts, pruning.
// Layouts are read back from information_schema.PARTITIONS as "name<bound" lists.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "db/DatabaseError.h"
#include "engine/Planner.h"
#include "engine/Step.h"
#include "support/TestDatabase.h"

using namespace settlement::test;
namespace db = settlement::db;

namespace {

// "p_before<'2025-03-01' p20250301<'2025-03-02' ... p_future<MAXVALUE"
std::string layout(TestDatabase& t, const std::string& table) {
    std::string out;
    for (const auto& r : t.rows("SELECT CONCAT(PARTITION_NAME, '<', PARTITION_DESCRIPTION)"
                                " FROM information_schema.PARTITIONS"
                                " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '" + table + "'"
                                " ORDER BY PARTITION_ORDINAL_POSITION"))
        out += (out.empty() ? "" : " ") + r;
    return out;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

void insertView(TestDatabase& t, const std::string& day, int eventId) {
    t.sql().execute("INSERT INTO view_log (business_date, video_id, viewer_id, started_at, event_id, ip, watched_sec,"
                    " last_position_sec) VALUES ('" + day + "', 10, 2, '" + day + " 01:00:00', " +
                    std::to_string(eventId) + ", '10.0.0.1', 60, 60)");
}

void insertAdView(TestDatabase& t, const std::string& day, int eventId) {
    t.sql().execute("INSERT INTO ad_view_log (business_date, video_id, viewer_id, ad_id, viewed_at, event_id, ip)"
                    " VALUES ('" + day + "', 10, 2, 100, '" + day + " 01:00:00', " + std::to_string(eventId) +
                    ", '10.0.0.1')");
}

void recordRun(TestDatabase& t, const std::string& day, const std::string& state) {
    t.sql().execute("INSERT INTO job_run (job, business_date, state, owner_host, owner_pid, threads, started_at,"
                    " heartbeat_at) VALUES ('daily', '" + day + "', '" + state + "', 'test', 1, 1, NOW(3), NOW(3))"
                    " ON DUPLICATE KEY UPDATE state = VALUES(state)");
}

}  // namespace

// --- ensure ---------------------------------------------------------------------------------

TEST(Partitions, EnsureCreatesExactlyTheDaysAndIsIdempotent) {
    TestDatabase t("t_part_ensure");
    t.migrate();
    // V001 starts every log table as (p_before < 1970-01-02, p_future).
    ASSERT_EQ(layout(t, "view_log"), "p_before<'1970-01-02' p_future<MAXVALUE");

    auto r = t.settlement({"partitions", "ensure", "--from", "2025-03-01", "--to", "2025-03-03"});
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    // The first call turns the fresh table into (p_before < from, one partition a day, p_future).
    const std::string three = "p_before<'2025-03-01' p20250301<'2025-03-02' p20250302<'2025-03-03' "
                              "p20250303<'2025-03-04' p_future<MAXVALUE";
    EXPECT_EQ(layout(t, "view_log"), three);
    EXPECT_EQ(layout(t, "ad_view_log"), three);

    // Same days again, and days already inside the range: nothing changes.
    r = t.settlement({"partitions", "ensure", "--from", "2025-03-01", "--to", "2025-03-03"});
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    t.sql().execute("CALL ensure_log_partitions('2025-03-02', '2025-03-02')");
    EXPECT_EQ(layout(t, "view_log"), three);
    EXPECT_EQ(layout(t, "ad_view_log"), three);

    // A day below with a hole (02-27; 02-28 fills the hole) is split out of the empty p_before.
    t.sql().execute("CALL ensure_log_partitions('2025-02-27', '2025-02-27')");
    // A day above with a hole (03-05; 03-04 fills it) is split out of the empty p_future.
    t.sql().execute("CALL ensure_log_partitions('2025-03-05', '2025-03-05')");
    const std::string seven = "p_before<'2025-02-27' p20250227<'2025-02-28' p20250228<'2025-03-01' "
                              "p20250301<'2025-03-02' p20250302<'2025-03-03' p20250303<'2025-03-04' "
                              "p20250304<'2025-03-05' p20250305<'2025-03-06' p_future<MAXVALUE";
    EXPECT_EQ(layout(t, "view_log"), seven);
    EXPECT_EQ(layout(t, "ad_view_log"), seven);
    EXPECT_FALSE(t.sql().scalar("SELECT @ensure_log_partitions_notice").has_value());

    // --days-ahead counts from --from: 2025-03-05 + 2 = 03-07.
    r = t.settlement({"partitions", "ensure", "--from", "2025-03-05", "--days-ahead", "2"});
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_TRUE(contains(layout(t, "view_log"), "p20250306<'2025-03-07' p20250307<'2025-03-08' p_future<MAXVALUE"))
        << layout(t, "view_log");
}

TEST(Partitions, EnsureNeverReorganisesACatchAllThatHoldsRows) {
    TestDatabase t("t_part_ensure_busy");
    t.migrate();
    t.sql().execute("CALL ensure_log_partitions('2025-03-01', '2025-03-03')");
    // One event beyond the last day (lands in p_future), one before the first (p_before).
    insertView(t, "2025-03-10", 1);
    insertView(t, "2025-02-01", 2);
    const std::string before = layout(t, "view_log");

    // A load or run asking for days on both sides must not fail in SQL ...
    t.sql().execute("CALL ensure_log_partitions('2025-02-27', '2025-03-05')");
    auto notice = t.sql().scalar("SELECT @ensure_log_partitions_notice");
    ASSERT_TRUE(notice.has_value());
    EXPECT_TRUE(contains(*notice, "view_log: p_before holds rows")) << *notice;
    EXPECT_TRUE(contains(*notice, "view_log: p_future holds rows")) << *notice;
    // ... view_log keeps its layout (the catch-alls were not rebuilt), and its rows stay readable,
    EXPECT_EQ(layout(t, "view_log"), before);
    EXPECT_EQ(t.count("SELECT COUNT(*) FROM view_log WHERE business_date IN ('2025-03-10', '2025-02-01')"), 2);
    // ... while the empty ad_view_log got every day 02-27 .. 03-05.
    EXPECT_EQ(layout(t, "ad_view_log"),
              "p_before<'2025-02-27' p20250227<'2025-02-28' p20250228<'2025-03-01' p20250301<'2025-03-02' "
              "p20250302<'2025-03-03' p20250303<'2025-03-04' p20250304<'2025-03-05' p20250305<'2025-03-06' "
              "p_future<MAXVALUE");

    // The command says so and exits 1, so cron alerts.
    auto r = t.settlement({"partitions", "ensure", "--from", "2025-03-01", "--to", "2025-03-05"});
    EXPECT_EQ(r.exitCode, 1) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "p_future holds rows")) << r.out;
    EXPECT_EQ(layout(t, "view_log"), before);
}

TEST(Partitions, RepairGivesTheRowsInTheCatchAllsDaysOfTheirOwn) {
    TestDatabase t("t_part_repair");
    t.migrate();
    t.sql().execute("CALL ensure_log_partitions('2025-03-01', '2025-03-02')");
    insertView(t, "2025-02-27", 1);  // in p_before
    insertView(t, "2025-03-04", 2);  // in p_future
    insertView(t, "2025-03-04", 3);
    // The DBA's deliberate repair: 02-27 .. 02-28 below and 03-03 .. 03-04 above; 3 rows copied.
    EXPECT_EQ(t.rows("CALL repair_log_catch_alls('view_log')"), (std::vector<std::string>{"view_log|4|3"}));
    EXPECT_EQ(layout(t, "view_log"),
              "p_before<'2025-02-27' p20250227<'2025-02-28' p20250228<'2025-03-01' p20250301<'2025-03-02' "
              "p20250302<'2025-03-03' p20250303<'2025-03-04' p20250304<'2025-03-05' p_future<MAXVALUE");
    EXPECT_EQ(t.count("SELECT COUNT(*) FROM view_log PARTITION (p20250304)"), 2);
    EXPECT_EQ(t.count("SELECT COUNT(*) FROM view_log PARTITION (p_before, p_future)"), 0);
    // Nothing left to repair; a stray far-away date is refused rather than made into 27,000 days.
    EXPECT_EQ(t.rows("CALL repair_log_catch_alls('view_log')"), (std::vector<std::string>{"view_log|0|0"}));
    insertView(t, "2099-01-01", 4);
    EXPECT_THROW(t.sql().query("CALL repair_log_catch_alls('view_log')"), db::DatabaseError);
}

TEST(Partitions, EnsureRejectsBadArguments) {
    TestDatabase t("t_part_ensure_args");
    t.migrate();
    EXPECT_THROW(t.sql().execute("CALL ensure_log_partitions('2025-03-02', '2025-03-01')"), db::DatabaseError);
    EXPECT_THROW(t.sql().execute("CALL ensure_log_partitions(NULL, '2025-03-01')"), db::DatabaseError);
    // 3660 days is the most one call adds.
    EXPECT_THROW(t.sql().execute("CALL ensure_log_partitions('2000-01-01', '2020-01-01')"), db::DatabaseError);
    EXPECT_EQ(layout(t, "view_log"), "p_before<'1970-01-02' p_future<MAXVALUE");

    auto r = t.settlement({"partitions", "ensure", "--from", "2025-03-02", "--to", "2025-03-01"});
    EXPECT_EQ(r.exitCode, 2) << r.err;
    r = t.settlement({"partitions", "sideways"});
    EXPECT_EQ(r.exitCode, 2) << r.err;
    r = t.settlement({"partitions"});
    EXPECT_EQ(r.exitCode, 2) << r.err;
}

// --- check ----------------------------------------------------------------------------------

TEST(Partitions, CheckReportsMissingDaysAndRowsInACatchAll) {
    TestDatabase t("t_part_check");
    t.migrate();
    t.sql().execute("CALL ensure_log_partitions('2025-03-01', '2025-03-08')");

    // 03-02 + 3 days ahead = 03-05, all there: OK, exit 0.
    auto r = t.settlement({"partitions", "check", "--date", "2025-03-02", "--days-ahead", "3"});
    EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "OK")) << r.out;

    // 03-02 + 10 = 03-12: 03-09 .. 03-12 are missing in both tables.
    auto problems = t.rows("CALL check_log_partitions('2025-03-02', 10)");
    EXPECT_EQ(problems, (std::vector<std::string>{
        "view_log|MISSING_DAYS|2025-03-09|2025-03-12|NULL|no daily partition; run CALL ensure_log_partitions('2025-03-02', '2025-03-12')",
        "ad_view_log|MISSING_DAYS|2025-03-09|2025-03-12|NULL|no daily partition; run CALL ensure_log_partitions('2025-03-02', '2025-03-12')"}));
    r = t.settlement({"partitions", "check", "--date", "2025-03-02", "--days-ahead", "10"});
    EXPECT_EQ(r.exitCode, 1) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "MISSING_DAYS")) << r.out;
    EXPECT_TRUE(contains(r.out, "2025-03-09 .. 2025-03-12")) << r.out;

    // Two events after the last day (03-08) sit in p_future.
    insertView(t, "2025-03-20", 1);
    insertView(t, "2025-03-25", 2);
    problems = t.rows("CALL check_log_partitions('2025-03-02', 3)");
    EXPECT_EQ(problems, (std::vector<std::string>{
        "view_log|ROWS_IN_CATCH_ALL|2025-03-20|2025-03-25|p_future|2 row(s) dated after the last daily partition"}));
    r = t.settlement({"partitions", "check", "--date", "2025-03-02", "--days-ahead", "3"});
    EXPECT_EQ(r.exitCode, 1) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "ROWS_IN_CATCH_ALL")) << r.out;
    EXPECT_TRUE(contains(r.out, "p_future")) << r.out;
}

TEST(Partitions, CheckReportsAPartitionCoveringSeveralDays) {
    TestDatabase t("t_part_check_gap");
    t.migrate();
    t.sql().execute("CALL ensure_log_partitions('2025-03-01', '2025-03-05')");
    // A hand-made two-day partition in the middle: 03-02 and 03-03 no longer have their own.
    t.sql().execute("ALTER TABLE ad_view_log REORGANIZE PARTITION p20250302, p20250303 INTO"
                    " (PARTITION p20250302 VALUES LESS THAN ('2025-03-04'))");
    EXPECT_EQ(t.rows("CALL check_log_partitions('2025-03-01', 4)"),
              (std::vector<std::string>{
                  "ad_view_log|NOT_DAILY|2025-03-02|2025-03-03|p20250302|covers 2 day(s) from 2025-03-02"}));
}

// --- drop and archive -----------------------------------------------------------------------

TEST(Partitions, DropKeepsUnprocessedDaysAndRemovesOldProcessedOnes) {
    TestDatabase t("t_part_drop");
    t.migrate();
    t.sql().execute("CALL ensure_log_partitions('2025-01-01', '2025-01-07')");
    // Logs on 01-01 .. 01-04 and 01-06; 01-05 has none. 01-03's run failed, 01-04 never ran.
    int id = 1;
    for (const char* day : {"2025-01-01", "2025-01-02", "2025-01-03", "2025-01-04", "2025-01-06"}) {
        insertView(t, day, id++);
        insertAdView(t, day, id++);
    }
    for (const char* day : {"2025-01-01", "2025-01-02", "2025-01-05", "2025-01-06"}) recordRun(t, day, "COMPLETED");
    recordRun(t, "2025-01-03", "FAILED");
    // Statistics of an old day: retention never touches them.
    t.sql().execute("INSERT INTO video_daily_stat (business_date, video_id, views, watch_seconds, ad_views)"
                    " VALUES ('2025-01-01', 10, 1, 60, 1)");

    // A dry run changes nothing.
    auto r = t.settlement({"partitions", "drop", "--before", "2025-01-06", "--dry-run"});
    EXPECT_EQ(r.exitCode, 1) << r.out << r.err;  // refused days need attention
    EXPECT_TRUE(contains(r.out, "2025-01-01  WOULD_DROP")) << r.out;
    EXPECT_EQ(t.count("SELECT COUNT(*) FROM view_log"), 5);

    // Days before 01-06: 01-01 and 01-02 go; 01-03 (FAILED) and 01-04 (no run) are refused and
    // kept; 01-05 has nothing. 01-06 is not before the cutoff.
    r = t.settlement({"partitions", "drop", "--before", "2025-01-06"});
    EXPECT_EQ(r.exitCode, 1) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "2025-01-03  REFUSED        has logs but no completed daily run (FAILED)")) << r.out;
    EXPECT_TRUE(contains(r.out, "2025-01-04  REFUSED        has logs but no completed daily run (never run)")) << r.out;
    EXPECT_TRUE(contains(r.out, "2025-01-01  DROPPED")) << r.out;
    EXPECT_EQ(t.rows("SELECT DISTINCT business_date FROM view_log ORDER BY 1"),
              (std::vector<std::string>{"2025-01-03", "2025-01-04", "2025-01-06"}));
    EXPECT_EQ(t.rows("SELECT DISTINCT business_date FROM ad_view_log ORDER BY 1"),
              (std::vector<std::string>{"2025-01-03", "2025-01-04", "2025-01-06"}));
    // The emptied 01-01 and 01-02 were merged into p_before, up to the first refused day.
    const std::string afterFirst = "p_before<'2025-01-03' p20250103<'2025-01-04' p20250104<'2025-01-05' "
                                   "p20250105<'2025-01-06' p20250106<'2025-01-07' p20250107<'2025-01-08' "
                                   "p_future<MAXVALUE";
    EXPECT_EQ(layout(t, "view_log"), afterFirst);
    EXPECT_EQ(layout(t, "ad_view_log"), afterFirst);
    EXPECT_EQ(t.count("SELECT COUNT(*) FROM video_daily_stat WHERE business_date = '2025-01-01'"), 1);

    // Once 01-03 and 01-04 are processed, everything before 01-06 goes.
    recordRun(t, "2025-01-03", "COMPLETED");
    recordRun(t, "2025-01-04", "COMPLETED");
    r = t.settlement({"partitions", "drop", "--before", "2025-01-06"});
    EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_EQ(t.rows("SELECT DISTINCT business_date FROM view_log ORDER BY 1"), (std::vector<std::string>{"2025-01-06"}));
    EXPECT_EQ(layout(t, "view_log"), "p_before<'2025-01-06' p20250106<'2025-01-07' p20250107<'2025-01-08' p_future<MAXVALUE");
    EXPECT_EQ(t.count("SELECT COUNT(*) FROM video_daily_stat WHERE business_date = '2025-01-01'"), 1);
    EXPECT_EQ(t.count("SELECT COUNT(*) FROM view_log_archive"), 0);  // dropped, not archived

    // Nothing left to do: idempotent.
    r = t.settlement({"partitions", "drop", "--before", "2025-01-06"});
    EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_EQ(layout(t, "view_log"), "p_before<'2025-01-06' p20250106<'2025-01-07' p20250107<'2025-01-08' p_future<MAXVALUE");

    // A cutoff after today is refused as a usage error.
    r = t.settlement({"partitions", "drop", "--before", "2999-01-01"});
    EXPECT_EQ(r.exitCode, 2) << r.out << r.err;
}

TEST(Partitions, ArchiveMovesTheDaysPartitionWithoutCopyingRows) {
    TestDatabase t("t_part_archive");
    t.migrate();
    t.sql().execute("CALL ensure_log_partitions('2025-01-01', '2025-01-04')");
    insertView(t, "2025-01-01", 11);
    insertView(t, "2025-01-01", 12);
    insertView(t, "2025-01-02", 21);
    insertView(t, "2025-01-03", 31);
    insertAdView(t, "2025-01-02", 22);
    for (const char* day : {"2025-01-01", "2025-01-02", "2025-01-03"}) recordRun(t, day, "COMPLETED");
    // The InnoDB tablespace of view_log's 01-01 partition: EXCHANGE PARTITION moves this very
    // file to the archive; a copy would write the rows into the archive's own new file.
    auto space = t.sql().scalar("SELECT SPACE FROM information_schema.INNODB_SYS_TABLES WHERE NAME = '" +
                                t.name() + "/view_log#P#p20250101'");
    ASSERT_TRUE(space.has_value());

    auto r = t.settlement({"partitions", "drop", "--before", "2025-01-03", "--archive"});
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "2025-01-01  ARCHIVED")) << r.out;

    EXPECT_EQ(t.rows("SELECT business_date, event_id FROM view_log_archive ORDER BY event_id"),
              (std::vector<std::string>{"2025-01-01|11", "2025-01-01|12", "2025-01-02|21"}));
    EXPECT_EQ(t.rows("SELECT business_date, event_id FROM ad_view_log_archive ORDER BY event_id"),
              (std::vector<std::string>{"2025-01-02|22"}));
    EXPECT_EQ(t.rows("SELECT business_date, event_id FROM view_log ORDER BY event_id"),
              (std::vector<std::string>{"2025-01-03|31"}));
    EXPECT_EQ(layout(t, "view_log"), "p_before<'2025-01-03' p20250103<'2025-01-04' p20250104<'2025-01-05' p_future<MAXVALUE");
    EXPECT_EQ(layout(t, "view_log_archive"),
              "p_before<'2025-01-01' p20250101<'2025-01-02' p20250102<'2025-01-03' p_future<MAXVALUE");
    EXPECT_EQ(t.sql().scalar("SELECT SPACE FROM information_schema.INNODB_SYS_TABLES WHERE NAME = '" + t.name() +
                             "/view_log_archive#P#p20250101'"),
              space);
    EXPECT_EQ(t.count("SELECT COUNT(*) FROM view_log_exchange"), 0);
    EXPECT_EQ(t.count("SELECT COUNT(*) FROM ad_view_log_exchange"), 0);
}

TEST(Partitions, AnInterruptedArchiveIsReportedAndFinished) {
    TestDatabase t("t_part_archive_resume");
    t.migrate();
    t.sql().execute("CALL ensure_log_partitions('2025-01-01', '2025-01-03')");
    insertView(t, "2025-01-01", 11);
    recordRun(t, "2025-01-01", "COMPLETED");
    // What a drop killed between its two swaps leaves behind: the day in view_log_exchange.
    t.sql().execute("ALTER TABLE view_log EXCHANGE PARTITION p20250101 WITH TABLE view_log_exchange");
    auto problems = t.rows("CALL check_log_partitions('2025-01-01', 2)");
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_TRUE(contains(problems[0], "view_log|ARCHIVE_INTERRUPTED|2025-01-01|2025-01-01")) << problems[0];

    auto r = t.settlement({"partitions", "drop", "--before", "2025-01-01"});
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_EQ(t.rows("SELECT business_date, event_id FROM view_log_archive"), (std::vector<std::string>{"2025-01-01|11"}));
    EXPECT_EQ(t.count("SELECT COUNT(*) FROM view_log_exchange"), 0);
    EXPECT_TRUE(t.rows("CALL check_log_partitions('2025-01-01', 2)").empty());
}

// --- DDL while events arrive ----------------------------------------------------------------

TEST(Partitions, EnsureWhileEventsAreInsertedLosesNothing) {
    TestDatabase t("t_part_concurrent");
    t.migrate();
    // Events go to 03-10 .. 03-14; ensure keeps adding a day below and a day above meanwhile.
    t.sql().execute("CALL ensure_log_partitions('2025-03-10', '2025-03-14')");
    std::atomic<bool> ddlDone{false};
    std::atomic<long long> inserted{0};
    std::atomic<long long> insertedDuringDdl{0};
    std::string insertError, ensureError;

    std::thread inserter([&] {
        try {
            auto c = db::Connection::open(testServer(t.name()));
            long long id = 1;
            // Keep inserting until the DDL is over, then a little more.
            for (int after = 0; after < 20;) {
                std::string sql = "INSERT INTO view_log (business_date, video_id, viewer_id, started_at, event_id, ip,"
                                  " watched_sec, last_position_sec) VALUES ";
                for (int i = 0; i < 10; ++i, ++id) {
                    std::string day = "2025-03-1" + std::to_string(id % 5);
                    sql += (i ? ", ('" : "('") + day + "', " + std::to_string(1 + id % 7) + ", " +
                           std::to_string(id) + ", '" + day + " 02:00:00', " + std::to_string(id) + ", '', 1, 1)";
                }
                c->execute(sql);
                inserted += 10;
                if (ddlDone) ++after;
                else insertedDuringDdl += 10;
            }
        } catch (const std::exception& e) {
            insertError = e.what();
        }
    });
    std::thread ddl([&] {
        try {
            auto c = db::Connection::open(testServer(t.name()));
            // Day k: 03-10 - k and 03-14 + k, both split out of empty catch-alls.
            for (int k = 1; k <= 12; ++k) {
                std::string below = "DATE '2025-03-10' - INTERVAL " + std::to_string(k) + " DAY";
                std::string above = "DATE '2025-03-14' + INTERVAL " + std::to_string(k) + " DAY";
                c->execute("CALL ensure_log_partitions(" + below + ", " + above + ")");
                c->execute("CALL ensure_log_partitions(" + below + ", " + above + ")");  // no-op repeat
            }
        } catch (const std::exception& e) {
            ensureError = e.what();
        }
        ddlDone = true;
    });
    ddl.join();
    inserter.join();
    ASSERT_EQ(ensureError, "");
    ASSERT_EQ(insertError, "");
    EXPECT_GT(insertedDuringDdl.load(), 0);
    // Every acknowledged insert is there, each in its day; nothing went to a catch-all.
    EXPECT_EQ(t.count("SELECT COUNT(*) FROM view_log"), inserted.load());
    EXPECT_EQ(t.count("SELECT COUNT(DISTINCT event_id) FROM view_log"), inserted.load());
    EXPECT_EQ(t.count("SELECT COUNT(*) FROM view_log WHERE business_date NOT BETWEEN '2025-03-10' AND '2025-03-14'"), 0);
    // 03-10 - 12 = 02-26 .. 03-14 + 12 = 03-26: 29 days, plus the two catch-alls.
    EXPECT_EQ(t.count("SELECT COUNT(*) FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = DATABASE()"
                      " AND TABLE_NAME = 'view_log'"), 31);
    EXPECT_TRUE(contains(layout(t, "view_log"), "p_before<'2025-02-26' p20250226<'2025-02-27'")) << layout(t, "view_log");
    EXPECT_TRUE(t.rows("CALL check_log_partitions('2025-03-10', 16)").empty());
}

// --- pruning --------------------------------------------------------------------------------
//
// MariaDB 10.11 has no ALTER TABLE ... DISCARD PARTITION ... TABLESPACE (a syntax error), so
// "make the other days unreadable" cannot be done there. Instead this counts the handler
// calls of the session (SHOW SESSION STATUS 'Handler_read%'): every partition a statement
// opens costs at least one call (an index dive, index_first or rnd_next) even when empty,
// and every row it reads one more. The same day is set up in two databases: `few` has only
// that day's partition and events; `many` has 201 daily partitions and events on other days
// too. If every query a run sends to the logs is pruned to the day's partition, the planner
// and each step of the daily job cost exactly the same number of handler calls in both. A
// query that is not pruned, or that also reads a neighbouring day, costs more in `many`; the
// test shows that with a deliberately unprunable query (so it can fail). Checked by hand:
// the test fails when the procedure's filter is DATE(business_date) = in_date, or when it
// also reads the day before (business_date BETWEEN in_date - 1 AND in_date).

namespace {

const std::string kDay = "2025-03-10";

long long handlerReads(db::Connection& c) {
    long long sum = 0;
    for (const auto& r : c.query("SHOW SESSION STATUS LIKE 'Handler_read%'").rows) sum += std::stoll(*r[1]);
    return sum;
}

// The day's catalog and events; with `otherDays`, also events on other days (in their own
// partitions), which a query pruned to the day never reads. `from`..`to`: the daily partitions.
void seedPruningDay(TestDatabase& t, const std::string& from, const std::string& to, bool otherDays) {
    t.migrate();
    t.sql().execute("CALL ensure_log_partitions('" + from + "', '" + to + "')");
    t.sql().execute("INSERT INTO member (id, role, name) VALUES (1, 'CREATOR', 'c'), (2, 'VIEWER', 'v2'),"
                    " (3, 'VIEWER', 'v3'), (4, 'ADVERTISER', 'a')");
    t.sql().execute("INSERT INTO video (id, creator_id, title, duration_sec) VALUES (10, 1, 'ten', 600), (11, 1, 'eleven', 600)");
    t.sql().execute("INSERT INTO ad (id, advertiser_id, title) VALUES (100, 4, 'ad')");
    t.sql().execute("INSERT INTO video_ad (video_id, ad_id, position_sec) VALUES (10, 100, 5)");
    // Business date 03-10 at +09:00 is UTC 03-09 15:00 .. 03-10 14:59.
    t.sql().execute(
        "INSERT INTO view_log (business_date, video_id, viewer_id, started_at, event_id, ip, watched_sec, last_position_sec) VALUES"
        " ('2025-03-10', 10, 2, '2025-03-09 16:00:00', 1, '', 100, 100),"   // first of (2, 10): counts
        " ('2025-03-10', 10, 2, '2025-03-09 16:00:10', 2, '', 50, 150),"    // 10 s later: no
        " ('2025-03-10', 10, 2, '2025-03-09 16:01:00', 3, '', 30, 180),"    // 50 s after the previous: counts
        " ('2025-03-10', 10, 1, '2025-03-09 16:05:00', 4, '', 999, 999),"   // the creator: a self view, ignored
        " ('2025-03-10', 10, 3, '2025-03-09 16:00:05', 5, '', 20, 20)");    // first of (3, 10): counts
    t.sql().execute(
        "INSERT INTO ad_view_log (business_date, video_id, viewer_id, ad_id, viewed_at, event_id, ip) VALUES"
        " ('2025-03-10', 10, 2, 100, '2025-03-09 16:00:00', 1, ''),"   // counts
        " ('2025-03-10', 10, 2, 100, '2025-03-09 16:00:20', 2, ''),"   // 20 s later: no
        " ('2025-03-10', 10, 3, 100, '2025-03-09 16:02:00', 3, '')");  // counts
    if (!otherDays) return;
    // Three events of each kind on the days before and after, and on two days further away.
    for (const char* day : {"2025-03-09", "2025-03-11", "2024-12-01", "2025-04-20"})
        for (int i = 0; i < 3; ++i) {
            std::string d = day, id = std::to_string(100 + i);
            t.sql().execute("INSERT INTO view_log (business_date, video_id, viewer_id, started_at, event_id, ip, watched_sec,"
                            " last_position_sec) VALUES ('" + d + "', 1" + std::to_string(i % 2) + ", 3, '" + d +
                            " 01:00:00', " + id + ", '', 10, 10)");
            t.sql().execute("INSERT INTO ad_view_log (business_date, video_id, viewer_id, ad_id, viewed_at, event_id, ip)"
                            " VALUES ('" + d + "', 10, 2, 100, '" + d + " 01:0" + std::to_string(i) + ":00', " + id + ", '')");
        }
}

// Fresh InnoDB statistics now, so both databases plan with the same ones (the background
// recalculation after the inserts would otherwise come at different moments). MariaDB:
// engine statistics only, no column histograms (those span every day of a table).
void analyze(TestDatabase& t) {
    for (const char* table : {"view_log", "ad_view_log", "video", "member", "video_ad", "ad"}) {
        try {
            t.sql().query(std::string("ANALYZE TABLE ") + table + " PERSISTENT FOR COLUMNS () INDEXES ()");
        } catch (const db::DatabaseError&) {
            t.sql().query(std::string("ANALYZE TABLE ") + table);  // MySQL 8
        }
    }
}

struct DayCost {
    long long planner = 0;
    std::vector<long long> steps;
    long long unpruned = 0;
    long long pruned = 0;
};

// What a run of kDay does against the logs, on this session: plan, then every step of the
// daily job over the whole id range (a step added later is covered without editing this).
DayCost measureRun(TestDatabase& t) {
    DayCost cost;
    auto& c = t.sql();
    settlement::config::RunSettings run;
    long long before = handlerReads(c);
    auto plan = settlement::engine::Planner(c, run).plan(kDay);
    cost.planner = handlerReads(c) - before;
    EXPECT_EQ(plan.weightsFrom, "a scan of " + kDay);  // the planner read the logs
    for (const auto& step : settlement::engine::loadSteps(c, settlement::engine::kDailyJob)) {
        before = handlerReads(c);
        c.query(step.ranged ? "CALL " + step.procedure + "('" + kDay + "', 0, 18446744073709551615)"
                            : "CALL " + step.procedure + "('" + kDay + "')");
        cost.steps.push_back(handlerReads(c) - before);
    }
    before = handlerReads(c);
    c.scalar("SELECT COUNT(*) FROM view_log WHERE business_date + INTERVAL 0 DAY = '" + kDay + "'");
    cost.unpruned = handlerReads(c) - before;
    before = handlerReads(c);
    c.scalar("SELECT COUNT(*) FROM view_log WHERE business_date = '" + kDay + "'");
    cost.pruned = handlerReads(c) - before;
    return cost;
}

}  // namespace

TEST(Partitions, ARunReadsOnlyItsDaysPartition) {
    TestDatabase few("t_part_prune_few");
    seedPruningDay(few, kDay, kDay, false);                          // the day alone
    TestDatabase many("t_part_prune_many");
    seedPruningDay(many, "2024-10-11", "2025-04-29", true);          // 201 daily partitions, 12 other days' events
    ASSERT_EQ(many.count("SELECT COUNT(*) FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = DATABASE()"
                         " AND TABLE_NAME = 'view_log'"), 203);

    analyze(few);
    analyze(many);
    DayCost small = measureRun(few);
    DayCost large = measureRun(many);

    // The method can fail: an unprunable query opens every partition, 198 more in `many`.
    EXPECT_GE(large.unpruned - small.unpruned, 198);
    EXPECT_EQ(large.pruned, small.pruned);
    // A run's queries against the logs cost the same with 3 or 201 days of partitions.
    EXPECT_EQ(large.planner, small.planner);
    EXPECT_EQ(large.steps, small.steps);

    // And they computed the day (hand-counted above): video 10 has 3 views, 100+50+30+20 = 200
    // seconds, 2 ad views; nothing else on 03-10.
    for (TestDatabase* t : {&few, &many})
        EXPECT_EQ(t->rows("SELECT video_id, views, watch_seconds, ad_views FROM video_daily_stat"
                          " WHERE business_date = '2025-03-10'"),
                  (std::vector<std::string>{"10|3|200|2"}));
}

TEST(Partitions, ExplainShowsOnlyTheDaysPartition) {
    TestDatabase t("t_part_explain");
    seedPruningDay(t, "2025-03-01", "2025-03-20", true);
    // The shapes of the statements a run sends to the logs (engine/Planner.cpp and
    // sql/procedures/aggregate_daily_stats_range.sql, whose working tables are temporary and
    // stand in here as catalog tables), with the day as a literal. The handler-count test
    // above covers every step as it really runs.
    const std::vector<std::string> shapes = {
        "SELECT video_id, SUM(n) FROM ("
        " SELECT video_id, COUNT(*) AS n FROM view_log WHERE business_date = '2025-03-10' GROUP BY video_id"
        " UNION ALL"
        " SELECT video_id, COUNT(*) FROM ad_view_log WHERE business_date = '2025-03-10' GROUP BY video_id"
        ") w GROUP BY video_id ORDER BY video_id",
        // aggregate_daily_stats_range: the two streaming scans of each log ...
        "SELECT video_id, COUNT(*), SUM(watched_sec) FROM view_log"
        " WHERE business_date = '2025-03-10' AND video_id BETWEEN 0 AND 18446744073709551615 GROUP BY video_id",
        "SELECT video_id, viewer_id, COUNT(*), MIN(started_at), MAX(started_at) FROM view_log"
        " WHERE business_date = '2025-03-10' AND video_id BETWEEN 0 AND 18446744073709551615"
        " GROUP BY video_id, viewer_id HAVING COUNT(*) > 1",
        "SELECT video_id, ad_id, COUNT(*) FROM ad_view_log"
        " WHERE business_date = '2025-03-10' AND video_id BETWEEN 0 AND 18446744073709551615 GROUP BY video_id, ad_id",
        "SELECT video_id, ad_id, viewer_id, COUNT(*), MIN(viewed_at), MAX(viewed_at) FROM ad_view_log"
        " WHERE business_date = '2025-03-10' AND video_id BETWEEN 0 AND 18446744073709551615"
        " GROUP BY video_id, ad_id, viewer_id HAVING COUNT(*) > 1",
        // ... and its per-video lookups (self views, the pairs numbered with LAG).
        "SELECT v.id, COUNT(*) FROM video v STRAIGHT_JOIN view_log l"
        " ON l.business_date = '2025-03-10' AND l.video_id = v.id AND l.viewer_id = v.creator_id GROUP BY v.id",
        "SELECT l.video_id, LAG(l.started_at) OVER (PARTITION BY l.video_id, l.viewer_id ORDER BY l.started_at, l.event_id)"
        " FROM member m STRAIGHT_JOIN view_log l"
        " ON l.business_date = '2025-03-10' AND l.video_id = 10 AND l.viewer_id = m.id",
    };
    for (const auto& sql : shapes) {
        db::ResultTable plan;
        try {
            plan = t.sql().query("EXPLAIN PARTITIONS " + sql);  // MariaDB
        } catch (const db::DatabaseError&) {
            plan = t.sql().query("EXPLAIN " + sql);  // MySQL 8 always shows the partitions column
        }
        std::size_t col = 0;
        while (col < plan.columns.size() && plan.columns[col] != "partitions") ++col;
        ASSERT_LT(col, plan.columns.size());
        int logRows = 0;
        for (const auto& row : plan.rows) {
            if (!row[col]) continue;  // not a partitioned table (video, derived tables)
            EXPECT_EQ(*row[col], "p20250310") << sql;
            ++logRows;
        }
        EXPECT_GE(logRows, 1) << sql;
    }
    // A query that cannot be pruned shows every partition: the check above can fail.
    auto plan = t.sql().query("EXPLAIN PARTITIONS SELECT COUNT(*) FROM view_log WHERE business_date + INTERVAL 0 DAY = '2025-03-10'");
    std::size_t col = 0;
    while (plan.columns[col] != "partitions") ++col;
    EXPECT_NE(*plan.rows[0][col], "p20250310");
}
