// `tlsconform run`, step 3 of 4, one unit: start the IUT (or reach the user's), run the scenario,
// judge the IUT's fate (crash, exit 89, hang), write the transcripts of what is worth a look.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <string>

#include "harness/run_plan.h"
#include "peers/pki/test_pki.h"
#include "results/result.h"

namespace tlsc::harness {

// What every unit of a run shares.
struct UnitContext {
  const RunCommandOptions& options;
  const RunSetup& setup;
  const std::filesystem::path& out;                    // the run folder
  const pki::TestPki& pki;
  const std::map<std::string, std::string>& pki_vars;  // profile placeholders
  unsigned jobs;                                       // the --jobs width (parallel attempts)
  uint64_t run_seed;
  std::function<void(const std::string&)> prompt;      // remote --listen: a line for the user
};

// The unit's result (verdict, reason, observations, transcripts); its iut, version and
// configuration fields are the caller's.
results::Result run_unit(const UnitContext& ctx, const Unit& u);

}  // namespace tlsc::harness
