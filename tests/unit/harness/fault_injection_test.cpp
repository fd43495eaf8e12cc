// Fault injection: `tlsconform run` against fake IUTs (tests/fault/fake_iut.cpp) that never get
// ready, exit at once, crash, hang, close or answer garbage, and a client that never connects.
// Each must end in its own verdict and reason, within its deadline, with no process left.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <nlohmann/json.hpp>

#include "run_test_util.h"

namespace tlsc {
namespace {

using testutil::fs::path;

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif
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
  std::vector<std::string> extra_args = {};  // more CLI options (e.g. --unit-timeout-ms)
  std::string io_timeout_ms = "1000";
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
  std::vector<std::string> args = {"run", "--profiles", write_profile(dir / "profiles", f).string(), "--catalog",
                                   TLSC_FAULT_CATALOG, "--iut", "fake-" + f.mode, "--scenario", f.scenario, "--out",
                                   out.string(), "--jobs", "1", "--quiet", "--io-timeout-ms", f.io_timeout_ms};
  args.insert(args.end(), f.extra_args.begin(), f.extra_args.end());
  auto run = testutil::run_cli(args, dir / "cli.log", std::chrono::seconds(30));
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
  // Issue 13: an error (an IUT that never got ready) took its time too; a failure's reason does
  // not also say the IUT behaved as required.
  EXPECT_GT(r.duration_s, f.verdict == "error" && f.mode == "no-listen" ? 0.9 : 0.0);
  if (f.verdict == "skip") {
    EXPECT_LT(r.duration_s, 1.0) << "an IUT that exited 89 ends its unit at once";
  }
  if (f.verdict == "fail") {
    EXPECT_EQ(r.reason.find("behaved as required"), std::string::npos) << r.reason;
  }
  if (f.iut_fault.empty())
    EXPECT_FALSE(r.observations.contains("iut_fault"));
  else
    EXPECT_EQ(r.observations.value("iut_fault", ""), f.iut_fault);

  // Issue 13: whatever the IUT sent, what we recorded and the memory we used stay bounded (a
  // stream of warning alerts once made 1.6 GB of transcripts and 4.9 GB of RSS).
  std::error_code ec;
  uintmax_t recorded = 0;
  for (const auto& t : r.transcripts) recorded += fs::file_size(out / t, ec);
  EXPECT_LT(recorded, uintmax_t{1} << 20) << "bytes of transcripts";
  rusage children{};
  ASSERT_EQ(::getrusage(RUSAGE_CHILDREN, &children), 0);
  if (!kSanitized) {  // ASan's shadow memory alone takes more
    EXPECT_LT(children.ru_maxrss, 100 * 1024) << "KiB: the largest RSS of a process this test ran";
  }

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
        // Garbage read as a record header is an oversized record (RFC 5246 6.2.1); the diagnosis says what it was.
        Fault{"garbage", "server", "fault.complete.srv", "fail", 1, {"RecordOverflow"},
              {"not TLS: the IUT server answered with bytes that are not a TLS record (48 54 54 50"}, "not-tls", 5},
        // A flood of warning alerts ends at the cap (RFC 5246 7.2), with that as the reason.
        Fault{"alerts", "server", "fault.complete.srv", "fail", 1, {"the IUT server sent more than 16 warning alerts"},
              {"the IUT server sent more than 16 warning alerts (the last: user_canceled) after our client_hello"},
              "flood", 5},
        // ... even where an abort would be acceptable: flooding is not an answer.
        Fault{"alerts", "server", "fault.abort-ok.srv", "fail", 1, {"sent more than 16 warning alerts"},
              {"sent more than 16 warning alerts"}, "flood", 5},
        // One alert every 2 s never lets a read time out: the unit's deadline ends it.
        Fault{"drip", "server", "fault.complete.srv", "fail", 1,
              {"the IUT server kept the connection going past the unit's deadline of 3000 ms"},
              {"past the unit's deadline of 3000 ms after our client_hello"}, "deadline", 8,
              {"--unit-timeout-ms", "3000"}, "2500"},
        Fault{"no-connect", "client", "fault.complete.cli", "error", 3,
              {"the IUT client did not connect", "ran until its deadline of 1000 ms and was killed"}, {}, "hung", 8},
        // Exit 89 (docs/iut-adapters.md): a skip at once, with the shim's line as the reason; a
        // run whose only result is a skip tested nothing (exit 4).
        Fault{"unsupported", "client", "fault.complete.cli", "skip", 4,
              {"the IUT client does not support this unit's settings (exit 89): tlsc-shim: unsupported: the fake IUT "
               "does not do this"},
              {}, "unsupported", 5},
        Fault{"unsupported-late", "server", "fault.complete.srv", "skip", 4,
              {"the IUT server does not support this unit's settings (exit 89): tlsc-shim: unsupported: the fake IUT "
               "does not do this"},
              {}, "unsupported", 5}),
    [](const auto& info) {
      std::string n = info.param.mode + "_" + info.param.scenario;
      for (auto& c : n)
        if (!isalnum(static_cast<unsigned char>(c))) c = '_';
      return n;
    });

// --resume DIR continues the run in DIR: another --iut is one line and exit 2, not a silent merge.
TEST(ResumeSelection, AnotherIutIsAUsageError) {
  const fs::path dir = testutil::fresh_dir("resume-other-iut");
  const fs::path profiles = dir / "profiles", out = dir / "out";
  write_profile(profiles, Fault{"exit", "server", "fault.complete.srv", "error", 3, {}, {}, "", 5});
  write_profile(profiles, Fault{"crash", "server", "fault.complete.srv", "fail", 1, {}, {}, "", 5});
  auto first = testutil::run_cli({"run", "--profiles", profiles.string(), "--catalog", TLSC_FAULT_CATALOG, "--iut",
                                  "fake-exit", "--scenario", "fault.complete.srv", "--out", out.string(), "--quiet"},
                                 dir / "first.log", std::chrono::seconds(30));
  ASSERT_EQ(first.exit_code, 3) << first.output;
  auto again = testutil::run_cli({"run", "--profiles", profiles.string(), "--catalog", TLSC_FAULT_CATALOG, "--iut",
                                  "fake-crash", "--resume", out.string(), "--quiet"},
                                 dir / "again.log", std::chrono::seconds(30));
  EXPECT_EQ(again.exit_code, 2) << again.output;
  EXPECT_EQ(again.output, "tlsconform run: --resume " + out.string() +
                              ": the recorded run has results of IUT 'fake-exit' and this run's IUTs are fake-crash: "
                              "resume with the first run's --iut\n");
  EXPECT_EQ(results::read_jsonl(out / "results.jsonl").results.size(), 1u) << "the recorded run was changed";
  fs::remove_all(dir);
}

}  // namespace
}  // namespace tlsc
