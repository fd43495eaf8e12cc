#include <gtest/gtest.h>

#include "peers/messages/hello.h"
#include "test_util.h"

using namespace tlsc;
using namespace tlsc::msg;
using tlsc::msg::testing::expect_round_trip;
using tlsc::msg::testing::truncations_that_parse;

namespace {

Random counting_random() {
  Random r;
  for (size_t i = 0; i < r.size(); ++i) r[i] = static_cast<uint8_t>(i);
  return r;
}

ClientHello sample_client_hello() {
  ClientHello ch;
  ch.random = counting_random();
  ch.session_id = hex("aabbcc");
  ch.cipher_suites = {CipherSuite::kTLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, CipherSuite{0x1234},
                      CipherSuite::kTLS_EMPTY_RENEGOTIATION_INFO_SCSV};
  ch.extensions = Extensions{ServerNameList::host("a.example").to_extension(),
                             ExtendedMasterSecret{}.to_extension(), {ExtensionType{0xabcd}, hex("0102")}};
  return ch;
}

}  // namespace

TEST(MessagesHello, ClientHelloEncodesFieldByField) {
  ClientHello ch;
  ch.random = counting_random();
  ch.cipher_suites = {CipherSuite{0x009e}};
  EXPECT_EQ(to_hex(ch.encode()),
            "0303"
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
            "00"        // session_id
            "0002009e"  // cipher_suites
            "0100");    // compression_methods, and no extensions block at all
  ch.extensions = Extensions{};
  EXPECT_EQ(to_hex(ch.encode()).substr(2 * 41), "0000") << "present but empty extensions block";
}

TEST(MessagesHello, ClientHelloRoundTrips) {
  expect_round_trip(sample_client_hello());
  ClientHello no_ext = sample_client_hello();
  no_ext.extensions.reset();
  expect_round_trip(no_ext);
  ClientHello empty_ext = sample_client_hello();
  empty_ext.extensions = Extensions{};
  expect_round_trip(empty_ext);
  EXPECT_NE(no_ext, empty_ext);
  EXPECT_NE(no_ext.encode(), empty_ext.encode());
  ClientHello other = sample_client_hello();
  other.version = ProtocolVersion{0x7f7f};
  other.compression_methods = {CompressionMethod::kDeflate, CompressionMethod::kNull};
  expect_round_trip(other);
}

TEST(MessagesHello, AbsentAndEmptyExtensionsAreDistinguishedOnParse) {
  ClientHello ch = sample_client_hello();
  ch.extensions.reset();
  Bytes body = ch.encode();
  ClientHello back;
  ParseError why;
  ASSERT_TRUE(parse(body, back, &why)) << why.detail;
  EXPECT_FALSE(back.extensions.has_value());
  body.push_back(0);
  body.push_back(0);
  ASSERT_TRUE(parse(body, back, &why)) << why.detail;
  ASSERT_TRUE(back.extensions.has_value());
  EXPECT_TRUE(back.extensions->empty());
  body.push_back(0);  // a lone byte after the block
  EXPECT_FALSE(parse(body, back, &why));
  EXPECT_EQ(why.detail, "ClientHello: 1 trailing bytes");
}

TEST(MessagesHello, SessionIdOf33BytesIsRejected) {
  ClientHello ch = sample_client_hello();
  ch.session_id = Bytes(33, 0x42);  // the struct can hold it, so a test can send it
  const Bytes body = ch.encode();
  ClientHello back;
  ParseError why;
  EXPECT_FALSE(parse(body, back, &why));
  EXPECT_EQ(why.detail, "ClientHello.session_id: 33 bytes, over 32 (RFC 5246, 7.4.1.2)");
  ch.session_id = Bytes(32, 0x42);
  expect_round_trip(ch);

  ServerHello sh;
  sh.session_id = Bytes(33, 1);
  ServerHello sh_back;
  EXPECT_FALSE(parse(sh.encode(), sh_back, &why));
  EXPECT_NE(why.detail.find("ServerHello.session_id"), std::string::npos) << why.detail;
}

TEST(MessagesHello, CipherSuiteListErrorsNameTheField) {
  ClientHello back;
  ParseError why;
  // version, random, empty session id, then a 3-byte suite list.
  Bytes body = hex("0303" + std::string(64, '0') + "00" + "0003c02f00" + "0100");
  EXPECT_FALSE(parse(body, back, &why));
  EXPECT_EQ(why.detail, "ClientHello.cipher_suites: odd length 3");
  body = hex("0303" + std::string(64, '0') + "00" + "0000" + "0100");
  EXPECT_FALSE(parse(body, back, &why));
  EXPECT_NE(why.detail.find("ClientHello.cipher_suites: empty"), std::string::npos) << why.detail;
  body = hex("0303" + std::string(64, '0') + "00" + "0002c02f" + "00");
  EXPECT_FALSE(parse(body, back, &why));
  EXPECT_NE(why.detail.find("ClientHello.compression_methods: empty"), std::string::npos) << why.detail;
  body = hex("0303" + std::string(64, '0') + "00" + "0002c02f" + "0100" + "0005");
  EXPECT_FALSE(parse(body, back, &why));
  EXPECT_EQ(why.detail, "ClientHello.extensions: block length overruns body");
}

TEST(MessagesHello, UnknownSuiteAndExtensionPrintAsHex) {
  const std::string d = sample_client_hello().describe();
  EXPECT_NE(d.find("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, 0x1234, TLS_EMPTY_RENEGOTIATION_INFO_SCSV"), std::string::npos)
      << d;
  EXPECT_NE(d.find("0xabcd(2)"), std::string::npos) << d;
  EXPECT_NE(d.find("extended_master_secret(0)"), std::string::npos) << d;
  EXPECT_NE(d.find("version=TLS1.2"), std::string::npos) << d;
}

TEST(MessagesHello, EveryTruncationFailsCleanly) {
  const Bytes body = sample_client_hello().encode();
  // The one prefix that is itself valid is the hello cut right before its extensions block.
  EXPECT_EQ(truncations_that_parse<ClientHello>(body), 1u);
  ServerHello sh;
  sh.random = counting_random();
  sh.cipher_suite = CipherSuite::kTLS_DHE_RSA_WITH_AES_128_GCM_SHA256;
  sh.extensions = Extensions{RenegotiationInfo{}.to_extension()};
  EXPECT_EQ(truncations_that_parse<ServerHello>(sh.encode()), 1u);
}

TEST(MessagesHello, ServerHelloRoundTrips) {
  ServerHello sh;
  sh.random = counting_random();
  sh.session_id = Bytes(32, 7);
  sh.cipher_suite = CipherSuite{0xfefe};
  sh.compression_method = CompressionMethod{9};
  expect_round_trip(sh);
  sh.extensions = Extensions{};
  expect_round_trip(sh);
  sh.extensions = Extensions{{ExtensionType::kExtendedMasterSecret, {}}, {ExtensionType::kExtendedMasterSecret, {}}};
  expect_round_trip(sh);
  EXPECT_NE(sh.describe().find("cipher_suite=0xfefe"), std::string::npos) << sh.describe();
}

TEST(MessagesHello, RawBodyIsSentVerbatim) {
  ClientHello ch = sample_client_hello();
  ch.raw_body = hex("0303ff");
  EXPECT_EQ(to_hex(ch.encode()), "0303ff");
  EXPECT_EQ(to_hex(encode_handshake(ch)), "010000030303ff");
  EXPECT_NE(ch.describe().find("raw_body"), std::string::npos);
  ServerHello sh;
  sh.raw_body = Bytes{};
  EXPECT_TRUE(sh.encode().empty());
  HelloRequest hr;
  hr.raw_body = hex("00");
  EXPECT_EQ(to_hex(encode_handshake(hr)), "0000000100");
}

TEST(MessagesHello, EmptyMessages) {
  EXPECT_EQ(to_hex(encode_handshake(HelloRequest{})), "00000000");
  EXPECT_EQ(to_hex(encode_handshake(ServerHelloDone{})), "0e000000");
  expect_round_trip(HelloRequest{});
  expect_round_trip(ServerHelloDone{});
  ServerHelloDone shd;
  ParseError why;
  EXPECT_FALSE(parse(hex("00"), shd, &why));
  EXPECT_EQ(why.detail, "ServerHelloDone: body must be empty, got 1 bytes");
  HelloRequest hr;
  EXPECT_FALSE(parse(hex("0000"), hr, &why));
}
