#pragma once
// Takes a date's run lock for a new run, telling a live run from what a killed one left.
//
// A run killed with kill -9 loses its process at once, but its server sessions live on
// while their last statement finishes (a planner scan, a range's CALL): the date's lock is
// still held for a while. So when the lock is busy, the taker recorded by take_run_lock
// (run_lock_holder) decides:
//   * it is the holding session and its process is gone (same host: no such pid; another
//     host: the run's heartbeat stopped) -> what a dead run left: say so on stderr, end that
//     session and the dead run's worker sessions still in a CALL (KILL of one's own
//     sessions needs no privilege), and wait for the lock (run.orphan_wait_sec);
//   * no record names the holder -> a session that took the lock a moment ago and died
//     before recording itself ends within moments: wait a few seconds; still held -> a
//     session that is not a run of this program (a DBA's GET_LOCK): exit 75 naming it;
//   * otherwise a live run (or settle_date) -> exit 75 naming it.
#include <string>

#include "config/Settings.h"
#include "engine/JobRepository.h"
#include "engine/RunLock.h"

namespace settlement::engine {

// Returns once `lock` is held; throws app::TemporaryFailure (exit 75) when a live session holds it.
void takeDateLock(RunLock& lock, db::Connection& control, JobRepository& jobs, const config::Settings& settings,
                  const std::string& date);

}  // namespace settlement::engine
