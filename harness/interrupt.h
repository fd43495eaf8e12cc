// Interruption of a run (SIGINT, SIGTERM) and the IUT process groups it must take down.
//
// A Scope catches SIGINT and SIGTERM during a run: the handler only records the signal (async-signal-safe);
// the run's main thread sees it through requested() and calls kill_tracked(), which sends SIGKILL
// to every IUT process group that is alive. A group tracked after the request is killed at once,
// so no IUT outlives an interrupted run. A second signal of the same kind kills tlsconform itself
// (the handler is one-shot), for a user who does not want to wait.
#pragma once

#include <signal.h>
#include <sys/types.h>

namespace tlsc::harness::interrupt {

// Catches SIGINT and SIGTERM for its lifetime (a run); restores the previous handlers after.
// A signal received before is forgotten.
class Scope {
 public:
  Scope();
  ~Scope();
  Scope(const Scope&) = delete;
  Scope& operator=(const Scope&) = delete;

 private:
  struct sigaction old_int_, old_term_;
};
// The signal that asked the run to stop, or 0.
int received();
inline bool requested() { return received() != 0; }

// Every IUT process group is tracked while it lives (its leader's pid is its group id).
void track(pid_t pgid);
void untrack(pid_t pgid);
// SIGKILL to every tracked group; returns how many there were.
int kill_tracked();

// Tests: forget a received signal.
void reset();

}  // namespace tlsc::harness::interrupt
