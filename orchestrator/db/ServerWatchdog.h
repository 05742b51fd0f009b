#pragma once
// Notices a database server that stopped answering (SIGSTOP, a hung host, a network that
// drops packets silently) while the program waits on it: such a wait never ends by itself,
// since the connections stay open and a statement may legitimately run for minutes.
//
// Two threads. The pinger sends `DO 1` on a connection of its own, opened with a read
// timeout (timeout / 4, between 1 and 5 s), every interval (the same); a lost or timed-out
// connection is opened again. The judge looks once a second at when the server last answered; after
// `timeout` without an answer it calls onSilence once. The other connections are not
// touched, so a long CALL on a worker is fine for as long as the server answers pings.
// TCP keepalive does not serve here: a stopped server's kernel still answers the probes.
//
// Bound: onSilence runs at most timeout + 1 s after the last answer, so at most about
// timeout + 1 s after the server froze.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "config/Settings.h"

namespace settlement::db {

class ServerWatchdog {
public:
    using OnSilence = std::function<void(const std::string& why)>;

    ServerWatchdog(config::DatabaseSettings settings, std::chrono::seconds timeout, OnSilence onSilence);
    ~ServerWatchdog();
    ServerWatchdog(const ServerWatchdog&) = delete;
    ServerWatchdog& operator=(const ServerWatchdog&) = delete;

    // Seconds since the server last answered a ping (or since the watchdog started).
    double silentForSec() const;

private:
    void pingLoop();
    void judgeLoop();
    // Waits up to `d`; false when the watchdog is stopping.
    bool sleepFor(std::chrono::milliseconds d);

    using Clock = std::chrono::steady_clock;
    config::DatabaseSettings settings_;
    std::chrono::seconds timeout_;
    OnSilence onSilence_;
    std::atomic<Clock::rep> lastAnswer_;
    std::mutex mutex_;
    std::condition_variable stopped_;
    bool stop_ = false;
    std::thread pinger_;
    std::thread judge_;
};

}  // namespace settlement::db
