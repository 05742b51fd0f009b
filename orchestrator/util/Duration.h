#pragma once
// Durations as operators write them: a whole number and a unit, "45s", "30m", "1h", "7d".
#include <chrono>
#include <optional>
#include <string_view>

namespace settlement::util {

// nullopt when malformed (no unit, another unit, a sign, spaces), zero, or over 3650 days.
std::optional<std::chrono::seconds> parseDuration(std::string_view text);

}  // namespace settlement::util
