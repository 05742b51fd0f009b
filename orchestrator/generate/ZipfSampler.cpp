#include "generate/ZipfSampler.h"

#include <cmath>
#include <stdexcept>

namespace settlement::generate {
namespace {

std::vector<double> ranked(double s, const std::vector<std::uint32_t>& valueOfRank) {
    const auto n = static_cast<std::uint32_t>(valueOfRank.size());
    if (n == 0) throw std::invalid_argument("ZipfSampler needs at least one rank");
    if (!(s >= 0)) throw std::invalid_argument("ZipfSampler needs an exponent >= 0");
    std::vector<double> byValue(n, -1.0);
    for (std::uint32_t k = 0; k < n; ++k) {
        std::uint32_t value = valueOfRank[k];
        if (value < 1 || value > n || byValue[value - 1] >= 0)
            throw std::invalid_argument("ZipfSampler ranking must be a permutation of 1..n");
        byValue[value - 1] = std::pow(static_cast<double>(k + 1), -s);
    }
    return byValue;
}

}  // namespace

std::vector<double> ZipfSampler::weights(std::uint32_t n, double s) {
    if (n == 0) throw std::invalid_argument("ZipfSampler needs at least one rank");
    if (!(s >= 0)) throw std::invalid_argument("ZipfSampler needs an exponent >= 0");
    std::vector<double> w(n);
    for (std::uint32_t k = 1; k <= n; ++k) w[k - 1] = std::pow(static_cast<double>(k), -s);
    return w;
}

ZipfSampler::ZipfSampler(std::uint32_t n, double s) : table_(weights(n, s)) {}

ZipfSampler::ZipfSampler(double s, const std::vector<std::uint32_t>& valueOfRank) : table_(ranked(s, valueOfRank)) {}

}  // namespace settlement::generate
