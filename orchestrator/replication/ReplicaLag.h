#pragma once
// How far behind the primary a replica is, from the heartbeat the primary writes
// (`settlement heartbeat`, SPEC §11), as the procedure report_replica_lag computes it on
// the replica: `report` warns with it, `serve` answers /readyz and /metrics with it.
#include <optional>
#include <string>

#include "db/Connection.h"

namespace settlement::replication {

struct ReplicaLag {
    // Seconds, with microseconds; nullopt when the server has no heartbeat row (nothing
    // ever ran `settlement heartbeat` on its primary, or replication never brought it).
    std::optional<double> seconds;

    // True when reads may be older than `maxSec` allows: no heartbeat, or further behind.
    bool tooFar(int maxSec) const { return !seconds || *seconds > maxSec; }
    // Why tooFar(maxSec) holds: "the replica is 12.345 s behind the primary, more than
    // http.max_replica_lag_sec (5 s)", or that no heartbeat says how far behind it is.
    std::string whyTooFar(int maxSec) const;
    // The lag as a JSON number, or null without a heartbeat.
    std::string json() const;
};

// CALL report_replica_lag() on `connection`; throws db::DatabaseError.
ReplicaLag measureReplicaLag(db::Connection& connection);

}  // namespace settlement::replication
