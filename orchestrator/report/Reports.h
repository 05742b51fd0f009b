#pragma once
// The three reports of `settlement report` (SPEC §8): which procedure produces each, the
// columns it returns, and how its table is titled. The figures themselves (periods,
// filters, ranking, revenue) are the procedures' business; nothing here computes them.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "report/Formatter.h"
#include "util/Date.h"

namespace settlement::report {

enum class Period { Day, Week, Month, Year };
enum class ReportKind { Stats, Top, Settlement };
enum class RankBy { Views, WatchTime };
enum class SettleBy { Creator, Video };

// "day", "week", "month", "year", case-insensitive.
std::optional<Period> parsePeriod(std::string_view text);
// "stats", "top", "settlement".
std::optional<ReportKind> parseReportKind(std::string_view text);
// "views", "watch_time", case-insensitive.
std::optional<RankBy> parseRankBy(std::string_view text);
// "creator", "video", case-insensitive.
std::optional<SettleBy> parseSettleBy(std::string_view text);

// One report to produce, with every option already checked.
struct Request {
    ReportKind kind = ReportKind::Stats;
    Period period = Period::Day;
    util::Date date{};
    std::optional<std::uint64_t> videoId;    // stats: one video
    RankBy rankBy = RankBy::Views;           // top
    std::optional<int> limit;                // top: nullopt = setting ranking.default_limit
    std::optional<std::uint64_t> creatorId;  // settlement: one creator
    SettleBy settleBy = SettleBy::Creator;   // settlement
};

// The CALL of the report's procedure, e.g.
// CALL report_video_stats('WEEK', '2026-11-18', NULL). Every value in it comes from a
// parsed enum, date or number, so nothing needs quoting.
std::string callStatement(const Request& request);

// The CALL of report_title_facts: the period's first and last day and the Top-N size in
// effect (the request's --limit or the setting), for the table title: one row of three columns.
std::string titleFactsQuery(const Request& request);

// Columns and footer nouns of the report; the title is left empty.
Layout layoutFor(const Request& request);

// e.g. "Statistics, week 2026-11-16 .. 2026-11-22" or "Top 5 videos by views, day 2026-11-18".
std::string titleFor(const Request& request, const std::string& periodStart,
                     const std::string& periodEnd, const std::string& limit);

}  // namespace settlement::report
