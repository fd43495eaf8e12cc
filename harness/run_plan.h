// `tlsconform run`, step 1 of 4 (plan -> prepare -> execute -> report): the run's inputs, read
// and checked once, and its units (IUT x configuration x scenario) in plan order.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "harness/expectations.h"
#include "harness/remote.h"
#include "harness/run_command.h"
#include "iut/profile.h"
#include "scenarios/incident.h"
#include "scenarios/model.h"
#include "scenarios/persona.h"

namespace tlsc::harness {

// A run that cannot go on: its exit code and one line for stderr (after "tlsconform run: ").
// Thrown by the steps, caught once by run_run.
struct RunStop {
  int exit_code;
  std::string message;
};

// What a run reads and checks before it plans. Not copyable: `chosen` points into `profiles`
// or at `remote_profile`.
// --shard K/N, parsed: units whose key hashes to index (mod count) are this run's.
struct Shard {
  unsigned index = 0;  // K - 1
  unsigned count = 1;  // N
};

struct RunSetup {
  RunSetup() = default;
  RunSetup(const RunSetup&) = delete;
  RunSetup& operator=(const RunSetup&) = delete;

  std::vector<scenarios::Scenario> catalog;
  std::vector<iut::Profile> profiles;
  std::vector<Expectation> expectations;
  std::vector<scenarios::Incident> incidents;  // scenarios/incidents: what the catalog links to
  std::optional<scenarios::Persona> persona;   // --persona
  bool remote = false;        // --target or --listen: an IUT the user started
  Endpoint target, listen_at; // parsed --target / --listen
  iut::Profile remote_profile;
  std::vector<const iut::Profile*> chosen;  // the run's IUTs
  Shard shard;
};

struct Unit {
  const iut::Profile* profile;
  const scenarios::Scenario* scenario;
  std::vector<std::string> configs;  // run-level then the scenario's, "default" dropped
  std::string config_label;          // the run's configuration: the matrix column
  size_t order;                      // index in plan order
};

struct RunPlan {
  std::vector<Unit> units;
  std::map<std::string, std::string> versions;  // IUT name -> its version ("" in remote mode)
};

// Reads the catalog, the profiles and the --expect files, and checks the remote-mode options.
// Throws RunStop (exit 2) naming the file or the option.
void load_run_inputs(const RunCommandOptions& o, RunSetup& setup);
// The run's IUTs: --iut (default shim-openssl; 'all': every TLS profile that can run), or in
// remote mode one IUT nobody starts. Throws RunStop (exit 2).
void choose_iuts(const RunCommandOptions& o, RunSetup& setup);
// The units of the selection that apply to the chosen IUTs, in plan order; what does not apply
// is said once per IUT on stderr. Throws RunStop (exit 2) when nothing applies. With --shard, only
// the shard's units (possibly none: the other shards have them).
RunPlan plan_units(const RunCommandOptions& o, const RunSetup& setup);

// A unit's seed: the run's seed mixed with the unit's key (iut, configuration, scenario), so a
// unit replays alone with the run's seed, and the run's seed is recovered from any result.
uint64_t unit_seed(uint64_t run_seed, const std::string& unit_key);
uint64_t run_seed_of(const results::Result& recorded);

// "K/N" -> Shard; nullopt unless 1 <= K <= N <= 1000.
std::optional<Shard> parse_shard(const std::string& text);
// The shard (0-based) of a unit key among `count`: stable whatever else the plan holds.
unsigned shard_of(const std::string& unit_key, unsigned count);

}  // namespace tlsc::harness
