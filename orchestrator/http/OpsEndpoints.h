#pragma once
// The operator's endpoints (SPEC §10): GET /healthz (the process serves), /readyz (the
// database answers; the replica lag check comes with replicas, issue 13), /metrics
// (Prometheus text), and /v1/jobs (the daily job's runs, admin and finance only).
#include "config/Settings.h"
#include "http/MetricsRegistry.h"
#include "http/ReadPool.h"
#include "http/Router.h"

namespace settlement::http {

class OpsEndpoints {
public:
    OpsEndpoints(ReadPool& pool, MetricsRegistry& metrics) : pool_(pool), metrics_(metrics) {}

    Response healthz(const Call& call) const;
    Response readyz(const Call& call) const;
    Response metrics(const Call& call) const;
    Response jobs(const Call& call) const;

private:
    ReadPool& pool_;
    MetricsRegistry& metrics_;
};

}  // namespace settlement::http
