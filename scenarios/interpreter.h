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

// Whether a scenario applies to an IUT (protocol, role, capabilities): scenarios/applicability.h.

}  // namespace tlsc::scenarios
