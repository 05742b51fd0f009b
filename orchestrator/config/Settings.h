#pragma once
// Typed settings, read once from Poco's layered configuration:
// flags (highest) <- SETTLEMENT_DB_* environment <- the config file <- built-in defaults.
#include <cstddef>
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
};

struct LoadSettings {
    // A CSV line (record) or field longer than this makes the file malformed at that line,
    // so memory stays bounded whatever the input.
    std::size_t maxLineBytes = 1 << 20;
};

struct PartitionSettings {
    int daysAhead = 7;
    int retentionDays = 400;
    bool archive = false;
};

// The accounts `migrate` grants their privileges to (SPEC §11), "name@host"; "" = none.
struct MigrateSettings {
    std::string batchAccount;
    std::string readerAccount;
};

struct Settings {
    DatabaseSettings db;
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
    {"SETTLEMENT_BATCH_ACCOUNT", "migrate.batch_account"},
    {"SETTLEMENT_READER_ACCOUNT", "migrate.reader_account"},
};

}  // namespace settlement::config
