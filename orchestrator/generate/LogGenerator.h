#pragma once
// Writes one business day of view events or ad events for a catalog (SPEC §2 columns).
//
// Shape of a day of N rows (exactly N lines, in roughly ascending time):
// - videos by Zipf popularity over a fixed random ranking, viewers Zipf-ish over members;
// - about 1.5% self views (viewer = the video's creator);
// - after a first event, a chance of a repeat of the same (viewer, video[, ad]) less than
//   30 s later (not counted) and one 30 s or more later (counted), some exactly at 29.999 s
//   and 30.000 s; a repeat that would fall after the day is dropped;
// - ad events only on placed (video, ad) pairs;
// - at the invalid rate, a row is made bad in one of five ways: an unknown video (or, for
//   ads, a pair that is not placed), a negative watched_sec (ads: an unknown video), an
//   unparseable or missing timestamp, a wrong number of fields, or a repeat of the
//   previous good line with its event id (a redelivery: a duplicate, not a reject).
// Every timestamp lies inside the day's business window, so the business date is the day.
#include <cstdint>
#include <vector>

#include "generate/Catalog.h"
#include "generate/EventClock.h"
#include "generate/GenerateOptions.h"
#include "generate/ZipfSampler.h"

namespace settlement::generate {

class CsvWriter;

struct LogCounts {
    std::uint64_t rows = 0;
    std::uint64_t invalid = 0;     // rows a loader must reject
    std::uint64_t duplicates = 0;  // repeated lines a loader must count as duplicates
};

class LogGenerator {
public:
    LogGenerator(const Catalog& catalog, const GenerateOptions& options);

    static void writeViewHeader(CsvWriter& out);
    static void writeAdViewHeader(CsvWriter& out);
    LogCounts writeViews(const BusinessDay& day, std::uint64_t rows, CsvWriter& out) const;
    LogCounts writeAdViews(const BusinessDay& day, std::uint64_t rows, CsvWriter& out) const;

private:
    std::uint32_t pickVideo(Random& random) const { return videoPopularity_.sample(random); }
    std::uint32_t pickViewer(Random& random) const { return viewerActivity_.sample(random); }

    const Catalog& catalog_;
    std::uint64_t seed_;
    double invalidRate_;
    ZipfSampler videoPopularity_;  // video ids, by a fixed random ranking
    ZipfSampler viewerActivity_;   // member ids, likewise
};

}  // namespace settlement::generate
