#pragma once
// Exit codes and the errors that map to them (SPEC §8). Low-level code throws these;
// only the application shell turns them into a message and an exit code.
#include <stdexcept>
#include <string>

namespace settlement::app {

enum ExitCode : int {
    kSuccess = 0,
    kJobFailed = 1,   // a range exhausted its retries, a database error
    kUsage = 2,       // usage or configuration error, bad input file
    kTemporary = 75,  // database unreachable, or another run holds the date (EX_TEMPFAIL)
};

class Error : public std::runtime_error {
public:
    Error(ExitCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
    ExitCode code() const { return code_; }

private:
    ExitCode code_;
};

struct UsageError : Error {
    explicit UsageError(const std::string& m) : Error(kUsage, m) {}
};
struct JobFailed : Error {
    explicit JobFailed(const std::string& m) : Error(kJobFailed, m) {}
};
struct TemporaryFailure : Error {
    explicit TemporaryFailure(const std::string& m) : Error(kTemporary, m) {}
};

}  // namespace settlement::app
