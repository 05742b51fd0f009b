#include "http/ReadPool.h"

#include "db/DatabaseError.h"

namespace settlement::http {
namespace {

// Ends whatever transaction the work left open; a connection that cannot is dropped.
void rollBackOrDrop(std::unique_ptr<db::Connection>& connection) {
    try {
        connection->execute("ROLLBACK");
    } catch (...) {
        connection.reset();
    }
}

}  // namespace

ReadPool::ReadPool(Factory factory, int size, std::chrono::milliseconds wait)
    : factory_(std::move(factory)), size_(size), wait_(wait) {}

ReadPool::~ReadPool() = default;

std::unique_ptr<db::Connection> ReadPool::acquire() {
    std::unique_lock<std::mutex> lock(mutex_);
    if (!available_.wait_for(lock, wait_, [&] { return !idle_.empty() || open_ < size_; })) {
        ++waitTimeouts_;
        throw PoolExhausted("no database connection was free within " + std::to_string(wait_.count()) + " ms");
    }
    if (!idle_.empty()) {
        auto connection = std::move(idle_.back());
        idle_.pop_back();
        return connection;
    }
    ++open_;  // reserved; opened outside the lock, so a slow connect does not stall the others
    lock.unlock();
    try {
        return factory_();
    } catch (...) {
        lock.lock();
        --open_;
        available_.notify_one();
        throw;
    }
}

void ReadPool::release(std::unique_ptr<db::Connection> connection) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (connection) idle_.push_back(std::move(connection));
    else --open_;
    available_.notify_one();
}

void ReadPool::withConnection(const std::function<void(db::Connection&)>& work) {
    for (int attempt = 1;; ++attempt) {
        auto connection = acquire();
        try {
            work(*connection);
            release(std::move(connection));
            return;
        } catch (const db::DatabaseError& e) {
            bool lost = db::isConnectionLost(e.mysqlCode());
            if (lost) connection.reset();
            else rollBackOrDrop(connection);
            release(std::move(connection));
            if (lost && attempt == 1) continue;
            throw;
        } catch (...) {
            rollBackOrDrop(connection);
            release(std::move(connection));
            throw;
        }
    }
}

PoolStats ReadPool::stats() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return PoolStats{size_, open_, open_ - static_cast<int>(idle_.size()), waitTimeouts_};
}

}  // namespace settlement::http
