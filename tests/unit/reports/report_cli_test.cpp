// `tlsconform report` and `tlsconform diff` as users run them: several files merged, broken
// files reported on one line each with file and position, exit codes 0 / 1 / 2.
#include <gtest/gtest.h>

#include "results/run_store.h"
#include "tests/unit/reports/report_fixture.h"

using namespace tlsc::results;
using namespace tlsc::reports_test;
namespace fs = std::filesystem;

namespace {

void write_jsonl(const fs::path& p, const std::vector<Result>& rs) {
  JsonlWriter w;
  std::string err;
  ASSERT_TRUE(w.open(p, &err)) << err;
  for (const auto& r : rs) ASSERT_TRUE(w.append(r, &err)) << err;
}

struct Files {
  fs::path dir, openssl_json, gnutls_jsonl;
  std::vector<Result> openssl, gnutls;
};

Files make_files(const std::string& name) {
  Files f;
  f.dir = temp_dir(name);
  for (const auto& r : sample_results()) (r.iut == "openssl" ? f.openssl : f.gnutls).push_back(r);
  f.openssl_json = f.dir / "openssl" / "results.json";
  fs::create_directories(f.openssl_json.parent_path());
  std::string err;
  write_run_json(f.openssl_json,
                 {"run-openssl", "0.1.0", "2026-01-01T00:00:00Z", "2026-01-01T00:10:00Z", 1, {}, "lab-host-1"}, f.openssl,
                 &err);
  f.gnutls_jsonl = f.dir / "gnutls.jsonl";
  write_jsonl(f.gnutls_jsonl, f.gnutls);
  return f;
}

TEST(ReportCli, MergesFilesIntoOneMatrix) {
  Files f = make_files("merge");
  const Outcome o = run_cli({"report", f.openssl_json.string(), f.gnutls_jsonl.string(), "--format", "json"});
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_EQ(o.err, "");
  write_file(f.dir / "merged.json", o.out);
  const ReadOutcome back = read_results(f.dir / "merged.json");
  ASSERT_TRUE(back.problems.empty()) << back.problems.front();
  auto all = f.openssl;
  all.insert(all.end(), f.gnutls.begin(), f.gnutls.end());
  EXPECT_EQ(back.results, all);
  EXPECT_EQ(back.run->run_id, "run-gnutls+run-openssl");
  fs::remove_all(f.dir);
}

TEST(ReportCli, TruncatedAndOtherSchemaFilesGetOneLineEachAndTheRestIsUsed) {
  Files f = make_files("broken");
  // An interrupted run: the last line is cut in the middle.
  {
    std::ofstream out(f.gnutls_jsonl, std::ios::app | std::ios::binary);
    out << to_json(f.gnutls.front()).dump().substr(0, 40);
  }
  // A file from another schema version: every line has it.
  std::string other;
  for (int i = 0; i < 3; ++i) {
    auto j = to_json(f.gnutls[static_cast<size_t>(i)]);
    j["schema_version"] = 99;
    other += j.dump() + "\n";
  }
  write_file(f.dir / "future.jsonl", other);
  write_file(f.dir / "garbage.json", "{\n  \"schema_version\": 1, \"results\": [ oops\n");

  const Outcome o = run_cli({"report", f.openssl_json.string(), f.gnutls_jsonl.string(), (f.dir / "future.jsonl").string(),
                             (f.dir / "garbage.json").string(), "--format", "md", "-o", (f.dir / "r.md").string()});
  EXPECT_EQ(o.code, 0) << o.err;
  const auto err_lines = lines_of(o.err);
  ASSERT_EQ(err_lines.size(), 3u) << o.err;
  const std::string n_lines = std::to_string(f.gnutls.size() + 1);
  EXPECT_NE(o.err.find(f.gnutls_jsonl.string() + ":" + n_lines + ": truncated line"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find((f.dir / "future.jsonl").string() + ":1: field 'schema_version' is 99"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("(and 2 more lines like it)"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find((f.dir / "garbage.json").string() + ": byte "), std::string::npos) << o.err;
  // Every readable result made it into the report.
  const std::string md = read_file(f.dir / "r.md");
  for (const auto& r : sample_results()) EXPECT_NE(md.find("`" + r.scenario + "`"), std::string::npos) << r.scenario;
  EXPECT_EQ(o.out, "");
  fs::remove_all(f.dir);
}

TEST(ReportCli, NothingReadableIsExitTwo) {
  const fs::path dir = temp_dir("unreadable");
  write_file(dir / "bad.jsonl", "not json\n");
  Outcome o = run_cli({"report", (dir / "bad.jsonl").string(), (dir / "missing.json").string()});
  EXPECT_EQ(o.code, 2);
  EXPECT_NE(o.err.find((dir / "bad.jsonl").string() + ":1:"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find((dir / "missing.json").string() + ": no such file"), std::string::npos) << o.err;
  o = run_cli({"report", (dir / "bad.jsonl").string(), "--format", "pdf"});
  EXPECT_EQ(o.code, 2);
  fs::remove_all(dir);
}

TEST(ReportCli, EveryFormatWritesSomething) {
  Files f = make_files("formats");
  for (const char* format : {"terminal", "md", "html", "junit", "json", "coverage"}) {
    const Outcome o = run_cli({"report", f.openssl_json.parent_path().string(), f.gnutls_jsonl.string(), "--format", format});
    EXPECT_EQ(o.code, 0) << format << ": " << o.err;
    EXPECT_GT(o.out.size(), 500u) << format;
    EXPECT_EQ(o.out.find('\033'), std::string::npos) << "no colour into a pipe: " << format;
    RecordProperty(std::string("bytes_") + format, static_cast<int>(o.out.size()));
  }
  fs::remove_all(f.dir);
}

// The page `report --format html` writes names the runs it read from results.json (date, version,
// seed, host), says that the results.jsonl run is not recorded, and the tlsconform that wrote it.
TEST(ReportCli, HtmlNamesTheRunsItRead) {
  Files f = make_files("html-runs");
  const Outcome o = run_cli({"report", f.openssl_json.parent_path().string(), f.gnutls_jsonl.string(), "--format", "html"});
  ASSERT_EQ(o.code, 0) << o.err;
  const size_t row = o.out.find("<tr data-run=\"run-openssl\">");
  ASSERT_NE(row, std::string::npos);
  const std::string tr = o.out.substr(row, o.out.find("</tr>", row) - row);
  for (const std::string cell : {"<td class=\"started\">2026-01-01T00:00:00Z</td>", "<td class=\"tool\">0.1.0</td>",
                                 "<td class=\"seed\">1</td>", "<td class=\"host\">lab-host-1</td>"})
    EXPECT_NE(tr.find(cell), std::string::npos) << cell << "\n" << tr;
  const size_t gnutls = o.out.find("<tr data-run=\"run-gnutls\">");
  ASSERT_NE(gnutls, std::string::npos);
  EXPECT_NE(o.out.find("not recorded", gnutls), std::string::npos);
  EXPECT_NE(o.out.find(std::string(" by tlsconform ") + TLSC_VERSION + ".</p>"), std::string::npos);
  fs::remove_all(f.dir);
}

TEST(DiffCli, ExitOneOnRegressionOnly) {
  const fs::path dir = temp_dir("diff");
  auto base = sample_results();
  write_jsonl(dir / "base.jsonl", base);
  Outcome o = run_cli({"diff", (dir / "base.jsonl").string(), (dir / "base.jsonl").string()});
  EXPECT_EQ(o.code, 0) << o.out << o.err;
  EXPECT_NE(o.out.find("0 regressions"), std::string::npos) << o.out;

  auto worse = base;
  size_t flipped = 0;
  for (auto& r : worse)
    if (r.verdict == Verdict::pass && flipped++ < 2) r.verdict = Verdict::fail;
  write_jsonl(dir / "worse.jsonl", worse);
  o = run_cli({"diff", (dir / "base.jsonl").string(), (dir / "worse.jsonl").string()});
  EXPECT_EQ(o.code, 1) << o.out << o.err;
  EXPECT_NE(o.out.find("Newly failing (2):"), std::string::npos) << o.out;
  // The other way round it is two fixes, no regression.
  o = run_cli({"diff", (dir / "worse.jsonl").string(), (dir / "base.jsonl").string()});
  EXPECT_EQ(o.code, 0) << o.out;
  EXPECT_NE(o.out.find("Newly passing (2):"), std::string::npos) << o.out;

  write_file(dir / "bad.jsonl", "{\n");
  o = run_cli({"diff", (dir / "base.jsonl").string(), (dir / "bad.jsonl").string()});
  EXPECT_EQ(o.code, 2);
  EXPECT_NE(o.err.find((dir / "bad.jsonl").string()), std::string::npos) << o.err;
  fs::remove_all(dir);
}

// Lost results are regressions by default (a CI gate on diff must not pass a run that tested
// nothing); --allow-lost relaxes it.
class DiffLost : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = temp_dir("diff-lost");
    base_ = sample_results();
    write_jsonl(dir_ / "base.jsonl", base_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  // diff base NEW: expects `code`, and `count_line` in the output; then --allow-lost gives `relaxed`.
  void expect(const std::string& name, int code, const std::string& count_line, int relaxed = 0) {
    const std::string nw = (dir_ / name).string();
    Outcome o = run_cli({"diff", (dir_ / "base.jsonl").string(), nw});
    EXPECT_EQ(o.code, code) << o.out << o.err;
    EXPECT_NE(o.out.find(count_line), std::string::npos) << o.out;
    o = run_cli({"diff", (dir_ / "base.jsonl").string(), nw, "--allow-lost"});
    EXPECT_EQ(o.code, relaxed) << o.out << o.err;
    EXPECT_NE(o.out.find("(allowed by --allow-lost)"), std::string::npos) << o.out;
  }
  fs::path dir_;
  std::vector<Result> base_;
};

TEST_F(DiffLost, AnEmptyNewRunLosesEverything) {
  write_file(dir_ / "empty.jsonl", "");
  expect("empty.jsonl", 1, std::to_string(base_.size()) + " lost results (" + std::to_string(base_.size()) + " removed, 0 now skipped), 0 unreadable records");
}

TEST_F(DiffLost, RemovedResultsAreLost) {
  auto fewer = base_;
  fewer.resize(base_.size() - 3);
  write_jsonl(dir_ / "fewer.jsonl", fewer);
  expect("fewer.jsonl", 1, "3 lost results (3 removed, 0 now skipped)");
}

TEST_F(DiffLost, PassToSkipIsLost) {
  auto skipped = base_;
  size_t n = 0;
  for (auto& r : skipped)
    if (r.verdict == Verdict::pass && n < 2) {
      r.verdict = Verdict::skip;
      ++n;
    }
  ASSERT_EQ(n, 2u);
  write_jsonl(dir_ / "skipped.jsonl", skipped);
  expect("skipped.jsonl", 1, "2 lost results (0 removed, 2 now skipped)");
}

TEST_F(DiffLost, AnUnreadableRecordIsLostEvenWhenItsKeyIsStillThere) {
  // The new run's copy of one result has a corrupt field: skipped on reading, so it is lost.
  std::string text;
  for (size_t i = 0; i < base_.size(); ++i) {
    auto j = to_json(base_[i]);
    if (i == 0) j["verdict"] = "not-a-verdict";
    text += j.dump() + "\n";
  }
  write_file(dir_ / "corrupt.jsonl", text);
  expect("corrupt.jsonl", 1, "1 lost result (1 removed, 0 now skipped), 1 unreadable record in");
}

TEST_F(DiffLost, PassToErrorIsARegressionEvenWithAllowLost) {
  auto broken = base_;
  for (auto& r : broken)
    if (r.verdict == Verdict::pass) {
      r.verdict = Verdict::error;
      break;
    }
  write_jsonl(dir_ / "error.jsonl", broken);
  Outcome o = run_cli({"diff", (dir_ / "base.jsonl").string(), (dir_ / "error.jsonl").string(), "--allow-lost"});
  EXPECT_EQ(o.code, 1) << o.out;
  EXPECT_NE(o.out.find("Newly failing (1):"), std::string::npos) << o.out;
}

}  // namespace
