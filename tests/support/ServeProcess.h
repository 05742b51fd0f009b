#pragma once
// The real `settlement serve` in the background for a test: started on a free loopback
// port against a test database, its log collected as it runs, stopped with SIGTERM.
#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "support/TestDatabase.h"

namespace settlement::test {

class ServeProcess {
public:
    // Starts `settlement [args...] serve --listen 127.0.0.1:0` with the database's
    // SETTLEMENT_DB_* and `env`, and waits until it says where it listens, or exits.
    ServeProcess(const TestDatabase& db, std::map<std::string, std::string> env = {},
                 std::vector<std::string> globalArgs = {});
    ~ServeProcess();  // SIGTERM, then SIGKILL if it is still there after 20 s

    bool listening() const { return port_ != 0; }
    int port() const { return port_; }
    const std::string& url() const { return url_; }
    // Everything it wrote on stdout and stderr so far.
    std::string log() const;
    // Sends SIGTERM (or `signal`).
    void signal(int signal) const;
    // The exit code once it has exited within `timeout`; nullopt while it still runs.
    std::optional<int> waitForExit(std::chrono::milliseconds timeout);
    // Waits until the log holds `text` (true) or `timeout` passes (false).
    bool waitForLog(const std::string& text, std::chrono::milliseconds timeout) const;

private:
    pid_t pid_ = 0;
    int outFd_ = -1;
    int port_ = 0;
    std::string url_;
    std::optional<int> exitCode_;
    mutable std::mutex mutex_;
    mutable std::condition_variable grew_;
    std::string log_;
    std::thread reader_;
};

}  // namespace settlement::test
