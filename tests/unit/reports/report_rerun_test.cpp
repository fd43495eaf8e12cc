// Every fail/warn/error carries the one command that reruns that unit (with its own run's seed)
// and its transcripts, in terminal, Markdown and JUnit; JUnit classnames do not change with what
// is merged, and transcripts are [[ATTACHMENT|path]] lines.
#include <gtest/gtest.h>

#include <map>

#include "results/report/junit_report.h"
#include "results/report/markdown_report.h"
#include "results/report/rerun.h"
#include "results/report/terminal_report.h"
#include "tests/unit/reports/report_fixture.h"
#include "tests/unit/reports/xml_reader.h"

using namespace tlsc::results;
using namespace tlsc::reports_test;
namespace fs = std::filesystem;

namespace {

Result failing(const std::string& config, const std::string& run_id) {
  Result r = make("openssl", config, Role::server, "ems.resume.yes-no.id.srv", Verdict::fail);
  r.run_id = run_id;
  r.seed = 7;  // the unit's seed: not what a rerun passes
  r.transcripts = {"units/0001/conn0.pcap", "units/0001/conn0.txt"};
  return r;
}

RunIndex two_runs() {
  RunInfo a{"run-a", "0.1.0", "", "", 2188661136183952314ull, {"tlsconform", "run", "--iut", "openssl"}, "host-a"};
  RunInfo b{"run-b", "0.1.0", "", "", 42, {"tlsconform", "run", "--target", "127.0.0.1:4433", "--iut-name", "box"}, "host-b"};
  return index_runs({a, b});
}

TEST(Rerun, CommandUsesTheRunSeedAndOmitsTheDefaultConfig) {
  const RunIndex runs = two_runs();
  EXPECT_EQ(rerun_command(failing("default", "run-a"), runs),
            "tlsconform run --iut openssl --scenario ems.resume.yes-no.id.srv --seed 2188661136183952314");
  EXPECT_EQ(rerun_command(failing("ems-off", "run-a"), runs),
            "tlsconform run --iut openssl --config ems-off --scenario ems.resume.yes-no.id.srv --seed 2188661136183952314");
  const std::string remote = rerun_command(failing("default", "run-b"), runs);
  EXPECT_EQ(remote.rfind("tlsconform run --target 127.0.0.1:4433 --iut-name box --scenario ems.resume.yes-no.id.srv "
                         "--seed 42 (remote IUT",
                         0),
            0u)
      << remote;
  const std::string unknown = rerun_command(failing("default", "run-z"), runs);
  EXPECT_NE(unknown.find("not in results.jsonl"), std::string::npos) << unknown;
  EXPECT_EQ(unknown.find("--seed 7"), std::string::npos) << "the unit's own seed does not rerun it";
}

TEST(Rerun, TerminalAndMarkdownCarryCommandAndTranscripts) {
  const RunIndex runs = two_runs();
  const std::vector<Result> rs{failing("ems-off", "run-a")};
  const std::string cmd = rerun_command(rs[0], runs);
  const std::string term = render_terminal(rs, false, runs);
  EXPECT_NE(term.find("rerun:     " + cmd + "\n"), std::string::npos) << term;
  EXPECT_NE(term.find("units/0001/conn0.pcap, units/0001/conn0.txt"), std::string::npos) << term;
  const std::string md = render_markdown(rs, runs);
  EXPECT_NE(md.find("- **Rerun:** `" + cmd + "`"), std::string::npos) << md;
  EXPECT_NE(md.find("units/0001/conn0.pcap, units/0001/conn0.txt"), std::string::npos) << md;
}

std::map<std::string, const XmlNode*> testcases(const XmlNode& root) {
  std::map<std::string, const XmlNode*> out;
  for (const XmlNode* suite : root.all("testsuite"))
    for (const XmlNode* tc : suite->all("testcase"))
      out[tc->attrs.at("classname") + "/" + tc->attrs.at("name")] = tc;
  return out;
}

TEST(Rerun, JunitClassnamesStableAttachmentsAndRerunPresent) {
  const RunIndex runs = two_runs();
  Result other = failing("ems-off", "run-a");
  other.verdict = Verdict::pass;
  const std::string one = render_junit({failing("default", "run-a")}, runs);
  const std::string two = render_junit({failing("default", "run-a"), other}, runs);
  std::unique_ptr<XmlNode> r1, r2;
  ASSERT_NO_THROW(r1 = XmlReader::parse(one)) << one;
  ASSERT_NO_THROW(r2 = XmlReader::parse(two)) << two;
  const auto c1 = testcases(*r1), c2 = testcases(*r2);
  const std::string key = "openssl.default.server/ems.resume.yes-no.id.srv";
  ASSERT_EQ(c1.count(key), 1u) << one;
  ASSERT_EQ(c2.count(key), 1u) << "the classname does not change when a second configuration is merged:\n" << two;
  EXPECT_EQ(c2.count("openssl.ems-off.server/ems.resume.yes-no.id.srv"), 1u) << two;

  const XmlNode* tc = c2.at(key);
  const auto failures = tc->all("failure");
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_NE(failures[0]->text.find("rerun: " + rerun_command(failing("default", "run-a"), runs) + "\n"),
            std::string::npos)
      << failures[0]->text;
  const auto out = tc->all("system-out");
  ASSERT_EQ(out.size(), 1u) << two;
  EXPECT_NE(out[0]->text.find("[[ATTACHMENT|units/0001/conn0.pcap]]\n"), std::string::npos) << out[0]->text;
  EXPECT_NE(out[0]->text.find("[[ATTACHMENT|units/0001/conn0.txt]]\n"), std::string::npos) << out[0]->text;
}

}  // namespace

namespace {

// End to end: a results.json written on one line (with its run's 19-digit seed) reads as a run
// file, and the JUnit file's rerun command carries that seed and its attachments point at the
// transcripts relative to the folder of the -o file.
TEST(RerunCli, JunitFromAOneLineRunFileCarriesTheRunSeed) {
  const fs::path dir = temp_dir("rerun-cli");
  Result r = failing("default", "run-a");
  nlohmann::ordered_json j;
  j["schema_version"] = kSchemaVersion;
  j["run"] = {{"run_id", "run-a"}, {"tool_version", "0.1.0"}, {"started", ""}, {"finished", ""},
              {"seed", 2188661136183952314ull}, {"argv", {"tlsconform", "run"}}};
  j["results"] = {to_json(r)};
  fs::create_directories(dir / "run");
  write_file(dir / "run" / "results.json", j.dump());
  Outcome o = run_cli({"report", (dir / "run").string(), "--format", "junit", "-o", (dir / "junit.xml").string()});
  ASSERT_EQ(o.code, 0) << o.err;
  const std::string xml = read_file(dir / "junit.xml");
  EXPECT_NE(xml.find("rerun: tlsconform run --iut openssl --scenario ems.resume.yes-no.id.srv --seed 2188661136183952314\n"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("[[ATTACHMENT|run/units/0001/conn0.pcap]]"), std::string::npos) << xml;
  fs::remove_all(dir);
}

}  // namespace
