#include <gtest/gtest.h>

#include "engine/RangePlan.h"

using namespace settlement::engine;

namespace {

void expectCoversEverything(const std::vector<VideoRange>& ranges) {
    ASSERT_FALSE(ranges.empty());
    EXPECT_EQ(ranges.front().from, 0u);
    EXPECT_EQ(ranges.back().to, kMaxVideoId);
    for (std::size_t i = 1; i < ranges.size(); ++i) {
        EXPECT_EQ(ranges[i].from, ranges[i - 1].to + 1) << "gap or overlap before range " << i;
        EXPECT_LE(ranges[i].from, ranges[i].to);
    }
}

}  // namespace

TEST(RangePlan, SmallDayIsOneRange) {
    auto r = planRanges({{1, 10}, {2, 20}}, 1000, 64);
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r[0].plannedRows, 30u);
    expectCoversEverything(r);
}

TEST(RangePlan, EmptyDayIsOneRange) {
    auto r = planRanges({}, 1000, 64);
    ASSERT_EQ(r.size(), 1u);
    expectCoversEverything(r);
}

TEST(RangePlan, SkewedPopularityIsCutByRowsNotIdWidth) {
    // Video 1 alone has 600 rows; videos 2..401 one row each: 1000 rows, 4 ranges of ~250.
    std::vector<VideoWeight> w{{1, 600}};
    for (std::uint64_t id = 2; id <= 401; ++id) w.push_back({id, 1});
    auto r = planRanges(w, 250, 64);
    expectCoversEverything(r);
    ASSERT_EQ(r.size(), 4u);
    // The hot video is a range of its own (it passes two quantiles at once).
    EXPECT_EQ(r[0].to, 1u);
    EXPECT_EQ(r[0].plannedRows, 600u);
    std::uint64_t sum = 0;
    for (const auto& x : r) sum += x.plannedRows;
    EXPECT_EQ(sum, 1000u);
    // The remaining 400 rows are spread: no range past the first holds more than 250.
    for (std::size_t i = 1; i < r.size(); ++i) EXPECT_LE(r[i].plannedRows, 250u);
}

TEST(RangePlan, UniformWeightsGiveEqualRanges) {
    std::vector<VideoWeight> w;
    for (std::uint64_t id = 100; id < 1100; ++id) w.push_back({id, 10});  // 10,000 rows
    auto r = planRanges(w, 2500, 64);
    expectCoversEverything(r);
    ASSERT_EQ(r.size(), 4u);
    for (const auto& x : r) EXPECT_EQ(x.plannedRows, 2500u);
}

TEST(RangePlan, RangeCountIsBoundedByConfigAndVideos) {
    std::vector<VideoWeight> w;
    for (std::uint64_t id = 1; id <= 1000; ++id) w.push_back({id, 1000});
    EXPECT_EQ(planRanges(w, 10, 16).size(), 16u);
    EXPECT_EQ(planRanges({{5, 1000}, {6, 1000}}, 10, 64).size(), 2u);
}
