// Money that is always right (SPEC 2, 4, 7, issue 10): late events on several processed
// dates are restated by the next plain run, a redelivery on another date is a duplicate,
// events through the inbox equal the same events through a file, and the DBA's one call
// (settle_date) takes the run's locks, refuses what `run` refuses and gives its figures.
//
// Fixture (business time zone +09:00: 01:00 UTC is 10:00 on the same business date).
// Small tiers, as a DBA could add, so that shifted ordinals change prices:
//   VIEW 1..3 at 1.00, 4..5 at 1.10, 6.. at 1.30; AD 1..2 at 10.00, 3.. at 12.00.
// Creator 10 owns video 100 (ad 500 placed on it); viewers 1, 2, 3; advertiser 90.
// First delivery: one view a day on D1..D5 (viewer 1, events 1..5), one ad view on D2.
//   ordinals: D1 1, D2 2, D3 3, D4 4, D5 5 -> video revenue 1.00 1.00 1.00 1.10 1.10;
//   ad: D2 ordinal 1 -> 10.00. Week of D1 (Mon 05-04 .. Sun 05-10): 5.20 + 10.00 -> 15.
// Late delivery: D1 +2 views of viewer 2 (101 counts, 102 ten seconds later does not),
//   D3 +1 view (103, viewer 3) and +1 ad view (11), D5 +1 view (105, viewer 2), and a
//   redelivery of event 3 dated on D4 (a duplicate: D4 stays as it was).
//   views: D1 2, D2 1, D3 2, D4 1, D5 2 -> ordinals D1 1-2, D2 3, D3 4-5, D4 6, D5 7-8
//   video revenue: D1 2.00, D2 1.00, D3 1.10 + 1.10 = 2.20, D4 1.30, D5 2.60 -> week 9.10
//   ad: D2 ordinal 1 -> 10.00, D3 ordinal 2 -> 10.00 -> week 20.00; payable floor(29.10) = 29.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <chrono>
#include <thread>

#include "db/DatabaseError.h"
#include "support/Seed.h"
#include "support/TestDatabase.h"

using namespace settlement::test;
using Rows = std::vector<std::string>;
using namespace std::chrono_literals;

namespace {

const std::string kD1 = "2026-05-04", kD2 = "2026-05-05", kD3 = "2026-05-06", kD4 = "2026-05-07",
                  kD5 = "2026-05-08", kD6 = "2026-05-09";

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

struct Files {
    std::string members, videos, ads, videoAds, views, adViews, lateViews, lateAdViews;
};

const char* kLateViews =
    "event_id,viewer_id,video_id,ip,started_at,watched_sec,last_position_sec\n"
    "101,2,100,10.0.0.2,2026-05-04 02:00:00,60,60\n"     // D1: counts
    "102,2,100,10.0.0.2,2026-05-04 02:00:10,60,60\n"     // D1: 10 s later, no
    "103,3,100,10.0.0.3,2026-05-06 03:00:00,60,60\n"     // D3: counts
    "105,2,100,10.0.0.2,2026-05-08 04:00:00,60,60\n"     // D5: counts
    "3,2,100,10.0.0.9,2026-05-07 05:00:00,99,99\n";      // event 3 again, dated D4: duplicate
const char* kLateAdViews =
    "event_id,viewer_id,video_id,ad_id,ip,viewed_at\n"
    "11,2,100,500,10.0.0.2,2026-05-06 03:00:05\n";       // D3: counts

Files writeFixture() {
    Files f;
    f.members = writeTempFile("members.csv", "id,role,name\n1,VIEWER,v1\n2,VIEWER,v2\n3,VIEWER,v3\n"
                                             "10,CREATOR,c10\n90,ADVERTISER,adv\n");
    f.videos = writeTempFile("videos.csv", "id,creator_id,title,duration_sec\n100,10,video,600\n");
    f.ads = writeTempFile("ads.csv", "id,advertiser_id,title\n500,90,ad\n");
    f.videoAds = writeTempFile("video_ads.csv", "video_id,ad_id,position_sec\n100,500,0\n");
    std::string views = "event_id,viewer_id,video_id,ip,started_at,watched_sec,last_position_sec\n";
    for (int d = 0; d < 5; ++d)
        views += std::to_string(d + 1) + ",1,100,10.0.0.1,2026-05-0" + std::to_string(4 + d) + " 01:00:00,60,60\n";
    f.views = writeTempFile("views.csv", views);
    f.adViews = writeTempFile("ad_views.csv", "event_id,viewer_id,video_id,ad_id,ip,viewed_at\n"
                                              "1,1,100,500,10.0.0.1,2026-05-05 01:00:05\n");
    f.lateViews = writeTempFile("late_views.csv", kLateViews);
    f.lateAdViews = writeTempFile("late_ad_views.csv", kLateAdViews);
    return f;
}

// A migrated database with the catalog, the small tiers and the first delivery loaded.
std::unique_ptr<TestDatabase> loaded(const std::string& name, const Files& f) {
    auto db = std::make_unique<TestDatabase>(name);
    db->migrate();
    db->sql().execute("INSERT INTO rate_tier (effective_from, kind, min_ordinal, unit_price) VALUES "
                      "('2026-01-01', 'VIEW', 1, 1.00), ('2026-01-01', 'VIEW', 4, 1.10), ('2026-01-01', 'VIEW', 6, 1.30), "
                      "('2026-01-01', 'AD', 1, 10.00), ('2026-01-01', 'AD', 3, 12.00)");
    auto r = db->settlement({"load", "--members", f.members, "--videos", f.videos, "--ads", f.ads, "--video-ads",
                             f.videoAds, "--views", f.views, "--ad-views", f.adViews});
    if (r.exitCode != 0) throw std::runtime_error("load failed: " + r.out + r.err);
    return db;
}

void runOk(TestDatabase& db, const std::vector<std::string>& args, std::string* out = nullptr) {
    auto r = db.settlement(args);
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    if (out) *out = r.out;
}

// views|ad_views|cum_views|cum_ad_views|video_revenue|ad_revenue of video 100 on a date.
std::string day(TestDatabase& db, const std::string& date) {
    auto r = db.rows("SELECT views, ad_views, cum_views, cum_ad_views, video_revenue, ad_revenue "
                     "FROM video_daily_settlement WHERE video_id = 100 AND business_date = '" + date + "'");
    return r.empty() ? "none" : r.at(0);
}

std::string weekStatement(TestDatabase& db) {
    auto r = db.rows("SELECT video_revenue, ad_revenue, payable FROM creator_statement WHERE period = 'WEEK'"
                     " AND period_start = '" + kD1 + "' AND creator_id = 10");
    return r.empty() ? "none" : r.at(0);
}

// Every table a run writes, to compare two ways of computing the same data exactly.
std::string everything(TestDatabase& db) {
    std::string out = statsFingerprint(db) + settlementFingerprint(db);
    for (const auto& row : db.rows("SELECT business_date, video_id, views, watch_seconds, ad_views FROM video_daily_stat"
                                   " ORDER BY business_date, video_id"))
        out += row + "\n";
    return out;
}

void expectLateFiguresRestated(TestDatabase& db) {
    EXPECT_EQ(day(db, kD1), "2|0|2|0|2.00|0.00");
    EXPECT_EQ(day(db, kD2), "1|1|3|1|1.00|10.00");
    EXPECT_EQ(day(db, kD3), "2|1|5|2|2.20|10.00");
    EXPECT_EQ(day(db, kD4), "1|0|6|2|1.30|0.00");
    EXPECT_EQ(day(db, kD5), "2|0|8|2|2.60|0.00");
    EXPECT_EQ(weekStatement(db), "9.10|20.00|29");
    // D1's watch time: events 1, 101 and 102, 60 s each.
    EXPECT_EQ(db.rows("SELECT views, watch_seconds, ad_views FROM video_daily_stat WHERE business_date = '" + kD1 + "'"),
              (Rows{"2|180|0"}));
}

}  // namespace

TEST(LateEvents, APlainRunOfALaterDateRestatesEveryStaleDateFirst) {
    Files f = writeFixture();
    auto db = loaded("t_late_plain_run", f);
    runOk(*db, {"run", "--from", kD1, "--to", kD5});
    EXPECT_EQ(day(*db, kD3), "1|0|3|1|1.00|0.00");
    EXPECT_EQ(day(*db, kD5), "1|0|5|1|1.10|0.00");
    EXPECT_EQ(weekStatement(*db), "5.20|10.00|15");

    // The late files: the summary counts the redelivery of event 3 as a duplicate.
    auto late = db->settlement({"load", "--views", f.lateViews, "--ad-views", f.lateAdViews});
    ASSERT_EQ(late.exitCode, 0) << late.out << late.err;
    EXPECT_TRUE(contains(late.out, "views " + f.lateViews + ": 5 read, 4 loaded, 1 duplicate, 0 rejected")) << late.out;
    EXPECT_EQ(db->count("SELECT COUNT(*) FROM view_log WHERE event_id = 3"), 1);
    EXPECT_EQ(db->rows("SELECT business_date FROM view_log WHERE event_id = 3"), (Rows{kD3}));

    // The processed dates that received events are stale; D2 and D4 are not (D4 only got a duplicate).
    EXPECT_EQ(db->rows("SELECT business_date, late_events FROM stale_date ORDER BY business_date"),
              (Rows{kD1 + "|2", kD3 + "|2", kD5 + "|1"}));
    auto status = db->settlement({"status"});
    ASSERT_EQ(status.exitCode, 0) << status.err;
    EXPECT_TRUE(contains(status.out, "  " + kD1 + "  2 late event(s) since")) << status.out;
    EXPECT_TRUE(contains(status.out, "  " + kD5 + "  1 late event(s) since")) << status.out;
    // Nothing was recomputed yet: the old figures stand, and a report says which dates are stale.
    EXPECT_EQ(weekStatement(*db), "5.20|10.00|15");
    auto report = db->settlement({"report", "settlement", "--period", "week", "--date", kD2, "--format", "json"});
    ASSERT_EQ(report.exitCode, 0) << report.err;
    EXPECT_EQ(report.out, "[\n  {\"creator_id\": 10, \"video_revenue\": \"5.20\", \"ad_revenue\": \"10.00\", \"payable\": 15}\n]\n");
    for (const auto& d : {kD1, kD3, kD5})
        EXPECT_TRUE(contains(report.err, "report: note: " + d + " is stale")) << report.err;
    EXPECT_FALSE(contains(report.err, kD2 + " is stale")) << report.err;

    // Cron's run of a later date restates the three first, in date order, with the cascade.
    std::string out;
    runOk(*db, {"run", "--date", kD6}, &out);
    EXPECT_TRUE(contains(out, "run: restating 3 stale date(s) first: " + kD1 + " (2 late event(s)) " + kD3 +
                                  " (2 late event(s)) " + kD5 + " (1 late event(s))"))
        << out;
    auto at = [&](const std::string& d) { return out.find("run " + d + " completed"); };
    ASSERT_NE(at(kD1), std::string::npos) << out;
    EXPECT_LT(at(kD1), at(kD3));
    EXPECT_LT(at(kD3), at(kD5));
    EXPECT_LT(at(kD5), at(kD6));
    EXPECT_TRUE(contains(out, "run " + kD1 + " completed")) << out;
    EXPECT_TRUE(contains(out, "restating: 2 late event(s) since")) << out;
    expectLateFiguresRestated(*db);
    EXPECT_EQ(db->count("SELECT COUNT(*) FROM stale_date"), 0);
    auto after = db->settlement({"status"});
    EXPECT_TRUE(contains(after.out, "stale dates: none")) << after.out;
    auto clean = db->settlement({"report", "settlement", "--period", "week", "--date", kD2});
    EXPECT_FALSE(contains(clean.err, "is stale")) << clean.err;
    EXPECT_TRUE(contains(clean.out, "9.10")) << clean.out;
    for (const auto& d : {kD1, kD2, kD3, kD4, kD5}) db->sql().execute("CALL reconcile_date('" + d + "')");

    // The next run has nothing stale to do.
    runOk(*db, {"run", "--date", kD6}, &out);
    EXPECT_FALSE(contains(out, "restating")) << out;
    EXPECT_TRUE(contains(out, kD6 + " already completed")) << out;
}

TEST(LateEvents, ARedeliveryOnAnotherDateIsCountedOnce) {
    Files f = writeFixture();
    auto db = loaded("t_late_redelivery", f);
    runOk(*db, {"run", "--from", kD1, "--to", kD5});
    // Events 1..5 again, each dated on another business date (a day later), and with other fields.
    std::string again = "event_id,viewer_id,video_id,ip,started_at,watched_sec,last_position_sec\n";
    for (int d = 0; d < 5; ++d)
        again += std::to_string(d + 1) + ",2,100,10.0.0.7,2026-05-" + std::to_string(10 + d) + " 01:00:00,500,500\n";
    auto r = db->settlement({"load", "--views", writeTempFile("again.csv", again)});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(contains(r.out, "5 read, 0 loaded, 5 duplicate, 0 rejected")) << r.out;
    EXPECT_EQ(db->count("SELECT COUNT(*) FROM view_log"), 5);
    EXPECT_EQ(db->count("SELECT COUNT(*) FROM stale_date"), 0);
    runOk(*db, {"run", "--from", "2026-05-10", "--to", "2026-05-14"});
    EXPECT_EQ(db->count("SELECT COUNT(*) FROM video_daily_stat WHERE business_date >= '2026-05-10' AND views > 0"), 0);
    EXPECT_EQ(db->rows("SELECT business_date FROM video_daily_stat WHERE business_date < '2026-05-10' ORDER BY 1"),
              (Rows{kD1, kD2, kD3, kD4, kD5}));
    EXPECT_EQ(weekStatement(*db), "5.20|10.00|15");
    // The same id twice in one file: the first line wins.
    auto twice = db->settlement({"load", "--views", writeTempFile("twice.csv",
        "event_id,viewer_id,video_id,ip,started_at,watched_sec,last_position_sec\n"
        "700,3,100,10.0.0.3,2026-05-15 01:00:00,10,10\n"
        "700,3,100,10.0.0.3,2026-05-16 01:00:00,20,20\n")});
    ASSERT_EQ(twice.exitCode, 0) << twice.err;
    EXPECT_TRUE(contains(twice.out, "2 read, 1 loaded, 1 duplicate")) << twice.out;
    EXPECT_EQ(db->rows("SELECT business_date, watched_sec FROM view_log WHERE event_id = 700"), (Rows{"2026-05-15|10"}));
}

TEST(LateEvents, TheInboxGivesWhatTheSameEventsGiveThroughAFile) {
    Files f = writeFixture();
    auto byFile = loaded("t_late_by_file", f);
    auto byInbox = loaded("t_late_by_inbox", f);
    for (auto* db : {byFile.get(), byInbox.get()}) runOk(*db, {"run", "--from", kD1, "--to", kD5});

    auto late = byFile->settlement({"load", "--views", f.lateViews, "--ad-views", f.lateAdViews});
    ASSERT_EQ(late.exitCode, 0) << late.err;
    runOk(*byFile, {"run", "--date", kD6});

    // The streaming service's rows, in another order, and one with no timestamp.
    byInbox->sql().execute(
        "INSERT INTO view_event_inbox (event_id, viewer_id, video_id, ip, started_at, watched_sec, last_position_sec) VALUES"
        " (3, 2, 100, '10.0.0.9', '2026-05-07 05:00:00', 99, 99),"
        " (105, 2, 100, '10.0.0.2', '2026-05-08 04:00:00', 60, 60),"
        " (103, 3, 100, '10.0.0.3', '2026-05-06 03:00:00', 60, 60),"
        " (102, 2, 100, '10.0.0.2', '2026-05-04 02:00:10', 60, 60),"
        " (101, 2, 100, '10.0.0.2', '2026-05-04 02:00:00', 60, 60),"
        " (900, 2, 100, '10.0.0.2', NULL, 60, 60)");
    byInbox->sql().execute("INSERT INTO ad_event_inbox (event_id, viewer_id, video_id, ad_id, ip, viewed_at) VALUES"
                           " (11, 2, 100, 500, '10.0.0.2', '2026-05-06 03:00:05')");
    std::string out;
    runOk(*byInbox, {"run", "--date", kD6}, &out);
    EXPECT_TRUE(contains(out, "run: moved the views inbox view_event_inbox: 6 read, 4 loaded, 1 duplicate, 1 rejected"
                              " (bad_timestamp 1)"))
        << out;
    EXPECT_TRUE(contains(out, "run: restating 3 stale date(s) first")) << out;
    EXPECT_EQ(byInbox->count("SELECT COUNT(*) FROM view_event_inbox") + byInbox->count("SELECT COUNT(*) FROM ad_event_inbox"), 0);
    EXPECT_EQ(byInbox->rows("SELECT reason, detail FROM rejected_record"), (Rows{"bad_timestamp|started_at is missing"}));
    EXPECT_EQ(byInbox->rows("SELECT kind, source, state FROM load_batch WHERE source = 'inbox' ORDER BY id"),
              (Rows{"views|inbox|LOADED", "ad_views|inbox|LOADED"}));
    expectLateFiguresRestated(*byInbox);
    EXPECT_EQ(everything(*byInbox), everything(*byFile));

    // `load` moves the inbox too, whatever file it is given.
    byInbox->sql().execute("INSERT INTO view_event_inbox (event_id, viewer_id, video_id, ip, started_at, watched_sec,"
                           " last_position_sec) VALUES (106, 3, 100, '', '2026-05-08 05:00:00', 1, 1)");
    auto load = byInbox->settlement({"load", "--members", f.members});
    ASSERT_EQ(load.exitCode, 0) << load.err;
    EXPECT_TRUE(contains(load.out, "views inbox view_event_inbox: 1 read, 1 loaded")) << load.out;
    EXPECT_EQ(byInbox->rows("SELECT business_date FROM stale_date"), (Rows{kD5}));
}

TEST(LateEvents, SettleDateGivesTheRunsFiguresAndTakesItsStepsFromTheSameList) {
    Files f = writeFixture();
    auto byRun = loaded("t_late_settle_run", f);
    auto byCall = loaded("t_late_settle_call", f);
    runOk(*byRun, {"run", "--from", kD1, "--to", kD5});
    byCall->sql().execute("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
    for (const auto& d : {kD1, kD2, kD3, kD4, kD5}) byCall->sql().execute("CALL settle_date('" + d + "')");
    EXPECT_EQ(everything(*byCall), everything(*byRun));
    EXPECT_EQ(byCall->rows("SELECT state, threads, owner_pid FROM job_run WHERE business_date = '" + kD1 + "'"),
              (Rows{"COMPLETED|1|0"}));

    // Late events: the DBA restates the stale dates by hand, in date order, as run does.
    for (auto* db : {byRun.get(), byCall.get()}) {
        auto late = db->settlement({"load", "--views", f.lateViews, "--ad-views", f.lateAdViews});
        ASSERT_EQ(late.exitCode, 0) << late.err;
    }
    runOk(*byRun, {"run", "--date", kD5});  // a completed date: only the stale dates run
    for (const auto& d : byCall->rows("SELECT business_date FROM stale_date ORDER BY business_date"))
        byCall->sql().execute("CALL settle_date('" + d + "')");
    EXPECT_EQ(byCall->count("SELECT COUNT(*) FROM stale_date"), 0);
    expectLateFiguresRestated(*byCall);
    EXPECT_EQ(everything(*byCall), everything(*byRun));

    // The one step list: a step settle_date does not know would be missed by it.
    EXPECT_EQ(byCall->rows("SELECT step FROM job_step WHERE job = 'daily' ORDER BY step_no"),
              (Rows{"stats", "recount", "settle", "statements", "reconcile"}));
    // The run's plan has every step, the sampled recount when its one range is due that date.
    byRun->sql().execute("CALL sample_range('" + kD1 + "', 0, FALSE, @due)");
    Rows planned = byRun->count("SELECT @due") == 1 ? Rows{"stats", "recount", "settle", "statements", "reconcile"}
                                                     : Rows{"stats", "settle", "statements", "reconcile"};
    EXPECT_EQ(byRun->rows("SELECT DISTINCT step FROM job_task t JOIN job_run r ON r.id = t.run_id"
                          " WHERE r.business_date = '" + kD1 + "' ORDER BY step_no"),
              planned);
}

TEST(LateEvents, AClosedDateIsRefusedByEveryPathAndKeepsItsFigures) {
    Files f = writeFixture();
    auto db = loaded("t_late_closed", f);
    runOk(*db, {"run", "--from", kD1, "--to", kD5});
    // A stale date cannot be dropped: its late events would be lost.
    auto late = db->settlement({"load", "--views", writeTempFile("d1.csv",
        "event_id,viewer_id,video_id,ip,started_at,watched_sec,last_position_sec\n"
        "201,3,100,,2026-05-04 05:00:00,5,5\n")});
    ASSERT_EQ(late.exitCode, 0) << late.err;
    auto refused = db->settlement({"partitions", "drop", "--before", kD3});
    EXPECT_TRUE(contains(refused.out, "late events arrived after it was processed (stale)")) << refused.out << refused.err;
    EXPECT_EQ(db->count("SELECT COUNT(*) FROM view_log WHERE business_date = '" + kD1 + "'"), 2);
    runOk(*db, {"run", "--date", kD5});  // restates D1

    auto dropped = db->settlement({"partitions", "drop", "--before", kD3});
    ASSERT_EQ(dropped.exitCode, 0) << dropped.out << dropped.err;
    EXPECT_EQ(db->rows("SELECT business_date, action FROM closed_date ORDER BY 1"),
              (Rows{kD1 + "|DROPPED", kD2 + "|DROPPED"}));
    std::string before = everything(*db);

    // The DBA's one call refuses the closed date before changing anything.
    try {
        db->sql().execute("CALL settle_date('" + kD1 + "')");
        ADD_FAILURE() << "settle_date accepted a closed date";
    } catch (const settlement::db::DatabaseError& e) {
        EXPECT_EQ(e.mysqlCode(), 30001);
        EXPECT_TRUE(contains(e.what(), kD1 + " is closed: its logs were dropped by retention")) << e.what();
    }
    // So does run (exit 2), with or without --rerun.
    for (auto args : {std::vector<std::string>{"run", "--date", kD1, "--rerun"},
                      std::vector<std::string>{"run", "--date", kD2}}) {
        auto r = db->settlement(args);
        EXPECT_EQ(r.exitCode, 2) << r.out << r.err;
        EXPECT_TRUE(contains(r.err, "is closed: its logs were dropped by retention")) << r.err;
    }
    // And a late event for it is rejected, not loaded, and marks nothing stale.
    auto lateForClosed = db->settlement({"load", "--views", writeTempFile("closed.csv",
        "event_id,viewer_id,video_id,ip,started_at,watched_sec,last_position_sec\n"
        "202,3,100,,2026-05-04 06:00:00,5,5\n")});
    ASSERT_EQ(lateForClosed.exitCode, 0) << lateForClosed.err;
    EXPECT_TRUE(contains(lateForClosed.out, "0 loaded, 0 duplicate, 1 rejected (date_out_of_range 1)")) << lateForClosed.out;
    EXPECT_EQ(db->count("SELECT COUNT(*) FROM stale_date"), 0);
    EXPECT_EQ(db->count("SELECT COUNT(*) FROM view_event_id WHERE event_id = 202"), 0);  // a reject claims no id
    EXPECT_EQ(everything(*db), before);
    // The later dates still settle on D1 and D2's cumulative counts.
    runOk(*db, {"run", "--date", kD5, "--rerun"});
    EXPECT_EQ(everything(*db), before);
}

TEST(LateEvents, DatesOutsideTheAcceptedWindowAreRejectedOneByOne) {
    Files f = writeFixture();
    auto db = loaded("t_late_window", f);
    auto r = db->settlement({"load", "--views", writeTempFile("window.csv",
        "event_id,viewer_id,video_id,ip,started_at,watched_sec,last_position_sec\n"
        "301,2,100,,1970-01-01 00:00:00,5,5\n"
        "302,2,100,,9999-12-30 00:00:00,5,5\n"
        "303,2,100,,1999-12-31 14:59:59,5,5\n"        // 1999-12-31 23:59:59 business: before the window
        "304,2,100,,1999-12-31 15:00:00,5,5\n"        // 2000-01-01 00:00:00 business: inside
        "305,2,100,,2024-02-29 01:00:00,5,5\n")});    // a backfill: inside
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "5 read, 2 loaded, 0 duplicate, 3 rejected (date_out_of_range 3)")) << r.out;
    EXPECT_EQ(db->rows("SELECT record_id FROM rejected_record WHERE reason = 'date_out_of_range' ORDER BY record_id"),
              (Rows{"301", "302", "303"}));
    EXPECT_EQ(db->rows("SELECT business_date FROM view_log WHERE event_id IN (304, 305) ORDER BY 1"),
              (Rows{"2000-01-01", "2024-02-29"}));
    for (const char* date : {"1969-12-31", "1999-12-31", "9999-12-30"}) {
        auto run = db->settlement({"run", "--date", date});
        EXPECT_EQ(run.exitCode, 2) << date << run.out << run.err;
        EXPECT_TRUE(contains(run.err, "is outside the accepted window")) << run.err;
    }
}

// Two DBA calls beside a run (the same date and another one) never apply a period change
// twice: they wait for the run's locks or are refused, and every period equals its days.
TEST(LateEvents, SettleDateBesideARunNeverDoublesAPeriod) {
    const std::string date = "2026-03-10", other = "2026-03-11";
    auto db = std::make_unique<TestDatabase>("t_late_beside_run");
    db->migrate();
    SeedShape shape;
    seedCatalog(*db, shape);
    seedDay(*db, date, shape);
    seedDay(*db, other, shape, 1);
    auto reference = std::make_unique<TestDatabase>("t_late_beside_ref");
    reference->migrate();
    seedCatalog(*reference, shape);
    seedDay(*reference, date, shape);
    seedDay(*reference, other, shape, 1);
    runOk(*reference, {"run", "--from", date, "--to", other});

    std::string config = writeTempFile("small.properties", "run.rows_per_range = 5000\nrun.threads = 2\n");
    int pid = db->startSettlement({"--config", config, "run", "--from", date, "--to", other});
    std::vector<std::string> outcomes(2);
    std::vector<std::thread> dbas;
    for (int i = 0; i < 2; ++i)
        dbas.emplace_back([&, i] {
            auto c = settlement::db::Connection::open(testServer(db->name()));
            c->execute("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
            try {
                c->query("CALL settle_date('" + (i == 0 ? date : other) + "')");
                outcomes[i] = "settled";
            } catch (const settlement::db::DatabaseError& e) {
                outcomes[i] = e.mysqlCode() == 30002 ? "busy" : std::string("error: ") + e.what();
            }
        });
    for (auto& t : dbas) t.join();
    int status = 0;
    ::waitpid(pid, &status, 0);
    for (const auto& o : outcomes) EXPECT_TRUE(o == "settled" || o == "busy") << o;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 75) runOk(*db, {"run", "--from", date, "--to", other});
    else EXPECT_EQ(WEXITSTATUS(status), 0);
    for (const auto& d : {date, other}) db->sql().execute("CALL reconcile_date('" + d + "')");
    EXPECT_EQ(statsFingerprint(*db), statsFingerprint(*reference));
    EXPECT_EQ(settlementFingerprint(*db), settlementFingerprint(*reference));
}

// Finding stale dates reads no old partition: marking them (record_loaded_days, inside a
// promote) and listing them (what `run` and `status` do) cost the same number of handler
// calls with 30 or 365 processed dates full of events. A query that does read the logs costs
// more in the larger database (the control, so the test can fail).
namespace {

long long handlerReads(settlement::db::Connection& c) {
    long long sum = 0;
    for (const auto& r : c.query("SHOW SESSION STATUS LIKE 'Handler_read%'").rows) sum += std::stoll(*r[1]);
    return sum;
}

struct StaleCost {
    long long mark = 0, list = 0, control = 0;
};

StaleCost staleCost(const std::string& name, int processedDays) {
    TestDatabase t(name);
    t.migrate();
    auto& c = t.sql();
    std::string last = "DATE('2025-01-01') + INTERVAL " + std::to_string(processedDays - 1) + " DAY";
    c.execute("CALL ensure_log_partitions('2025-01-01', " + last + ")");
    c.execute("INSERT INTO member (id, role, name) VALUES (1, 'CREATOR', 'c'), (2, 'VIEWER', 'v')");
    c.execute("INSERT INTO video (id, creator_id, title, duration_sec) VALUES (10, 1, 'v', 600)");
    // 100 events on every processed day, and its completed run.
    const std::string digits = "SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4"
                               " UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9";
    c.execute("INSERT INTO view_log (business_date, video_id, viewer_id, started_at, event_id, ip, watched_sec, last_position_sec)"
              " SELECT DATE('2025-01-01') + INTERVAL (i DIV 100) DAY, 10, 2,"
              " TIMESTAMP(DATE('2025-01-01') + INTERVAL (i DIV 100) DAY, '01:00:00') + INTERVAL (i MOD 100) MINUTE,"
              " i + 1, '', 1, 1"
              " FROM (SELECT a.d + 10 * b.d + 100 * c.d + 1000 * d.d + 10000 * e.d AS i"
              "       FROM (" + digits + ") a, (" + digits + ") b, (" + digits + ") c, (" + digits + ") d, (" + digits + ") e) n"
              " WHERE i < " + std::to_string(processedDays * 100));
    c.execute("INSERT INTO job_run (job, business_date, state, owner_host, owner_pid, threads, started_at, heartbeat_at)"
              " SELECT DISTINCT 'daily', business_date, 'COMPLETED', 'h', 1, 1, NOW(3), NOW(3) FROM view_log");
    StaleCost cost;
    c.execute("CREATE TEMPORARY TABLE tmp_loaded_day (business_date DATE NOT NULL PRIMARY KEY, events BIGINT UNSIGNED NOT NULL)");
    c.execute("INSERT INTO tmp_loaded_day VALUES ('2025-01-05', 1), ('2025-01-10', 2), ('2025-01-20', 1), ('2026-06-01', 4)");
    long long before = handlerReads(c);
    c.execute("START TRANSACTION");
    c.execute("CALL record_loaded_days('views')");
    c.execute("COMMIT");
    cost.mark = handlerReads(c) - before;
    before = handlerReads(c);
    auto listed = c.query("SELECT business_date, generation, late_events, first_marked_at FROM stale_date ORDER BY business_date");
    cost.list = handlerReads(c) - before;
    EXPECT_EQ(listed.rows.size(), 3u);  // 2026-06-01 was never processed: not stale
    before = handlerReads(c);
    c.scalar("SELECT COUNT(*) FROM view_log WHERE business_date < '2025-01-05'");  // the control: reads old days
    cost.control = handlerReads(c) - before;
    return cost;
}

}  // namespace

TEST(LateEvents, FindingStaleDatesReadsNoOldPartition) {
    StaleCost few = staleCost("t_late_cost_30", 30);
    StaleCost many = staleCost("t_late_cost_365", 365);
    EXPECT_EQ(many.mark, few.mark);
    EXPECT_EQ(many.list, few.list);
    EXPECT_GT(few.mark, 0);
    EXPECT_EQ(few.control, many.control);        // the same 4 old days in both...
    EXPECT_GE(few.control, 400);                 // ...whose 400 events the control does read
    std::cout << "handler reads: mark " << few.mark << " / " << many.mark << ", list " << few.list << " / "
              << many.list << " (30 / 365 processed dates)\n";
}

// Logs dropped by hand (not through `partitions drop`): the date is refused all the same,
// because its loaded events are gone.
TEST(LateEvents, ADateWhoseLogsWereDroppedByHandIsRefused) {
    Files f = writeFixture();
    auto db = loaded("t_late_hand_dropped", f);
    runOk(*db, {"run", "--from", kD1, "--to", kD5});
    db->sql().execute("ALTER TABLE view_log DROP PARTITION p20260504");
    std::string before = everything(*db);
    try {
        db->sql().execute("CALL settle_date('" + kD1 + "')");
        ADD_FAILURE() << "settle_date computed a date whose logs are gone";
    } catch (const settlement::db::DatabaseError& e) {
        EXPECT_EQ(e.mysqlCode(), 30001);
        EXPECT_TRUE(contains(e.what(), "its loaded events are gone from the logs")) << e.what();
    }
    auto r = db->settlement({"run", "--date", kD1, "--rerun"});
    EXPECT_EQ(r.exitCode, 2) << r.out << r.err;
    EXPECT_EQ(everything(*db), before);
}
