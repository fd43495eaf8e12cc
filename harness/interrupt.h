// Interruption of a run (SIGINT, SIGTERM, SIGHUP) and the IUT process groups it must take down.
//
// A Scope catches SIGINT, SIGTERM and SIGHUP during a run: the handler only records the first
// signal (async-signal-safe); the run's main thread sees it through requested() and calls
// kill_tracked(), which sends SIGKILL to every IUT process group that is alive. A group tracked
// after the request is killed at once, so no IUT outlives an interrupted run. Further signals
// (coreutils `timeout` signals the child, then its whole process group; CI runners repeat) change
// nothing: the run still ends with its results.json. The long computations of the peer (key
// searches, the oracle) and every wait of its connections poll requested() through the stop
// callback the run hands them, so the stop takes well under a second.
#pragma once

#include <signal.h>
#include <sys/types.h>

#include "harness/no_copy.h"

namespace tlsc::harness::interrupt {

// Catches SIGINT, SIGTERM and SIGHUP for its lifetime (a run), as often as they come; restores
// the previous handlers after. A signal received before is forgotten.
class Scope : NoCopy {
 public:
  Scope();
  ~Scope();

 private:
  struct sigaction old_int_, old_term_, old_hup_;
};
// The first signal that asked the run to stop, or 0.
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
