#pragma once
// Runs a function every `period` on its own thread until destroyed; the run's heartbeat and
// its status line use it.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace settlement::engine {

class Ticker {
public:
    Ticker(std::chrono::seconds period, std::function<void()> body)
        : thread_([this, period, body = std::move(body)] {
              std::unique_lock<std::mutex> lock(mutex_);
              while (!cv_.wait_for(lock, period, [this] { return stop_; })) {
                  lock.unlock();
                  body();
                  lock.lock();
              }
          }) {}
    ~Ticker() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stop_ = true;
        }
        cv_.notify_all();
        thread_.join();
    }
    Ticker(const Ticker&) = delete;
    Ticker& operator=(const Ticker&) = delete;

private:
    std::mutex mutex_;
    std::condition_variable cv_;
    bool stop_ = false;
    std::thread thread_;
};

}  // namespace settlement::engine
