// run_scenario's judgement against tiny fake IUTs backed by our own engine: an IutServer that runs
// engine::run_server on a loopback listener in a thread (with given server quirks), an IutClient
// that runs engine::run_client (with given client quirks). Each test asserts the verdict and the
// exact reason, deviation and diagnosis.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "catalog_text.h"
#include "engine_iut.h"
#include "peers/engine/peer.h"
#include "peers/pki/test_pki.h"
#include "peers/transport/tcp_listener.h"
#include "peers/transport/tcp_stream.h"
#include "scenarios/applicability.h"
#include "scenarios/interpreter.h"
#include "scenarios/loader.h"

namespace tlsc::scenarios {
namespace {

using testing::json;
using Quirks = std::map<std::string, std::string>;

// The IUT as server that accepts and then says nothing until destroyed.
class SilentIutServer : public IutServer {
 public:
  SilentIutServer() {
    listener_ = std::move(transport::TcpListener::listen("127.0.0.1", 0).listener);
    thread_ = std::thread([this] {
      std::vector<std::unique_ptr<transport::TcpStream>> held;
      while (!stop_) {
        auto a = listener_->accept(transport::deadline_after(std::chrono::milliseconds(50)));
        if (a.result.ok()) held.push_back(std::move(a.stream));
      }
    });
  }
  ~SilentIutServer() override {
    stop_ = true;
    thread_.join();
  }
  uint16_t port() override { return listener_->port(); }

 private:
  std::unique_ptr<transport::TcpListener> listener_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// The IUT as server that is gone: a port nobody listens on, and a health line.
class GoneIutServer : public IutServer {
 public:
  GoneIutServer() {
    auto l = transport::TcpListener::listen("127.0.0.1", 0);
    port_ = l.listener->port();
  }  // the listener closes here
  uint16_t port() override { return port_; }
  std::string health() override { return "the IUT server exited with status 1"; }

 private:
  uint16_t port_ = 0;
};

// The IUT as client: our engine's client with `quirks`; a resuming connection offers the
// previous connection's session by session ID (tickets off) or by ticket.
class EngineIutClient : public IutClient {
 public:
  explicit EngineIutClient(Quirks quirks, PeerSettings settings = {}) : quirks_(std::move(quirks)), settings_(settings) {}
  std::string connect(uint16_t port, size_t index, bool resume) override {
    auto c = transport::TcpStream::connect("127.0.0.1", port, transport::deadline_after(std::chrono::milliseconds(2000)));
    if (!c.result.ok()) return c.result.detail;
    PeerSettings s = settings_;
    if (resume) s.resume = settings_.tickets.value_or(false) ? engine::ResumedBy::kTicket : engine::ResumedBy::kSessionId;
    auto cfg = client_config(s, parsed(quirks_, engine::Role::kClient), env(), 5000 + index, resume ? previous_ : std::nullopt);
    auto report = engine::run_client(*c.stream, cfg);
    if (report.session) previous_ = report.session;
    return "";
  }

 private:
  Quirks quirks_;
  PeerSettings settings_;
  std::optional<session::ClientSession> previous_;
};

// An IUT client that never connects.
class AbsentIutClient : public IutClient {
 public:
  std::string connect(uint16_t, size_t, bool) override { return "cannot start the client: no such program"; }
};

Scenario one(const json& scenario) {
  auto v = load_catalog_text(testing::catalog(scenario), "x.json");
  if (v.size() != 1) throw std::runtime_error("expected one scenario");
  return v[0];
}

RunOptions options(std::set<std::string> caps = {}) {
  RunOptions o;
  o.env = env();
  o.seed = 11;
  o.capabilities = std::move(caps);
  o.accept_timeout = std::chrono::milliseconds(3000);
  return o;
}

// ems.full.negotiated.srv in small: the IUT server echoes EMS; a probe names the master secret.
json ems_negotiated_srv() {
  return json::parse(R"({
    "id": "ems.neg.srv", "title": "echo EMS", "role": "server",
    "rfc": [{"rfc": "7627", "section": "5.2", "level": "MUST", "requirement": "echo EMS"}],
    "connections": [{"peer": {"ems": true}, "expect": {"outcome": "complete", "checks": [
      {"field": "ems_echoed", "is": true, "else": "the IUT does not echo EMS"}]}}],
    "probes": [{"quirks": {"ForceMasterSecret": "standard"}, "when": "complete",
                "diagnosis": "the IUT echoes EMS but derives the standard master secret"}]
  })");
}

// ---------------------------------------------------------------- server role

TEST(Interpreter, PassAgainstACorrectServer) {
  EngineIutServer iut(Quirks{});
  auto run = run_scenario(one(ems_negotiated_srv()), options(), &iut, nullptr);
  const auto& r = run.result;
  EXPECT_EQ(r.verdict, Verdict::pass) << r.reason;
  EXPECT_EQ(r.reason, "the IUT behaved as required");
  EXPECT_EQ(r.deviation, "");
  EXPECT_EQ(r.diagnosis, "");
  EXPECT_EQ(r.scenario, "ems.neg.srv");
  EXPECT_EQ(r.role, Role::server);
  EXPECT_EQ(r.seed, 11u);
  EXPECT_EQ(r.iut_config, "default");
  ASSERT_EQ(r.rfc.size(), 1u);
  EXPECT_EQ(r.rfc[0].section, "5.2");
  EXPECT_EQ(r.observations["connections"][0]["outcome"], "full");
  EXPECT_EQ(r.observations["connections"][0]["ems_echoed"], true);
  EXPECT_EQ(r.observations["handshakes"], 1);
  EXPECT_EQ(r.observations["attempts"], 1);
  EXPECT_EQ(r.observations["reached"], true);
  EXPECT_FALSE(r.observations.contains("probe"));
  EXPECT_EQ(run.reports.size(), 1u);  // no probe ran on a pass
  EXPECT_GT(r.duration_s, 0);
}

TEST(Interpreter, FailedCheckGivesItsElseAsDiagnosis) {
  EngineIutServer iut(Quirks{{"OmitEms", "true"}});
  json s = ems_negotiated_srv();
  s.erase("probes");
  auto r = run_scenario(one(s), options(), &iut, nullptr).result;
  EXPECT_EQ(r.verdict, Verdict::fail);
  EXPECT_EQ(r.reason, "connection 1 of 1: ems_echoed is false, expected true");
  EXPECT_EQ(r.diagnosis, "the IUT does not echo EMS");
}

TEST(Interpreter, ProbeNamesTheCause) {
  // The IUT echoes EMS but derives the standard master secret: our client's handshake fails;
  // re-run with our client deriving the standard one too, it completes, so the probe's diagnosis wins.
  EngineIutServer iut(Quirks{{"ForceMasterSecret", "standard"}});
  auto run = run_scenario(one(ems_negotiated_srv()), options(), &iut, nullptr);
  const auto& r = run.result;
  EXPECT_EQ(r.verdict, Verdict::fail);
  // The IUT rejects our correct Finished: a key-schedule disagreement, RFC 5246 7.4.9.
  EXPECT_EQ(r.reason, "connection 1 of 1: the IUT violated RFC 5246 7.4.9 (the IUT answered our Finished with bad_record_mac)");
  EXPECT_EQ(r.diagnosis, "the IUT echoes EMS but derives the standard master secret");
  EXPECT_EQ(r.observations["probe"], "the IUT echoes EMS but derives the standard master secret");
  EXPECT_EQ(run.reports.size(), 2u);  // the scenario's connection and the probe's
}

TEST(Interpreter, FailedCheckRunsNoProbe) {
  // Against an IUT that omits EMS the handshake completes and the ems_echoed check fails: that
  // check names the cause. The probe (our client forcing the standard master secret) would also
  // complete and, if it ran, would wrongly blame the IUT's master secret.
  EngineIutServer iut(Quirks{{"OmitEms", "true"}});
  auto run = run_scenario(one(ems_negotiated_srv()), options(), &iut, nullptr);
  EXPECT_EQ(run.result.verdict, Verdict::fail);
  EXPECT_EQ(run.result.diagnosis, "the IUT does not echo EMS");
  EXPECT_FALSE(run.result.observations.contains("probe"));
  EXPECT_EQ(run.reports.size(), 1u);  // no probe ran
}

TEST(Interpreter, ProbeThatDoesNotMatchNamesNothing) {
  // The probe's run completes (our client derives the standard master secret too), which does not
  // match its "abort": the rule's diagnosis stays.
  EngineIutServer iut(Quirks{{"ForceMasterSecret", "standard"}});
  json s = ems_negotiated_srv();
  s["probes"][0]["when"] = "abort";
  s["otherwise"] = json::parse(R"([{"outcome": "any", "errors": ["BadFinished", "BadRecordMac"], "alerts": ["bad_record_mac", "decrypt_error"], "verdict": "fail", "diagnosis": "the handshake fails"}])");
  auto run = run_scenario(one(s), options(), &iut, nullptr);
  EXPECT_EQ(run.result.verdict, Verdict::fail);
  EXPECT_EQ(run.result.diagnosis, "the handshake fails");
  EXPECT_FALSE(run.result.observations.contains("probe"));
  EXPECT_EQ(run.reports.size(), 2u);  // the probe ran
}

json malformed_ems_srv(const std::string& alert) {
  return json::parse(R"({
    "id": "ems.malformed.srv", "title": "reject a malformed EMS", "role": "server",
    "rfc": [{"rfc": "7627", "section": "5.1", "level": "MUST", "requirement": "empty"}],
    "connections": [{"quirks": {"SendMalformedEms": true},
                     "expect": {"outcome": "abort", "alerts": [")" + alert + R"("]}}],
    "otherwise": [{"outcome": "any", "errors": ["BadFinished"], "verdict": "fail", "diagnosis": "the IUT accepted a malformed EMS"}]
  })");
}

TEST(Interpreter, FailWithTheRulesDiagnosis) {
  EngineIutServer iut(Quirks{{"AcceptMalformedEms", "true"}});
  auto r = run_scenario(one(malformed_ems_srv("decode_error")), options(), &iut, nullptr).result;
  EXPECT_EQ(r.verdict, Verdict::fail);
  EXPECT_EQ(r.reason, "connection 1 of 1: expected abort (decode_error), got full");
  EXPECT_EQ(r.diagnosis, "the IUT accepted a malformed EMS");
}

TEST(Interpreter, RightAlertIsAPassWithoutDeviation) {
  EngineIutServer iut(Quirks{});
  auto r = run_scenario(one(malformed_ems_srv("decode_error")), options(), &iut, nullptr).result;
  EXPECT_EQ(r.verdict, Verdict::pass) << r.reason;
  EXPECT_EQ(r.deviation, "");
  EXPECT_EQ(r.observations["connections"][0]["outcome"], "alert");
  EXPECT_EQ(r.observations["connections"][0]["peer_alert"], "decode_error");
}

TEST(Interpreter, OtherAlertIsAPassWithADeviationNote) {
  EngineIutServer iut(Quirks{});  // our engine answers a malformed EMS with decode_error
  auto r = run_scenario(one(malformed_ems_srv("illegal_parameter")), options(), &iut, nullptr).result;
  EXPECT_EQ(r.verdict, Verdict::pass) << r.reason;
  EXPECT_EQ(r.reason, "the IUT behaved as required");
  EXPECT_EQ(r.deviation, "connection 1 of 1: expected illegal_parameter, got decode_error");
}

TEST(Interpreter, ShouldScenarioWarns) {
  EngineIutServer iut(Quirks{{"OmitEms", "true"}});
  json s = ems_negotiated_srv();
  s.erase("probes");
  s["rfc"][0]["level"] = "SHOULD";
  auto r = run_scenario(one(s), options(), &iut, nullptr).result;
  EXPECT_EQ(r.verdict, Verdict::warn);
  EXPECT_EQ(r.reason, "connection 1 of 1: ems_echoed is false, expected true");
  EXPECT_EQ(r.diagnosis, "the IUT does not echo EMS");
}

TEST(Interpreter, RuleForAnotherOutcomeDoesNotApply) {
  EngineIutServer iut(Quirks{{"AcceptMalformedEms", "true"}});
  json s = malformed_ems_srv("decode_error");
  s["otherwise"] = json::parse(R"([{"outcome": "resumed", "verdict": "pass", "diagnosis": "never"},
                                    {"outcome": "full", "verdict": "warn", "diagnosis": "accepted it"}])");
  auto r = run_scenario(one(s), options(), &iut, nullptr).result;
  EXPECT_EQ(r.verdict, Verdict::warn);
  EXPECT_EQ(r.diagnosis, "accepted it");
}

TEST(Interpreter, UnreachedPreconditionIsASkip) {
  EngineIutServer iut(Quirks{});
  json s = ems_negotiated_srv();
  s["connections"][0]["expect"]["reached"] =
      json::parse(R"([{"field": "ems_offered", "is": false, "else": "our client offered EMS"}])");
  auto r = run_scenario(one(s), options(), &iut, nullptr).result;
  EXPECT_EQ(r.verdict, Verdict::skip);
  EXPECT_EQ(r.reason, "connection 1 of 1: the case was not reached: ems_offered is true, expected false (our client "
                      "offered EMS)");
  EXPECT_EQ(r.observations["reached"], false);
}

TEST(Interpreter, FallbackRetriesUpToItsBound) {
  // A leading zero byte of an x25519 secret comes about once in 256 handshakes: three attempts
  // (fixed seeds) do not reach it, and the skip says how many were made.
  EngineIutServer iut(Quirks{});
  json s = json::parse(R"({
    "id": "ems.zero.srv", "title": "t", "role": "server",
    "rfc": [{"rfc": "8422", "section": "5.10", "level": "MUST", "requirement": "r"}],
    "connections": [{"peer": {"suites": ["ecdhe"], "groups": ["x25519"]}, "expect": {"outcome": "complete",
      "reached": [{"field": "premaster_leading_zeros", "at_least": 1, "else": "no leading zero"}]}}],
    "fallback": {"max_attempts": 3}
  })");
  auto run = run_scenario(one(s), options(), &iut, nullptr);
  EXPECT_EQ(run.result.verdict, Verdict::skip);
  EXPECT_EQ(run.result.reason, "connection 1 of 1: the case was not reached: premaster_leading_zeros is 0, expected at "
                               "least 1 (no leading zero) (3 attempts)");
  EXPECT_EQ(run.result.observations["attempts"], 3);
  EXPECT_EQ(iut.accepted(), 3);
}

// An IUT client whose connects may overlap: our engine's client, slowed down a little so
// overlapping calls show; the `reach_at`-th call (0-based, in call order) forces a leading zero
// byte of the premaster (client-side key search), the others do not.
class ConcurrentIutClient : public IutClient {
 public:
  ConcurrentIutClient(bool concurrent, int reach_at) : concurrent_(concurrent), reach_at_(reach_at) {}
  bool concurrent_connects() const override { return concurrent_; }
  std::string connect(uint16_t port, size_t, bool) override {
    const int call = calls_++;
    const int now = ++in_flight_;
    for (int seen = max_in_flight_; now > seen && !max_in_flight_.compare_exchange_weak(seen, now);) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(60));
    auto c = transport::TcpStream::connect("127.0.0.1", port, transport::deadline_after(std::chrono::milliseconds(2000)));
    if (c.result.ok()) {
      Quirks q;
      if (call == reach_at_) q["ForceLeadingZeroBytes"] = "1";
      PeerSettings s;
      s.suites = {"ecdhe"};
      s.groups = {"x25519"};
      engine::run_client(*c.stream, client_config(s, parsed(q, engine::Role::kClient), env(), 7100 + static_cast<uint64_t>(call), std::nullopt));
    }
    --in_flight_;
    return c.result.ok() ? "" : c.result.detail;
  }
  int calls() const { return calls_; }
  int max_in_flight() const { return max_in_flight_; }

 private:
  bool concurrent_;
  int reach_at_;
  std::atomic<int> calls_{0}, in_flight_{0}, max_in_flight_{0};
};

json leading_zero_cli(int max_attempts) {
  json s = json::parse(R"({
    "id": "ems.zero.cli", "title": "t", "role": "client",
    "rfc": [{"rfc": "8422", "section": "5.10", "level": "MUST", "requirement": "r"}],
    "connections": [{"peer": {"suites": ["ecdhe"], "groups": ["x25519"]}, "expect": {"outcome": "complete",
      "reached": [{"field": "premaster_leading_zeros", "at_least": 1, "else": "no leading zero"}]}}],
    "fallback": {"max_attempts": 3}
  })");
  s["fallback"]["max_attempts"] = max_attempts;
  return s;
}

TEST(Interpreter, FallbackAttemptsRunSideBySideWhenTheIutClientAllowsIt) {
  // The first pass (call 0) and batches of 3: calls 1-3, then 4-6, where call 4 reaches the case.
  // Which attempt of its batch got call 4 depends on thread timing: 5 to 7 attempts.
  ConcurrentIutClient iut(true, 4);
  RunOptions o = options();
  o.parallel_attempts = 3;
  auto run = run_scenario(one(leading_zero_cli(20)), o, nullptr, &iut);
  EXPECT_EQ(run.result.verdict, Verdict::pass) << run.result.reason;
  EXPECT_EQ(run.result.observations["reached"], true);
  const int attempts = run.result.observations["attempts"].get<int>();
  EXPECT_GE(attempts, 5);
  EXPECT_LE(attempts, 7);
  EXPECT_EQ(iut.calls(), 7) << "the batch that reached runs to its end; no further batch starts";
  EXPECT_EQ(iut.max_in_flight(), 3);
}

TEST(Interpreter, FallbackAttemptsRunOneAtATimeOtherwise) {
  ConcurrentIutClient iut(false, 4);
  RunOptions o = options();
  o.parallel_attempts = 3;  // asked for, but the IUT client cannot overlap connects
  auto run = run_scenario(one(leading_zero_cli(20)), o, nullptr, &iut);
  EXPECT_EQ(run.result.verdict, Verdict::pass) << run.result.reason;
  EXPECT_EQ(run.result.observations["attempts"], 5);
  EXPECT_EQ(iut.calls(), 5);
  EXPECT_EQ(iut.max_in_flight(), 1);
  // And when nothing reaches it, the bound holds in batches too: 1 + 3 + 3 + 1 = 8 attempts.
  ConcurrentIutClient never(true, -1);
  auto capped = run_scenario(one(leading_zero_cli(8)), o, nullptr, &never);
  EXPECT_EQ(capped.result.verdict, Verdict::skip);
  EXPECT_EQ(capped.result.observations["attempts"], 8);
  EXPECT_EQ(never.calls(), 8);
}

TEST(Interpreter, MissingCapabilityIsASkip) {
  json s = ems_negotiated_srv();
  s["requires"] = {"ems", "dhe"};
  auto r = run_scenario(one(s), options({"ems"}), nullptr, nullptr).result;
  EXPECT_EQ(r.verdict, Verdict::skip);
  EXPECT_EQ(r.reason, "the IUT (in this configuration) lacks the capability 'dhe'");
  const std::set<std::string> both = {"ems", "dhe"}, none;
  EXPECT_EQ(applicability(one(s), {"tls", true, true, &both}).kind, Inapplicable::kNone);
  EXPECT_EQ(applicability(one(s), {"tls", true, true, &none}).reason,
            "the IUT (in this configuration) lacks the capability 'ems'");
  // The plan's question: a role the IUT has nothing for is not planned; unknown capabilities are not judged.
  EXPECT_EQ(applicability(one(s), {"tls", false, true, nullptr}).kind, Inapplicable::kRole);
  EXPECT_EQ(applicability(one(s), {"tls", true, false, nullptr}).kind, Inapplicable::kNone);
}

TEST(Interpreter, NoEndpointIsAnError) {
  auto r = run_scenario(one(ems_negotiated_srv()), options(), nullptr, nullptr).result;
  EXPECT_EQ(r.verdict, Verdict::error);
  EXPECT_EQ(r.reason, "no IUT endpoint for the server role");
}

TEST(Interpreter, UnreachableServerIsAnError) {
  GoneIutServer iut;
  auto r = run_scenario(one(ems_negotiated_srv()), options(), &iut, nullptr).result;
  EXPECT_EQ(r.verdict, Verdict::error);
  EXPECT_EQ(r.reason, "cannot connect to the IUT server: connect: Connection refused (the IUT server exited with "
                      "status 1)");
}

TEST(Interpreter, SilentServerTimesOutAndATimeoutIsNeverAPass) {
  SilentIutServer iut;
  json s = ems_negotiated_srv();
  s.erase("probes");
  s["otherwise"] = json::parse(R"([{"outcome": "timeout", "verdict": "pass", "diagnosis": "silence"}])");
  RunOptions o = options();
  o.env.io_timeout = std::chrono::milliseconds(300);
  auto r = run_scenario(one(s), o, &iut, nullptr).result;
  EXPECT_EQ(r.verdict, Verdict::fail);
  EXPECT_EQ(r.reason, "connection 1 of 1: expected complete, got timeout");
  EXPECT_EQ(r.diagnosis, "silence");
}

// ---------------------------------------------------------------- client role

PeerSettings no_tickets() {
  PeerSettings p;
  p.tickets = false;
  return p;
}

json resume_cli() {
  return json::parse(R"({
    "id": "ems.resume.cli", "title": "resume", "role": "client",
    "rfc": [{"rfc": "7627", "section": "5.3", "level": "MUST", "requirement": "offer EMS when resuming"}],
    "connections": [
      {"peer": {"tickets": false}, "expect": {"outcome": "complete"}},
      {"peer": {"tickets": false}, "expect": {"outcome": "resumed",
        "reached": [{"field": "resumption_offered_by", "is": "session-id", "else": "no resumption offer"}],
        "checks": [{"field": "ems_offered", "is": true, "else": "resumed without EMS"}]}}]
  })");
}

TEST(Interpreter, ClientRolePassWithResumption) {
  EngineIutClient client({}, no_tickets());
  auto r = run_scenario(one(resume_cli()), options(), nullptr, &client).result;
  EXPECT_EQ(r.verdict, Verdict::pass) << r.reason;
  EXPECT_EQ(r.observations["connections"][0]["outcome"], "full");
  EXPECT_EQ(r.observations["connections"][1]["outcome"], "resumed");
  EXPECT_EQ(r.observations["connections"][1]["resumed"], "session-id");
  EXPECT_EQ(r.observations["handshakes"], 2);
}

TEST(Interpreter, ClientRoleFailOnTheSecondConnection) {
  // A client without EMS that still offers to resume its (non-EMS) session.
  EngineIutClient client({{"OmitEms", "true"}, {"OfferNonEmsSession", "true"}}, no_tickets());
  json s = resume_cli();
  s["connections"][1]["expect"]["outcome"] = "any";
  auto r = run_scenario(one(s), options(), nullptr, &client).result;
  EXPECT_EQ(r.verdict, Verdict::fail);
  EXPECT_EQ(r.reason, "connection 2 of 2: ems_offered is false, expected true");
  EXPECT_EQ(r.diagnosis, "resumed without EMS");
}

TEST(Interpreter, ClientThatNeverConnectsIsAnError) {
  AbsentIutClient client;
  RunOptions o = options();
  o.accept_timeout = std::chrono::milliseconds(200);
  auto r = run_scenario(one(resume_cli()), o, nullptr, &client).result;
  EXPECT_EQ(r.verdict, Verdict::error);
  EXPECT_EQ(r.reason, "the IUT client did not connect: cannot start the client: no such program (accept: deadline "
                      "passed)");
}

}  // namespace
}  // namespace tlsc::scenarios
