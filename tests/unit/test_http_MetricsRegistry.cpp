// http::MetricsRegistry: /metrics in the Prometheus text format, with the figures it counted.
#include <gtest/gtest.h>

#include <cmath>

#include "http/MetricsRegistry.h"
#include "support/PrometheusText.h"

using namespace settlement;
using namespace settlement::test;

namespace {

http::PoolStats pool() { return http::PoolStats{8, 3, 2, 4}; }

http::JobFacts facts() {
    http::JobFacts f;
    f.lastCompletedDate = "2026-11-20";
    f.staleDates = 2;
    f.lastRunMs = 12500;
    f.lastRunState = "COMPLETED";
    return f;
}

}  // namespace

TEST(HttpMetricsRegistry, RendersValidPrometheusTextWithEveryFamily) {
    http::MetricsRegistry metrics;
    metrics.observe("/v1/stats", 200, 0.004);
    metrics.observe("/v1/stats", 200, 0.030);
    metrics.observe("/v1/stats", 401, 0.0001);
    metrics.observe("unmatched", 404, 0.0002);
    metrics.observe("/v1/top", 200, 30.0);  // beyond the last bucket
    auto e = parsePrometheusText(metrics.render(pool(), facts()));
    EXPECT_TRUE(e.errors.empty()) << ::testing::PrintToString(e.errors);
    for (const auto& s : e.samples) EXPECT_EQ(s.name.rfind("settlement_", 0), 0u) << s.name;
    EXPECT_EQ(e.types.at("settlement_http_requests_total"), "counter");
    EXPECT_EQ(e.types.at("settlement_http_request_duration_seconds"), "histogram");
    EXPECT_EQ(e.value("settlement_http_requests_total", {{"path", "/v1/stats"}, {"status", "200"}}), 2);
    EXPECT_EQ(e.value("settlement_http_requests_total", {{"path", "/v1/stats"}, {"status", "401"}}), 1);
    EXPECT_EQ(e.value("settlement_http_requests_total", {{"path", "unmatched"}, {"status", "404"}}), 1);
    EXPECT_EQ(e.value("settlement_db_pool_size"), 8);
    EXPECT_EQ(e.value("settlement_db_pool_connections_open"), 3);
    EXPECT_EQ(e.value("settlement_db_pool_connections_in_use"), 2);
    EXPECT_EQ(e.value("settlement_db_pool_wait_timeouts_total"), 4);
    EXPECT_EQ(e.value("settlement_database_up"), 1);
    EXPECT_EQ(e.value("settlement_last_completed_date_timestamp_seconds"), 1795132800);  // 2026-11-20T00:00Z
    EXPECT_EQ(e.value("settlement_stale_dates"), 2);
    EXPECT_EQ(e.value("settlement_last_run_duration_seconds"), 12.5);
    EXPECT_EQ(e.value("settlement_last_run_success"), 1);
    EXPECT_EQ(e.value("settlement_http_requests_in_flight"), 0);
}

TEST(HttpMetricsRegistry, HistogramBucketsAreCumulativeAndEndAtTheCount) {
    http::MetricsRegistry metrics;
    metrics.observe("/v1/top", 200, 0.0005);  // <= 0.001
    metrics.observe("/v1/top", 200, 0.003);   // <= 0.005
    metrics.observe("/v1/top", 200, 0.003);
    metrics.observe("/v1/top", 503, 20);      // +Inf only
    auto e = parsePrometheusText(metrics.render(pool(), std::nullopt));
    ASSERT_TRUE(e.errors.empty()) << ::testing::PrintToString(e.errors);
    auto bucket = [&](const char* le) {
        return e.value("settlement_http_request_duration_seconds_bucket", {{"path", "/v1/top"}, {"le", le}});
    };
    EXPECT_EQ(bucket("0.001"), 1);
    EXPECT_EQ(bucket("0.0025"), 1);
    EXPECT_EQ(bucket("0.005"), 3);
    EXPECT_EQ(bucket("10"), 3);
    EXPECT_EQ(bucket("+Inf"), 4);
    EXPECT_EQ(e.value("settlement_http_request_duration_seconds_count", {{"path", "/v1/top"}}), 4);
    EXPECT_NEAR(e.value("settlement_http_request_duration_seconds_sum", {{"path", "/v1/top"}}), 20.0065, 1e-9);
    double previous = 0;
    for (const auto& s : e.samples)
        if (s.name == "settlement_http_request_duration_seconds_bucket") {
            EXPECT_GE(s.value, previous) << s.labels.at("le");
            previous = s.value;
        }
}

TEST(HttpMetricsRegistry, WithoutTheDatabaseSaysSoAndLeavesOutTheJobFigures) {
    http::MetricsRegistry metrics;
    metrics.started();
    auto e = parsePrometheusText(metrics.render(pool(), std::nullopt));
    EXPECT_TRUE(e.errors.empty()) << ::testing::PrintToString(e.errors);
    EXPECT_EQ(e.value("settlement_database_up"), 0);
    EXPECT_EQ(e.value("settlement_http_requests_in_flight"), 1);
    EXPECT_TRUE(std::isnan(e.value("settlement_stale_dates")));
    EXPECT_TRUE(std::isnan(e.value("settlement_last_completed_date_timestamp_seconds")));
    http::JobFacts empty;  // a database before its first run
    auto first = parsePrometheusText(metrics.render(pool(), empty));
    EXPECT_TRUE(first.errors.empty());
    EXPECT_EQ(first.value("settlement_stale_dates"), 0);
    EXPECT_TRUE(std::isnan(first.value("settlement_last_run_duration_seconds")));
}

TEST(HttpMetricsRegistry, ReplicaLagOnlyWhenServeReadsAReplicaAndInfiniteWithoutAHeartbeat) {
    http::MetricsRegistry metrics;
    auto primary = parsePrometheusText(metrics.render(pool(), facts()));
    EXPECT_TRUE(std::isnan(primary.value("settlement_replica_lag_seconds")));
    replication::ReplicaLag lag;
    lag.seconds = 0.25;
    auto replica = parsePrometheusText(metrics.render(pool(), facts(), lag));
    EXPECT_TRUE(replica.errors.empty()) << ::testing::PrintToString(replica.errors);
    EXPECT_EQ(replica.types["settlement_replica_lag_seconds"], "gauge");
    EXPECT_DOUBLE_EQ(replica.value("settlement_replica_lag_seconds"), 0.25);
    auto none = parsePrometheusText(metrics.render(pool(), facts(), replication::ReplicaLag{}));
    EXPECT_TRUE(none.errors.empty()) << ::testing::PrintToString(none.errors);
    EXPECT_EQ(none.value("settlement_replica_lag_seconds"), INFINITY);
}

TEST(HttpMetricsRegistry, TheTestReaderRefusesWhatIsNotTheFormat) {
    // The reader the /metrics tests rely on must be able to fail.
    EXPECT_FALSE(parsePrometheusText("settlement_x 1\n").errors.empty());                          // no TYPE
    EXPECT_FALSE(parsePrometheusText("# TYPE settlement_x gauge\nsettlement_x one\n").errors.empty());
    EXPECT_FALSE(parsePrometheusText("# TYPE settlement_x gauge\nsettlement_x{a=\"b} 1\n").errors.empty());
    EXPECT_FALSE(parsePrometheusText("# TYPE settlement_x gauge\nsettlement-x 1\n").errors.empty());
    EXPECT_FALSE(parsePrometheusText("# TYPE settlement_x gauge\nsettlement_x 1").errors.empty());  // no newline
    EXPECT_FALSE(parsePrometheusText("# TYPE settlement_x bogus\n").errors.empty());
    EXPECT_TRUE(parsePrometheusText("# TYPE settlement_x gauge\nsettlement_x{a=\"q\\\"\"} +Inf\n").errors.empty());
}
