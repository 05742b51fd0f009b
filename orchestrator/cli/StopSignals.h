#pragma once
// How the long-running commands (serve, heartbeat) stop gracefully on SIGTERM or SIGINT.
#include <signal.h>

namespace settlement::cli {

// Blocks SIGTERM and SIGINT in the calling thread, and so in every thread it starts
// afterwards: call it before any thread starts. Only a sigwait / sigtimedwait on the
// returned set then sees them.
sigset_t blockStopSignals();

}  // namespace settlement::cli
