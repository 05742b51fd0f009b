#include "config/Settings.h"

#include <Poco/Exception.h>
#include <Poco/Util/AbstractConfiguration.h>

#include "app/ExitCode.h"
#include "config/Keys.h"
#include "util/Date.h"

#ifndef SETTLEMENT_SQL_DIR
#define SETTLEMENT_SQL_DIR "sql"
#endif

namespace settlement::config {
namespace {

// The value of an Integer key of config/Keys.cpp, within the range its row gives. The
// config file was checked line by line already; this catches the environment and flags.
int intKey(const Poco::Util::AbstractConfiguration& c, const std::string& key, int fallback) {
    const KeySpec& spec = keySpec(key);
    if (!c.hasProperty(key)) return fallback;
    std::string text = c.getString(key);
    std::string problem = checkValue(spec, text);
    if (!problem.empty()) throw app::UsageError("config: " + problem);
    return std::stoi(text);
}

// A Text key's value, `fallback` when it is absent or empty (`db.read.user =`).
std::string textOr(const Poco::Util::AbstractConfiguration& c, const std::string& key, const std::string& fallback) {
    std::string value = c.getString(key, "");
    return value.empty() ? fallback : value;
}

// The replica of db.read.*, when db.read.host or db.read.socket names one. Same database
// name; the rest defaults to the primary's, so one reader account may serve both.
std::optional<DatabaseSettings> replicaFrom(const Poco::Util::AbstractConfiguration& c, const DatabaseSettings& primary) {
    std::string host = c.getString("db.read.host", "");
    std::string socket = c.getString("db.read.socket", "");
    if (host.empty() && socket.empty()) return std::nullopt;
    DatabaseSettings replica = primary;
    replica.host = host.empty() ? "localhost" : host;
    replica.socket = socket;
    replica.port = c.getString("db.read.port", "").empty() ? primary.port : intKey(c, "db.read.port", primary.port);
    replica.user = textOr(c, "db.read.user", primary.user);
    replica.password = textOr(c, "db.read.password", primary.password);
    return replica;
}

}  // namespace

std::string DatabaseSettings::describe() const {
    std::string where = socket.empty() ? host + ":" + std::to_string(port) : socket;
    return user + "@" + where + "/" + name;
}

Settings Settings::from(const Poco::Util::AbstractConfiguration& c) {
    Settings s;
    s.db.host = c.getString("db.host", s.db.host);
    s.db.port = intKey(c, "db.port", s.db.port);
    s.db.user = c.getString("db.user", s.db.user);
    s.db.password = c.getString("db.password", "");
    s.db.name = c.getString("db.name", s.db.name);
    s.db.socket = c.getString("db.socket", "");
    s.db.connectTimeoutSec = intKey(c, "db.connect_timeout_sec", s.db.connectTimeoutSec);
    s.db.serverTimeoutSec = intKey(c, "db.server_timeout_sec", s.db.serverTimeoutSec);
    s.replica = replicaFrom(c, s.db);
    s.heartbeat.intervalMs = intKey(c, "heartbeat.interval_ms", s.heartbeat.intervalMs);

    s.retry.maxAttempts = intKey(c, "retry.max_attempts", s.retry.maxAttempts);
    s.retry.baseDelayMs = intKey(c, "retry.base_delay_ms", s.retry.baseDelayMs);
    s.retry.maxDelayMs = intKey(c, "retry.max_delay_ms", s.retry.maxDelayMs);

    s.run.threads = intKey(c, "run.threads", s.run.threads);
    s.run.rowsPerRange = intKey(c, "run.rows_per_range", s.run.rowsPerRange);
    s.run.maxRanges = intKey(c, "run.max_ranges", s.run.maxRanges);
    s.run.heartbeatSec = intKey(c, "run.heartbeat_sec", s.run.heartbeatSec);
    s.run.progressSec = intKey(c, "run.progress_sec", s.run.progressSec);
    s.run.lockWaitTimeoutSec =
        intKey(c, "run.lock_wait_timeout_sec", s.run.lockWaitTimeoutSec);
    s.run.jobLockWaitSec = intKey(c, "run.job_lock_wait_sec", s.run.jobLockWaitSec);
    s.run.orphanWaitSec = intKey(c, "run.orphan_wait_sec", s.run.orphanWaitSec);

    s.load.maxLineBytes = static_cast<std::size_t>(intKey(c, "load.max_line_bytes", int(s.load.maxLineBytes)));

    s.migrate.batchAccount = c.getString("migrate.batch_account", "");
    s.migrate.readerAccount = c.getString("migrate.reader_account", "");

    s.partitions.daysAhead = intKey(c, "partitions.days_ahead", s.partitions.daysAhead);
    s.partitions.retentionDays =
        intKey(c, "partitions.retention_days", s.partitions.retentionDays);
    s.partitions.archive = c.getBool("partitions.archive", s.partitions.archive);

    s.load.earliestDate = c.getString("load.earliest_date", s.load.earliestDate);
    if (std::string problem = checkValue(keySpec("load.earliest_date"), s.load.earliestDate); !problem.empty())
        throw app::UsageError("config: " + problem);
    s.load.maxDaysAhead = intKey(c, "load.max_days_ahead", s.load.maxDaysAhead);

    auto& h = s.http;
    h.listen = c.getString("http.listen", h.listen);
    h.threads = intKey(c, "http.threads", h.threads);
    h.maxQueued = intKey(c, "http.max_queued", h.maxQueued);
    h.readTimeoutSec = intKey(c, "http.read_timeout_sec", h.readTimeoutSec);
    h.keepAliveTimeoutSec = intKey(c, "http.keep_alive_timeout_sec", h.keepAliveTimeoutSec);
    h.maxKeepAliveRequests = intKey(c, "http.max_keep_alive_requests", h.maxKeepAliveRequests);
    h.maxBodyBytes = intKey(c, "http.max_body_bytes", h.maxBodyBytes);
    h.maxUriBytes = intKey(c, "http.max_uri_bytes", h.maxUriBytes);
    h.shutdownGraceSec = intKey(c, "http.shutdown_grace_sec", h.shutdownGraceSec);
    h.jwtSecret = c.getString("http.jwt_secret", "");
    h.jwtPublicKey = c.getString("http.jwt_public_key", "");
    h.jwtIssuer = c.getString("http.jwt_issuer", "");
    h.jwtAudience = c.getString("http.jwt_audience", "");
    h.jwtLeewaySec = intKey(c, "http.jwt_leeway_sec", h.jwtLeewaySec);
    h.tlsCert = c.getString("http.tls_cert", "");
    h.tlsKey = c.getString("http.tls_key", "");
    if (h.tlsCert.empty() != h.tlsKey.empty())
        throw app::UsageError("config: http.tls_cert and http.tls_key go together: set both for HTTPS, or neither");
    h.maxReplicaLagSec = intKey(c, "http.max_replica_lag_sec", h.maxReplicaLagSec);
    h.dbPoolSize = intKey(c, "http.db_pool_size", h.dbPoolSize);
    h.dbPoolWaitMs = intKey(c, "http.db_pool_wait_ms", h.dbPoolWaitMs);
    h.dbReadTimeoutSec = intKey(c, "http.db_read_timeout_sec", h.dbReadTimeoutSec);
    h.dashboardDir = c.getString("http.dashboard_dir", SETTLEMENT_WEB_DIR);

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
