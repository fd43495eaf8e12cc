#include "harness/run_gate.h"

#include "harness/cli.h"

namespace tlsc::harness {

int gate_exit_code(const std::vector<results::Result>& results, const GateRules& rules) {
  bool unexpected = false, infra = false;
  size_t skips = 0;
  for (const auto& r : results) {
    unexpected = unexpected || results::is_unexpected(r.verdict, rules.strict);
    infra = infra || r.verdict == results::Verdict::error;
    if (r.verdict == results::Verdict::skip) ++skips;
  }
  if (unexpected) return kExitUnexpected;
  if (infra) return kExitInfra;
  // A run that could not test anything is never green (an unbuilt shim, a missing program).
  if (skips == results.size() || (rules.fail_on_skip && skips > 0)) return kExitNothingTested;
  return kExitOk;
}

}  // namespace tlsc::harness
