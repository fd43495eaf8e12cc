// The client-certificate quirks, engine vs engine: a client that answers a CertificateRequest with
// an empty Certificate although it has one, and a server that goes on after an empty Certificate
// although it requires one (RFC 5246 7.4.6).
#include "engine_fixture.h"

namespace tlsc::engine::testing {
namespace {

ClientConfig with_credential() {
  auto c = client_config();
  c.credential = credentials().client;
  return c;
}

ServerConfig requiring() {
  auto s = server_config();
  s.require_client_cert = true;
  return s;
}

std::optional<msg::Certificate> client_certificate_on_wire(const Pair& p) {
  return parse_sent<msg::Certificate>(p.client.bytes_sent);
}

TEST(ClientAuthDefault, ClientSendsItsCertificateAndCertificateVerify) {
  auto p = run_pair(with_credential(), requiring());
  EXPECT_TRUE(p.server.handshake_complete) << p.server.describe();
  EXPECT_TRUE(p.client.handshake_complete) << p.client.describe();
  auto cert = client_certificate_on_wire(p);
  ASSERT_TRUE(cert);
  EXPECT_EQ(cert->certificates, credentials().client.chain);
  EXPECT_TRUE(saw(p.client, "> certificate_verify"));
  EXPECT_TRUE(p.server.client_certificate);
}

TEST(ClientQuirk, SendEmptyCertificateMakesARequiringServerAbort) {
  auto c = with_credential();
  c.quirks.SendEmptyCertificate = true;
  auto p = run_pair(c, requiring());
  auto cert = client_certificate_on_wire(p);
  ASSERT_TRUE(cert);
  EXPECT_TRUE(cert->certificates.empty()) << "an empty certificate_list although the client has one";
  EXPECT_FALSE(saw(p.client, "> certificate_verify")) << "RFC 5246 7.4.8: no CertificateVerify without a certificate";
  EXPECT_FALSE(p.client.client_certificate);
  // RFC 5246 7.4.6: a server that requires client authentication MAY respond with a fatal
  // handshake_failure; ours does.
  EXPECT_EQ(p.server.error, Error::kNoClientCertificate) << p.server.describe();
  EXPECT_EQ(p.server.our_alert(), AlertDescription::kHandshakeFailure);
  EXPECT_FALSE(saw(p.server, "> finished"));
  EXPECT_EQ(p.client.error, Error::kPeerAlert) << p.client.describe();
  EXPECT_EQ(p.client.peer_alert(), AlertDescription::kHandshakeFailure);
  EXPECT_EQ(p.client.closure, Closure::kAlert);
}

TEST(ClientQuirk, SendEmptyCertificateIsFineWhenTheServerOnlyRequests) {
  auto c = with_credential();
  c.quirks.SendEmptyCertificate = true;
  auto s = server_config();
  s.request_client_cert = true;
  auto p = run_pair(c, s);
  EXPECT_TRUE(p.server.handshake_complete) << p.server.describe();
  EXPECT_TRUE(p.client.handshake_complete) << p.client.describe();
  EXPECT_TRUE(p.client.certificate_requested);
  EXPECT_FALSE(p.server.client_certificate);
  auto cert = client_certificate_on_wire(p);
  ASSERT_TRUE(cert);
  EXPECT_TRUE(cert->certificates.empty());
}

TEST(ServerQuirk, AcceptEmptyClientCertificateGoesOn) {
  auto c = with_credential();
  c.quirks.SendEmptyCertificate = true;
  auto s = requiring();
  s.quirks.AcceptEmptyClientCertificate = true;
  auto p = run_pair(c, s);
  EXPECT_TRUE(p.server.handshake_complete) << p.server.describe();
  EXPECT_TRUE(p.client.handshake_complete) << p.client.describe();
  EXPECT_EQ(p.server.error, Error::kNone);
  EXPECT_FALSE(p.server.client_certificate);
  EXPECT_EQ(p.client.keylog, p.server.keylog);
  EXPECT_EQ(p.client.app_data_received, (Bytes{'p', 'i', 'n', 'g'}));

  // A client without any credential is the same case on the wire.
  p = run_pair(client_config(), s);
  EXPECT_TRUE(p.server.handshake_complete) << p.server.describe();
  auto cert = client_certificate_on_wire(p);
  ASSERT_TRUE(cert);
  EXPECT_TRUE(cert->certificates.empty());
}

}  // namespace
}  // namespace tlsc::engine::testing
