#pragma once
// The operator's endpoints (SPEC §10): GET /healthz (the process serves), /readyz (the
// database answers and, when serve reads a replica, the replica is at most
// http.max_replica_lag_sec behind the primary), /metrics (Prometheus text), and /v1/jobs
// (the daily job's runs, admin and finance only).
#include <optional>

#include "config/Settings.h"
#include "http/MetricsRegistry.h"
#include "http/ReadPool.h"
#include "http/Router.h"

namespace settlement::http {

class OpsEndpoints {
public:
    // maxReplicaLagSec: set when the pool reads a replica, whose lag then decides readiness.
    OpsEndpoints(ReadPool& pool, MetricsRegistry& metrics, std::optional<int> maxReplicaLagSec)
        : pool_(pool), metrics_(metrics), maxReplicaLagSec_(maxReplicaLagSec) {}

    Response healthz(const Call& call) const;
    Response readyz(const Call& call) const;
    Response metrics(const Call& call) const;
    Response jobs(const Call& call) const;

private:
    ReadPool& pool_;
    MetricsRegistry& metrics_;
    std::optional<int> maxReplicaLagSec_;
};

}  // namespace settlement::http
