// --format json reads back with read_results() to the same results; the coverage table lists
// every cited requirement with the scenarios checking it and per IUT whether it holds.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "results/report/coverage_report.h"
#include "results/report/json_report.h"
#include "results/run_store.h"
#include "tests/unit/reports/report_fixture.h"

using namespace tlsc::results;
using namespace tlsc::reports_test;

namespace {

TEST(ReportJson, MergedResultsReadBackUnchanged) {
  const auto rs = sample_results();
  RunInfo run{"merged", "0.1.0", "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z", 7, {"tlsconform", "report"}, "lab-host-1"};
  const auto dir = temp_dir("json");
  write_file(dir / "merged.json", render_json(run, rs));
  const ReadOutcome back = read_results(dir / "merged.json");
  EXPECT_TRUE(back.problems.empty()) << back.problems.front();
  ASSERT_TRUE(back.run.has_value());
  EXPECT_EQ(*back.run, run);
  EXPECT_EQ(back.results, rs);
  std::filesystem::remove_all(dir);
}

TEST(ReportCoverage, EveryCitedRequirementWithItsScenariosAndHolding) {
  const auto rs = sample_results();
  const auto reqs = build_coverage(rs);
  std::map<std::tuple<std::string, std::string, std::string>, std::set<std::string>> cited;
  for (const Result& r : rs)
    for (const auto& ref : r.rfc) cited[{ref.rfc, ref.section, ref.level}].insert(r.scenario);
  ASSERT_EQ(reqs.size(), cited.size());
  for (const auto& q : reqs) {
    const auto& want = cited.at({q.rfc, q.section, q.level});
    EXPECT_EQ(std::set<std::string>(q.scenarios.begin(), q.scenarios.end()), want) << q.rfc << " " << q.section;
    // Holding per IUT from the input, by the documented rule.
    for (const std::string iut : {"openssl", "gnutls"}) {
      bool fail = false, warn = false, error = false, pass = false;
      for (const Result& r : rs) {
        if (r.iut != iut || !want.count(r.scenario)) continue;
        fail |= r.verdict == Verdict::fail || r.verdict == Verdict::xpass;
        warn |= r.verdict == Verdict::warn;
        error |= r.verdict == Verdict::error;
        pass |= r.verdict == Verdict::pass || r.verdict == Verdict::xfail;
      }
      const Holding expect = fail ? Holding::fails : warn ? Holding::warns : error ? Holding::error : pass ? Holding::holds : Holding::not_run;
      EXPECT_EQ(q.per_iut.at(iut), expect) << q.rfc << " " << q.section << " " << iut;
    }
  }
  // Sorted: RFC 5246 before 5746 before 7627; 7.4.1.4 before 8.1.2.
  EXPECT_EQ(reqs.front().rfc, "5246");
  EXPECT_EQ(reqs.front().section, "7.4.1.4");
  EXPECT_EQ(reqs.back().rfc, "7627");

  // The table: one row per requirement.
  const std::string text = render_coverage(rs);
  size_t rows = 0;
  for (const auto& l : lines_of(text)) rows += l.rfind("| 5246 |", 0) == 0 || l.rfind("| 5746 |", 0) == 0 || l.rfind("| 7627 |", 0) == 0;
  EXPECT_EQ(rows, cited.size()) << text;
}

TEST(ReportCoverage, OnlySkipsIsNotRun) {
  auto r = make("openssl", "default", Role::server, "ems.a.srv", Verdict::skip);
  const auto reqs = build_coverage({r});
  ASSERT_EQ(reqs.size(), 1u);
  EXPECT_EQ(reqs[0].per_iut.at("openssl"), Holding::not_run);
}

}  // namespace
