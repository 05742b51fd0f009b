#include <gtest/gtest.h>

#include "util/Date.h"

using namespace settlement::util;

TEST(Date, ParsesAndFormatsCalendarDays) {
    auto d = parseDate("2024-02-29");
    ASSERT_TRUE(d);
    EXPECT_EQ(formatDate(*d), "2024-02-29");
    EXPECT_FALSE(parseDate("2023-02-29"));
    EXPECT_FALSE(parseDate("2024-13-01"));
    EXPECT_FALSE(parseDate("2024-1-01"));
    EXPECT_FALSE(parseDate("yesterday"));
}

TEST(Date, ParsesTimestampsWithOptionalMillisAndZ) {
    auto a = parseTimestamp("2026-01-31 14:59:59.999Z");
    ASSERT_TRUE(a);
    EXPECT_EQ(formatTimestamp(*a), "2026-01-31 14:59:59.999");
    auto b = parseTimestamp("2026-01-31 15:00:00");
    ASSERT_TRUE(b);
    EXPECT_EQ(b->epochMillis - a->epochMillis, 1);
    EXPECT_EQ(formatTimestamp(*parseTimestamp("2026-01-31 15:00:00.5")), "2026-01-31 15:00:00.500");
    EXPECT_FALSE(parseTimestamp("2026-01-31 24:00:00"));
    EXPECT_FALSE(parseTimestamp("2026-01-31 15:00:00.1234"));
    EXPECT_FALSE(parseTimestamp("2026-01-31"));
    EXPECT_FALSE(parseTimestamp(""));
    EXPECT_FALSE(parseTimestamp("2026-02-30 00:00:00"));
}

TEST(Date, BusinessDateTurnsAtFifteenUtcForKorea) {
    int kst = *parseUtcOffset("+09:00");
    EXPECT_EQ(kst, 540);
    EXPECT_EQ(formatDate(businessDateOf(*parseTimestamp("2026-01-31 14:59:59.999Z"), kst)), "2026-01-31");
    EXPECT_EQ(formatDate(businessDateOf(*parseTimestamp("2026-01-31 15:00:00Z"), kst)), "2026-02-01");
    EXPECT_EQ(formatDate(businessDateOf(*parseTimestamp("2026-12-31 15:00:00"), kst)), "2027-01-01");
}

TEST(Date, NegativeOffsetsAndEpochBoundaries) {
    int ny = *parseUtcOffset("-05:00");
    EXPECT_EQ(ny, -300);
    EXPECT_EQ(formatDate(businessDateOf(*parseTimestamp("1970-01-01 04:59:59"), ny)), "1969-12-31");
    EXPECT_EQ(formatDate(businessDateOf(*parseTimestamp("1970-01-01 05:00:00"), ny)), "1970-01-01");
    EXPECT_FALSE(parseUtcOffset("09:00"));
    EXPECT_FALSE(parseUtcOffset("+9:00"));
    EXPECT_FALSE(parseUtcOffset("+15:00"));
}
