#include "generate/Catalog.h"

#include <algorithm>

#include "generate/Random.h"
#include "generate/ZipfSampler.h"

namespace settlement::generate {
namespace {

constexpr std::uint64_t kCatalogStream = 0xC47A106;

// Mostly short videos, some long ones; integers only, so every platform agrees.
std::uint32_t drawDuration(Random& random) {
    double r = random.unit();
    if (r < 0.50) return static_cast<std::uint32_t>(random.between(shape::kMinDurationSec, 600));
    if (r < 0.85) return static_cast<std::uint32_t>(random.between(601, 1800));
    return static_cast<std::uint32_t>(random.between(1801, shape::kMaxDurationSec));
}

// `count` distinct ads out of 1..ads, ascending (Floyd's sampling: O(count) draws).
void drawDistinctAds(Random& random, std::uint32_t ads, std::uint32_t count, std::vector<std::uint32_t>& out) {
    out.clear();
    for (std::uint32_t j = ads - count + 1; j <= ads; ++j) {
        auto t = static_cast<std::uint32_t>(random.between(1, j));
        out.push_back(std::find(out.begin(), out.end(), t) == out.end() ? t : j);
    }
    std::sort(out.begin(), out.end());
}

}  // namespace

std::string_view Catalog::role(std::uint32_t id) const {
    if (id == 1) return "ADMIN";
    if (id >= firstCreator && id < firstCreator + creators) return "CREATOR";
    if (id >= firstAdvertiser && id < firstAdvertiser + advertisers) return "ADVERTISER";
    return "VIEWER";
}

bool Catalog::isPlaced(std::uint32_t video, std::uint32_t ad) const {
    if (video < 1 || video > videos()) return false;
    auto begin = placementAd.begin() + placementStart[video - 1];
    auto end = placementAd.begin() + placementStart[video];
    return std::binary_search(begin, end, ad);
}

Catalog buildCatalog(const GenerateOptions& o) {
    Catalog c;
    c.members = o.members;
    c.firstCreator = 2;
    c.creators = o.creators;
    c.firstAdvertiser = 2 + o.creators;
    c.advertisers = o.advertisers;

    Random random(deriveSeed(o.seed, kCatalogStream));
    c.videoCreator.resize(o.videos);
    c.videoDuration.resize(o.videos);
    if (o.videos > 0) {
        // A few prolific creators, a long tail of occasional ones.
        ZipfSampler creatorRank(o.creators, shape::kCreatorZipfExponent);
        for (std::uint32_t v = 0; v < o.videos; ++v) {
            c.videoCreator[v] = c.firstCreator + creatorRank.sample(random) - 1;
            c.videoDuration[v] = drawDuration(random);
        }
    }
    c.adAdvertiser.resize(o.ads);
    for (std::uint32_t a = 0; a < o.ads; ++a)
        c.adAdvertiser[a] = c.firstAdvertiser + static_cast<std::uint32_t>(random.below(o.advertisers));

    const std::uint32_t perVideo = o.placementsPerVideo();
    c.placementStart.assign(1, 0);
    c.placementStart.reserve(std::size_t(o.videos) + 1);
    c.placementAd.reserve(std::size_t(o.videos) * perVideo);
    c.placementPosition.reserve(std::size_t(o.videos) * perVideo);
    std::vector<std::uint32_t> chosen;
    for (std::uint32_t v = 0; v < o.videos; ++v) {
        if (perVideo > 0) drawDistinctAds(random, o.ads, perVideo, chosen);
        for (std::uint32_t ad : chosen) {
            c.placementAd.push_back(ad);
            c.placementPosition.push_back(static_cast<std::uint32_t>(random.below(c.videoDuration[v])));
        }
        c.placementStart.push_back(static_cast<std::uint32_t>(c.placementAd.size()));
    }
    return c;
}

}  // namespace settlement::generate
