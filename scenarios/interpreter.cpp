#include "scenarios/interpreter.h"

#include <chrono>
#include <thread>

#include "peers/engine/peer.h"
#include "peers/transport/tcp_listener.h"
#include "peers/transport/tcp_stream.h"
#include "scenarios/ftps_runner.h"
#include "scenarios/judge.h"
#include "scenarios/observe.h"

namespace tlsc::scenarios {
namespace {

using Quirks = std::map<std::string, std::string>;

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

std::string protocol_mismatch(const Scenario& s, const std::string& iut_protocol) {
  if (s.protocol == iut_protocol) return "";
  return "the scenario is for " + s.protocol + " IUTs; this IUT is a " + iut_protocol + " IUT";
}

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

  if (auto other = protocol_mismatch(s, opts.protocol); !other.empty()) {
    res.verdict = Verdict::skip;
    res.reason = other;
    return finish();
  }
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
  Judgement j = judge(s, pass.reports);
  int attempts = 1;

  // Not reached: retry with the fallback settings (e.g. a standard DH group, repeated until the
  // shared secret has a leading zero byte), up to the bound.
  if (!j.reached && s.fallback && j.failing == last && pass.infra.empty()) {
    const PeerSettings peer = merge(s.connections[last].peer, s.fallback->peer);
    Quirks quirks = s.connections[last].quirks;
    for (const auto& [k, v] : s.fallback->quirks) quirks[k] = v;
    auto attempt_seed = [&](int n) { return opts.seed + 1000003ull * static_cast<uint64_t>(n); };
    // A single-connection scenario against an IUT client: the attempts are independent, so up to
    // parallel_attempts run at once (each its own listener and client process); they are judged
    // in attempt order, the first that reaches the case wins, exactly as one at a time would.
    const int width = s.role == Role::client && last == 0 && client && client->concurrent_connects()
                          ? std::max(1, opts.parallel_attempts)
                          : 1;
    while (!j.reached && attempts < s.fallback->max_attempts && pass.infra.empty()) {
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
        if (j.reached) break;
      }
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
  apply_judgement(s, j, res);
  if (!j.reached && attempts > 1) res.reason += " (" + std::to_string(attempts) + " attempts)";
  if (!j.reached || j.ok) return finish();

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
