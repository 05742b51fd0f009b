#include <gtest/gtest.h>

#include <vector>

#include "engine/RetryPolicy.h"

using namespace settlement::engine;

namespace {

settlement::config::RetrySettings settings(int attempts, int base, int max) {
    settlement::config::RetrySettings s;
    s.maxAttempts = attempts;
    s.baseDelayMs = base;
    s.maxDelayMs = max;
    return s;
}

}  // namespace

TEST(RetryPolicy, RetriesLockConflictsAndReconnectsOnLostConnections) {
    RetryPolicy p(settings(3, 10, 100), [](auto) {});
    EXPECT_EQ(p.decide(1213, 1), RetryDecision::Retry);
    EXPECT_EQ(p.decide(1205, 2), RetryDecision::Retry);
    EXPECT_EQ(p.decide(2006, 1), RetryDecision::ReconnectAndRetry);
    EXPECT_EQ(p.decide(2013, 1), RetryDecision::ReconnectAndRetry);
    // A new connection refused (socket, TCP) while the server restarts: try again too.
    EXPECT_EQ(p.decide(2002, 1), RetryDecision::ReconnectAndRetry);
    EXPECT_EQ(p.decide(2003, 2), RetryDecision::ReconnectAndRetry);
    EXPECT_EQ(p.decide(2003, 3), RetryDecision::Fail);  // within the cap
    EXPECT_EQ(p.decide(2005, 1), RetryDecision::Fail);  // unknown host: no use
}

TEST(RetryPolicy, FailsOtherErrorsAndExhaustedAttempts) {
    RetryPolicy p(settings(3, 10, 100), [](auto) {});
    EXPECT_EQ(p.decide(1146, 1), RetryDecision::Fail);  // no such table
    EXPECT_EQ(p.decide(1644, 1), RetryDecision::Fail);  // SIGNAL from a procedure
    EXPECT_EQ(p.decide(1213, 3), RetryDecision::Fail);  // third attempt was the last
}

TEST(RetryPolicy, BackoffIsExponentialWithJitterAndCapped) {
    RetryPolicy p(settings(10, 100, 1000), [](auto) {}, 7);
    for (int round = 0; round < 200; ++round) {
        EXPECT_LE(p.backoff(1).count(), 100);
        EXPECT_LE(p.backoff(2).count(), 200);
        EXPECT_LE(p.backoff(3).count(), 400);
        EXPECT_LE(p.backoff(9).count(), 1000);  // capped
    }
    // Jitter: the waits of one attempt number are not all the same.
    std::vector<long long> waits;
    for (int i = 0; i < 50; ++i) waits.push_back(p.backoff(4).count());
    EXPECT_NE(*std::min_element(waits.begin(), waits.end()), *std::max_element(waits.begin(), waits.end()));
}

TEST(RetryPolicy, SleepIsReplaceableForTests) {
    std::vector<long long> slept;
    RetryPolicy p(settings(5, 50, 50), [&](std::chrono::milliseconds d) { slept.push_back(d.count()); }, 1);
    p.sleepBeforeRetry(1);
    p.sleepBeforeRetry(2);
    ASSERT_EQ(slept.size(), 2u);
    EXPECT_LE(slept[1], 50);
}
