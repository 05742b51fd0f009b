#pragma once
// When to try a range again and how long to wait first (DESIGN "Retries by error code").
// 1213 deadlock and 1205 lock wait timeout: retry on the same connection; 2006/2013
// connection lost and 2002/2003 cannot connect: reconnect, then retry; anything else:
// fail the range at once.
#include <chrono>
#include <functional>
#include <random>

#include "config/Settings.h"

namespace settlement::engine {

enum class RetryDecision { Fail, Retry, ReconnectAndRetry };

class RetryPolicy {
public:
    using Sleeper = std::function<void(std::chrono::milliseconds)>;

    explicit RetryPolicy(config::RetrySettings settings, Sleeper sleeper = defaultSleeper(),
                         std::uint64_t seed = std::random_device{}());

    // attempt is the number of the attempt that just failed (1 = the first try).
    RetryDecision decide(int mysqlCode, int attempt) const;
    // Exponential backoff with full jitter: uniform in [0, min(max, base * 2^(attempt-1))].
    std::chrono::milliseconds backoff(int attempt);
    void sleepBeforeRetry(int attempt) { sleeper_(backoff(attempt)); }

    static Sleeper defaultSleeper();

private:
    config::RetrySettings settings_;
    Sleeper sleeper_;
    std::mt19937_64 random_;
};

}  // namespace settlement::engine
