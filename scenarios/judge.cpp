#include "scenarios/judge.h"

#include "scenarios/observe.h"

namespace tlsc::scenarios {
namespace {

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

}  // namespace

Judgement judge(const Scenario& s, const std::vector<engine::ConnectionReport>& reports,
                const std::vector<nlohmann::ordered_json>& extra, const std::vector<std::string>& label) {
  Judgement j;
  for (size_t i = 0; i < reports.size() && i < s.connections.size(); ++i) {
    const auto& r = reports[i];
    const auto& e = s.connections[i].expect;
    auto obs = observe(r);
    if (i < extra.size())
      for (const auto& [k, v] : extra[i].items()) obs[k] = v;
    const Outcome o = classify(r);
    const std::string where = "connection " + std::to_string(i + 1) + " of " + std::to_string(s.connections.size()) +
                              (i < label.size() && !label[i].empty() ? " (" + label[i] + ")" : "");
    for (const auto& pre : e.reached) {
      std::string why;
      if (!holds(pre, obs, &why)) {
        j.reached = false;
        j.ok = false;
        j.failing = i;
        j.outcome = o;
        j.unreached = where + ": the case was not reached: " + why + (pre.otherwise.empty() ? "" : " (" + pre.otherwise + ")");
        return j;
      }
    }
    if (!matches(e.outcome, o)) {
      j.ok = false;
      j.failing = i;
      j.outcome = o;
      j.outcome_mismatch = true;
      j.reason = where + ": expected " + describe_expect(e) + ", got " + describe_outcome(o, r);
      if (r.oracle) j.diagnosis = r.oracle->summary;
      return j;
    }
    for (const auto& c : e.checks) {
      std::string why;
      if (!holds(c, obs, &why)) {
        j.ok = false;
        j.failing = i;
        j.outcome = o;
        j.reason = where + ": " + why;
        j.diagnosis = c.otherwise;
        return j;
      }
    }
    // RFC-named alert: right behaviour with another alert is a pass with a deviation note.
    if (e.outcome == Expect::kAbort && !e.alerts.empty()) {
      if (o == Outcome::kClosed) {
        j.deviation = where + ": the IUT closed the connection without an alert (expected " + join(e.alerts, " or ") + ")";
      } else if (auto got = r.peer_alert(); got) {
        bool named = false;
        for (const auto& a : e.alerts) named = named || got->name() == a;
        if (!named) j.deviation = where + ": expected " + join(e.alerts, " or ") + ", got " + got->name();
      }
    }
  }
  return j;
}

void apply_judgement(const Scenario& s, const Judgement& j, results::Result& res) {
  if (!j.reached) {
    res.verdict = results::Verdict::skip;
    res.reason = j.unreached;
    return;
  }
  if (j.ok) {
    res.verdict = results::Verdict::pass;
    res.reason = "the IUT behaved as required";
    res.deviation = j.deviation;
    return;
  }
  // Not as expected: the scenario's rules, else MUST -> fail and SHOULD -> warn.
  res.reason = j.reason;
  res.verdict = s.level() == "MUST" ? results::Verdict::fail : results::Verdict::warn;
  res.diagnosis = j.diagnosis;
  for (const auto& rule : s.otherwise) {
    if (rule.when && *rule.when != j.outcome) continue;
    res.verdict = rule.verdict;
    if (res.diagnosis.empty() || !rule.when) res.diagnosis = rule.diagnosis;
    else res.diagnosis = rule.diagnosis + " (" + res.diagnosis + ")";
    break;
  }
  if (j.outcome == Outcome::kTimeout && res.verdict == results::Verdict::pass) res.verdict = results::Verdict::fail;
}

}  // namespace tlsc::scenarios
