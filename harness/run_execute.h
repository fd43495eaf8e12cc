// `tlsconform run`, step 3 of 4 (plan -> prepare -> execute -> report): the units not already
// recorded (--resume), longest first, on --jobs threads; each finished result is completed
// (IUT, version, configuration, expectations), streamed to results.jsonl and shown as progress.
// A stop signal ends it: no new unit starts, every IUT process group is killed.
#pragma once

#include <chrono>
#include <vector>

#include "harness/run_plan.h"
#include "harness/run_prepare.h"
#include "results/result.h"

namespace tlsc::harness {

struct RunOutcomes {
  std::vector<results::Result> done;  // by plan order; valid where have[i]
  std::vector<char> have;
  std::vector<results::Result> recorded_elsewhere;  // --resume: recorded results this plan left out
  int stopped_by = 0;                               // the stop signal, 0 if none
};

RunOutcomes execute_units(const RunCommandOptions& o, const RunSetup& setup, const RunPlan& plan, RunFolder& folder,
                          std::chrono::steady_clock::time_point started);

}  // namespace tlsc::harness
