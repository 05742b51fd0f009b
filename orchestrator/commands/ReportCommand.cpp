// settlement report stats|top|settlement|daily: statistics, rankings, settlement and daily
// figures of a period or a span of days (SPEC §8, §10), as a table, JSON or CSV. The report
// procedures compute; this only formats.
#include <Poco/Util/OptionSet.h>

#include <charconv>
#include <iostream>

#include "app/ExitCode.h"
#include "cli/Command.h"
#include "commands/Commands.h"
#include "http/ParameterError.h"
#include "http/SpanParser.h"
#include "report/Formatter.h"
#include "report/ReadConnection.h"
#include "replication/ReplicaLag.h"
#include "report/ReportQuery.h"
#include "report/Reports.h"

namespace settlement::commands {
namespace {

std::optional<std::uint64_t> idOption(const cli::Context& ctx, const std::string& name, const std::string& what) {
    std::string text = ctx.option(name);
    if (text.empty()) return std::nullopt;
    std::uint64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size())
        throw app::UsageError("--" + name + " must be " + what + " id (a whole number), got '" + text + "'");
    return value;
}

// The options a report kind takes besides the span and --format.
bool takesOption(report::ReportKind kind, const std::string& option) {
    using K = report::ReportKind;
    if (option == "video") return kind == K::Stats || kind == K::Daily;
    if (option == "limit") return kind == K::Top;
    if (option == "creator") return kind != K::Top;
    if (option == "by") return kind == K::Top || kind == K::Settlement;
    return true;
}

// --period and --date, or --from and --to, checked as the HTTP API checks them.
report::Span spanFrom(const cli::Context& ctx) {
    try {
        return http::parseSpan({ctx.option("period"), ctx.option("date"), ctx.option("from"), ctx.option("to")});
    } catch (const http::ParameterError& e) {
        std::string got = e.value().empty() ? "" : ", got '" + e.value() + "'";
        throw app::UsageError("--" + e.name() + " " + e.what() + got);
    }
}

report::Request requestFrom(const cli::Context& ctx) {
    report::Request r;
    if (ctx.action.empty())
        throw app::UsageError("which report? say `report stats`, `report top`, `report settlement` or `report daily`");
    auto kind = report::parseReportKind(ctx.action);
    if (!kind) throw app::UsageError("unknown report '" + ctx.action + "': use stats, top, settlement or daily");
    r.kind = *kind;
    for (const char* option : {"video", "limit", "creator", "by"})
        if (!ctx.option(option).empty() && !takesOption(r.kind, option))
            throw app::UsageError("--" + std::string(option) + " does not apply to `report " + ctx.action + "`");
    r.span = spanFrom(ctx);

    std::string by = ctx.option("by");
    switch (r.kind) {
        case report::ReportKind::Stats:
            r.videoId = idOption(ctx, "video", "a video");
            r.creatorId = idOption(ctx, "creator", "a creator");
            break;
        case report::ReportKind::Daily:
            r.videoId = idOption(ctx, "video", "a video");
            r.creatorId = idOption(ctx, "creator", "a creator");
            if (r.videoId && r.creatorId) throw app::UsageError("--video and --creator: give one of them, not both");
            break;
        case report::ReportKind::Top: {
            if (by.empty()) throw app::UsageError("--by is required: views or watch_time");
            auto rankBy = report::parseRankBy(by);
            if (!rankBy) throw app::UsageError("--by must be views or watch_time, got '" + by + "'");
            r.rankBy = *rankBy;
            if (!ctx.option("limit").empty()) r.limit = ctx.intOption("limit", 0, 1, 1000000);
            break;
        }
        case report::ReportKind::Settlement: {
            auto settleBy = report::parseSettleBy(by.empty() ? "creator" : by);
            if (!settleBy) throw app::UsageError("--by must be creator or video, got '" + by + "'");
            r.settleBy = *settleBy;
            r.creatorId = idOption(ctx, "creator", "a creator");
            break;
        }
    }
    return r;
}

report::Format formatFrom(const cli::Context& ctx) {
    std::string text = ctx.option("format");
    if (text.empty()) return report::Format::Table;
    auto format = report::parseFormat(text);
    if (!format) throw app::UsageError("--format must be table, json or csv, got '" + text + "'");
    return *format;
}

}  // namespace

class ReportCommand : public cli::Command {
public:
    std::string name() const override { return "report"; }
    std::string synopsis() const override {
        return "report ACTION (--period day|week|month|year --date D | --from D1 --to D2) [--format table|json|csv]\n"
               "                [--primary]\n"
               "  report stats      [--video ID] [--creator ID]          per-video figures\n"
               "  report top        --by views|watch_time [--limit N]    Top-N ranking\n"
               "  report settlement [--creator ID] [--by creator|video]  revenue and payable\n"
               "  report daily      [--video ID | --creator ID]          one row per day";
    }
    std::string summary() const override { return "statistics, Top-N rankings, settlement and daily figures"; }
    bool acceptsAction() const override { return true; }

    void defineOptions(Poco::Util::OptionSet& options) const override {
        options.addOption(cli::valueOption("period", "P", "day, week (ISO, Monday to Sunday), month or year"));
        options.addOption(cli::valueOption("date", "D", "any business date YYYY-MM-DD of the period"));
        options.addOption(cli::valueOption("from", "D1", "instead of --period/--date: the first day of a span"));
        options.addOption(cli::valueOption("to", "D2", "the last day of the span (at most 366 days)"));
        options.addOption(cli::valueOption("format", "F", "table (default), json or csv"));
        options.addOption(cli::valueOption("video", "ID", "stats, daily: only this video"));
        options.addOption(cli::valueOption("by", "KEY", "top: views or watch_time; settlement: creator (default) or video"));
        options.addOption(cli::valueOption("limit", "N", "top: at most N videos (default: setting ranking.default_limit)"));
        options.addOption(cli::valueOption("creator", "ID", "stats, settlement, daily: only this creator"));
        options.addOption(cli::flagOption("primary", "read the primary (db.*) even when a replica (db.read.*) is configured"));
    }

    int run(cli::Context& ctx) override {
        report::Request request = requestFrom(ctx);
        report::Format format = formatFrom(ctx);
        report::Layout layout = report::layoutFor(request);

        report::ReadTarget target = report::readTarget(ctx.settings, ctx.flag("primary"));
        auto db = report::openReadConnection(target.db);
        // One snapshot, as serve reads: the span's `complete`, the rows and the lag agree.
        db->execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
        std::optional<replication::ReplicaLag> lag;
        if (target.replica) lag = replication::measureReplicaLag(*db);
        report::ReportResult result = report::runReport(*db, request);
        if (format == report::Format::Table) {
            std::string limit;
            if (request.kind == report::ReportKind::Top)
                limit = request.limit ? std::to_string(*request.limit) : report::defaultTopLimit(*db);
            layout.title = report::titleFor(request, result.from, result.to, limit);
        }
        std::cout << report::Formatter(std::move(layout)).render(result.rows, format) << std::flush;
        // Figures of a stale date leave out its late events until the next run (SPEC 7): say
        // so on stderr, so that JSON and CSV stay clean.
        for (const auto& stale : db->query("CALL report_stale_dates(" + db->quote(result.from) + ", " +
                                           db->quote(result.to) + ")").rows)
            std::cerr << "report: note: " << *stale[0] << " is stale: " << *stale[1]
                      << " event(s) arrived after it was processed (since " << *stale[2]
                      << ") and are not in these figures until the next `settlement run` restates it\n";
        db->execute("COMMIT");
        int maxLag = ctx.settings.http.maxReplicaLagSec;
        if (lag && lag->tooFar(maxLag))
            std::cerr << "report: warning: " << lag->whyTooFar(maxLag)
                      << ": these figures may be older than the primary's; `report --primary` reads the primary\n";
        return 0;
    }
};

std::unique_ptr<cli::Command> makeReportCommand() { return std::make_unique<ReportCommand>(); }

}  // namespace settlement::commands
