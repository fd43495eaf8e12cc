// The exit code a set of results earns: one rule for `tlsconform run` and for `tlsconform report
// --gate` (the merged results of sharded runs gate like one unsharded run).
#pragma once

#include <vector>

#include "results/result.h"

namespace tlsc::harness {

struct GateRules {
  bool strict = false;        // a warn is unexpected
  bool fail_on_skip = false;  // any skip fails the gate (exit 4)
};

// kExitUnexpected for a fail, an xpass (or a warn when strict); else kExitInfra for an error; else
// kExitNothingTested when every result is a skip (or none was written), or a skip is there and
// fail_on_skip; else kExitOk.
int gate_exit_code(const std::vector<results::Result>& results, const GateRules& rules);

}  // namespace tlsc::harness
