// `tlsconform run`, step 2 of 4 (plan -> prepare -> execute -> report): the run folder, the
// results already recorded there (--resume), the PKI and DH parameters the IUTs use, the
// streaming results file and the run's record.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "harness/resume.h"
#include "harness/run_plan.h"
#include "peers/pki/test_pki.h"
#include "results/run_store.h"

namespace tlsc::harness {

struct RunFolder {
  std::filesystem::path out;                    // absolute
  std::optional<ResumeState> resumed;           // --resume: what the run had finished
  pki::TestPki pki;
  std::map<std::string, std::string> pki_vars;  // profile placeholders: {cert}, {key}, {ca}, {dhparams}, ...
  results::JsonlWriter jsonl;                   // OUT/results.jsonl, one line per finished unit
  results::RunInfo info;                        // run id, seed, argv, times
  uint64_t run_seed = 0;                        // the recorded run's seed when resumed
};

// The test PKI and DH parameters in `dir` (made once, then reused) and the profile placeholders
// that name them ({cert}, {key}, {ecdsa_cert}, {ca}, {client_cert}, {p12}, {dhparams}, ...).
bool prepare_pki(const std::filesystem::path& dir, pki::TestPki& pki, std::map<std::string, std::string>& vars,
                 std::string* error);

// Throws RunStop: exit 2 for a --resume that cannot continue, exit 3 for a folder or PKI that
// cannot be written. `folder` is filled in place (it holds an open file).
void prepare_run(const RunCommandOptions& o, const RunSetup& setup, RunFolder& folder);

}  // namespace tlsc::harness
