// Interruption and resumption of `tlsconform run` with the real binary against OpenSSL:
// SIGINT/SIGTERM stop everything and write results.json of what finished; SIGKILL keeps every
// finished result in results.jsonl; --resume DIR runs the rest and writes the merged results.json
// in plan order. Also: two runs with one seed give the same verdicts.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <map>
#include <tuple>
#include <set>

#include "harness/resume.h"
#include "run_test_util.h"
#include "scenarios/loader.h"

namespace tlsc {
namespace {

namespace fs = std::filesystem;

// Families that run in a few seconds against OpenSSL (ecdhe's leading-zero searches take a random
// number of s_client runs, up to tens of seconds).
const std::vector<std::string> kFamilies = {"--family", "ems", "--family", "certreq"};

std::vector<std::string> planned_ids() {
  std::vector<std::string> ids;
  for (const auto& s : scenarios::load_catalog(scenarios::default_catalog_dir()))
    if (s.family == "ems" || s.family == "certreq") ids.push_back(s.id);
  return ids;
}

class RunInterruption : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!harness::find_program("openssl")) GTEST_SKIP() << "openssl is not installed";
    dir_ = testutil::fresh_dir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    profiles_ = testutil::openssl_profiles(dir_ / "profiles");
    out_ = dir_ / "out";
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }
  std::vector<std::string> run_args(std::vector<std::string> extra) const {
    std::vector<std::string> a = {"run", "--profiles", profiles_.string(), "--iut", "openssl", "--seed", "7"};
    a.insert(a.end(), kFamilies.begin(), kFamilies.end());
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
  }
  // Starts a run, waits for `n` finished results, sends `sig` to tlsconform only.
  int interrupt_after(size_t n, int sig) {
    auto proc = testutil::start_cli(run_args({"--out", out_.string(), "--jobs", "1"}), dir_ / "first.log");
    EXPECT_TRUE(testutil::wait_for_lines(out_ / "results.jsonl", n, std::chrono::seconds(60)));
    ::kill(proc->pid(), sig);
    auto st = proc->wait_for(std::chrono::seconds(15));
    EXPECT_TRUE(st.has_value()) << "tlsconform did not stop within 15 s of signal " << sig;
    proc->stop(std::chrono::milliseconds(100));
    if (!st) return -1;
    return st->exited ? st->code : 1000 + st->signal;  // killed: not an exit code
  }
  // Resumes; checks the merged results.json: every planned unit once, in plan order, and the
  // results recorded before the interruption unchanged.
  void resume_and_check(const std::vector<results::Result>& before) {
    auto run = testutil::run_cli(run_args({"--resume", out_.string(), "--jobs", "2", "--quiet"}), dir_ / "resume.log",
                                 std::chrono::seconds(120));
    ASSERT_TRUE(run.exit_code == 0 || run.exit_code == 1) << run.output;  // 1: OpenSSL's known deviations
    auto merged = results::read_results(out_ / "results.json");
    ASSERT_TRUE(merged.problems.empty()) << merged.problems.front();
    std::vector<std::string> order;
    for (const auto& r : merged.results) order.push_back(r.scenario);
    EXPECT_EQ(order, planned_ids());
    std::map<std::string, results::Result> by_id;
    for (const auto& r : merged.results) by_id[r.scenario] = r;
    for (const auto& b : before) {
      ASSERT_TRUE(by_id.count(b.scenario)) << b.scenario;
      EXPECT_EQ(by_id[b.scenario], b) << b.scenario << " changed on resume";
    }
    ASSERT_TRUE(merged.run.has_value());
    EXPECT_EQ(merged.run->run_id, before.front().run_id);
    EXPECT_EQ(merged.run->seed, 7u);
    EXPECT_EQ(testutil::jsonl_lines(out_ / "results.jsonl"), planned_ids().size());
    EXPECT_EQ(testutil::left_behind(out_.string()), std::vector<pid_t>{});
  }

  fs::path dir_, profiles_, out_;
};

TEST_F(RunInterruption, SigintStopsEverythingWritesFinishedResultsThenResumeCompletes) {
  EXPECT_EQ(interrupt_after(3, SIGINT), 130);
  EXPECT_EQ(testutil::left_behind(out_.string()), std::vector<pid_t>{}) << "processes of the run are left";
  const std::string log = testutil::slurp(dir_ / "first.log");
  EXPECT_NE(log.find("interrupted (signal 2)"), std::string::npos) << log;
  EXPECT_NE(log.find("--resume " + out_.string()), std::string::npos) << log;

  auto lines = results::read_jsonl(out_ / "results.jsonl");
  ASSERT_TRUE(lines.problems.empty()) << lines.problems.front();
  auto written = results::read_results(out_ / "results.json");
  ASSERT_TRUE(written.problems.empty()) << written.problems.front();
  // results.json holds exactly the finished units, and not all of them ran.
  EXPECT_GE(written.results.size(), 3u);
  EXPECT_LT(written.results.size(), planned_ids().size());
  std::set<std::string> a, b;
  for (const auto& r : lines.results) a.insert(r.scenario);
  for (const auto& r : written.results) b.insert(r.scenario);
  EXPECT_EQ(a, b);
  resume_and_check(written.results);
}

TEST_F(RunInterruption, SigtermStopsEverything) {
  EXPECT_EQ(interrupt_after(2, SIGTERM), 128 + SIGTERM);
  EXPECT_EQ(testutil::left_behind(out_.string()), std::vector<pid_t>{});
  auto written = results::read_results(out_ / "results.json");
  ASSERT_TRUE(written.problems.empty()) << written.problems.front();
  EXPECT_GE(written.results.size(), 2u);
  EXPECT_LT(written.results.size(), planned_ids().size());
}

TEST_F(RunInterruption, SigkillKeepsEveryFinishedResultThenResumeCompletes) {
  EXPECT_EQ(interrupt_after(4, SIGKILL), 1000 + SIGKILL);
  // tlsconform had no chance to stop the IUT it was running: its reaper does
  // (harness/process/reaper.h). The orphans come back to this test process (a subreaper): reap them.
  auto left = testutil::left_behind(out_.string());
  while (::waitpid(-1, nullptr, WNOHANG) > 0) {
  }
  EXPECT_EQ(left, std::vector<pid_t>{}) << "processes of the killed run are left";
  for (pid_t p : left) ::kill(-::getpgid(p), SIGKILL);
  EXPECT_FALSE(fs::exists(out_ / "results.json"));
  auto lines = results::read_jsonl(out_ / "results.jsonl");
  // One write + fdatasync per result: every finished result is a whole line.
  EXPECT_TRUE(lines.problems.empty()) << lines.problems.front();
  ASSERT_GE(lines.results.size(), 4u);
  for (const auto& r : lines.results) EXPECT_EQ(r.iut, "openssl");
  resume_and_check(lines.results);
}

TEST(RunDeterminism, SameSeedSameVerdictsInPlanOrder) {
  if (!harness::find_program("openssl")) GTEST_SKIP() << "openssl is not installed";
  const fs::path dir = testutil::fresh_dir("determinism");
  const fs::path profiles = testutil::openssl_profiles(dir / "profiles");
  std::vector<std::vector<std::tuple<std::string, std::string, uint64_t>>> runs;
  for (const char* jobs : {"1", "2"}) {
    const fs::path out = dir / (std::string("out-") + jobs);
    std::vector<std::string> args = {"run", "--profiles", profiles.string(), "--iut", "openssl", "--seed", "7", "--out", out.string(),
                                     "--jobs", jobs, "--quiet"};
    args.insert(args.end(), kFamilies.begin(), kFamilies.end());
    auto run = testutil::run_cli(args, dir / "cli.log", std::chrono::seconds(120));
    ASSERT_TRUE(run.exit_code == 0 || run.exit_code == 1) << run.output;
    auto read = results::read_results(out / "results.json");
    ASSERT_TRUE(read.problems.empty()) << read.problems.front();
    runs.emplace_back();
    for (const auto& r : read.results)
      runs.back().emplace_back(r.scenario, std::string(results::to_string(r.verdict)), r.seed);
  }
  ASSERT_EQ(runs[0].size(), planned_ids().size());
  EXPECT_EQ(runs[0], runs[1]);
  for (size_t i = 0; i < runs[0].size(); ++i) EXPECT_EQ(std::get<0>(runs[0][i]), planned_ids()[i]);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace tlsc
