// Issue 13: SIGINT/SIGTERM/SIGHUP, once or many times, from the process or its group, always end
// in a written results.json and the documented exit code; a graceful stop does not wait for a
// leading-zero key search (it polls the stop).
#include <gtest/gtest.h>

#include <signal.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "run_test_util.h"

namespace tlsc {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// A profile for the fake IUT server that drips one warning alert every 2 s: the unit lasts until
// its deadline (20 s with --io-timeout-ms 5000), so the run is always in flight when stopped.
fs::path drip_profiles(const fs::path& dir) {
  fs::create_directories(dir);
  nlohmann::json p;
  p["name"] = "fake-drip";
  p["title"] = "fake IUT: drip";
  p["programs"] = {TLSC_FAKE_IUT_PATH};
  p["capabilities"] = nlohmann::json::array();
  p["server"] = {{"argv", {TLSC_FAKE_IUT_PATH, "server", "drip", "{port}", "{workdir}"}},
                 {"ready_line", "ACCEPT"},
                 {"ready_timeout_ms", 1000}};
  std::ofstream(dir / "fake-drip.json") << p.dump(2);
  return dir;
}

// Waits until the run has started a unit (its folder under units/ exists): the setup is over.
bool unit_started(const fs::path& out, std::chrono::seconds timeout) {
  const auto end = Clock::now() + timeout;
  std::error_code ec;
  while (Clock::now() < end) {
    if (fs::exists(out / "units", ec) && !fs::is_empty(out / "units", ec)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

// CPU time (user + system, clock ticks) the process has used so far.
long cpu_ticks(pid_t pid) {
  const std::string stat = testutil::slurp("/proc/" + std::to_string(pid) + "/stat");
  const auto rp = stat.rfind(')');
  if (rp == std::string::npos) return -1;
  std::istringstream in(stat.substr(rp + 2));
  std::string field;
  long utime = 0, stime = 0;
  for (int i = 3; i <= 15 && in >> field; ++i) {
    if (i == 14) utime = std::stol(field);
    if (i == 15) stime = std::stol(field);
  }
  return utime + stime;
}

std::vector<std::string> drip_run(const fs::path& profiles, const fs::path& out) {
  return {TLSC_CLI_PATH,        "run",     "--profiles", profiles.string(), "--catalog", TLSC_FAULT_CATALOG,
          "--iut",              "fake-drip", "--scenario", "fault.complete.srv", "--out", out.string(),
          "--io-timeout-ms",    "5000",    "--quiet"};
}

// coreutils `timeout` in its default mode signals the child, then the child's whole process group:
// tlsconform sees SIGTERM twice, at once. Every run must still write results.json.
TEST(SignalStop, TimeoutInItsDefaultModeAlwaysLeavesResultsJson) {
  auto timeout = harness::find_program("timeout");
  if (!timeout) GTEST_SKIP() << "coreutils timeout is not installed";
  const fs::path dir = testutil::fresh_dir("timeout-runs");
  const fs::path profiles = drip_profiles(dir / "profiles");
  // Each timeout counts from after tlsconform's own start-up (measured, twice over): a signal before
  // main() runs finds no handler, on a loaded machine or under ASan a start-up takes a while.
  const auto t0 = std::chrono::steady_clock::now();
  testutil::run_cli({"--version"}, dir / "version.log", std::chrono::seconds(20));
  const double startup = 2 * std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::vector<std::string> durations;
  for (double d : {0.2, 0.4, 0.7, 1.0, 1.5}) durations.push_back(std::to_string(d + startup));
  int written = 0;
  for (int i = 0; i < 20; ++i) {
    const fs::path out = dir / ("out-" + std::to_string(i));
    harness::SpawnOptions so;
    so.argv = {timeout->string()};
    if (i % 4 == 3) so.argv.push_back("--preserve-status");  // then the exit code is tlsconform's
    so.argv.push_back(durations[i % 5]);
    for (const auto& a : drip_run(profiles, out)) so.argv.push_back(a);
    so.stdout_path = so.stderr_path = dir / ("log-" + std::to_string(i));
    auto spawned = harness::ChildProcess::spawn(so);
    ASSERT_TRUE(spawned.process) << spawned.error;
    auto st = spawned.process->wait_for(std::chrono::seconds(20));
    ASSERT_TRUE(st.has_value()) << "run " << i << " did not end";
    EXPECT_EQ(st->code, i % 4 == 3 ? 128 + SIGTERM : 124) << "run " << i << ": " << testutil::slurp(so.stdout_path);
    auto read = results::read_results(out / "results.json");
    EXPECT_TRUE(read.problems.empty()) << "run " << i << " (timeout " << durations[i % 5]
                                       << " s): " << (read.problems.empty() ? "" : read.problems.front()) << "\n"
                                       << testutil::slurp(so.stdout_path);
    written += read.problems.empty();
    EXPECT_EQ(testutil::left_behind(out.string()), std::vector<pid_t>{}) << "run " << i;
  }
  EXPECT_EQ(written, 20);
  RecordProperty("runs_with_results_json", written);
  fs::remove_all(dir);
}

// SIGHUP (a closed terminal, a CI runner) and a burst of signals: results.json and 128 + the first.
TEST(SignalStop, ABurstOfSignalsEndsWithTheFirstOnesExitCode) {
  const fs::path dir = testutil::fresh_dir("signal-burst");
  const fs::path profiles = drip_profiles(dir / "profiles"), out = dir / "out";
  std::vector<std::string> args = drip_run(profiles, out);
  args.erase(args.begin());
  auto proc = testutil::start_cli(args, dir / "cli.log");
  ASSERT_TRUE(proc);
  ASSERT_TRUE(unit_started(out, std::chrono::seconds(20))) << testutil::slurp(dir / "cli.log");
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the unit is in flight
  ::kill(proc->pid(), SIGHUP);
  // The first signal is the one that counts; the burst after it (in any order, on any thread)
  // changes nothing.
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  for (int sig : {SIGTERM, SIGINT, SIGHUP, SIGTERM, SIGINT}) ::kill(proc->pid(), sig);
  auto st = proc->wait_for(std::chrono::seconds(10));
  ASSERT_TRUE(st.has_value());
  EXPECT_TRUE(st->exited) << st->describe();
  EXPECT_EQ(st->code, 128 + SIGHUP) << testutil::slurp(dir / "cli.log");
  auto read = results::read_results(out / "results.json");
  EXPECT_TRUE(read.problems.empty()) << (read.problems.empty() ? "" : read.problems.front());
  EXPECT_EQ(testutil::left_behind(out.string()), std::vector<pid_t>{});
  fs::remove_all(dir);
}

// A unit whose client searches for 4 leading zero bytes of a DHE secret (about 2^32 tries; the
// default bound of 2^22 tries alone takes tens of seconds): SIGTERM ends the run within 1.5 s.
TEST(SignalStop, AGracefulStopDoesNotWaitForAKeySearch) {
  if (!harness::find_program("openssl")) GTEST_SKIP() << "openssl is not installed";
  const fs::path dir = testutil::fresh_dir("stop-key-search");
  const fs::path profiles = testutil::openssl_profiles(dir / "profiles"), out = dir / "out";
  fs::create_directories(dir / "catalog");
  std::ofstream(dir / "catalog" / "ks.json") << R"({"family": "ks", "title": "a long key search", "scenarios": [
    {"id": "ks.search.srv", "title": "four leading zero bytes", "role": "server", "requires": ["dhe"],
     "rfc": [{"rfc": "5246", "section": "8.1.2", "level": "MUST", "requirement": "Z is stripped."}],
     "connections": [{"peer": {"suites": ["dhe"]}, "quirks": {"ForceLeadingZeroBytes": 4},
                      "expect": {"outcome": "complete"}}]}]})";
  auto proc = testutil::start_cli({"run", "--profiles", profiles.string(), "--catalog", (dir / "catalog").string(),
                                   "--iut", "openssl", "--out", out.string(), "--quiet"},
                                  dir / "cli.log");
  ASSERT_TRUE(proc);
  ASSERT_TRUE(unit_started(out, std::chrono::seconds(20))) << testutil::slurp(dir / "cli.log");
  // The search is running when tlsconform keeps a CPU busy (waiting for an answer costs none).
  long busy = 0;
  for (int i = 0; i < 10 && busy < 5; ++i) {
    const long before = cpu_ticks(proc->pid());
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    busy = cpu_ticks(proc->pid()) - before;
  }
  ASSERT_GE(busy, 5) << "no key search seen running\n" << testutil::slurp(dir / "cli.log");
  ASSERT_TRUE(proc->running()) << testutil::slurp(dir / "cli.log");
  const auto t0 = Clock::now();
  ::kill(proc->pid(), SIGTERM);
  auto st = proc->wait_for(std::chrono::seconds(30));
  const double stop_s = std::chrono::duration<double>(Clock::now() - t0).count();
  ASSERT_TRUE(st.has_value());
  EXPECT_EQ(st->code, 128 + SIGTERM) << testutil::slurp(dir / "cli.log");
  EXPECT_LE(stop_s, 1.5) << "the stop waited for the key search";
  RecordProperty("stop_ms", static_cast<int>(stop_s * 1000));
  auto read = results::read_results(out / "results.json");
  EXPECT_TRUE(read.problems.empty()) << (read.problems.empty() ? "" : read.problems.front());
  EXPECT_EQ(testutil::left_behind(out.string()), std::vector<pid_t>{});
  fs::remove_all(dir);
}

}  // namespace
}  // namespace tlsc
