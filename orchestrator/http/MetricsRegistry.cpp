#include "http/MetricsRegistry.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "util/Date.h"

namespace settlement::http {
namespace {

// A label value with \, " and newlines escaped, as the exposition format wants.
std::string label(const std::string& value) {
    std::string out;
    for (char c : value) {
        if (c == '\\') out += "\\\\";
        else if (c == '"') out += "\\\"";
        else if (c == '\n') out += "\\n";
        else out += c;
    }
    return out;
}

std::string number(double value) {
    if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";  // the exposition format's spelling
    return fmt::format("{}", value);
}

void header(std::string& out, const char* name, const char* type, const char* help) {
    out += fmt::format("# HELP settlement_{} {}\n# TYPE settlement_{} {}\n", name, help, name, type);
}

void gauge(std::string& out, const char* name, const char* help, double value) {
    header(out, name, "gauge", help);
    out += fmt::format("settlement_{} {}\n", name, number(value));
}

void jobGauges(std::string& out, const JobFacts& facts) {
    if (facts.lastCompletedDate)
        if (auto date = util::parseDate(*facts.lastCompletedDate))
            gauge(out, "last_completed_date_timestamp_seconds",
                  "Latest business date with a completed daily run, as 00:00 UTC of that date.",
                  static_cast<double>(std::chrono::duration_cast<std::chrono::seconds>(date->time_since_epoch()).count()));
    gauge(out, "stale_dates", "Processed dates that received events after their run (restated by the next run).",
          static_cast<double>(facts.staleDates));
    if (facts.lastRunMs)
        gauge(out, "last_run_duration_seconds", "Duration of the daily run that finished last.",
              static_cast<double>(*facts.lastRunMs) / 1000.0);
    if (facts.lastRunState)
        gauge(out, "last_run_success", "1 when the daily run that finished last completed, 0 when it failed.",
              *facts.lastRunState == "COMPLETED" ? 1 : 0);
}

}  // namespace

void MetricsRegistry::observe(const std::string& path, int status, double seconds) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++requests_[{path, status}];
    Histogram& h = durations_[path];
    ++h.count;
    h.sum += seconds;
    for (std::size_t i = 0; i < kBuckets.size(); ++i)
        if (seconds <= kBuckets[i]) {
            ++h.counts[i];
            break;
        }
}

std::string MetricsRegistry::render(const PoolStats& pool, const std::optional<JobFacts>& facts,
                                    const std::optional<replication::ReplicaLag>& replicaLag) const {
    std::string out;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        header(out, "http_requests_total", "counter", "HTTP requests answered, by route path and status.");
        for (const auto& [key, count] : requests_)
            out += fmt::format("settlement_http_requests_total{{path=\"{}\",status=\"{}\"}} {}\n", label(key.first),
                               key.second, count);
        header(out, "http_request_duration_seconds", "histogram", "Time from request to response, by route path.");
        for (const auto& [path, h] : durations_) {
            std::uint64_t cumulative = 0;
            for (std::size_t i = 0; i < kBuckets.size(); ++i) {
                cumulative += h.counts[i];
                out += fmt::format("settlement_http_request_duration_seconds_bucket{{path=\"{}\",le=\"{}\"}} {}\n",
                                   label(path), number(kBuckets[i]), cumulative);
            }
            out += fmt::format("settlement_http_request_duration_seconds_bucket{{path=\"{}\",le=\"+Inf\"}} {}\n",
                               label(path), h.count);
            out += fmt::format("settlement_http_request_duration_seconds_sum{{path=\"{}\"}} {}\n", label(path),
                               number(h.sum));
            out += fmt::format("settlement_http_request_duration_seconds_count{{path=\"{}\"}} {}\n", label(path),
                               h.count);
        }
    }
    gauge(out, "http_requests_in_flight", "Requests being answered now.", inFlight_.load());
    gauge(out, "db_pool_size", "Bound of the read connection pool.", pool.size);
    gauge(out, "db_pool_connections_open", "Read connections open now.", pool.open);
    gauge(out, "db_pool_connections_in_use", "Read connections lent to a request now.", pool.inUse);
    header(out, "db_pool_wait_timeouts_total", "counter", "Requests that found no read connection free in time (503).");
    out += fmt::format("settlement_db_pool_wait_timeouts_total {}\n", pool.waitTimeouts);
    gauge(out, "database_up", "1 when the database answered this scrape.", facts ? 1 : 0);
    if (facts) jobGauges(out, *facts);
    // No heartbeat on the replica: +Inf, so that an alert on `lag > N` fires.
    if (replicaLag)
        gauge(out, "replica_lag_seconds",
              "Seconds the replica serve reads is behind the primary, from the replicated heartbeat (+Inf: none).",
              replicaLag->seconds.value_or(std::numeric_limits<double>::infinity()));
    return out;
}

}  // namespace settlement::http
