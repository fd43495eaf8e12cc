// No IUT outlives tlsconform, however it ends (harness/process/reaper.h): SIGKILL of tlsconform
// in the middle of a unit whose fake IUT server has forked two helpers (one in its process group,
// one that left it with setsid) leaves no process of the run within a deadline, and --resume then
// completes the run; a normal run also kills the helper that left its group.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <nlohmann/json.hpp>

#include "run_test_util.h"

namespace tlsc {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// A profile whose server is the fake IUT in mode hang-spawn; {workdir} in its argv makes its
// processes (helpers included: fork without exec) findable by the run folder.
fs::path hang_spawn_profiles(const fs::path& dir) {
  fs::create_directories(dir);
  nlohmann::json p;
  p["name"] = "fake-hang-spawn";
  p["title"] = "fake IUT: hangs after forking two helpers";
  p["programs"] = {TLSC_FAKE_IUT_PATH};
  p["capabilities"] = nlohmann::json::array();
  p["server"] = {{"argv", {TLSC_FAKE_IUT_PATH, "server", "hang-spawn", "{port}", "{workdir}"}},
                 {"ready_line", "ACCEPT"},
                 {"ready_timeout_ms", 5000}};
  std::ofstream(dir / "fake-hang-spawn.json") << p.dump(2);
  return dir;
}

// Processes of the run: those whose command line mentions `needle`, waited for up to `deadline`.
std::vector<pid_t> left_after(const std::string& needle, std::chrono::milliseconds deadline) {
  const auto end = std::chrono::steady_clock::now() + deadline;
  while (true) {
    while (::waitpid(-1, nullptr, WNOHANG) > 0) {  // orphans came back to us (a subreaper)
    }
    auto left = testutil::processes_mentioning(needle);
    if (left.empty() || std::chrono::steady_clock::now() >= end) return left;
    std::this_thread::sleep_for(20ms);
  }
}

// A failing test must not leave its processes behind either.
void kill_all(const std::string& needle) {
  for (pid_t p : testutil::processes_mentioning(needle)) {
    const pid_t g = ::getpgid(p);
    if (g > 1 && g != ::getpgrp()) ::kill(-g, SIGKILL);
    ::kill(p, SIGKILL);
  }
  left_after(needle, 2s);
}

class Reaper : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testutil::fresh_dir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    profiles_ = hang_spawn_profiles(dir_ / "profiles");
    out_ = dir_ / "out";
  }
  void TearDown() override {
    kill_all(dir_.string());
    fs::remove_all(dir_);
  }
  std::vector<std::string> args(std::vector<std::string> extra) const {
    std::vector<std::string> a = {"run",    "--profiles", profiles_.string(), "--catalog", TLSC_FAULT_CATALOG,
                                  "--iut",  "fake-hang-spawn", "--role", "server", "--jobs", "1", "--seed", "5"};
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
  }
  fs::path dir_, profiles_, out_;
};

TEST_F(Reaper, SigkillOfTlsconformLeavesNoIutThenResumeCompletes) {
  // Two server units (fault.complete.srv, then fault.abort-ok.srv), each hanging for the I/O
  // timeout: the first finishes, the second is in flight when tlsconform is killed.
  auto proc = testutil::start_cli(args({"--out", out_.string(), "--io-timeout-ms", "6000"}), dir_ / "first.log");
  ASSERT_TRUE(proc);
  ASSERT_TRUE(testutil::wait_for_lines(out_ / "results.jsonl", 1, 60s)) << testutil::slurp(dir_ / "first.log");
  auto first = results::read_jsonl(out_ / "results.jsonl");
  ASSERT_EQ(first.results.size(), 1u);
  // The second unit's server and both its helpers are up.
  const std::string second = first.results[0].scenario == "fault.complete.srv" ? "fault.abort-ok.srv" : "fault.complete.srv";
  const std::string unit = (out_ / "units" / "fake-hang-spawn" / "default" / second).string();
  const auto end = std::chrono::steady_clock::now() + 20s;
  while (testutil::processes_mentioning(unit).size() < 3 && std::chrono::steady_clock::now() < end)
    std::this_thread::sleep_for(20ms);
  ASSERT_EQ(testutil::processes_mentioning(unit).size(), 3u) << "the fake server and its two helpers";

  ::kill(proc->pid(), SIGKILL);
  auto st = proc->wait_for(5s);
  ASSERT_TRUE(st.has_value());
  EXPECT_EQ(st->signal, SIGKILL);
  // Nothing of the run is left: not the IUT's group, not the helper that left it, not the reaper.
  EXPECT_EQ(left_after(out_.string(), 5s), std::vector<pid_t>{}) << "processes of the killed run are left";
  EXPECT_NE(testutil::slurp(dir_ / "first.log").find("died without stopping its IUTs: killed 1 registered process group(s)"),
            std::string::npos)
      << testutil::slurp(dir_ / "first.log");
  EXPECT_FALSE(fs::exists(out_ / "results.json"));

  // --resume runs the unit that was in flight (quicker now) and writes both results in plan order.
  auto run = testutil::run_cli(args({"--resume", out_.string(), "--io-timeout-ms", "1000", "--quiet"}),
                               dir_ / "resume.log", 60s);
  EXPECT_EQ(run.exit_code, 1) << run.output;  // both units fail: the IUT hangs
  auto merged = results::read_results(out_ / "results.json");
  ASSERT_TRUE(merged.problems.empty()) << merged.problems.front();
  ASSERT_EQ(merged.results.size(), 2u);
  EXPECT_EQ(merged.results[0].scenario, "fault.complete.srv");
  EXPECT_EQ(merged.results[1].scenario, "fault.abort-ok.srv");
  for (const auto& r : merged.results) {
    if (r.scenario == first.results[0].scenario) {
      EXPECT_EQ(r, first.results[0]) << "a recorded result changed";
    }
  }
  EXPECT_EQ(left_after(out_.string(), 5s), std::vector<pid_t>{}) << "processes of the resumed run are left";
}

TEST_F(Reaper, NormalRunKillsTheHelperThatLeftItsGroup) {
  auto run = testutil::run_cli(args({"--out", out_.string(), "--scenario", "fault.complete.srv", "--io-timeout-ms",
                                     "500", "--quiet"}),
                               dir_ / "cli.log", 60s);
  EXPECT_EQ(run.exit_code, 1) << run.output;
  // The run stopped the server's group itself; the setsid helper was only reachable by the token.
  EXPECT_EQ(left_after(out_.string(), 2s), std::vector<pid_t>{}) << "processes of the run are left";
  EXPECT_NE(run.output.find("at the end of the run: killed 0 registered process group(s) and "),
            std::string::npos)
      << run.output;
}

}  // namespace
}  // namespace tlsc
