#pragma once
// The daily job's named locks (GET_LOCK), held on a connection of the run's own. The server
// releases a lock when its connection ends, so a crashed (even kill -9) run never blocks
// the next one for longer than its server session lives (DESIGN "Status for restarts").
// Lock names come from the SQL procedure lock_name, so settle_date (the DBA's path) and
// `run` take the very same locks.
#include <string>

#include "db/Connection.h"

namespace settlement::engine {

class RunLock {
public:
    // scope: "daily.<YYYY-MM-DD>" (one run of a date) or kJobScope (one date at a time
    // through the daily job's steps); see sql/procedures/lock_name.sql.
    RunLock(db::Connection& connection, const std::string& scope);
    ~RunLock();
    RunLock(const RunLock&) = delete;
    RunLock& operator=(const RunLock&) = delete;

    // True when this connection now holds the lock (its taker recorded in run_lock_holder:
    // this process); false when another session still does after waitSec seconds.
    bool tryAcquire(int waitSec = 0);
    // The server connection id holding the lock, or 0 when free.
    long long holderConnectionId();
    const std::string& name() const { return name_; }
    const std::string& scope() const { return scope_; }

private:
    db::Connection& db_;
    std::string scope_;
    std::string name_;
    bool held_ = false;
};

// The server-wide name of one of the product's locks in the connection's database.
std::string lockName(db::Connection& connection, const std::string& scope);
// The scope of one date's run.
std::string dateScope(const std::string& date);
inline constexpr const char* kJobScope = "daily.job";

}  // namespace settlement::engine
