// Daily statistics end to end: CSV files -> load -> run -> report, against the
// hand-computed fixture in tests/fixtures/stats/README.md (SPEC §5-§6).
#include <gtest/gtest.h>

#include "support/TestDatabase.h"

using namespace settlement::test;

namespace {

const std::string kDay = "2026-03-10";

std::vector<std::string> loadArgs() {
    std::string dir = sourceDir() + "/tests/fixtures/stats/";
    return {"load", "--members", dir + "members.csv", "--videos", dir + "videos.csv", "--ads", dir + "ads.csv",
            "--video-ads", dir + "video_ads.csv", "--views", dir + "views.csv", "--ad-views", dir + "ad_views.csv"};
}

void loadAndRun(TestDatabase& db) {
    db.migrate();
    auto load = db.settlement(loadArgs());
    ASSERT_EQ(load.exitCode, 0) << load.out << load.err;
    auto run = db.settlement({"run", "--date", kDay});
    ASSERT_EQ(run.exitCode, 0) << run.out << run.err;
}

}  // namespace

TEST(Stats, ThirtySecondRuleSelfViewsAndDayBoundaries) {
    TestDatabase db("t_stats_rules");
    loadAndRun(db);
    EXPECT_EQ(db.rows("SELECT video_id, views, watch_seconds, ad_views FROM video_daily_stat WHERE business_date = '" +
                      kDay + "' ORDER BY video_id"),
              (std::vector<std::string>{"100|10|339|4", "200|2|265|2"}));
    EXPECT_EQ(db.rows("SELECT video_id, ad_id, ad_views FROM video_ad_daily_stat ORDER BY video_id, ad_id"),
              (std::vector<std::string>{"100|500|3", "100|501|1", "200|500|2"}));
    // The periods of the day hold the same figures.
    EXPECT_EQ(db.rows("SELECT period, period_start, video_id, views, watch_seconds, ad_views FROM video_period_stat"
                      " ORDER BY period, video_id"),
              (std::vector<std::string>{"WEEK|2026-03-09|100|10|339|4", "WEEK|2026-03-09|200|2|265|2",
                                        "MONTH|2026-03-01|100|10|339|4", "MONTH|2026-03-01|200|2|265|2",
                                        "YEAR|2026-01-01|100|10|339|4", "YEAR|2026-01-01|200|2|265|2"}));
}

TEST(Stats, EventsOnEitherSideOfTheDayAreNotCounted) {
    TestDatabase db("t_stats_boundary");
    loadAndRun(db);
    // #23 (15:00:00Z) belongs to 2026-03-11 and #24 (14:59:59.999Z the day before) to 2026-03-09.
    EXPECT_EQ(db.rows("SELECT event_id, business_date FROM view_log WHERE event_id IN (22, 23, 24) ORDER BY event_id"),
              (std::vector<std::string>{"22|2026-03-10", "23|2026-03-11", "24|2026-03-09"}));
    ASSERT_EQ(db.settlement({"run", "--date", "2026-03-11"}).exitCode, 0);
    EXPECT_EQ(db.rows("SELECT video_id, views, watch_seconds FROM video_daily_stat WHERE business_date = '2026-03-11'"),
              (std::vector<std::string>{"100|1|8"}));
}

TEST(Stats, RunningTwiceGivesIdenticalResults) {
    TestDatabase db("t_stats_twice");
    loadAndRun(db);
    std::string query = "SELECT * FROM video_daily_stat ORDER BY business_date, video_id";
    auto first = db.rows(query);
    auto firstPeriods = db.rows("SELECT * FROM video_period_stat ORDER BY period, period_start, video_id");
    // Loading the same files again adds nothing; rerunning the date changes nothing.
    ASSERT_EQ(db.settlement(loadArgs()).exitCode, 0);
    auto rerun = db.settlement({"run", "--date", kDay, "--rerun"});
    ASSERT_EQ(rerun.exitCode, 0) << rerun.err;
    EXPECT_EQ(db.rows(query), first);
    EXPECT_EQ(db.rows("SELECT * FROM video_period_stat ORDER BY period, period_start, video_id"), firstPeriods);
}

TEST(Stats, ReportStatsShowsTheDayInTheSpecShape) {
    TestDatabase db("t_stats_report");
    loadAndRun(db);
    auto r = db.settlement({"report", "stats", "--period", "day", "--date", kDay, "--format", "json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    std::string compact;
    for (char c : r.out)
        if (c != '\n' && c != ' ') compact += c;
    EXPECT_EQ(compact,
              "[{\"video_id\":100,\"views\":10,\"watch_seconds\":339,\"ad_views\":4},"
              "{\"video_id\":200,\"views\":2,\"watch_seconds\":265,\"ad_views\":2}]");
}
