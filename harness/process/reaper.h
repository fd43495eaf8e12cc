// The reaper: a small process forked by `tlsconform run` at startup that kills the run's IUT
// processes if tlsconform dies without stopping them (SIGKILL, a crash, an OOM kill).
//
// tlsconform and the reaper share a socket pair (SOCK_SEQPACKET, close-on-exec: no IUT inherits
// it). ChildProcess tells the reaper each process group it starts and each one that is gone. When
// the socket reaches EOF (tlsconform exited, however) the reaper
//   1. SIGKILLs every process group still registered, then
//   2. scans /proc for processes whose environment starts with TLSC_REAPER=<this run's token>
//      (ChildProcess puts it first in every child's environment; descendants inherit it) and
//      SIGKILLs each one and its process group, until a scan finds none (at most about 2 s).
// Step 2 also catches what step 1 cannot: a process that left its group (setsid, a daemonizing
// server) and a group spawned in the microseconds before its registration was sent.
//
// The reaper has a process group of its own and ignores SIGINT, SIGTERM, SIGHUP and SIGQUIT, so
// a Ctrl-C at the terminal or a kill of tlsconform's process group (timeout(1), CI runners) does
// not take it down with tlsconform. When tlsconform ends normally, stop() sends a quit message,
// closes the socket and waits for the reaper: it kills whatever is left, which is nothing in a
// run that stopped its IUTs, and exits. After a death it prints one line on stderr saying what it
// killed. Only `tlsconform run` starts one; elsewhere (tests, other subcommands) the calls below
// do nothing.
//
// PR_SET_PDEATHSIG is not used for the IUTs: posix_spawn cannot set it, it fires when the *thread*
// that spawned the child exits (the run's worker threads), and it does not reach grandchildren.
#pragma once

#include <sys/types.h>

#include <string>

#include "harness/no_copy.h"

namespace tlsc::harness::reaper {

// Forks the reaper. Call it before any thread is started (the child only makes system calls, so
// it is safe in a threaded process too, but a single-threaded fork is the documented case). "" or
// why it could not start; the run then goes on unprotected. A second start() is a no-op.
std::string start();
bool active();
// The reaper's pid (0 when not active). For tests and messages.
pid_t pid();
// "TLSC_REAPER=<token>" for a child's environment, or "" when no reaper is active.
std::string child_env_entry();
// Registers / forgets an IUT process group (its leader's pid). Thread-safe; no-ops when inactive.
void track(pid_t pgid);
void untrack(pid_t pgid);
// Normal end: tells the reaper to finish (kill what is left, exit) and waits for it.
void stop();

// start() in the constructor, stop() in the destructor: every return path of a run stops it.
class Scope : NoCopy {
 public:
  Scope();
  ~Scope();
  const std::string& error() const { return error_; }

 private:
  std::string error_;
};

}  // namespace tlsc::harness::reaper
