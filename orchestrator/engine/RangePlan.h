#pragma once
// Splitting a date's work into disjoint video_id ranges of roughly equal log rows
// (DESIGN "Ranges make workers independent"). Popularity is skewed, so ranges are cut by
// cumulative row weight, not by id width; one hot video may still be a range of its own.
#include <cstdint>
#include <limits>
#include <vector>

namespace settlement::engine {

inline constexpr std::uint64_t kMaxVideoId = std::numeric_limits<std::uint64_t>::max();

struct VideoWeight {
    std::uint64_t videoId;
    std::uint64_t rows;
};

struct VideoRange {
    std::uint64_t from;  // inclusive
    std::uint64_t to;    // inclusive
    std::uint64_t plannedRows;
};

// weights: ascending by videoId. The ranges cover [0, kMaxVideoId] without gaps or
// overlap, ascending, each with about totalRows / count rows, where count =
// ceil(totalRows / rowsPerRange) bounded by [1, maxRanges] and by the number of videos.
std::vector<VideoRange> planRanges(const std::vector<VideoWeight>& weights,
                                   std::uint64_t rowsPerRange, int maxRanges);

}  // namespace settlement::engine
