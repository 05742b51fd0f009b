// util::parseDuration: the lifetimes `settlement token --ttl` takes.
#include <gtest/gtest.h>

#include "util/Duration.h"

using settlement::util::parseDuration;
using std::chrono::seconds;

TEST(UtilDuration, ANumberAndAUnit) {
    EXPECT_EQ(parseDuration("45s"), seconds(45));
    EXPECT_EQ(parseDuration("30m"), seconds(1800));
    EXPECT_EQ(parseDuration("1h"), seconds(3600));
    EXPECT_EQ(parseDuration("7d"), seconds(7 * 86400));
    EXPECT_EQ(parseDuration("3650d"), seconds(3650LL * 86400));
}

TEST(UtilDuration, RefusesWhatIsNotOne) {
    for (const char* bad : {"", "1", "h", "0h", "-1h", "+1h", "1.5h", "1 h", "1H", "1w", "3651d", "99999999999999999999s"})
        EXPECT_FALSE(parseDuration(bad)) << bad;
}
