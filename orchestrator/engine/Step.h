#pragma once
// The steps of a date's run, in dependency order. A date's settlement continues the
// previous processed day's cumulative counts and restates later days, and its
// reconciliation reads those days' statistics: runs of different dates therefore take the
// steps one date at a time (a job-wide lock, see Coordinator). The list is data: a step is a stored
// procedure, called once per video_id range (ranged: `CALL p(date, from, to)`) or once
// for the date (`CALL p(date)`). Every range of a step finishes before the next step.
#include <string>
#include <vector>

namespace settlement::engine {

struct Step {
    std::string name;       // as recorded in job_task.step
    std::string procedure;  // the stored procedure to CALL
    bool ranged;
};

// The daily job: statistics, then what depends on them.
const std::vector<Step>& dailySteps();

inline constexpr const char* kDailyJob = "daily";

}  // namespace settlement::engine
