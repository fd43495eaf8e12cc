#include "harness/interrupt.h"

#include <signal.h>

#include <atomic>
#include <mutex>
#include <set>

namespace tlsc::harness::interrupt {
namespace {

std::atomic<int> g_signal{0};
static_assert(std::atomic<int>::is_always_lock_free);

std::mutex g_mu;
std::set<pid_t>& groups() {
  static std::set<pid_t> g;
  return g;
}

// The first signal wins (the exit code is 128 + it); later ones are absorbed.
extern "C" void on_signal(int sig) {
  int none = 0;
  g_signal.compare_exchange_strong(none, sig);
}

}  // namespace

Scope::Scope() {
  g_signal.store(0);
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;  // not one-shot (no SA_RESETHAND): a second signal (timeout's, to the group) must not kill us
  sigaction(SIGINT, &sa, &old_int_);
  sigaction(SIGTERM, &sa, &old_term_);
  sigaction(SIGHUP, &sa, &old_hup_);
}

Scope::~Scope() {
  sigaction(SIGINT, &old_int_, nullptr);
  sigaction(SIGTERM, &old_term_, nullptr);
  sigaction(SIGHUP, &old_hup_, nullptr);
}

int received() { return g_signal.load(); }

void track(pid_t pgid) {
  if (pgid <= 0) return;
  std::lock_guard lock(g_mu);
  groups().insert(pgid);
  if (requested()) ::kill(-pgid, SIGKILL);
}

void untrack(pid_t pgid) {
  std::lock_guard lock(g_mu);
  groups().erase(pgid);
}

int kill_tracked() {
  std::lock_guard lock(g_mu);
  for (pid_t g : groups()) ::kill(-g, SIGKILL);
  return static_cast<int>(groups().size());
}

void reset() { g_signal.store(0); }

}  // namespace tlsc::harness::interrupt
