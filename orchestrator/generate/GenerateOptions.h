#pragma once
// What `settlement generate` makes: catalog sizes, days of logs, rates and the seed.
// The same options and seed always give byte-identical files.
#include <cstdint>
#include <string>

#include "util/Date.h"

namespace settlement::generate {

struct GenerateOptions {
    std::string outDir;
    util::Date startDate{};
    int days = 1;
    std::uint32_t members = 1000;     // ids 1..members: one ADMIN, creators, advertisers, viewers
    std::uint32_t creators = 100;
    std::uint32_t advertisers = 20;
    std::uint32_t videos = 500;
    std::uint32_t ads = 50;
    std::uint32_t adsPerVideo = 2;    // placements per video (at most `ads`)
    std::uint64_t viewsPerDay = 10000;
    std::int64_t adViewsPerDay = -1;  // -1: viewsPerDay / 5, or 0 when nothing is placed
    double invalidRate = 0.001;       // share of log rows made invalid or duplicated
    std::uint64_t seed = 42;
    bool catalogOnly = false;
    bool logsOnly = false;
    int utcOffsetMinutes = 540;       // business time zone (SPEC §3)

    // Throws app::UsageError naming the flag when the options cannot make a consistent set.
    void validate() const;

    std::uint32_t placementsPerVideo() const { return adsPerVideo < ads ? adsPerVideo : ads; }
    std::uint64_t adViewsPerDayResolved() const;
};

// Shape constants: documented here so a reader of the files knows what to expect.
namespace shape {
inline constexpr double kVideoZipfExponent = 1.1;    // popularity of videos
inline constexpr double kViewerZipfExponent = 0.5;   // activity of members as viewers
inline constexpr double kCreatorZipfExponent = 0.8;  // videos per creator
inline constexpr double kSelfViewRate = 0.015;       // viewer = the video's creator
inline constexpr double kQuickRepeatRate = 0.05;     // same pair again within 30 s (not counted)
inline constexpr double kLateRepeatRate = 0.08;      // same pair again after >= 30 s (counted)
inline constexpr double kAdQuickRepeatRate = 0.03;
inline constexpr double kAdLateRepeatRate = 0.05;
inline constexpr std::uint32_t kMinDurationSec = 30;
inline constexpr std::uint32_t kMaxDurationSec = 3600;
inline constexpr std::uint64_t kUnknownIdBase = 1'000'000'000'000ULL;  // ids no catalog uses
inline constexpr std::uint64_t kEventIdsPerDay = 10'000'000'000ULL;     // id = yyyymmdd * this + n
}  // namespace shape

}  // namespace settlement::generate
