#pragma once
// The synthetic catalog as the log generator needs it: who created each video, how long it
// is, and which ads are placed where. Names and titles are not kept: CatalogWriter derives
// them from the id when it writes the files.
//
// Members are numbered 1..members: id 1 is the ADMIN, then the creators, then the
// advertisers, then viewers. Everyone watches videos, creators and advertisers included.
#include <cstdint>
#include <string_view>
#include <vector>

#include "generate/GenerateOptions.h"

namespace settlement::generate {

struct Catalog {
    std::uint32_t members = 0;
    std::uint32_t firstCreator = 2, creators = 0;
    std::uint32_t firstAdvertiser = 2, advertisers = 0;

    std::vector<std::uint32_t> videoCreator;   // [video id - 1]
    std::vector<std::uint32_t> videoDuration;  // [video id - 1], seconds
    std::vector<std::uint32_t> adAdvertiser;   // [ad id - 1]
    // Placements of video v are [placementStart[v-1], placementStart[v]), ads ascending.
    std::vector<std::uint32_t> placementStart;
    std::vector<std::uint32_t> placementAd;
    std::vector<std::uint32_t> placementPosition;

    std::uint32_t videos() const { return static_cast<std::uint32_t>(videoCreator.size()); }
    std::uint32_t ads() const { return static_cast<std::uint32_t>(adAdvertiser.size()); }
    std::uint32_t placements() const { return static_cast<std::uint32_t>(placementAd.size()); }
    std::string_view role(std::uint32_t memberId) const;
    bool isPlaced(std::uint32_t video, std::uint32_t ad) const;
};

// The catalog of these options; deterministic in (sizes, seed).
Catalog buildCatalog(const GenerateOptions& options);

}  // namespace settlement::generate
