// Runs one scenario against one IUT endpoint and turns what our peer saw into a verdict.
//
//   IUT as server: our client connects to the address the harness gives (one IUT server process
//   per scenario, so its session cache holds the scenario's sessions).
//   IUT as client: our server listens on 127.0.0.1; for each connection the harness makes the IUT
//   client connect once (the second and later ones asked to resume the previous session).
#pragma once

#include <set>
#include <string>

#include "scenarios/model.h"
#include "scenarios/run_interface.h"

namespace tlsc::scenarios {

// Server role: `iut` must be non-null. Client role: `client` must be non-null.
ScenarioRun run_scenario(const Scenario& s, const RunOptions& opts, IutServer* iut, IutClient* client);

// Why a scenario of another protocol than the IUT's does not run ("the scenario is for ftps IUTs;
// this IUT is a tls IUT"), or "" when they agree.
std::string protocol_mismatch(const Scenario& s, const std::string& iut_protocol);

// A capability the scenario needs and the IUT lacks, or "" (then the scenario can run).
std::string missing_capability(const Scenario& s, const std::set<std::string>& capabilities);

}  // namespace tlsc::scenarios
