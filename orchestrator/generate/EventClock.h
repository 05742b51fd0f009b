#pragma once
// Where events of one business date fall in UTC, and how their timestamps are written.
//
// Business date D in a zone `offset` minutes east of UTC runs from D 00:00 local, which is
// D 00:00 UTC minus the offset (for +09:00: D-1 15:00 UTC), for 24 hours (SPEC §3).
// Within it, the i-th of n events falls at local time-of-day following a daily curve:
// quiet before dawn, busiest in the evening. Slot times increase with i.
#include <cstdint>
#include <string_view>

#include "util/Date.h"

namespace settlement::generate {

class BusinessDay {
public:
    static constexpr std::int64_t kMillis = 86'400'000;

    BusinessDay(util::Date date, int utcOffsetMinutes);

    util::Date date() const { return date_; }
    std::int64_t startMillis() const { return start_; }            // UTC epoch ms, inclusive
    std::int64_t endMillis() const { return start_ + kMillis; }    // exclusive
    // Event ids of this date are yyyymmdd * 10^10 + n, unique over dates (and over runs).
    std::uint64_t firstEventId() const { return firstEventId_; }
    // UTC time of event slot i of n; `within` in [0, 1) places it inside its slot.
    std::int64_t slotMillis(std::uint64_t i, std::uint64_t n, double within) const;

private:
    util::Date date_;
    std::int64_t start_;
    std::uint64_t firstEventId_;
};

// "YYYY-MM-DD HH:MM:SS.fff" of UTC epoch milliseconds, without allocating; the date part is
// cached, as consecutive events share it. The view is valid until the next call.
class TimestampFormatter {
public:
    std::string_view format(std::int64_t epochMillis);

private:
    std::int64_t cachedDay_ = INT64_MIN;
    char text_[24] = {};
};

}  // namespace settlement::generate
