// Partition lifecycle (issue 6): ensure, check, drop/archive, DDL during inserts, pruning;
// gap partitions (issue 11): a day far from the others costs a day partition and a gap
// gYYYYMMDD, never a partition per day in between, and loads ensure only their own days.
// Layouts are read back from information_schema.PARTITIONS as "name<bound" lists.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

#include "db/DatabaseError.h"
#include "engine/Planner.h"
#include "engine/Step.h"
#include "support/TestDatabase.h"
#include "util/Date.h"

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

long long partitionCount(TestDatabase& t, const std::string& table) {
    return t.count("SELECT COUNT(*) FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = DATABASE()"
                   " AND TABLE_NAME = '" + table + "'");
}

// "p20261120<'2026-11-21' ... " for the days first .. first + n - 1, as layout() prints them.
std::string dayPartitions(const std::string& first, int n) {
    auto day = *settlement::util::parseDate(first);
    std::string out;
    for (int i = 0; i < n; ++i, day += std::chrono::days{1}) {
        std::string d = settlement::util::formatDate(day), next = settlement::util::formatDate(day + std::chrono::days{1});
        out += (i ? " p" : "p") + d.substr(0, 4) + d.substr(5, 2) + d.substr(8, 2) + "<'" + next + "'";
    }
    return out;
}

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

    // A day below with a one-day hole (02-27) is split out of the empty p_before; the one day
    // left between (02-28) becomes a day partition too (a gap covers two days or more).
    t.sql().execute("CALL ensure_log_partitions('2025-02-27', '2025-02-27')");
    // The same above (03-05, leaving 03-04) out of the empty p_future.
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
    // Nothing left to repair.
    EXPECT_EQ(t.rows("CALL repair_log_catch_alls('view_log')"), (std::vector<std::string>{"view_log|0|0"}));
    // A stray far-away date gets its own day and a gap up to it, not 27,000 days.
    insertView(t, "2099-01-01", 4);
    EXPECT_EQ(t.rows("CALL repair_log_catch_alls('view_log')"), (std::vector<std::string>{"view_log|1|1"}));
    EXPECT_TRUE(contains(layout(t, "view_log"),
                         "p20250304<'2025-03-05' g20250305<'2099-01-01' p20990101<'2099-01-02' p_future<MAXVALUE"))
        << layout(t, "view_log");
    EXPECT_TRUE(t.rows("CALL check_log_partitions('2025-03-01', 1)").empty());
    // A date before any partition can start is refused, and nothing changes.
    insertView(t, "1969-12-31", 5);
    const std::string before = layout(t, "view_log");
    EXPECT_THROW(t.sql().query("CALL repair_log_catch_alls('view_log')"), db::DatabaseError);
    EXPECT_EQ(layout(t, "view_log"), before);
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
    // Neither day has a day partition of its own any more.
    EXPECT_EQ(t.rows("CALL check_log_partitions('2025-03-01', 4)"),
              (std::vector<std::string>{
                  "ad_view_log|MISSING_DAYS|2025-03-02|2025-03-03|NULL|no daily partition; run CALL ensure_log_partitions('2025-03-01', '2025-03-05')",
                  "ad_view_log|NOT_DAILY|2025-03-02|2025-03-03|p20250302|covers 2 day(s) from 2025-03-02"}));
    // ensure splits the odd (empty) partition back into days.
    t.sql().execute("CALL ensure_log_partitions('2025-03-01', '2025-03-05')");
    EXPECT_EQ(layout(t, "ad_view_log"), layout(t, "view_log"));
    EXPECT_TRUE(t.rows("CALL check_log_partitions('2025-03-01', 4)").empty());
}

// --- gap partitions (issue 11) --------------------------------------------------------------

TEST(Partitions, AFarDayAddsADayAndAGapNotEveryDayBetween) {
    TestDatabase t("t_part_far_day");
    t.migrate();
    t.sql().execute("CALL ensure_log_partitions('2026-11-20', '2026-11-27')");
    const std::string days = dayPartitions("2026-11-20", 8);
    ASSERT_EQ(layout(t, "view_log"), "p_before<'2026-11-20' " + days + " p_future<MAXVALUE");
    ASSERT_EQ(partitionCount(t, "view_log"), 10);

    // One event dated 2024-02-29 (issue 11: 47 s and ~980 partitions before): p_before is
    // split into p_before, the day and a gap up to the existing days.
    auto start = std::chrono::steady_clock::now();
    t.sql().execute("CALL ensure_log_partitions('2024-02-29', '2024-02-29')");
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
    std::printf("[ far day ] 2024-02-29 beside 2026-11-20 .. 27: %lld ms, view_log %lld -> %lld partitions\n",
                static_cast<long long>(ms), 10LL, partitionCount(t, "view_log"));
    const std::string leap = "p_before<'2024-02-29' p20240229<'2024-03-01' g20240301<'2026-11-20' " + days + " p_future<MAXVALUE";
    for (const char* table : {"view_log", "ad_view_log"}) {
        EXPECT_EQ(layout(t, table), leap) << table;
        EXPECT_LE(partitionCount(t, table) - 10, 3) << table;
    }

    // Further down (2000-01-01) and a year up: each one more day and one more gap.
    t.sql().execute("CALL ensure_log_partitions('2000-01-01', '2000-01-01')");
    t.sql().execute("CALL ensure_log_partitions('2027-11-20', '2027-11-20')");
    const std::string far = "p_before<'2000-01-01' p20000101<'2000-01-02' g20000102<'2024-02-29' "
                            "p20240229<'2024-03-01' g20240301<'2026-11-20' " + days +
                            " g20261128<'2027-11-20' p20271120<'2027-11-21' p_future<MAXVALUE";
    EXPECT_EQ(layout(t, "view_log"), far);
    EXPECT_EQ(layout(t, "ad_view_log"), far);
    EXPECT_EQ(partitionCount(t, "view_log"), 16);

    // Idempotent, and a gapped layout is a healthy one.
    t.sql().execute("CALL ensure_log_partitions('2024-02-29', '2024-02-29')");
    t.sql().execute("CALL ensure_log_partitions('2026-11-20', '2026-11-27')");
    EXPECT_EQ(layout(t, "view_log"), far);
    EXPECT_TRUE(t.rows("CALL check_log_partitions('2026-11-20', 7)").empty());
    auto r = t.settlement({"partitions", "check", "--date", "2026-11-20", "--days-ahead", "7"});
    EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
}

TEST(Partitions, ADayInsideAGapSplitsTheGap) {
    TestDatabase t("t_part_gap_split");
    t.migrate();
    t.sql().execute("CALL ensure_log_partitions('2025-01-01', '2025-01-02')");
    t.sql().execute("CALL ensure_log_partitions('2025-03-01', '2025-03-01')");
    ASSERT_EQ(layout(t, "view_log"), "p_before<'2025-01-01' p20250101<'2025-01-02' p20250102<'2025-01-03' "
                                     "g20250103<'2025-03-01' p20250301<'2025-03-02' p_future<MAXVALUE");

    // A day in the middle: gap, day, gap (two partitions more).
    t.sql().execute("CALL ensure_log_partitions('2025-02-01', '2025-02-01')");
    EXPECT_EQ(layout(t, "view_log"), "p_before<'2025-01-01' p20250101<'2025-01-02' p20250102<'2025-01-03' "
                                     "g20250103<'2025-02-01' p20250201<'2025-02-02' g20250202<'2025-03-01' "
                                     "p20250301<'2025-03-02' p_future<MAXVALUE");
    // The first day of a gap: the day, then the rest of the gap under its new first day.
    t.sql().execute("CALL ensure_log_partitions('2025-01-03', '2025-01-03')");
    // Two days before the gap's end: the one day left becomes a day partition.
    t.sql().execute("CALL ensure_log_partitions('2025-02-27', '2025-02-27')");
    const std::string expected = "p_before<'2025-01-01' p20250101<'2025-01-02' p20250102<'2025-01-03' "
                                 "p20250103<'2025-01-04' g20250104<'2025-02-01' p20250201<'2025-02-02' "
                                 "g20250202<'2025-02-27' p20250227<'2025-02-28' p20250228<'2025-03-01' "
                                 "p20250301<'2025-03-02' p_future<MAXVALUE";
    EXPECT_EQ(layout(t, "view_log"), expected);
    EXPECT_EQ(layout(t, "ad_view_log"), expected);
    EXPECT_TRUE(t.rows("CALL check_log_partitions('2025-02-27', 2)").empty());

    // Events of a split day land in its own partition, never in a gap.
    insertView(t, "2025-02-01", 1);
    EXPECT_EQ(t.count("SELECT COUNT(*) FROM view_log PARTITION (p20250201)"), 1);
}

TEST(Partitions, EnsureOfARunAcrossGapsSplitsEachEmptyPartitionOnce) {
    TestDatabase t("t_part_gap_run");
    t.migrate();
    t.sql().execute("CALL ensure_log_partitions('2025-03-05', '2025-03-06')");
    t.sql().execute("CALL ensure_log_partitions('2025-03-10', '2025-03-11')");
    ASSERT_EQ(layout(t, "view_log"), "p_before<'2025-03-05' p20250305<'2025-03-06' p20250306<'2025-03-07' "
                                     "g20250307<'2025-03-10' p20250310<'2025-03-11' p20250311<'2025-03-12' "
                                     "p_future<MAXVALUE");
    // An event sits in ad_view_log's gap (as a hand insert or an old bug would leave it).
    insertAdView(t, "2025-03-08", 1);

    // 03-01 .. 03-14 crosses p_before, two days, the gap, two days and p_future.
    t.sql().execute("CALL ensure_log_partitions('2025-03-01', '2025-03-14')");
    // The CALL ends with a warning (a partition held rows), and says it all in a variable.
    auto warnings = t.rows("SHOW WARNINGS");
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_TRUE(contains(warnings[0], "ensure_log_partitions: some days not added, a partition holds rows")) << warnings[0];
    EXPECT_EQ(layout(t, "view_log"), "p_before<'2025-03-01' " + dayPartitions("2025-03-01", 14) + " p_future<MAXVALUE");
    // ad_view_log: every empty partition was split, the gap holding a row was left alone.
    EXPECT_EQ(layout(t, "ad_view_log"), "p_before<'2025-03-01' " + dayPartitions("2025-03-01", 6) +
                                            " g20250307<'2025-03-10' " + dayPartitions("2025-03-10", 5) +
                                            " p_future<MAXVALUE");
    auto notice = t.sql().scalar("SELECT @ensure_log_partitions_notice");
    ASSERT_TRUE(notice.has_value());
    EXPECT_EQ(*notice, "ad_view_log: g20250307 holds rows (business_date 2025-03-07 .. 2025-03-09); 2025-03-07 .. "
                       "2025-03-09 not added (their rows stay readable in g20250307)");
    EXPECT_EQ(t.count("SELECT COUNT(*) FROM ad_view_log WHERE business_date = '2025-03-08'"), 1);
}

TEST(Partitions, CheckIsCleanOnGapsAndReportsMissingDaysAndRowsInAGap) {
    TestDatabase t("t_part_gap_check");
    t.migrate();
    t.sql().execute("CALL ensure_log_partitions('2025-03-01', '2025-03-03')");
    t.sql().execute("CALL ensure_log_partitions('2025-03-20', '2025-03-22')");
    ASSERT_TRUE(contains(layout(t, "view_log"), "p20250303<'2025-03-04' g20250304<'2025-03-20' p20250320<'2025-03-21'"))
        << layout(t, "view_log");
    EXPECT_TRUE(t.rows("CALL check_log_partitions('2025-03-01', 2)").empty());
    EXPECT_TRUE(t.rows("CALL check_log_partitions('2025-03-20', 2)").empty());

    // Days ahead inside the gap have no partition of their own: missing, as those after 03-22.
    EXPECT_EQ(t.rows("CALL check_log_partitions('2025-03-02', 25)"),
              (std::vector<std::string>{
                  "view_log|MISSING_DAYS|2025-03-04|2025-03-19|NULL|no daily partition; run CALL ensure_log_partitions('2025-03-02', '2025-03-27')",
                  "view_log|MISSING_DAYS|2025-03-23|2025-03-27|NULL|no daily partition; run CALL ensure_log_partitions('2025-03-02', '2025-03-27')",
                  "ad_view_log|MISSING_DAYS|2025-03-04|2025-03-19|NULL|no daily partition; run CALL ensure_log_partitions('2025-03-02', '2025-03-27')",
                  "ad_view_log|MISSING_DAYS|2025-03-23|2025-03-27|NULL|no daily partition; run CALL ensure_log_partitions('2025-03-02', '2025-03-27')"}));

    // Two rows put straight into view_log's gap: reported, and ensure will not split it.
    insertView(t, "2025-03-10", 1);
    insertView(t, "2025-03-12", 2);
    EXPECT_EQ(t.rows("CALL check_log_partitions('2025-03-01', 2)"),
              (std::vector<std::string>{
                  "view_log|NOT_DAILY|2025-03-04|2025-03-19|g20250304|a gap holding 2 row(s) dated 2025-03-10 .. "
                  "2025-03-12; CALL repair_log_catch_alls('view_log') gives them day partitions"}));
    auto r = t.settlement({"partitions", "check", "--date", "2025-03-01", "--days-ahead", "2"});
    EXPECT_EQ(r.exitCode, 1) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "NOT_DAILY")) << r.out;
    EXPECT_TRUE(contains(r.out, "g20250304")) << r.out;
    const std::string held = layout(t, "view_log");
    r = t.settlement({"partitions", "ensure", "--from", "2025-03-10", "--to", "2025-03-10"});
    EXPECT_EQ(r.exitCode, 1) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "view_log: g20250304 holds rows")) << r.out;
    EXPECT_EQ(layout(t, "view_log"), held);
    EXPECT_TRUE(contains(layout(t, "ad_view_log"), "g20250304<'2025-03-10' p20250310<'2025-03-11' g20250311<'2025-03-20'"))
        << layout(t, "ad_view_log");

    // The DBA's repair gives the rows their days (03-11 between them is one day: a day too).
    EXPECT_EQ(t.rows("CALL repair_log_catch_alls('view_log')"), (std::vector<std::string>{"view_log|3|2"}));
    EXPECT_TRUE(contains(layout(t, "view_log"), "g20250304<'2025-03-10' " + dayPartitions("2025-03-10", 3) +
                                                    " g20250313<'2025-03-20'"))
        << layout(t, "view_log");
    EXPECT_EQ(t.count("SELECT COUNT(*) FROM view_log PARTITION (p20250310, p20250312)"), 2);
    EXPECT_TRUE(t.rows("CALL check_log_partitions('2025-03-01', 2)").empty());
}

TEST(Partitions, MoreThan8192PartitionsAreRefusedBeforeAnyChange) {
    TestDatabase t("t_part_limit");
    t.migrate();
    auto& c = t.sql();
    // 8,200 days two days apart: each would need its own partition (and a gap).
    c.execute("CREATE TEMPORARY TABLE tmp_partition_day (business_date DATE PRIMARY KEY)");
    c.execute("INSERT INTO tmp_partition_day (business_date)"
              " SELECT DATE '2000-01-01' + INTERVAL 2 * (a.n + 10 * b.n + 100 * d.n + 1000 * e.n) DAY"
              " FROM (SELECT 0 n UNION SELECT 1 UNION SELECT 2 UNION SELECT 3 UNION SELECT 4 UNION SELECT 5"
              "       UNION SELECT 6 UNION SELECT 7 UNION SELECT 8 UNION SELECT 9) a"
              " CROSS JOIN (SELECT 0 n UNION SELECT 1 UNION SELECT 2 UNION SELECT 3 UNION SELECT 4 UNION SELECT 5"
              "       UNION SELECT 6 UNION SELECT 7 UNION SELECT 8 UNION SELECT 9) b"
              " CROSS JOIN (SELECT 0 n UNION SELECT 1 UNION SELECT 2 UNION SELECT 3 UNION SELECT 4 UNION SELECT 5"
              "       UNION SELECT 6 UNION SELECT 7 UNION SELECT 8 UNION SELECT 9) d"
              " CROSS JOIN (SELECT 0 n UNION SELECT 1 UNION SELECT 2 UNION SELECT 3 UNION SELECT 4 UNION SELECT 5"
              "       UNION SELECT 6 UNION SELECT 7 UNION SELECT 8) e"
              " WHERE a.n + 10 * b.n + 100 * d.n + 1000 * e.n < 8200");
    ASSERT_EQ(t.count("SELECT COUNT(*) FROM tmp_partition_day"), 8200);
    try {
        c.execute("CALL ensure_log_partitions_for_days()");
        ADD_FAILURE() << "8,200 more partitions were not refused";
    } catch (const db::DatabaseError& e) {
        EXPECT_TRUE(contains(e.what(), "both servers allow 8192")) << e.what();
    }
    EXPECT_EQ(layout(t, "view_log"), "p_before<'1970-01-02' p_future<MAXVALUE");
    EXPECT_EQ(layout(t, "ad_view_log"), "p_before<'1970-01-02' p_future<MAXVALUE");
}

// A load asks for the days of its events, not the span between them.
TEST(Partitions, ALoadCreatesDayPartitionsForExactlyItsDays) {
    TestDatabase t("t_part_load_days");
    t.migrate();
    auto r = t.settlement({"load", "--members", writeTempFile("members.csv", "id,role,name\n1,CREATOR,c\n2,VIEWER,v\n3,ADVERTISER,a\n"),
                           "--videos", writeTempFile("videos.csv", "id,creator_id,title,duration_sec\n10,1,ten,600\n"),
                           "--ads", writeTempFile("ads.csv", "id,advertiser_id,title\n100,3,ad\n"),
                           "--video-ads", writeTempFile("video_ads.csv", "video_id,ad_id,position_sec\n10,100,30\n")});
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    t.sql().execute("CALL business_today(@today)");
    const std::string today = *t.sql().scalar("SELECT @today");
    // The usual ones: today and the days ahead (partitions.days_ahead, 7).
    r = t.settlement({"partitions", "ensure"});
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    const std::string ahead = dayPartitions(today, 8);
    ASSERT_EQ(layout(t, "view_log"), "p_before<'" + today + "' " + ahead + " p_future<MAXVALUE");

    // 01:00 UTC is 10:00 on the same business date (+09:00).
    auto start = std::chrono::steady_clock::now();
    r = t.settlement({"load",
                      "--views", writeTempFile("views.csv",
                          "event_id,viewer_id,video_id,ip,started_at,watched_sec,last_position_sec\n"
                          "1,2,10,,2000-01-01 01:00:00,5,5\n"
                          "2,2,10,,2024-02-29 01:00:00,5,5\n"
                          "3,2,10,," + today + " 01:00:00,5,5\n"
                          "4,2,10,,1999-12-31 01:00:00,5,5\n"),       // before the window: rejected, no partition
                      "--ad-views", writeTempFile("ad_views.csv",
                          "event_id,viewer_id,video_id,ad_id,ip,viewed_at\n"
                          "1,2,10,100,,2024-02-29 02:00:00\n")});
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "4 read, 3 loaded, 0 duplicate, 1 rejected (date_out_of_range 1)")) << r.out;
    const std::string expected = "p_before<'2000-01-01' p20000101<'2000-01-02' g20000102<'2024-02-29' "
                                 "p20240229<'2024-03-01' g20240301<'" + today + "' " + ahead + " p_future<MAXVALUE";
    EXPECT_EQ(layout(t, "view_log"), expected);
    EXPECT_EQ(layout(t, "ad_view_log"), expected);
    std::printf("[ far days ] load of 2000-01-01, 2024-02-29 and %s beside %lld day partitions: %lld ms (whole command),"
                " view_log now %lld partitions\n", today.c_str(), 8LL, static_cast<long long>(ms),
                partitionCount(t, "view_log"));
    EXPECT_EQ(t.count("SELECT COUNT(*) FROM view_log PARTITION (p20000101, p20240229)"), 2);
    EXPECT_EQ(t.count("SELECT COUNT(*) FROM view_log PARTITION (p_before, g20000102, g20240301, p_future)"), 0);
    EXPECT_EQ(t.count("SELECT COUNT(*) FROM ad_view_log PARTITION (p20240229)"), 1);
    EXPECT_TRUE(t.rows("CALL check_log_partitions(NULL, 7)").empty());

    // A day inside a gap that holds a row (put there by hand) cannot get its partition: the
    // load still stores the event (readable in the gap) and says why.
    insertView(t, "2010-01-01", 100);
    r = t.settlement({"load", "--views", writeTempFile("views2.csv",
                          "event_id,viewer_id,video_id,ip,started_at,watched_sec,last_position_sec\n"
                          "5,2,10,,2010-01-02 01:00:00,5,5\n")});
    EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_TRUE(contains(r.out + r.err, "view_log: g20000102 holds rows")) << r.out << r.err;
    EXPECT_EQ(t.count("SELECT COUNT(*) FROM view_log PARTITION (g20000102) WHERE business_date = '2010-01-02'"), 1);
    // ad_view_log's gap is empty: it got the day.
    EXPECT_TRUE(contains(layout(t, "ad_view_log"), "g20000102<'2010-01-02' p20100102<'2010-01-03' g20100103<'2024-02-29'"))
        << layout(t, "ad_view_log");
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

TEST(Partitions, DropAndArchiveAcrossGaps) {
    TestDatabase t("t_part_gap_drop");
    t.migrate();
    t.sql().execute("CALL ensure_log_partitions('2025-01-01', '2025-01-03')");
    t.sql().execute("CALL ensure_log_partitions('2025-03-01', '2025-03-02')");
    t.sql().execute("CALL ensure_log_partitions('2024-02-29', '2024-02-29')");
    const std::string gapped = "p_before<'2024-02-29' p20240229<'2024-03-01' g20240301<'2025-01-01' "
                               "p20250101<'2025-01-02' p20250102<'2025-01-03' p20250103<'2025-01-04' "
                               "g20250104<'2025-03-01' p20250301<'2025-03-02' p20250302<'2025-03-03' p_future<MAXVALUE";
    ASSERT_EQ(layout(t, "view_log"), gapped);
    insertView(t, "2024-02-29", 1);
    insertView(t, "2025-01-02", 2);
    insertView(t, "2025-03-01", 3);
    insertAdView(t, "2025-01-03", 4);
    for (const char* day : {"2024-02-29", "2025-01-02", "2025-03-01"}) recordRun(t, day, "COMPLETED");

    // One row per day partition below the line; none for the hundreds of days in the gaps.
    EXPECT_EQ(t.rows("CALL drop_log_partitions('2025-03-02', TRUE, TRUE)"),
              (std::vector<std::string>{"2024-02-29|1|COMPLETED|WOULD_ARCHIVE|view_log",
                                        "2025-01-01|0|NULL|EMPTY|no logs",
                                        "2025-01-02|1|COMPLETED|WOULD_ARCHIVE|view_log",
                                        "2025-01-03|1|NULL|REFUSED|has logs but no completed daily run (never run)",
                                        "2025-03-01|1|COMPLETED|WOULD_ARCHIVE|view_log"}));
    EXPECT_EQ(layout(t, "view_log"), gapped);

    // Archive: 01-03 is refused, so the bottom up to it (a day, a gap, two days) merges into
    // p_before; 03-01 is emptied but keeps its partition above the refused day.
    auto r = t.settlement({"partitions", "drop", "--before", "2025-03-02", "--archive"});
    EXPECT_EQ(r.exitCode, 1) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "2024-02-29  ARCHIVED")) << r.out;
    EXPECT_TRUE(contains(r.out, "2025-01-03  REFUSED")) << r.out;
    const std::string afterArchive = "p_before<'2025-01-03' p20250103<'2025-01-04' g20250104<'2025-03-01' "
                                     "p20250301<'2025-03-02' p20250302<'2025-03-03' p_future<MAXVALUE";
    EXPECT_EQ(layout(t, "view_log"), afterArchive);
    EXPECT_EQ(layout(t, "ad_view_log"), afterArchive);
    // The archive follows the same rules: its days, with gaps between them.
    EXPECT_EQ(layout(t, "view_log_archive"),
              "p_before<'2024-02-29' p20240229<'2024-03-01' g20240301<'2025-01-02' p20250102<'2025-01-03' "
              "g20250103<'2025-03-01' p20250301<'2025-03-02' p_future<MAXVALUE");
    EXPECT_EQ(t.rows("SELECT business_date, event_id FROM view_log_archive ORDER BY event_id"),
              (std::vector<std::string>{"2024-02-29|1", "2025-01-02|2", "2025-03-01|3"}));
    EXPECT_TRUE(t.rows("CALL check_log_partitions('2025-03-02', 0)").empty());

    // Once 01-03 is processed, a plain drop takes it and merges the gap above it too.
    recordRun(t, "2025-01-03", "COMPLETED");
    r = t.settlement({"partitions", "drop", "--before", "2025-03-02"});
    EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_EQ(layout(t, "view_log"), "p_before<'2025-03-02' p20250302<'2025-03-03' p_future<MAXVALUE");
    EXPECT_EQ(layout(t, "ad_view_log"), "p_before<'2025-03-02' p20250302<'2025-03-03' p_future<MAXVALUE");
    EXPECT_EQ(t.count("SELECT COUNT(*) FROM ad_view_log"), 0);
    EXPECT_EQ(t.count("SELECT COUNT(*) FROM ad_view_log_archive"), 0);  // dropped, not archived
}

// A gap of 25 years is one partition to look at, not 9,000 days: the handler calls of the
// whole drop stay far below one per day of the gap (a per-day loop costs several per day).
TEST(Partitions, DropLooksAtAGapOnceNotAtEachOfItsDays) {
    TestDatabase t("t_part_gap_drop_cost");
    t.migrate();
    t.sql().execute("CALL ensure_log_partitions('2025-01-01', '2025-01-02')");
    t.sql().execute("CALL ensure_log_partitions('2000-01-01', '2000-01-01')");
    ASSERT_EQ(layout(t, "view_log"), "p_before<'2000-01-01' p20000101<'2000-01-02' g20000102<'2025-01-01' "
                                     "p20250101<'2025-01-02' p20250102<'2025-01-03' p_future<MAXVALUE");
    auto handlerCalls = [&] {
        long long sum = 0;
        for (const auto& r : t.sql().query("SHOW SESSION STATUS LIKE 'Handler_%'").rows) sum += std::stoll(*r[1]);
        return sum;
    };
    long long before = handlerCalls();
    EXPECT_EQ(t.rows("CALL drop_log_partitions('2025-01-02', FALSE, TRUE)"),
              (std::vector<std::string>{"2000-01-01|0|NULL|EMPTY|no logs", "2025-01-01|0|NULL|EMPTY|no logs"}));
    long long calls = handlerCalls() - before;
    std::printf("[ gap drop ] dry run over a 9,131-day gap: %lld handler calls\n", calls);
    EXPECT_LT(calls, 2000);

    t.sql().query("CALL drop_log_partitions('2025-01-02', FALSE, FALSE)");
    EXPECT_EQ(layout(t, "view_log"), "p_before<'2025-01-02' p20250102<'2025-01-03' p_future<MAXVALUE");
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
