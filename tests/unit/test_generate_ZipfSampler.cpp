#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "generate/ZipfSampler.h"

using namespace settlement::generate;

TEST(ZipfSampler, CumulativeOfThreeRanksWithExponentOne) {
    // Weights 1, 1/2, 1/3 sum to 11/6: P = 6/11, 3/11, 2/11; cumulative 6/11, 9/11, 1.
    ZipfSampler z(3, 1.0);
    EXPECT_NEAR(z.cumulative(1), 6.0 / 11, 1e-12);
    EXPECT_NEAR(z.cumulative(2), 9.0 / 11, 1e-12);
    EXPECT_EQ(z.cumulative(3), 1.0);
    EXPECT_EQ(z.rankOf(0.0), 1u);
    EXPECT_EQ(z.rankOf(0.545), 1u);   // just below 6/11 = 0.54545...
    EXPECT_EQ(z.rankOf(0.546), 2u);
    EXPECT_EQ(z.rankOf(0.818), 2u);   // just below 9/11 = 0.81818...
    EXPECT_EQ(z.rankOf(0.819), 3u);
    EXPECT_EQ(z.rankOf(std::nextafter(1.0, 0.0)), 3u);
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
    // is about zeta(1.1) - 1000^-0.1 / 0.1 = 10.58 - 5.01 = 5.57, so P(1) is about 0.18:
    // about 180,000 of 1,000,000 draws, and rank 100 about 1,130.
    ZipfSampler z(1000, 1.1);
    Random r(2);
    std::vector<int> count(1001);
    for (int i = 0; i < 1000000; ++i) {
        auto k = z.sample(r);
        ASSERT_GE(k, 1u);
        ASSERT_LE(k, 1000u);
        ++count[k];
    }
    EXPECT_NEAR(count[1], 180000, 6000);
    EXPECT_NEAR(count[100], 1130, 200);
    EXPECT_GT(count[1], 100 * count[100]);
    EXPECT_GT(count[1000], 0);  // the tail is reachable
}

TEST(ZipfSampler, GuideTableAgreesWithALinearScanAtEveryBoundary) {
    // The reference answer: the first rank whose cumulative probability exceeds u.
    for (double s : {0.0, 0.5, 1.1, 2.0}) {
        ZipfSampler z(257, s);
        auto linear = [&](double u) {
            std::uint32_t k = 1;
            while (z.cumulative(k) <= u) ++k;
            return k;
        };
        for (std::uint32_t k = 1; k < 257; ++k) {
            double c = z.cumulative(k);
            EXPECT_EQ(z.rankOf(c), linear(c)) << "s=" << s << " k=" << k;
            EXPECT_EQ(z.rankOf(c), k + 1) << "s=" << s << " k=" << k;
            EXPECT_EQ(z.rankOf(std::nextafter(c, 0.0)), k) << "s=" << s << " k=" << k;
        }
        for (int i = 0; i < 10000; ++i) {
            double u = i / 10000.0;
            ASSERT_EQ(z.rankOf(u), linear(u)) << "s=" << s << " u=" << u;
        }
    }
}

TEST(ZipfSampler, ExponentZeroIsUniform) {
    ZipfSampler z(4, 0.0);
    EXPECT_DOUBLE_EQ(z.cumulative(1), 0.25);
    EXPECT_DOUBLE_EQ(z.cumulative(2), 0.5);
    EXPECT_DOUBLE_EQ(z.cumulative(3), 0.75);
    EXPECT_EQ(z.rankOf(0.25), 2u);
    EXPECT_EQ(z.rankOf(0.74), 3u);
}

TEST(ZipfSampler, RejectsAnEmptyRange) { EXPECT_THROW(ZipfSampler(0, 1.0), std::invalid_argument); }
