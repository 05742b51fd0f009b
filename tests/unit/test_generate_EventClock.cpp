#include <gtest/gtest.h>

#include "generate/EventClock.h"

using namespace settlement::generate;
using namespace settlement::util;

TEST(BusinessDay, KoreanBusinessDayRunsFromFifteenUtcTheDayBefore) {
    BusinessDay day(*parseDate("2026-02-01"), 540);
    EXPECT_EQ(formatTimestamp({day.startMillis()}), "2026-01-31 15:00:00.000");
    EXPECT_EQ(formatTimestamp({day.endMillis() - 1}), "2026-02-01 14:59:59.999");
    EXPECT_EQ(formatDate(businessDateOf({day.startMillis()}, 540)), "2026-02-01");
    EXPECT_EQ(formatDate(businessDateOf({day.endMillis() - 1}, 540)), "2026-02-01");
    EXPECT_EQ(formatDate(businessDateOf({day.endMillis()}, 540)), "2026-02-02");
    EXPECT_EQ(day.firstEventId(), 202602010000000000ULL);
}

TEST(BusinessDay, WestOfUtcTheDayStartsLater) {
    BusinessDay day(*parseDate("2026-02-01"), -300);  // -05:00
    EXPECT_EQ(formatTimestamp({day.startMillis()}), "2026-02-01 05:00:00.000");
    BusinessDay newYear(*parseDate("2027-01-01"), 540);
    EXPECT_EQ(formatTimestamp({newYear.startMillis()}), "2026-12-31 15:00:00.000");
}

TEST(BusinessDay, SlotsAscendInsideTheDayAndFollowTheDailyCurve) {
    BusinessDay day(*parseDate("2026-02-01"), 540);
    const std::uint64_t n = 24000;
    std::int64_t previous = day.startMillis() - 1;
    int hour4 = 0, hour20 = 0;
    for (std::uint64_t i = 0; i < n; ++i) {
        std::int64_t t = day.slotMillis(i, n, 0.5);
        ASSERT_GT(t, previous);
        ASSERT_LT(t, day.endMillis());
        previous = t;
        auto localHour = (t - day.startMillis()) / 3'600'000;
        hour4 += localHour == 4;
        hour20 += localHour == 20;
    }
    // Hour weights sum to 145. Hour 4 has weight 1 after 15 (0..3: 6+4+3+2): slot i is in it
    // when (i + 0.5) / 24000 * 145 is in [15, 16): i = 2483..2647, 165 slots. Hour 20 has
    // weight 11 after 102: [102, 113) gives i = 16883..18702, 1820 slots.
    EXPECT_EQ(hour4, 165);
    EXPECT_EQ(hour20, 1820);
    EXPECT_EQ(day.slotMillis(0, n, 0.0), day.startMillis());
    EXPECT_LT(day.slotMillis(n - 1, n, 0.999999999), day.endMillis());
}

TEST(TimestampFormatter, FormatsMillisecondsAndFollowsDayChanges) {
    TimestampFormatter f;
    EXPECT_EQ(f.format(0), "1970-01-01 00:00:00.000");
    EXPECT_EQ(f.format(parseTimestamp("2026-01-31 14:59:59.999")->epochMillis), "2026-01-31 14:59:59.999");
    EXPECT_EQ(f.format(parseTimestamp("2026-02-01 00:00:00.007")->epochMillis), "2026-02-01 00:00:00.007");
    EXPECT_EQ(f.format(parseTimestamp("2026-01-31 23:59:59.050")->epochMillis), "2026-01-31 23:59:59.050");
    EXPECT_EQ(f.format(-1), "1969-12-31 23:59:59.999");
}
