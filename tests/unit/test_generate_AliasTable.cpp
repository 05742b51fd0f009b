#include <gtest/gtest.h>

#include <vector>

#include "generate/AliasTable.h"

using namespace settlement::generate;

TEST(AliasTable, HoldsTheGivenProbabilities) {
    // Weights 1, 0, 3, 4 of 8: 1/8, 0, 3/8, 1/2.
    AliasTable t({1, 0, 3, 4});
    EXPECT_NEAR(t.probability(0), 0.125, 1e-9);
    EXPECT_EQ(t.probability(1), 0.0);
    EXPECT_NEAR(t.probability(2), 0.375, 1e-9);
    EXPECT_NEAR(t.probability(3), 0.5, 1e-9);
}

TEST(AliasTable, DrawsFollowTheWeightsAndNeverAZeroWeight) {
    AliasTable t({1, 0, 3, 4});
    Random r(5);
    std::vector<int> count(4);
    for (int i = 0; i < 80000; ++i) ++count[t.sample(r)];
    // Expected 10,000 / 0 / 30,000 / 40,000; sd at most ~140, so +-800 is over 5 sigma.
    EXPECT_NEAR(count[0], 10000, 800);
    EXPECT_EQ(count[1], 0);
    EXPECT_NEAR(count[2], 30000, 800);
    EXPECT_NEAR(count[3], 40000, 800);
}

TEST(AliasTable, OneOutcomeAlwaysComesUp) {
    AliasTable t({2.5});
    Random r(1);
    for (int i = 0; i < 100; ++i) EXPECT_EQ(t.sample(r), 0u);
    EXPECT_NEAR(t.probability(0), 1.0, 1e-9);
}

TEST(AliasTable, RejectsEmptyNegativeOrAllZeroWeights) {
    EXPECT_THROW(AliasTable(std::vector<double>{}), std::invalid_argument);
    EXPECT_THROW(AliasTable({1, -1}), std::invalid_argument);
    EXPECT_THROW(AliasTable({0, 0}), std::invalid_argument);
}
