#include "harness/process/reaper.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <mutex>

namespace tlsc::harness::reaper {
namespace {

// One message per process group event; SOCK_SEQPACKET keeps each one whole.
struct Msg {
  char op;  // '+' started, '-' gone, 'q' tlsconform ends normally
  char pad[3];
  int32_t pgid;
};

constexpr size_t kMaxGroups = 4096;  // live groups at once; beyond that the /proc scan still finds them

std::mutex g_mu;
int g_fd = -1;   // tlsconform's end of the socket pair
pid_t g_pid = 0;
char g_entry[64] = {};  // "TLSC_REAPER=<tlsconform pid>-<start time>", set before the fork
size_t g_entry_len = 0;

// ---- The reaper process. It may have been forked from a threaded process: it makes system calls
// only (no allocation, no locks, no stdio), on buffers that exist before the fork.

pid_t r_groups[kMaxGroups];
char r_environ[4096];
char r_dents[8192];

// Appends `s` / a decimal number to `p` (bounded by `end`).
char* put(char* p, const char* end, const char* s) {
  while (*s && p < end) *p++ = *s++;
  return p;
}
char* put(char* p, const char* end, long v) {
  char digits[24];
  int n = 0;
  if (v == 0) digits[n++] = '0';
  bool neg = v < 0;
  unsigned long u = neg ? 0ul - static_cast<unsigned long>(v) : static_cast<unsigned long>(v);
  while (u) digits[n++] = static_cast<char>('0' + u % 10), u /= 10;
  if (neg && p < end) *p++ = '-';
  while (n && p < end) *p++ = digits[--n];
  return p;
}

// True if the environment of `pid` holds our entry among its first entries (ChildProcess puts it
// first; children that add variables usually append).
bool carries_token(pid_t pid) {
  char path[48] = {};
  char* p = put(path, path + sizeof path - 1, "/proc/");
  p = put(p, path + sizeof path - 1, static_cast<long>(pid));
  p = put(p, path + sizeof path - 1, "/environ");
  *p = '\0';
  const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  size_t got = 0;
  while (got < sizeof r_environ) {
    const ssize_t n = ::read(fd, r_environ + got, sizeof r_environ - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  ::close(fd);
  // Entries are NUL-terminated; only a whole entry equal to ours counts.
  for (size_t start = 0; start < got;) {
    size_t end = start;
    while (end < got && r_environ[end] != '\0') ++end;
    if (end < got && end - start == g_entry_len && std::memcmp(r_environ + start, g_entry, g_entry_len) == 0)
      return true;
    start = end + 1;
  }
  return false;
}

// SIGKILL to every process carrying our token, and to its process group. How many were found.
int kill_token_carriers() {
  const int dir = ::open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir < 0) return 0;
  const pid_t self = ::getpid(), own_group = ::getpgrp();
  int found = 0;
  while (true) {
    const long n = ::syscall(SYS_getdents64, dir, r_dents, sizeof r_dents);
    if (n <= 0) break;
    // struct linux_dirent64: u64 ino, s64 off, u16 reclen, u8 type, then the NUL-terminated name.
    for (long off = 0; off + 19 < n;) {
      unsigned short reclen;
      std::memcpy(&reclen, r_dents + off + 16, sizeof reclen);
      if (reclen == 0) break;
      const char* name = r_dents + off + 19;
      off += reclen;
      long pid = 0;
      bool numeric = *name != '\0';
      for (const char* c = name; *c; ++c) {
        if (*c < '0' || *c > '9' || pid > 100000000) {
          numeric = false;
          break;
        }
        pid = pid * 10 + (*c - '0');
      }
      if (!numeric || pid <= 1 || pid == self || !carries_token(static_cast<pid_t>(pid))) continue;
      const pid_t group = ::getpgid(static_cast<pid_t>(pid));
      ::kill(static_cast<pid_t>(pid), SIGKILL);
      if (group > 1 && group != own_group) ::kill(-group, SIGKILL);
      ++found;
    }
  }
  ::close(dir);
  return found;
}

[[noreturn]] void reaper_main(int sock, pid_t parent) {
  ::setpgid(0, 0);  // out of tlsconform's group: a kill of that group does not reach us
  struct sigaction ignore {};
  ignore.sa_handler = SIG_IGN;
  for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGTSTP, SIGTTIN, SIGTTOU}) ::sigaction(sig, &ignore, nullptr);
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  ::prctl(PR_SET_NAME, "tlsc-reaper", 0, 0, 0);
  // Keep stderr (for the one line below) and the socket (as fd 3); everything else is closed, so
  // the reaper holds no file, pipe or socket of tlsconform open.
  const int high = ::fcntl(sock, F_DUPFD, 10);
  const int null = ::open("/dev/null", O_RDWR);
  if (null >= 0) ::dup2(null, 0), ::dup2(null, 1);
  ::dup2(high, 3);
  ::syscall(SYS_close_range, 4u, ~0u, 0u);
  sock = 3;

  bool normal_end = false;
  while (true) {
    Msg m;
    const ssize_t n = ::recv(sock, &m, sizeof m, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // EOF: tlsconform is gone (or closed its end)
    if (n != static_cast<ssize_t>(sizeof m)) continue;
    if (m.op == 'q') {
      normal_end = true;
    } else if (m.op == '+' && m.pgid > 1) {
      for (auto& g : r_groups)
        if (g == 0) {
          g = m.pgid;
          break;
        }
    } else if (m.op == '-') {
      for (auto& g : r_groups)
        if (g == m.pgid) g = 0;
    }
  }

  int groups = 0, processes = 0;
  for (pid_t g : r_groups)
    if (g > 1 && ::kill(-g, SIGKILL) == 0) ++groups;
  // Repeat: a process may fork between our scan and its death. About 2 s at most.
  for (int round = 0; round < 100; ++round) {
    const int n = kill_token_carriers();
    if (n == 0) break;
    processes += n;
    const timespec pause{0, 20 * 1000 * 1000};
    ::nanosleep(&pause, nullptr);
  }
  if (groups || processes) {
    char line[256];
    char* const end = line + sizeof line - 1;
    char* p = put(line, end, "tlsconform reaper: ");
    p = put(p, end, normal_end ? "at the end of the run" : "tlsconform (pid ");
    if (!normal_end) p = put(put(p, end, static_cast<long>(parent)), end, ") died without stopping its IUTs");
    p = put(p, end, ": killed ");
    p = put(put(p, end, static_cast<long>(groups)), end, " registered process group(s) and ");
    p = put(put(p, end, static_cast<long>(processes)), end, " process(es) carrying the run's TLSC_REAPER token\n");
    (void)!::write(2, line, static_cast<size_t>(p - line));
  }
  ::_exit(0);
}

void send_msg(char op, pid_t pgid) {
  std::lock_guard lock(g_mu);
  if (g_fd < 0) return;
  Msg m{op, {}, static_cast<int32_t>(pgid)};
  while (::send(g_fd, &m, sizeof m, MSG_NOSIGNAL) < 0 && errno == EINTR) {
  }
}

}  // namespace

std::string start() {
  std::lock_guard lock(g_mu);
  if (g_fd >= 0) return "";
  int sv[2];
  if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0)
    return std::string("cannot start the reaper: socketpair: ") + std::strerror(errno);
  const pid_t parent = ::getpid();
  timespec now{};
  ::clock_gettime(CLOCK_REALTIME, &now);
  const int len = std::snprintf(g_entry, sizeof g_entry, "TLSC_REAPER=%d-%lld%09ld", static_cast<int>(parent),
                                static_cast<long long>(now.tv_sec), now.tv_nsec);
  g_entry_len = len > 0 ? static_cast<size_t>(len) : 0;
  const pid_t child = ::fork();
  if (child < 0) {
    const int err = errno;
    ::close(sv[0]);
    ::close(sv[1]);
    return std::string("cannot start the reaper: fork: ") + std::strerror(err);
  }
  if (child == 0) {
    ::close(sv[0]);
    reaper_main(sv[1], parent);
  }
  ::close(sv[1]);
  g_fd = sv[0];
  g_pid = child;
  return "";
}

bool active() {
  std::lock_guard lock(g_mu);
  return g_fd >= 0;
}

pid_t pid() {
  std::lock_guard lock(g_mu);
  return g_fd >= 0 ? g_pid : 0;
}

std::string child_env_entry() {
  std::lock_guard lock(g_mu);
  return g_fd >= 0 ? std::string(g_entry, g_entry_len) : std::string();
}

void track(pid_t pgid) { send_msg('+', pgid); }
void untrack(pid_t pgid) { send_msg('-', pgid); }

void stop() {
  send_msg('q', 0);
  pid_t child;
  {
    std::lock_guard lock(g_mu);
    if (g_fd < 0) return;
    ::close(g_fd);
    g_fd = -1;
    child = g_pid;
    g_pid = 0;
  }
  while (::waitpid(child, nullptr, 0) < 0 && errno == EINTR) {
  }
}

Scope::Scope() : error_(start()) {}
Scope::~Scope() { stop(); }

}  // namespace tlsc::harness::reaper
