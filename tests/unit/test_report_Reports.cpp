// report::Reports: which procedure each report calls, with which arguments, and its title.
#include <gtest/gtest.h>

#include "report/Reports.h"

using namespace settlement;
using namespace settlement::report;

namespace {

Request request(ReportKind kind, Period period, const char* date) {
    Request r;
    r.kind = kind;
    r.span.period = period;
    r.span.from = *util::parseDate(date);
    return r;
}

util::Date on(const char* text) { return *util::parseDate(text); }

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
    EXPECT_EQ(parseReportKind("daily"), ReportKind::Daily);
    EXPECT_FALSE(parseReportKind("Top"));
}

TEST(ReportReports, AsksReportSpanForTheDaysOfAPeriodOrASpan) {
    EXPECT_EQ(spanStatement(request(ReportKind::Stats, Period::Week, "2026-11-18").span),
              "CALL report_span('WEEK', '2026-11-18', NULL)");
    Span days{std::nullopt, on("2026-11-01"), on("2026-11-10")};
    EXPECT_EQ(spanStatement(days), "CALL report_span(NULL, '2026-11-01', '2026-11-10')");
}

TEST(ReportReports, CallsTheSpanProcedureOfEachReportWithTheResolvedDays) {
    auto from = on("2026-11-16"), to = on("2026-11-22");
    auto stats = request(ReportKind::Stats, Period::Week, "2026-11-18");
    EXPECT_EQ(callStatement(stats, from, to), "CALL report_video_stats_span('2026-11-16', '2026-11-22', NULL, NULL)");
    stats.videoId = 18446744073709551615ULL;
    stats.creatorId = 3;
    EXPECT_EQ(callStatement(stats, from, to),
              "CALL report_video_stats_span('2026-11-16', '2026-11-22', 18446744073709551615, 3)");

    auto top = request(ReportKind::Top, Period::Day, "2026-01-02");
    top.rankBy = RankBy::WatchTime;
    EXPECT_EQ(callStatement(top, on("2026-01-02"), on("2026-01-02")),
              "CALL report_top_videos_span('2026-01-02', '2026-01-02', 'watch_time', NULL)");
    top.limit = 10;
    EXPECT_EQ(callStatement(top, on("2026-01-02"), on("2026-01-02")),
              "CALL report_top_videos_span('2026-01-02', '2026-01-02', 'watch_time', 10)");

    auto settlement = request(ReportKind::Settlement, Period::Year, "2026-12-31");
    EXPECT_EQ(callStatement(settlement, on("2026-01-01"), on("2026-12-31")),
              "CALL report_settlement_span('2026-01-01', '2026-12-31', NULL, 'creator')");
    settlement.creatorId = 3;
    settlement.settleBy = SettleBy::Video;
    EXPECT_EQ(callStatement(settlement, on("2026-01-01"), on("2026-12-31")),
              "CALL report_settlement_span('2026-01-01', '2026-12-31', 3, 'video')");

    auto daily = request(ReportKind::Daily, Period::Month, "2026-11-18");
    daily.creatorId = 4;
    EXPECT_EQ(callStatement(daily, on("2026-11-01"), on("2026-11-30")),
              "CALL report_daily('2026-11-01', '2026-11-30', NULL, 4)");
}

TEST(ReportReports, ReadsTheDefaultLimitThroughReadSetting) {
    EXPECT_EQ(std::string(kDefaultLimitCall), "CALL read_setting('ranking.default_limit', @ranking_limit)");
    EXPECT_EQ(std::string(kDefaultLimitSelect), "SELECT @ranking_limit");
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
    Request daily;
    daily.kind = ReportKind::Daily;
    daily.span = Span{std::nullopt, on("2026-11-03"), on("2026-11-09")};
    daily.videoId = 8;
    EXPECT_EQ(titleFor(daily, "2026-11-03", "2026-11-09", ""), "Daily figures of video 8, 2026-11-03 .. 2026-11-09");
    auto span = request(ReportKind::Stats, Period::Day, "2026-11-18");
    span.span.period.reset();
    EXPECT_EQ(titleFor(span, "2026-11-18", "2026-11-18", ""), "Statistics, 2026-11-18");
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
    EXPECT_EQ(names(layoutFor(request(ReportKind::Daily, Period::Day, "2026-11-18"))),
              "date views watch_seconds ad_views video_revenue$ ad_revenue$ ");
}
