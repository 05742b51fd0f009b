#pragma once
// Shared counters of a running date and the one-line status printed to stderr
// (in the manner of gh-ost's status line): step, ranges done/total, rows, rate, ETA.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>

namespace settlement::engine {

struct Progress {
    std::string date;
    std::atomic<int> rangesDone{0};
    std::atomic<int> rangesTotal{0};
    std::atomic<std::uint64_t> rowsDone{0};
    std::atomic<std::uint64_t> rowsPlanned{0};
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();

    // The step is read by the status thread while the coordinator moves on.
    void startStep(const std::string& name, int ranges, std::uint64_t plannedRows);
    std::string step() const;

    double elapsedSec() const;
    std::string line() const;

private:
    mutable std::mutex mutex_;
    std::string step_;
};

// "1.23M", "45.6k", "789"
std::string humanCount(double value);

}  // namespace settlement::engine
