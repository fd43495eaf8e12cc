// A supervised child process: an argv run without a shell in a process group of its own, output
// captured to files, stopped (SIGTERM to the whole group, SIGKILL after a grace period) and reaped
// on every path — the destructor included, so a failing test or an exception leaves nothing behind.
//
// Orphans: a grandchild whose parent exited is re-parented to the nearest "child subreaper".
// spawn() makes this process a subreaper (prctl PR_SET_CHILD_SUBREAPER, once, process-wide), so
// group members that outlive the group leader come back to us and are reaped here instead of
// lingering as zombies under a pid 1 that may not reap.
//
// When tlsconform's reaper is active (harness/process/reaper.h), spawn() registers each group with
// it and puts the run's TLSC_REAPER token first in the child's environment; stop() forgets the group
// once it is gone. Should tlsconform die, the reaper kills what is left.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tlsc::harness {

struct SpawnOptions {
  // argv[0] is the program: a path, or a bare name looked up in PATH (by us, before spawning).
  std::vector<std::string> argv;
  std::filesystem::path stdout_path;  // empty: /dev/null. Created or truncated, mode 0644.
  std::filesystem::path stderr_path;  // empty: /dev/null. May equal stdout_path (shared file).
  bool stdin_pipe = false;            // false: stdin is /dev/null; true: write_stdin()/close_stdin()
  // Added to (or replacing in) this process's environment, for the child only.
  std::vector<std::pair<std::string, std::string>> env;
  std::filesystem::path cwd;  // empty: inherit
};

// How a process ended.
struct ExitStatus {
  bool exited = false;  // normal exit: `code` is valid
  int code = 0;
  int signal = 0;       // terminated by this signal (exited == false)
  // The status was collected by someone else (a waitpid(-1) outside ChildProcess) and is unknown:
  // neither a clean exit nor a crash.
  bool lost = false;
  bool success() const { return exited && code == 0; }
  std::string describe() const;  // "exit 0", "signal 9 (Killed)"
};

class ChildProcess {
 public:
  struct Spawned {
    std::unique_ptr<ChildProcess> process;  // null on failure
    std::string error;                      // one line: what failed (program not found, open, exec)
  };
  static Spawned spawn(const SpawnOptions& options);

  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  // Kills the whole group (SIGTERM, short grace, SIGKILL) and reaps it. Never throws.
  ~ChildProcess();

  pid_t pid() const { return pid_; }  // also the process group id
  const SpawnOptions& options() const { return options_; }

  // Non-blocking: reaps the leader if it has exited. The exit status once known.
  std::optional<ExitStatus> poll();
  bool running() { return !poll().has_value(); }
  // Waits for the group leader to exit until `timeout`; nullopt if it is still running.
  std::optional<ExitStatus> wait_for(std::chrono::milliseconds timeout);

  enum class LineWait { kFound, kTimeout, kExited };
  // Waits until a complete line of the stdout file contains `text` (readiness banner). Returns
  // kExited as soon as the leader has exited without printing it (after a final read).
  LineWait wait_for_line(std::string_view text, std::chrono::milliseconds timeout);

  // Writes to the child's stdin pipe (stdin_pipe only). False if the pipe is closed or broken.
  bool write_stdin(std::string_view data);
  void close_stdin();

  // SIGTERM to the whole group; after `grace`, SIGKILL to whatever is left; reaps the leader and
  // every member that came back to us. Idempotent; returns the leader's status.
  ExitStatus stop(std::chrono::milliseconds grace = std::chrono::milliseconds(2000));
  // True once stop() (or the destructor) found the whole group gone.
  bool group_gone() const { return group_gone_; }

  // The captured output (whole file; empty if it was /dev/null or cannot be read).
  std::string read_stdout() const;
  std::string read_stderr() const;

 private:
  ChildProcess(SpawnOptions options, pid_t pid, int stdin_fd);
  bool group_exists() const;
  void reap_group_members();

  SpawnOptions options_;
  pid_t pid_;
  int stdin_fd_;
  std::optional<ExitStatus> status_;
  bool group_gone_ = false;
};

// Tests only: called in stop()'s reaping just before the group's members are reaped with
// waitpid(-pgid), where a leader that exits in between is reaped too (its status is kept).
namespace testing_hooks {
extern void (*before_group_reap)(pid_t pgid);
}

// Waits until a TCP connect to 127.0.0.1:`port` succeeds (the connection is closed at once).
// Note: the probe is a real connection; a server that counts its accepts (s_server -naccept)
// sees it, so prefer the server's readiness line for those.
bool wait_for_port(uint16_t port, std::chrono::milliseconds timeout);

// True if a socket of the calling thread's network namespace listens on TCP `port` (from
// /proc/thread-self/net/tcp and tcp6); no connection is made.
bool port_listening(uint16_t port);

// A port that was free on 127.0.0.1 a moment ago (bind to port 0, read it back, close). Racy by
// nature: the caller retries with another one if the server then reports "address in use".
uint16_t pick_free_port();

// The full path of `program` (contains a '/': as is, if executable; else searched in PATH), or
// nullopt.
std::optional<std::filesystem::path> find_program(std::string_view program);

}  // namespace tlsc::harness
