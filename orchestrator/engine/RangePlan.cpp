#include "engine/RangePlan.h"

#include <algorithm>

namespace settlement::engine {

std::vector<VideoRange> planRanges(const std::vector<VideoWeight>& weights,
                                   std::uint64_t rowsPerRange, int maxRanges) {
    std::uint64_t total = 0;
    for (const auto& w : weights) total += w.rows;
    std::uint64_t wanted = rowsPerRange == 0 ? 1 : (total + rowsPerRange - 1) / rowsPerRange;
    std::uint64_t count = std::clamp<std::uint64_t>(wanted, 1, std::max(1, maxRanges));
    count = std::min<std::uint64_t>(count, std::max<std::size_t>(weights.size(), 1));
    if (count <= 1 || weights.empty()) return {{0, kMaxVideoId, total}};

    std::vector<VideoRange> ranges;
    std::uint64_t from = 0, inRange = 0, seen = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        inRange += weights[i].rows;
        seen += weights[i].rows;
        // Cut after this video when the cumulative weight passes the next quantile.
        std::uint64_t boundary = total * (ranges.size() + 1) / count;
        bool last = i + 1 == weights.size();
        if (!last && seen >= boundary && ranges.size() + 1 < count) {
            ranges.push_back({from, weights[i].videoId, inRange});
            from = weights[i].videoId + 1;
            inRange = 0;
        }
    }
    ranges.push_back({from, kMaxVideoId, inRange});
    return ranges;
}

}  // namespace settlement::engine
