#pragma once
// Runs the daily job for one business date as a readable script of steps (in the manner of
// gh-ost's Migrate()): refuse what no run may compute, take the date's lock, decide
// (skip, plan or resume), take the job-wide lock, make sure of the partitions, record the
// run, wait for loads adding events to the date, run each step's ranges (StepRunner),
// finish (clearing the date's stale mark when no event arrived meanwhile).
#include <optional>
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
    // verify: the sampled steps (the recount) run for every range, not the date's sample.
    Coordinator(const config::Settings& settings, int threads, bool rerun, bool verify = false);
    // Throws app::TemporaryFailure when another run holds the date or the database is
    // unreachable, app::UsageError (via the SQL guard) for a date no run may compute;
    // returns Failed (with the reason in summary) when a range failed. A stale date is
    // always computed again, from a new plan, whatever `rerun` says.
    DateOutcome runDate(const std::string& date);

private:
    const config::Settings& settings_;
    int threads_;
    bool rerun_;
    bool verify_;
};

}  // namespace settlement::engine
