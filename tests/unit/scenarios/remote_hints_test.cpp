// scenarios/remote_hints: a server that asks for a client certificate in a scenario that is not
// about client authentication turns the unit's fail/warn/skip into a skip (we had none to give) or
// an error (it refused ours), with the reason that says what to do; nothing else changes.
#include <gtest/gtest.h>

#include "scenarios/remote_hints.h"

namespace tlsc::scenarios {
namespace {

Scenario server_scenario() {
  Scenario s;
  s.id = "x.srv";
  s.role = Role::server;
  s.connections.resize(2);
  return s;
}

engine::ConnectionReport stopped_by_demand(bool we_sent_one) {
  engine::ConnectionReport r;
  r.certificate_requested = true;
  r.client_certificate = we_sent_one;
  r.alerts.push_back({false, AlertLevel::kFatal, we_sent_one ? AlertDescription::kUnknownCa : AlertDescription::kHandshakeFailure});
  r.error = engine::Error::kPeerAlert;
  return r;
}

results::Result failed() {
  results::Result r;
  r.verdict = results::Verdict::fail;
  r.reason = "connection 1 of 2: expected complete, got alert handshake_failure";
  return r;
}

TEST(RemoteHints, NoCertificateGivenIsASkipThatSaysWhatToPass) {
  auto res = failed();
  apply_client_cert_hint(server_scenario(), {stopped_by_demand(false)}, res);
  EXPECT_EQ(res.verdict, results::Verdict::skip);
  EXPECT_EQ(res.reason, "the server requires a client certificate: pass --client-cert");
  EXPECT_NE(res.deviation.find("expected complete, got alert handshake_failure"), std::string::npos) << res.deviation;
  EXPECT_EQ(res.observations["client_certificate_demand"], "required");
}

TEST(RemoteHints, ARefusedCertificateIsAnError) {
  auto res = failed();
  res.verdict = results::Verdict::skip;  // e.g. "the case was not reached"
  apply_client_cert_hint(server_scenario(), {stopped_by_demand(true)}, res);
  EXPECT_EQ(res.verdict, results::Verdict::error);
  EXPECT_EQ(res.reason,
            "the server refused our client certificate (alert unknown_ca): pass --client-cert/--client-key with one it accepts");
}

TEST(RemoteHints, LeavesScenariosAboutClientAuthAndOtherFailuresAlone) {
  auto about = server_scenario();
  about.connections[0].peer.client_cert = false;  // the scenario says: no certificate
  auto res = failed();
  apply_client_cert_hint(about, {stopped_by_demand(false)}, res);
  EXPECT_EQ(res.verdict, results::Verdict::fail);
  auto requires_auth = server_scenario();
  requires_auth.requires_caps = {"client-auth"};
  apply_client_cert_hint(requires_auth, {stopped_by_demand(false)}, res);
  EXPECT_EQ(res.verdict, results::Verdict::fail);
  // No CertificateRequest, or a handshake that completed: a real failure.
  auto plain = stopped_by_demand(false);
  plain.certificate_requested = false;
  apply_client_cert_hint(server_scenario(), {plain}, res);
  EXPECT_EQ(res.verdict, results::Verdict::fail);
  auto completed = stopped_by_demand(false);
  completed.handshakes = 1;
  apply_client_cert_hint(server_scenario(), {completed}, res);
  EXPECT_EQ(res.verdict, results::Verdict::fail);
  // A pass stays a pass.
  res.verdict = results::Verdict::pass;
  apply_client_cert_hint(server_scenario(), {stopped_by_demand(false)}, res);
  EXPECT_EQ(res.verdict, results::Verdict::pass);
  // The client role is never touched (our server asks there).
  auto cli = server_scenario();
  cli.role = Role::client;
  res.verdict = results::Verdict::fail;
  apply_client_cert_hint(cli, {stopped_by_demand(false)}, res);
  EXPECT_EQ(res.verdict, results::Verdict::fail);
}

}  // namespace
}  // namespace tlsc::scenarios
