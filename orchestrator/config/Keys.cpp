#include "config/Keys.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <stdexcept>
#include <vector>

#include "util/Date.h"

namespace settlement::config {
namespace {

using T = ValueType;

constexpr KeySpec kKeys[] = {
    {"db.host", T::Text},
    {"db.port", T::Integer, 1, 65535},
    {"db.user", T::Text},
    {"db.password", T::Text},
    {"db.name", T::Text},
    {"db.socket", T::Text},
    {"db.connect_timeout_sec", T::Integer, 1, 600},
    {"db.server_timeout_sec", T::Integer, 0, 86400},
    {"db.read.host", T::Text},
    {"db.read.port", T::Integer, 1, 65535},
    {"db.read.user", T::Text},
    {"db.read.password", T::Text},
    {"db.read.socket", T::Text},

    {"heartbeat.interval_ms", T::Integer, 50, 60000},

    {"business.utc_offset", T::UtcOffset},

    {"run.threads", T::Integer, 0, 256},
    {"run.rows_per_range", T::Integer, 1, 100000000},
    {"run.max_ranges", T::Integer, 1, 10000},
    {"run.heartbeat_sec", T::Integer, 1, 3600},
    {"run.progress_sec", T::Integer, 1, 3600},
    {"run.lock_wait_timeout_sec", T::Integer, 1, 3600},
    {"run.job_lock_wait_sec", T::Integer, 0, 86400},
    {"run.orphan_wait_sec", T::Integer, 1, 86400},

    {"retry.max_attempts", T::Integer, 1, 100},
    {"retry.base_delay_ms", T::Integer, 0, 600000},
    {"retry.max_delay_ms", T::Integer, 0, 600000},

    {"load.max_line_bytes", T::Integer, 64, 1073741824},
    {"load.earliest_date", T::Date},
    {"load.max_days_ahead", T::Integer, 0, 36600},

    {"http.listen", T::Text},
    {"http.threads", T::Integer, 1, 1024},
    {"http.max_queued", T::Integer, 1, 100000},
    {"http.read_timeout_sec", T::Integer, 1, 3600},
    {"http.keep_alive_timeout_sec", T::Integer, 1, 3600},
    {"http.max_keep_alive_requests", T::Integer, 1, 1000000},
    {"http.max_body_bytes", T::Integer, 0, 1048576},
    {"http.max_uri_bytes", T::Integer, 256, 16384},
    {"http.shutdown_grace_sec", T::Integer, 0, 3600},
    {"http.jwt_secret", T::Text},
    {"http.jwt_public_key", T::Text},
    {"http.jwt_issuer", T::Text},
    {"http.jwt_audience", T::Text},
    {"http.jwt_leeway_sec", T::Integer, 0, 3600},
    {"http.tls_cert", T::Text},
    {"http.tls_key", T::Text},
    {"http.max_replica_lag_sec", T::Integer, 0, 86400},
    {"http.db_pool_size", T::Integer, 1, 1000},
    {"http.db_pool_wait_ms", T::Integer, 1, 600000},
    {"http.db_read_timeout_sec", T::Integer, 1, 86400},
    {"http.dashboard_dir", T::Text},

    {"partitions.days_ahead", T::Integer, 0, 366},
    {"partitions.retention_days", T::Integer, 1, 100000},
    {"partitions.archive", T::Boolean},

    {"migrate.batch_account", T::Text},
    {"migrate.reader_account", T::Text},

    {"sql.dir", T::Text},

    {"log.file", T::Text},
    {"log.level", T::LogLevel},
};

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return text;
}

std::size_t editDistance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

}  // namespace

std::span<const KeySpec> knownKeys() { return kKeys; }

const KeySpec* findKey(std::string_view name) {
    for (const auto& k : kKeys)
        if (k.name == name) return &k;
    return nullptr;
}

const KeySpec& keySpec(std::string_view name) {
    if (const auto* k = findKey(name)) return *k;
    throw std::logic_error("configuration key " + std::string(name) + " is missing from config/Keys.cpp");
}

std::string checkValue(const KeySpec& spec, const std::string& value) {
    std::string key(spec.name);
    switch (spec.type) {
        case ValueType::Text:
            return "";
        case ValueType::Integer: {
            long long n = 0;
            auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
            if (value.empty() || ec != std::errc() || end != value.data() + value.size() || n < spec.min ||
                n > spec.max)
                return key + " must be a whole number from " + std::to_string(spec.min) + " to " +
                       std::to_string(spec.max) + ", got '" + value + "'";
            return "";
        }
        case ValueType::Boolean: {
            static const std::array<const char*, 8> words{"true", "false", "yes", "no", "on", "off", "1", "0"};
            std::string v = lower(value);
            if (std::find(words.begin(), words.end(), v) != words.end()) return "";
            return key + " must be true or false, got '" + value + "'";
        }
        case ValueType::Date:
            if (util::parseDate(value)) return "";
            return key + " must be a date YYYY-MM-DD, got '" + value + "'";
        case ValueType::UtcOffset:
            if (util::parseUtcOffset(value)) return "";
            return key + " must be an offset from UTC like +09:00, got '" + value + "'";
        case ValueType::LogLevel: {
            static const std::array<const char*, 6> levels{"trace", "debug", "info", "warn", "error", "off"};
            if (std::find(levels.begin(), levels.end(), value) != levels.end()) return "";
            return key + " must be trace, debug, info, warn, error or off, got '" + value + "'";
        }
    }
    return "";
}

std::string closestKey(std::string_view name) {
    std::string best;
    std::size_t bestDistance = 4;  // further than 3 edits is no suggestion
    for (const auto& k : kKeys) {
        std::size_t d = editDistance(name, k.name);
        if (d < bestDistance) {
            bestDistance = d;
            best = std::string(k.name);
        }
    }
    return best;
}

}  // namespace settlement::config
