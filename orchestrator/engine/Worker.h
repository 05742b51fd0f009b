#pragma once
// A worker: one connection of its own (READ COMMITTED, short lock waits) that CALLs one
// task's procedure at a time, retrying by MySQL error code (RetryPolicy) and recording
// every attempt in the job tables. A failure is never swallowed: it is the task's result.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "config/Settings.h"
#include "db/Connection.h"
#include "engine/JobRepository.h"
#include "engine/RetryPolicy.h"
#include "engine/Step.h"

namespace settlement::engine {

struct TaskOutcome {
    bool ok = false;
    std::uint64_t rows = 0;
    std::string error;
    std::vector<std::string> restatedDates;  // from a `restated_date` result column
};

class Worker {
public:
    Worker(const config::Settings& settings, JobRepository& jobs, std::uint64_t runId);
    TaskOutcome run(const std::string& date, const Step& step, const TaskRecord& task);

private:
    void connect();
    std::string callFor(const std::string& date, const Step& step, const TaskRecord& task) const;

    const config::Settings& settings_;
    JobRepository& jobs_;
    std::uint64_t runId_;
    RetryPolicy retry_;
    std::unique_ptr<db::Connection> connection_;
    long long connectionId_ = 0;  // the server's id of connection_, recorded in job_task
};

}  // namespace settlement::engine
