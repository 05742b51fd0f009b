#include "generate/GenerateOptions.h"

#include "app/ExitCode.h"

namespace settlement::generate {

void GenerateOptions::validate() const {
    using app::UsageError;
    if (outDir.empty()) throw UsageError("--out DIR is required");
    if (catalogOnly && logsOnly) throw UsageError("--catalog-only and --logs-only exclude each other");
    if (days < 1) throw UsageError("--days must be at least 1");
    if (members < 1ULL + creators + advertisers)
        throw UsageError("--members (" + std::to_string(members) + ") must leave room for one admin, " +
                         std::to_string(creators) + " creator(s) and " + std::to_string(advertisers) +
                         " advertiser(s)");
    if (videos > 0 && creators == 0) throw UsageError("--creators must be at least 1 when there are videos");
    if (ads > 0 && advertisers == 0) throw UsageError("--advertisers must be at least 1 when there are ads");
    if (!(invalidRate >= 0 && invalidRate <= 0.5)) throw UsageError("--invalid-rate must be between 0 and 0.5");
    if (viewsPerDay > 0 && videos == 0) throw UsageError("--views-per-day needs at least one video");
    if (adViewsPerDay > 0 && (videos == 0 || placementsPerVideo() == 0))
        throw UsageError("--ad-views-per-day needs ad placements (--videos, --ads and --ads-per-video above 0)");
    if (viewsPerDay >= shape::kEventIdsPerDay || adViewsPerDayResolved() >= shape::kEventIdsPerDay)
        throw UsageError("at most 9,999,999,999 events a day");
}

std::uint64_t GenerateOptions::adViewsPerDayResolved() const {
    if (adViewsPerDay >= 0) return static_cast<std::uint64_t>(adViewsPerDay);
    return videos > 0 && placementsPerVideo() > 0 ? viewsPerDay / 5 : 0;
}

}  // namespace settlement::generate
