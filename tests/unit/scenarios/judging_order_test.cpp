// The judging order and the evidence rule (scenarios/judge.h), on the real catalog against our
// engine as a non-compliant IUT server: a violation on any connection is reported under its rule
// and never hidden as a skip; a diagnosis is given only with its evidence; a skip states a cause
// that was observed or confirmed; a statistical failure is diagnosed like a single-shot one.
#include <gtest/gtest.h>

#include "engine_iut.h"
#include "scenarios/judge.h"
#include "scenarios/loader.h"

namespace tlsc::scenarios {
namespace {

const std::vector<Scenario>& catalog() {
  static const auto c = load_catalog(default_catalog_dir());
  return c;
}

const Scenario& scenario(const std::string& id) {
  for (const auto& s : catalog())
    if (s.id == id) return s;
  throw std::runtime_error("no scenario " + id);
}

RunOptions options() {
  RunOptions o;
  o.env = env();
  o.seed = 11;
  o.capabilities = {"ems", "dhe", "ecdhe", "rsa", "resume-id", "resume-ticket", "client-auth",
                    "group-secp256r1", "group-secp384r1", "group-secp521r1", "group-x25519"};
  o.catalog = &catalog();
  return o;
}

results::Result run(const std::string& id, Quirks quirks, PeerSettings settings = {}, RunOptions o = options()) {
  EngineIutServer iut(std::move(quirks), std::move(settings));
  return run_scenario(scenario(id), o, &iut, nullptr).result;
}

std::string describe(const results::Result& r) {
  return std::string(results::to_string(r.verdict)) + " | " + r.reason + " | " + r.diagnosis;
}

// A server that puts EMS into the ServerHello for a client that did not offer it breaks RFC 7627
// 5.2 on the setup connection of these scenarios: each fails under that rule, none skips.
TEST(JudgingOrder, UnsolicitedEmsOnTheSetupConnectionFailsUnderRfc7627_5_2) {
  for (const std::string id : {"ems.resume.no-yes.id.srv", "ems.resume.no-no.id.srv", "ems.resume.no-yes.ticket.srv",
                               "dhe.z-leading-zero.no-ems.srv"}) {
    const auto r = run(id, {{"SendEmsUnsolicited", "true"}});
    EXPECT_EQ(r.verdict, Verdict::fail) << id << ": " << describe(r);
    EXPECT_NE(r.reason.find("the IUT violated RFC 7627 5.2"), std::string::npos) << id << ": " << describe(r);
    EXPECT_NE(r.reason.find("UnsolicitedExtension"), std::string::npos) << id << ": " << describe(r);
    EXPECT_NE(r.diagnosis.find("did not offer"), std::string::npos) << id << ": " << describe(r);
    EXPECT_EQ(r.diagnosis.find("refuses clients without EMS"), std::string::npos) << id;
    EXPECT_EQ(r.diagnosis.find("leading zero"), std::string::npos) << id;
    ASSERT_TRUE(r.observations.contains("violation")) << id;
    EXPECT_EQ(r.observations["violation"]["rfc"], "7627") << id;
    EXPECT_EQ(r.observations["violation"]["section"], "5.2") << id;
    EXPECT_EQ(r.observations["blames"], nlohmann::ordered_json::array({"RFC 7627 5.2"})) << id;
  }
}

// The violation names the scenario that checks its rule (same role, a rule naming the error).
TEST(JudgingOrder, AViolationNamesTheScenarioThatChecksItsRule) {
  const auto r = run("ems.resume.no-no.id.srv", {{"SendEmsUnsolicited", "true"}});
  EXPECT_NE(r.diagnosis.find("checked by ems.full.client-omits.srv"), std::string::npos) << describe(r);
}

// A server that requires a client certificate is no reason to claim it "refuses clients without
// EMS": the confirm re-run with EMS fails too, so the result is error, with the observed hint.
TEST(JudgingOrder, AServerRequiringAClientCertificateIsNotCalledAnEmsRefusal) {
  PeerSettings require;
  require.require_client_cert = true;
  for (const std::string id : {"ems.resume.no-yes.id.srv", "ems.resume.no-no.id.srv", "dhe.z-leading-zero.no-ems.srv"}) {
    const auto r = run(id, {}, require);
    EXPECT_EQ(r.verdict, Verdict::error) << id << ": " << describe(r);
    EXPECT_EQ(r.reason.find("not reached: the IUT refuses"), std::string::npos) << id << ": " << describe(r);
    EXPECT_NE(r.reason.find("client certificate"), std::string::npos) << id << ": " << describe(r);
    EXPECT_TRUE(r.diagnosis.empty()) << id << ": " << describe(r);
    // Either the confirm re-run with EMS or the control without a leading zero failed as well.
    EXPECT_TRUE(r.observations.value("confirmed", true) == false || r.observations.value("control", "") == "alert")
        << id << ": " << r.observations.dump();
  }
}

// A server that really refuses clients without EMS (RFC 7627 5.2 allows it): the confirm re-run
// with EMS completes, so the skip states a confirmed cause.
TEST(JudgingOrder, AConfirmedEmsRefusalIsASkipWithItsCause) {
  for (const std::string id : {"ems.resume.no-yes.id.srv", "ems.resume.no-no.ticket.srv", "dhe.z-leading-zero.no-ems.srv"}) {
    EngineIutServer iut({}, {}, [](engine::ServerConfig& c) { c.require_ems = true; });
    const auto r = run_scenario(scenario(id), options(), &iut, nullptr).result;
    EXPECT_EQ(r.verdict, Verdict::skip) << id << ": " << describe(r);
    EXPECT_NE(r.reason.find("connection 1 of "), std::string::npos) << id << ": " << describe(r);
    EXPECT_NE(r.reason.find("without EMS: the same handshake with EMS completes"), std::string::npos) << id << ": " << describe(r);
    EXPECT_EQ(r.observations["confirmed"], true) << id;
  }
}

// A server that resumes an EMS session with a ServerHello lacking EMS breaks RFC 7627 5.3: the
// certificate scenario names that rule, not RFC 5246 7.3 (its CertificateRequest rule needs an
// UnexpectedMessage as evidence, which this connection did not show).
TEST(JudgingOrder, ResumptionWithoutEmsInTheCertificateScenarioBlamesRfc7627_5_3) {
  PeerSettings require;
  require.require_client_cert = true;
  const auto r = run("certreq.resume-authenticated.srv", {{"OmitEmsInResumption", "true"}}, require);
  EXPECT_EQ(r.verdict, Verdict::fail) << describe(r);
  EXPECT_NE(r.reason.find("ResumedWithoutEms"), std::string::npos) << describe(r);
  EXPECT_NE(r.diagnosis.find("RFC 7627 5.3"), std::string::npos) << describe(r);
  EXPECT_EQ(r.diagnosis.find("CertificateRequest"), std::string::npos) << describe(r);
  EXPECT_EQ(r.diagnosis.find("7.3"), std::string::npos) << describe(r);
  EXPECT_EQ(r.observations["blames"], nlohmann::ordered_json::array({"RFC 7627 5.3"}));
  EXPECT_NE(r.diagnosis.find("checked by ems.resume.yes-yes"), std::string::npos) << describe(r);
}

// The same scenario with the fault it checks: the rule's evidence (UnexpectedMessage) matches.
TEST(JudgingOrder, CertificateRequestInTheAbbreviatedHandshakeKeepsItsDiagnosis) {
  PeerSettings require;
  require.require_client_cert = true;
  const auto r = run("certreq.resume-authenticated.srv", {{"SendCertificateRequestInResumption", "true"}}, require);
  EXPECT_EQ(r.verdict, Verdict::fail) << describe(r);
  EXPECT_NE(r.diagnosis.find("does not belong in an abbreviated handshake"), std::string::npos) << describe(r);
}

// "The handshake fails whenever Z has a leading zero byte" is said only when the same handshake
// without a leading zero completes. A server that refuses our client for another reason (here: a
// client certificate it requires) gets error, not that claim.
TEST(JudgingOrder, ALeadingZeroClaimNeedsTheControlRun) {
  PeerSettings require;
  require.require_client_cert = true;
  const auto r = run("dhe.z-leading-zero.ems.srv", {}, require);
  EXPECT_EQ(r.verdict, Verdict::error) << describe(r);
  EXPECT_EQ(r.diagnosis.find("whenever Z has a leading zero"), std::string::npos) << describe(r);
  EXPECT_NE(r.reason.find("without the condition under test (control)"), std::string::npos) << describe(r);
  // The real fault: the IUT cannot verify our Finished (a key-schedule disagreement, RFC 5246
  // 7.4.9), and the probe shows why, so the scenario's own clause is blamed too.
  const auto pad = run("dhe.z-leading-zero.ems.srv", {{"PadDhePremaster", "true"}});
  EXPECT_EQ(pad.verdict, Verdict::fail) << describe(pad);
  EXPECT_NE(pad.diagnosis.find("pads the DHE premaster"), std::string::npos) << describe(pad);
  EXPECT_EQ(pad.observations["blames"], nlohmann::ordered_json::array({"RFC 5246 7.4.9", "RFC 5246 8.1.2"}));
}

// natural-rate fails with the cause named, as dhe.z-leading-zero.*.srv does.
TEST(JudgingOrder, NaturalRateFailuresAreDiagnosed) {
  RunOptions o = options();
  o.repeat = 400;
  const auto r = run("dhe.natural-rate.srv", {{"PadDhePremaster", "true"}}, {}, o);
  ASSERT_GE(r.observations["hits"].get<int>(), 1) << "these seeds give leading zero bytes: " << describe(r);
  EXPECT_EQ(r.verdict, Verdict::fail) << describe(r);
  EXPECT_EQ(r.observations["failures_otherwise"], 0);
  EXPECT_NE(r.diagnosis.find("pads the DHE premaster"), std::string::npos) << describe(r);
}

}  // namespace
}  // namespace tlsc::scenarios

namespace tlsc::scenarios {
namespace {

// A setup connection that hung after its handshake (our peer waited until the deadline): a later
// failure that a lost session would explain (no resumption) is error; one where the session
// survived (the connection resumed) is judged as usual.
TEST(JudgingOrder, AFailureAfterAHangIsErrorOnlyWhereTheSessionWasLost) {
  const Scenario& s = scenario("ems.resume.yes-yes.id.srv");
  engine::ConnectionReport setup;
  setup.role = engine::Role::kClient;
  setup.handshakes = 1;
  setup.ems_offered = setup.ems_echoed = true;
  setup.closure = engine::Closure::kTimeout;  // observe(): hung
  engine::ConnectionReport full = setup;
  full.closure = engine::Closure::kCloseNotify;
  results::Result lost;
  apply_judgement(s, judge(s, {setup, full}), lost);
  EXPECT_EQ(lost.verdict, Verdict::error) << describe(lost);
  EXPECT_NE(lost.reason.find("connection 1 hung after its handshake"), std::string::npos) << describe(lost);

  engine::ConnectionReport resumed = full;
  resumed.resumed = engine::ResumedBy::kSessionId;
  resumed.ems_echoed = false;  // the scenario's own fault, with the session intact
  results::Result judged;
  apply_judgement(s, judge(s, {setup, resumed}), judged);
  EXPECT_EQ(judged.verdict, Verdict::fail) << describe(judged);
  EXPECT_NE(judged.reason.find("ems_echoed is false"), std::string::npos) << describe(judged);
}

}  // namespace
}  // namespace tlsc::scenarios
