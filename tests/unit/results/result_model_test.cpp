#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "results/result.h"
#include "results/run_store.h"

namespace fs = std::filesystem;
using namespace tlsc::results;

namespace {

Result sample(int i = 0) {
  Result r;
  r.run_id = "run-20261128-1";
  r.iut = "openssl";
  r.iut_version = "OpenSSL 3.0.19";
  r.iut_config = "ems-off";
  r.role = Role::client;
  r.scenario = "ems.resume.yes-no.id.cli#" + std::to_string(i);
  r.verdict = Verdict::fail;
  r.reason = "the IUT completed the abbreviated handshake";
  r.deviation = "expected handshake_failure, got decode_error";
  r.diagnosis = "the IUT resumed an EMS session with a ServerHello that lacks EMS";
  r.observations["version"] = "TLS1.2";
  r.observations["resumed"] = true;
  r.observations["handshakes"] = 2;
  r.rfc.push_back({"7627", "5.3", "MUST", "abort when a resumed ServerHello lacks EMS", "strict reading"});
  r.rfc.push_back({"5246", "7.4.1.4", "MUST", "reject unsolicited extensions", ""});
  r.seed = 0xfedcba9876543210ull;
  r.duration_s = 0.125;
  r.transcripts = {"units/0001/conn0.pcap", "units/0001/conn0.keys"};
  return r;
}

fs::path temp_dir(const std::string& name) {
  fs::path d = fs::temp_directory_path() / ("tlsc-results-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

TEST(ResultModel, JsonRoundTripKeepsEveryField) {
  const Result r = sample();
  const auto j = to_json(r);
  EXPECT_EQ(j["schema_version"], kSchemaVersion);
  const Result back = result_from_json(nlohmann::ordered_json::parse(j.dump()));
  EXPECT_EQ(back, r);
  // Each field really travels: changing it changes the JSON.
  Result other = r;
  other.diagnosis = "different";
  EXPECT_NE(to_json(other).dump(), j.dump());
}

TEST(ResultModel, EveryVerdictRoundTripsByName) {
  for (Verdict v : {Verdict::pass, Verdict::fail, Verdict::warn, Verdict::skip, Verdict::error, Verdict::xfail,
                    Verdict::xpass}) {
    auto parsed = parse_verdict(to_string(v));
    ASSERT_TRUE(parsed);
    EXPECT_EQ(*parsed, v);
  }
  EXPECT_FALSE(parse_verdict("passed"));
}

TEST(ResultModel, UnexpectedVerdictsDriveExitCode) {
  EXPECT_TRUE(is_unexpected(Verdict::fail, false));
  EXPECT_TRUE(is_unexpected(Verdict::xpass, false));
  EXPECT_FALSE(is_unexpected(Verdict::warn, false));
  EXPECT_TRUE(is_unexpected(Verdict::warn, true));
  EXPECT_FALSE(is_unexpected(Verdict::xfail, true));
  EXPECT_FALSE(is_unexpected(Verdict::skip, true));
}

TEST(ResultModel, StrictReaderNamesTheBadField) {
  auto j = nlohmann::ordered_json::parse(to_json(sample()).dump());
  j.erase("diagnosis");
  try {
    result_from_json(j);
    FAIL() << "a missing field must be rejected";
  } catch (const FormatError& e) {
    EXPECT_STREQ(e.what(), "missing field 'diagnosis'");
  }
  j = nlohmann::ordered_json::parse(to_json(sample()).dump());
  j["verdict"] = "great";
  EXPECT_THROW(result_from_json(j), FormatError);
  j = nlohmann::ordered_json::parse(to_json(sample()).dump());
  j["schema_version"] = 99;
  try {
    result_from_json(j);
    FAIL();
  } catch (const FormatError& e) {
    EXPECT_NE(std::string(e.what()).find("schema_version"), std::string::npos);
  }
}

TEST(JsonlWriter, ResultsWrittenBeforeACrashAreReadable) {
  const fs::path dir = temp_dir("crash");
  const fs::path file = dir / "results.jsonl";
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    JsonlWriter w;
    if (!w.open(file, nullptr)) ::_exit(10);
    if (!w.append(sample(1), nullptr) || !w.append(sample(2), nullptr)) ::_exit(11);
    ::kill(::getpid(), SIGKILL);  // no destructor, no flush, no close
    ::_exit(12);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the child must die by SIGKILL, status " << status;
  ReadOutcome got = read_jsonl(file);
  EXPECT_TRUE(got.problems.empty()) << got.problems.front();
  ASSERT_EQ(got.results.size(), 2u);
  EXPECT_EQ(got.results[0], sample(1));
  EXPECT_EQ(got.results[1], sample(2));
  fs::remove_all(dir);
}

TEST(JsonlWriter, TruncatedLastLineIsReportedAndTheRestKept) {
  const fs::path dir = temp_dir("trunc");
  const fs::path file = dir / "results.jsonl";
  {
    JsonlWriter w;
    ASSERT_TRUE(w.open(file, nullptr));
    ASSERT_TRUE(w.append(sample(1), nullptr));
    ASSERT_TRUE(w.append(sample(2), nullptr));
  }
  {
    std::ofstream out(file, std::ios::app);
    std::string partial = to_json(sample(3)).dump();
    out << partial.substr(0, partial.size() / 2);
  }
  ReadOutcome got = read_results(file);
  ASSERT_EQ(got.results.size(), 2u);
  ASSERT_EQ(got.problems.size(), 1u);
  EXPECT_EQ(got.problems[0], file.string() + ":3: truncated line (interrupted run?), skipped");
  fs::remove_all(dir);
}

TEST(JsonlWriter, MalformedMiddleLineNamesItsLineAndField) {
  const fs::path dir = temp_dir("bad");
  const fs::path file = dir / "results.jsonl";
  {
    std::ofstream out(file);
    out << to_json(sample(1)).dump() << "\n";
    auto bad = to_json(sample(2));
    bad.erase("seed");
    out << bad.dump() << "\n";
    out << to_json(sample(3)).dump() << "\n";
  }
  ReadOutcome got = read_jsonl(file);
  ASSERT_EQ(got.results.size(), 2u);
  ASSERT_EQ(got.problems.size(), 1u);
  EXPECT_EQ(got.problems[0], file.string() + ":2: missing field 'seed', skipped");
  fs::remove_all(dir);
}

TEST(RunFile, RoundTripsRunAndResults) {
  const fs::path dir = temp_dir("run");
  const fs::path file = dir / "results.json";
  RunInfo run{"run-1", "0.1.0", "2026-11-28T12:00:00Z", "2026-11-28T12:01:00Z", 42, {"tlsconform", "run"}, "lab-host-1"};
  std::vector<Result> results{sample(1), sample(2)};
  std::string error;
  ASSERT_TRUE(write_run_json(file, run, results, &error)) << error;
  ReadOutcome got = read_results(file);
  EXPECT_TRUE(got.problems.empty());
  ASSERT_TRUE(got.run);
  EXPECT_EQ(*got.run, run);
  EXPECT_EQ(got.results, results);
  fs::remove_all(dir);
}

// "host" was added within schema 1: a results.json written before it reads with an empty host;
// a host that is not a string is one line naming the field.
TEST(RunFile, HostIsOptionalForOlderFiles) {
  const fs::path dir = temp_dir("host");
  const fs::path file = dir / "results.json";
  RunInfo run{"run-1", "0.1.0", "2026-11-28T12:00:00Z", "2026-11-28T12:01:00Z", 42, {"tlsconform", "run"}, "lab-host-1"};
  std::string error;
  ASSERT_TRUE(write_run_json(file, run, {sample(1)}, &error)) << error;
  nlohmann::ordered_json j;
  {
    std::ifstream in(file, std::ios::binary);
    j = nlohmann::ordered_json::parse(in);
  }
  ASSERT_EQ(j["run"]["host"], "lab-host-1");
  j["run"].erase("host");
  std::ofstream(file, std::ios::binary | std::ios::trunc) << j.dump(2);
  ReadOutcome got = read_results(file);
  EXPECT_TRUE(got.problems.empty()) << got.problems.front();
  ASSERT_TRUE(got.run);
  EXPECT_EQ(got.run->host, "");
  EXPECT_EQ(got.results.size(), 1u);
  j["run"]["host"] = 7;
  std::ofstream(file, std::ios::binary | std::ios::trunc) << j.dump(2);
  got = read_results(file);
  ASSERT_EQ(got.problems.size(), 1u);
  EXPECT_EQ(got.problems[0], file.string() + ": run field 'host' must be a string");
  EXPECT_EQ(got.results.size(), 1u) << "the results still read";
  fs::remove_all(dir);
}

TEST(RunFile, OtherSchemaVersionIsOneLineNamingTheFile) {
  const fs::path dir = temp_dir("schema");
  const fs::path file = dir / "results.json";
  std::ofstream(file) << "{\n  \"schema_version\": 7,\n  \"results\": []\n}\n";
  ReadOutcome got = read_results(file);
  ASSERT_EQ(got.problems.size(), 1u);
  EXPECT_EQ(got.problems[0], file.string() + ": schema_version is 7, this tlsconform reads 1");
  fs::remove_all(dir);
}

TEST(RunFile, InvalidJsonReportsTheBytePosition) {
  const fs::path dir = temp_dir("pos");
  const fs::path file = dir / "results.json";
  std::ofstream(file) << "{\n  \"schema_version\": 1,\n  \"results\": [ }\n";
  ReadOutcome got = read_results(file);
  ASSERT_EQ(got.problems.size(), 1u);
  EXPECT_NE(got.problems[0].find(file.string() + ": byte "), std::string::npos) << got.problems[0];
  fs::remove_all(dir);
}

TEST(RunFile, AByteOrderMarkIsNotContent) {
  const fs::path dir = temp_dir("bom");
  const fs::path file = dir / "results.json";
  RunInfo run{"run-1", "0.1.0", "2026-11-28T12:00:00Z", "2026-11-28T12:01:00Z", 42, {"tlsconform", "run"}, "lab-host-1"};
  std::vector<Result> results{sample(1), sample(2)};
  std::string error;
  ASSERT_TRUE(write_run_json(file, run, results, &error)) << error;
  std::ifstream in(file, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), {});
  in.close();
  std::ofstream(file, std::ios::binary | std::ios::trunc) << "\xEF\xBB\xBF" << text;  // an editor's BOM
  ReadOutcome got = read_results(file);
  EXPECT_TRUE(got.problems.empty()) << got.problems.size() << " problems, the first: " << got.problems.front();
  EXPECT_EQ(got.results, results);
  fs::remove_all(dir);
}

// The format is found by parsing, not by line layout: results.json written on one line (as other
// tools write JSON) is a run file, not JSON Lines whose first record lacks 'run_id'.
TEST(RunFile, OneLineAndPrettyPrintedRunFilesBothRead) {
  const fs::path dir = temp_dir("layout");
  RunInfo run{"run-1", "0.1.0", "2026-11-28T12:00:00Z", "2026-11-28T12:01:00Z", 2188661136183952314ull,
              {"tlsconform", "run"}, "lab-host-1"};
  std::vector<Result> results{sample(1), sample(2)};
  std::string error;
  const fs::path pretty = dir / "pretty.json", one_line = dir / "one-line.json", jsonl = dir / "results.jsonl";
  ASSERT_TRUE(write_run_json(pretty, run, results, &error)) << error;
  {
    std::ifstream in(pretty, std::ios::binary);
    const auto j = nlohmann::ordered_json::parse(in);
    std::ofstream(one_line, std::ios::binary) << j.dump() << "\n";
  }
  {
    JsonlWriter w;
    ASSERT_TRUE(w.open(jsonl, &error)) << error;
    for (const auto& r : results) ASSERT_TRUE(w.append(r, &error)) << error;
  }
  for (const fs::path& file : {pretty, one_line}) {
    ReadOutcome got = read_results(file);
    EXPECT_TRUE(got.problems.empty()) << file << ": " << (got.problems.empty() ? "" : got.problems.front());
    ASSERT_TRUE(got.run) << file;
    EXPECT_EQ(got.run->seed, 2188661136183952314ull) << file;
    EXPECT_EQ(got.results, results) << file;
  }
  ReadOutcome got = read_results(jsonl);
  EXPECT_TRUE(got.problems.empty());
  EXPECT_FALSE(got.run);
  EXPECT_EQ(got.results, results);
  // results.json keeps the seed as an exact integer, not a string or a rounded double.
  std::ifstream in(pretty, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), {});
  EXPECT_NE(text.find("\"seed\": 2188661136183952314"), std::string::npos);
  fs::remove_all(dir);
}

}  // namespace
