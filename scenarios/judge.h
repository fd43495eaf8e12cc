// From what our peer saw on a scenario's connections to a verdict: the per-connection judgement
// (reached preconditions, outcome, checks, named alerts) and the verdict rules (MUST -> fail,
// SHOULD -> warn, the scenario's `otherwise` rules). Shared by the TLS interpreter and the FTPS
// runner, which adds FTPS observations to each connection.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "peers/engine/report.h"
#include "results/result.h"
#include "scenarios/model.h"

namespace tlsc::scenarios {

// What a pass showed, connection by connection.
struct Judgement {
  bool ok = true;
  bool reached = true;
  bool outcome_mismatch = false;  // the outcome was wrong (not a check): what probes explain
  size_t failing = 0;
  Outcome outcome = Outcome::kFull;
  std::string reason, deviation, diagnosis, unreached;
};

// Judges connections 0..reports.size()-1 of `s`, stopping at the first problem. `extra[i]`, when
// present, is merged into connection i's observations (e.g. the FTPS fields); `label[i]` names the
// connection in reasons ("connection 2 of 3 (data: RETR)").
Judgement judge(const Scenario& s, const std::vector<engine::ConnectionReport>& reports,
                const std::vector<nlohmann::ordered_json>& extra = {}, const std::vector<std::string>& label = {});

// The verdict, reason, deviation and diagnosis for a finished judgement (no infrastructure problem):
// skip when not reached, pass when ok, else the level's verdict changed by the `otherwise` rules.
void apply_judgement(const Scenario& s, const Judgement& j, results::Result& res);

}  // namespace tlsc::scenarios
