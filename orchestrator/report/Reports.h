#pragma once
// The reports of `settlement report` and `settlement serve` (SPEC §8, §10): which procedure
// produces each, the columns it returns, and how its table is titled. The figures
// themselves (periods, spans, filters, ranking, revenue) are the procedures' business;
// nothing here computes them.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "report/Formatter.h"
#include "util/Date.h"

namespace settlement::report {

enum class Period { Day, Week, Month, Year };
enum class ReportKind { Stats, Top, Settlement, Daily };
enum class RankBy { Views, WatchTime };
enum class SettleBy { Creator, Video };

// "day", "week", "month", "year", case-insensitive.
std::optional<Period> parsePeriod(std::string_view text);
// "stats", "top", "settlement", "daily".
std::optional<ReportKind> parseReportKind(std::string_view text);
// "views", "watch_time", case-insensitive.
std::optional<RankBy> parseRankBy(std::string_view text);
// "creator", "video", case-insensitive.
std::optional<SettleBy> parseSettleBy(std::string_view text);

// The days a report covers (SPEC §10): the period that contains `from`, or, without a
// period, the days from .. to. The procedure report_span turns it into its first and last day.
struct Span {
    std::optional<Period> period;
    util::Date from{};
    util::Date to{};  // only without a period
};

// One report to produce, with every option already checked.
struct Request {
    ReportKind kind = ReportKind::Stats;
    Span span;
    std::optional<std::uint64_t> videoId;    // stats, daily: one video
    std::optional<std::uint64_t> creatorId;  // stats, settlement, daily: one creator
    RankBy rankBy = RankBy::Views;           // top
    std::optional<int> limit;                // top: nullopt = setting ranking.default_limit
    SettleBy settleBy = SettleBy::Creator;   // settlement
};

// CALL report_span('WEEK', '2026-11-18', NULL) or CALL report_span(NULL, '2026-11-01',
// '2026-11-10'): one row of from, to, complete.
std::string spanStatement(const Span& span);

// The CALL of the report's procedure over the days from .. to (as report_span gave them),
// e.g. CALL report_video_stats_span('2026-11-16', '2026-11-22', NULL, NULL). Every value
// in it comes from a parsed enum, date or number, so nothing needs quoting.
std::string callStatement(const Request& request, util::Date from, util::Date to);

// The statements that read the Top-N size in effect when a request gives none: the CALL
// sets @ranking_limit, the SELECT reads it.
inline constexpr const char* kDefaultLimitCall = "CALL read_setting('ranking.default_limit', @ranking_limit)";
inline constexpr const char* kDefaultLimitSelect = "SELECT @ranking_limit";

// Columns and footer nouns of the report; the title is left empty.
Layout layoutFor(const Request& request);
// Columns of report_job_runs (`GET /v1/jobs`).
Layout jobRunsLayout();

// e.g. "Statistics, week 2026-11-16 .. 2026-11-22", "Top 5 videos by views, day 2026-11-18"
// or "Daily figures of creator 3, 2026-11-01 .. 2026-11-10".
std::string titleFor(const Request& request, const std::string& from, const std::string& to,
                     const std::string& limit);

}  // namespace settlement::report
