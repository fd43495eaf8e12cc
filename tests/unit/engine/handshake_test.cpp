// Correct by default: our client and server complete full and resumed handshakes with each other
// for every suite and version, and agree on every negotiated parameter.
#include "engine_fixture.h"
#include "peers/record/cipher_suite.h"

namespace tlsc::engine::testing {
namespace {

void expect_complete(const Pair& p) {
  EXPECT_TRUE(p.client.handshake_complete) << p.client.describe();
  EXPECT_TRUE(p.server.handshake_complete) << p.server.describe();
  EXPECT_EQ(p.client.error, Error::kNone) << p.client.describe();
  EXPECT_EQ(p.server.error, Error::kNone) << p.server.describe();
}

class EverySuite : public ::testing::TestWithParam<uint16_t> {};

TEST_P(EverySuite, FullHandshakeTls12WithEmsAndEcho) {
  auto p = run_pair(with_suite(client_config(), CipherSuite{GetParam()}), server_config());
  expect_complete(p);
  EXPECT_EQ(p.client.suite.value, GetParam());
  EXPECT_EQ(p.server.suite, p.client.suite);
  EXPECT_EQ(p.client.version, ProtocolVersion::kTls12);
  EXPECT_TRUE(p.client.ems_echoed);
  EXPECT_EQ(p.client.master_secret_variant, "extended");
  EXPECT_EQ(p.server.master_secret_variant, "extended");
  ASSERT_EQ(p.client.keylog.size(), 1u);
  EXPECT_EQ(p.client.keylog, p.server.keylog) << "both sides derive the same master secret";
  EXPECT_EQ(p.server.app_data_received, (Bytes{'p', 'i', 'n', 'g'}));
  EXPECT_EQ(p.client.app_data_received, (Bytes{'p', 'i', 'n', 'g'})) << "the server echoes";
  EXPECT_EQ(p.server.closure, Closure::kCloseNotify);
  EXPECT_EQ(p.client.closure, Closure::kCloseNotify);
}

std::vector<uint16_t> all_codes() {
  std::vector<uint16_t> out;
  for (const auto& s : record::all_cipher_suites()) out.push_back(s.code);
  return out;
}

INSTANTIATE_TEST_SUITE_P(Suites, EverySuite, ::testing::ValuesIn(all_codes()),
                         [](const auto& info) { return std::string(record::find_cipher_suite(info.param)->short_name).empty()
                                                           ? std::to_string(info.param)
                                                           : [](std::string n) { for (auto& ch : n) if (!isalnum(ch)) ch = '_'; return n; }(
                                                                 std::string(record::find_cipher_suite(info.param)->short_name)); });

struct VersionSuite {
  ProtocolVersion version;
  CipherSuite suite;
};

class OlderVersions : public ::testing::TestWithParam<VersionSuite> {};

TEST_P(OlderVersions, FullHandshakeWithCbcSuites) {
  auto c = with_suite(client_config(), GetParam().suite);
  c.max_version = GetParam().version;
  auto p = run_pair(c, server_config());
  expect_complete(p);
  EXPECT_EQ(p.client.version, GetParam().version);
  EXPECT_EQ(p.server.version, GetParam().version);
  EXPECT_EQ(p.client.keylog, p.server.keylog);
  EXPECT_EQ(p.client.app_data_received, (Bytes{'p', 'i', 'n', 'g'}));
}

INSTANTIATE_TEST_SUITE_P(Versions, OlderVersions,
                         ::testing::Values(VersionSuite{ProtocolVersion::kTls10, CipherSuite{0xC013}},
                                           VersionSuite{ProtocolVersion::kTls10, CipherSuite{0x0033}},
                                           VersionSuite{ProtocolVersion::kTls10, CipherSuite{0x002F}},
                                           VersionSuite{ProtocolVersion::kTls11, CipherSuite{0xC013}},
                                           VersionSuite{ProtocolVersion::kTls11, CipherSuite{0x0039}},
                                           VersionSuite{ProtocolVersion::kTls11, CipherSuite{0x002F}}));

TEST(Resumption, BySessionId) {
  auto s = server_config();
  auto c = client_config();
  auto first = run_pair(c, s);
  expect_complete(first);
  ASSERT_TRUE(first.client.session);
  c.resume = first.client.session;
  c.resume_by_ticket = false;
  auto second = run_pair(c, s);
  expect_complete(second);
  EXPECT_EQ(second.client.resumed, ResumedBy::kSessionId);
  EXPECT_EQ(second.server.resumed, ResumedBy::kSessionId);
  EXPECT_EQ(second.client.keylog.back().substr(79), first.client.keylog.back().substr(79))
      << "a resumption keeps the master secret";
  EXPECT_EQ(second.client.app_data_received, (Bytes{'p', 'i', 'n', 'g'}));
}

TEST(Resumption, ByTicket) {
  auto s = server_config();
  auto c = client_config();
  auto first = run_pair(c, s);
  expect_complete(first);
  ASSERT_TRUE(first.client.session);
  EXPECT_TRUE(first.client.ticket_issued);
  ASSERT_FALSE(first.client.session->ticket.empty());
  c.resume = first.client.session;
  auto second = run_pair(c, s);
  expect_complete(second);
  EXPECT_EQ(second.client.resumed, ResumedBy::kTicket);
  EXPECT_EQ(second.server.resumed, ResumedBy::kTicket);
  EXPECT_TRUE(second.client.ems_echoed) << "RFC 7627 5.3: a resumed EMS session echoes EMS";
}

TEST(ClientAuth, CertificateAndCertificateVerify) {
  auto s = server_config();
  s.require_client_cert = true;
  auto c = client_config();
  c.credential = credentials().client;
  for (auto version : {ProtocolVersion::kTls12, ProtocolVersion::kTls11, ProtocolVersion::kTls10}) {
    c.max_version = version;
    c.suites = {CipherSuite{0xC013}};
    auto p = run_pair(c, s);
    expect_complete(p);
    EXPECT_TRUE(p.server.client_certificate) << version.name();
    EXPECT_TRUE(p.client.certificate_requested);
    EXPECT_EQ(p.client.keylog, p.server.keylog);
  }
}

TEST(Deterministic, SameSeedsSameBytes) {
  // Everything but OpenSSL's signature randomness comes from the seed: use RSA key transport,
  // whose only outside randomness is PKCS#1 padding... so compare the ClientHello instead.
  auto a = run_pair(client_config(), server_config());
  auto b = run_pair(client_config(), server_config());
  expect_complete(a);
  ASSERT_GE(a.client.bytes_sent.size(), 100u);
  // The ClientHello record is the first thing the client sends.
  const size_t hello_len = 5 + (size_t{a.client.bytes_sent[3]} << 8 | a.client.bytes_sent[4]);
  EXPECT_EQ(Bytes(a.client.bytes_sent.begin(), a.client.bytes_sent.begin() + hello_len),
            Bytes(b.client.bytes_sent.begin(), b.client.bytes_sent.begin() + hello_len));
  auto other = client_config();
  other.seed = 2;
  auto c = run_pair(other, server_config());
  EXPECT_NE(Bytes(a.client.bytes_sent.begin(), a.client.bytes_sent.begin() + hello_len),
            Bytes(c.client.bytes_sent.begin(), c.client.bytes_sent.begin() + hello_len));
}

}  // namespace
}  // namespace tlsc::engine::testing
