// http::loggableTarget: what the access log shows of a request target.
#include <gtest/gtest.h>

#include "http/AccessLog.h"

using settlement::http::loggableTarget;

TEST(HttpAccessLog, KeepsPathAndOrdinaryParameters) {
    EXPECT_EQ(loggableTarget("/v1/stats"), "/v1/stats");
    EXPECT_EQ(loggableTarget("/v1/top?period=day&date=2026-11-18&by=views"), "/v1/top?period=day&date=2026-11-18&by=views");
}

TEST(HttpAccessLog, HidesValuesOfParametersThatSoundSecret) {
    EXPECT_EQ(loggableTarget("/v1/stats?period=day&access_token=eyJhbGciOi.x.y&date=2026-11-18"),
              "/v1/stats?period=day&access_token=***&date=2026-11-18");
    EXPECT_EQ(loggableTarget("/v1/stats?JWT=abc&api_key=k&Password=p&client_secret=s&auth=a"),
              "/v1/stats?JWT=***&api_key=***&Password=***&client_secret=***&auth=***");
}

TEST(HttpAccessLog, ReplacesControlBytesAndCutsLongTargets) {
    EXPECT_EQ(loggableTarget("/v1/stats?x=a\r\nforged line\x1b[31m\xc3\xa9"), "/v1/stats?x=a??forged line?[31m??");
    std::string longTarget = "/v1/stats?x=" + std::string(1000, 'a');
    std::string shown = loggableTarget(longTarget);
    EXPECT_EQ(shown.size(), 303u);
    EXPECT_EQ(shown.substr(300), "...");
}
