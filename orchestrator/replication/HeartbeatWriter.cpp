#include "replication/HeartbeatWriter.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <ctime>

#include "db/DatabaseError.h"

namespace settlement::replication {

HeartbeatWriter::HeartbeatWriter(config::DatabaseSettings primary, std::chrono::milliseconds interval)
    : primary_(std::move(primary)), interval_(interval) {
    // A frozen primary must not hold a beat for ever: a few intervals, at least 2 s.
    auto seconds = std::chrono::duration_cast<std::chrono::seconds>(interval_ * 3).count();
    primary_.readTimeoutSec = static_cast<int>(std::max<long long>(2, seconds));
    primary_.connectTimeoutSec = std::min(primary_.connectTimeoutSec, primary_.readTimeoutSec);
}

HeartbeatWriter::~HeartbeatWriter() = default;

bool HeartbeatWriter::beat() {
    try {
        if (!connection_) connection_ = db::Connection::open(primary_);
        connection_->execute("CALL write_replication_heartbeat()");
    } catch (const db::DatabaseError& e) {
        connection_.reset();  // whatever went wrong, the next beat starts on a new connection
        if (e.code() == app::kUsage) throw;
        if (failures_++ == 0)
            spdlog::warn("heartbeat: the primary {} did not take a beat ({}); retrying every {} ms",
                         primary_.describe(), e.what(), interval_.count());
        return false;
    }
    if (failures_ > 0)
        spdlog::info("heartbeat: beating again on {} after {} failed beat(s)", primary_.describe(), failures_);
    failures_ = 0;
    return true;
}

void HeartbeatWriter::run(const sigset_t& stopSignals) {
    auto next = std::chrono::steady_clock::now();
    for (;;) {
        beat();
        // The next beat is one interval after the last one was due, not after it finished,
        // so the beats do not drift; after a long failure the schedule restarts from now.
        next += interval_;
        auto now = std::chrono::steady_clock::now();
        if (next < now) next = now;
        auto wait = std::chrono::duration_cast<std::chrono::nanoseconds>(next - now).count();
        timespec timeout{static_cast<time_t>(wait / 1000000000), static_cast<long>(wait % 1000000000)};
        int signal = sigtimedwait(&stopSignals, nullptr, &timeout);
        if (signal > 0) {
            spdlog::info("heartbeat: {} received; stopping", signal == SIGTERM ? "SIGTERM" : "SIGINT");
            return;
        }
    }
}

}  // namespace settlement::replication
