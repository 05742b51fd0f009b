#include "config/Settings.h"

#include <Poco/Exception.h>
#include <Poco/Util/AbstractConfiguration.h>

#include "app/ExitCode.h"
#include "util/Date.h"

#ifndef SETTLEMENT_SQL_DIR
#define SETTLEMENT_SQL_DIR "sql"
#endif

namespace settlement::config {
namespace {

int intKey(const Poco::Util::AbstractConfiguration& c, const std::string& key, int fallback,
           int min, int max) {
    int value;
    try {
        value = c.getInt(key, fallback);
    } catch (const Poco::Exception&) {
        throw app::UsageError("config: " + key + " must be a whole number, got '" +
                              c.getString(key, "") + "'");
    }
    if (value < min || value > max)
        throw app::UsageError("config: " + key + " must be between " + std::to_string(min) +
                              " and " + std::to_string(max) + ", got " + std::to_string(value));
    return value;
}

}  // namespace

std::string DatabaseSettings::describe() const {
    std::string where = socket.empty() ? host + ":" + std::to_string(port) : socket;
    return user + "@" + where + "/" + name;
}

Settings Settings::from(const Poco::Util::AbstractConfiguration& c) {
    Settings s;
    s.db.host = c.getString("db.host", s.db.host);
    s.db.port = intKey(c, "db.port", s.db.port, 1, 65535);
    s.db.user = c.getString("db.user", s.db.user);
    s.db.password = c.getString("db.password", "");
    s.db.name = c.getString("db.name", s.db.name);
    s.db.socket = c.getString("db.socket", "");
    s.db.connectTimeoutSec = intKey(c, "db.connect_timeout_sec", s.db.connectTimeoutSec, 1, 600);

    s.retry.maxAttempts = intKey(c, "retry.max_attempts", s.retry.maxAttempts, 1, 100);
    s.retry.baseDelayMs = intKey(c, "retry.base_delay_ms", s.retry.baseDelayMs, 0, 600000);
    s.retry.maxDelayMs = intKey(c, "retry.max_delay_ms", s.retry.maxDelayMs, 0, 600000);

    s.run.threads = intKey(c, "run.threads", s.run.threads, 0, 256);
    s.run.rowsPerRange = intKey(c, "run.rows_per_range", s.run.rowsPerRange, 1, 100000000);
    s.run.maxRanges = intKey(c, "run.max_ranges", s.run.maxRanges, 1, 10000);
    s.run.heartbeatSec = intKey(c, "run.heartbeat_sec", s.run.heartbeatSec, 1, 3600);
    s.run.progressSec = intKey(c, "run.progress_sec", s.run.progressSec, 1, 3600);
    s.run.lockWaitTimeoutSec =
        intKey(c, "run.lock_wait_timeout_sec", s.run.lockWaitTimeoutSec, 1, 3600);
    s.run.jobLockWaitSec = intKey(c, "run.job_lock_wait_sec", s.run.jobLockWaitSec, 0, 86400);
    s.run.orphanWaitSec = intKey(c, "run.orphan_wait_sec", s.run.orphanWaitSec, 1, 86400);

    s.partitions.daysAhead = intKey(c, "partitions.days_ahead", s.partitions.daysAhead, 0, 366);
    s.partitions.retentionDays =
        intKey(c, "partitions.retention_days", s.partitions.retentionDays, 1, 100000);
    s.partitions.archive = c.getBool("partitions.archive", s.partitions.archive);

    s.load.earliestDate = c.getString("load.earliest_date", s.load.earliestDate);
    if (!util::parseDate(s.load.earliestDate))
        throw app::UsageError("config: load.earliest_date must be a date YYYY-MM-DD, got '" + s.load.earliestDate + "'");
    s.load.maxDaysAhead = intKey(c, "load.max_days_ahead", s.load.maxDaysAhead, 0, 36600);

    auto& h = s.http;
    h.listen = c.getString("http.listen", h.listen);
    h.threads = intKey(c, "http.threads", h.threads, 1, 1024);
    h.maxQueued = intKey(c, "http.max_queued", h.maxQueued, 1, 100000);
    h.readTimeoutSec = intKey(c, "http.read_timeout_sec", h.readTimeoutSec, 1, 3600);
    h.keepAliveTimeoutSec = intKey(c, "http.keep_alive_timeout_sec", h.keepAliveTimeoutSec, 1, 3600);
    h.maxKeepAliveRequests = intKey(c, "http.max_keep_alive_requests", h.maxKeepAliveRequests, 1, 1000000);
    h.maxBodyBytes = intKey(c, "http.max_body_bytes", h.maxBodyBytes, 0, 1 << 20);
    h.maxUriBytes = intKey(c, "http.max_uri_bytes", h.maxUriBytes, 256, 16384);
    h.shutdownGraceSec = intKey(c, "http.shutdown_grace_sec", h.shutdownGraceSec, 0, 3600);
    h.jwtSecret = c.getString("http.jwt_secret", "");
    h.jwtPublicKey = c.getString("http.jwt_public_key", "");
    h.jwtIssuer = c.getString("http.jwt_issuer", "");
    h.jwtAudience = c.getString("http.jwt_audience", "");
    h.jwtLeewaySec = intKey(c, "http.jwt_leeway_sec", h.jwtLeewaySec, 0, 3600);
    h.tlsCert = c.getString("http.tls_cert", "");
    h.tlsKey = c.getString("http.tls_key", "");
    if (h.tlsCert.empty() != h.tlsKey.empty())
        throw app::UsageError("config: http.tls_cert and http.tls_key go together: set both for HTTPS, or neither");
    h.maxReplicaLagSec = intKey(c, "http.max_replica_lag_sec", h.maxReplicaLagSec, 0, 86400);
    h.dbPoolSize = intKey(c, "http.db_pool_size", h.dbPoolSize, 1, 1000);
    h.dbPoolWaitMs = intKey(c, "http.db_pool_wait_ms", h.dbPoolWaitMs, 1, 600000);
    h.dbReadTimeoutSec = intKey(c, "http.db_read_timeout_sec", h.dbReadTimeoutSec, 1, 86400);

    s.utcOffset = c.getString("business.utc_offset", s.utcOffset);
    auto minutes = util::parseUtcOffset(s.utcOffset);
    if (!minutes)
        throw app::UsageError("config: business.utc_offset must look like +09:00, got '" +
                              s.utcOffset + "'");
    s.utcOffsetMinutes = *minutes;
    s.sqlDir = c.getString("sql.dir", SETTLEMENT_SQL_DIR);
    return s;
}

}  // namespace settlement::config
