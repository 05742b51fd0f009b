#include "support/ServeProcess.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <regex>

extern char** environ;

namespace settlement::test {

ServeProcess::ServeProcess(const TestDatabase& db, std::map<std::string, std::string> env,
                           std::vector<std::string> globalArgs) {
    auto environment = db.env();
    for (auto& [k, v] : env) environment[k] = v;
    std::vector<std::string> args{SETTLEMENT_BINARY};
    args.insert(args.end(), globalArgs.begin(), globalArgs.end());
    for (const char* a : {"serve", "--listen", "127.0.0.1:0"}) args.emplace_back(a);

    // Built before fork: the child of a threaded process only calls async-signal-safe functions.
    std::vector<std::string> envStrings;
    for (char** e = environ; *e; ++e) {
        std::string entry(*e);
        if (!environment.count(entry.substr(0, entry.find('=')))) envStrings.push_back(entry);
    }
    for (const auto& [k, v] : environment) envStrings.push_back(k + "=" + v);
    std::vector<char*> argv, envp;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    for (auto& e : envStrings) envp.push_back(e.data());
    envp.push_back(nullptr);

    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
        dup2(fds[1], 1);
        dup2(fds[1], 2);
        close(fds[0]);
        close(fds[1]);
        execve(argv[0], argv.data(), envp.data());
        _exit(127);
    }
    close(fds[1]);
    outFd_ = fds[0];
    reader_ = std::thread([this] {
        char buffer[4096];
        ssize_t n;
        while ((n = read(outFd_, buffer, sizeof buffer)) > 0) {
            std::lock_guard<std::mutex> lock(mutex_);
            log_.append(buffer, static_cast<std::size_t>(n));
            grew_.notify_all();
        }
        std::lock_guard<std::mutex> lock(mutex_);
        log_ += "\n<eof>";
        grew_.notify_all();
    });
    // "serve: listening on http://127.0.0.1:41234 (...)", or the end of its output.
    static const std::regex listening("listening on (https?://127\\.0\\.0\\.1:(\\d+))");
    std::unique_lock<std::mutex> lock(mutex_);
    std::smatch m;
    grew_.wait_for(lock, std::chrono::seconds(20), [&] {
        return std::regex_search(log_, m, listening) || log_.find("<eof>") != std::string::npos;
    });
    if (std::regex_search(log_, m, listening)) {
        url_ = m[1];
        port_ = std::stoi(m[2]);
    }
}

ServeProcess::~ServeProcess() {
    if (!exitCode_) {
        signal(SIGTERM);
        if (!waitForExit(std::chrono::seconds(20))) {
            ::kill(pid_, SIGKILL);
            waitForExit(std::chrono::seconds(5));
        }
    }
    if (reader_.joinable()) reader_.join();
    if (outFd_ >= 0) close(outFd_);
}

std::string ServeProcess::log() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return log_;
}

void ServeProcess::signal(int sig) const {
    if (!exitCode_) ::kill(pid_, sig);
}

std::optional<int> ServeProcess::waitForExit(std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!exitCode_) {
        int status = 0;
        pid_t done = waitpid(pid_, &status, WNOHANG);
        if (done == pid_) {
            exitCode_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            break;
        }
        if (std::chrono::steady_clock::now() >= deadline) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return exitCode_;
}

bool ServeProcess::waitForLog(const std::string& text, std::chrono::milliseconds timeout) const {
    std::unique_lock<std::mutex> lock(mutex_);
    return grew_.wait_for(lock, timeout, [&] { return log_.find(text) != std::string::npos; });
}

}  // namespace settlement::test
