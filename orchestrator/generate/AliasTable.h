#pragma once
// Sampling from a fixed discrete distribution in O(1) with one table read (Walker's alias
// method, built with Vose's stable variant). Each of the n slots holds a 32-bit threshold
// and an alias: pick a slot, keep it when a 32-bit coin is below its threshold, else take
// its alias. 8 bytes a slot, so a million outcomes cost 8 MB and one cache miss a draw.
#include <cstdint>
#include <vector>

#include "generate/Random.h"

namespace settlement::generate {

class AliasTable {
public:
    // weights: n >= 1 non-negative numbers, not all zero; outcome i has weight weights[i].
    explicit AliasTable(std::vector<double> weights);

    // An outcome in 0..n-1.
    std::uint32_t sample(Random& random) const {
        const std::uint64_t r = random.next();
        const auto slot = static_cast<std::uint32_t>(((r >> 32) * slots_.size()) >> 32);
        const Slot& s = slots_[slot];
        return static_cast<std::uint32_t>(r) < s.threshold ? slot : s.alias;
    }

    std::uint32_t size() const { return static_cast<std::uint32_t>(slots_.size()); }
    // The probability the table gives outcome i, read back from the slots (for tests).
    double probability(std::uint32_t i) const;

private:
    struct Slot {
        std::uint32_t threshold;  // keep the slot when the coin is below this (of 2^32)
        std::uint32_t alias;      // otherwise this outcome; a full slot is its own alias
    };
    std::vector<Slot> slots_;
};

}  // namespace settlement::generate
