// settlement generate: a synthetic catalog and days of logs for demos, tests and benchmarks.
// The work is in generate/; this file reads the flags and prints the summary.
#include <charconv>
#include <cstdio>
#include <iostream>

#include "app/ExitCode.h"
#include "cli/Command.h"
#include "commands/Commands.h"
#include "generate/Generator.h"
#include "util/Date.h"

namespace settlement::commands {
namespace {

std::uint64_t seedOption(const cli::Context& ctx) {
    std::string text = ctx.option("seed");
    if (text.empty()) return 42;
    std::uint64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size())
        throw app::UsageError("--seed must be a whole number from 0 to 18446744073709551615, got '" + text + "'");
    return value;
}

double rateOption(const cli::Context& ctx) {
    std::string text = ctx.option("invalid-rate");
    if (text.empty()) return 0.001;
    double value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || !(value >= 0 && value <= 0.5))
        throw app::UsageError("--invalid-rate must be a number from 0 to 0.5, got '" + text + "'");
    return value;
}

}  // namespace

class GenerateCommand : public cli::Command {
public:
    std::string name() const override { return "generate"; }
    std::string synopsis() const override {
        return "generate --out DIR [--start-date D] [--days N] [--members M] [--videos V] [--ads K] "
               "[--views-per-day N] [--seed S] [...]";
    }
    std::string summary() const override { return "write a synthetic catalog and days of logs as CSV files"; }

    void defineOptions(Poco::Util::OptionSet& options) const override {
        options.addOption(cli::valueOption("out", "DIR", "directory for the six CSV files (created if missing)"));
        options.addOption(cli::valueOption("start-date", "D", "first business date (default: yesterday in the business time zone)"));
        options.addOption(cli::valueOption("days", "N", "days of logs, one after another in the same files (default 1)"));
        options.addOption(cli::valueOption("members", "M", "members, ids 1..M: one admin, the creators, the advertisers, viewers (default 1000)"));
        options.addOption(cli::valueOption("creators", "C", "creators among the members (default 100)"));
        options.addOption(cli::valueOption("advertisers", "A", "advertisers among the members (default 20)"));
        options.addOption(cli::valueOption("videos", "V", "videos (default 500)"));
        options.addOption(cli::valueOption("ads", "K", "ads (default 50)"));
        options.addOption(cli::valueOption("ads-per-video", "P", "ad placements per video (default 2)"));
        options.addOption(cli::valueOption("views-per-day", "N", "view event lines a day (default 10000)"));
        options.addOption(cli::valueOption("ad-views-per-day", "N", "ad event lines a day (default views-per-day / 5)"));
        options.addOption(cli::valueOption("invalid-rate", "R", "share of log lines made invalid or duplicated (default 0.001)"));
        options.addOption(cli::valueOption("seed", "S", "random seed: the same flags and seed give identical files (default 42)"));
        options.addOption(cli::flagOption("catalog-only", "write only members, videos, ads and video_ads"));
        options.addOption(cli::flagOption("logs-only", "write only views and ad_views (use the catalog flags and seed of the catalog)"));
    }

    int run(cli::Context& ctx) override {
        generate::GenerateOptions o;
        o.outDir = ctx.option("out");
        if (o.outDir.empty()) throw app::UsageError("--out DIR is required");
        o.utcOffsetMinutes = ctx.settings.utcOffsetMinutes;
        std::string start = ctx.option("start-date");
        if (start.empty()) {
            o.startDate = util::businessToday(std::chrono::system_clock::now(), o.utcOffsetMinutes) - std::chrono::days{1};
        } else {
            auto parsed = util::parseDate(start);
            if (!parsed) throw app::UsageError("--start-date must be a date YYYY-MM-DD, got '" + start + "'");
            o.startDate = *parsed;
        }
        constexpr int kMaxCount = 100'000'000;
        o.days = ctx.intOption("days", 1, 1, 3660);
        o.members = static_cast<std::uint32_t>(ctx.intOption("members", 1000, 1, 20'000'000));
        o.creators = static_cast<std::uint32_t>(ctx.intOption("creators", 100, 0, 20'000'000));
        o.advertisers = static_cast<std::uint32_t>(ctx.intOption("advertisers", 20, 0, 20'000'000));
        o.videos = static_cast<std::uint32_t>(ctx.intOption("videos", 500, 0, 20'000'000));
        o.ads = static_cast<std::uint32_t>(ctx.intOption("ads", 50, 0, 1'000'000));
        o.adsPerVideo = static_cast<std::uint32_t>(ctx.intOption("ads-per-video", 2, 0, 100));
        o.viewsPerDay = static_cast<std::uint64_t>(ctx.intOption("views-per-day", 10000, 0, kMaxCount * 10));
        o.adViewsPerDay = ctx.intOption("ad-views-per-day", -1, 0, kMaxCount * 10);
        o.invalidRate = rateOption(ctx);
        o.seed = seedOption(ctx);
        o.catalogOnly = ctx.flag("catalog-only");
        o.logsOnly = ctx.flag("logs-only");

        auto summary = generate::generateFiles(o);
        print(o, summary);
        return 0;
    }

private:
    static void print(const generate::GenerateOptions& o, const generate::GenerateSummary& s) {
        int offset = o.utcOffsetMinutes < 0 ? -o.utcOffsetMinutes : o.utcOffsetMinutes;
        std::printf("generate: %d business day(s) from %s (UTC%c%02d:%02d), seed %llu, into %s\n", o.days,
                    util::formatDate(o.startDate).c_str(), o.utcOffsetMinutes < 0 ? '-' : '+', offset / 60,
                    offset % 60, static_cast<unsigned long long>(o.seed), o.outDir.c_str());
        std::printf("  %-14s %12s %9s %11s %14s %9s %12s\n", "file", "rows", "invalid", "duplicates", "bytes",
                    "seconds", "rows/s");
        for (const auto& f : s.files)
            std::printf("  %-14s %12llu %9llu %11llu %14llu %9.2f %12.0f\n", f.name.c_str(), (unsigned long long)f.rows,
                        (unsigned long long)f.invalid, (unsigned long long)f.duplicates, (unsigned long long)f.bytes,
                        f.seconds, f.seconds > 0 ? double(f.rows) / f.seconds : 0.0);
        double rate = s.seconds > 0 ? double(s.totalRows()) / s.seconds : 0;
        std::printf("generate: %llu rows in %.2f s (%.0f rows/s)\n", (unsigned long long)s.totalRows(), s.seconds, rate);
        std::fflush(stdout);
    }
};

std::unique_ptr<cli::Command> makeGenerateCommand() { return std::make_unique<GenerateCommand>(); }

}  // namespace settlement::commands
