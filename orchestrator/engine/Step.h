#pragma once
// The steps of a date's run, in dependency order. The list is data: a step is a stored
// procedure, called once per video_id range (ranged: `CALL p(date, from, to)`) or once
// for the date (`CALL p(date)`). Every range of a step finishes before the next step.
#include <string>
#include <vector>

namespace settlement::engine {

struct Step {
    std::string name;       // as recorded in job_task.step
    std::string procedure;  // the stored procedure to CALL
    bool ranged;
    // Settlement continues the previous processed day's cumulative counts and restates
    // later days, so two dates must not be in these steps at once: they run under one
    // job-wide lock (statistics of different dates are independent and need none).
    bool oneDateAtATime;
};

// The daily job: statistics, then what depends on them.
const std::vector<Step>& dailySteps();

inline constexpr const char* kDailyJob = "daily";

}  // namespace settlement::engine
