// Runs the real tlsconform binary (`tlsconform run --iut tlsconform-peer ...`) as a child process
// and reads back its results.json. The profile's {tlsconform} placeholder is the running binary,
// so the IUT processes are the same binary as the harness (never this test program).
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "harness/process/child_process.h"
#include "results/run_store.h"

namespace tlsc::selftest {

struct CatalogRun {
  int exit_code = -1;
  std::string output;  // stdout and stderr of tlsconform run
  std::map<std::string, results::Result> by_id;
  std::vector<std::string> problems;  // reading results.json
  double seconds = 0;
};

inline std::filesystem::path fresh_dir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("tlsc-selftest-" + std::to_string(::getpid())) / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// `tlsconform run --iut IUT --config CONFIG [--family F]... [extra]`.
// `profiles`: the profile folder (default: the repository's); `cells`, when given, receives every
// result by IUT and scenario (by_id keeps one per scenario).
inline CatalogRun run_catalog_of(const std::string& iut, const std::string& config, const std::vector<std::string>& families,
                                 const std::vector<std::string>& extra = {}, const std::filesystem::path& profiles = {},
                                 std::map<std::string, std::map<std::string, results::Result>>* cells = nullptr) {
  const auto out = fresh_dir("run-" + iut + "-" + config + "-" + std::to_string(families.size()));
  std::vector<std::string> argv = {TLSC_CLI_PATH, "run", "--iut", iut, "--config", config,
                                   "--out", out.string(), "--seed", "1", "--jobs", "2", "--quiet"};
  for (const auto& f : families) {
    argv.push_back("--family");
    argv.push_back(f);
  }
  argv.insert(argv.end(), extra.begin(), extra.end());
  harness::SpawnOptions opts;
  opts.argv = argv;
  opts.stdout_path = out / "run.out";
  opts.stderr_path = opts.stdout_path;
  opts.env = {{"TLSC_PROFILES", profiles.empty() ? std::string(TLSC_SOURCE_DIR) + "/iut/profiles" : profiles.string()}};
  CatalogRun r;
  const auto start = std::chrono::steady_clock::now();
  auto spawned = harness::ChildProcess::spawn(opts);
  if (!spawned.process) {
    r.output = spawned.error;
    return r;
  }
  auto status = spawned.process->wait_for(std::chrono::minutes(20));
  if (!status) {
    spawned.process->stop(std::chrono::milliseconds(500));
    r.output = "tlsconform run did not finish in 20 minutes";
  } else {
    r.exit_code = status->exited ? status->code : 128 + status->signal;
    r.output = spawned.process->read_stdout();
  }
  spawned.process.reset();  // the whole process group is killed and reaped
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  auto read = results::read_results(out / "results.json");
  r.problems = read.problems;
  for (auto& res : read.results) {
    if (cells) (*cells)[res.iut][res.scenario] = res;
    r.by_id[res.scenario] = std::move(res);
  }
  return r;
}

// A result a self-test names: its verdict and a text found in its diagnosis (fail/warn) or its
// reason (skip).
struct Expected {
  std::string id;
  results::Verdict verdict;
  std::string text;
};

inline std::string describe(const results::Result& r) {
  return std::string(results::to_string(r.verdict)) + " | " + r.reason + " | " + r.diagnosis;
}

// Checks each named result (present, verdict, text) and returns the ids named.
inline std::set<std::string> expect_named(const CatalogRun& run, const std::vector<Expected>& expected) {
  std::set<std::string> named;
  for (const auto& e : expected) {
    named.insert(e.id);
    auto it = run.by_id.find(e.id);
    EXPECT_NE(it, run.by_id.end()) << "no result for " << e.id;
    if (it == run.by_id.end()) continue;
    const auto& r = it->second;
    EXPECT_EQ(results::to_string(r.verdict), results::to_string(e.verdict)) << e.id << ": " << describe(r);
    const std::string& where = e.verdict == results::Verdict::skip ? r.reason : r.diagnosis;
    EXPECT_NE(where.find(e.text), std::string::npos) << e.id << ": expected '" << e.text << "' in: " << describe(r);
  }
  return named;
}

// Exit code 1 exactly when something failed (warns are not strict), 0 otherwise.
inline void expect_exit_code(const CatalogRun& run, const std::vector<Expected>& expected) {
  bool failed = false;
  for (const auto& e : expected) failed = failed || e.verdict == results::Verdict::fail;
  EXPECT_EQ(run.exit_code, failed ? 1 : 0) << run.output;
}

// `tlsconform run --iut tlsconform-peer --config CONFIG [--family F]... [extra]`.
inline CatalogRun run_catalog(const std::string& config, const std::vector<std::string>& families,
                              const std::vector<std::string>& extra = {}) {
  return run_catalog_of("tlsconform-peer", config, families, extra);
}

}  // namespace tlsc::selftest
