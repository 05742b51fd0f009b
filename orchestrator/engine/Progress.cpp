#include "engine/Progress.h"

#include <fmt/format.h>

namespace settlement::engine {

std::string humanCount(double v) {
    if (v >= 1e6) return fmt::format("{:.2f}M", v / 1e6);
    if (v >= 1e4) return fmt::format("{:.1f}k", v / 1e3);
    return fmt::format("{:.0f}", v);
}

void Progress::startStep(const std::string& name, int ranges, std::uint64_t plannedRows) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        step_ = name;
    }
    rangesDone = 0;
    rangesTotal = ranges;
    rowsDone = 0;
    rowsPlanned = plannedRows;
}

std::string Progress::step() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return step_;
}

double Progress::elapsedSec() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
}

std::string Progress::line() const {
    double elapsed = elapsedSec();
    double rows = double(rowsDone.load());
    double planned = double(rowsPlanned.load());
    double rate = elapsed > 0 ? rows / elapsed : 0;
    std::string eta = rate > 0 && planned > rows ? fmt::format("{:.1f}s", (planned - rows) / rate) : "-";
    return fmt::format("run {} {}: {}/{} ranges, {}/{} rows, {} rows/s, elapsed {:.1f}s, ETA {}", date, step(),
                       rangesDone.load(), rangesTotal.load(), humanCount(rows), humanCount(planned),
                       humanCount(rate), elapsed, eta);
}

}  // namespace settlement::engine
