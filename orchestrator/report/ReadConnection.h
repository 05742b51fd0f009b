#pragma once
// The one place where reports get their database connection (DESIGN "Reads are separate
// from writes"): the replica of db.read.* when one is configured, else the primary, always
// in read-only sessions, so that a report can never write.
#include <memory>

#include "config/Settings.h"
#include "db/Connection.h"

namespace settlement::report {

// Where a report reads.
struct ReadTarget {
    config::DatabaseSettings db;
    bool replica = false;  // db is the replica: its lag matters (replication/ReplicaLag.h)
};

// The replica when settings.replica is set and `primary` is false (`report --primary`),
// else the primary of settings.db.
ReadTarget readTarget(const config::Settings& settings, bool primary = false);

// A connection to `db` with the session set to read-only transactions.
std::unique_ptr<db::Connection> openReadConnection(const config::DatabaseSettings& db);

}  // namespace settlement::report
