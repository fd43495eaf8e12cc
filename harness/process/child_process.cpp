#include "harness/process/child_process.h"

#include "harness/process/reaper.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

extern char** environ;

namespace tlsc::harness {
namespace {

using Clock = std::chrono::steady_clock;

std::string errno_text(int err) { return std::strerror(err); }

ExitStatus from_wait_status(int status) {
  ExitStatus s;
  if (WIFEXITED(status)) {
    s.exited = true;
    s.code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    s.signal = WTERMSIG(status);
  }
  return s;
}

// Sleeps a little longer each round (1 ms up to 20 ms): quick for fast children, cheap for slow.
class Backoff {
 public:
  void sleep() {
    std::this_thread::sleep_for(step_);
    step_ = std::min(step_ * 2, std::chrono::milliseconds(20));
  }

 private:
  std::chrono::milliseconds step_{1};
};

void become_subreaper() {
  static std::once_flag once;
  std::call_once(once, [] { ::prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0); });
}

std::string read_whole_file(const std::filesystem::path& path) {
  if (path.empty()) return {};
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// posix_spawn resources released on every path.
struct SpawnResources {
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  bool actions_init = false;
  bool attr_init = false;
  ~SpawnResources() {
    if (actions_init) posix_spawn_file_actions_destroy(&actions);
    if (attr_init) posix_spawnattr_destroy(&attr);
  }
};

}  // namespace

std::string ExitStatus::describe() const {
  if (exited) return "exit " + std::to_string(code);
  if (lost || signal == 0) return "unknown (reaped elsewhere)";
  const char* name = ::strsignal(signal);
  return "signal " + std::to_string(signal) + " (" + (name ? name : "?") + ")";
}

std::optional<std::filesystem::path> find_program(std::string_view program) {
  if (program.empty()) return std::nullopt;
  if (program.find('/') != std::string_view::npos) {
    std::filesystem::path p(program);
    if (::access(p.c_str(), X_OK) == 0) return p;
    return std::nullopt;
  }
  const char* path_env = std::getenv("PATH");
  std::string path = path_env ? path_env : "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin";
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find(':', start);
    if (end == std::string::npos) end = path.size();
    std::string dir = path.substr(start, end - start);
    if (!dir.empty()) {
      std::filesystem::path candidate = std::filesystem::path(dir) / std::string(program);
      std::error_code ec;
      if (std::filesystem::is_regular_file(candidate, ec) && ::access(candidate.c_str(), X_OK) == 0)
        return candidate;
    }
    start = end + 1;
  }
  return std::nullopt;
}

namespace {

// The child's environment: the run's reaper token first (harness/process/reaper.h: if tlsconform
// dies, the reaper finds this process and its descendants by it), ours, then options.env.
std::vector<std::string> child_environment(const SpawnOptions& options) {
  const std::string token = reaper::child_env_entry();
  std::vector<std::string> env_strings;
  if (!token.empty()) env_strings.push_back(token);
  for (char** e = environ; e && *e; ++e) {
    std::string_view entry(*e);
    std::string_view name = entry.substr(0, entry.find('='));
    if (!token.empty() && name == "TLSC_REAPER") continue;
    bool overridden = false;
    for (const auto& [k, v] : options.env) overridden = overridden || k == name;
    if (!overridden) env_strings.emplace_back(entry);
  }
  for (const auto& [k, v] : options.env) env_strings.push_back(k + "=" + v);
  return env_strings;
}

// stdin (the socketpair's child end, or /dev/null), stdout and stderr (files, or /dev/null), cwd.
int add_file_actions(posix_spawn_file_actions_t& actions, const SpawnOptions& options, int stdin_child_end) {
  auto add_output = [&](int fd, const std::filesystem::path& path) {
    if (path.empty()) return posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", O_WRONLY, 0);
    return posix_spawn_file_actions_addopen(&actions, fd, path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  };
  int rc = options.stdin_pipe ? posix_spawn_file_actions_adddup2(&actions, stdin_child_end, 0)
                              : posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  const bool shared_output = !options.stdout_path.empty() && options.stdout_path == options.stderr_path;
  if (rc == 0) rc = add_output(1, options.stdout_path);
  if (rc == 0) rc = shared_output ? posix_spawn_file_actions_adddup2(&actions, 1, 2) : add_output(2, options.stderr_path);
  if (rc == 0 && !options.cwd.empty()) rc = posix_spawn_file_actions_addchdir_np(&actions, options.cwd.c_str());
  return rc;
}

// Own process group (pgid = pid), every signal at its default disposition and none blocked,
// whatever this process ignores or blocks (SIGPIPE, SIGTERM...).
int set_attributes(posix_spawnattr_t& attr) {
  sigset_t all, none;
  sigfillset(&all);
  sigemptyset(&none);
  int rc = posix_spawnattr_setpgroup(&attr, 0);
  if (rc == 0) rc = posix_spawnattr_setsigdefault(&attr, &all);
  if (rc == 0) rc = posix_spawnattr_setsigmask(&attr, &none);
  if (rc == 0)
    rc = posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
  return rc;
}

}  // namespace

ChildProcess::Spawned ChildProcess::spawn(const SpawnOptions& options) {
  Spawned out;
  if (options.argv.empty()) {
    out.error = "spawn: empty argv";
    return out;
  }
  auto program = find_program(options.argv[0]);
  if (!program) {
    out.error = "spawn: program not found or not executable: " + options.argv[0];
    return out;
  }
  become_subreaper();

  // argv and envp are built before the spawn: nothing is allocated in the child.
  std::vector<char*> argv;
  for (const auto& a : options.argv) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  std::vector<std::string> env_strings = child_environment(options);
  std::vector<char*> envp;
  for (auto& e : env_strings) envp.push_back(e.data());
  envp.push_back(nullptr);

  // stdin: a socketpair rather than a pipe, so writes use MSG_NOSIGNAL (no SIGPIPE here when the
  // child has gone).
  int stdin_pair[2] = {-1, -1};
  if (options.stdin_pipe && ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, stdin_pair) != 0) {
    out.error = "spawn: socketpair: " + errno_text(errno);
    return out;
  }
  auto close_pair = [&] {
    for (int& fd : stdin_pair)
      if (fd >= 0) ::close(fd), fd = -1;
  };

  SpawnResources r;
  int rc = posix_spawn_file_actions_init(&r.actions);
  r.actions_init = rc == 0;
  if (rc == 0) {
    rc = posix_spawnattr_init(&r.attr);
    r.attr_init = rc == 0;
  }
  if (rc == 0) rc = add_file_actions(r.actions, options, stdin_pair[1]);
  if (rc == 0) rc = set_attributes(r.attr);
  if (rc != 0) {
    close_pair();
    out.error = "spawn: setting up " + options.argv[0] + ": " + errno_text(rc);
    return out;
  }
  pid_t pid = -1;
  // glibc's posix_spawn reports exec and file-action failures as its return value.
  rc = ::posix_spawn(&pid, program->c_str(), &r.actions, &r.attr, argv.data(), envp.data());
  if (rc != 0) {
    close_pair();
    out.error = "spawn: " + program->string() + ": " + errno_text(rc);
    return out;
  }
  reaper::track(pid);
  int our_end = -1;
  if (options.stdin_pipe) {
    ::close(stdin_pair[1]);
    our_end = stdin_pair[0];
  }
  out.process.reset(new ChildProcess(options, pid, our_end));
  return out;
}

ChildProcess::ChildProcess(SpawnOptions options, pid_t pid, int stdin_fd)
    : options_(std::move(options)), pid_(pid), stdin_fd_(stdin_fd) {}

ChildProcess::~ChildProcess() {
  try {
    stop(std::chrono::milliseconds(500));
  } catch (...) {
    // stop() does not throw in practice; a destructor must not either.
  }
  close_stdin();
}

std::optional<ExitStatus> ChildProcess::poll() {
  if (status_) return status_;
  int status = 0;
  pid_t r = ::waitpid(pid_, &status, WNOHANG);
  if (r == pid_) {
    status_ = from_wait_status(status);
  } else if (r < 0 && errno == ECHILD) {
    // Reaped by someone else (a waitpid(-1) outside this class): the exit status is lost, which
    // is neither a clean exit nor a crash.
    status_ = ExitStatus{};
    status_->lost = true;
  }
  return status_;
}

std::optional<ExitStatus> ChildProcess::wait_for(std::chrono::milliseconds timeout) {
  auto deadline = Clock::now() + timeout;
  Backoff backoff;
  while (true) {
    if (auto s = poll()) return s;
    if (Clock::now() >= deadline) return std::nullopt;
    backoff.sleep();
  }
}

ChildProcess::LineWait ChildProcess::wait_for_line(std::string_view text,
                                                    std::chrono::milliseconds timeout) {
  auto deadline = Clock::now() + timeout;
  Backoff backoff;
  auto found = [&] {
    std::string content = read_stdout();
    size_t start = 0;
    while (true) {
      size_t nl = content.find('\n', start);
      if (nl == std::string::npos) return false;  // only complete lines count
      if (std::string_view(content).substr(start, nl - start).find(text) != std::string_view::npos)
        return true;
      start = nl + 1;
    }
  };
  while (true) {
    bool exited = poll().has_value();  // sampled before the read: output written before exit is seen
    if (found()) return LineWait::kFound;
    if (exited) return LineWait::kExited;
    if (Clock::now() >= deadline) return LineWait::kTimeout;
    backoff.sleep();
  }
}

bool ChildProcess::write_stdin(std::string_view data) {
  if (stdin_fd_ < 0) return false;
  while (!data.empty()) {
    ssize_t n = ::send(stdin_fd_, data.data(), data.size(), MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

void ChildProcess::close_stdin() {
  if (stdin_fd_ >= 0) ::close(stdin_fd_);
  stdin_fd_ = -1;
}

bool ChildProcess::group_exists() const { return ::kill(-pid_, 0) == 0 || errno == EPERM; }

namespace testing_hooks {
void (*before_group_reap)(pid_t pgid) = nullptr;
}

void ChildProcess::reap_group_members() {
  poll();
  if (testing_hooks::before_group_reap) testing_hooks::before_group_reap(pid_);
  // Members re-parented to us (we are a subreaper) and any other child of ours in the group. The
  // leader is one of them if it exited since poll(): its status is collected here, once, and kept.
  int status = 0;
  for (pid_t r; (r = ::waitpid(-pid_, &status, WNOHANG)) > 0;)
    if (r == pid_ && !status_) status_ = from_wait_status(status);
}

ExitStatus ChildProcess::stop(std::chrono::milliseconds grace) {
  if (group_gone_) return status_.value_or(ExitStatus{});
  close_stdin();
  reap_group_members();
  if (status_ && !group_exists()) {  // already gone: never signal a group id that may be reused
    group_gone_ = true;
    reaper::untrack(pid_);
    return *status_;
  }
  ::kill(-pid_, SIGTERM);
  auto deadline = Clock::now() + grace;
  Backoff backoff;
  while (true) {
    reap_group_members();
    if (status_ && !group_exists()) break;
    if (Clock::now() >= deadline) {
      ::kill(-pid_, SIGKILL);
      // SIGKILL cannot be caught: the members die at once and are reaped here (the leader by
      // us, orphans by us as subreaper, others by their parents, which are members too).
      auto kill_deadline = Clock::now() + std::chrono::seconds(5);
      Backoff kill_backoff;
      while (true) {
        reap_group_members();
        if (status_ && !group_exists()) break;
        if (Clock::now() >= kill_deadline) break;  // a member stuck in the kernel (D state)
        ::kill(-pid_, SIGKILL);
        kill_backoff.sleep();
      }
      break;
    }
    backoff.sleep();
  }
  group_gone_ = status_.has_value() && !group_exists();
  if (group_gone_) reaper::untrack(pid_);  // a group that would not die stays with the reaper
  return status_.value_or(ExitStatus{});
}

std::string ChildProcess::read_stdout() const { return read_whole_file(options_.stdout_path); }
std::string ChildProcess::read_stderr() const { return read_whole_file(options_.stderr_path); }

bool wait_for_port(uint16_t port, std::chrono::milliseconds timeout) {
  auto deadline = Clock::now() + timeout;
  Backoff backoff;
  while (true) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return false;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int rc = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    ::close(fd);
    if (rc == 0) return true;
    if (Clock::now() >= deadline) return false;
    backoff.sleep();
  }
}

bool port_listening(uint16_t port) {
  // /proc/net/tcp columns: sl local_address(hex ip:hex port) rem_address st ...; st 0A = LISTEN.
  // /proc/thread-self: the calling thread's network namespace (/proc/net follows the main thread).
  for (const char* file : {"/proc/thread-self/net/tcp", "/proc/thread-self/net/tcp6"}) {
    std::ifstream in(file);
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
      std::istringstream fields(line);
      std::string sl, local, remote, state;
      fields >> sl >> local >> remote >> state;
      auto colon = local.rfind(':');
      if (colon == std::string::npos || state != "0A") continue;
      if (std::stoul(local.substr(colon + 1), nullptr, 16) == port) return true;
    }
  }
  return false;
}

uint16_t pick_free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return 0;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  uint16_t port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
    port = ntohs(addr.sin_port);
  ::close(fd);
  return port;
}

}  // namespace tlsc::harness
