// From what our peer saw on a scenario's connections to a verdict. Shared by the TLS interpreter
// and the FTPS runner, which adds FTPS observations to each connection.
//
// The judging order, per connection, first problem wins (docs/scenarios.md, "Judging"):
//   1. a violation our peer detected (it aborted with an error that names a broken RFC rule),
//      unless the connection's expectation allows that outcome: reported under that rule, never
//      as a skip, whether it happened on the connection under test or while setting it up;
//   2. a connection after one that hung: the later question depends on the state the hang left;
//   3. `reached` preconditions: a skip only when the connection completed its handshake (or ended
//      as expected), so the observation behind the reason was really made; otherwise the cause
//      must be confirmed by a re-run (`confirm`) or the result is error;
//   4. the outcome: a setup connection (TLS, before the last) that did not complete is error
//      (the question cannot be asked); the last connection's wrong outcome is the scenario's
//      fail/warn, its diagnosis from an `otherwise` rule whose evidence matches;
//   5. the checks, each with its own diagnosis.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "peers/engine/report.h"
#include "results/result.h"
#include "scenarios/model.h"

namespace tlsc::scenarios {

// A rule the IUT broke, as our peer detected it.
struct Violation {
  size_t connection = 0;
  engine::Error error = engine::Error::kNone;
  engine::RfcRule rule;
  std::string detail;
  std::string what;  // what the IUT did, in a vendor's words
  // The break shows as a mismatched key schedule (a Finished or record one side cannot verify):
  // the scenario's own clause is blamed too only when a probe names the cause.
  bool symptom = false;
};

// What a pass showed, connection by connection.
struct Judgement {
  enum class Kind {
    kOk,
    kUnreached,         // a precondition did not hold on a completed connection: skip
    kUnconfirmed,       // a precondition did not hold on a connection that did not complete
    kViolation,         // our peer detected a violation (see `violation`)
    kAfterHang,         // a connection failed after an earlier one hung: error
    kSetupIncomplete,   // a setup connection did not complete, no violation seen: error
    kWrongOutcome,      // the last connection ended otherwise than expected
    kCheckFailed,       // a check on the observations did not hold
    kOurLimit,          // our own peer stopped (key search bound, internal error): error
  };
  Kind kind = Kind::kOk;
  bool ok = true;
  bool reached = true;
  bool outcome_mismatch = false;  // the outcome was wrong (not a check): what probes explain
  size_t failing = 0;
  Outcome outcome = Outcome::kFull;
  std::string reason, deviation, diagnosis, unreached;
  std::optional<Violation> violation;
  const Rule* rule = nullptr;  // the `otherwise` rule whose outcome and evidence matched
};

// Judges connections 0..reports.size()-1 of `s`, stopping at the first problem. `extra[i]`, when
// present, is merged into connection i's observations (e.g. the FTPS fields); `label[i]` names the
// connection in reasons ("connection 2 of 3 (data: RETR)").
Judgement judge(const Scenario& s, const std::vector<engine::ConnectionReport>& reports,
                const std::vector<nlohmann::ordered_json>& extra = {}, const std::vector<std::string>& label = {});

// The verdict, reason, deviation and diagnosis for a finished judgement (no infrastructure
// problem); records observations.violation and observations.blames (the RFC clauses the verdict
// blames, "RFC 7627 5.3").
void apply_judgement(const Scenario& s, const Judgement& j, results::Result& res);

// "RFC 7627 5.3" for each distinct clause the scenario cites.
std::vector<std::string> scenario_clauses(const Scenario& s);

// Whether rule `r` applies to connection report `rep` with observations `obs`: its outcome, and
// each kind of evidence it names.
bool rule_applies(const Rule& r, Outcome o, const engine::ConnectionReport& rep, const nlohmann::ordered_json& obs);

// The scenarios of `catalog` (role `role`, other than `except`) that check the rule `v` names: a
// rule of theirs names its error as evidence, else they cite its RFC clause. At most `max` ids.
std::vector<std::string> checked_by(const std::vector<Scenario>& catalog, results::Role role, const Violation& v,
                                    const std::string& except, size_t max = 3);

}  // namespace tlsc::scenarios
