#include "engine/StepRunner.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

#include "engine/Worker.h"

namespace settlement::engine {

StepResult StepRunner::run(const std::string& date, const Step& step, const std::vector<TaskRecord>& tasks,
                           Progress& progress) {
    StepResult result;
    std::atomic<std::size_t> next{0};
    std::mutex resultMutex;
    auto work = [&] {
        Worker worker(settings_, jobs_, runId_);
        for (;;) {
            {
                std::lock_guard<std::mutex> l(resultMutex);
                if (!result.failure.empty()) return;  // let in-flight ranges finish, start no new ones
            }
            std::size_t i = next.fetch_add(1);
            if (i >= tasks.size()) return;
            TaskOutcome r;
            try {
                r = worker.run(date, step, tasks[i]);
            } catch (const std::exception& e) {  // e.g. the job tables became unreachable
                r.error = e.what();
            }
            std::lock_guard<std::mutex> l(resultMutex);
            if (!r.ok) {
                if (result.failure.empty()) {
                    result.failure = taskLabel(tasks[i], step.ranged) + " failed: " + r.error;
                    // The recount reads the live logs: events that arrived after the
                    // statistics step make it differ until the date is computed again.
                    if (step.name == "recount")
                        result.failure += " (if events arrived during the run, run the date again with --rerun)";
                }
                continue;
            }
            result.restatedDates.insert(r.restatedDates.begin(), r.restatedDates.end());
            progress.rangesDone += 1;
            progress.rowsDone += r.rows;
        }
    };
    int workers = std::max(1, std::min<int>(threads_, int(tasks.size())));
    std::vector<std::thread> pool;
    for (int w = 0; w < workers; ++w) pool.emplace_back(work);
    for (auto& t : pool) t.join();
    return result;
}

}  // namespace settlement::engine
