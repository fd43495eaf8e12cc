// The one command that reruns exactly one unit of a run, shared by the terminal, Markdown and
// JUnit reports. A unit's seed is the run's seed mixed with its (IUT, configuration, scenario),
// so `--seed <run seed>` with that one scenario reproduces the unit.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "results/result.h"
#include "results/run_store.h"

namespace tlsc::results {

// Runs by run id: each result is rerun with the seed of its own run (merged files may differ).
using RunIndex = std::map<std::string, RunInfo>;
RunIndex index_runs(const std::vector<RunInfo>& runs);

// "tlsconform run --iut openssl --config ems-off --scenario <id> --seed <run seed>" (no --config
// for "default"), with the recorded run's options that decide a verdict (--profiles, --catalog,
// --expect, --no-default-expect, --io-timeout-ms, --unit-timeout-ms, --repeat). A remote IUT (its run's argv has --target or --listen) gets the --target or
// --listen form with the recorded endpoint. Without the run's info (a results.jsonl) the seed is
// left as a placeholder that says so.
std::string rerun_command(const Result& r, const RunIndex& runs);

// The transcript paths joined with ", ", or "none recorded".
std::string transcript_list(const Result& r);

}  // namespace tlsc::results
