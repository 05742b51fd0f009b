#pragma once
// What /metrics exposes (SPEC §10), in the Prometheus text exposition format 0.0.4, every
// name prefixed settlement_: requests by path and status, a request-duration histogram per
// path, requests in flight, the read pool's use, and the daily job's state (last completed
// date, stale dates, the last run's duration) as the database reported it for this scrape,
// and the replica's lag when serve reads a replica.
#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "http/ReadPool.h"
#include "replication/ReplicaLag.h"

namespace settlement::http {

// One row of report_job_facts; absent when the database did not answer.
struct JobFacts {
    std::optional<std::string> lastCompletedDate;  // YYYY-MM-DD
    long long staleDates = 0;
    std::optional<long long> lastRunMs;
    std::optional<std::string> lastRunState;      // COMPLETED, FAILED
};

class MetricsRegistry {
public:
    // Upper bounds of the duration buckets, in seconds (+Inf is implied).
    static constexpr std::array<double, 12> kBuckets{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                     0.1,   0.25,   0.5,   1,    2.5,   10};

    // `path` is a route's path or "unmatched", so the label has a handful of values.
    void observe(const std::string& path, int status, double seconds);
    void started() { ++inFlight_; }
    void finished() { --inFlight_; }

    // replicaLag: absent when serve reads the primary (or the replica did not answer).
    std::string render(const PoolStats& pool, const std::optional<JobFacts>& facts,
                       const std::optional<replication::ReplicaLag>& replicaLag = std::nullopt) const;

private:
    struct Histogram {
        std::array<std::uint64_t, kBuckets.size()> counts{};  // per bucket, not cumulative
        std::uint64_t count = 0;
        double sum = 0;
    };

    mutable std::mutex mutex_;
    std::map<std::pair<std::string, int>, std::uint64_t> requests_;
    std::map<std::string, Histogram> durations_;
    std::atomic<int> inFlight_{0};
};

}  // namespace settlement::http
