#pragma once
// The primary's side of the replication heartbeat (SPEC §11): `settlement heartbeat` calls
// write_replication_heartbeat on the primary every interval, and replicas measure their lag
// from the row it rewrites (ReplicaLag.h). A daemon: a primary that does not answer (down,
// restarting, frozen) is retried every interval, with one log line when beats start
// failing and one when they succeed again, so the process outlives the primary's restarts.
// Only a configuration error (refused credentials, a missing privilege) ends it.
#include <signal.h>

#include <chrono>
#include <memory>

#include "config/Settings.h"
#include "db/Connection.h"

namespace settlement::replication {

class HeartbeatWriter {
public:
    HeartbeatWriter(config::DatabaseSettings primary, std::chrono::milliseconds interval);
    ~HeartbeatWriter();

    // One beat, on a new connection when the last beat lost its own. False when the primary
    // did not take it; throws app::Error when retrying cannot help (exit 2).
    bool beat();
    // Beats every interval until one of `stopSignals` (blocked in every thread) arrives.
    void run(const sigset_t& stopSignals);

private:
    config::DatabaseSettings primary_;
    std::chrono::milliseconds interval_;
    std::unique_ptr<db::Connection> connection_;
    long long failures_ = 0;  // consecutive failed beats
};

}  // namespace settlement::replication
