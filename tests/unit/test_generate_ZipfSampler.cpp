#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "generate/ZipfSampler.h"

using namespace settlement::generate;

TEST(ZipfSampler, ThreeRanksWithExponentOneHaveProbabilities6_3_2Elevenths) {
    // Weights 1, 1/2, 1/3 sum to 11/6: P = 6/11, 3/11, 2/11.
    ZipfSampler z(3, 1.0);
    EXPECT_NEAR(z.probability(1), 6.0 / 11, 1e-9);
    EXPECT_NEAR(z.probability(2), 3.0 / 11, 1e-9);
    EXPECT_NEAR(z.probability(3), 2.0 / 11, 1e-9);
}

TEST(ZipfSampler, SampleFrequenciesFollowTheWeights) {
    // 110,000 draws of the 3-rank case: expected 60,000 / 30,000 / 20,000; the standard
    // deviation of each count is below 170, so +-1,000 is about 6 sigma.
    ZipfSampler z(3, 1.0);
    Random r(1);
    std::vector<int> count(4);
    for (int i = 0; i < 110000; ++i) ++count[z.sample(r)];
    EXPECT_EQ(count[0], 0);
    EXPECT_NEAR(count[1], 60000, 1000);
    EXPECT_NEAR(count[2], 30000, 1000);
    EXPECT_NEAR(count[3], 20000, 1000);
}

TEST(ZipfSampler, RankOneFarMoreFrequentThanRankHundred) {
    // s = 1.1 over 1000 ranks: P(1)/P(100) = 100^1.1 = 158.5. H = sum k^-1.1 for k <= 1000
    // is about zeta(1.1) - 1000^-0.1 / 0.1 = 10.58 - 5.01 = 5.57, so P(1) is about 0.1794:
    // about 179,400 of 1,000,000 draws (sd ~380), and rank 100 about 1,130 (sd ~34).
    ZipfSampler z(1000, 1.1);
    EXPECT_NEAR(z.probability(1), 0.1794, 0.0005);
    Random r(2);
    std::vector<int> count(1001);
    for (int i = 0; i < 1000000; ++i) {
        auto k = z.sample(r);
        ASSERT_GE(k, 1u);
        ASSERT_LE(k, 1000u);
        ++count[k];
    }
    EXPECT_NEAR(count[1], 179400, 2500);
    EXPECT_NEAR(count[100], 1130, 200);
    EXPECT_GT(count[1], 100 * count[100]);
    EXPECT_GT(count[1000], 0);  // the tail is reachable
}

TEST(ZipfSampler, TheTableHoldsEveryRanksProbability) {
    // Read back from the alias slots, P(k) must be k^-s / H for every rank.
    for (double s : {0.0, 0.5, 1.1, 2.0}) {
        const std::uint32_t n = 257;
        double h = 0;
        for (std::uint32_t k = 1; k <= n; ++k) h += 1.0 / std::pow(k, s);
        ZipfSampler z(n, s);
        double total = 0;
        for (std::uint32_t k = 1; k <= n; ++k) {
            EXPECT_NEAR(z.probability(k), 1.0 / std::pow(k, s) / h, 1e-8) << "s=" << s << " k=" << k;
            total += z.probability(k);
        }
        EXPECT_NEAR(total, 1.0, 1e-8) << "s=" << s;
    }
}

TEST(ZipfSampler, ARankingMovesPopularityFromRanksToValues) {
    // Rank 1 is value 3, rank 2 value 1, rank 3 value 2: value 3 gets 6/11.
    ZipfSampler z(1.0, {3, 1, 2});
    EXPECT_NEAR(z.probability(3), 6.0 / 11, 1e-9);
    EXPECT_NEAR(z.probability(1), 3.0 / 11, 1e-9);
    EXPECT_NEAR(z.probability(2), 2.0 / 11, 1e-9);
    EXPECT_THROW(ZipfSampler(1.0, {1, 1, 2}), std::invalid_argument);
    EXPECT_THROW(ZipfSampler(1.0, {1, 4, 2}), std::invalid_argument);
}

TEST(ZipfSampler, ExponentZeroIsUniform) {
    ZipfSampler z(4, 0.0);
    for (std::uint32_t k = 1; k <= 4; ++k) EXPECT_NEAR(z.probability(k), 0.25, 1e-9);
}

TEST(ZipfSampler, RejectsAnEmptyRange) { EXPECT_THROW(ZipfSampler(0, 1.0), std::invalid_argument); }
