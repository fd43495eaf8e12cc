#include "scenarios/judge.h"

#include <algorithm>

#include "scenarios/observe.h"

namespace tlsc::scenarios {
namespace {

using Kind = Judgement::Kind;

std::string join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

std::string describe_expect(const Expectation& e) {
  std::string s(to_string(e.outcome));
  if (!e.alerts.empty()) s += " (" + join(e.alerts, " or ") + ")";
  return s;
}

std::string describe_outcome(Outcome o, const engine::ConnectionReport& r) {
  std::string s(to_string(o));
  if (o == Outcome::kAlert && r.peer_alert()) s += " " + r.peer_alert()->name();
  if (o == Outcome::kPeerAbort) s += " (" + std::string(engine::to_string(r.error)) + ": " + r.error_detail + ")";
  return s;
}

bool is_fault_level(std::string_view level) { return level == "MUST" || level == "MUST NOT"; }

// Our own peer stopped: not the IUT's doing.
bool our_limit(engine::Error e) {
  return e == engine::Error::kKeySearchExhausted || e == engine::Error::kInternalError || e == engine::Error::kStopped;
}

// A fact worth adding when a connection did not complete: the server asked for a client
// certificate our client did not have.
std::string hint(const engine::ConnectionReport& r) {
  if (r.role == engine::Role::kClient && r.certificate_requested && !r.client_certificate)
    return "; the server requested a client certificate and ours sent none (the server may require one: pass "
           "--client-cert)";
  return "";
}

// One connection's judgement; Kind::kOk when it went as expected.
struct Step {
  const Scenario& s;
  const engine::ConnectionReport& r;
  const nlohmann::ordered_json& obs;
  const Expectation& e;
  size_t i;
  bool setup;  // a TLS connection before the last: it sets the question up
  std::string where;
};

const Rule* matching_rule(const Scenario& s, Outcome o, const engine::ConnectionReport& r,
                          const nlohmann::ordered_json& obs) {
  for (const auto& rule : s.otherwise)
    if (rule_applies(rule, o, r, obs)) return &rule;
  return nullptr;
}

bool has_alert_rule(const Scenario& s, const engine::ConnectionReport& r) {
  auto got = r.peer_alert();
  for (const auto& rule : s.otherwise)
    if (got && std::find(rule.alerts.begin(), rule.alerts.end(), got->name()) != rule.alerts.end()) return true;
  return false;
}

// The first of `checks` that does not hold on `obs` (`why` says what was seen), or null.
const Check* first_unmet(const std::vector<Check>& checks, const nlohmann::ordered_json& obs, std::string& why) {
  for (const auto& c : checks)
    if (!holds(c, obs, &why)) return &c;
  return nullptr;
}

// Where the key-schedule oracle explained a Finished that did not verify, that is the diagnosis.
void diagnose_by_oracle(Judgement& j, const engine::ConnectionReport& r) {
  if (r.oracle) j.diagnosis = r.oracle->summary;
}

bool fail_at(Judgement& j, const Step& st, Kind kind, Outcome o, std::string reason) {
  j.kind = kind;
  j.ok = false;
  j.failing = st.i;
  j.outcome = o;
  j.reason = std::move(reason);
  return true;
}

// The IUT answered our Finished with bad_record_mac or decrypt_error: it derived other keys than
// our (RFC-conformant) peer did, so it failed to verify a correct Finished (RFC 5246 7.4.9).
std::optional<Violation> key_schedule_alert(const Step& st, Outcome o) {
  if (o != Outcome::kAlert || st.r.handshakes > 0) return std::nullopt;
  // An IUT may abort instead of completing (complete-or-abort), but not after deriving other keys.
  if (matches(st.e.outcome, o) && st.e.outcome != Expect::kCompleteOrAbort) return std::nullopt;
  const auto alert = st.r.peer_alert();
  if (!alert || (*alert != AlertDescription::kBadRecordMac && *alert != AlertDescription::kDecryptError)) return std::nullopt;
  if (std::find(st.r.messages.begin(), st.r.messages.end(), "> finished") == st.r.messages.end()) return std::nullopt;
  Violation v{st.i, engine::Error::kPeerAlert, {"5246", "7.4.9", "MUST"}, "the IUT answered our Finished with " + alert->name(), "", true};
  v.what = "could not verify our correct Finished (alert " + alert->name() +
           "): it derived another master secret or other keys than the RFC's key schedule gives";
  return v;
}

std::optional<Violation> detected_violation(const Step& st, Outcome o) {
  if (o == Outcome::kPeerAbort && !matches(st.e.outcome, o) && st.r.violated) {
    Violation v{st.i, st.r.error, st.r.violated, std::string(engine::to_string(st.r.error)) + ": " + st.r.error_detail,
                std::string(engine::what_peer_did(st.r.error)), false};
    v.symptom = st.r.error == engine::Error::kBadFinished || st.r.error == engine::Error::kBadRecordMac;
    return v;
  }
  return key_schedule_alert(st, o);
}

// 1. A violation our peer detected, unless the expectation allows the outcome.
bool judge_violation(Judgement& j, const Step& st, Outcome o) {
  auto v = detected_violation(st, o);
  if (!v) return false;
  j.violation = v;
  const std::string broke = "the IUT violated " + v->rule.cite() + " (" + v->detail + ")";
  fail_at(j, st, Kind::kViolation, o,
          st.setup ? st.where + ", setting up the case: cannot reach the question: " + broke : st.where + ": " + broke);
  j.outcome_mismatch = !st.setup;
  // A rule explains an engine error it names; the key-schedule alert only a rule naming that alert.
  if (!st.setup && (o == Outcome::kPeerAbort || has_alert_rule(st.s, st.r))) j.rule = matching_rule(st.s, o, st.r, st.obs);
  diagnose_by_oracle(j, st.r);
  return true;
}

// 3. Preconditions.
bool judge_reached(Judgement& j, const Step& st, Outcome o) {
  std::string why;
  const Check* pre = first_unmet(st.e.reached, st.obs, why);
  if (!pre) return false;
  j.reached = false;
  if (st.r.handshakes > 0 || matches(st.e.outcome, o)) {
    // The handshake got far enough that the observation was made: the case did not arise.
    fail_at(j, st, Kind::kUnreached, o, "");
    j.unreached = st.where + ": the case was not reached: " + why + (pre->otherwise.empty() ? "" : " (" + pre->otherwise + ")");
  } else {
    fail_at(j, st, Kind::kUnconfirmed, o,
            st.where + ": the case was not reached (" + why + ") and the connection ended in " +
                describe_outcome(o, st.r) + ": the question cannot be answered" + hint(st.r));
    j.unreached = st.where + ": the case was not reached: " + why;
  }
  return true;
}

// 4. The outcome.
bool judge_outcome(Judgement& j, const Step& st, Outcome o) {
  if (matches(st.e.outcome, o)) return false;
  if (o == Outcome::kPeerAbort && our_limit(st.r.error))
    return fail_at(j, st, Kind::kOurLimit, o, st.where + ": our peer stopped: " + describe_outcome(o, st.r));
  if (st.setup)
    return fail_at(j, st, Kind::kSetupIncomplete, o,
                   st.where + ", setting up the case: expected " + describe_expect(st.e) + ", got " +
                       describe_outcome(o, st.r) + ": the question cannot be asked" + hint(st.r));
  fail_at(j, st, Kind::kWrongOutcome, o,
          st.where + ": expected " + describe_expect(st.e) + ", got " + describe_outcome(o, st.r) +
              (st.r.handshakes > 0 ? "" : hint(st.r)));
  j.outcome_mismatch = true;
  j.rule = matching_rule(st.s, o, st.r, st.obs);
  diagnose_by_oracle(j, st.r);
  return true;
}

// 5. Checks; then the RFC-named alert (the right behaviour with another alert is a pass with a
// deviation note).
bool judge_checks(Judgement& j, const Step& st, Outcome o) {
  std::string why;
  if (const Check* c = first_unmet(st.e.checks, st.obs, why)) {
    fail_at(j, st, Kind::kCheckFailed, o, st.where + ": " + why);
    j.diagnosis = c->otherwise;
    j.rule = matching_rule(st.s, o, st.r, st.obs);
    return true;
  }
  if (st.e.outcome == Expect::kAbort && !st.e.alerts.empty()) {
    if (o == Outcome::kClosed) {
      j.deviation = st.where + ": the IUT closed the connection without an alert (expected " + join(st.e.alerts, " or ") + ")";
    } else if (auto got = st.r.peer_alert(); got) {
      bool named = false;
      for (const auto& a : st.e.alerts) named = named || got->name() == a;
      if (!named) j.deviation = st.where + ": expected " + join(st.e.alerts, " or ") + ", got " + got->name();
    }
  }
  return false;
}

}  // namespace

std::vector<std::string> scenario_clauses(const Scenario& s) {
  std::vector<std::string> out;
  for (const auto& r : s.rfc) {
    std::string c = "RFC " + r.rfc + " " + r.section;
    if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
  }
  return out;
}

bool rule_applies(const Rule& rule, Outcome o, const engine::ConnectionReport& r, const nlohmann::ordered_json& obs) {
  if (rule.when && *rule.when != o) return false;
  if (o == Outcome::kPeerAbort && !rule.errors.empty() &&
      std::find(rule.errors.begin(), rule.errors.end(), r.error) == rule.errors.end())
    return false;
  if (o == Outcome::kAlert && !rule.alerts.empty()) {
    auto got = r.peer_alert();
    if (!got || std::find(rule.alerts.begin(), rule.alerts.end(), got->name()) == rule.alerts.end()) return false;
  }
  for (const auto& c : rule.evidence)
    if (!holds(c, obs, nullptr)) return false;
  return true;
}

Judgement judge(const Scenario& s, const std::vector<engine::ConnectionReport>& reports,
                const std::vector<nlohmann::ordered_json>& extra, const std::vector<std::string>& label) {
  Judgement j;
  std::optional<size_t> hung;  // a completed connection before this one left the IUT hanging
  for (size_t i = 0; i < reports.size() && i < s.connections.size(); ++i) {
    auto obs = observe(reports[i]);
    if (i < extra.size())
      for (const auto& [k, v] : extra[i].items()) obs[k] = v;
    const std::string where = "connection " + std::to_string(i + 1) + " of " + std::to_string(s.connections.size()) +
                              (i < label.size() && !label[i].empty() ? " (" + label[i] + ")" : "");
    const Step st{s, reports[i], obs, s.connections[i].expect, i, s.protocol == "tls" && i + 1 < s.connections.size(), where};
    const Outcome o = classify(reports[i]);
    if (judge_violation(j, st, o)) return j;
    const bool failed = judge_reached(j, st, o) || judge_outcome(j, st, o) || judge_checks(j, st, o);
    // The hang matters only where the session state it may have cost is missing: a connection that
    // resumed (or whose IUT client offered to) shows the state survived, and is judged as usual.
    const bool state_intact = reports[i].resumed != engine::ResumedBy::kNone ||
                              (s.role == Role::client && reports[i].resumption_offered);
    if (failed && hung && j.kind != Kind::kViolation && !state_intact) {
      j.reason = "connection " + std::to_string(*hung + 1) + " hung after its handshake (the IUT neither answered nor "
                 "closed), and this connection depends on the state that left: " + (j.reason.empty() ? j.unreached : j.reason);
      j.kind = Kind::kAfterHang;
      j.reached = true;
      j.rule = nullptr;
      return j;
    }
    if (failed) return j;
    if (obs.value("hung", false) && st.setup) hung = i;
  }
  return j;
}

namespace {

void blame(results::Result& res, const std::vector<std::string>& clauses) {
  res.observations["blames"] = clauses;
}

void apply_violation(const Scenario& s, const Judgement& j, results::Result& res) {
  const Violation& v = *j.violation;
  res.reason = j.reason;
  res.verdict = is_fault_level(v.rule.level) ? Verdict::fail : Verdict::warn;
  res.observations["violation"] = {{"connection", v.connection + 1},
                                   {"error", std::string(engine::to_string(v.error))},
                                   {"rfc", std::string(v.rule.rfc)},
                                   {"section", std::string(v.rule.section)},
                                   {"level", std::string(v.rule.level)}};
  std::vector<std::string> clauses = {v.rule.cite()};
  if (j.rule) {
    // The scenario's own rule explains this error: its verdict, its diagnosis, its clauses too.
    res.verdict = j.rule->verdict;
    res.diagnosis = j.rule->diagnosis + (j.diagnosis.empty() || !j.rule->when ? "" : " (" + j.diagnosis + ")");
    for (const auto& c : scenario_clauses(s)) clauses.push_back(c);
  } else {
    res.diagnosis = "the IUT " + v.what + " (" + v.rule.cite() + " " + std::string(v.rule.level) + ")" +
                    (j.diagnosis.empty() ? "" : "; " + j.diagnosis);
  }
  blame(res, clauses);
}

}  // namespace

void apply_judgement(const Scenario& s, const Judgement& j, results::Result& res) {
  switch (j.kind) {
    case Kind::kOk:
      res.verdict = Verdict::pass;
      res.reason = "the IUT behaved as required";
      res.deviation = j.deviation;
      return;
    case Kind::kUnreached:
      res.verdict = Verdict::skip;
      res.reason = j.unreached;
      return;
    case Kind::kViolation: apply_violation(s, j, res); return;
    case Kind::kUnconfirmed:
    case Kind::kAfterHang:
    case Kind::kSetupIncomplete:
    case Kind::kOurLimit:
      res.verdict = Verdict::error;
      res.reason = j.reason;
      return;
    case Kind::kWrongOutcome:
    case Kind::kCheckFailed: break;
  }
  // Not as expected: the scenario's matching rule, else MUST -> fail and SHOULD -> warn.
  res.reason = j.reason;
  res.verdict = s.strength() == Strength::kMust ? Verdict::fail : Verdict::warn;
  res.diagnosis = j.diagnosis;
  if (j.rule) {
    res.verdict = j.rule->verdict;
    if (res.diagnosis.empty() || !j.rule->when) res.diagnosis = j.rule->diagnosis;
    else res.diagnosis = j.rule->diagnosis + " (" + res.diagnosis + ")";
  }
  if (j.outcome == Outcome::kTimeout && res.verdict == Verdict::pass) res.verdict = Verdict::fail;
  if (res.verdict == Verdict::fail || res.verdict == Verdict::warn) blame(res, scenario_clauses(s));
}

std::vector<std::string> checked_by(const std::vector<Scenario>& catalog, results::Role role, const Violation& v,
                                    const std::string& except, size_t max) {
  std::vector<std::string> by_error, by_clause;
  for (const auto& s : catalog) {
    if (s.role != role || s.id == except) continue;
    bool names_error = false;
    for (const auto& r : s.otherwise)
      names_error = names_error || std::find(r.errors.begin(), r.errors.end(), v.error) != r.errors.end();
    bool cites = false;
    for (const auto& ref : s.rfc) cites = cites || (ref.rfc == v.rule.rfc && ref.section == v.rule.section);
    if (names_error && cites) by_error.push_back(s.id);
    else if (cites) by_clause.push_back(s.id);
  }
  if (v.symptom) return {};  // a mismatched key schedule is every scenario's business
  std::vector<std::string>& list = by_error.empty() ? by_clause : by_error;
  if (list.size() > max) list.resize(max);
  return list;
}

}  // namespace tlsc::scenarios
