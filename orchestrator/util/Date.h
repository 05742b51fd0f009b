#pragma once
// Civil dates and UTC timestamps as the product reads and writes them.
// Dates are days since the epoch (std::chrono::sys_days); timestamps are milliseconds.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace settlement::util {

using Date = std::chrono::sys_days;

struct Timestamp {
    std::int64_t epochMillis = 0;  // UTC
};

// "YYYY-MM-DD"; nullopt when malformed or not a real calendar day.
std::optional<Date> parseDate(std::string_view text);
std::string formatDate(Date date);

// "YYYY-MM-DD HH:MM:SS" with optional ".f" to ".fff" and an optional trailing "Z" (SPEC §2).
std::optional<Timestamp> parseTimestamp(std::string_view text);
// "YYYY-MM-DD HH:MM:SS.fff"
std::string formatTimestamp(Timestamp ts);

// "+09:00", "-05:30", "+00:00" to minutes east of UTC; nullopt when malformed.
std::optional<int> parseUtcOffset(std::string_view text);

// The business date of a UTC instant in a zone offsetMinutes east of UTC (SPEC §3).
Date businessDateOf(Timestamp ts, int offsetMinutes);

// The business date that is "today" at the given instant, and the one before it.
Date businessToday(std::chrono::system_clock::time_point now, int offsetMinutes);

}  // namespace settlement::util
