#pragma once
// Typed settings, read once from Poco's layered configuration:
// flags (highest) <- SETTLEMENT_DB_* environment <- the config file <- built-in defaults.
#include <cstddef>
#include <optional>
#include <string>

namespace Poco::Util { class AbstractConfiguration; }

namespace settlement::config {

struct DatabaseSettings {
    std::string host = "127.0.0.1";
    int port = 3306;
    std::string user = "settlement";
    std::string password;  // never logged: use describe()
    std::string name = "settlement";
    std::string socket;
    int connectTimeoutSec = 5;
    // Seconds a statement's answer may take before the client gives up (error 2013); 0 = no
    // limit. The batch leaves it 0 (a range may legitimately run long); serve sets it.
    int readTimeoutSec = 0;
    // A command that writes (migrate, load, run, partitions) ends with exit 75 when the
    // server has not answered a ping on a connection of its own for this long (0: never).
    // See db/ServerWatchdog.h.
    int serverTimeoutSec = 60;

    // "user@host:port/name" or "user@socket/name", without the password.
    std::string describe() const;
};

struct RetrySettings {
    int maxAttempts = 5;       // per range, first try included
    int baseDelayMs = 100;     // backoff: base * 2^(attempt-1), with full jitter
    int maxDelayMs = 5000;
};

struct RunSettings {
    int threads = 0;           // 0 = number of cores
    int rowsPerRange = 250000; // target log rows per range
    int maxRanges = 64;
    int heartbeatSec = 5;
    int progressSec = 2;
    int lockWaitTimeoutSec = 10;  // innodb_lock_wait_timeout of worker sessions
    int jobLockWaitSec = 600;  // wait for another date's run of the job
    int orphanWaitSec = 120;   // wait for the sessions a killed run left to end
};

struct PartitionSettings {
    int daysAhead = 7;
    int retentionDays = 400;
    bool archive = false;
};

// The accepted date window of events and runs (SPEC 4); migrate writes it to the setting
// table, where the procedures read it.
struct LoadSettings {
    std::string earliestDate = "2000-01-01";
    int maxDaysAhead = 366;
    // A CSV line (record) or field longer than this makes the file malformed at that line,
    // so memory stays bounded whatever the input.
    std::size_t maxLineBytes = 1 << 20;
};

// The accounts `migrate` grants their privileges to (SPEC §11), "name@host"; "" = none.
struct MigrateSettings {
    std::string batchAccount;
    std::string readerAccount;
};

// `settlement serve` and `settlement token` (SPEC §10). Secrets are never logged.
struct HttpSettings {
    std::string listen = "127.0.0.1:8080";
    int threads = 16;                // request threads (the bounded pool)
    int maxQueued = 64;              // accepted connections waiting for a thread; more are refused
    int readTimeoutSec = 10;         // a client that sends nothing for this long is dropped
    int keepAliveTimeoutSec = 5;     // an idle keep-alive connection is closed after this
    int maxKeepAliveRequests = 1000; // requests on one connection, then it is closed
    int maxBodyBytes = 8192;         // a larger request body is 413 (every endpoint is GET)
    int maxUriBytes = 4096;          // a longer request target is 413
    int shutdownGraceSec = 30;       // SIGTERM: requests in flight get this long to finish
    std::string jwtSecret;           // HS256 key, at least 32 bytes (SETTLEMENT_JWT_SECRET)
    std::string jwtPublicKey;        // PEM file of an RSA public key: tokens are RS256
    std::string jwtIssuer;           // checked against `iss` when set
    std::string jwtAudience;         // checked against `aud` when set
    int jwtLeewaySec = 30;           // clock skew allowed on exp and nbf
    std::string tlsCert;             // PEM certificate (chain): HTTPS when set with tlsKey
    std::string tlsKey;              // PEM private key
    int maxReplicaLagSec = 5;        // a replica further behind: /readyz 503, `report` warns
    int dbPoolSize = 8;              // read connections shared by the request threads
    int dbPoolWaitMs = 2000;         // a request waits this long for one, then gets 503
    int dbReadTimeoutSec = 30;       // a statement that answers later fails (503)
    std::string dashboardDir;        // the dashboard's files (web/ of the source tree by default)
};

// `settlement heartbeat` (SPEC §11): how often it writes the heartbeat row on the primary.
struct HeartbeatSettings {
    int intervalMs = 1000;
};

struct Settings {
    DatabaseSettings db;  // the primary: every command that writes, and `report --primary`
    // db.read.*: the replica `report` and `serve` read (SPEC §11), set when db.read.host or
    // db.read.socket is; port, user and password default to the primary's.
    std::optional<DatabaseSettings> replica;
    HeartbeatSettings heartbeat;
    HttpSettings http;
    RetrySettings retry;
    RunSettings run;
    LoadSettings load;
    MigrateSettings migrate;
    PartitionSettings partitions;
    std::string utcOffset = "+09:00";
    int utcOffsetMinutes = 540;
    std::string sqlDir;

    // Throws app::UsageError naming the key when a value is malformed.
    static Settings from(const Poco::Util::AbstractConfiguration& config);
};

// Environment variables of SPEC §8 and the keys they override.
struct EnvOverride {
    const char* variable;
    const char* key;
};
inline constexpr EnvOverride kEnvOverrides[] = {
    {"SETTLEMENT_DB_HOST", "db.host"},         {"SETTLEMENT_DB_PORT", "db.port"},
    {"SETTLEMENT_DB_USER", "db.user"},         {"SETTLEMENT_DB_PASSWORD", "db.password"},
    {"SETTLEMENT_DB_NAME", "db.name"},         {"SETTLEMENT_DB_SOCKET", "db.socket"},
    {"SETTLEMENT_READ_DB_HOST", "db.read.host"}, {"SETTLEMENT_READ_DB_PORT", "db.read.port"},
    {"SETTLEMENT_READ_DB_USER", "db.read.user"}, {"SETTLEMENT_READ_DB_PASSWORD", "db.read.password"},
    {"SETTLEMENT_READ_DB_SOCKET", "db.read.socket"},
    {"SETTLEMENT_JWT_SECRET", "http.jwt_secret"},
    {"SETTLEMENT_BATCH_ACCOUNT", "migrate.batch_account"},
    {"SETTLEMENT_READER_ACCOUNT", "migrate.reader_account"},
};

}  // namespace settlement::config
