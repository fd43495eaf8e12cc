// Fault injection: `tlsconform run` against fake IUTs (tests/fault/fake_iut.cpp) that never get
// ready, exit at once, crash, hang, close or answer garbage, and a client that never connects.
// Each must end in its own verdict and reason, within its deadline, with no process left.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "run_test_util.h"

namespace tlsc {
namespace {

using testutil::fs::path;
namespace fs = std::filesystem;

struct Fault {
  std::string mode;      // fake IUT mode
  std::string role;      // server|client
  std::string scenario;  // in tests/fault/catalog
  std::string verdict;
  int exit_code;
  std::vector<std::string> reason_has;     // substrings of the reason
  std::vector<std::string> diagnosis_has;  // substrings of the diagnosis
  std::string iut_fault;                   // observation "iut_fault" ("" : none)
  double max_seconds;                      // the whole CLI run
};

void PrintTo(const Fault& f, std::ostream* os) { *os << f.mode << "/" << f.scenario; }

// One profile per mode: the fake binary with the unit folder as a tag in its argv, so the
// processes of this test can be found in /proc.
fs::path write_profile(const fs::path& dir, const Fault& f) {
  fs::create_directories(dir);
  nlohmann::json p;
  p["name"] = "fake-" + f.mode;
  p["title"] = "fake IUT: " + f.mode;
  p["programs"] = {TLSC_FAKE_IUT_PATH};
  p["capabilities"] = nlohmann::json::array();
  if (f.role == "server")
    p["server"] = {{"argv", {TLSC_FAKE_IUT_PATH, "server", f.mode, "{port}", "{workdir}"}},
                   {"ready_line", "ACCEPT"},
                   {"ready_timeout_ms", 1000}};
  else
    p["client"] = {{"argv", {TLSC_FAKE_IUT_PATH, "client", f.mode, "{port}", "{workdir}"}}, {"timeout_ms", 1000}};
  std::ofstream(dir / ("fake-" + f.mode + ".json")) << p.dump(2);
  return dir;
}

class FaultInjection : public ::testing::TestWithParam<Fault> {};

TEST_P(FaultInjection, OwnReasonWithinDeadlineNothingLeft) {
  const Fault& f = GetParam();
  const fs::path dir = testutil::fresh_dir("fault-" + f.mode + "-" + f.scenario);
  const fs::path out = dir / "out";
  auto run = testutil::run_cli({"run", "--profiles", write_profile(dir / "profiles", f).string(), "--catalog",
                                TLSC_FAULT_CATALOG, "--iut", "fake-" + f.mode, "--scenario", f.scenario, "--out",
                                out.string(), "--jobs", "1", "--quiet", "--io-timeout-ms", "1000"},
                               dir / "cli.log", std::chrono::seconds(30));
  ASSERT_EQ(run.exit_code, f.exit_code) << run.output;
  EXPECT_LT(run.seconds, f.max_seconds) << "the run took too long";

  auto read = results::read_results(out / "results.json");
  ASSERT_TRUE(read.problems.empty()) << read.problems.front();
  ASSERT_EQ(read.results.size(), 1u);
  const auto& r = read.results[0];
  EXPECT_EQ(r.scenario, f.scenario);
  EXPECT_EQ(results::to_string(r.verdict), f.verdict) << r.reason;
  for (const auto& s : f.reason_has) EXPECT_NE(r.reason.find(s), std::string::npos) << "reason: " << r.reason;
  for (const auto& s : f.diagnosis_has)
    EXPECT_NE(r.diagnosis.find(s), std::string::npos) << "diagnosis: " << r.diagnosis << "\nreason: " << r.reason;
  if (f.iut_fault.empty())
    EXPECT_FALSE(r.observations.contains("iut_fault"));
  else
    EXPECT_EQ(r.observations.value("iut_fault", ""), f.iut_fault);

  EXPECT_EQ(testutil::left_behind(out.string()), std::vector<pid_t>{}) << "processes of the run are left";
  fs::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(
    FakeIuts, FaultInjection,
    ::testing::Values(
        Fault{"no-listen", "server", "fault.complete.srv", "error", 3,
              {"the IUT server did not start", "no line containing 'ACCEPT' within 1000 ms"}, {}, "", 5},
        Fault{"exit", "server", "fault.complete.srv", "error", 3,
              {"the IUT server did not start", "exited before it was ready (exit 3)", "exiting at once"}, {}, "", 5},
        Fault{"crash", "server", "fault.complete.srv", "fail", 1,
              {"the IUT server crashed (signal 11", "expected complete"}, {"crashed (signal 11"}, "crashed", 5},
        // A closed connection is an acceptable abort here, but a crash is never a pass.
        Fault{"crash", "server", "fault.abort-ok.srv", "fail", 1, {"the IUT server crashed (signal 11"},
              {"crashed (signal 11"}, "crashed", 5},
        Fault{"hang", "server", "fault.complete.srv", "fail", 1, {"expected complete", "timeout"},
              {"the IUT server hung: no answer within 1000 ms after our client_hello"}, "hung", 6},
        Fault{"close", "server", "fault.complete.srv", "fail", 1, {"expected complete", "closed"},
              {"the IUT server closed the connection after our client_hello without an alert"}, "closed", 5},
        Fault{"garbage", "server", "fault.complete.srv", "fail", 1, {"expected complete"},
              {"not TLS: the IUT server answered with bytes that are not a TLS record (48 54 54 50"}, "not-tls", 5},
        Fault{"no-connect", "client", "fault.complete.cli", "error", 3,
              {"the IUT client did not connect", "ran until its deadline of 1000 ms and was killed"}, {}, "hung", 8}),
    [](const auto& info) {
      std::string n = info.param.mode + "_" + info.param.scenario;
      for (auto& c : n)
        if (!isalnum(static_cast<unsigned char>(c))) c = '_';
      return n;
    });

}  // namespace
}  // namespace tlsc
