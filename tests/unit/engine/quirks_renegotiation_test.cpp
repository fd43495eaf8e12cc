// The renegotiation quirks, engine vs engine: a server that sends HelloRequest after the handshake
// (RFC 5246 7.4.1.1), and the client's three answers — renegotiate securely (RFC 5746), refuse
// with a no_renegotiation warning (RFC 5246 7.2.2), or ignore it.
#include "engine_fixture.h"

namespace tlsc::engine::testing {
namespace {

const AlertEvent kNoRenegotiationReceived{false, AlertLevel::kWarning, AlertDescription::kNoRenegotiation};
const AlertEvent kNoRenegotiationSent{true, AlertLevel::kWarning, AlertDescription::kNoRenegotiation};

bool has_alert(const ConnectionReport& r, const AlertEvent& a) {
  return std::find(r.alerts.begin(), r.alerts.end(), a) != r.alerts.end();
}

ServerConfig hello_requesting() {
  auto s = server_config();
  s.quirks.SendHelloRequestAfterHandshake = true;
  return s;
}

size_t count(const ConnectionReport& r, const std::string& message) {
  return static_cast<size_t>(std::count(r.messages.begin(), r.messages.end(), message));
}

TEST(RenegotiationDefault, NoHelloRequestWithoutTheQuirk) {
  auto p = run_pair(client_config(), server_config());
  EXPECT_TRUE(p.client.handshake_complete);
  EXPECT_EQ(count(p.server, "> hello_request"), 0u);
  EXPECT_EQ(p.client.handshakes, 1);
  EXPECT_FALSE(p.client.renegotiated);
}

TEST(ServerQuirk, SendHelloRequestAfterHandshakeMakesTheClientRenegotiateSecurely) {
  auto p = run_pair(client_config(), hello_requesting());
  EXPECT_EQ(count(p.server, "> hello_request"), 1u) << p.server.describe();
  EXPECT_EQ(count(p.client, "< hello_request"), 1u);
  // RFC 5746 3.5/3.7: both sides negotiated secure renegotiation, and the second handshake's
  // renegotiation_info carries the verify_data (checked by both flows).
  EXPECT_TRUE(p.client.secure_renegotiation);
  EXPECT_TRUE(p.client.renegotiated) << p.client.describe();
  EXPECT_TRUE(p.server.renegotiated) << p.server.describe();
  EXPECT_EQ(p.client.handshakes, 2);
  EXPECT_EQ(p.server.handshakes, 2);
  EXPECT_EQ(count(p.client, "> client_hello"), 2u);
  EXPECT_EQ(count(p.server, "> finished"), 2u);
  EXPECT_EQ(p.client.error, Error::kNone) << p.client.describe();
  EXPECT_EQ(p.server.error, Error::kNone) << p.server.describe();
  ASSERT_EQ(p.client.keylog.size(), 2u);
  EXPECT_EQ(p.client.keylog, p.server.keylog);
  EXPECT_NE(p.client.keylog[0], p.client.keylog[1]) << "a new master secret";
  EXPECT_EQ(p.client.app_data_received, (Bytes{'p', 'i', 'n', 'g'}));
  EXPECT_EQ(p.client.closure, Closure::kCloseNotify);
}

TEST(ClientQuirk, RefuseRenegotiationSendsNoRenegotiationWarning) {
  auto c = client_config();
  c.quirks.RefuseRenegotiation = true;
  auto p = run_pair(c, hello_requesting());
  EXPECT_EQ(count(p.client, "< hello_request"), 1u);
  EXPECT_TRUE(has_alert(p.client, kNoRenegotiationSent)) << p.client.describe();
  EXPECT_TRUE(has_alert(p.server, kNoRenegotiationReceived)) << p.server.describe();
  EXPECT_EQ(count(p.client, "> client_hello"), 1u);
  EXPECT_FALSE(p.client.renegotiated);
  EXPECT_EQ(p.client.handshakes, 1);
  // RFC 5246 7.2.2: a warning; the connection goes on.
  EXPECT_EQ(p.server.error, Error::kNone) << p.server.describe();
  EXPECT_EQ(p.client.app_data_received, (Bytes{'p', 'i', 'n', 'g'}));
  EXPECT_EQ(p.server.closure, Closure::kCloseNotify);
}

TEST(ClientQuirk, RefusalIsTheDefaultWithoutSecureRenegotiation) {
  auto c = client_config();
  c.secure_renegotiation = false;
  auto p = run_pair(c, hello_requesting());
  // RFC 5746 4.2: a client that did not negotiate secure renegotiation refuses.
  EXPECT_TRUE(has_alert(p.client, kNoRenegotiationSent)) << p.client.describe();
  EXPECT_FALSE(p.client.renegotiated);
}

TEST(ClientQuirk, IgnoreHelloRequestNeitherRenegotiatesNorRefuses) {
  auto c = client_config();
  c.quirks.IgnoreHelloRequest = true;
  auto p = run_pair(c, hello_requesting());
  EXPECT_EQ(count(p.client, "< hello_request"), 1u);
  EXPECT_FALSE(has_alert(p.client, kNoRenegotiationSent));
  EXPECT_FALSE(has_alert(p.server, kNoRenegotiationReceived));
  EXPECT_EQ(count(p.client, "> client_hello"), 1u);
  EXPECT_FALSE(p.client.renegotiated);
  EXPECT_FALSE(p.server.renegotiated);
  EXPECT_EQ(p.client.error, Error::kNone) << p.client.describe();
  EXPECT_EQ(p.client.app_data_received, (Bytes{'p', 'i', 'n', 'g'}));
  EXPECT_EQ(p.server.closure, Closure::kCloseNotify);
}

}  // namespace
}  // namespace tlsc::engine::testing
