#pragma once
// Writes the catalog as members.csv, videos.csv, ads.csv and video_ads.csv (SPEC §2).
// Names and titles come from small word lists, picked by a hash of the seed and the id:
// some hold commas, double quotes or Hangul, so loaders meet RFC 4180 quoting and UTF-8.
#include <cstdint>
#include <string>

#include "generate/Catalog.h"

namespace settlement::generate {

class CsvWriter;

struct CatalogWriter {
    static void writeMembers(const Catalog& catalog, std::uint64_t seed, CsvWriter& out);
    static void writeVideos(const Catalog& catalog, std::uint64_t seed, CsvWriter& out);
    static void writeAds(const Catalog& catalog, std::uint64_t seed, CsvWriter& out);
    static void writeVideoAds(const Catalog& catalog, CsvWriter& out);

    static std::string memberName(const Catalog& catalog, std::uint64_t seed, std::uint32_t id);
    static std::string videoTitle(std::uint64_t seed, std::uint32_t id);
    static std::string adTitle(std::uint64_t seed, std::uint32_t id);
};

}  // namespace settlement::generate
