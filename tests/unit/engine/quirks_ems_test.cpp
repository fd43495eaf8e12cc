// The extended_master_secret quirks of both switchboards (RFC 7627), engine vs engine: each test
// shows the correct default, then the documented deviation on the wire (parsed from the bytes that
// were sent) and how the RFC-correct peer on the other side reacts.
#include "engine_fixture.h"

namespace tlsc::engine::testing {
namespace {

using HT = HandshakeType;

const msg::Extension* ems_in(const std::optional<msg::ClientHello>& ch) {
  return ch ? hello_extension(ch->extensions, ExtensionType::kExtendedMasterSecret) : nullptr;
}
const msg::Extension* ems_in(const std::optional<msg::ServerHello>& sh) {
  return sh ? hello_extension(sh->extensions, ExtensionType::kExtendedMasterSecret) : nullptr;
}

void expect_complete(const Pair& p) {
  EXPECT_TRUE(p.client.handshake_complete) << p.client.describe();
  EXPECT_TRUE(p.server.handshake_complete) << p.server.describe();
  EXPECT_EQ(p.client.error, Error::kNone) << p.client.describe();
  EXPECT_EQ(p.server.error, Error::kNone) << p.server.describe();
  EXPECT_EQ(p.client.keylog, p.server.keylog) << "both sides derive the same master secret";
}

// ------------------------------------------------------------------ the default
TEST(EmsDefault, ClientOffersEmptyEmsAndServerEchoesEmpty) {
  auto p = run_pair(client_config(), server_config());
  expect_complete(p);
  // RFC 7627 5.1: the extension is offered and echoed with an empty extension_data.
  auto ch = parse_sent<msg::ClientHello>(p.client.bytes_sent);
  auto sh = parse_sent<msg::ServerHello>(p.server.bytes_sent);
  ASSERT_NE(ems_in(ch), nullptr);
  ASSERT_NE(ems_in(sh), nullptr);
  EXPECT_TRUE(ems_in(ch)->body.empty());
  EXPECT_TRUE(ems_in(sh)->body.empty());
  EXPECT_TRUE(p.server.ems_offered);
  EXPECT_TRUE(p.client.ems_echoed);
  EXPECT_EQ(p.client.master_secret_variant, "extended");
  EXPECT_EQ(p.server.master_secret_variant, "extended");
}

// ------------------------------------------------------------------ client quirks
TEST(ClientQuirk, OmitEmsLeavesEmsOutOfTheClientHello) {
  auto c = client_config();
  c.quirks.OmitEms = true;
  auto p = run_pair(c, server_config());
  expect_complete(p);
  auto ch = parse_sent<msg::ClientHello>(p.client.bytes_sent);
  ASSERT_TRUE(ch);
  EXPECT_EQ(ems_in(ch), nullptr) << "the ClientHello on the wire has no extended_master_secret";
  // RFC 7627 5.2: a server only echoes EMS when the client offered it.
  auto sh = parse_sent<msg::ServerHello>(p.server.bytes_sent);
  ASSERT_TRUE(sh);
  EXPECT_EQ(ems_in(sh), nullptr);
  EXPECT_FALSE(p.client.ems_offered);
  EXPECT_FALSE(p.server.ems_offered);
  EXPECT_FALSE(p.server.ems_echoed);
  EXPECT_EQ(p.client.master_secret_variant, "standard");
  EXPECT_EQ(p.server.master_secret_variant, "standard");
}

TEST(ClientQuirk, SendMalformedEmsDrawsDecodeErrorFromTheServer) {
  auto c = client_config();
  c.quirks.SendMalformedEms = true;
  auto p = run_pair(c, server_config());
  auto ch = parse_sent<msg::ClientHello>(p.client.bytes_sent);
  ASSERT_NE(ems_in(ch), nullptr);
  EXPECT_EQ(ems_in(ch)->body, Bytes{0}) << "RFC 7627 5.1 says empty; the quirk sends one byte";
  // RFC 7627 5.1 + RFC 5246 7.2.2: a malformed extension is a decode_error.
  EXPECT_FALSE(p.server.handshake_complete);
  EXPECT_EQ(p.server.error, Error::kMalformedEms) << p.server.describe();
  EXPECT_EQ(p.server.our_alert(), AlertDescription::kDecodeError);
  EXPECT_EQ(p.server.closure, Closure::kLocalError);
  EXPECT_FALSE(saw(p.server, "> server_hello")) << "the server aborts before answering";
  EXPECT_EQ(p.client.error, Error::kPeerAlert);
  EXPECT_EQ(p.client.peer_alert(), AlertDescription::kDecodeError);
  EXPECT_EQ(p.client.closure, Closure::kAlert);
}

TEST(ServerQuirk, AcceptMalformedEmsTakesTheClientsOneByteEms) {
  auto c = client_config();
  c.quirks.SendMalformedEms = true;
  auto s = server_config();
  s.quirks.AcceptMalformedEms = true;
  auto p = run_pair(c, s);
  expect_complete(p);
  EXPECT_TRUE(p.server.ems_offered);
  EXPECT_EQ(p.server.master_secret_variant, "extended");
  EXPECT_EQ(p.client.master_secret_variant, "extended");
}

// ------------------------------------------------------------------ server quirks
TEST(ServerQuirk, OmitEmsDoesNotEcho) {
  auto s = server_config();
  s.quirks.OmitEms = true;
  auto p = run_pair(client_config(), s);
  // RFC 7627 5.2: a client that offered EMS may go on without it (the default does).
  expect_complete(p);
  auto ch = parse_sent<msg::ClientHello>(p.client.bytes_sent);
  auto sh = parse_sent<msg::ServerHello>(p.server.bytes_sent);
  ASSERT_TRUE(sh);
  EXPECT_NE(ems_in(ch), nullptr);
  EXPECT_EQ(ems_in(sh), nullptr) << "the ServerHello on the wire has no extended_master_secret";
  EXPECT_TRUE(p.server.ems_offered);
  EXPECT_FALSE(p.client.ems_echoed);
  EXPECT_EQ(p.client.master_secret_variant, "standard");
  EXPECT_EQ(p.server.master_secret_variant, "standard");
}

TEST(ServerQuirk, OmitEmsAgainstAClientThatRequiresEms) {
  auto c = client_config();
  c.require_ems = true;
  auto s = server_config();
  s.quirks.OmitEms = true;
  auto p = run_pair(c, s);
  EXPECT_EQ(p.client.error, Error::kHandshakeFailure) << p.client.describe();
  EXPECT_EQ(p.client.our_alert(), AlertDescription::kHandshakeFailure);
  EXPECT_FALSE(saw(p.client, "> client_key_exchange"));
  EXPECT_EQ(p.server.error, Error::kPeerAlert);
  EXPECT_EQ(p.server.peer_alert(), AlertDescription::kHandshakeFailure);
}

TEST(ServerQuirk, SendEmsUnsolicitedDrawsUnsupportedExtension) {
  auto c = client_config();
  c.quirks.OmitEms = true;
  auto p = run_pair(c, server_config());
  expect_complete(p);  // the default server does not echo what was not offered
  ASSERT_EQ(ems_in(parse_sent<msg::ServerHello>(p.server.bytes_sent)), nullptr);

  auto s = server_config();
  s.quirks.SendEmsUnsolicited = true;
  p = run_pair(c, s);
  auto sh = parse_sent<msg::ServerHello>(p.server.bytes_sent);
  ASSERT_NE(ems_in(sh), nullptr) << "the ServerHello carries extended_master_secret anyway";
  EXPECT_TRUE(ems_in(sh)->body.empty());
  // RFC 5246 7.4.1.4: an extension the client did not offer is fatal, unsupported_extension.
  EXPECT_EQ(p.client.error, Error::kUnsolicitedExtension) << p.client.describe();
  EXPECT_EQ(p.client.our_alert(), AlertDescription::kUnsupportedExtension);
  EXPECT_FALSE(saw(p.client, "> client_key_exchange"));
  EXPECT_EQ(p.server.error, Error::kPeerAlert);
  EXPECT_EQ(p.server.peer_alert(), AlertDescription::kUnsupportedExtension);
  EXPECT_EQ(p.server.closure, Closure::kAlert);
}

TEST(ClientQuirk, AcceptUnsolicitedExtensionsGoesOnWithoutEms) {
  auto c = client_config();
  c.quirks.OmitEms = true;
  c.quirks.AcceptUnsolicitedExtensions = true;
  auto s = server_config();
  s.quirks.SendEmsUnsolicited = true;
  auto p = run_pair(c, s);
  expect_complete(p);
  EXPECT_TRUE(p.client.ems_echoed);
  EXPECT_FALSE(p.client.ems_offered);
  // RFC 7627 4: EMS is used only when offered and echoed; neither side uses it here.
  EXPECT_EQ(p.client.master_secret_variant, "standard");
  EXPECT_EQ(p.server.master_secret_variant, "standard");
}

TEST(ClientQuirk, AcceptUnsolicitedExtensionsCoversAnyExtension) {
  auto s = server_config();
  s.extra_extensions.push_back({ExtensionType{0xfe01}, Bytes{}});  // a type the client never offers
  auto p = run_pair(client_config(), s);
  EXPECT_EQ(p.client.error, Error::kUnsolicitedExtension) << p.client.describe();
  auto c = client_config();
  c.quirks.AcceptUnsolicitedExtensions = true;
  p = run_pair(c, s);
  expect_complete(p);
}

TEST(ServerQuirk, SendMalformedEmsDrawsDecodeErrorFromTheClient) {
  auto s = server_config();
  s.quirks.SendMalformedEms = true;
  auto p = run_pair(client_config(), s);
  auto sh = parse_sent<msg::ServerHello>(p.server.bytes_sent);
  ASSERT_NE(ems_in(sh), nullptr);
  EXPECT_EQ(ems_in(sh)->body, Bytes{0});
  // RFC 7627 5.1: extension_data is empty; a one-byte body is a decode_error.
  EXPECT_EQ(p.client.error, Error::kMalformedEms) << p.client.describe();
  EXPECT_EQ(p.client.our_alert(), AlertDescription::kDecodeError);
  EXPECT_FALSE(saw(p.client, "> client_key_exchange"));
  EXPECT_EQ(p.server.error, Error::kPeerAlert);
  EXPECT_EQ(p.server.peer_alert(), AlertDescription::kDecodeError);
}

TEST(ClientQuirk, AcceptMalformedEmsTakesTheServersOneByteEms) {
  auto c = client_config();
  c.quirks.AcceptMalformedEms = true;
  auto s = server_config();
  s.quirks.SendMalformedEms = true;
  auto p = run_pair(c, s);
  expect_complete(p);
  EXPECT_TRUE(p.client.ems_echoed);
  EXPECT_EQ(p.client.master_secret_variant, "extended");
}

}  // namespace
}  // namespace tlsc::engine::testing
