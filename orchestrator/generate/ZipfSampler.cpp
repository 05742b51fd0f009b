#include "generate/ZipfSampler.h"

#include <cmath>
#include <stdexcept>

namespace settlement::generate {

ZipfSampler::ZipfSampler(std::uint32_t n, double s) {
    if (n == 0) throw std::invalid_argument("ZipfSampler needs at least one rank");
    if (!(s >= 0)) throw std::invalid_argument("ZipfSampler needs an exponent >= 0");
    cdf_.resize(n);
    double total = 0;
    for (std::uint32_t k = 1; k <= n; ++k) {
        total += std::pow(static_cast<double>(k), -s);
        cdf_[k - 1] = total;
    }
    for (auto& c : cdf_) c /= total;
    cdf_.back() = 1.0;  // no rounding gap at the top: every u < 1 finds a rank

    guide_.resize(n);
    std::uint32_t i = 0;
    for (std::uint32_t j = 0; j < n; ++j) {
        double threshold = static_cast<double>(j) / static_cast<double>(n);
        while (cdf_[i] <= threshold) ++i;
        guide_[j] = i;
    }
}

std::uint32_t ZipfSampler::rankOf(double u) const {
    // guide_[j] is at or below the answer since u >= j / n; walk up to the first cdf > u.
    auto j = static_cast<std::uint32_t>(u * static_cast<double>(guide_.size()));
    if (j >= guide_.size()) j = static_cast<std::uint32_t>(guide_.size() - 1);
    // u * n may round up to the next whole number; then start one bucket lower.
    if (j > 0 && static_cast<double>(j) / static_cast<double>(guide_.size()) > u) --j;
    std::uint32_t i = guide_[j];
    while (cdf_[i] <= u) ++i;
    return i + 1;
}

}  // namespace settlement::generate
