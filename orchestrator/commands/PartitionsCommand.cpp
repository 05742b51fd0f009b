// settlement partitions ensure|check|drop: upkeep of the log tables' day partitions.
// The rules live in sql/partitions/; this command picks the dates and reports the outcome.
//
// Exit codes (SPEC §8): 0 all is well; 1 something needs attention (check found problems,
// ensure could not add days because a catch-all or gap holds rows, drop refused days) or a
// database error; 2 usage; 75 database unreachable or another session held the partitions
// or a table's metadata lock (try again).
#include <spdlog/spdlog.h>

#include <iomanip>
#include <iostream>

#include "app/ExitCode.h"
#include "cli/Command.h"
#include "commands/Commands.h"
#include "db/Connection.h"
#include "partitions/PartitionUpkeep.h"
#include "util/Date.h"

namespace settlement::commands {
namespace {

std::optional<util::Date> dateOption(const cli::Context& ctx, const std::string& name) {
    std::string text = ctx.option(name);
    if (text.empty()) return std::nullopt;
    auto d = util::parseDate(text);
    if (!d) throw app::UsageError("--" + name + " must be a date YYYY-MM-DD, got '" + text + "'");
    return d;
}

util::Date today(const cli::Context& ctx) {
    return util::businessToday(std::chrono::system_clock::now(), ctx.settings.utcOffsetMinutes);
}

std::string span(const std::string& first, const std::string& last) {
    if (first.empty()) return "";
    return first == last ? first : first + " .. " + last;
}

}  // namespace

class PartitionsCommand : public cli::Command {
public:
    std::string name() const override { return "partitions"; }
    std::string synopsis() const override {
        return "partitions ensure [--from D] [--to D | --days-ahead N] | check [--date D] [--days-ahead N] | "
               "drop [--before D | --retention-days N] [--archive] [--dry-run]";
    }
    std::string summary() const override {
        return "log partition upkeep: ensure days ahead, check for problems, drop or archive old days";
    }
    bool acceptsAction() const override { return true; }
    bool watchesServer() const override { return true; }
    void defineOptions(Poco::Util::OptionSet& options) const override {
        options.addOption(cli::valueOption("from", "D", "ensure: first business date (default: today in the business time zone)"));
        options.addOption(cli::valueOption("to", "D", "ensure: last business date (default: --from + days ahead)"));
        options.addOption(cli::valueOption("days-ahead", "N", "ensure, check: days after today/--from/--date (default: config partitions.days_ahead)"));
        options.addOption(cli::valueOption("date", "D", "check: the business date to look ahead from (default: today)"));
        options.addOption(cli::valueOption("before", "D", "drop: drop days before D (default: today - retention days)"));
        options.addOption(cli::valueOption("retention-days", "N", "drop: keep this many days (default: config partitions.retention_days)"));
        options.addOption(cli::flagOption("archive", "drop: move days to the archive tables (default: config partitions.archive)"));
        options.addOption(cli::flagOption("dry-run", "drop: only show what would be dropped"));
    }

    int run(cli::Context& ctx) override {
        if (ctx.action == "ensure") return ensure(ctx);
        if (ctx.action == "check") return check(ctx);
        if (ctx.action == "drop") return drop(ctx);
        throw app::UsageError(ctx.action.empty() ? "partitions needs an action: ensure, check or drop"
                                                 : "unknown partitions action '" + ctx.action +
                                                       "' (ensure, check or drop)");
    }

private:
    static int daysAhead(const cli::Context& ctx) {
        return ctx.intOption("days-ahead", ctx.settings.partitions.daysAhead, 0, 3659);
    }

    static int ensure(cli::Context& ctx) {
        util::Date from = dateOption(ctx, "from").value_or(today(ctx));
        auto toOption = dateOption(ctx, "to");
        if (toOption && !ctx.option("days-ahead").empty())
            throw app::UsageError("give either --to or --days-ahead, not both");
        util::Date to = toOption.value_or(from + std::chrono::days{daysAhead(ctx)});
        if (to < from) throw app::UsageError("--to " + util::formatDate(to) + " is before --from " + util::formatDate(from));
        if ((to - from).count() >= 3660) throw app::UsageError("--from/--to spans more than 3660 days; ensure in steps");

        auto db = db::Connection::open(ctx.settings.db);
        auto notice = partitions::PartitionUpkeep(*db).ensure(from, to);
        std::string days = util::formatDate(from) + " .. " + util::formatDate(to);
        if (notice) {
            std::cout << "partitions ensure: " << days << ": some days were NOT added: " << *notice << "\n"
                      << "  (rows for those days stay readable where they are; see `settlement partitions check`)\n";
            spdlog::warn("partitions ensure: {}: days not added: {}", days, *notice);
            return app::kJobFailed;
        }
        std::cout << "partitions ensure: view_log and ad_view_log have a day partition for every day of "
                  << days << "\n";
        spdlog::info("partitions ensure: {} present", days);
        return app::kSuccess;
    }

    static int check(cli::Context& ctx) {
        util::Date date = dateOption(ctx, "date").value_or(today(ctx));
        int ahead = daysAhead(ctx);
        auto db = db::Connection::open(ctx.settings.db);
        auto problems = partitions::PartitionUpkeep(*db).check(date, ahead);
        if (problems.empty()) {
            std::cout << "partitions check: OK (daily partitions through " << util::formatDate(date + std::chrono::days{ahead})
                      << ", catch-alls and gaps empty)\n";
            return app::kSuccess;
        }
        std::cout << "partitions check: " << problems.size() << " problem(s)\n";
        for (const auto& p : problems) {
            std::cout << "  " << std::left << std::setw(12) << p.table << std::setw(20) << p.problem
                      << std::setw(25) << span(p.firstDay, p.lastDay) << std::setw(10) << p.partition << p.detail << "\n";
        }
        for (const auto& p : problems)
            spdlog::warn("partitions check: {} {} {} {}", p.table, p.problem, span(p.firstDay, p.lastDay), p.detail);
        return app::kJobFailed;
    }

    static int drop(cli::Context& ctx) {
        auto beforeOption = dateOption(ctx, "before");
        if (beforeOption && !ctx.option("retention-days").empty())
            throw app::UsageError("give either --before or --retention-days, not both");
        int retention = ctx.intOption("retention-days", ctx.settings.partitions.retentionDays, 1, 100000);
        util::Date before = beforeOption.value_or(today(ctx) - std::chrono::days{retention});
        if (before > today(ctx))
            throw app::UsageError("--before " + util::formatDate(before) + " is after today; only past days can be dropped");
        bool archive = ctx.flag("archive") || ctx.settings.partitions.archive;
        bool dryRun = ctx.flag("dry-run");

        auto db = db::Connection::open(ctx.settings.db);
        auto days = partitions::PartitionUpkeep(*db).drop(before, archive, dryRun);
        int removed = 0, refused = 0, notMerged = 0;
        for (const auto& d : days) {
            if (d.action == "REFUSED") ++refused;
            else if (d.action == "NOT_MERGED") ++notMerged;
            else if (d.action != "EMPTY") ++removed;
        }
        std::cout << "partitions drop" << (dryRun ? " (dry run)" : "") << ": days before " << util::formatDate(before)
                  << ": " << removed << (dryRun ? (archive ? " to archive" : " to drop") : (archive ? " archived" : " dropped"))
                  << ", " << refused << " refused\n";
        for (const auto& d : days) {
            if (d.action == "EMPTY") continue;
            std::cout << "  " << std::left << std::setw(12) << (d.date.empty() ? "-" : d.date) << std::setw(15) << d.action
                      << d.detail << "\n";
        }
        for (const auto& d : days) {
            if (d.action == "REFUSED" || d.action == "NOT_MERGED") spdlog::warn("partitions drop: {} {}: {}", d.date, d.action, d.detail);
            else if (d.action != "EMPTY") spdlog::info("partitions drop: {} {}: {}", d.date, d.action, d.detail);
        }
        if (refused > 0 || notMerged > 0) {
            spdlog::warn("partitions drop: {} day(s) refused and kept with their logs, {} table(s) not merged", refused, notMerged);
            return app::kJobFailed;
        }
        return app::kSuccess;
    }
};

std::unique_ptr<cli::Command> makePartitionsCommand() { return std::make_unique<PartitionsCommand>(); }

}  // namespace settlement::commands
