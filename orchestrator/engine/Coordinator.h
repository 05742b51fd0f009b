#pragma once
// Runs the daily job for one business date as a readable script of steps: take the
// date's lock, make sure the date's partitions exist, plan or resume, run each step's
// ranges on N worker connections in ascending order, record status, summarize.
#include <string>
#include <vector>

#include "config/Settings.h"

namespace settlement::engine {

struct DateOutcome {
    enum class State { Completed, Skipped, Failed } state = State::Failed;
    std::string date;
    std::string summary;
    std::vector<std::string> restatedDates;
};

class Coordinator {
public:
    Coordinator(const config::Settings& settings, int threads, bool rerun);
    // Throws app::TemporaryFailure when another run holds the date or the database is
    // unreachable; returns Failed (with the reason in summary) when a range failed.
    DateOutcome runDate(const std::string& date);

private:
    const config::Settings& settings_;
    int threads_;
    bool rerun_;
};

}  // namespace settlement::engine
