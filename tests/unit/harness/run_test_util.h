// Helpers for the tests that run the real tlsconform binary: a fresh folder, a profiles folder,
// running the CLI in its own process group with a deadline, and finding processes left behind.
#pragma once

#include <dirent.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "harness/process/child_process.h"
#include "results/run_store.h"

namespace tlsc::testutil {

namespace fs = std::filesystem;

inline fs::path fresh_dir(const std::string& name) {
  const fs::path d = fs::temp_directory_path() / ("tlsc-h-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

inline std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// A profiles folder holding a copy of the built-in OpenSSL profile only.
inline fs::path openssl_profiles(const fs::path& dir) {
  fs::create_directories(dir);
  fs::copy_file(fs::path(TLSC_SOURCE_DIR) / "iut/profiles/openssl.json", dir / "openssl.json",
                fs::copy_options::overwrite_existing);
  return dir;
}

// Pids of live (not zombie) processes whose command line contains `needle`, this one excluded.
inline std::vector<pid_t> processes_mentioning(const std::string& needle) {
  std::vector<pid_t> found;
  DIR* d = ::opendir("/proc");
  if (!d) return found;
  while (dirent* e = ::readdir(d)) {
    const pid_t pid = static_cast<pid_t>(atoi(e->d_name));
    if (pid <= 0 || pid == ::getpid()) continue;
    const std::string base = std::string("/proc/") + e->d_name;
    std::string stat = slurp(base + "/stat");
    const auto rp = stat.rfind(')');
    if (rp == std::string::npos || rp + 2 >= stat.size() || stat[rp + 2] == 'Z') continue;
    std::string cmd = slurp(base + "/cmdline");
    for (auto& c : cmd)
      if (c == '\0') c = ' ';
    if (cmd.find(needle) != std::string::npos) found.push_back(pid);
  }
  ::closedir(d);
  return found;
}

struct CliRun {
  int exit_code = -1;  // -1: killed at the test's deadline
  double seconds = 0;
  std::string output;
};

inline std::unique_ptr<harness::ChildProcess> start_cli(const std::vector<std::string>& args, const fs::path& log) {
  harness::SpawnOptions so;
  so.argv = {TLSC_CLI_PATH};
  so.argv.insert(so.argv.end(), args.begin(), args.end());
  so.stdout_path = log;
  so.stderr_path = log;
  auto spawned = harness::ChildProcess::spawn(so);
  EXPECT_TRUE(spawned.process) << spawned.error;
  return std::move(spawned.process);
}

inline CliRun run_cli(const std::vector<std::string>& args, const fs::path& log, std::chrono::seconds deadline) {
  const auto t0 = std::chrono::steady_clock::now();
  auto proc = start_cli(args, log);
  CliRun r;
  if (!proc) return r;
  auto st = proc->wait_for(deadline);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (st && st->exited) r.exit_code = st->code;
  proc->stop(std::chrono::milliseconds(200));
  r.output = slurp(log);
  return r;
}

inline size_t jsonl_lines(const fs::path& file) {
  const std::string text = slurp(file);
  size_t n = 0;
  for (char c : text) n += c == '\n';
  return n;
}

// Waits until `file` has at least `n` complete lines.
inline bool wait_for_lines(const fs::path& file, size_t n, std::chrono::seconds timeout) {
  const auto end = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < end) {
    if (jsonl_lines(file) >= n) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

// Waits (briefly) until no process mentions `needle`; returns those that are left.
inline std::vector<pid_t> left_behind(const std::string& needle) {
  for (int i = 0; i < 50; ++i) {
    auto left = processes_mentioning(needle);
    if (left.empty()) return left;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return processes_mentioning(needle);
}

}  // namespace tlsc::testutil
