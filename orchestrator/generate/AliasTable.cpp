#include "generate/AliasTable.h"

#include <stdexcept>

namespace settlement::generate {

AliasTable::AliasTable(std::vector<double> weights) {
    const std::size_t n = weights.size();
    if (n == 0 || n > 0xFFFFFFFFu) throw std::invalid_argument("AliasTable needs 1 to 2^32-1 outcomes");
    double total = 0;
    for (double w : weights) {
        if (!(w >= 0)) throw std::invalid_argument("AliasTable weights must be non-negative");
        total += w;
    }
    if (!(total > 0)) throw std::invalid_argument("AliasTable weights must not all be zero");

    // Scaled so the average slot holds exactly 1. Vose: pair an under-full slot with an
    // over-full one until one list runs out; the rest are full (up to rounding).
    std::vector<double>& scaled = weights;  // in place: a million outcomes build in ~25 MB
    std::size_t under = 0;
    for (auto& w : scaled) {
        w = w * static_cast<double>(n) / total;
        under += w < 1.0;
    }
    std::vector<std::uint32_t> small, large;
    small.reserve(n);  // an over-full slot may become under-full: small can grow to n
    large.reserve(n - under);
    for (std::size_t i = 0; i < n; ++i) (scaled[i] < 1.0 ? small : large).push_back(static_cast<std::uint32_t>(i));
    slots_.resize(n);
    auto threshold = [](double p) {
        double t = p * 4294967296.0;
        return t >= 4294967295.0 ? 0xFFFFFFFFu : static_cast<std::uint32_t>(t);
    };
    while (!small.empty() && !large.empty()) {
        std::uint32_t s = small.back(), l = large.back();
        small.pop_back();
        slots_[s] = {threshold(scaled[s]), l};
        scaled[l] = (scaled[l] + scaled[s]) - 1.0;
        if (scaled[l] < 1.0) {
            large.pop_back();
            small.push_back(l);
        }
    }
    for (auto i : large) slots_[i] = {0xFFFFFFFFu, i};
    for (auto i : small) slots_[i] = {0xFFFFFFFFu, i};  // left over only by rounding
}

double AliasTable::probability(std::uint32_t i) const {
    // Slot j gives itself threshold/2^32 of the time and its alias the rest.
    const double perSlot = 1.0 / static_cast<double>(slots_.size());
    double p = 0;
    for (std::uint32_t j = 0; j < slots_.size(); ++j) {
        const double keep = slots_[j].threshold / 4294967296.0;
        if (j == i) p += keep * perSlot;
        if (slots_[j].alias == i) p += (1.0 - keep) * perSlot;
    }
    return p;
}

}  // namespace settlement::generate
