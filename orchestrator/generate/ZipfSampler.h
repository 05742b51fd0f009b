#pragma once
// Zipf(s) over ranks 1..n: P(rank k) proportional to 1 / k^s (s = 0 is uniform).
// Draws are O(1) through an alias table (8 bytes a rank, one table read a draw), fast
// enough for millions of events a second over a million members.
//
// With a ranking (valueOfRank[k-1] = the value at rank k, a permutation of 1..n), the
// sampler returns values instead of ranks: popularity follows the ranking, not the ids,
// at the cost of no extra look-up.
#include <cstdint>
#include <vector>

#include "generate/AliasTable.h"
#include "generate/Random.h"

namespace settlement::generate {

class ZipfSampler {
public:
    ZipfSampler(std::uint32_t n, double s);
    ZipfSampler(double s, const std::vector<std::uint32_t>& valueOfRank);

    // A rank (or, with a ranking, a value) in 1..n.
    std::uint32_t sample(Random& random) const { return table_.sample(random) + 1; }
    std::uint32_t size() const { return table_.size(); }
    // The probability of drawing `value` (a rank without a ranking), read from the table.
    double probability(std::uint32_t value) const { return table_.probability(value - 1); }

    // 1 / k^s for k = 1..n, the unnormalised Zipf weights.
    static std::vector<double> weights(std::uint32_t n, double s);

private:
    AliasTable table_;
};

}  // namespace settlement::generate
