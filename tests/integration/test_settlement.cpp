// Settlement (SPEC 7, issue 4): tiered prices on cumulative ordinals, rate versions,
// periods across a year boundary, creator statements and payable flooring, restatement of
// later dates, reconciliation, report_settlement.
//
// Every expected figure is worked out by hand in the comments. SPEC 7 default tiers:
//   ordinal n        VIEW   AD
//   1 .. 99,999      1.00   10
//   100,000 ..       1.10   12
//   500,000 ..       1.30   15
//   1,000,000 ..     1.50   20
// Large cumulative counts come from video_daily_stat rows written directly (the input of
// settle_videos_range) instead of millions of log events; the end-to-end cases start from
// view_log / ad_view_log rows and go through aggregate_daily_stats_range or settle_date.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "db/DatabaseError.h"
#include "support/TestDatabase.h"

using namespace settlement::test;
using Rows = std::vector<std::string>;

namespace {

const std::string kAll = "0, 18446744073709551615";

std::unique_ptr<TestDatabase> fresh(const std::string& name) {
    auto db = std::make_unique<TestDatabase>(name);
    db->migrate();
    return db;
}

void exec(TestDatabase& db, const std::string& sql) { db.sql().execute(sql); }

void creator(TestDatabase& db, int id, const std::vector<int>& videos) {
    exec(db, "INSERT INTO member (id, role, name) VALUES (" + std::to_string(id) + ", 'CREATOR', 'creator')");
    for (int v : videos)
        exec(db, "INSERT INTO video (id, creator_id, title, duration_sec) VALUES (" + std::to_string(v) + ", " +
                     std::to_string(id) + ", 'video', 600)");
}

// A day's statistics of a video, as aggregate_daily_stats_range would have written them.
void stat(TestDatabase& db, const std::string& date, int video, long long views, long long adViews) {
    exec(db, "INSERT INTO video_daily_stat (business_date, video_id, views, watch_seconds, ad_views) VALUES ('" +
                 date + "', " + std::to_string(video) + ", " + std::to_string(views) + ", 0, " +
                 std::to_string(adViews) + ")");
}

// Settles a date over the whole range and builds its statements; returns restated_date.
Rows settle(TestDatabase& db, const std::string& date) {
    exec(db, "CALL settle_videos_range('" + date + "', " + kAll + ")");
    return db.rows("CALL build_creator_statements('" + date + "')");
}

// views|ad_views|cum_views|cum_ad_views|video_revenue|ad_revenue of one (date, video).
std::string row(TestDatabase& db, const std::string& date, int video) {
    auto r = db.rows("SELECT views, ad_views, cum_views, cum_ad_views, video_revenue, ad_revenue "
                     "FROM video_daily_settlement WHERE business_date = '" + date +
                     "' AND video_id = " + std::to_string(video));
    return r.empty() ? "none" : r.at(0);
}

// views|ad_views|video_revenue|ad_revenue of a video's period row.
std::string periodRow(TestDatabase& db, const std::string& period, const std::string& start, int video) {
    auto r = db.rows("SELECT views, ad_views, video_revenue, ad_revenue FROM video_period_settlement "
                     "WHERE period = '" + period + "' AND period_start = '" + start +
                     "' AND video_id = " + std::to_string(video));
    return r.empty() ? "none" : r.at(0);
}

// video_revenue|ad_revenue|payable of a creator statement.
std::string statement(TestDatabase& db, const std::string& period, const std::string& start, int creatorId) {
    auto r = db.rows("SELECT video_revenue, ad_revenue, payable FROM creator_statement WHERE period = '" + period +
                     "' AND period_start = '" + start + "' AND creator_id = " + std::to_string(creatorId));
    return r.empty() ? "none" : r.at(0);
}

// The settlement checks of reconcile_date that do not need log events.
void reconcileSettlement(TestDatabase& db, const std::vector<std::string>& dates) {
    for (const auto& d : dates) {
        exec(db, "CALL reconcile_settlement_day('" + d + "')");
        exec(db, "CALL reconcile_cumulative_counts('" + d + "')");
        for (const char* p : {"WEEK", "MONTH", "YEAR"}) {
            exec(db, std::string("CALL period_bounds('") + p + "', '" + d + "', @start, @end)");
            exec(db, std::string("CALL reconcile_period('") + p + "', @start, 0)");
        }
    }
}

// The message of the error a statement raises ("" when it succeeds).
std::string errorOf(TestDatabase& db, const std::string& sql) {
    try {
        exec(db, sql);
    } catch (const settlement::db::DatabaseError& e) {
        return e.what();
    }
    return "";
}

void viewEvent(TestDatabase& db, long long id, const std::string& date, int video, int viewer,
               const std::string& utc, int watched) {
    exec(db, "INSERT INTO view_log (business_date, video_id, viewer_id, started_at, event_id, ip, watched_sec, "
             "last_position_sec) VALUES ('" + date + "', " + std::to_string(video) + ", " + std::to_string(viewer) +
                 ", '" + utc + "', " + std::to_string(id) + ", '10.0.0.1', " + std::to_string(watched) + ", 0)");
}

void adEvent(TestDatabase& db, long long id, const std::string& date, int video, int viewer, int ad,
             const std::string& utc) {
    exec(db, "INSERT INTO ad_view_log (business_date, video_id, viewer_id, ad_id, viewed_at, event_id, ip) VALUES ('" +
                 date + "', " + std::to_string(video) + ", " + std::to_string(viewer) + ", " + std::to_string(ad) +
                 ", '" + utc + "', " + std::to_string(id) + ", '10.0.0.1')");
}

// The restatement fixture, from log events. Small tiers (a rate version a DBA could add),
// so that a shift of a few ordinals changes prices: VIEW 1..3 at 1.00, 4..5 at 1.10, 6.. at
// 1.30; AD 1..2 at 10, 3.. at 12. Creator 10 owns video 100 (ad 500); viewers 1, 2, 3.
// Business dates are UTC+9: 01:00 UTC is 10:00 on the same business date.
const std::string kD1 = "2026-05-04", kD2 = "2026-05-05", kD3 = "2026-05-06";  // Mon, Tue, Wed

void seedRestateFixture(TestDatabase& db) {
    exec(db, "INSERT INTO rate_tier (effective_from, kind, min_ordinal, unit_price) VALUES "
             "('2026-01-01', 'VIEW', 1, 1.00), ('2026-01-01', 'VIEW', 4, 1.10), ('2026-01-01', 'VIEW', 6, 1.30), "
             "('2026-01-01', 'AD', 1, 10.00), ('2026-01-01', 'AD', 3, 12.00)");
    exec(db, "INSERT INTO member (id, role, name) VALUES (1, 'VIEWER', 'v1'), (2, 'VIEWER', 'v2'), "
             "(3, 'VIEWER', 'v3'), (90, 'ADVERTISER', 'adv')");
    creator(db, 10, {100});
    exec(db, "INSERT INTO ad (id, advertiser_id, title) VALUES (500, 90, 'ad')");
    exec(db, "INSERT INTO video_ad (video_id, ad_id, position_sec) VALUES (100, 500, 0)");
    viewEvent(db, 1, kD1, 100, 1, "2026-05-04 01:00:00", 60);   // counts: viewer 1's first
    viewEvent(db, 2, kD1, 100, 1, "2026-05-04 01:00:20", 60);   // 20 s after -> no
    viewEvent(db, 3, kD1, 100, 2, "2026-05-04 01:00:00", 60);   // counts: viewer 2's first
    viewEvent(db, 4, kD1, 100, 10, "2026-05-04 01:00:00", 999); // the creator: self view, never counts
    viewEvent(db, 5, kD1, 100, 10, "2026-05-04 02:00:00", 999); // self view
    viewEvent(db, 11, kD2, 100, 1, "2026-05-05 00:00:00", 60);  // counts
    viewEvent(db, 12, kD2, 100, 3, "2026-05-05 00:00:00", 60);  // counts
    viewEvent(db, 21, kD3, 100, 2, "2026-05-06 03:00:00", 60);  // counts
    adEvent(db, 1, kD1, 100, 2, 500, "2026-05-04 01:00:05");    // counts
    adEvent(db, 2, kD1, 100, 2, 500, "2026-05-04 01:00:40");    // 35 s later -> counts
    adEvent(db, 3, kD1, 100, 10, 500, "2026-05-04 01:00:05");   // self -> no
    adEvent(db, 11, kD2, 100, 3, 500, "2026-05-05 00:00:10");   // counts
}

// Late events of day 1.
void addLateEvents(TestDatabase& db) {
    viewEvent(db, 6, kD1, 100, 1, "2026-05-04 01:00:45", 60);  // 25 s after event 2 (not counted itself) -> no
    viewEvent(db, 7, kD1, 100, 1, "2026-05-04 01:01:15", 60);  // exactly 30 s after event 6 -> counts
    viewEvent(db, 8, kD1, 100, 3, "2026-05-04 03:00:00", 60);  // counts
    adEvent(db, 4, kD1, 100, 3, 500, "2026-05-04 03:00:10");   // counts
}

}  // namespace

// C(D-1) = 99,998 with 3 views on D gives 3.20; crossings at 500,000 and 1,000,000; the
// ad tiers; a day crossing two tiers; a video with ad views and no views.
TEST(Settlement, TierCrossingsArePricedPerOrdinal) {
    auto db = fresh("t_settle_tiers");
    creator(*db, 10, {1, 2, 3, 4, 5});
    const std::string d1 = "2026-03-02", d2 = "2026-03-03";
    stat(*db, d1, 1, 99998, 99999);
    stat(*db, d1, 2, 499998, 499999);
    stat(*db, d1, 3, 999998, 999999);
    stat(*db, d1, 4, 99990, 0);
    stat(*db, d2, 1, 3, 2);
    stat(*db, d2, 2, 4, 2);
    stat(*db, d2, 3, 3, 3);
    stat(*db, d2, 4, 400020, 0);
    stat(*db, d2, 5, 0, 5);
    EXPECT_TRUE(settle(*db, d1).empty());
    EXPECT_TRUE(settle(*db, d2).empty());

    // Day 1, from ordinal 1:
    // v1 views 1..99,998 x 1.00 = 99,998.00; ads 1..99,999 x 10 = 999,990.00
    EXPECT_EQ(row(*db, d1, 1), "99998|99999|99998|99999|99998.00|999990.00");
    // v2 views 99,999 x 1.00 + (100,000..499,998 = 399,999) x 1.10 = 99,999.00 + 439,998.90 = 539,997.90
    //    ads 99,999 x 10 + (100,000..499,999 = 400,000) x 12 = 999,990 + 4,800,000 = 5,799,990.00
    EXPECT_EQ(row(*db, d1, 2), "499998|499999|499998|499999|539997.90|5799990.00");
    // v3 views 99,999.00 + 400,000 x 1.10 + (500,000..999,998 = 499,999) x 1.30
    //         = 99,999.00 + 440,000.00 + 649,998.70 = 1,189,997.70
    //    ads 999,990 + 4,800,000 + (500,000..999,999 = 500,000) x 15 = 13,299,990.00
    EXPECT_EQ(row(*db, d1, 3), "999998|999999|999998|999999|1189997.70|13299990.00");
    EXPECT_EQ(row(*db, d1, 4), "99990|0|99990|0|99990.00|0.00");

    // Day 2:
    // v1 ordinals 99,999 (1.00), 100,000 and 100,001 (1.10 each) = 3.20; ads 100,000, 100,001 x 12 = 24.00
    EXPECT_EQ(row(*db, d2, 1), "3|2|100001|100001|3.20|24.00");
    // v2 ordinals 499,999 (1.10) + 500,000..500,002 (3 x 1.30) = 1.10 + 3.90 = 5.00; ads 500,000, 500,001 x 15 = 30.00
    EXPECT_EQ(row(*db, d2, 2), "4|2|500002|500001|5.00|30.00");
    // v3 ordinals 999,999 (1.30) + 1,000,000 and 1,000,001 (1.50 each) = 4.30; ads 1,000,000..1,000,002 x 20 = 60.00
    EXPECT_EQ(row(*db, d2, 3), "3|3|1000001|1000002|4.30|60.00");
    // v4 crosses two tiers in one day: ordinals 99,991..500,010
    //    9 x 1.00 (99,991..99,999) + 400,000 x 1.10 (100,000..499,999) + 11 x 1.30 (500,000..500,010)
    //    = 9.00 + 440,000.00 + 14.30 = 440,023.30
    EXPECT_EQ(row(*db, d2, 4), "400020|0|500010|0|440023.30|0.00");
    // v5 has ad views only: ads 1..5 x 10 = 50.00, no video revenue
    EXPECT_EQ(row(*db, d2, 5), "0|5|0|5|0.00|50.00");

    // Creator 10, day 1: video 99,998.00 + 539,997.90 + 1,189,997.70 + 99,990.00 = 1,929,983.60
    //                    ad 999,990 + 5,799,990 + 13,299,990 = 20,099,970.00; floor(22,029,953.60)
    EXPECT_EQ(statement(*db, "DAY", d1, 10), "1929983.60|20099970.00|22029953");
    // day 2: video 3.20 + 5.00 + 4.30 + 440,023.30 = 440,035.80; ad 24 + 30 + 60 + 50 = 164.00
    EXPECT_EQ(statement(*db, "DAY", d2, 10), "440035.80|164.00|440199");
    // week of Monday 2026-03-02: 2,370,019.40 + 20,100,134.00 = 22,470,153.40
    EXPECT_EQ(statement(*db, "WEEK", d1, 10), "2370019.40|20100134.00|22470153");
    EXPECT_EQ(statement(*db, "MONTH", "2026-03-01", 10), "2370019.40|20100134.00|22470153");
    EXPECT_EQ(statement(*db, "YEAR", "2026-01-01", 10), "2370019.40|20100134.00|22470153");
    // v4's week: 99,990 + 400,020 = 500,010 views; 99,990.00 + 440,023.30 = 540,013.30
    EXPECT_EQ(periodRow(*db, "WEEK", d1, 4), "500010|0|540013.30|0.00");
    reconcileSettlement(*db, {d1, d2});
}

// A VIEW rate version effective Wednesday applies from Wednesday on; AD rates, versioned
// separately, stay the defaults.
TEST(Settlement, RateChangeMidWeekAppliesFromItsDateOnly) {
    auto db = fresh("t_settle_rate_change");
    creator(*db, 10, {7});
    exec(*db, "INSERT INTO rate_tier (effective_from, kind, min_ordinal, unit_price) VALUES "
              "('2026-03-04', 'VIEW', 1, 2.00), ('2026-03-04', 'VIEW', 100000, 2.50), "
              "('2026-03-04', 'VIEW', 500000, 3.00), ('2026-03-04', 'VIEW', 1000000, 4.00)");
    // Monday to Thursday: 10 views and 1 ad view a day.
    const std::vector<std::string> days{"2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05"};
    for (const auto& d : days) stat(*db, d, 7, 10, 1);
    for (const auto& d : days) settle(*db, d);

    // Mon, Tue: ordinals 1..20 at 1.00 -> 10.00 a day; Wed, Thu: ordinals 21..40 at the new 2.00 -> 20.00.
    // Ads: ordinals 1..4 at the unchanged AD default 10 -> 10.00 a day.
    EXPECT_EQ(row(*db, days[0], 7), "10|1|10|1|10.00|10.00");
    EXPECT_EQ(row(*db, days[1], 7), "10|1|20|2|10.00|10.00");
    EXPECT_EQ(row(*db, days[2], 7), "10|1|30|3|20.00|10.00");
    EXPECT_EQ(row(*db, days[3], 7), "10|1|40|4|20.00|10.00");
    // Week: 10 + 10 + 20 + 20 = 60.00 video, 40.00 ad, payable 100.
    EXPECT_EQ(statement(*db, "WEEK", "2026-03-02", 10), "60.00|40.00|100");
    // The default VIEW version now ends where the new one starts; AD's has no end.
    EXPECT_EQ(db->rows("SELECT kind, effective_from, effective_to FROM rate_band WHERE min_ordinal = 1 "
                       "ORDER BY kind, effective_from"),
              (Rows{"VIEW|1970-01-01|2026-03-04", "VIEW|2026-03-04|NULL", "AD|1970-01-01|NULL"}));
    reconcileSettlement(*db, days);
}

TEST(Settlement, RateTableIsValidated) {
    auto db = fresh("t_settle_rate_checks");
    creator(*db, 10, {7});
    stat(*db, "2026-03-02", 7, 10, 0);
    // A version that does not start at ordinal 0 or 1 leaves ordinals without a price.
    exec(*db, "INSERT INTO rate_tier (effective_from, kind, min_ordinal, unit_price) VALUES "
              "('2026-03-09', 'VIEW', 100, 2.00)");
    std::string e = errorOf(*db, "CALL settle_videos_range('2026-03-02', " + kAll + ")");
    EXPECT_NE(e.find("rate_tier: the VIEW version effective from 2026-03-09 starts at ordinal 100; it must start at 0 or 1"),
              std::string::npos) << e;
    EXPECT_EQ(db->count("SELECT COUNT(*) FROM video_daily_settlement"), 0);

    // Starting at 0 is allowed: ordinals 1..99 of 2026-03-09 on cost 0.50.
    exec(*db, "INSERT INTO rate_tier (effective_from, kind, min_ordinal, unit_price) VALUES "
              "('2026-03-09', 'VIEW', 0, 0.50)");
    settle(*db, "2026-03-02");
    EXPECT_EQ(row(*db, "2026-03-02", 7), "10|0|10|0|10.00|0.00");
    stat(*db, "2026-03-09", 7, 95, 0);
    settle(*db, "2026-03-09");
    // Ordinals 11..105: 11..99 (89) x 0.50 + 100..105 (6) x 2.00 = 44.50 + 12.00 = 56.50
    EXPECT_EQ(row(*db, "2026-03-09", 7), "95|0|105|0|56.50|0.00");

    e = errorOf(*db, "CALL check_rate_tier('1969-12-31')");
    EXPECT_NE(e.find("rate_tier: no VIEW rates in effect on 1969-12-31"), std::string::npos) << e;
    e = errorOf(*db, "INSERT INTO rate_tier (effective_from, kind, min_ordinal, unit_price) VALUES "
                     "('2026-04-01', 'AD', 1, -1.00)");
    EXPECT_NE(e.find("ck_rate_tier_unit_price"), std::string::npos) << e;
}

// ISO week of Monday 2026-12-28 runs to Sunday 2027-01-03: one week, two months, two years.
TEST(Settlement, WeekAcrossTheYearBoundaryAndMonthAndYearSums) {
    auto db = fresh("t_settle_year_boundary");
    creator(*db, 10, {8});
    stat(*db, "2026-11-30", 8, 100, 0);  // a Monday four weeks earlier
    const std::vector<std::string> week{"2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31",
                                        "2027-01-01", "2027-01-02", "2027-01-03"};
    for (std::size_t i = 0; i < week.size(); ++i) stat(*db, week[i], 8, long(i) + 1, 1);  // 1..7 views, 1 ad view
    stat(*db, "2027-01-04", 8, 8, 0);  // the next Monday
    settle(*db, "2026-11-30");
    for (const auto& d : week) settle(*db, d);
    settle(*db, "2027-01-04");

    // Every ordinal is below 100,000: 1.00 a view, 10 an ad view.
    // Week 2026-12-28: views 1+2+...+7 = 28, ad views 7 -> 28.00 / 70.00, payable 98.
    EXPECT_EQ(periodRow(*db, "WEEK", "2026-12-28", 8), "28|7|28.00|70.00");
    EXPECT_EQ(statement(*db, "WEEK", "2026-12-28", 10), "28.00|70.00|98");
    EXPECT_EQ(periodRow(*db, "WEEK", "2027-01-04", 8), "8|0|8.00|0.00");
    EXPECT_EQ(periodRow(*db, "WEEK", "2026-11-30", 8), "100|0|100.00|0.00");
    // Months: November 100; December 1+2+3+4 = 10 views, 4 ad views; January 5+6+7+8 = 26, 3.
    EXPECT_EQ(periodRow(*db, "MONTH", "2026-11-01", 8), "100|0|100.00|0.00");
    EXPECT_EQ(periodRow(*db, "MONTH", "2026-12-01", 8), "10|4|10.00|40.00");
    EXPECT_EQ(periodRow(*db, "MONTH", "2027-01-01", 8), "26|3|26.00|30.00");
    // Years: 2026 = 100 + 10 = 110 views, 4 ad views (150 payable); 2027 = 26 views, 3 ad views (56).
    EXPECT_EQ(periodRow(*db, "YEAR", "2026-01-01", 8), "110|4|110.00|40.00");
    EXPECT_EQ(periodRow(*db, "YEAR", "2027-01-01", 8), "26|3|26.00|30.00");
    EXPECT_EQ(statement(*db, "YEAR", "2026-01-01", 10), "110.00|40.00|150");
    EXPECT_EQ(statement(*db, "YEAR", "2027-01-01", 10), "26.00|30.00|56");
    // Cumulative through 2027-01-04: 100 + 28 + 8 = 136 views, 7 ad views.
    EXPECT_EQ(row(*db, "2027-01-04", 8), "8|0|136|7|8.00|0.00");
    // The report of the week containing 1 January 2027 is the week of Monday 2026-12-28.
    EXPECT_EQ(db->rows("CALL report_settlement('week', '2027-01-01', NULL, 'creator')"), (Rows{"10|28.00|70.00|98"}));
    EXPECT_EQ(db->rows("CALL report_settlement('YEAR', '2026-12-31', NULL, 'video')"),
              (Rows{"8|10|110|4|110.00|40.00"}));
    std::vector<std::string> all{"2026-11-30"};
    all.insert(all.end(), week.begin(), week.end());
    all.push_back("2027-01-04");
    reconcileSettlement(*db, all);
}

// Late events for day 1 (from the logs, end to end) change day 1 and the settlement and
// statements of days 2 and 3; restated_date lists days 2 and 3. Self views never count.
TEST(Settlement, LateEventsRestateLaterDatesEndToEnd) {
    auto db = fresh("t_settle_restate");
    seedRestateFixture(*db);
    const std::string d1 = kD1, d2 = kD2, d3 = kD3;
    for (const auto& d : {d1, d2, d3}) exec(*db, "CALL settle_date('" + d + "')");

    // Day 1: 2 views (ordinals 1, 2 -> 2.00), 2 ad views (1, 2 -> 20.00)
    // Day 2: 2 views (3 at 1.00, 4 at 1.10 -> 2.10), 1 ad view (3 -> 12.00)
    // Day 3: 1 view (5 at 1.10), no ad view
    EXPECT_EQ(row(*db, d1, 100), "2|2|2|2|2.00|20.00");
    EXPECT_EQ(row(*db, d2, 100), "2|1|4|3|2.10|12.00");
    EXPECT_EQ(row(*db, d3, 100), "1|0|5|3|1.10|0.00");
    // Week: 2.00 + 2.10 + 1.10 = 5.20 video, 32.00 ad -> payable floor(37.20) = 37
    EXPECT_EQ(statement(*db, "WEEK", d1, 10), "5.20|32.00|37");
    // Self views left out of watch time too: 3 events x 60 s on day 1.
    EXPECT_EQ(db->rows("SELECT views, watch_seconds, ad_views FROM video_daily_stat WHERE business_date = '" + d1 + "'"),
              (Rows{"2|180|2"}));

    addLateEvents(*db);
    exec(*db, "CALL aggregate_daily_stats_range('" + d1 + "', " + kAll + ")");
    exec(*db, "CALL settle_videos_range('" + d1 + "', " + kAll + ")");
    Rows restated = db->rows("CALL build_creator_statements('" + d1 + "')");
    EXPECT_EQ(restated, (Rows{d2, d3}));
    exec(*db, "CALL reconcile_date('" + d1 + "')");

    // Day 1: 4 views (events 1, 7, 3, 8): ordinals 1..3 at 1.00 + 4 at 1.10 = 4.10;
    //        3 ad views: 10 + 10 + 12 = 32.00
    EXPECT_EQ(row(*db, d1, 100), "4|3|4|3|4.10|32.00");
    // Day 2: same 2 views, now ordinals 5 (1.10) and 6 (1.30) = 2.40; its ad view is ordinal 4 -> 12.00
    EXPECT_EQ(row(*db, d2, 100), "2|1|6|4|2.40|12.00");
    // Day 3: ordinal 7 -> 1.30
    EXPECT_EQ(row(*db, d3, 100), "1|0|7|4|1.30|0.00");
    EXPECT_EQ(statement(*db, "DAY", d1, 10), "4.10|32.00|36");
    EXPECT_EQ(statement(*db, "DAY", d2, 10), "2.40|12.00|14");
    EXPECT_EQ(statement(*db, "DAY", d3, 10), "1.30|0.00|1");
    // Week: 4.10 + 2.40 + 1.30 = 7.80 video, 32 + 12 = 44.00 ad -> payable floor(51.80) = 51
    EXPECT_EQ(statement(*db, "WEEK", d1, 10), "7.80|44.00|51");
    EXPECT_EQ(statement(*db, "MONTH", "2026-05-01", 10), "7.80|44.00|51");
    EXPECT_EQ(periodRow(*db, "WEEK", d1, 100), "7|4|7.80|44.00");
    EXPECT_EQ(db->rows("SELECT restated_date FROM settlement_restatement WHERE from_date = '" + d1 +
                       "' ORDER BY restated_date"),
              (Rows{d2, d3}));
    EXPECT_EQ(db->count("SELECT COUNT(*) FROM settlement_restatement_pending"), 0);
    // Non-self events 1, 2, 3 and the late 6, 7, 8: 6 x 60 s = 360; the creator's 999 s never count.
    EXPECT_EQ(db->rows("SELECT views, watch_seconds, ad_views FROM video_daily_stat WHERE business_date = '" + d1 + "'"),
              (Rows{"4|360|3"}));

    // Running day 1 again changes nothing and restates nothing.
    exec(*db, "CALL aggregate_daily_stats_range('" + d1 + "', " + kAll + ")");
    exec(*db, "CALL settle_videos_range('" + d1 + "', " + kAll + ")");
    EXPECT_TRUE(db->rows("CALL build_creator_statements('" + d1 + "')").empty());
    EXPECT_EQ(row(*db, d2, 100), "2|1|6|4|2.40|12.00");
    EXPECT_EQ(statement(*db, "WEEK", d1, 10), "7.80|44.00|51");
    for (const auto& d : {d1, d2, d3}) exec(*db, "CALL reconcile_date('" + d + "')");
}

// Processing a date for the first time after later dates is a restatement too; so is a
// video losing its day (its statistics row gone).
TEST(Settlement, EarlierDateProcessedLateRestatesLaterDates) {
    auto db = fresh("t_settle_out_of_order");
    creator(*db, 10, {1});
    const std::string d1 = "2026-03-02", d2 = "2026-03-03";
    stat(*db, d1, 1, 99998, 0);
    stat(*db, d2, 1, 3, 0);
    // Day 2 first: ordinals 1..3 -> 3.00.
    EXPECT_TRUE(settle(*db, d2).empty());
    EXPECT_EQ(row(*db, d2, 1), "3|0|3|0|3.00|0.00");
    // Then day 1: 99,998.00, and day 2 becomes ordinals 99,999..100,001 -> 1.00 + 1.10 + 1.10 = 3.20.
    EXPECT_EQ(settle(*db, d1), (Rows{d2}));
    EXPECT_EQ(row(*db, d1, 1), "99998|0|99998|0|99998.00|0.00");
    EXPECT_EQ(row(*db, d2, 1), "3|0|100001|0|3.20|0.00");
    EXPECT_EQ(statement(*db, "DAY", d2, 10), "3.20|0.00|3");
    // Week: 99,998.00 + 3.20 = 100,001.20 -> payable 100,001.
    EXPECT_EQ(statement(*db, "WEEK", d1, 10), "100001.20|0.00|100001");
    reconcileSettlement(*db, {d1, d2});

    // Day 1 loses its statistics: its row and DAY statement go, day 2 is ordinals 1..3 again.
    exec(*db, "DELETE FROM video_daily_stat WHERE business_date = '" + d1 + "'");
    EXPECT_EQ(settle(*db, d1), (Rows{d2}));
    EXPECT_EQ(row(*db, d1, 1), "none");
    EXPECT_EQ(statement(*db, "DAY", d1, 10), "none");
    EXPECT_EQ(row(*db, d2, 1), "3|0|3|0|3.00|0.00");
    EXPECT_EQ(statement(*db, "WEEK", d1, 10), "3.00|0.00|3");
    EXPECT_EQ(periodRow(*db, "WEEK", d1, 1), "3|0|3.00|0.00");
    reconcileSettlement(*db, {d1, d2});
}

// payable is the floor of the exact period total, not the sum of daily floors; creators
// with several videos; report_settlement by creator and by video.
TEST(Settlement, PayableIsTheFloorOfTheExactTotal) {
    auto db = fresh("t_settle_payable");
    creator(*db, 20, {201, 202});
    creator(*db, 21, {211});
    const std::string d1 = "2026-03-02", d2 = "2026-03-03", d3 = "2026-03-04";
    stat(*db, d1, 201, 99999, 0);
    stat(*db, d1, 211, 99999, 0);
    stat(*db, d2, 201, 3, 0);   // ordinals 100,000..100,002 x 1.10 = 3.30
    stat(*db, d2, 202, 4, 0);   // ordinals 1..4 x 1.00 = 4.00
    stat(*db, d2, 211, 6, 1);   // 100,000..100,005 x 1.10 = 6.60; ad ordinal 1 -> 10.00
    stat(*db, d3, 201, 7, 0);   // 100,003..100,009 x 1.10 = 7.70
    for (const auto& d : {d1, d2, d3}) settle(*db, d);

    EXPECT_EQ(statement(*db, "DAY", d1, 20), "99999.00|0.00|99999");
    // Creator 20, day 2: 3.30 + 4.00 = 7.30 -> 7; day 3: 7.70 -> 7
    EXPECT_EQ(statement(*db, "DAY", d2, 20), "7.30|0.00|7");
    EXPECT_EQ(statement(*db, "DAY", d3, 20), "7.70|0.00|7");
    // Week: 99,999.00 + 7.30 + 7.70 = 100,014.00 -> 100,014 (daily floors would sum to 100,013)
    EXPECT_EQ(statement(*db, "WEEK", d1, 20), "100014.00|0.00|100014");
    // Creator 21: day 2 6.60 + 10.00 = 16.60 -> 16; week 100,005.60 + 10.00 = 100,015.60 -> 100,015
    EXPECT_EQ(statement(*db, "DAY", d2, 21), "6.60|10.00|16");
    EXPECT_EQ(statement(*db, "WEEK", d1, 21), "100005.60|10.00|100015");

    EXPECT_EQ(db->rows("CALL report_settlement('WEEK', '" + d3 + "', NULL, 'creator')"),
              (Rows{"20|100014.00|0.00|100014", "21|100005.60|10.00|100015"}));
    // By video: 201 has 99,999 + 3 + 7 = 100,009 views and 99,999.00 + 3.30 + 7.70 = 100,010.00
    EXPECT_EQ(db->rows("CALL report_settlement('WEEK', '" + d1 + "', NULL, 'video')"),
              (Rows{"201|20|100009|0|100010.00|0.00", "202|20|4|0|4.00|0.00", "211|21|100005|1|100005.60|10.00"}));
    EXPECT_EQ(db->rows("CALL report_settlement('week', '" + d2 + "', 20, 'VIDEO')"),
              (Rows{"201|20|100009|0|100010.00|0.00", "202|20|4|0|4.00|0.00"}));
    EXPECT_EQ(db->rows("CALL report_settlement('DAY', '" + d2 + "', NULL, 'creator')"),
              (Rows{"20|7.30|0.00|7", "21|6.60|10.00|16"}));
    // Creator 21 earned nothing on day 3: not listed.
    EXPECT_EQ(db->rows("CALL report_settlement('DAY', '" + d3 + "', NULL, 'creator')"), (Rows{"20|7.70|0.00|7"}));
    EXPECT_EQ(db->rows("CALL report_settlement('DAY', '" + d3 + "', 21, 'video')"), Rows{});
    std::string e = errorOf(*db, "CALL report_settlement('QUARTER', '" + d1 + "', NULL, 'creator')");
    EXPECT_NE(e.find("in_period must be DAY, WEEK, MONTH or YEAR"), std::string::npos) << e;
    e = errorOf(*db, "CALL report_settlement('DAY', '" + d1 + "', NULL, 'ad')");
    EXPECT_NE(e.find("in_by must be creator or video"), std::string::npos) << e;
    reconcileSettlement(*db, {d1, d2, d3});
}

// Ranges settle independently: the same figures as one range; settling again changes nothing.
TEST(Settlement, RangesGiveTheFiguresOfOneRangeAndRerunsChangeNothing) {
    auto db = fresh("t_settle_ranges");
    creator(*db, 30, {1, 2});
    creator(*db, 31, {3, 4});
    const std::string d1 = "2026-03-02", d2 = "2026-03-03";
    stat(*db, d1, 1, 99999, 99999);
    stat(*db, d1, 3, 50, 0);
    stat(*db, d1, 4, 499999, 0);
    stat(*db, d2, 1, 2, 1);    // 100,000..100,001 x 1.10 = 2.20; ad 100,000 x 12 = 12.00
    stat(*db, d2, 2, 1, 0);    // 1.00
    stat(*db, d2, 4, 2, 0);    // 500,000..500,001 x 1.30 = 2.60
    exec(*db, "CALL settle_videos_range('" + d1 + "', 0, 2)");
    exec(*db, "CALL settle_videos_range('" + d1 + "', 3, 18446744073709551615)");
    exec(*db, "CALL build_creator_statements('" + d1 + "')");
    exec(*db, "CALL settle_videos_range('" + d2 + "', 0, 1)");
    exec(*db, "CALL settle_videos_range('" + d2 + "', 2, 3)");
    exec(*db, "CALL settle_videos_range('" + d2 + "', 4, 18446744073709551615)");
    exec(*db, "CALL build_creator_statements('" + d2 + "')");
    EXPECT_EQ(row(*db, d2, 1), "2|1|100001|100000|2.20|12.00");
    EXPECT_EQ(row(*db, d2, 2), "1|0|1|0|1.00|0.00");
    EXPECT_EQ(row(*db, d2, 4), "2|0|500001|0|2.60|0.00");
    // Creator 30 day 2: 2.20 + 1.00 = 3.20, ad 12.00; creator 31: 2.60
    EXPECT_EQ(statement(*db, "DAY", d2, 30), "3.20|12.00|15");
    EXPECT_EQ(statement(*db, "DAY", d2, 31), "2.60|0.00|2");

    const std::string snapshot =
        "SELECT 'd', business_date, video_id, creator_id, views, ad_views, cum_views, cum_ad_views, video_revenue, "
        "ad_revenue FROM video_daily_settlement UNION ALL SELECT period, period_start, video_id, creator_id, views, "
        "ad_views, 0, 0, video_revenue, ad_revenue FROM video_period_settlement UNION ALL SELECT period, period_start, "
        "0, creator_id, 0, 0, 0, 0, video_revenue, ad_revenue FROM creator_statement ORDER BY 1, 2, 3, 4";
    Rows before = db->rows(snapshot);
    for (const auto& d : {d1, d2}) {
        EXPECT_EQ(db->rows("CALL settle_videos_range('" + d + "', " + kAll + ")"), (Rows{"3|0"}));  // 3 videos a day, nothing restated
        EXPECT_TRUE(db->rows("CALL build_creator_statements('" + d + "')").empty());
    }
    EXPECT_EQ(db->rows(snapshot), before);
    reconcileSettlement(*db, {d1, d2});
}

// Each reconciliation check fails when the figure it checks is wrong.
TEST(Settlement, ReconcileDateFailsOnEveryKindOfMismatch) {
    auto db = fresh("t_settle_reconcile");
    exec(*db, "INSERT INTO member (id, role, name) VALUES (1, 'VIEWER', 'v1'), (2, 'VIEWER', 'v2'), (90, 'ADVERTISER', 'a')");
    creator(*db, 10, {100});
    exec(*db, "INSERT INTO ad (id, advertiser_id, title) VALUES (500, 90, 'ad')");
    exec(*db, "INSERT INTO video_ad (video_id, ad_id, position_sec) VALUES (100, 500, 0)");
    const std::string d = "2026-05-04";
    viewEvent(*db, 1, d, 100, 1, "2026-05-04 01:00:00", 60);
    viewEvent(*db, 2, d, 100, 2, "2026-05-04 01:00:00", 60);
    adEvent(*db, 1, d, 100, 1, 500, "2026-05-04 01:00:05");
    exec(*db, "CALL settle_date('" + d + "')");
    // 2 views (2.00), 1 ad view (10.00); the recounts agree.
    EXPECT_EQ(db->rows("CALL reconcile_date('" + d + "')"),
              (Rows{d + "|2|2|1|1|2.00|10.00|12.00|0"}));

    struct Case {
        const char* corrupt;
        const char* restore;
        const char* message;
    };
    const std::vector<Case> cases{
        {"UPDATE creator_statement SET video_revenue = video_revenue + 0.01 WHERE period = 'DAY'",
         "UPDATE creator_statement SET video_revenue = video_revenue - 0.01 WHERE period = 'DAY'",
         "reconcile 2026-05-04: creator 10 videos minus DAY statement: video -0.01, ad 0.00"},
        {"UPDATE creator_statement SET ad_revenue = ad_revenue + 1 WHERE period = 'WEEK'",
         "UPDATE creator_statement SET ad_revenue = ad_revenue - 1 WHERE period = 'WEEK'",
         "reconcile: creator_statement WEEK 2026-05-04 creator 10 minus its days: video 0.00, ad 1.00"},
        {"UPDATE video_daily_settlement SET video_revenue = video_revenue + 0.01",
         "UPDATE video_daily_settlement SET video_revenue = video_revenue - 0.01",
         "reconcile 2026-05-04: video 100 revenue (video/ad) 2.01 / 10.00 but its tiers give 2.00 / 10.00"},
        {"UPDATE video_daily_settlement SET cum_views = cum_views + 1",
         "UPDATE video_daily_settlement SET cum_views = cum_views - 1",
         "reconcile: cumulative counts of video 100 on 2026-05-04 do not continue its previous processed day"},
        {"UPDATE video_daily_stat SET views = views + 1", "UPDATE video_daily_stat SET views = views - 1",
         "reconcile 2026-05-04: video_daily_stat has 3 counted views but a recount of view_log gives 2"},
        {"UPDATE video_ad_daily_stat SET ad_views = ad_views + 1",
         "UPDATE video_ad_daily_stat SET ad_views = ad_views - 1",
         "reconcile 2026-05-04: video 100 has 1 ad views but its per-ad rows sum to 2"},
        {"UPDATE video_period_stat SET watch_seconds = watch_seconds + 5 WHERE period = 'MONTH'",
         "UPDATE video_period_stat SET watch_seconds = watch_seconds - 5 WHERE period = 'MONTH'",
         "reconcile: video_period_stat MONTH 2026-05-01 video 100 minus its days: views 0, watch 5, ad views 0"},
        {"UPDATE video_period_settlement SET views = views + 1 WHERE period = 'MONTH'",
         "UPDATE video_period_settlement SET views = views - 1 WHERE period = 'MONTH'",
         "reconcile: video_period_settlement MONTH 2026-05-01 video 100 minus its days: views 1, ad views 0"},
        {"UPDATE video_period_settlement SET ad_revenue = ad_revenue + 2 WHERE period = 'YEAR'",
         "UPDATE video_period_settlement SET ad_revenue = ad_revenue - 2 WHERE period = 'YEAR'",
         "reconcile: video_period_settlement YEAR 2026-01-01 video 100 minus its months: views 0, ad views 0, "
         "revenue 0.00 / 2.00"},
        {"UPDATE video_daily_settlement SET views = views - 1, cum_views = cum_views - 1",
         "UPDATE video_daily_settlement SET views = views + 1, cum_views = cum_views + 1",
         "reconcile 2026-05-04: video 100 statistics minus settlement: views 1, ad views 0"},
    };
    for (const auto& c : cases) {
        exec(*db, c.corrupt);
        std::string e = errorOf(*db, "CALL reconcile_date('" + d + "')");
        EXPECT_NE(e.find(c.message), std::string::npos) << c.corrupt << "\n" << e;
        exec(*db, c.restore);
        EXPECT_EQ(errorOf(*db, "CALL reconcile_date('" + d + "')"), "") << c.restore;
    }
}

// The period checks compare checksums weighted per key before grouping by key: a change
// that keeps a period's totals (one video up, another down) is still found and named. The
// run's recount checks one range at a time and names it.
TEST(Settlement, ReconcileFindsChangesThatKeepTheTotalsAndNamesTheRecountRange) {
    auto db = fresh("t_settle_reconcile_keys");
    exec(*db, "INSERT INTO member (id, role, name) VALUES (1, 'VIEWER', 'v1'), (2, 'VIEWER', 'v2')");
    creator(*db, 10, {100, 101});
    const std::string d = "2026-05-04";
    viewEvent(*db, 1, d, 100, 1, "2026-05-04 01:00:00", 60);
    viewEvent(*db, 2, d, 100, 2, "2026-05-04 01:00:00", 60);
    viewEvent(*db, 3, d, 101, 1, "2026-05-04 02:00:00", 30);
    exec(*db, "CALL settle_date('" + d + "')");
    EXPECT_EQ(errorOf(*db, "CALL reconcile_date('" + d + "')"), "");

    exec(*db, "UPDATE video_period_stat SET views = views + IF(video_id = 100, 1, -1) WHERE period = 'WEEK'");
    EXPECT_NE(errorOf(*db, "CALL reconcile_date('" + d + "')")
                  .find("reconcile: video_period_stat WEEK 2026-05-04 video 100 minus its days: views 1, watch 0"),
              std::string::npos);
    exec(*db, "UPDATE video_period_stat SET views = views - IF(video_id = 100, 1, -1) WHERE period = 'WEEK'");
    exec(*db, "UPDATE video_period_settlement SET video_revenue = video_revenue + IF(video_id = 100, -0.01, 0.01) "
              "WHERE period = 'MONTH'");
    EXPECT_NE(errorOf(*db, "CALL reconcile_date('" + d + "')")
                  .find("reconcile: video_period_settlement MONTH 2026-05-01 video 100 minus its days: views 0, "
                        "ad views 0, revenue -0.01 / 0.00"),
              std::string::npos);
    exec(*db, "UPDATE video_period_settlement SET video_revenue = video_revenue - IF(video_id = 100, -0.01, 0.01) "
              "WHERE period = 'MONTH'");
    EXPECT_EQ(errorOf(*db, "CALL reconcile_date_sums('" + d + "')"), "");

    exec(*db, "UPDATE video_daily_stat SET views = views + 1 WHERE video_id = 101");
    EXPECT_EQ(errorOf(*db, "CALL reconcile_counts_range('" + d + "', 0, 100)"), "");
    EXPECT_NE(errorOf(*db, "CALL reconcile_counts_range('" + d + "', 101, 200)")
                  .find("reconcile 2026-05-04: video_daily_stat has 2 counted views but a recount of view_log "
                        "gives 1 (videos 101..200)"),
              std::string::npos);
}

// The same restatement through `settlement run` (parallel ranges, job status): the run
// summary names the restated later dates, the report shows the restated week, and a
// mismatch reconcile_date finds fails the run with exit 1 and its message.
TEST(Settlement, RunCommandRestatesLaterDatesAndFailsOnAMismatch) {
    auto db = fresh("t_settle_run");
    exec(*db, "CALL ensure_log_partitions('2026-05-01', '2026-05-31')");  // the events go to daily partitions
    seedRestateFixture(*db);
    for (const auto& d : {kD1, kD2, kD3}) {
        auto r = db->settlement({"run", "--date", d, "--threads", "2"});
        ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    }
    // As in LateEventsRestateLaterDatesEndToEnd: week 5.20 + 32.00 before the late events.
    EXPECT_EQ(statement(*db, "WEEK", kD1, 10), "5.20|32.00|37");

    addLateEvents(*db);
    auto rerun = db->settlement({"run", "--date", kD1, "--rerun"});
    ASSERT_EQ(rerun.exitCode, 0) << rerun.out << rerun.err;
    EXPECT_NE(rerun.out.find("restated later dates: 2026-05-05 2026-05-06"), std::string::npos) << rerun.out;
    // Day 1: 4.10 / 32.00; day 2: 2.40 / 12.00; day 3: 1.30 -> week 7.80 / 44.00, payable 51.
    EXPECT_EQ(row(*db, kD2, 100), "2|1|6|4|2.40|12.00");
    auto report = db->settlement({"report", "settlement", "--period", "week", "--date", kD3, "--format", "json"});
    ASSERT_EQ(report.exitCode, 0) << report.err;
    EXPECT_EQ(report.out,
              "[\n  {\"creator_id\": 10, \"video_revenue\": \"7.80\", \"ad_revenue\": \"44.00\", \"payable\": 51}\n]\n");

    // A week statement off by 1.00 (rerunning day 2 does not rewrite it: it adds day 2's
    // change, 0): reconcile_date fails the run.
    exec(*db, "UPDATE creator_statement SET video_revenue = video_revenue + 1 WHERE period = 'WEEK'");
    auto failed = db->settlement({"run", "--date", kD2, "--rerun"});
    EXPECT_EQ(failed.exitCode, 1) << failed.out << failed.err;
    EXPECT_NE((failed.out + failed.err).find("creator_statement WEEK 2026-05-04 creator 10 minus its days: video 1.00"),
              std::string::npos)
        << failed.out << failed.err;
}

// The period checks add up the days' stored sums (reconciled_day_sum, written when a day is
// reconciled) instead of reading every day of the week and month again; a stored sum that
// disagrees sends the check back to the days' rows, which decide, and a period that is off
// is found either way.
TEST(Settlement, PeriodChecksAddUpTheStoredDaySumsAndFallBackToTheRows) {
    auto db = fresh("t_settle_day_sums");
    exec(*db, "CALL ensure_log_partitions('2026-05-01', '2026-05-31')");
    seedRestateFixture(*db);
    for (const auto& d : {kD1, kD2, kD3}) {
        auto r = db->settlement({"run", "--date", d});
        ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    }
    EXPECT_EQ(db->rows("SELECT business_date, COUNT(*) FROM reconciled_day_sum GROUP BY business_date ORDER BY 1"),
              (std::vector<std::string>{kD1 + "|3", kD2 + "|3", kD3 + "|3"}));
    // A stale stored sum of day 1: the checks of day 3's week read the rows and pass.
    exec(*db, "UPDATE reconciled_day_sum SET w1 = w1 + 7 WHERE business_date = '" + kD1 + "'");
    auto again = db->settlement({"run", "--date", kD3, "--rerun"});
    EXPECT_EQ(again.exitCode, 0) << again.out << again.err;
    // A week row that is off is found, with the stored sums as with the rows.
    exec(*db, "UPDATE video_period_settlement SET views = views + 1 WHERE period = 'WEEK' LIMIT 1");
    auto failed = db->settlement({"run", "--date", kD3, "--rerun"});
    EXPECT_EQ(failed.exitCode, 1) << failed.out << failed.err;
    EXPECT_NE((failed.out + failed.err).find("video_period_settlement WEEK 2026-05-04"), std::string::npos)
        << failed.out << failed.err;
}
