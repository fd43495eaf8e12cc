#include "scenarios/interpreter.h"

#include <chrono>
#include <thread>

#include "peers/engine/peer.h"
#include "peers/transport/tcp_listener.h"
#include "peers/transport/tcp_stream.h"
#include "scenarios/observe.h"

namespace tlsc::scenarios {
namespace {

using Quirks = std::map<std::string, std::string>;

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

// One run of the scenario's connections 0..upto; the last one may carry changed settings.
struct Pass {
  std::vector<engine::ConnectionReport> reports;
  std::string infra;  // an infrastructure problem that stopped the pass
};

class Runner {
 public:
  Runner(const Scenario& s, const RunOptions& o, IutServer* iut, IutClient* client)
      : s_(s), o_(o), iut_(iut), client_(client) {}

  Pass run(size_t upto, const PeerSettings& last_peer, const Quirks& last_quirks, uint64_t seed) {
    return s_.role == Role::server ? run_against_server(upto, last_peer, last_quirks, seed)
                                   : run_against_client(upto, last_peer, last_quirks, seed);
  }

 private:
  const PeerSettings& peer_of(size_t i, size_t upto, const PeerSettings& last) const {
    return i == upto ? last : s_.connections[i].peer;
  }
  const Quirks& quirks_of(size_t i, size_t upto, const Quirks& last) const {
    return i == upto ? last : s_.connections[i].quirks;
  }

  Pass run_against_server(size_t upto, const PeerSettings& last_peer, const Quirks& last_quirks, uint64_t seed) {
    Pass pass;
    std::optional<session::ClientSession> previous;
    for (size_t i = 0; i <= upto; ++i) {
      auto connected = transport::TcpStream::connect("127.0.0.1", iut_->port(),
                                                     transport::deadline_after(std::chrono::milliseconds(5000)));
      if (!connected.result.ok()) {
        std::string health = iut_->health();
        pass.infra = "cannot connect to the IUT server: " + connected.result.detail + (health.empty() ? "" : " (" + health + ")");
        return pass;
      }
      auto cfg = client_config(peer_of(i, upto, last_peer), quirks_of(i, upto, last_quirks), o_.env, seed + i, previous);
      pass.reports.push_back(engine::run_client(*connected.stream, cfg));
      if (pass.reports.back().session) previous = pass.reports.back().session;
    }
    return pass;
  }

  Pass run_against_client(size_t upto, const PeerSettings& last_peer, const Quirks& last_quirks, uint64_t seed) {
    Pass pass;
    auto listening = transport::TcpListener::listen("127.0.0.1", 0);
    if (!listening.result.ok()) {
      pass.infra = "cannot listen on 127.0.0.1: " + listening.result.detail;
      return pass;
    }
    auto state = std::make_shared<engine::ServerState>(seed);
    const uint16_t port = listening.listener->port();
    for (size_t i = 0; i <= upto; ++i) {
      std::string problem;
      std::thread iut([&, i] { problem = client_->connect(port, i, i > 0); });
      auto accepted = listening.listener->accept(transport::deadline_after(o_.accept_timeout));
      if (!accepted.result.ok()) {
        iut.join();
        pass.infra = "the IUT client did not connect" + std::string(problem.empty() ? "" : ": " + problem) + " (" +
                     accepted.result.detail + ")";
        return pass;
      }
      auto cfg = server_config(peer_of(i, upto, last_peer), quirks_of(i, upto, last_quirks), o_.env, seed + i, state);
      pass.reports.push_back(engine::run_server(*accepted.stream, cfg));
      iut.join();
    }
    return pass;
  }

  const Scenario& s_;
  const RunOptions& o_;
  IutServer* iut_;
  IutClient* client_;
};

// What a pass showed, connection by connection.
struct Judgement {
  bool ok = true;
  bool reached = true;
  bool outcome_mismatch = false;  // the outcome was wrong (not a check): what probes explain
  size_t failing = 0;
  Outcome outcome = Outcome::kFull;
  std::string reason, deviation, diagnosis, unreached;
};

Judgement judge(const Scenario& s, const Pass& pass) {
  Judgement j;
  for (size_t i = 0; i < pass.reports.size(); ++i) {
    const auto& r = pass.reports[i];
    const auto& e = s.connections[i].expect;
    const auto obs = observe(r);
    const Outcome o = classify(r);
    const std::string where = "connection " + std::to_string(i + 1) + " of " + std::to_string(s.connections.size());
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

nlohmann::ordered_json observations_of(const Pass& pass) {
  nlohmann::ordered_json conns = nlohmann::ordered_json::array();
  int handshakes = 0;
  for (const auto& r : pass.reports) {
    auto o = observe(r);
    o["outcome"] = std::string(to_string(classify(r)));
    conns.push_back(o);
    handshakes += std::max(r.handshakes, 1);
  }
  nlohmann::ordered_json obs;
  obs["connections"] = conns;
  obs["handshakes"] = handshakes;
  return obs;
}

}  // namespace

std::string missing_capability(const Scenario& s, const std::set<std::string>& capabilities) {
  for (const auto& c : s.requires_caps)
    if (!capabilities.count(c)) return c;
  return "";
}

ScenarioRun run_scenario(const Scenario& s, const RunOptions& opts, IutServer* iut, IutClient* client) {
  const auto start = std::chrono::steady_clock::now();
  ScenarioRun run;
  auto& res = run.result;
  res.scenario = s.id;
  res.role = s.role;
  res.rfc = s.rfc;
  res.seed = opts.seed;
  res.iut_config = s.iut_config;
  auto finish = [&]() -> ScenarioRun {
    res.duration_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return std::move(run);
  };

  if (auto cap = missing_capability(s, opts.capabilities); !cap.empty()) {
    res.verdict = Verdict::skip;
    res.reason = "the IUT (in this configuration) lacks the capability '" + cap + "'";
    return finish();
  }
  if ((s.role == Role::server && !iut) || (s.role == Role::client && !client)) {
    res.verdict = Verdict::error;
    res.reason = "no IUT endpoint for the " + std::string(results::to_string(s.role)) + " role";
    return finish();
  }

  Runner runner(s, opts, iut, client);
  const size_t last = s.connections.size() - 1;

  // Statistical mode: the field symptom ("fails about 1 in 256"), measured. N single-connection
  // handshakes with fresh keys; a hit is a handshake whose shared secret had a leading zero byte.
  if (s.statistical) {
    if (opts.repeat <= 0) {
      res.verdict = Verdict::skip;
      res.reason = "statistical scenario: run with --repeat N";
      return finish();
    }
    int hits = 0, hit_failures = 0, other_failures = 0;
    for (int n = 0; n < opts.repeat; ++n) {
      Pass p = runner.run(last, s.connections[last].peer, s.connections[last].quirks, opts.seed + 7919ull * n);
      if (!p.infra.empty()) {
        res.verdict = Verdict::error;
        res.reason = p.infra + " (handshake " + std::to_string(n + 1) + ")";
        return finish();
      }
      const auto& r = p.reports.back();
      const bool hit = r.premaster_leading_zeros > 0;
      const bool ok = matches(s.connections[last].expect.outcome, classify(r));
      hits += hit;
      hit_failures += hit && !ok;
      other_failures += !hit && !ok;
      if (hit && !ok && res.diagnosis.empty() && r.oracle) res.diagnosis = r.oracle->summary;
    }
    res.observations["handshakes"] = opts.repeat;
    res.observations["hits"] = hits;
    res.observations["failures_on_hits"] = hit_failures;
    res.observations["failures_otherwise"] = other_failures;
    if (hit_failures + other_failures > 0) {
      res.verdict = Verdict::fail;
      res.reason = std::to_string(hit_failures) + " of " + std::to_string(hits) +
                   " handshakes with a leading zero byte failed, and " + std::to_string(other_failures) + " of " +
                   std::to_string(opts.repeat - hits) + " others";
    } else if (hits == 0) {
      res.verdict = Verdict::skip;
      res.reason = "no handshake of " + std::to_string(opts.repeat) + " had a leading zero byte";
    } else {
      res.verdict = Verdict::pass;
      res.reason = std::to_string(hits) + " of " + std::to_string(opts.repeat) +
                   " handshakes had a leading zero byte; all completed";
    }
    return finish();
  }

  Pass pass = runner.run(last, s.connections[last].peer, s.connections[last].quirks, opts.seed);
  for (const auto& r : pass.reports) run.reports.push_back(r);
  Judgement j = judge(s, pass);
  int attempts = 1;

  // Not reached: retry with the fallback settings (e.g. a standard DH group, repeated until the
  // shared secret has a leading zero byte), up to the bound.
  if (!j.reached && s.fallback && j.failing == last && pass.infra.empty()) {
    const PeerSettings peer = merge(s.connections[last].peer, s.fallback->peer);
    Quirks quirks = s.connections[last].quirks;
    for (const auto& [k, v] : s.fallback->quirks) quirks[k] = v;
    while (!j.reached && attempts < s.fallback->max_attempts) {
      pass = runner.run(last, peer, quirks, opts.seed + 1000003ull * static_cast<uint64_t>(attempts));
      ++attempts;
      if (!pass.infra.empty()) break;
      j = judge(s, pass);
    }
    run.reports.insert(run.reports.end(), pass.reports.begin(), pass.reports.end());
  }

  res.observations = observations_of(pass);
  res.observations["attempts"] = attempts;
  res.observations["reached"] = j.reached;

  if (!pass.infra.empty()) {
    res.verdict = Verdict::error;
    res.reason = pass.infra;
    return finish();
  }
  if (!j.reached) {
    res.verdict = Verdict::skip;
    res.reason = j.unreached + (attempts > 1 ? " (" + std::to_string(attempts) + " attempts)" : "");
    return finish();
  }
  if (j.ok) {
    res.verdict = Verdict::pass;
    res.reason = "the IUT behaved as required";
    res.deviation = j.deviation;
    return finish();
  }

  // Not as expected: the scenario's rules, else MUST -> fail and SHOULD -> warn.
  res.reason = j.reason;
  res.verdict = s.level() == "MUST" ? Verdict::fail : Verdict::warn;
  res.diagnosis = j.diagnosis;
  for (const auto& rule : s.otherwise) {
    if (rule.when && *rule.when != j.outcome) continue;
    res.verdict = rule.verdict;
    if (res.diagnosis.empty() || !rule.when) res.diagnosis = rule.diagnosis;
    else res.diagnosis = rule.diagnosis + " (" + res.diagnosis + ")";
    break;
  }
  if (j.outcome == Outcome::kTimeout && res.verdict == Verdict::pass) res.verdict = Verdict::fail;

  // Diagnostic probes: re-run the failing connection with changed settings; the first probe
  // whose outcome matches names the cause. Only for a wrong outcome: a failed check already names
  // its cause (a probe would blame e.g. the master secret of a server that merely omits EMS).
  if ((res.verdict == Verdict::fail || res.verdict == Verdict::warn) && j.outcome_mismatch) {
    const auto& failing = s.connections[j.failing];
    for (const auto& probe : s.probes) {
      Quirks quirks = failing.quirks;
      for (const auto& [k, v] : probe.quirks) quirks[k] = v;
      Pass p = runner.run(j.failing, merge(failing.peer, probe.peer), quirks, opts.seed + 7777);
      run.reports.insert(run.reports.end(), p.reports.begin(), p.reports.end());
      if (!p.infra.empty() || p.reports.size() != j.failing + 1) continue;
      if (matches(probe.when, classify(p.reports.back()))) {
        res.diagnosis = probe.diagnosis;
        res.observations["probe"] = probe.diagnosis;
        break;
      }
    }
  }
  return finish();
}

}  // namespace tlsc::scenarios
