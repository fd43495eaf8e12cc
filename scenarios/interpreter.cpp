#include "scenarios/interpreter.h"

#include <chrono>
#include <thread>

#include "peers/engine/peer.h"
#include "peers/transport/tcp_listener.h"
#include "peers/transport/tcp_stream.h"
#include "scenarios/applicability.h"
#include "scenarios/ftps_runner.h"
#include "scenarios/judge.h"
#include "scenarios/observe.h"

namespace tlsc::scenarios {
namespace {

using Quirks = engine::QuirkChanges;

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
      auto connected = transport::TcpStream::connect(iut_->host(), iut_->port(),
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
      auto accepted = listening.listener->accept(std::min(transport::deadline_after(o_.accept_timeout), o_.env.deadline));
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

namespace {

// A re-run of connections 0..upto with connection `upto` changed by `r`; the outcome of that
// connection, or nullopt when the re-run did not get there.
std::optional<Outcome> rerun(Runner& runner, const Scenario& s, size_t upto, const Rerun& r, uint64_t seed,
                             ScenarioRun& run, const RunOptions& opts) {
  if (opts.env.out_of_time()) return std::nullopt;  // the unit's deadline: no more re-runs
  const auto& c = s.connections[upto];
  Quirks quirks = c.quirks;
  quirks += r.quirks;
  Pass p = runner.run(upto, merge(c.peer, r.peer), quirks, seed);
  run.reports.insert(run.reports.end(), p.reports.begin(), p.reports.end());
  if (!p.infra.empty() || p.reports.size() != upto + 1) return std::nullopt;
  return classify(p.reports.back());
}

// Statistical mode: the field symptom ("fails about 1 in 256"), measured. N single-connection
// handshakes with fresh keys; a hit is a handshake whose shared secret had a leading zero byte.
void run_statistical(const Scenario& s, const RunOptions& opts, Runner& runner, ScenarioRun& run) {
  auto& res = run.result;
  const size_t last = s.connections.size() - 1;
  if (opts.repeat <= 0) {
    res.verdict = Verdict::skip;
    res.reason = "statistical scenario: run with --repeat N";
    return;
  }
  int hits = 0, hit_failures = 0, other_failures = 0;
  for (int n = 0; n < opts.repeat && !opts.env.out_of_time(); ++n) {
    Pass p = runner.run(last, s.connections[last].peer, s.connections[last].quirks, opts.seed + 7919ull * n);
    if (!p.infra.empty()) {
      res.verdict = Verdict::error;
      res.reason = p.infra + " (handshake " + std::to_string(n + 1) + ")";
      return;
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
    // The cause, as for a single-shot failure: the first probe whose re-run (forcing the case, with
    // our peer making the suspected mistake too) completes names it.
    if (res.diagnosis.empty() && hit_failures > 0)
      for (const auto& probe : s.probes)
        if (auto o = rerun(runner, s, last, probe, opts.seed + 7777, run, opts); o && matches(probe.when, *o)) {
          res.diagnosis = probe.diagnosis;
          res.observations["probe"] = probe.diagnosis;
          break;
        }
    if (res.diagnosis.empty() && hit_failures > 0 && other_failures == 0)
      res.diagnosis = "every failure was a handshake whose shared secret had a leading zero byte";
  } else if (hits == 0) {
    res.verdict = Verdict::skip;
    res.reason = "no handshake of " + std::to_string(opts.repeat) + " had a leading zero byte";
  } else {
    res.verdict = Verdict::pass;
    res.reason = std::to_string(hits) + " of " + std::to_string(opts.repeat) +
                 " handshakes had a leading zero byte; all completed";
  }
}

// Not reached: retry with the fallback settings (e.g. a standard DH group, repeated until the
// shared secret has a leading zero byte), up to the bound. Returns the number of attempts.
int run_fallback(const Scenario& s, const RunOptions& opts, IutClient* client, Runner& runner, Pass& pass,
                 Judgement& j, ScenarioRun& run) {
  const size_t last = s.connections.size() - 1;
  int attempts = 1;
  if (j.kind != Judgement::Kind::kUnreached || !s.fallback || j.failing != last || !pass.infra.empty()) return attempts;
  const PeerSettings peer = merge(s.connections[last].peer, s.fallback->peer);
  Quirks quirks = s.connections[last].quirks;
  quirks += s.fallback->quirks;
  auto attempt_seed = [&](int n) { return opts.seed + 1000003ull * static_cast<uint64_t>(n); };
  // A single-connection scenario against an IUT client: the attempts are independent, so up to
  // parallel_attempts run at once (each its own listener and client process); they are judged
  // in attempt order, the first that reaches the case wins, exactly as one at a time would.
  const int width = s.role == Role::client && last == 0 && client && client->concurrent_connects()
                        ? std::max(1, opts.parallel_attempts)
                        : 1;
  while (j.kind == Judgement::Kind::kUnreached && attempts < s.fallback->max_attempts && pass.infra.empty() &&
         !opts.env.out_of_time()) {
    const int n = std::min(width, s.fallback->max_attempts - attempts);
    std::vector<Pass> batch(static_cast<size_t>(n));
    if (n == 1) {
      batch[0] = runner.run(last, peer, quirks, attempt_seed(attempts));
    } else {
      std::vector<std::thread> threads;
      for (int t = 0; t < n; ++t)
        threads.emplace_back([&, t] { batch[static_cast<size_t>(t)] = runner.run(last, peer, quirks, attempt_seed(attempts + t)); });
      for (auto& t : threads) t.join();
    }
    for (auto& b : batch) {
      pass = std::move(b);
      ++attempts;
      if (!pass.infra.empty()) break;
      j = judge(s, pass.reports);
      if (j.kind != Judgement::Kind::kUnreached) break;
    }
  }
  run.reports.insert(run.reports.end(), pass.reports.begin(), pass.reports.end());
  return attempts;
}

// A precondition failed on a connection that did not complete: its stated cause holds only if the
// scenario's confirm re-run ends as it says (e.g. the same handshake with EMS completes).
void confirm_unreached(const Scenario& s, const RunOptions& opts, Runner& runner, const Judgement& j, ScenarioRun& run) {
  using K = Judgement::Kind;
  if (j.kind != K::kUnconfirmed && j.kind != K::kSetupIncomplete) return;
  const auto& confirm = s.connections[j.failing].expect.confirm;
  if (!confirm) return;
  auto& res = run.result;
  auto o = rerun(runner, s, j.failing, *confirm, opts.seed + 4441, run, opts);
  res.observations["confirmed"] = o && matches(confirm->when, *o);
  if (o && matches(confirm->when, *o)) {
    res.verdict = Verdict::skip;
    res.reason = "connection " + std::to_string(j.failing + 1) + " of " + std::to_string(s.connections.size()) +
                 ": the case was not reached: " + confirm->because;
  } else {
    res.reason += "; the re-run that would show '" + confirm->because + "' ended " +
                  (o ? std::string(to_string(*o)) : std::string("without a result")) + ", so that is not the cause";
  }
}

// The last connection failed without a violation: if it fails also without the condition under
// test, the failure is not about the question.
void run_control(const Scenario& s, const RunOptions& opts, Runner& runner, const Judgement& j, ScenarioRun& run) {
  if (!s.control || j.kind != Judgement::Kind::kWrongOutcome || j.failing + 1 != s.connections.size()) return;
  auto o = rerun(runner, s, j.failing, *s.control, opts.seed + 5557, run, opts);
  auto& res = run.result;
  res.observations["control"] = o ? std::string(to_string(*o)) : "none";
  if (o && matches(s.control->when, *o)) return;  // the condition under test makes the difference
  res.verdict = Verdict::error;
  res.diagnosis.clear();
  res.observations.erase("blames");
  res.reason += "; the same connection without the condition under test (control) ended " +
                (o ? std::string(to_string(*o)) : std::string("without a result")) +
                " too, so the failure is not about the question";
}

// Diagnostic probes: re-run the failing connection with changed settings; the first probe whose
// outcome matches names the cause. Only for a wrong outcome, or a mismatched Finished or record
// on the connection under test: a failed check names its cause, and a violation names its rule.
void run_probes(const Scenario& s, const RunOptions& opts, Runner& runner, const Judgement& j, ScenarioRun& run) {
  auto& res = run.result;
  if (res.verdict != Verdict::fail && res.verdict != Verdict::warn) return;
  const bool symptom = j.violation && j.violation->symptom;
  const bool wrong = j.kind == Judgement::Kind::kWrongOutcome || (j.kind == Judgement::Kind::kViolation && symptom);
  if (!wrong || !j.outcome_mismatch) return;
  for (const auto& probe : s.probes)
    if (auto o = rerun(runner, s, j.failing, probe, opts.seed + 7777, run, opts); o && matches(probe.when, *o)) {
      res.diagnosis = probe.diagnosis;
      res.observations["probe"] = probe.diagnosis;
      // The probe shows the scenario's own fault behind the mismatched key schedule.
      if (symptom) {
        auto blames = res.observations.value("blames", nlohmann::ordered_json::array());
        for (const auto& c : scenario_clauses(s)) blames.push_back(c);
        res.observations["blames"] = blames;
      }
      return;
    }
}

// Where a violation breaks a rule that another scenario checks, the diagnosis names it.
void name_checking_scenarios(const Scenario& s, const RunOptions& opts, const Judgement& j, results::Result& res) {
  if (!j.violation || !opts.catalog || j.rule) return;
  auto ids = checked_by(*opts.catalog, s.role, *j.violation, s.id);
  if (ids.empty()) return;
  std::string list;
  for (const auto& id : ids) list += (list.empty() ? "" : ", ") + id;
  res.diagnosis += "; checked by " + list;
}

}  // namespace

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

  // The one applicability rule (the run's plan uses it too); the endpoints are the caller's wiring.
  if (auto fit = applicability(s, {opts.protocol, true, true, &opts.capabilities}); fit.kind != Inapplicable::kNone) {
    res.verdict = Verdict::skip;
    res.reason = fit.reason;
    return finish();
  }
  if ((s.role == Role::server && !iut) || (s.role == Role::client && !client)) {
    res.verdict = Verdict::error;
    res.reason = "no IUT endpoint for the " + std::string(results::to_string(s.role)) + " role";
    return finish();
  }
  if (s.protocol == "ftps") {
    run = run_ftps_scenario(s, opts, iut, client);
    run.result.scenario = s.id;
    run.result.role = s.role;
    run.result.rfc = s.rfc;
    run.result.seed = opts.seed;
    run.result.iut_config = s.iut_config;
    return finish();
  }

  Runner runner(s, opts, iut, client);
  if (s.statistical) {
    run_statistical(s, opts, runner, run);
    return finish();
  }

  const size_t last = s.connections.size() - 1;
  Pass pass = runner.run(last, s.connections[last].peer, s.connections[last].quirks, opts.seed);
  for (const auto& r : pass.reports) run.reports.push_back(r);
  Judgement j = judge(s, pass.reports);
  const int attempts = run_fallback(s, opts, client, runner, pass, j, run);

  res.observations = observations_of(pass);
  res.observations["attempts"] = attempts;
  res.observations["reached"] = j.reached;
  if (!pass.infra.empty()) {
    res.verdict = Verdict::error;
    res.reason = pass.infra;
    return finish();
  }
  apply_judgement(s, j, res);
  if (j.kind == Judgement::Kind::kUnreached && attempts > 1) res.reason += " (" + std::to_string(attempts) + " attempts)";
  confirm_unreached(s, opts, runner, j, run);
  run_control(s, opts, runner, j, run);
  run_probes(s, opts, runner, j, run);
  name_checking_scenarios(s, opts, j, res);
  return finish();
}

}  // namespace tlsc::scenarios
