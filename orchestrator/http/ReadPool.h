#pragma once
// The read connections `serve` shares among its request threads: at most `size` open at
// once, opened on first need, reused afterwards. A request that finds none free waits at
// most `wait`, then gets PoolExhausted (503). A connection that the server dropped (2006,
// 2013: idle timeout, restart) is thrown away and the work retried once on a new one;
// reads are idempotent. The connections come from a factory, so pointing the pool at a
// replica (db.read.*) changes only what the factory opens.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <vector>

#include "db/Connection.h"

namespace settlement::http {

class PoolExhausted : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct PoolStats {
    int size = 0;    // the bound
    int open = 0;    // connections open now (idle or in use)
    int inUse = 0;   // lent to a request now
    long long waitTimeouts = 0;  // requests that found none free in time
};

class ReadPool {
public:
    using Factory = std::function<std::unique_ptr<db::Connection>()>;

    ReadPool(Factory factory, int size, std::chrono::milliseconds wait);
    ~ReadPool();
    ReadPool(const ReadPool&) = delete;
    ReadPool& operator=(const ReadPool&) = delete;

    // Runs `work` on a pooled connection. Throws PoolExhausted, db::DatabaseError (from the
    // factory or `work`), or whatever `work` throws; afterwards the connection is rolled
    // back to no open transaction, or thrown away when that fails.
    void withConnection(const std::function<void(db::Connection&)>& work);

    PoolStats stats() const;

private:
    std::unique_ptr<db::Connection> acquire();
    void release(std::unique_ptr<db::Connection> connection);

    Factory factory_;
    const int size_;
    const std::chrono::milliseconds wait_;
    mutable std::mutex mutex_;
    std::condition_variable available_;
    std::vector<std::unique_ptr<db::Connection>> idle_;
    int open_ = 0;
    long long waitTimeouts_ = 0;
};

}  // namespace settlement::http
