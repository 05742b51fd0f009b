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

std::string callStatement(const Request& r) {
    std::string head = sqlPeriod(r.period) + ", " + sqlDate(r.date) + ", ";
    switch (r.kind) {
        case ReportKind::Stats:
            return "CALL report_video_stats(" + head + sqlId(r.videoId) + ")";
        case ReportKind::Top:
            return "CALL report_top_videos(" + head +
                   (r.rankBy == RankBy::Views ? "'views'" : "'watch_time'") + ", " +
                   (r.limit ? std::to_string(*r.limit) : "NULL") + ")";
        case ReportKind::Settlement:
            return "CALL report_settlement(" + head + sqlId(r.creatorId) + ", " +
                   (r.settleBy == SettleBy::Creator ? "'creator'" : "'video'") + ")";
    }
    return "";
}

std::string titleFactsQuery(const Request& r) {
    bool top = r.kind == ReportKind::Top;
    return "CALL report_title_facts(" + sqlPeriod(r.period) + ", " + sqlDate(r.date) + ", " +
           (top && r.limit ? std::to_string(*r.limit) : "NULL") + ", " + (top ? "TRUE" : "FALSE") + ")";
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
    }
    return layout;
}

std::string titleFor(const Request& r, const std::string& periodStart, const std::string& periodEnd,
                     const std::string& limit) {
    std::string period = periodWord(r.period) + " " + periodStart;
    if (r.period != Period::Day) period += " .. " + periodEnd;
    switch (r.kind) {
        case ReportKind::Stats:
            return (r.videoId ? "Statistics of video " + std::to_string(*r.videoId) : std::string("Statistics")) +
                   ", " + period;
        case ReportKind::Top:
            return "Top " + limit + (limit == "1" ? " video" : " videos") + " by " +
                   (r.rankBy == RankBy::Views ? "views" : "watch time") +
                   ", " + period;
        case ReportKind::Settlement:
            return std::string("Settlement") +
                   (r.creatorId ? " of creator " + std::to_string(*r.creatorId) : "") + " by " +
                   (r.settleBy == SettleBy::Creator ? "creator" : "video") + ", " + period;
    }
    return "";
}

}  // namespace settlement::report
