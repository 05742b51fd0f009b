// settlement load (SPEC §2, §4): every rejection reason, duplicates, catalog upserts,
// malformed files, quoting and the business date. Fixtures are inline; every expected
// count is worked out by hand in the comments next to the lines.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <chrono>
#include <csignal>
#include <string>
#include <thread>

#include "support/TestDatabase.h"

using namespace settlement::test;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Members 1 (creator), 2 (viewer), 3 (advertiser); video 10 of creator 1, 600 s long;
// ads 100 and 101 of advertiser 3; ad 100 is placed in video 10 at 30 s, ad 101 nowhere.
struct Catalog {
    std::string members, videos, ads, videoAds;
};

Catalog writeCatalog() {
    return {writeTempFile("members.csv", "id,role,name\n1,CREATOR,Creator One\n2,VIEWER,Viewer Two\n3,ADVERTISER,Ad Co\n"),
            writeTempFile("videos.csv", "id,creator_id,title,duration_sec\n10,1,Video Ten,600\n"),
            writeTempFile("ads.csv", "id,advertiser_id,title\n100,3,Ad Hundred\n101,3,Ad Hundred-One\n"),
            writeTempFile("video_ads.csv", "video_id,ad_id,position_sec\n10,100,30\n")};
}

void loadCatalog(TestDatabase& db) {
    auto c = writeCatalog();
    auto r = db.settlement({"load", "--members", c.members, "--videos", c.videos, "--ads", c.ads, "--video-ads", c.videoAds});
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
}

// 14 data lines (file lines 2..15). Valid: event 1 (line 2) and event 6 (line 7, on the
// boundaries watched_sec = 86400 and last_position_sec = duration 600); line 15 repeats
// event 1: a duplicate. The other 11 are rejected:
//   unknown_video 1 (line 3), unknown_viewer 1 (4), watched_sec_out_of_range 2 (5, 6),
//   last_position_out_of_range 2 (8, 9), bad_timestamp 2 (10 unparseable, 11 missing),
//   bad_number 1 (12), wrong_field_count 1 (13), text_too_long 1 (14: a 65-character ip).
const std::string kViews =
    "event_id,viewer_id,video_id,ip,started_at,watched_sec,last_position_sec\n"
    "1,2,10,10.0.0.1,2026-01-31 10:00:00,60,60\n"
    "2,2,99,10.0.0.1,2026-01-31 10:00:00,60,60\n"
    "3,77,10,10.0.0.1,2026-01-31 10:00:00,60,60\n"
    "4,2,10,10.0.0.1,2026-01-31 10:00:00,-1,60\n"
    "5,2,10,10.0.0.1,2026-01-31 10:00:00,86401,60\n"
    "6,2,10,10.0.0.1,2026-01-31 10:00:00,86400,600\n"
    "7,2,10,10.0.0.1,2026-01-31 10:00:00,0,601\n"
    "8,2,10,10.0.0.1,2026-01-31 10:00:00,0,-1\n"
    "9,2,10,10.0.0.1,31/01/2026 10:00,0,0\n"
    "10,2,10,10.0.0.1,,0,0\n"
    "11,2,10,10.0.0.1,2026-01-31 10:00:00,sixty,0\n"
    "12,2,10,10.0.0.1,2026-01-31 10:00:00,60\n"
    "13,2,10," + std::string(65, '9') + ",2026-01-31 10:00:00,1,1\n"
    "1,2,10,10.0.0.1,2026-01-31 10:00:00,60,60\n";

// 8 data lines; only event 1 is valid; each other line is rejected for its own reason.
const std::string kAdViews =
    "event_id,viewer_id,video_id,ad_id,ip,viewed_at\n"
    "1,2,10,100,10.0.0.1,2026-01-31 10:00:00\n"  // ok
    "2,2,99,100,10.0.0.1,2026-01-31 10:00:00\n"  // unknown_video
    "3,77,10,100,10.0.0.1,2026-01-31 10:00:00\n" // unknown_viewer
    "4,2,10,555,10.0.0.1,2026-01-31 10:00:00\n"  // unknown_ad
    "5,2,10,101,10.0.0.1,2026-01-31 10:00:00\n"  // not_a_placement: ad 101 is not in video 10
    "6,2,10,100,10.0.0.1,not a time\n"           // bad_timestamp
    "7,2,10,100,10.0.0.1\n"                      // wrong_field_count
    "-8,2,10,100,10.0.0.1,2026-01-31 10:00:00\n";// bad_number (an id is unsigned)

}  // namespace

TEST(Load, EveryEventRejectionReasonIsCountedAndQuarantined) {
    TestDatabase db("t_load_event_reasons");
    db.migrate();
    loadCatalog(db);
    auto views = writeTempFile("views.csv", kViews);
    auto adViews = writeTempFile("ad_views.csv", kAdViews);
    auto r = db.settlement({"load", "--views", views, "--ad-views", adViews});
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;

    // Reasons by count, then by name (see kViews).
    EXPECT_TRUE(contains(r.out, "views " + views + ": 14 read, 2 loaded, 1 duplicate, 11 rejected "
                                "(bad_timestamp 2, last_position_out_of_range 2, watched_sec_out_of_range 2, "
                                "bad_number 1, text_too_long 1, unknown_video 1, unknown_viewer 1, wrong_field_count 1) in "))
        << r.out;
    EXPECT_TRUE(contains(r.out, "ad_views " + adViews + ": 8 read, 1 loaded, 0 duplicate, 7 rejected "
                                "(bad_number 1, bad_timestamp 1, not_a_placement 1, unknown_ad 1, unknown_video 1, "
                                "unknown_viewer 1, wrong_field_count 1) in "))
        << r.out;
    EXPECT_TRUE(contains(r.out, " rows/s")) << r.out;

    EXPECT_EQ(db.rows("SELECT event_id FROM view_log ORDER BY event_id"), (std::vector<std::string>{"1", "6"}));
    EXPECT_EQ(db.rows("SELECT event_id FROM ad_view_log"), (std::vector<std::string>{"1"}));
    EXPECT_EQ(db.rows("SELECT reason, COUNT(*) FROM rejected_record WHERE kind = 'views' GROUP BY reason ORDER BY reason"),
              (std::vector<std::string>{"bad_number|1", "bad_timestamp|2", "last_position_out_of_range|2",
                                        "text_too_long|1", "unknown_video|1", "unknown_viewer|1",
                                        "watched_sec_out_of_range|2", "wrong_field_count|1"}));
    EXPECT_EQ(db.rows("SELECT reason, COUNT(*) FROM rejected_record WHERE kind = 'ad_views' GROUP BY reason ORDER BY reason"),
              (std::vector<std::string>{"bad_number|1", "bad_timestamp|1", "not_a_placement|1", "unknown_ad|1",
                                        "unknown_video|1", "unknown_viewer|1", "wrong_field_count|1"}));
    // Line numbers, record ids and the kept text of two of them: event 2 (line 3) failed a
    // rule, so its parsed values are kept; event 11 (line 12) did not parse: its line as read.
    EXPECT_EQ(db.rows("SELECT line_no, record_id, detail, record_text FROM rejected_record "
                      "WHERE kind = 'views' AND reason IN ('unknown_video', 'bad_number')  ORDER BY line_no"),
              (std::vector<std::string>{
                  "3|2|video_id 99 is not in video|2,2,99,10.0.0.1,2026-01-31 10:00:00.000,60,60",
                  "12|11|watched_sec: 'sixty' is not a whole number|11,2,10,10.0.0.1,2026-01-31 10:00:00,sixty,0"}));
    // The wrong_field_count line still has its event id; the unsigned id -8 has none.
    EXPECT_EQ(db.count("SELECT record_id FROM rejected_record WHERE kind = 'views' AND reason = 'wrong_field_count'"), 12);
    EXPECT_EQ(db.count("SELECT COUNT(*) FROM rejected_record WHERE kind = 'ad_views' AND reason = 'bad_number' AND record_id IS NULL"), 1);

    // The batches: counts, state, and no stage rows left behind.
    EXPECT_EQ(db.rows("SELECT kind, state, rows_read, loaded, duplicates, rejected FROM load_batch "
                      "WHERE kind IN ('views', 'ad_views') ORDER BY id"),
              (std::vector<std::string>{"views|LOADED|14|2|1|11", "ad_views|LOADED|8|1|0|7"}));
    EXPECT_EQ(db.count("SELECT COUNT(*) FROM view_log_stage") + db.count("SELECT COUNT(*) FROM ad_view_log_stage") +
                  db.count("SELECT COUNT(*) FROM catalog_stage"),
              0);
}

TEST(Load, EveryCatalogRejectionReasonIsCountedAndQuarantined) {
    TestDatabase db("t_load_catalog_reasons");
    db.migrate();
    // 7 lines: members 1..3 are fine; 4 has a lower-case role (unknown_role), x5 a bad id
    // (bad_number), 6 a missing field (wrong_field_count), 7 a 256-character name (text_too_long).
    auto members = writeTempFile("members.csv", "id,role,name\n1,CREATOR,Creator One\n2,VIEWER,Viewer Two\n"
                                                "3,ADVERTISER,Ad Co\n4,viewer,Lower Case\nx5,VIEWER,Bad Id\n6,VIEWER\n"
                                                "7,VIEWER," + std::string(256, 'n') + "\n");
    // 6 lines: only video 10 is fine. 11: creator 99 unknown; 12: duration 0 and 13: -5
    // (bad_duration); 14: duration 'ten' (bad_number); 15: creator 4 was itself rejected
    // above, so unknown_creator too.
    auto videos = writeTempFile("videos.csv", "id,creator_id,title,duration_sec\n10,1,Video Ten,600\n"
                                              "11,99,No Creator,600\n12,1,Zero,0\n13,1,Negative,-5\n"
                                              "14,1,Not A Number,ten\n15,4,Rejected Creator,60\n");
    // 3 lines: 100 and 101 fine, 102's advertiser 98 unknown.
    auto ads = writeTempFile("ads.csv", "id,advertiser_id,title\n100,3,Ad Hundred\n101,3,Ad Hundred-One\n102,98,Orphan\n");
    // 6 lines: (10,100,0) and (10,101,599) fine (0 <= position < 600). (10,102): ad 102
    // rejected above, unknown_ad; (11,100): video 11 rejected, unknown_video; (10,100,600)
    // and (10,101,-1): placement_outside_video. (10,100,600) must not overwrite position 0.
    auto videoAds = writeTempFile("video_ads.csv", "video_id,ad_id,position_sec\n10,100,0\n10,101,599\n10,102,30\n"
                                                   "11,100,30\n10,100,600\n10,101,-1\n");
    auto r = db.settlement({"load", "--video-ads", videoAds, "--ads", ads, "--videos", videos, "--members", members});
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;

    // Printed in dependency order, whatever the order of the options.
    std::size_t m = r.out.find("members "), v = r.out.find("videos "), a = r.out.find("ads "),
                va = r.out.find("video_ads ");
    EXPECT_TRUE(m < v && v < a && a < va) << r.out;
    EXPECT_TRUE(contains(r.out, "members " + members + ": 7 read, 3 new, 0 updated, 0 unchanged, 4 rejected "
                                "(bad_number 1, text_too_long 1, unknown_role 1, wrong_field_count 1)")) << r.out;
    EXPECT_TRUE(contains(r.out, "videos " + videos + ": 6 read, 1 new, 0 updated, 0 unchanged, 5 rejected "
                                "(bad_duration 2, unknown_creator 2, bad_number 1)")) << r.out;
    EXPECT_TRUE(contains(r.out, "ads " + ads + ": 3 read, 2 new, 0 updated, 0 unchanged, 1 rejected (unknown_advertiser 1)"))
        << r.out;
    EXPECT_TRUE(contains(r.out, "video_ads " + videoAds + ": 6 read, 2 new, 0 updated, 0 unchanged, 4 rejected "
                                "(placement_outside_video 2, unknown_ad 1, unknown_video 1)")) << r.out;

    EXPECT_EQ(db.rows("SELECT id, role, name FROM member ORDER BY id"),
              (std::vector<std::string>{"1|CREATOR|Creator One", "2|VIEWER|Viewer Two", "3|ADVERTISER|Ad Co"}));
    EXPECT_EQ(db.rows("SELECT id FROM video"), (std::vector<std::string>{"10"}));
    EXPECT_EQ(db.rows("SELECT id FROM ad ORDER BY id"), (std::vector<std::string>{"100", "101"}));
    EXPECT_EQ(db.rows("SELECT video_id, ad_id, position_sec FROM video_ad ORDER BY ad_id"),
              (std::vector<std::string>{"10|100|0", "10|101|599"}));
    EXPECT_EQ(db.rows("SELECT kind, reason, COUNT(*) FROM rejected_record GROUP BY kind, reason ORDER BY kind, reason"),
              (std::vector<std::string>{"members|bad_number|1", "members|text_too_long|1", "members|unknown_role|1",
                                        "members|wrong_field_count|1", "videos|bad_duration|2", "videos|bad_number|1",
                                        "videos|unknown_creator|2", "ads|unknown_advertiser|1",
                                        "video_ads|placement_outside_video|2", "video_ads|unknown_ad|1",
                                        "video_ads|unknown_video|1"}));
    // A catalog rejection keeps the line as read, and the catalog id.
    EXPECT_EQ(db.rows("SELECT line_no, record_id, record_text FROM rejected_record WHERE reason = 'unknown_creator' ORDER BY line_no"),
              (std::vector<std::string>{"3|11|11,99,No Creator,600", "7|15|15,4,Rejected Creator,60"}));
}

TEST(Load, TheSameFilesTwiceAreAllDuplicatesAndChangeNothing) {
    TestDatabase db("t_load_twice");
    db.migrate();
    auto c = writeCatalog();
    auto views = writeTempFile("views.csv", kViews);
    auto adViews = writeTempFile("ad_views.csv", kAdViews);
    std::vector<std::string> args{"load", "--members", c.members, "--videos", c.videos, "--ads", c.ads,
                                  "--video-ads", c.videoAds, "--views", views, "--ad-views", adViews};
    auto first = db.settlement(args);
    ASSERT_EQ(first.exitCode, 0) << first.out << first.err;
    // First time: 2 views, 1 ad view, 11 + 7 rejected lines quarantined.
    EXPECT_EQ(db.count("SELECT COUNT(*) FROM view_log"), 2);
    EXPECT_EQ(db.count("SELECT COUNT(*) FROM ad_view_log"), 1);
    EXPECT_EQ(db.count("SELECT COUNT(*) FROM rejected_record"), 18);
    auto catalogBefore = db.rows("SELECT id, role, name, updated_at FROM member ORDER BY id");

    auto second = db.settlement(args);
    ASSERT_EQ(second.exitCode, 0) << second.out << second.err;
    // Second time: the 3 valid view lines (events 1, 6 and 1 again) are all duplicates; the
    // rejected lines are rejected again but recorded once.
    EXPECT_TRUE(contains(second.out, "views " + views + ": 14 read, 0 loaded, 3 duplicate, 11 rejected")) << second.out;
    EXPECT_TRUE(contains(second.out, "ad_views " + adViews + ": 8 read, 0 loaded, 1 duplicate, 7 rejected")) << second.out;
    EXPECT_TRUE(contains(second.out, "members " + c.members + ": 3 read, 0 new, 0 updated, 3 unchanged, 0 rejected")) << second.out;
    EXPECT_TRUE(contains(second.out, "video_ads " + c.videoAds + ": 1 read, 0 new, 0 updated, 1 unchanged, 0 rejected"))
        << second.out;
    EXPECT_EQ(db.count("SELECT COUNT(*) FROM view_log"), 2);
    EXPECT_EQ(db.count("SELECT COUNT(*) FROM ad_view_log"), 1);
    EXPECT_EQ(db.count("SELECT COUNT(*) FROM rejected_record"), 18);
    EXPECT_EQ(db.rows("SELECT id, role, name, updated_at FROM member ORDER BY id"), catalogBefore);
    EXPECT_EQ(db.rows("SELECT kind, loaded, duplicates, rejected FROM load_batch WHERE id > 6 AND kind IN ('views', 'ad_views') ORDER BY id"),
              (std::vector<std::string>{"views|0|3|11", "ad_views|0|1|7"}));
}

TEST(Load, CatalogRowsAreUpsertedById) {
    TestDatabase db("t_load_upsert");
    db.migrate();
    auto members = writeTempFile("members.csv", "id,role,name\n1,CREATOR,Creator One\n2,CREATOR,Creator Two\n");
    auto videos = writeTempFile("videos.csv", "id,creator_id,title,duration_sec\n10,1,Old Title,600\n11,2,Other,60\n");
    auto r1 = db.settlement({"load", "--members", members, "--videos", videos});
    ASSERT_EQ(r1.exitCode, 0) << r1.err;
    EXPECT_TRUE(contains(r1.out, "videos " + videos + ": 2 read, 2 new, 0 updated, 0 unchanged, 0 rejected")) << r1.out;

    // Same rows again: nothing changes.
    auto r2 = db.settlement({"load", "--videos", videos});
    ASSERT_EQ(r2.exitCode, 0) << r2.err;
    EXPECT_TRUE(contains(r2.out, "videos " + videos + ": 2 read, 0 new, 0 updated, 2 unchanged, 0 rejected")) << r2.out;

    // Video 10 gets a new title and creator 2; video 11 is unchanged; video 12 is new; 13
    // appears twice in the file: new on its first line, updated by its second (the last wins).
    auto changed = writeTempFile("videos2.csv", "id,creator_id,title,duration_sec\n10,2,New Title,600\n11,2,Other,60\n"
                                                "12,1,Twelve,30\n13,1,First,30\n13,1,Second,45\n");
    auto r3 = db.settlement({"load", "--videos", changed});
    ASSERT_EQ(r3.exitCode, 0) << r3.err;
    EXPECT_TRUE(contains(r3.out, "videos " + changed + ": 5 read, 2 new, 2 updated, 1 unchanged, 0 rejected")) << r3.out;
    EXPECT_EQ(db.rows("SELECT id, creator_id, title, duration_sec FROM video ORDER BY id"),
              (std::vector<std::string>{"10|2|New Title|600", "11|2|Other|60", "12|1|Twelve|30", "13|1|Second|45"}));
    EXPECT_EQ(db.count("SELECT COUNT(*) FROM rejected_record"), 0);
}

TEST(Load, QuotedFieldsLoadExactly) {
    TestDatabase db("t_load_quoting");
    db.migrate();
    // CRLF line ends; a name with a comma and quotes; a title with a comma, quotes, a line
    // break (so the next record starts on line 4) and Korean text.
    auto members = writeTempFile("members.csv", "id,role,name\r\n1,CREATOR,\"Kim, \"\"the\"\" creator\"\r\n");
    auto videos = writeTempFile("videos.csv",
                                "id,creator_id,title,duration_sec\r\n"
                                "10,1,\"Part 1, \"\"Seoul\"\"\nat night \xEC\xA0\x95\xEC\x82\xB0\",600\r\n"
                                "11,1,Plain,0\r\n");
    auto r = db.settlement({"load", "--members", members, "--videos", videos});
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_EQ(db.rows("SELECT name FROM member"), (std::vector<std::string>{"Kim, \"the\" creator"}));
    EXPECT_EQ(db.rows("SELECT title FROM video"),
              (std::vector<std::string>{"Part 1, \"Seoul\"\nat night \xEC\xA0\x95\xEC\x82\xB0"}));
    // Video 11 (bad_duration) starts on line 4, after the two-line record.
    EXPECT_EQ(db.rows("SELECT line_no, reason FROM rejected_record"), (std::vector<std::string>{"4|bad_duration"}));
}

TEST(Load, BusinessDateFollowsTheUtcOffset) {
    TestDatabase db("t_load_business_date");
    db.migrate();
    loadCatalog(db);
    // +09:00: 2026-01-31 14:59:59.999Z is 23:59:59.999 in Seoul, business date 2026-01-31;
    // 15:00:00Z is midnight, 2026-02-01. An event of the previous year (15:00Z on 31 Dec is
    // 1 Jan in Seoul) and one a month later load too (never rejected for the date), each
    // in its own daily partition.
    auto views = writeTempFile("views.csv",
                               "event_id,viewer_id,video_id,ip,started_at,watched_sec,last_position_sec\n"
                               "1,2,10,ip,2026-01-31 14:59:59.999Z,1,1\n"
                               "2,2,10,ip,2026-01-31 15:00:00Z,1,1\n"
                               "3,2,10,ip,2025-12-31 15:00:00.000,1,1\n"
                               "4,2,10,ip,2026-03-01 00:00:00,1,1\n");
    auto adViews = writeTempFile("ad_views.csv",
                                 "event_id,viewer_id,video_id,ad_id,ip,viewed_at\n"
                                 "1,2,10,100,ip,2026-01-31 14:59:59.999\n"
                                 "2,2,10,100,ip,2026-01-31 15:00:00.000Z\n");
    auto r = db.settlement({"load", "--views", views, "--ad-views", adViews});
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_EQ(db.rows("SELECT event_id, business_date, started_at FROM view_log ORDER BY event_id"),
              (std::vector<std::string>{"1|2026-01-31|2026-01-31 14:59:59.999", "2|2026-02-01|2026-01-31 15:00:00.000",
                                        "3|2026-01-01|2025-12-31 15:00:00.000", "4|2026-03-01|2026-03-01 00:00:00.000"}));
    EXPECT_EQ(db.rows("SELECT event_id, business_date FROM ad_view_log ORDER BY event_id"),
              (std::vector<std::string>{"1|2026-01-31", "2|2026-02-01"}));
    // The days the events need have their own partitions (none of them in a catch-all).
    EXPECT_EQ(db.count("SELECT COUNT(*) FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = DATABASE() "
                       "AND TABLE_NAME = 'view_log' AND PARTITION_NAME IN ('p20260101', 'p20260131', 'p20260201', 'p20260301')"),
              4);
    EXPECT_EQ(db.count("SELECT COUNT(*) FROM view_log PARTITION (p_before, p_future)"), 0);
    EXPECT_EQ(db.count("SELECT COUNT(*) FROM view_log PARTITION (p20260131)"), 1);
}

namespace {

// Good members, videos and views, plus `badName` with `badContent` as the ad events file:
// the last to be staged, so every other file of the command was staged before it failed.
void expectNothingLoaded(TestDatabase& db, const std::string& badContent, const std::string& expectedPlace,
                         const std::string& expectedWhat) {
    db.migrate();
    auto c = writeCatalog();
    auto views = writeTempFile("views.csv", kViews);
    auto bad = writeTempFile("bad_ad_views.csv", badContent);
    auto r = db.settlement({"load", "--members", c.members, "--videos", c.videos, "--ads", c.ads, "--video-ads",
                            c.videoAds, "--views", views, "--ad-views", bad});
    EXPECT_EQ(r.exitCode, 2) << r.out << r.err;
    EXPECT_TRUE(contains(r.err, bad + ":" + expectedPlace + ": ")) << r.err;
    EXPECT_TRUE(contains(r.err, expectedWhat)) << r.err;
    EXPECT_TRUE(contains(r.err, "nothing of this load was loaded")) << r.err;
    EXPECT_EQ(r.out, "");
    for (const char* table : {"member", "video", "ad", "video_ad", "view_log", "ad_view_log", "rejected_record",
                              "view_log_stage", "ad_view_log_stage", "catalog_stage"})
        EXPECT_EQ(db.count(std::string("SELECT COUNT(*) FROM ") + table), 0) << table;
    // Six batches were opened, and all six abandoned.
    EXPECT_EQ(db.rows("SELECT state, COUNT(*) FROM load_batch GROUP BY state"), (std::vector<std::string>{"ABANDONED|6"}));
}

}  // namespace

TEST(Load, WrongHeaderLoadsNothingOfTheCommand) {
    TestDatabase db("t_load_bad_header");
    expectNothingLoaded(db, "event_id,viewer_id,video_id,ad_id,ip,viewed_on\n1,2,10,100,ip,2026-01-31 10:00:00\n", "1",
                        "the header must be 'event_id,viewer_id,video_id,ad_id,ip,viewed_at'");
}

TEST(Load, UnclosedQuoteLoadsNothingOfTheCommand) {
    // The quote opens on line 3 and is still open at the end of the file (line 4).
    TestDatabase db("t_load_bad_quote");
    expectNothingLoaded(db,
                        "event_id,viewer_id,video_id,ad_id,ip,viewed_at\n1,2,10,100,ip,2026-01-31 10:00:00\n"
                        "2,2,10,100,\"ip,2026-01-31 10:00:00\n3,2,10,100,ip,2026-01-31 10:00:00\n",
                        "3", "quoted field opened on line 3 is not closed at the end of the file");
}

TEST(Load, InvalidUtf8LoadsNothingOfTheCommand) {
    // Header on line 1, a good line 2, the bytes FF FE on line 3.
    TestDatabase db("t_load_bad_utf8");
    expectNothingLoaded(db,
                        "event_id,viewer_id,video_id,ad_id,ip,viewed_at\n1,2,10,100,ip,2026-01-31 10:00:00\n"
                        "2,2,10,100,\xFF\xFE,2026-01-31 10:00:00\n",
                        "3", "not valid UTF-8");
}

TEST(Load, EmptyFileLoadsNothingOfTheCommand) {
    TestDatabase db("t_load_empty_file");
    expectNothingLoaded(db, "", "1", "the file is empty");
}

TEST(Load, MissingFileLoadsNothingAndNamesIt) {
    TestDatabase db("t_load_missing_file");
    db.migrate();
    auto c = writeCatalog();
    std::string missing = c.members + ".does-not-exist";
    auto r = db.settlement({"load", "--members", c.members, "--videos", missing});
    EXPECT_EQ(r.exitCode, 2) << r.out << r.err;
    EXPECT_TRUE(contains(r.err, missing + ": cannot open the videos file: No such file or directory")) << r.err;
    EXPECT_EQ(db.count("SELECT COUNT(*) FROM member"), 0);
    EXPECT_EQ(db.count("SELECT COUNT(*) FROM load_batch"), 0);  // checked before any staging
}

TEST(Load, NeedsAtLeastOneFile) {
    TestDatabase db("t_load_no_file");
    db.migrate();
    auto r = db.settlement({"load"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(contains(r.err, "load needs at least one of --members")) << r.err;
}

TEST(Load, PromoteProceduresWorkOnHandStagedBatchesAcrossChunks) {
    // A DBA may stage a batch by hand and CALL the procedure. Line numbers 2, 250000 and
    // 900000 fall in three different 200,000-line chunks; line 400000 is a repeat of event
    // 1 in a later chunk (a duplicate) and line 600000 has watched_sec 90000 (rejected).
    TestDatabase db("t_load_hand_staged");
    db.migrate();
    loadCatalog(db);
    db.sql().execute("INSERT INTO load_batch (id, kind, file_name) VALUES (500, 'views', 'by hand')");
    db.sql().execute(
        "INSERT INTO view_log_stage (batch_id, line_no, event_id, viewer_id, video_id, ip, started_at, watched_sec, last_position_sec) VALUES "
        "(500, 2, 1, 2, 10, 'ip', '2026-01-31 10:00:00', 1, 1), (500, 250000, 2, 2, 10, 'ip', '2026-01-31 11:00:00', 1, 1), "
        "(500, 400000, 1, 2, 10, 'ip', '2026-01-31 10:00:00', 1, 1), (500, 600000, 3, 2, 10, 'ip', '2026-01-31 12:00:00', 90000, 1), "
        "(500, 900000, 4, 2, 10, 'ip', '2026-02-01 10:00:00', 1, 1)");
    auto result = db.rows("CALL promote_views_batch(500)");
    EXPECT_EQ(result, (std::vector<std::string>{"loaded||3", "duplicate||1", "rejected|watched_sec_out_of_range|1"}));
    EXPECT_EQ(db.rows("SELECT state, rows_read, loaded, duplicates, rejected FROM load_batch WHERE id = 500"),
              (std::vector<std::string>{"LOADED|5|3|1|1"}));
    EXPECT_EQ(db.count("SELECT COUNT(*) FROM view_log_stage"), 0);
    EXPECT_EQ(db.rows("SELECT line_no, record_id FROM rejected_record"), (std::vector<std::string>{"600000|3"}));

    // A LOADED batch, a batch of another kind and an unknown batch are refused (SQLSTATE 45000).
    auto refused = [&](const std::string& call, const std::string& message) {
        try {
            db.sql().execute(call);
            ADD_FAILURE() << call << " was accepted";
        } catch (const std::exception& e) {
            EXPECT_TRUE(contains(e.what(), message)) << e.what();
        }
    };
    refused("CALL promote_views_batch(500)", "load_batch 500 is LOADED; only a STAGING or PROMOTING batch can be promoted");
    refused("CALL promote_ad_views_batch(500)", "load_batch 500 holds views, not ad_views");
    refused("CALL promote_members_batch(12345)", "there is no load_batch 12345");
}

// What a load that died left behind (SPEC 9): the next load (or run) abandons a file batch
// cut off while it was read, finishes a batch whose promotion began and an inbox batch,
// leaves a live load's batch alone, and `status` lists what is unfinished.
TEST(Load, TheNextLoadFinishesOrAbandonsWhatADeadLoadLeft) {
    TestDatabase db("t_load_leftovers");
    db.migrate();
    loadCatalog(db);
    // 801: a file cut off while being staged; 802: its promotion began (line 2 is already
    // loaded); 803: moved out of the inbox, never promoted; 804: a live load's (its lock held).
    db.sql().execute("INSERT INTO load_batch (id, kind, source, file_name, state, rows_read) VALUES"
                     " (801, 'views', 'file', 'cut.csv', 'STAGING', 0), (802, 'views', 'file', 'half.csv', 'PROMOTING', 3),"
                     " (803, 'ad_views', 'inbox', 'ad_event_inbox', 'STAGING', 1), (804, 'views', 'file', 'live.csv', 'STAGING', 0)");
    db.sql().execute(
        "INSERT INTO view_log_stage (batch_id, line_no, event_id, viewer_id, video_id, ip, started_at, watched_sec, last_position_sec) VALUES"
        " (801, 2, 71, 2, 10, '', '2026-01-31 10:00:00', 1, 1),"
        " (802, 3, 72, 2, 10, '', '2026-01-31 10:01:00', 1, 1), (802, 4, 73, 2, 10, '', '2026-01-31 10:02:00', 1, 1),"
        " (804, 2, 74, 2, 10, '', '2026-01-31 10:03:00', 1, 1)");
    db.sql().execute("INSERT INTO ad_view_log_stage (batch_id, line_no, event_id, viewer_id, video_id, ad_id, ip, viewed_at)"
                     " VALUES (803, 1, 75, 2, 10, 100, '', '2026-01-31 10:00:00')");
    auto live = settlement::db::Connection::open(testServer(db.name()));
    live->execute("CALL lock_name('load_batch.804', @n)");
    ASSERT_EQ(live->scalar("SELECT GET_LOCK(@n, 0)"), std::optional<std::string>("1"));

    auto status = db.settlement({"status"});
    EXPECT_TRUE(contains(status.out, "batch 801 views cut.csv STAGING since")) << status.out;
    EXPECT_TRUE(contains(status.out, "left by a load that died")) << status.out;
    EXPECT_TRUE(contains(status.out, "batch 804 views live.csv STAGING since")) << status.out;
    EXPECT_TRUE(contains(status.out, "a load is working on it")) << status.out;

    auto c = writeCatalog();
    auto r = db.settlement({"load", "--members", c.members});
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "finished views half.csv (batch 802, left PROMOTING by a load that died): 3 read, 2 loaded"))
        << r.out;
    EXPECT_TRUE(contains(r.out, "finished ad_views ad_event_inbox (batch 803, left STAGING by a load that died): 1 read, 1 loaded"))
        << r.out;
    EXPECT_TRUE(contains(r.err, "batch 801 (views cut.csv) was being read by a load that died")) << r.err;
    EXPECT_EQ(db.rows("SELECT id, state FROM load_batch WHERE id BETWEEN 801 AND 804 ORDER BY id"),
              (std::vector<std::string>{"801|ABANDONED", "802|LOADED", "803|LOADED", "804|STAGING"}));
    EXPECT_EQ(db.rows("SELECT event_id FROM view_log ORDER BY event_id"), (std::vector<std::string>{"72", "73"}));
    EXPECT_EQ(db.count("SELECT COUNT(*) FROM ad_view_log WHERE event_id = 75"), 1);
    EXPECT_EQ(db.count("SELECT COUNT(*) FROM view_log_stage WHERE batch_id IN (801, 802)"), 0);
    EXPECT_EQ(db.count("SELECT COUNT(*) FROM view_log_stage WHERE batch_id = 804"), 1);  // the live load's, untouched
}

// kill -9 of `load` at a few points of a large file, then the same load: every event once.
TEST(Load, KilledLoadsAndTheSameLoadAgainLoadEveryEventOnce) {
    TestDatabase db("t_load_killed");
    db.migrate();
    loadCatalog(db);
    const int lines = 300000;
    std::string text = "event_id,viewer_id,video_id,ip,started_at,watched_sec,last_position_sec\n";
    text.reserve(lines * 48);
    for (int i = 1; i <= lines; ++i)
        text += std::to_string(i) + ",2,10,10.0.0.1,2026-01-31 0" + std::to_string(i % 10) + ":00:00,1,1\n";
    auto views = writeTempFile("big.csv", text);
    for (int ms : {300, 1500, 3000}) {
        int pid = db.startSettlement({"load", "--views", views});
        std::this_thread::sleep_for(std::chrono::milliseconds(ms));
        ::kill(pid, SIGKILL);
        ::waitpid(pid, nullptr, 0);
    }
    // Sessions of the killed loads may still be promoting: the next load leaves their
    // batches to them (or finishes them), and loads the file again.
    auto r = db.settlement({"load", "--views", views});
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    for (int i = 0; i < 300 && db.count("SELECT COUNT(*) FROM load_batch WHERE state IN ('STAGING', 'PROMOTING')") > 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    auto again = db.settlement({"load", "--views", views});  // picks up anything still left
    ASSERT_EQ(again.exitCode, 0) << again.out << again.err;
    EXPECT_EQ(db.count("SELECT COUNT(*) FROM view_log"), lines);
    EXPECT_EQ(db.count("SELECT COUNT(DISTINCT event_id) FROM view_log"), lines);
    EXPECT_EQ(db.count("SELECT COUNT(*) FROM load_batch WHERE state IN ('STAGING', 'PROMOTING')"), 0);
    EXPECT_EQ(db.count("SELECT COUNT(*) FROM view_log_stage"), 0);
}

namespace {

// A views file of `lines` data lines over three chunks of the load (100,000 parsed lines
// each): event i on line i + 1, except
//   line 150,001 repeats event 3 with other fields (a duplicate: line 4's event stands);
//   line 120,001 has watched_sec 90000 under event 555,555 (rejected), and line 210,001 is
//   event 555,555 again, valid (a rejected line claims nothing: it loads);
//   line 130,001 has a field too few (wrong_field_count);
//   lines 200,001 and 200,002 are event 200,000 twice (the second is a duplicate).
std::string manyChunkViews(int lines) {
    std::string text = "event_id,viewer_id,video_id,ip,started_at,watched_sec,last_position_sec\n";
    text.reserve(std::size_t(lines) * 48);
    for (int i = 1; i <= lines; ++i) {
        int line = i + 1;
        std::string time = "2026-01-31 0" + std::to_string(i % 10) + ":" + std::to_string(10 + i % 50) + ":00";
        if (line == 150001) text += "3,2,10,later," + time + ",7,7\n";
        else if (line == 120001) text += "555555,2,10,ip," + time + ",90000,1\n";
        else if (line == 210001) text += "555555,2,10,ip," + time + ",5,5\n";
        else if (line == 130001) text += std::to_string(i) + ",2,10,ip," + time + ",1\n";
        else if (line == 200002) text += "200000,2,10,again," + time + ",1,1\n";
        else text += std::to_string(i) + ",2,10,ip," + time + ",1,1\n";
    }
    return text;
}

void expectManyChunkViewsLoaded(TestDatabase& db, const CommandResult& r, const std::string& views, int lines) {
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    // Rejected: lines 120,001 and 130,001; duplicates: lines 150,001 and 200,002.
    EXPECT_TRUE(contains(r.out, "views " + views + ": " + std::to_string(lines) + " read, " + std::to_string(lines - 4) +
                                    " loaded, 2 duplicate, 2 rejected (watched_sec_out_of_range 1, wrong_field_count 1)"))
        << r.out;
    EXPECT_EQ(db.count("SELECT COUNT(*) FROM view_log"), lines - 4);
    EXPECT_EQ(db.count("SELECT COUNT(*) FROM view_event_id"), lines - 4);
    // The first occurrence of an id wins, across chunks and within one.
    EXPECT_EQ(db.rows("SELECT ip, watched_sec FROM view_log WHERE event_id IN (3, 200000, 555555) ORDER BY event_id"),
              (std::vector<std::string>{"ip|1", "ip|1", "ip|5"}));
    EXPECT_EQ(db.rows("SELECT line_no FROM view_event_id WHERE event_id IN (3, 200000, 555555) ORDER BY event_id"),
              (std::vector<std::string>{"4", "200001", "210001"}));
    EXPECT_EQ(db.rows("SELECT line_no, reason FROM rejected_record ORDER BY line_no"),
              (std::vector<std::string>{"120001|watched_sec_out_of_range", "130001|wrong_field_count"}));
    EXPECT_EQ(db.rows("SELECT state, rows_read, loaded, duplicates, rejected FROM load_batch WHERE kind = 'views'"),
              (std::vector<std::string>{"LOADED|" + std::to_string(lines) + "|" + std::to_string(lines - 4) + "|2|2"}));
    EXPECT_EQ(db.rows("SELECT view_events FROM log_day WHERE business_date = '2026-01-31'"),
              (std::vector<std::string>{std::to_string(lines - 4)}));
    EXPECT_EQ(db.count("SELECT COUNT(*) FROM view_log_stage"), 0);
}

// Loads manyChunkViews(lines) into a migrated database with the catalog; `before` runs
// just before the load, `after` just after it; then checks what was loaded.
template <typename Before, typename After>
void loadManyChunkViews(TestDatabase& db, int lines, const Before& before, const After& after) {
    db.migrate();
    loadCatalog(db);
    auto views = writeTempFile("many.csv", manyChunkViews(lines));
    before();
    auto r = db.settlement({"load", "--views", views});
    after(r);
    expectManyChunkViewsLoaded(db, r, views, lines);
}

}  // namespace

// A file of several chunks goes through two sessions in turn (one checks the next chunk
// while the other commits): the rules, the quarantine and event identity in line order
// hold across chunks exactly as within one.
TEST(Load, AFileOfManyChunksKeepsLineOrderAcrossChunks) {
    TestDatabase db("t_load_many_chunks");
    loadManyChunkViews(db, 230000, [] {}, [](const CommandResult&) {});
}

// A server that refuses LOAD DATA LOCAL INFILE (MySQL 8 starts with local_infile OFF) gets
// the lines as INSERT statements: slower, the same outcome.
TEST(Load, AServerWithoutLocalInfileGetsTheSameLoad) {
    TestDatabase db("t_load_no_local_infile");
    loadManyChunkViews(
        db, 210500, [&] { db.sql().execute("SET GLOBAL local_infile = 0"); },
        [&](const CommandResult& r) {
            db.sql().execute("SET GLOBAL local_infile = 1");
            EXPECT_TRUE(contains(r.err, "LOAD DATA LOCAL INFILE is refused")) << r.err;
        });
}
