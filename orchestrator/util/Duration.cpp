#include "util/Duration.h"

#include <charconv>

namespace settlement::util {

std::optional<std::chrono::seconds> parseDuration(std::string_view text) {
    if (text.size() < 2) return std::nullopt;
    long long unit = 0;
    switch (text.back()) {
        case 's': unit = 1; break;
        case 'm': unit = 60; break;
        case 'h': unit = 3600; break;
        case 'd': unit = 86400; break;
        default: return std::nullopt;
    }
    std::string_view digits = text.substr(0, text.size() - 1);
    long long count = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), count);
    if (ec != std::errc() || end != digits.data() + digits.size() || count <= 0) return std::nullopt;
    constexpr long long kMaxSeconds = 3650LL * 86400;
    if (count > kMaxSeconds / unit) return std::nullopt;
    return std::chrono::seconds(count * unit);
}

}  // namespace settlement::util
