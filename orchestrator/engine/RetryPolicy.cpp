#include "engine/RetryPolicy.h"

#include <algorithm>
#include <thread>

#include "db/DatabaseError.h"

namespace settlement::engine {

RetryPolicy::RetryPolicy(config::RetrySettings settings, Sleeper sleeper, std::uint64_t seed)
    : settings_(settings), sleeper_(std::move(sleeper)), random_(seed) {}

RetryDecision RetryPolicy::decide(int mysqlCode, int attempt) const {
    if (attempt >= settings_.maxAttempts) return RetryDecision::Fail;
    if (db::isLockConflict(mysqlCode)) return RetryDecision::Retry;
    if (db::isReconnectable(mysqlCode)) return RetryDecision::ReconnectAndRetry;
    return RetryDecision::Fail;
}

std::chrono::milliseconds RetryPolicy::backoff(int attempt) {
    long long cap = settings_.baseDelayMs;
    for (int i = 1; i < attempt && cap < settings_.maxDelayMs; ++i) cap *= 2;
    cap = std::min<long long>(cap, settings_.maxDelayMs);
    std::uniform_int_distribution<long long> jitter(0, std::max<long long>(cap, 0));
    return std::chrono::milliseconds(jitter(random_));
}

RetryPolicy::Sleeper RetryPolicy::defaultSleeper() {
    return [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
}

}  // namespace settlement::engine
