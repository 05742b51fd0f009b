#pragma once
// One run per (job, date) at a time: a GET_LOCK held on the run's control connection.
// The server releases it when the connection ends, so a crashed (even kill -9) run never
// blocks the next one (DESIGN "Status for restarts").
#include <string>

#include "db/Connection.h"

namespace settlement::engine {

class RunLock {
public:
    RunLock(db::Connection& connection, const std::string& job, const std::string& date);
    ~RunLock();
    RunLock(const RunLock&) = delete;
    RunLock& operator=(const RunLock&) = delete;

    // True when this connection now holds the lock; false when another session still does
    // after waitSec seconds.
    bool tryAcquire(int waitSec = 0);
    // The server connection id holding the lock, or 0 when free.
    long long holderConnectionId();
    const std::string& name() const { return name_; }

private:
    db::Connection& db_;
    std::string name_;
    bool held_ = false;
};

// The lock name of a (job, date) in a database; status uses it too. Lock names are at most
// 64 characters; the database name keeps runs of different databases apart. The "date"
// kJobWideLock names the lock that takes dates through the steps one at a time.
std::string runLockName(const std::string& database, const std::string& job, const std::string& date);
inline constexpr const char* kJobWideLock = "all-dates";

}  // namespace settlement::engine
