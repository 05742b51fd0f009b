// report::Reports: which procedure each report calls, with which arguments, and its title.
#include <gtest/gtest.h>

#include "report/Reports.h"

using namespace settlement;
using namespace settlement::report;

namespace {

Request request(ReportKind kind, Period period, const char* date) {
    Request r;
    r.kind = kind;
    r.period = period;
    r.date = *util::parseDate(date);
    return r;
}

}  // namespace

TEST(ReportReports, ParsesWordsCaseInsensitivelyExceptTheAction) {
    EXPECT_EQ(parsePeriod("WEEK"), Period::Week);
    EXPECT_EQ(parsePeriod("month"), Period::Month);
    EXPECT_FALSE(parsePeriod("quarter"));
    EXPECT_EQ(parseRankBy("Watch_Time"), RankBy::WatchTime);
    EXPECT_FALSE(parseRankBy("watch_seconds"));
    EXPECT_EQ(parseSettleBy("VIDEO"), SettleBy::Video);
    EXPECT_FALSE(parseSettleBy("ad"));
    EXPECT_EQ(parseReportKind("top"), ReportKind::Top);
    EXPECT_FALSE(parseReportKind("Top"));
}

TEST(ReportReports, CallsTheProcedureOfEachReport) {
    auto stats = request(ReportKind::Stats, Period::Week, "2026-11-18");
    EXPECT_EQ(callStatement(stats), "CALL report_video_stats('WEEK', '2026-11-18', NULL)");
    stats.videoId = 18446744073709551615ULL;
    EXPECT_EQ(callStatement(stats), "CALL report_video_stats('WEEK', '2026-11-18', 18446744073709551615)");

    auto top = request(ReportKind::Top, Period::Day, "2026-01-02");
    top.rankBy = RankBy::WatchTime;
    EXPECT_EQ(callStatement(top), "CALL report_top_videos('DAY', '2026-01-02', 'watch_time', NULL)");
    top.limit = 10;
    EXPECT_EQ(callStatement(top), "CALL report_top_videos('DAY', '2026-01-02', 'watch_time', 10)");

    auto settlement = request(ReportKind::Settlement, Period::Year, "2026-12-31");
    EXPECT_EQ(callStatement(settlement), "CALL report_settlement('YEAR', '2026-12-31', NULL, 'creator')");
    settlement.creatorId = 3;
    settlement.settleBy = SettleBy::Video;
    EXPECT_EQ(callStatement(settlement), "CALL report_settlement('YEAR', '2026-12-31', 3, 'video')");
}

TEST(ReportReports, AsksTheDatabaseForPeriodBoundsAndTheLimitInEffect) {
    auto top = request(ReportKind::Top, Period::Month, "2026-11-18");
    EXPECT_EQ(titleFactsQuery(top), "CALL report_title_facts('MONTH', '2026-11-18', NULL, TRUE)");
    top.limit = 3;
    EXPECT_EQ(titleFactsQuery(top), "CALL report_title_facts('MONTH', '2026-11-18', 3, TRUE)");
    EXPECT_EQ(titleFactsQuery(request(ReportKind::Stats, Period::Day, "2026-11-18")),
              "CALL report_title_facts('DAY', '2026-11-18', NULL, FALSE)");
}

TEST(ReportReports, TitlesNameTheReportAndThePeriod) {
    auto stats = request(ReportKind::Stats, Period::Week, "2026-11-18");
    EXPECT_EQ(titleFor(stats, "2026-11-16", "2026-11-22", ""), "Statistics, week 2026-11-16 .. 2026-11-22");
    auto day = request(ReportKind::Stats, Period::Day, "2026-11-18");
    day.videoId = 7;
    EXPECT_EQ(titleFor(day, "2026-11-18", "2026-11-18", ""), "Statistics of video 7, day 2026-11-18");
    auto top = request(ReportKind::Top, Period::Year, "2026-11-18");
    EXPECT_EQ(titleFor(top, "2026-01-01", "2026-12-31", "5"), "Top 5 videos by views, year 2026-01-01 .. 2026-12-31");
    auto settlement = request(ReportKind::Settlement, Period::Month, "2026-11-18");
    settlement.creatorId = 3;
    settlement.settleBy = SettleBy::Video;
    EXPECT_EQ(titleFor(settlement, "2026-11-01", "2026-11-30", ""),
              "Settlement of creator 3 by video, month 2026-11-01 .. 2026-11-30");
}

TEST(ReportReports, LayoutsMatchTheJsonShapesOfTheSpec) {
    auto names = [](const Layout& l) {
        std::string out;
        for (const auto& c : l.columns)
            out += c.name + (c.kind == ColumnKind::Money ? "$" : "") + " ";
        return out;
    };
    EXPECT_EQ(names(layoutFor(request(ReportKind::Stats, Period::Day, "2026-11-18"))),
              "video_id views watch_seconds ad_views ");
    EXPECT_EQ(names(layoutFor(request(ReportKind::Top, Period::Day, "2026-11-18"))),
              "rank video_id views watch_seconds ");
    auto byCreator = layoutFor(request(ReportKind::Settlement, Period::Day, "2026-11-18"));
    EXPECT_EQ(names(byCreator), "creator_id video_revenue$ ad_revenue$ payable ");
    EXPECT_EQ(byCreator.rowNounPlural, "creators");
    auto r = request(ReportKind::Settlement, Period::Day, "2026-11-18");
    r.settleBy = SettleBy::Video;
    EXPECT_EQ(names(layoutFor(r)), "video_id creator_id views ad_views video_revenue$ ad_revenue$ ");
    EXPECT_EQ(layoutFor(r).rowNounPlural, "videos");
}
