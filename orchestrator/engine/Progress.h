#pragma once
// Shared counters of a running date and the one-line status printed to stderr
// (in the manner of gh-ost's status line): step, ranges done/total, rows, rate, ETA.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace settlement::engine {

struct Progress {
    std::string date;
    std::string step;
    std::atomic<int> rangesDone{0};
    std::atomic<int> rangesTotal{0};
    std::atomic<std::uint64_t> rowsDone{0};
    std::atomic<std::uint64_t> rowsPlanned{0};
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();

    double elapsedSec() const;
    std::string line() const;
};

// "1.23M", "45.6k", "789"
std::string humanCount(double value);

}  // namespace settlement::engine
