// Issue 14, CI-grade runs: a run that tested nothing is never green (exit 4, --fail-on-skip,
// report --gate), built-in expectations are applied by default and unused ones are said,
// --shard K/N merged equals the unsharded run, and a printed rerun command reproduces its verdict.
// The IUT is our own engine (tlsconform-peer), so the runs are short.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <map>
#include <sstream>
#include <tuple>

#include <nlohmann/json.hpp>

#include "run_test_util.h"

namespace tlsc {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

class CiGate : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testutil::fresh_dir(std::string("ci-") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
  }
  void TearDown() override {
    ::unsetenv("TLSC_EXPECTATIONS");
    fs::remove_all(dir_);
  }
  testutil::CliRun cli(const std::string& log, std::vector<std::string> args) {
    return testutil::run_cli(args, dir_ / (log + ".log"), 180s);
  }
  std::vector<results::Result> results_of(const fs::path& file) {
    auto read = results::read_results(file);
    EXPECT_TRUE(read.problems.empty()) << read.problems.front();
    return read.results;
  }
  // A profiles folder with the peer profile and one whose program does not exist.
  fs::path profiles() {
    const fs::path p = dir_ / "profiles";
    fs::create_directories(p);
    auto peer = nlohmann::json::parse(testutil::slurp(fs::path(TLSC_SOURCE_DIR) / "iut/profiles/tlsconform-peer.json"));
    std::ofstream(p / "tlsconform-peer.json") << peer.dump(2);
    peer["name"] = "not-installed";
    peer["programs"] = {"/nonexistent/tlsc-no-such-iut"};
    std::ofstream(p / "not-installed.json") << peer.dump(2);
    return p;
  }
  fs::path dir_;
};

TEST_F(CiGate, ARunWhoseEveryResultIsASkipExits4) {
  auto run = cli("skip", {"run", "--profiles", profiles().string(), "--iut", "not-installed", "--family", "ems",
                          "--out", (dir_ / "out").string(), "--quiet"});
  EXPECT_EQ(run.exit_code, 4) << run.output;
  EXPECT_NE(run.output.find("tlsconform run: nothing was tested: every result is a skip (exit 4)"), std::string::npos)
      << run.output;
  for (const auto& r : results_of(dir_ / "out" / "results.json")) EXPECT_EQ(r.verdict, results::Verdict::skip);
  // The gate of the report agrees; without --gate a report is only a report.
  EXPECT_EQ(cli("r1", {"report", (dir_ / "out" / "results.json").string(), "--gate", "-o", (dir_ / "a.txt").string()})
                .exit_code,
            4);
  EXPECT_EQ(cli("r2", {"report", (dir_ / "out" / "results.json").string(), "-o", (dir_ / "b.txt").string()}).exit_code, 0);
}

TEST_F(CiGate, FailOnSkipMakesOneSkipFailTheRun) {
  // The statistical scenario skips without --repeat; the other one passes.
  const std::vector<std::string> base = {"run", "--profiles", profiles().string(), "--iut", "tlsconform-peer",
                                         "--scenario", "dhe.natural-rate.srv", "--scenario", "ems.full.negotiated.srv",
                                         "--quiet"};
  auto with = [&](const std::string& out, std::vector<std::string> more) {
    auto a = base;
    a.insert(a.end(), {"--out", (dir_ / out).string()});
    a.insert(a.end(), more.begin(), more.end());
    return cli(out, a);
  };
  auto lenient = with("lenient", {});
  EXPECT_EQ(lenient.exit_code, 0) << lenient.output;
  auto strict = with("strict", {"--fail-on-skip"});
  EXPECT_EQ(strict.exit_code, 4) << strict.output;
  EXPECT_NE(strict.output.find("--fail-on-skip: a result is a skip"), std::string::npos) << strict.output;
  const std::string file = (dir_ / "lenient" / "results.json").string();
  EXPECT_EQ(cli("g1", {"report", file, "--gate", "-o", (dir_ / "g1.txt").string()}).exit_code, 0);
  EXPECT_EQ(cli("g2", {"report", file, "--gate", "--fail-on-skip", "-o", (dir_ / "g2.txt").string()}).exit_code, 4);
}

// A built-in expectations file (here TLSC_EXPECTATIONS/<iut>.json) applies without --expect; the
// result names it; --no-default-expect leaves it out; an entry that matches nothing is said once.
TEST_F(CiGate, DefaultExpectationsApplyAndUnusedOnesAreSaid) {
  const fs::path exp = dir_ / "expectations";
  fs::create_directories(exp);
  std::ofstream(exp / "tlsconform-peer.json") << R"({"iut": "tlsconform-peer", "expectations": [
    {"scenario": "dhe.z-leading-zero.*", "config": "pad-dhe", "verdict": "fail", "reason": "the config pads the premaster"},
    {"scenario": "dhe.no-such-scenario", "verdict": "fail", "reason": "stale"}]})";
  ::setenv("TLSC_EXPECTATIONS", exp.c_str(), 1);
  const std::vector<std::string> base = {"run", "--profiles", profiles().string(), "--iut", "tlsconform-peer",
                                         "--config", "pad-dhe", "--scenario", "dhe.z-leading-zero.no-ems.srv",
                                         "--quiet"};
  auto a = base;
  a.insert(a.end(), {"--out", (dir_ / "on").string()});
  auto on = cli("on", a);
  EXPECT_EQ(on.exit_code, 0) << on.output;
  auto r = results_of(dir_ / "on" / "results.json");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].verdict, results::Verdict::xfail) << r[0].reason;
  EXPECT_EQ(r[0].observations.value("expected_by", ""), (exp / "tlsconform-peer.json").string());
  const std::string unused = "unused expectation: 'dhe.no-such-scenario' of IUT 'tlsconform-peer' matches no scenario "
                             "of the catalog";
  const size_t at = on.output.find(unused);
  EXPECT_NE(at, std::string::npos) << on.output;
  EXPECT_EQ(on.output.find(unused, at + 1), std::string::npos) << "said more than once: " << on.output;

  a = base;
  a.insert(a.end(), {"--out", (dir_ / "off").string(), "--no-default-expect"});
  auto off = cli("off", a);
  EXPECT_EQ(off.exit_code, 1) << off.output;
  r = results_of(dir_ / "off" / "results.json");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].verdict, results::Verdict::fail);
  EXPECT_FALSE(r[0].observations.contains("expected_by"));
}

using Key = std::tuple<std::string, std::string, std::string>;  // iut, config, scenario
std::map<Key, std::tuple<std::string, uint64_t, std::string>> by_unit(const std::vector<results::Result>& all) {
  std::map<Key, std::tuple<std::string, uint64_t, std::string>> m;
  for (const auto& r : all)
    m[{r.iut, r.iut_config, r.scenario}] = {std::string(results::to_string(r.verdict)), r.seed, r.diagnosis};
  return m;
}

// --shard K/N for K = 1..3: every unit in exactly one shard; the merged results (and the gate's
// exit code) equal one unsharded run with the same seed.
TEST_F(CiGate, ThreeShardsMergedEqualTheUnshardedRun) {
  const std::vector<std::string> base = {"run", "--profiles", profiles().string(), "--iut", "tlsconform-peer",
                                         "--config", "no-ems", "--family", "ems", "--seed", "11", "--quiet"};
  auto a = base;
  a.insert(a.end(), {"--out", (dir_ / "whole").string()});
  auto whole = cli("whole", a);
  ASSERT_TRUE(whole.exit_code == 0 || whole.exit_code == 1) << whole.output;
  std::vector<std::string> files;
  size_t total = 0;
  for (int k = 1; k <= 3; ++k) {
    a = base;
    const std::string out = (dir_ / ("shard" + std::to_string(k))).string();
    a.insert(a.end(), {"--out", out, "--shard", std::to_string(k) + "/3"});
    auto part = cli("shard" + std::to_string(k), a);
    EXPECT_NE(part.output.find("--shard " + std::to_string(k) + "/3: "), std::string::npos) << part.output;
    total += results_of(fs::path(out) / "results.json").size();
    files.push_back(out + "/results.json");
  }
  const auto unsharded = results_of(dir_ / "whole" / "results.json");
  EXPECT_EQ(total, unsharded.size()) << "a unit ran in two shards, or in none";
  std::vector<std::string> merge = {"report"};
  merge.insert(merge.end(), files.begin(), files.end());
  merge.insert(merge.end(), {"--format", "json", "--gate", "-o", (dir_ / "merged.json").string()});
  auto merged = cli("merge", merge);
  EXPECT_EQ(merged.exit_code, whole.exit_code) << merged.output;
  EXPECT_EQ(by_unit(results_of(dir_ / "merged.json")), by_unit(unsharded));
  EXPECT_GT(unsharded.size(), 10u);
}

// The rerun command a failing result prints, run as printed (plus an --out), gives the verdict,
// seed and diagnosis again.
TEST_F(CiGate, ThePrintedRerunCommandReproducesTheVerdict) {
  auto first = cli("first", {"run", "--profiles", profiles().string(), "--iut", "tlsconform-peer", "--config",
                             "pad-dhe", "--family", "dhe", "--seed", "4242", "--out", (dir_ / "first").string(),
                             "--quiet", "--no-default-expect"});
  ASSERT_EQ(first.exit_code, 1) << first.output;
  const std::string md = testutil::slurp(dir_ / "first" / "report.md");
  const auto at = md.find("tlsconform run --iut tlsconform-peer");
  ASSERT_NE(at, std::string::npos) << md;
  std::istringstream words(md.substr(at, md.find_first_of("`\n", at) - at));
  std::vector<std::string> args;
  for (std::string w; words >> w;) args.push_back(w);
  ASSERT_GT(args.size(), 2u);
  args.erase(args.begin());  // "tlsconform"
  const auto scenario = std::find(args.begin(), args.end(), "--scenario");
  ASSERT_NE(scenario, args.end());
  const std::string id = *(scenario + 1);
  args.insert(args.end(), {"--out", (dir_ / "again").string(), "--quiet"});
  cli("again", args);
  auto before = by_unit(results_of(dir_ / "first" / "results.json"));
  auto after = by_unit(results_of(dir_ / "again" / "results.json"));
  ASSERT_EQ(after.size(), 1u);
  const Key key{"tlsconform-peer", "pad-dhe", id};
  ASSERT_TRUE(before.count(key));
  EXPECT_EQ(after[key], before[key]);
  EXPECT_EQ(std::get<0>(after[key]), "fail");
}

}  // namespace
}  // namespace tlsc
