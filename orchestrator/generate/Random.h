#pragma once
// The generator's own pseudo-random numbers: xoshiro256** seeded through splitmix64.
// Only integer operations and exact double arithmetic, so a seed gives the same stream on
// every platform and standard library (std:: distributions do not promise that).
#include <cstdint>

namespace settlement::generate {

__extension__ typedef unsigned __int128 Uint128;  // GCC and Clang; quiet under -Wpedantic

// The splitmix64 finalizer: a bijective 64-bit mix, also used to hash ids.
constexpr std::uint64_t mix64(std::uint64_t z) {
    z += 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

// An independent seed for one stream (catalog, views of day 3, ...) of one user seed.
constexpr std::uint64_t deriveSeed(std::uint64_t seed, std::uint64_t stream, std::uint64_t index = 0) {
    return mix64(mix64(mix64(seed) ^ stream) ^ index);
}

class Random {
public:
    explicit Random(std::uint64_t seed) {
        for (auto& word : s_) {  // the splitmix64 sequence of the seed
            word = mix64(seed);
            seed += 0x9e3779b97f4a7c15ULL;
        }
        if ((s_[0] | s_[1] | s_[2] | s_[3]) == 0) s_[0] = 1;  // the one forbidden state
    }

    std::uint64_t next() {
        const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
        const std::uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }

    // Uniform in [0, n), n > 0 (Lemire's multiply-shift with rejection: no modulo bias).
    std::uint64_t below(std::uint64_t n) {
        Uint128 m = static_cast<Uint128>(next()) * n;
        auto low = static_cast<std::uint64_t>(m);
        if (low < n) {
            const std::uint64_t threshold = (0 - n) % n;
            while (low < threshold) {
                m = static_cast<Uint128>(next()) * n;
                low = static_cast<std::uint64_t>(m);
            }
        }
        return static_cast<std::uint64_t>(m >> 64);
    }

    // Uniform in [lo, hi], lo <= hi.
    std::int64_t between(std::int64_t lo, std::int64_t hi) {
        return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo) + 1));
    }

    // Uniform in [0, 1) with 53 random bits.
    double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

    bool chance(double p) { return unit() < p; }

private:
    static constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t s_[4];
};

}  // namespace settlement::generate
