#pragma once
// The steps of a job, in dependency order, as the table job_step lists them (one list for
// `run` and for settle_date, the DBA's one call). A step is a stored procedure, called once
// per video_id range (ranged: `CALL p(date, from, to)`) or once for the date (`CALL
// p(date)`). Every range of a step finishes before the next step. A sampled step (the
// recount) runs only for the ranges the SQL rule sample_range says are due for the date
// (every range with `run --verify`). A date's settlement
// continues the previous processed day's cumulative counts and restates later days, and
// its reconciliation reads those days' statistics: runs of different dates therefore take
// the steps one date at a time (a job-wide lock, see Coordinator).
#include <string>
#include <vector>

#include "db/Connection.h"

namespace settlement::engine {

struct Step {
    std::string name;       // as recorded in job_task.step
    std::string procedure;  // the stored procedure to CALL
    bool ranged;
    bool sampled;           // ranged, and a normal run calls it for a sample of the ranges
};

// The steps of `job` from job_step, by step_no.
std::vector<Step> loadSteps(db::Connection& connection, const std::string& job);

inline constexpr const char* kDailyJob = "daily";

}  // namespace settlement::engine
