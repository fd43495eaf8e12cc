// The resumption quirks of both switchboards, engine vs engine: the RFC 7627 5.3 EMS rules on
// resumption from both sides, and abbreviated handshakes that carry messages of a full one
// (RFC 5246 7.3). Every test runs a full handshake first and offers its session on a second
// connection to the same server state.
#include "engine_fixture.h"

namespace tlsc::engine::testing {
namespace {

void expect_complete(const Pair& p) {
  EXPECT_TRUE(p.client.handshake_complete) << p.client.describe();
  EXPECT_TRUE(p.server.handshake_complete) << p.server.describe();
  EXPECT_EQ(p.client.error, Error::kNone) << p.client.describe();
  EXPECT_EQ(p.server.error, Error::kNone) << p.server.describe();
  EXPECT_EQ(p.client.keylog, p.server.keylog);
}

ClientConfig by_session_id(ClientConfig c) {
  c.resume_by_ticket = false;
  return c;
}

ClientConfig non_ems(ClientConfig c) {
  c.quirks.OmitEms = true;
  return c;
}

// The plaintext handshake message types the server sent, in order.
std::vector<HandshakeType> server_flight(const Pair& p) {
  std::vector<HandshakeType> out;
  for (const auto& m : plaintext_handshakes(p.server.bytes_sent)) out.push_back(m.type);
  return out;
}

// ------------------------------------------------------------------ the RFC 7627 5.3 rules
TEST(ResumptionDefault, EmsSessionResumesWithEmsBothWays) {
  for (bool ticket : {true, false}) {
    auto c = client_config();
    c.resume_by_ticket = ticket;
    auto r = run_resumption(c, c, server_config());
    expect_complete(r.second);
    EXPECT_EQ(r.second.client.resumed, ticket ? ResumedBy::kTicket : ResumedBy::kSessionId);
    EXPECT_EQ(r.second.server.resumed, r.second.client.resumed);
    EXPECT_TRUE(r.second.client.ems_echoed);
    EXPECT_EQ(r.second.client.master_secret_variant, "extended");
  }
}

TEST(ClientQuirk, OmitEmsWhileOfferingAnEmsSessionMakesTheServerAbort) {
  for (bool ticket : {true, false}) {
    auto c = client_config();
    c.resume_by_ticket = ticket;
    auto r = run_resumption(c, non_ems(c), server_config());
    const auto& p = r.second;
    EXPECT_TRUE(p.client.resumption_offered);
    auto ch = parse_sent<msg::ClientHello>(p.client.bytes_sent);
    ASSERT_TRUE(ch);
    EXPECT_EQ(hello_extension(ch->extensions, ExtensionType::kExtendedMasterSecret), nullptr);
    // RFC 7627 5.3: "If the original session used the extension but the new ClientHello does not
    // contain it, the server MUST abort the abbreviated handshake."
    EXPECT_EQ(p.server.error, Error::kResumedWithoutEms) << p.server.describe();
    EXPECT_EQ(p.server.our_alert(), AlertDescription::kHandshakeFailure);
    EXPECT_FALSE(saw(p.server, "> server_hello"));
    EXPECT_EQ(p.client.error, Error::kPeerAlert);
    EXPECT_EQ(p.client.peer_alert(), AlertDescription::kHandshakeFailure);
  }
}

TEST(ServerQuirk, OmitEmsOnResumptionOfAnEmsSessionMakesTheClientAbort) {
  auto s = server_config();
  auto omit = s;  // same ServerState: the second connection finds the session
  omit.quirks.OmitEms = true;
  for (bool ticket : {true, false}) {
    auto c = client_config();
    c.resume_by_ticket = ticket;
    auto r = run_resumption(c, c, s, &omit);
    const auto& p = r.second;
    auto sh = parse_sent<msg::ServerHello>(p.server.bytes_sent);
    ASSERT_TRUE(sh);
    EXPECT_EQ(hello_extension(sh->extensions, ExtensionType::kExtendedMasterSecret), nullptr);
    EXPECT_EQ(sh->session_id, parse_sent<msg::ClientHello>(p.client.bytes_sent)->session_id) << "it resumes";
    EXPECT_EQ(p.server.resumed, ticket ? ResumedBy::kTicket : ResumedBy::kSessionId);
    // RFC 7627 5.3: "If the original session used the extension but the new ServerHello does not
    // contain the extension, the client MUST abort the handshake."
    EXPECT_EQ(p.client.error, Error::kResumedWithoutEms) << p.client.describe();
    EXPECT_EQ(p.client.our_alert(), AlertDescription::kHandshakeFailure);
    EXPECT_FALSE(p.client.handshake_complete);
    EXPECT_EQ(p.server.error, Error::kPeerAlert);
    EXPECT_EQ(p.server.peer_alert(), AlertDescription::kHandshakeFailure);
  }
}

TEST(ClientQuirk, AcceptEmsMismatchOnResumeResumesAnEmsSessionWithoutEms) {
  auto s = server_config();
  auto omit = s;
  omit.quirks.OmitEms = true;
  auto second = by_session_id(client_config());
  second.quirks.AcceptEmsMismatchOnResume = true;
  auto r = run_resumption(client_config(), second, s, &omit);
  expect_complete(r.second);
  EXPECT_EQ(r.second.client.resumed, ResumedBy::kSessionId);
  EXPECT_FALSE(r.second.client.ems_echoed);
  EXPECT_EQ(r.second.client.master_secret_variant, "extended") << "the session's master secret is kept";
}

TEST(ClientQuirk, OfferNonEmsSession) {
  const auto s = server_config();
  auto first = run_pair(non_ems(client_config()), s);
  ASSERT_TRUE(first.client.handshake_complete) << first.client.describe();
  ASSERT_TRUE(first.client.session);
  ASSERT_FALSE(first.client.session->state.extended_master_secret);

  // Default: RFC 7627 5.3, the client SHOULD NOT offer a session created without EMS.
  auto c = client_config();
  c.resume = first.client.session;
  auto p = run_pair(c, s);
  expect_complete(p);
  EXPECT_FALSE(p.client.resumption_offered);
  auto ch = parse_sent<msg::ClientHello>(p.client.bytes_sent);
  ASSERT_TRUE(ch);
  EXPECT_TRUE(ch->session_id.empty());
  const auto* ticket = hello_extension(ch->extensions, ExtensionType::kSessionTicket);
  ASSERT_NE(ticket, nullptr);
  EXPECT_TRUE(ticket->body.empty()) << "no ticket offered";

  // The quirk offers it; a correct server MUST NOT resume it with an EMS ClientHello (RFC 7627
  // 5.3) and runs a full handshake.
  c.quirks.OfferNonEmsSession = true;
  p = run_pair(c, s);
  expect_complete(p);
  EXPECT_TRUE(p.client.resumption_offered);
  EXPECT_EQ(p.client.resumption_offered_by, "ticket");
  ch = parse_sent<msg::ClientHello>(p.client.bytes_sent);
  ASSERT_TRUE(ch);
  EXPECT_EQ(hello_extension(ch->extensions, ExtensionType::kSessionTicket)->body, first.client.session->ticket);
  EXPECT_TRUE(p.server.resumption_offered);
  EXPECT_EQ(p.server.resumed, ResumedBy::kNone);
  EXPECT_EQ(p.client.resumed, ResumedBy::kNone);
  EXPECT_EQ(p.client.master_secret_variant, "extended");
}

TEST(ServerQuirk, OmitEmsInResumptionResumesAnEmsSessionWithoutEms) {
  const auto s = server_config();
  auto omitting = s;
  omitting.quirks.OmitEmsInResumption = true;
  auto r = run_resumption(client_config(), by_session_id(client_config()), s, &omitting);
  EXPECT_TRUE(r.first.client.ems_echoed) << "the full handshake echoes EMS";
  const auto& p = r.second;
  EXPECT_EQ(p.server.resumed, ResumedBy::kSessionId);
  EXPECT_FALSE(p.server.ems_echoed);
  auto sh = parse_sent<msg::ServerHello>(p.server.bytes_sent);
  ASSERT_TRUE(sh);
  EXPECT_TRUE(!sh->extensions || !msg::find_extension(*sh->extensions, ExtensionType::kExtendedMasterSecret))
      << "no EMS on the wire";
  // RFC 7627 5.3: the client MUST abort a resumption of its EMS session whose ServerHello lacks EMS.
  EXPECT_EQ(p.client.error, Error::kResumedWithoutEms) << p.client.describe();
  EXPECT_EQ(p.client.our_alert(), AlertDescription::kHandshakeFailure);
}

TEST(ServerQuirk, ResumeRegardlessOfEmsResumesANonEmsSessionForAnEmsClientHello) {
  const auto s = server_config();
  auto regardless = s;
  regardless.quirks.ResumeRegardlessOfEms = true;
  auto second = by_session_id(client_config());
  second.quirks.OfferNonEmsSession = true;
  auto r = run_resumption(non_ems(client_config()), second, s, &regardless);
  const auto& p = r.second;
  EXPECT_EQ(p.server.resumed, ResumedBy::kSessionId);
  EXPECT_TRUE(p.server.ems_echoed) << "the client offered EMS, so the ServerHello echoes it";
  // RFC 7627 5.3: "If the original session did not use the extension but the new ServerHello
  // contains the extension, the client MUST abort the handshake."
  EXPECT_EQ(p.client.error, Error::kResumedNonEmsWithEms) << p.client.describe();
  EXPECT_EQ(p.client.our_alert(), AlertDescription::kHandshakeFailure);
  EXPECT_EQ(p.server.peer_alert(), AlertDescription::kHandshakeFailure);

  // With AcceptEmsMismatchOnResume the client goes on with the session's standard master secret.
  second.quirks.AcceptEmsMismatchOnResume = true;
  auto again = run_resumption(non_ems(client_config()), second, s, &regardless);
  expect_complete(again.second);
  EXPECT_EQ(again.second.client.resumed, ResumedBy::kSessionId);
  EXPECT_EQ(again.second.client.master_secret_variant, "standard");
  EXPECT_EQ(again.second.server.master_secret_variant, "standard");
}

TEST(ServerQuirk, ResumeRegardlessOfEmsResumesAnEmsSessionWithoutEms) {
  const auto s = server_config();
  auto regardless = s;
  regardless.quirks.ResumeRegardlessOfEms = true;
  // Default: the server aborts (covered above); with the quirk it resumes, and the correct
  // client, whose session used EMS, aborts on the ServerHello without it.
  auto r = run_resumption(by_session_id(client_config()), non_ems(by_session_id(client_config())), s, &regardless);
  const auto& p = r.second;
  EXPECT_EQ(p.server.resumed, ResumedBy::kSessionId);
  EXPECT_EQ(p.server.error, Error::kPeerAlert);
  EXPECT_EQ(p.client.error, Error::kResumedWithoutEms) << p.client.describe();
  EXPECT_EQ(p.client.our_alert(), AlertDescription::kHandshakeFailure);
}

TEST(ServerQuirk, ResumeRegardlessOfEmsResumesALegacySession) {
  const auto s = server_config();
  auto c = non_ems(by_session_id(client_config()));
  c.quirks.OfferNonEmsSession = true;
  auto r = run_resumption(non_ems(client_config()), c, s);
  // Default: RFC 7627 5.3, neither the session nor the ClientHello uses EMS: SHOULD abort.
  EXPECT_EQ(r.second.server.error, Error::kLegacyResumption) << r.second.server.describe();
  EXPECT_EQ(r.second.server.our_alert(), AlertDescription::kHandshakeFailure);

  auto regardless = s;
  regardless.quirks.ResumeRegardlessOfEms = true;
  r = run_resumption(non_ems(client_config()), c, s, &regardless);
  expect_complete(r.second);
  EXPECT_EQ(r.second.server.resumed, ResumedBy::kSessionId);
  EXPECT_EQ(r.second.client.master_secret_variant, "standard");
}

// ------------------------------------------------------------------ full-handshake messages in an abbreviated one
TEST(ServerQuirk, SendCertificateRequestInResumptionDrawsUnexpectedMessage) {
  const auto s = server_config();
  auto quirky = s;
  quirky.quirks.SendCertificateRequestInResumption = true;
  const auto c = by_session_id(client_config());
  auto r = run_resumption(c, c, s, &quirky);
  const auto& p = r.second;
  EXPECT_EQ(p.server.resumed, ResumedBy::kSessionId);
  EXPECT_EQ(server_flight(p), (std::vector<HandshakeType>{HandshakeType::kServerHello, HandshakeType::kCertificateRequest}))
      << "ServerHello echoing the session ID, then CertificateRequest before the CCS";
  // RFC 5246 7.3: an abbreviated handshake is ServerHello, CCS, Finished; a CertificateRequest
  // there is unexpected_message.
  EXPECT_EQ(p.client.error, Error::kUnexpectedMessage) << p.client.describe();
  EXPECT_EQ(p.client.our_alert(), AlertDescription::kUnexpectedMessage);
  EXPECT_TRUE(p.client.certificate_requested);
  EXPECT_EQ(p.server.error, Error::kPeerAlert);
  EXPECT_EQ(p.server.peer_alert(), AlertDescription::kUnexpectedMessage);
}

TEST(ClientQuirk, AcceptCertificateRequestInResumptionCompletes) {
  const auto s = server_config();
  auto quirky = s;
  quirky.quirks.SendCertificateRequestInResumption = true;
  auto second = by_session_id(client_config());
  second.quirks.AcceptCertificateRequestInResumption = true;
  auto r = run_resumption(by_session_id(client_config()), second, s, &quirky);
  expect_complete(r.second);
  EXPECT_EQ(r.second.client.resumed, ResumedBy::kSessionId);
  EXPECT_TRUE(r.second.client.certificate_requested);
  EXPECT_TRUE(r.second.server.certificate_requested);
  EXPECT_FALSE(saw(r.second.client, "> certificate")) << "the request is ignored, not answered";
}

TEST(ServerQuirk, SendFullFlightInResumptionDrawsUnexpectedMessage) {
  const auto s = server_config();
  auto quirky = s;
  quirky.quirks.SendFullFlightInResumption = true;
  const auto c = by_session_id(client_config());
  auto r = run_resumption(c, c, s, &quirky);
  const auto& p = r.second;
  auto ch = parse_sent<msg::ClientHello>(p.client.bytes_sent);
  auto sh = parse_sent<msg::ServerHello>(p.server.bytes_sent);
  ASSERT_TRUE(ch && sh);
  EXPECT_EQ(sh->session_id, ch->session_id) << "the session ID is echoed: a resumption";
  EXPECT_EQ(server_flight(p), (std::vector<HandshakeType>{HandshakeType::kServerHello, HandshakeType::kCertificate,
                                                          HandshakeType::kCertificateRequest,
                                                          HandshakeType::kServerHelloDone}));
  // RFC 5246 7.3: after a ServerHello that resumes, a Certificate is unexpected_message.
  EXPECT_EQ(p.client.error, Error::kUnexpectedMessage) << p.client.describe();
  EXPECT_EQ(p.client.our_alert(), AlertDescription::kUnexpectedMessage);
  EXPECT_EQ(p.client.resumed, ResumedBy::kSessionId);
  EXPECT_EQ(p.server.error, Error::kPeerAlert);
  EXPECT_EQ(p.server.peer_alert(), AlertDescription::kUnexpectedMessage);
  EXPECT_EQ(p.server.closure, Closure::kAlert);
}

TEST(ServerQuirk, DeclineResumptionRunsAFullHandshake) {
  const auto s = server_config();
  auto declining = s;
  declining.quirks.DeclineResumption = true;
  declining.request_client_cert = true;
  auto c = client_config();
  c.credential = credentials().client;
  for (bool ticket : {true, false}) {
    c.resume_by_ticket = ticket;
    auto r = run_resumption(c, c, s, &declining);
    const auto& p = r.second;
    expect_complete(p);
    EXPECT_TRUE(p.client.resumption_offered);
    EXPECT_TRUE(p.server.resumption_offered) << "the server saw the offer and declined it";
    EXPECT_EQ(p.server.resumption_offered_by, ticket ? "ticket" : "session-id");
    EXPECT_EQ(p.client.resumed, ResumedBy::kNone);
    EXPECT_EQ(p.server.resumed, ResumedBy::kNone);
    auto ch = parse_sent<msg::ClientHello>(p.client.bytes_sent);
    auto sh = parse_sent<msg::ServerHello>(p.server.bytes_sent);
    ASSERT_TRUE(ch && sh);
    EXPECT_NE(sh->session_id, ch->session_id) << "a new session ID: no resumption";
    EXPECT_TRUE(p.client.certificate_requested);
    EXPECT_TRUE(p.server.client_certificate);
    EXPECT_TRUE(saw(p.client, "> certificate"));
    EXPECT_TRUE(saw(p.client, "> certificate_verify"));
    EXPECT_NE(p.client.keylog.back().substr(79), r.first.client.keylog.back().substr(79)) << "a new master secret";
  }
}

}  // namespace
}  // namespace tlsc::engine::testing
