#include "replication/ReplicaLag.h"

#include <fmt/format.h>

#include "app/ExitCode.h"

namespace settlement::replication {

std::string ReplicaLag::whyTooFar(int maxSec) const {
    if (!seconds)
        return "the replica has no replication heartbeat, so how far behind the primary it is is unknown "
               "(does `settlement heartbeat` run beside the primary?)";
    return fmt::format("the replica is {:.3f} s behind the primary by its last heartbeat, more than "
                       "http.max_replica_lag_sec ({} s)",
                       *seconds, maxSec);
}

std::string ReplicaLag::json() const { return seconds ? fmt::format("{:.6f}", *seconds) : "null"; }

ReplicaLag measureReplicaLag(db::Connection& connection) {
    db::ResultTable table = connection.query("CALL report_replica_lag()");
    if (table.rows.size() != 1 || table.rows[0].empty())
        throw app::JobFailed("report_replica_lag did not return one row");
    ReplicaLag lag;
    if (const db::Value& v = table.rows[0][0]) lag.seconds = std::stod(*v);
    return lag;
}

}  // namespace settlement::replication
