#include "db/ServerWatchdog.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "db/Connection.h"
#include "db/DatabaseError.h"

namespace settlement::db {

ServerWatchdog::ServerWatchdog(config::DatabaseSettings settings, std::chrono::seconds timeout, OnSilence onSilence)
    : settings_(std::move(settings)), timeout_(timeout), onSilence_(std::move(onSilence)),
      lastAnswer_(Clock::now().time_since_epoch().count()) {
    pinger_ = std::thread([this] { pingLoop(); });
    judge_ = std::thread([this] { judgeLoop(); });
}

ServerWatchdog::~ServerWatchdog() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stop_ = true;
    }
    stopped_.notify_all();
    judge_.join();
    // A ping in flight ends within its read timeout; a connect within db.connect_timeout_sec.
    pinger_.join();
}

double ServerWatchdog::silentForSec() const {
    auto last = Clock::time_point(Clock::duration(lastAnswer_.load()));
    return std::chrono::duration<double>(Clock::now() - last).count();
}

bool ServerWatchdog::sleepFor(std::chrono::milliseconds d) {
    std::unique_lock<std::mutex> lock(mutex_);
    return !stopped_.wait_for(lock, d, [this] { return stop_; });
}

void ServerWatchdog::pingLoop() {
    auto interval = std::chrono::milliseconds(std::clamp<long long>(timeout_.count() * 250, 1000, 5000));
    // Each wait for an answer is bounded, so a lost server is retried with a new connection;
    // the judge does not depend on it, it only reads when the last answer came.
    int readTimeout = static_cast<int>(std::clamp<long long>(timeout_.count() / 4, 1, 5));
    std::unique_ptr<Connection> connection;
    do {
        try {
            if (!connection) connection = Connection::open(settings_, readTimeout);
            connection->execute("DO 1");
            lastAnswer_ = Clock::now().time_since_epoch().count();
        } catch (const std::exception& e) {
            spdlog::debug("watchdog: no answer from {}: {}", settings_.describe(), e.what());
            connection.reset();
        }
    } while (sleepFor(interval));
}

void ServerWatchdog::judgeLoop() {
    while (sleepFor(std::chrono::seconds(1))) {
        double silent = silentForSec();
        if (silent < static_cast<double>(timeout_.count())) continue;
        onSilence_("the database server " + settings_.describe() + " has not answered for " +
                   std::to_string(static_cast<long long>(silent)) + " s (db.server_timeout_sec = " +
                   std::to_string(timeout_.count()) + ")");
        return;
    }
}

}  // namespace settlement::db
