#include "engine/Step.h"

#include "app/ExitCode.h"

namespace settlement::engine {

std::vector<Step> loadSteps(db::Connection& connection, const std::string& job) {
    auto table = connection.query("SELECT step, procedure_name, ranged, sampled FROM job_step WHERE job = " +
                                  connection.quote(job) + " ORDER BY step_no");
    std::vector<Step> steps;
    for (const auto& r : table.rows) steps.push_back({*r[0], *r[1], *r[2] != "0", *r[3] != "0"});
    if (steps.empty())
        throw app::JobFailed("job_step lists no step for job '" + job + "': run `settlement migrate`");
    return steps;
}

}  // namespace settlement::engine
