// report stats / top: procedures report_video_stats and report_top_videos through the real
// binary, in json, csv and table (SPEC §6, §8). The statistics rows are seeded by hand, so
// the expected outputs below follow from the seed alone (the rollup rows are chosen freely:
// the reports read video_period_stat as it stands, they do not re-add daily rows).
#include <gtest/gtest.h>

#include "db/DatabaseError.h"
#include "support/TestDatabase.h"

using namespace settlement::test;

namespace {

// The week 2026-11-16 (Monday) .. 2026-11-22 (Sunday), November 2026 and the year 2026.
void seed(TestDatabase& db) {
    db.migrate();
    db.sql().execute(
        "INSERT INTO video_daily_stat (business_date, video_id, views, watch_seconds, ad_views) VALUES "
        // 2026-11-18 (Wednesday):
        "('2026-11-18', 3, 120, 9000, 0),"   // ties video 7 on views and video 11 on watch time
        "('2026-11-18', 7, 120, 5400, 31),"
        "('2026-11-18', 5, 0, 0, 0),"         // all zero: never reported
        "('2026-11-18', 9, 0, 0, 4),"         // only ad views: reported, ranked last
        "('2026-11-18', 11, 50, 9000, 2),"
        // other days, never in the reports of 2026-11-18:
        "('2026-11-17', 7, 999, 999, 999),"
        "('2026-11-19', 12, 1, 1, 1)");
    db.sql().execute(
        "INSERT INTO video_period_stat (period, period_start, video_id, views, watch_seconds, ad_views) VALUES "
        // week of 2026-11-16:
        "('WEEK', '2026-11-16', 7, 200, 8000, 40),"
        "('WEEK', '2026-11-16', 2, 0, 0, 0),"        // fell back to zero after a restatement
        "('WEEK', '2026-11-16', 4, 300, 1000, 0),"
        "('WEEK', '2026-11-16', 8, 300, 20000, 5),"  // ties video 4 on views
        "('WEEK', '2026-11-09', 7, 777, 777, 777),"  // the week before
        "('WEEK', '2026-12-28', 30, 1, 60, 1),"      // ISO week 2026-12-28 .. 2027-01-03
        // November 2026:
        "('MONTH', '2026-11-01', 1, 1000, 50000, 100),"
        "('MONTH', '2026-11-01', 7, 1000, 60000, 90),"  // ties video 1 on views
        "('MONTH', '2026-11-01', 13, 5, 10, 0),"
        "('MONTH', '2026-10-01', 7, 888, 888, 888),"
        // 2026 (and 2025, never in the 2026 reports):
        "('YEAR', '2026-01-01', 7, 5000, 300000, 400),"
        "('YEAR', '2026-01-01', 20, 0, 0, 0),"
        "('YEAR', '2026-01-01', 21, 4000, 400000, 0),"
        "('YEAR', '2025-01-01', 7, 666, 666, 666)");
}

CommandResult report(const TestDatabase& db, std::vector<std::string> args) {
    args.insert(args.begin(), "report");
    return db.settlement(args);
}

}  // namespace

TEST(Report, StatsOfADayListNonZeroVideosByVideoId) {
    TestDatabase db("t_report_stats_day");
    seed(db);
    // 2026-11-18: videos 3, 7, 9, 11; video 5 is all zero; other days are left out.
    auto json = report(db, {"stats", "--period", "day", "--date", "2026-11-18", "--format", "json"});
    ASSERT_EQ(json.exitCode, 0) << json.err;
    EXPECT_EQ(json.out,
              "[\n"
              "  {\"video_id\": 3, \"views\": 120, \"watch_seconds\": 9000, \"ad_views\": 0},\n"
              "  {\"video_id\": 7, \"views\": 120, \"watch_seconds\": 5400, \"ad_views\": 31},\n"
              "  {\"video_id\": 9, \"views\": 0, \"watch_seconds\": 0, \"ad_views\": 4},\n"
              "  {\"video_id\": 11, \"views\": 50, \"watch_seconds\": 9000, \"ad_views\": 2}\n"
              "]\n");

    auto csv = report(db, {"stats", "--period", "DAY", "--date", "2026-11-18", "--format", "csv"});
    ASSERT_EQ(csv.exitCode, 0) << csv.err;
    EXPECT_EQ(csv.out,
              "video_id,views,watch_seconds,ad_views\r\n"
              "3,120,9000,0\r\n"
              "7,120,5400,31\r\n"
              "9,0,0,4\r\n"
              "11,50,9000,2\r\n");

    auto table = report(db, {"stats", "--period", "day", "--date", "2026-11-18"});
    ASSERT_EQ(table.exitCode, 0) << table.err;
    EXPECT_EQ(table.out,
              "Statistics, day 2026-11-18\n"
              "video_id  views  watch_seconds  ad_views\n"
              "--------  -----  -------------  --------\n"
              "       3    120           9000         0\n"
              "       7    120           5400        31\n"
              "       9      0              0         4\n"
              "      11     50           9000         2\n"
              "(4 videos)\n");

    // A day without rows: an empty array, a header-only CSV, a table of 0 videos.
    auto none = report(db, {"stats", "--period", "day", "--date", "2026-11-20", "--format", "json"});
    ASSERT_EQ(none.exitCode, 0) << none.err;
    EXPECT_EQ(none.out, "[]\n");
    auto noneCsv = report(db, {"stats", "--period", "day", "--date", "2026-11-20", "--format", "csv"});
    EXPECT_EQ(noneCsv.out, "video_id,views,watch_seconds,ad_views\r\n");
}

TEST(Report, StatsOfWeekMonthYearReadTheRollupOfThePeriodContainingTheDate) {
    TestDatabase db("t_report_stats_periods");
    seed(db);
    // Sunday 2026-11-22 is in the week of Monday 2026-11-16: videos 4, 7, 8 (2 is all zero,
    // the week of 2026-11-09 is another week).
    auto week = report(db, {"stats", "--period", "week", "--date", "2026-11-22", "--format", "json"});
    ASSERT_EQ(week.exitCode, 0) << week.err;
    EXPECT_EQ(week.out,
              "[\n"
              "  {\"video_id\": 4, \"views\": 300, \"watch_seconds\": 1000, \"ad_views\": 0},\n"
              "  {\"video_id\": 7, \"views\": 200, \"watch_seconds\": 8000, \"ad_views\": 40},\n"
              "  {\"video_id\": 8, \"views\": 300, \"watch_seconds\": 20000, \"ad_views\": 5}\n"
              "]\n");
    auto weekTable = report(db, {"stats", "--period", "Week", "--date", "2026-11-16"});
    ASSERT_EQ(weekTable.exitCode, 0) << weekTable.err;
    EXPECT_EQ(weekTable.out,
              "Statistics, week 2026-11-16 .. 2026-11-22\n"
              "video_id  views  watch_seconds  ad_views\n"
              "--------  -----  -------------  --------\n"
              "       4    300           1000         0\n"
              "       7    200           8000        40\n"
              "       8    300          20000         5\n"
              "(3 videos)\n");

    // 2027-01-01 (a Friday) is in the ISO week that starts on Monday 2026-12-28.
    auto newYearWeek = report(db, {"stats", "--period", "week", "--date", "2027-01-01", "--format", "csv"});
    ASSERT_EQ(newYearWeek.exitCode, 0) << newYearWeek.err;
    EXPECT_EQ(newYearWeek.out, "video_id,views,watch_seconds,ad_views\r\n30,1,60,1\r\n");

    // 2026-11-30 is in November: videos 1, 7, 13 (October's row is another month).
    auto month = report(db, {"stats", "--period", "month", "--date", "2026-11-30", "--format", "csv"});
    ASSERT_EQ(month.exitCode, 0) << month.err;
    EXPECT_EQ(month.out,
              "video_id,views,watch_seconds,ad_views\r\n"
              "1,1000,50000,100\r\n"
              "7,1000,60000,90\r\n"
              "13,5,10,0\r\n");

    // 2026-12-31 is in 2026: videos 7 and 21 (20 is all zero, 2025 is another year).
    auto year = report(db, {"stats", "--period", "year", "--date", "2026-12-31"});
    ASSERT_EQ(year.exitCode, 0) << year.err;
    EXPECT_EQ(year.out,
              "Statistics, year 2026-01-01 .. 2026-12-31\n"
              "video_id  views  watch_seconds  ad_views\n"
              "--------  -----  -------------  --------\n"
              "       7   5000         300000       400\n"
              "      21   4000         400000         0\n"
              "(2 videos)\n");
}

TEST(Report, StatsOfOneVideo) {
    TestDatabase db("t_report_stats_video");
    seed(db);
    auto one = report(db, {"stats", "--period", "week", "--date", "2026-11-18", "--video", "8", "--format", "json"});
    ASSERT_EQ(one.exitCode, 0) << one.err;
    EXPECT_EQ(one.out, "[\n  {\"video_id\": 8, \"views\": 300, \"watch_seconds\": 20000, \"ad_views\": 5}\n]\n");

    auto table = report(db, {"stats", "--period", "week", "--date", "2026-11-18", "--video", "8"});
    ASSERT_EQ(table.exitCode, 0) << table.err;
    EXPECT_EQ(table.out,
              "Statistics of video 8, week 2026-11-16 .. 2026-11-22\n"
              "video_id  views  watch_seconds  ad_views\n"
              "--------  -----  -------------  --------\n"
              "       8    300          20000         5\n"
              "(1 video)\n");

    // Video 2's week row is all zero, video 99 has none: both give nothing.
    for (const char* video : {"2", "99"}) {
        auto none = report(db, {"stats", "--period", "week", "--date", "2026-11-18", "--video", video, "--format", "json"});
        ASSERT_EQ(none.exitCode, 0) << none.err;
        EXPECT_EQ(none.out, "[]\n") << "video " << video;
    }
}

TEST(Report, TopOfADayRanksByViewsOrWatchTimeWithTiesToTheLowerVideoId) {
    TestDatabase db("t_report_top_day");
    seed(db);
    // By views on 2026-11-18: 3 (120) and 7 (120) tie -> 3 first; 11 (50); 9 (0 views,
    // but 4 ad views, so it is ranked). 5 is all zero. Default limit 5, only 4 qualify.
    auto views = report(db, {"top", "--period", "day", "--date", "2026-11-18", "--by", "views", "--format", "json"});
    ASSERT_EQ(views.exitCode, 0) << views.err;
    EXPECT_EQ(views.out,
              "[\n"
              "  {\"rank\": 1, \"video_id\": 3, \"views\": 120, \"watch_seconds\": 9000},\n"
              "  {\"rank\": 2, \"video_id\": 7, \"views\": 120, \"watch_seconds\": 5400},\n"
              "  {\"rank\": 3, \"video_id\": 11, \"views\": 50, \"watch_seconds\": 9000},\n"
              "  {\"rank\": 4, \"video_id\": 9, \"views\": 0, \"watch_seconds\": 0}\n"
              "]\n");

    // By watch time: 3 (9000) and 11 (9000) tie -> 3 first; then 7 (5400), 9 (0).
    auto watch = report(db, {"top", "--period", "day", "--date", "2026-11-18", "--by", "watch_time", "--format", "csv"});
    ASSERT_EQ(watch.exitCode, 0) << watch.err;
    EXPECT_EQ(watch.out,
              "rank,video_id,views,watch_seconds\r\n"
              "1,3,120,9000\r\n"
              "2,11,50,9000\r\n"
              "3,7,120,5400\r\n"
              "4,9,0,0\r\n");

    // --limit 2 keeps the first two of the same order.
    auto two = report(db, {"top", "--period", "day", "--date", "2026-11-18", "--by", "WATCH_TIME", "--limit", "2"});
    ASSERT_EQ(two.exitCode, 0) << two.err;
    EXPECT_EQ(two.out,
              "Top 2 videos by watch time, day 2026-11-18\n"
              "rank  video_id  views  watch_seconds\n"
              "----  --------  -----  -------------\n"
              "   1         3    120           9000\n"
              "   2        11     50           9000\n"
              "(2 videos)\n");

    // A day without rows ranks nothing.
    auto none = report(db, {"top", "--period", "day", "--date", "2026-11-20", "--by", "views", "--format", "json"});
    ASSERT_EQ(none.exitCode, 0) << none.err;
    EXPECT_EQ(none.out, "[]\n");
}

TEST(Report, TopOfWeekMonthYearAndTheDefaultLimitFromTheSettings) {
    TestDatabase db("t_report_top_periods");
    seed(db);
    // Week of 2026-11-16 by views: 4 (300) and 8 (300) tie -> 4 first; 7 (200); 2 is all zero.
    auto week = report(db, {"top", "--period", "week", "--date", "2026-11-20", "--by", "views", "--format", "csv"});
    ASSERT_EQ(week.exitCode, 0) << week.err;
    EXPECT_EQ(week.out, "rank,video_id,views,watch_seconds\r\n1,4,300,1000\r\n2,8,300,20000\r\n3,7,200,8000\r\n");
    // ... by watch time: 8 (20000), 7 (8000), 4 (1000).
    auto weekWatch = report(db, {"top", "--period", "week", "--date", "2026-11-20", "--by", "watch_time", "--format", "csv"});
    EXPECT_EQ(weekWatch.out, "rank,video_id,views,watch_seconds\r\n1,8,300,20000\r\n2,7,200,8000\r\n3,4,300,1000\r\n");

    // November by views, limit 2: 1 (1000) and 7 (1000) tie -> 1 first; 13 (5) is cut.
    auto month = report(db, {"top", "--period", "month", "--date", "2026-11-01", "--by", "views", "--limit", "2", "--format", "json"});
    ASSERT_EQ(month.exitCode, 0) << month.err;
    EXPECT_EQ(month.out,
              "[\n"
              "  {\"rank\": 1, \"video_id\": 1, \"views\": 1000, \"watch_seconds\": 50000},\n"
              "  {\"rank\": 2, \"video_id\": 7, \"views\": 1000, \"watch_seconds\": 60000}\n"
              "]\n");

    // 2026 by watch time: 21 (400000) before 7 (300000); by views 7 (5000) before 21 (4000).
    auto year = report(db, {"top", "--period", "year", "--date", "2026-06-15", "--by", "watch_time"});
    ASSERT_EQ(year.exitCode, 0) << year.err;
    EXPECT_EQ(year.out,
              "Top 5 videos by watch time, year 2026-01-01 .. 2026-12-31\n"
              "rank  video_id  views  watch_seconds\n"
              "----  --------  -----  -------------\n"
              "   1        21   4000         400000\n"
              "   2         7   5000         300000\n"
              "(2 videos)\n");
    auto yearViews = report(db, {"top", "--period", "year", "--date", "2026-06-15", "--by", "views", "--format", "csv"});
    EXPECT_EQ(yearViews.out, "rank,video_id,views,watch_seconds\r\n1,7,5000,300000\r\n2,21,4000,400000\r\n");

    // Without --limit the setting decides: at 1, only November's first video by views.
    db.sql().execute("UPDATE setting SET value = '1' WHERE name = 'ranking.default_limit'");
    auto one = report(db, {"top", "--period", "month", "--date", "2026-11-15", "--by", "views"});
    ASSERT_EQ(one.exitCode, 0) << one.err;
    EXPECT_EQ(one.out,
              "Top 1 video by views, month 2026-11-01 .. 2026-11-30\n"
              "rank  video_id  views  watch_seconds\n"
              "----  --------  -----  -------------\n"
              "   1         1   1000          50000\n"
              "(1 video)\n");
}

TEST(Report, ProceduresRefuseBadArgumentsThemselves) {
    TestDatabase db("t_report_procedure_args");
    db.migrate();
    // A DBA calling by hand gets SQLSTATE 45000 with a message, not an empty result.
    auto expectSignal = [&](const std::string& call, const std::string& words) {
        try {
            db.sql().query(call);
            ADD_FAILURE() << call << " did not fail";
        } catch (const settlement::db::DatabaseError& e) {
            EXPECT_EQ(e.sqlState(), "45000") << call;
            EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
        }
    };
    expectSignal("CALL report_video_stats('DECADE', '2026-11-18', NULL)", "in_period");
    expectSignal("CALL report_video_stats('DAY', NULL, NULL)", "in_date");
    expectSignal("CALL report_top_videos('DAY', '2026-11-18', 'likes', 5)", "in_by");
    expectSignal("CALL report_top_videos('DAY', '2026-11-18', 'views', 0)", "in_limit");
    expectSignal("CALL report_top_videos(NULL, '2026-11-18', 'views', 5)", "in_period");
}

TEST(Report, BadOrMissingArgumentsExit2NamingTheOption) {
    TestDatabase db("t_report_usage");
    db.migrate();
    struct Case {
        std::vector<std::string> args;
        std::string message;
    };
    const std::vector<Case> cases = {
        {{}, "report stats"},
        {{"hourly"}, "unknown report 'hourly'"},
        {{"stats", "--date", "2026-11-18"}, "--period is required"},
        {{"stats", "--period", "fortnight", "--date", "2026-11-18"}, "--period must be day, week, month or year"},
        {{"stats", "--period", "day"}, "--date is required"},
        {{"stats", "--period", "day", "--date", "2026-02-30"}, "--date must be a date"},
        {{"stats", "--period", "day", "--date", "18.11.2026"}, "--date must be a date"},
        {{"stats", "--period", "day", "--date", "2026-11-18", "--video", "seven"}, "--video must be"},
        {{"stats", "--period", "day", "--date", "2026-11-18", "--format", "xml"}, "--format must be table, json or csv"},
        {{"stats", "--period", "day", "--date", "2026-11-18", "--limit", "3"}, "--limit does not apply"},
        {{"top", "--period", "day", "--date", "2026-11-18"}, "--by is required"},
        {{"top", "--period", "day", "--date", "2026-11-18", "--by", "likes"}, "--by must be views or watch_time"},
        {{"top", "--period", "day", "--date", "2026-11-18", "--by", "views", "--limit", "0"}, "--limit must be between 1"},
        {{"top", "--period", "day", "--date", "2026-11-18", "--by", "views", "--limit", "-3"}, "--limit must be between 1"},
        {{"top", "--period", "day", "--date", "2026-11-18", "--by", "views", "--limit", "ten"}, "--limit must be a whole number"},
        {{"top", "--period", "day", "--date", "2026-11-18", "--by", "views", "--video", "3"}, "--video does not apply"},
        {{"settlement", "--period", "day", "--date", "2026-11-18", "--by", "views"}, "--by must be creator or video"},
        {{"settlement", "--period", "day", "--date", "2026-11-18", "--creator", "x"}, "--creator must be"},
        {{"stats", "extra", "--period", "day", "--date", "2026-11-18"}, "unexpected argument 'extra'"},
    };
    for (const auto& c : cases) {
        auto r = report(db, c.args);
        std::string shown;
        for (const auto& a : c.args) shown += " " + a;
        EXPECT_EQ(r.exitCode, 2) << "report" << shown << "\n" << r.out << r.err;
        EXPECT_NE(r.err.find(c.message), std::string::npos) << "report" << shown << ": " << r.err;
        EXPECT_EQ(r.out, "") << "report" << shown;
    }
}

// report settlement: procedure report_settlement (written with the settlement tables of
// V004). Rows of creator_statement and video_{daily,period}_settlement are seeded by hand;
// creator_statement.payable is generated by the table as FLOOR(video + ad revenue).
namespace {

void seedSettlement(TestDatabase& db) {
    db.migrate();
    db.sql().execute(
        "INSERT INTO video_daily_settlement (business_date, video_id, creator_id, views, ad_views, "
        "cum_views, cum_ad_views, video_revenue, ad_revenue) VALUES "
        "('2026-11-18', 7, 3, 120, 31, 120, 31, 120.00, 310.00),"  // 120 x 1.00, 31 x 10
        "('2026-11-18', 9, 3, 12, 0, 12, 0, 12.00, 0.00),"
        "('2026-11-18', 8, 4, 5, 0, 100004, 0, 5.50, 0.00),"       // ordinals 100000..100004 x 1.10
        "('2026-11-18', 10, 5, 0, 0, 7, 0, 0.00, 0.00),"           // nothing that day: left out
        "('2026-11-17', 7, 3, 999, 0, 999, 0, 999.00, 0.00)");     // another day
    db.sql().execute(
        "INSERT INTO video_period_settlement (period, period_start, video_id, creator_id, views, "
        "ad_views, video_revenue, ad_revenue) VALUES "
        "('WEEK', '2026-11-16', 7, 3, 200, 40, 200.00, 400.00),"
        "('WEEK', '2026-11-16', 8, 4, 5, 0, 5.50, 0.00),"
        "('WEEK', '2026-11-16', 11, 3, 0, 0, 0.00, 0.00),"          // fell back to zero
        "('MONTH', '2026-11-01', 7, 3, 1001, 2, 1001.10, 20.00),"
        "('MONTH', '2026-11-01', 7, 6, 3, 0, 3.00, 0.00)");         // video 7 changed creator
    db.sql().execute(
        "INSERT INTO creator_statement (period, period_start, creator_id, video_revenue, ad_revenue) VALUES "
        "('DAY', '2026-11-18', 3, 132.00, 310.00),"   // videos 7 + 9: payable 442
        "('DAY', '2026-11-18', 4, 5.50, 0.00),"       // payable floor(5.50) = 5
        "('DAY', '2026-11-18', 5, 0.00, 0.00),"       // left out
        "('WEEK', '2026-11-16', 3, 200.00, 400.00),"  // payable 600
        "('WEEK', '2026-11-16', 4, 5.50, 0.00),"      // payable 5
        "('YEAR', '2026-01-01', 3, 99999.99, 0.01),"  // payable exactly 100000
        "('YEAR', '2026-01-01', 4, 0.99, 0.00)");     // payable 0, still listed (revenue > 0)
}

}  // namespace

TEST(Report, SettlementByCreatorWithMoneyAsStringsAndPayableAsANumber) {
    TestDatabase db("t_report_settlement_creator");
    seedSettlement(db);
    auto json = report(db, {"settlement", "--period", "day", "--date", "2026-11-18", "--format", "json"});
    ASSERT_EQ(json.exitCode, 0) << json.err;
    EXPECT_EQ(json.out,
              "[\n"
              "  {\"creator_id\": 3, \"video_revenue\": \"132.00\", \"ad_revenue\": \"310.00\", \"payable\": 442},\n"
              "  {\"creator_id\": 4, \"video_revenue\": \"5.50\", \"ad_revenue\": \"0.00\", \"payable\": 5}\n"
              "]\n");

    auto table = report(db, {"settlement", "--period", "day", "--date", "2026-11-18", "--by", "creator"});
    ASSERT_EQ(table.exitCode, 0) << table.err;
    EXPECT_EQ(table.out,
              "Settlement by creator, day 2026-11-18\n"
              "creator_id  video_revenue  ad_revenue  payable\n"
              "----------  -------------  ----------  -------\n"
              "         3         132.00      310.00      442\n"
              "         4           5.50        0.00        5\n"
              "(2 creators)\n");

    auto week = report(db, {"settlement", "--period", "week", "--date", "2026-11-22", "--format", "csv"});
    ASSERT_EQ(week.exitCode, 0) << week.err;
    EXPECT_EQ(week.out, "creator_id,video_revenue,ad_revenue,payable\r\n3,200.00,400.00,600\r\n4,5.50,0.00,5\r\n");

    auto year = report(db, {"settlement", "--period", "year", "--date", "2026-07-01", "--creator", "3", "--format", "json"});
    ASSERT_EQ(year.exitCode, 0) << year.err;
    EXPECT_EQ(year.out,
              "[\n  {\"creator_id\": 3, \"video_revenue\": \"99999.99\", \"ad_revenue\": \"0.01\", \"payable\": 100000}\n]\n");
    auto yearAll = report(db, {"settlement", "--period", "year", "--date", "2026-07-01", "--format", "csv"});
    EXPECT_EQ(yearAll.out, "creator_id,video_revenue,ad_revenue,payable\r\n3,99999.99,0.01,100000\r\n4,0.99,0.00,0\r\n");

    // Creator 5's day is all zero; November has no creator statements.
    auto zero = report(db, {"settlement", "--period", "day", "--date", "2026-11-18", "--creator", "5", "--format", "json"});
    ASSERT_EQ(zero.exitCode, 0) << zero.err;
    EXPECT_EQ(zero.out, "[]\n");
    auto none = report(db, {"settlement", "--period", "month", "--date", "2026-11-18", "--format", "json"});
    EXPECT_EQ(none.out, "[]\n");
}

TEST(Report, SettlementByVideo) {
    TestDatabase db("t_report_settlement_video");
    seedSettlement(db);
    // 2026-11-18 by video: 7, 8, 9 (10 is all zero, 2026-11-17 is another day).
    auto day = report(db, {"settlement", "--period", "DAY", "--date", "2026-11-18", "--by", "video", "--format", "json"});
    ASSERT_EQ(day.exitCode, 0) << day.err;
    EXPECT_EQ(day.out,
              "[\n"
              "  {\"video_id\": 7, \"creator_id\": 3, \"views\": 120, \"ad_views\": 31, \"video_revenue\": \"120.00\", \"ad_revenue\": \"310.00\"},\n"
              "  {\"video_id\": 8, \"creator_id\": 4, \"views\": 5, \"ad_views\": 0, \"video_revenue\": \"5.50\", \"ad_revenue\": \"0.00\"},\n"
              "  {\"video_id\": 9, \"creator_id\": 3, \"views\": 12, \"ad_views\": 0, \"video_revenue\": \"12.00\", \"ad_revenue\": \"0.00\"}\n"
              "]\n");

    // Only creator 3's videos.
    auto mine = report(db, {"settlement", "--period", "day", "--date", "2026-11-18", "--by", "video", "--creator", "3", "--format", "csv"});
    ASSERT_EQ(mine.exitCode, 0) << mine.err;
    EXPECT_EQ(mine.out,
              "video_id,creator_id,views,ad_views,video_revenue,ad_revenue\r\n"
              "7,3,120,31,120.00,310.00\r\n"
              "9,3,12,0,12.00,0.00\r\n");

    // The week: 7 and 8 (11 fell back to zero).
    auto week = report(db, {"settlement", "--period", "week", "--date", "2026-11-16", "--by", "video"});
    ASSERT_EQ(week.exitCode, 0) << week.err;
    EXPECT_EQ(week.out,
              "Settlement by video, week 2026-11-16 .. 2026-11-22\n"
              "video_id  creator_id  views  ad_views  video_revenue  ad_revenue\n"
              "--------  ----------  -----  --------  -------------  ----------\n"
              "       7           3    200        40         200.00      400.00\n"
              "       8           4      5         0           5.50        0.00\n"
              "(2 videos)\n");

    // November: video 7 changed creator, so it has a row per creator.
    auto month = report(db, {"settlement", "--period", "month", "--date", "2026-11-30", "--by", "video", "--format", "csv"});
    ASSERT_EQ(month.exitCode, 0) << month.err;
    EXPECT_EQ(month.out,
              "video_id,creator_id,views,ad_views,video_revenue,ad_revenue\r\n"
              "7,3,1001,2,1001.10,20.00\r\n"
              "7,6,3,0,3.00,0.00\r\n");
}
