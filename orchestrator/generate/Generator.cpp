#include "generate/Generator.h"

#include <chrono>
#include <filesystem>
#include <functional>

#include "app/ExitCode.h"
#include "generate/Catalog.h"
#include "generate/CatalogWriter.h"
#include "generate/CsvWriter.h"
#include "generate/EventClock.h"
#include "generate/LogGenerator.h"

namespace settlement::generate {
namespace fs = std::filesystem;

namespace {

// Writes one file through `body`, as NAME.part renamed to NAME once complete.
FileSummary writeFile(const fs::path& dir, const std::string& name,
                      const std::function<void(CsvWriter&, FileSummary&)>& body) {
    fs::path final = dir / name;
    fs::path part = dir / (name + ".part");
    FileSummary summary;
    summary.name = name;
    const auto started = std::chrono::steady_clock::now();
    try {
        CsvWriter out(part.string());
        body(out, summary);
        out.close();
        summary.rows = out.rows();
        summary.bytes = out.bytes();
    } catch (...) {
        std::error_code ignored;
        fs::remove(part, ignored);  // never leave half a file behind
        throw;
    }
    std::error_code error;
    fs::rename(part, final, error);
    if (error) throw app::JobFailed("cannot rename " + part.string() + " to " + name + ": " + error.message());
    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return summary;
}

}  // namespace

std::uint64_t GenerateSummary::totalRows() const {
    std::uint64_t total = 0;
    for (const auto& f : files) total += f.rows;
    return total;
}

GenerateSummary generateFiles(const GenerateOptions& options) {
    options.validate();
    const auto started = std::chrono::steady_clock::now();
    const fs::path dir(options.outDir);
    std::error_code error;
    fs::create_directories(dir, error);
    if (error || !fs::is_directory(dir))
        throw app::UsageError("cannot create the output directory " + options.outDir +
                              (error ? ": " + error.message() : ""));

    GenerateSummary summary;
    const Catalog catalog = buildCatalog(options);
    const std::uint64_t seed = options.seed;

    if (!options.logsOnly) {
        summary.files.push_back(writeFile(dir, "members.csv", [&](CsvWriter& out, FileSummary&) {
            CatalogWriter::writeMembers(catalog, seed, out);
        }));
        summary.files.push_back(writeFile(dir, "videos.csv", [&](CsvWriter& out, FileSummary&) {
            CatalogWriter::writeVideos(catalog, seed, out);
        }));
        summary.files.push_back(writeFile(dir, "ads.csv", [&](CsvWriter& out, FileSummary&) {
            CatalogWriter::writeAds(catalog, seed, out);
        }));
        summary.files.push_back(writeFile(dir, "video_ads.csv", [&](CsvWriter& out, FileSummary&) {
            CatalogWriter::writeVideoAds(catalog, out);
        }));
    }
    if (!options.catalogOnly) {
        const LogGenerator logs(catalog, options);
        // One file holds every day, in date order.
        auto writeLog = [&](const std::string& name, void (*header)(CsvWriter&), auto writeDay) {
            return writeFile(dir, name, [&](CsvWriter& out, FileSummary& file) {
                header(out);
                for (int i = 0; i < options.days; ++i) {
                    BusinessDay day(options.startDate + std::chrono::days{i}, options.utcOffsetMinutes);
                    LogCounts counts = writeDay(day, out);
                    file.invalid += counts.invalid;
                    file.duplicates += counts.duplicates;
                }
            });
        };
        summary.files.push_back(writeLog("views.csv", &LogGenerator::writeViewHeader,
            [&](const BusinessDay& day, CsvWriter& out) { return logs.writeViews(day, options.viewsPerDay, out); }));
        summary.files.push_back(writeLog("ad_views.csv", &LogGenerator::writeAdViewHeader,
            [&](const BusinessDay& day, CsvWriter& out) {
                return logs.writeAdViews(day, options.adViewsPerDayResolved(), out);
            }));
    }
    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return summary;
}

}  // namespace settlement::generate
