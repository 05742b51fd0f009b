#include "generate/EventClock.h"

#include <array>
#include <string>

namespace settlement::generate {
namespace {

// Relative traffic of each local hour 0..23.
constexpr std::array<int, 24> kHourWeight{6, 4, 3, 2, 1, 1, 2, 3, 4, 5, 6, 6,
                                          7, 6, 6, 6, 7, 8, 9, 10, 11, 12, 11, 9};

constexpr int totalWeight() {
    int total = 0;
    for (int w : kHourWeight) total += w;
    return total;
}

void twoDigits(char* p, std::int64_t v) {
    p[0] = static_cast<char>('0' + v / 10);
    p[1] = static_cast<char>('0' + v % 10);
}

}  // namespace

BusinessDay::BusinessDay(util::Date date, int utcOffsetMinutes) : date_(date) {
    start_ = std::int64_t(date.time_since_epoch().count()) * kMillis - std::int64_t(utcOffsetMinutes) * 60'000;
    std::chrono::year_month_day ymd{date};
    std::uint64_t yyyymmdd = std::uint64_t(int(ymd.year())) * 10000 + unsigned(ymd.month()) * 100 + unsigned(ymd.day());
    firstEventId_ = yyyymmdd * 10'000'000'000ULL;
}

std::int64_t BusinessDay::slotMillis(std::uint64_t i, std::uint64_t n, double within) const {
    double x = (static_cast<double>(i) + within) / static_cast<double>(n) * totalWeight();
    int hour = 0;
    double before = 0;
    while (hour < 23 && before + kHourWeight[hour] <= x) before += kHourWeight[hour++];
    auto inHour = static_cast<std::int64_t>((x - before) / kHourWeight[hour] * 3'600'000.0);
    std::int64_t local = std::int64_t(hour) * 3'600'000 + inHour;
    if (local >= kMillis) local = kMillis - 1;
    if (local < 0) local = 0;
    return start_ + local;
}

std::string_view TimestampFormatter::format(std::int64_t ms) {
    std::int64_t day = ms / BusinessDay::kMillis;
    if (ms % BusinessDay::kMillis < 0) --day;
    std::int64_t rest = ms - day * BusinessDay::kMillis;
    if (day != cachedDay_) {
        std::string date = util::formatDate(util::Date{std::chrono::days{day}});
        date.copy(text_, 10);
        text_[10] = ' ';
        cachedDay_ = day;
    }
    twoDigits(text_ + 11, rest / 3'600'000);
    text_[13] = ':';
    twoDigits(text_ + 14, rest / 60'000 % 60);
    text_[16] = ':';
    twoDigits(text_ + 17, rest / 1000 % 60);
    text_[19] = '.';
    std::int64_t milli = rest % 1000;
    text_[20] = static_cast<char>('0' + milli / 100);
    twoDigits(text_ + 21, milli % 100);
    return {text_, 23};
}

}  // namespace settlement::generate
