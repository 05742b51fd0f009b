#include "report/Reports.h"

#include <algorithm>
#include <cctype>

namespace settlement::report {
namespace {

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

std::string sqlPeriod(Period p) {
    switch (p) {
        case Period::Day: return "'DAY'";
        case Period::Week: return "'WEEK'";
        case Period::Month: return "'MONTH'";
        case Period::Year: return "'YEAR'";
    }
    return "NULL";
}

std::string periodWord(Period p) {
    switch (p) {
        case Period::Day: return "day";
        case Period::Week: return "week";
        case Period::Month: return "month";
        case Period::Year: return "year";
    }
    return "";
}

std::string sqlDate(util::Date d) { return "'" + util::formatDate(d) + "'"; }

std::string sqlId(const std::optional<std::uint64_t>& id) { return id ? std::to_string(*id) : "NULL"; }

}  // namespace

std::optional<Period> parsePeriod(std::string_view text) {
    std::string t = lower(text);
    if (t == "day") return Period::Day;
    if (t == "week") return Period::Week;
    if (t == "month") return Period::Month;
    if (t == "year") return Period::Year;
    return std::nullopt;
}

std::optional<ReportKind> parseReportKind(std::string_view text) {
    if (text == "stats") return ReportKind::Stats;
    if (text == "top") return ReportKind::Top;
    if (text == "settlement") return ReportKind::Settlement;
    if (text == "daily") return ReportKind::Daily;
    return std::nullopt;
}

std::optional<RankBy> parseRankBy(std::string_view text) {
    std::string t = lower(text);
    if (t == "views") return RankBy::Views;
    if (t == "watch_time") return RankBy::WatchTime;
    return std::nullopt;
}

std::optional<SettleBy> parseSettleBy(std::string_view text) {
    std::string t = lower(text);
    if (t == "creator") return SettleBy::Creator;
    if (t == "video") return SettleBy::Video;
    return std::nullopt;
}

std::string spanStatement(const Span& span) {
    if (span.period) return "CALL report_span(" + sqlPeriod(*span.period) + ", " + sqlDate(span.from) + ", NULL)";
    return "CALL report_span(NULL, " + sqlDate(span.from) + ", " + sqlDate(span.to) + ")";
}

std::string callStatement(const Request& r, util::Date from, util::Date to) {
    std::string days = sqlDate(from) + ", " + sqlDate(to) + ", ";
    switch (r.kind) {
        case ReportKind::Stats:
            return "CALL report_video_stats_span(" + days + sqlId(r.videoId) + ", " + sqlId(r.creatorId) + ")";
        case ReportKind::Top:
            return "CALL report_top_videos_span(" + days +
                   (r.rankBy == RankBy::Views ? "'views'" : "'watch_time'") + ", " +
                   (r.limit ? std::to_string(*r.limit) : "NULL") + ")";
        case ReportKind::Settlement:
            return "CALL report_settlement_span(" + days + sqlId(r.creatorId) + ", " +
                   (r.settleBy == SettleBy::Creator ? "'creator'" : "'video'") + ")";
        case ReportKind::Daily:
            return "CALL report_daily(" + days + sqlId(r.videoId) + ", " + sqlId(r.creatorId) + ")";
    }
    return "";
}

Layout layoutFor(const Request& r) {
    using K = ColumnKind;
    Layout layout;
    layout.rowNoun = "video";
    layout.rowNounPlural = "videos";
    switch (r.kind) {
        case ReportKind::Stats:
            layout.columns = {{"video_id", K::Integer}, {"views", K::Integer},
                              {"watch_seconds", K::Integer}, {"ad_views", K::Integer}};
            break;
        case ReportKind::Top:
            layout.columns = {{"rank", K::Integer}, {"video_id", K::Integer},
                              {"views", K::Integer}, {"watch_seconds", K::Integer}};
            break;
        case ReportKind::Settlement:
            if (r.settleBy == SettleBy::Creator) {
                layout.columns = {{"creator_id", K::Integer}, {"video_revenue", K::Money},
                                  {"ad_revenue", K::Money}, {"payable", K::Integer}};
                layout.rowNoun = "creator";
                layout.rowNounPlural = "creators";
            } else {
                layout.columns = {{"video_id", K::Integer},      {"creator_id", K::Integer},
                                  {"views", K::Integer},         {"ad_views", K::Integer},
                                  {"video_revenue", K::Money},   {"ad_revenue", K::Money}};
            }
            break;
        case ReportKind::Daily:
            layout.columns = {{"date", K::Text},          {"views", K::Integer},
                              {"watch_seconds", K::Integer}, {"ad_views", K::Integer},
                              {"video_revenue", K::Money}, {"ad_revenue", K::Money}};
            layout.rowNoun = "day";
            layout.rowNounPlural = "days";
            break;
    }
    return layout;
}

Layout jobRunsLayout() {
    using K = ColumnKind;
    Layout layout;
    layout.columns = {{"date", K::Text},          {"state", K::Text},         {"attempt", K::Integer},
                      {"tasks_done", K::Integer}, {"tasks_total", K::Integer}, {"duration_ms", K::Integer},
                      {"started_at", K::Text},    {"heartbeat_at", K::Text},  {"finished_at", K::Text},
                      {"owner", K::Text},         {"stale", K::Boolean},      {"message", K::Text}};
    layout.rowNoun = "run";
    layout.rowNounPlural = "runs";
    return layout;
}

std::string titleFor(const Request& r, const std::string& from, const std::string& to, const std::string& limit) {
    std::string days = from == to ? from : from + " .. " + to;
    std::string span = r.span.period ? periodWord(*r.span.period) + " " + days : days;
    switch (r.kind) {
        case ReportKind::Stats:
            return (r.videoId     ? "Statistics of video " + std::to_string(*r.videoId)
                    : r.creatorId ? "Statistics of creator " + std::to_string(*r.creatorId)
                                  : std::string("Statistics")) +
                   ", " + span;
        case ReportKind::Top:
            return "Top " + limit + (limit == "1" ? " video" : " videos") + " by " +
                   (r.rankBy == RankBy::Views ? "views" : "watch time") + ", " + span;
        case ReportKind::Settlement:
            return std::string("Settlement") +
                   (r.creatorId ? " of creator " + std::to_string(*r.creatorId) : "") + " by " +
                   (r.settleBy == SettleBy::Creator ? "creator" : "video") + ", " + span;
        case ReportKind::Daily:
            return std::string("Daily figures") +
                   (r.videoId     ? " of video " + std::to_string(*r.videoId)
                    : r.creatorId ? " of creator " + std::to_string(*r.creatorId)
                                  : "") +
                   ", " + span;
    }
    return "";
}

}  // namespace settlement::report
