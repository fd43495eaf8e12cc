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
  write_run_json(f.openssl_json, {"run-openssl", "0.1.0", "2026-01-01T00:00:00Z", "2026-01-01T00:10:00Z", 1, {}},
                 f.openssl, &err);
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

}  // namespace
