#pragma once
// Runs one step's tasks on N worker threads, each with its own connection (Worker), taking
// the tasks in ascending range order. A failed task lets the tasks in flight finish and
// starts no new one; its message is the step's failure.
#include <set>
#include <string>
#include <vector>

#include "config/Settings.h"
#include "engine/JobRepository.h"
#include "engine/Progress.h"
#include "engine/Step.h"

namespace settlement::engine {

struct StepResult {
    std::string failure;                 // empty when every task succeeded
    std::set<std::string> restatedDates; // later dates the step's tasks restated
};

class StepRunner {
public:
    StepRunner(const config::Settings& settings, JobRepository& jobs, std::uint64_t runId, int threads)
        : settings_(settings), jobs_(jobs), runId_(runId), threads_(threads) {}
    StepResult run(const std::string& date, const Step& step, const std::vector<TaskRecord>& tasks,
                   Progress& progress);

private:
    const config::Settings& settings_;
    JobRepository& jobs_;
    std::uint64_t runId_;
    int threads_;
};

}  // namespace settlement::engine
