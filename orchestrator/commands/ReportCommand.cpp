// settlement report stats|top|settlement: statistics, rankings and settlement of a period
// (SPEC §8), as a table, JSON or CSV. The report procedures compute; this only formats.
#include <Poco/Util/OptionSet.h>

#include <charconv>
#include <iostream>

#include "app/ExitCode.h"
#include "cli/Command.h"
#include "commands/Commands.h"
#include "report/Formatter.h"
#include "report/ReadConnection.h"
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

// The options a report kind takes besides --period, --date and --format.
bool takesOption(report::ReportKind kind, const std::string& option) {
    using K = report::ReportKind;
    if (option == "video") return kind == K::Stats;
    if (option == "limit") return kind == K::Top;
    if (option == "creator") return kind == K::Settlement;
    if (option == "by") return kind == K::Top || kind == K::Settlement;
    return true;
}

report::Request requestFrom(const cli::Context& ctx) {
    report::Request r;
    if (ctx.action.empty()) throw app::UsageError("which report? say `report stats`, `report top` or `report settlement`");
    auto kind = report::parseReportKind(ctx.action);
    if (!kind) throw app::UsageError("unknown report '" + ctx.action + "': use stats, top or settlement");
    r.kind = *kind;
    for (const char* option : {"video", "limit", "creator", "by"})
        if (!ctx.option(option).empty() && !takesOption(r.kind, option))
            throw app::UsageError("--" + std::string(option) + " does not apply to `report " + ctx.action + "`");

    std::string period = ctx.option("period");
    if (period.empty()) throw app::UsageError("--period is required: day, week, month or year");
    auto parsedPeriod = report::parsePeriod(period);
    if (!parsedPeriod) throw app::UsageError("--period must be day, week, month or year, got '" + period + "'");
    r.period = *parsedPeriod;

    std::string date = ctx.option("date");
    if (date.empty()) throw app::UsageError("--date is required (YYYY-MM-DD)");
    auto parsedDate = util::parseDate(date);
    if (!parsedDate) throw app::UsageError("--date must be a date YYYY-MM-DD, got '" + date + "'");
    r.date = *parsedDate;

    std::string by = ctx.option("by");
    switch (r.kind) {
        case report::ReportKind::Stats:
            r.videoId = idOption(ctx, "video", "a video");
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
        return "report ACTION --period day|week|month|year --date YYYY-MM-DD [--format table|json|csv]\n"
               "  report stats      [--video ID]                         per-video figures\n"
               "  report top        --by views|watch_time [--limit N]    Top-N ranking\n"
               "  report settlement [--creator ID] [--by creator|video]  revenue and payable";
    }
    std::string summary() const override { return "statistics, Top-N rankings and settlement of a period"; }
    bool acceptsAction() const override { return true; }

    void defineOptions(Poco::Util::OptionSet& options) const override {
        options.addOption(cli::valueOption("period", "P", "day, week (ISO, Monday to Sunday), month or year"));
        options.addOption(cli::valueOption("date", "D", "any business date YYYY-MM-DD of the period"));
        options.addOption(cli::valueOption("format", "F", "table (default), json or csv"));
        options.addOption(cli::valueOption("video", "ID", "stats: only this video"));
        options.addOption(cli::valueOption("by", "KEY", "top: views or watch_time; settlement: creator (default) or video"));
        options.addOption(cli::valueOption("limit", "N", "top: at most N videos (default: setting ranking.default_limit)"));
        options.addOption(cli::valueOption("creator", "ID", "settlement: only this creator"));
    }

    int run(cli::Context& ctx) override {
        report::Request request = requestFrom(ctx);
        report::Format format = formatFrom(ctx);
        report::Layout layout = report::layoutFor(request);

        auto db = report::openReadConnection(ctx.settings);
        auto facts = db->query(report::titleFactsQuery(request));
        auto fact = [&](std::size_t i) {
            return facts.rows.empty() ? std::string() : facts.rows.front().at(i).value_or("");
        };
        if (format == report::Format::Table) layout.title = report::titleFor(request, fact(0), fact(1), fact(2));
        db::ResultTable result = db->query(report::callStatement(request));
        std::cout << report::Formatter(std::move(layout)).render(result, format) << std::flush;
        // Figures of a stale date leave out its late events until the next run (SPEC 7): say
        // so on stderr, so that JSON and CSV stay clean.
        for (const auto& stale : db->query("CALL report_stale_dates(" + db->quote(fact(0)) + ", " +
                                           db->quote(fact(1)) + ")").rows)
            std::cerr << "report: note: " << *stale[0] << " is stale: " << *stale[1]
                      << " event(s) arrived after it was processed (since " << *stale[2]
                      << ") and are not in these figures until the next `settlement run` restates it\n";
        return 0;
    }
};

std::unique_ptr<cli::Command> makeReportCommand() { return std::make_unique<ReportCommand>(); }

}  // namespace settlement::commands
