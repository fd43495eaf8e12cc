// `tlsconform run`, step 4 of 4 (plan -> prepare -> execute -> report): results.json, the reports
// (JUnit, Markdown, HTML, the terminal matrix), the one-line summary and the exit code.
#pragma once

#include <chrono>

#include "harness/run_execute.h"

namespace tlsc::harness {

// The run's exit code (docs: `tlsconform run --help`). Throws RunStop (exit 3) when results.json
// cannot be written.
int report_run(const RunCommandOptions& o, const RunSetup& setup, const RunPlan& plan, RunFolder& folder,
               RunOutcomes& outcomes, std::chrono::steady_clock::time_point started);

}  // namespace tlsc::harness
