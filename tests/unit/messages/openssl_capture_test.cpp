// Real bytes from OpenSSL 3.0 (see openssl_captures.h): every message parses with the context of
// its handshake, re-encodes to the same bytes, and the key fields are what OpenSSL sent.
#include <gtest/gtest.h>

#include <span>

#include "openssl_captures.h"
#include "peers/messages/messages.h"

using namespace tlsc;
using namespace tlsc::msg;
using tlsc::msg::testdata::CapturedMessage;

namespace {

std::vector<HandshakeMessage> frames(std::span<const CapturedMessage> capture) {
  std::vector<HandshakeMessage> out;
  for (const CapturedMessage& c : capture) {
    HandshakeMessage hm;
    ParseError why;
    EXPECT_TRUE(parse(hex(c.hex), hm, &why)) << c.name << ": " << why.detail;
    out.push_back(hm);
  }
  return out;
}

// Parses every message of a capture, checks exact re-encoding, returns the typed messages.
std::vector<AnyMessage> parse_all(std::span<const CapturedMessage> capture, ParseContext ctx) {
  std::vector<AnyMessage> out;
  for (const HandshakeMessage& hm : frames(capture)) {
    AnyMessage m;
    ParseError why;
    EXPECT_TRUE(parse(hm, ctx, m, &why)) << hm.describe() << ": " << why.detail;
    EXPECT_EQ(to_hex(encode(m)), to_hex(hm.body)) << describe(m);
    EXPECT_FALSE(describe(m).empty());
    out.push_back(std::move(m));
  }
  return out;
}

template <class M>
const M& nth(const std::vector<AnyMessage>& ms, size_t i) {
  EXPECT_LT(i, ms.size());
  return std::get<M>(ms.at(i));
}

bool contains(const std::vector<CipherSuite>& v, CipherSuite s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

TEST(MessagesOpenSsl, EcdheRsaTls12) {
  const auto ms = parse_all(testdata::kEcdheRsaTls12, {ProtocolVersion::kTls12, KeyExchange::kEcdhe});
  ASSERT_EQ(ms.size(), 9u);
  const ClientHello& ch = nth<ClientHello>(ms, 0);
  EXPECT_EQ(ch.version, ProtocolVersion::kTls12);
  EXPECT_TRUE(ch.session_id.empty());
  EXPECT_EQ(ch.cipher_suites.size(), 28u);
  EXPECT_EQ(ch.cipher_suites.front(), CipherSuite::kTLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384);
  EXPECT_EQ(ch.cipher_suites.back(), CipherSuite::kTLS_EMPTY_RENEGOTIATION_INFO_SCSV);
  EXPECT_TRUE(contains(ch.cipher_suites, CipherSuite::kTLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256));
  EXPECT_TRUE(contains(ch.cipher_suites, CipherSuite::kTLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256));
  EXPECT_EQ(ch.compression_methods, std::vector{CompressionMethod::kNull});
  ASSERT_TRUE(ch.extensions);
  const Extensions& ext = *ch.extensions;
  EXPECT_EQ(describe_extensions(ext),
            "{server_name(14), ec_point_formats(4), supported_groups(12), session_ticket(0), encrypt_then_mac(0), "
            "extended_master_secret(0), signature_algorithms(42)}");
  EXPECT_EQ(first_duplicate(ext), std::nullopt);
  ParseError why;
  ServerNameList sni;
  ASSERT_TRUE(parse(find_extension(ext, ExtensionType::kServerName)->body, sni, &why)) << why.detail;
  EXPECT_EQ(sni.host_name(), "localhost");
  ExtendedMasterSecret ems;
  EXPECT_TRUE(parse(find_extension(ext, ExtensionType::kExtendedMasterSecret)->body, ems, &why)) << why.detail;
  SupportedGroups groups;
  ASSERT_TRUE(parse(find_extension(ext, ExtensionType::kSupportedGroups)->body, groups, &why)) << why.detail;
  EXPECT_EQ(groups.groups, (std::vector{NamedGroup::kX25519, NamedGroup::kSecp256r1, NamedGroup::kX448,
                                        NamedGroup::kSecp521r1, NamedGroup::kSecp384r1}));
  SignatureAlgorithms sigs;
  ASSERT_TRUE(parse(find_extension(ext, ExtensionType::kSignatureAlgorithms)->body, sigs, &why)) << why.detail;
  EXPECT_EQ(sigs.schemes.size(), 20u);
  EXPECT_EQ(sigs.schemes.front(), SignatureScheme::kEcdsaSecp256r1Sha256);
  EcPointFormats pf;
  ASSERT_TRUE(parse(find_extension(ext, ExtensionType::kEcPointFormats)->body, pf, &why)) << why.detail;
  EXPECT_EQ(pf.formats.size(), 3u);

  const ServerHello& sh = nth<ServerHello>(ms, 1);
  EXPECT_EQ(sh.version, ProtocolVersion::kTls12);
  EXPECT_EQ(sh.cipher_suite, CipherSuite::kTLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384);
  EXPECT_EQ(sh.compression_method, CompressionMethod::kNull);
  ASSERT_TRUE(sh.extensions);
  EXPECT_EQ(describe_extensions(*sh.extensions),
            "{renegotiation_info(1), ec_point_formats(4), session_ticket(0), extended_master_secret(0)}");
  RenegotiationInfo ri;
  ASSERT_TRUE(parse(find_extension(*sh.extensions, ExtensionType::kRenegotiationInfo)->body, ri, &why));
  EXPECT_TRUE(ri.renegotiated_connection.empty()) << "initial handshake (RFC 5746, 3.6)";

  EXPECT_EQ(nth<Certificate>(ms, 2).certificates.size(), 1u);
  const ServerKeyExchange& ske = nth<ServerKeyExchange>(ms, 3);
  EXPECT_EQ(ske.group, NamedGroup::kX25519);
  EXPECT_EQ(ske.point.size(), 32u);
  EXPECT_EQ(ske.scheme, SignatureScheme::kRsaPssRsaeSha256);
  EXPECT_EQ(ske.signature.size(), 256u) << "RSA-2048";
  EXPECT_EQ(to_hex(ske.params()), to_hex(ByteView(hex(testdata::kEcdheRsaTls12[3].hex)).subspan(4, 36)));
  EXPECT_TRUE(std::holds_alternative<ServerHelloDone>(ms[4]));
  EXPECT_EQ(nth<ClientKeyExchange>(ms, 5).exchange.size(), 32u);
  EXPECT_EQ(nth<Finished>(ms, 6).verify_data.size(), 12u);
  EXPECT_EQ(nth<NewSessionTicket>(ms, 7).lifetime_hint, 7200u);
  EXPECT_EQ(nth<Finished>(ms, 8).verify_data.size(), 12u);
}

TEST(MessagesOpenSsl, DheRsaTls12WithClientAuth) {
  const auto ms = parse_all(testdata::kDheRsaTls12ClientAuth, {ProtocolVersion::kTls12, KeyExchange::kDhe});
  ASSERT_EQ(ms.size(), 12u);
  EXPECT_EQ(nth<ServerHello>(ms, 1).cipher_suite, CipherSuite::kTLS_DHE_RSA_WITH_AES_128_GCM_SHA256);
  const ServerKeyExchange& ske = nth<ServerKeyExchange>(ms, 3);
  EXPECT_EQ(ske.kx, KeyExchange::kDhe);
  EXPECT_EQ(ske.dh_p.size(), 256u) << "ffdhe2048-sized group";
  EXPECT_EQ(to_hex(ske.dh_g), "02");
  ASSERT_TRUE(ske.scheme);
  const CertificateRequest& cr = nth<CertificateRequest>(ms, 4);
  EXPECT_FALSE(cr.certificate_types.empty());
  ASSERT_TRUE(cr.signature_algorithms);
  EXPECT_FALSE(cr.signature_algorithms->empty());
  EXPECT_EQ(nth<Certificate>(ms, 6).certificates.size(), 1u) << "client certificate";
  EXPECT_EQ(nth<ClientKeyExchange>(ms, 7).exchange.size(), 256u);
  const CertificateVerify& cv = nth<CertificateVerify>(ms, 8);
  ASSERT_TRUE(cv.scheme);
  EXPECT_EQ(cv.signature.size(), 256u);
}

TEST(MessagesOpenSsl, EcdheRsaTls10HasNoSignatureAlgorithm) {
  const auto ms = parse_all(testdata::kEcdheRsaTls10, {ProtocolVersion::kTls10, KeyExchange::kEcdhe});
  ASSERT_EQ(ms.size(), 9u);
  EXPECT_EQ(nth<ClientHello>(ms, 0).version, ProtocolVersion::kTls10);
  EXPECT_EQ(nth<ServerHello>(ms, 1).version, ProtocolVersion::kTls10);
  EXPECT_EQ(nth<ServerHello>(ms, 1).cipher_suite, CipherSuite::kTLS_ECDHE_RSA_WITH_AES_128_CBC_SHA);
  const ServerKeyExchange& ske = nth<ServerKeyExchange>(ms, 3);
  EXPECT_FALSE(ske.scheme);
  EXPECT_EQ(ske.signature.size(), 256u);
  // The same bytes do not parse as TLS 1.2 (the first signature bytes are not a length).
  ServerKeyExchange as12;
  HandshakeMessage hm;
  ASSERT_TRUE(parse(hex(testdata::kEcdheRsaTls10[3].hex), hm, nullptr));
  EXPECT_FALSE(parse(hm.body, ProtocolVersion::kTls12, KeyExchange::kEcdhe, as12, nullptr));
}

TEST(MessagesOpenSsl, RsaTls12HasNoServerKeyExchange) {
  const auto ms = parse_all(testdata::kRsaTls12, {ProtocolVersion::kTls12, KeyExchange::kRsa});
  ASSERT_EQ(ms.size(), 8u);
  EXPECT_FALSE(find_extension(*nth<ClientHello>(ms, 0).extensions, ExtensionType::kServerName));
  EXPECT_TRUE(std::holds_alternative<ServerHelloDone>(ms[3]));
  EXPECT_EQ(nth<ClientKeyExchange>(ms, 4).exchange.size(), 256u);
}

TEST(MessagesOpenSsl, TruncatedCapturedBodiesFailCleanly) {
  const ParseContext ctx{ProtocolVersion::kTls12, KeyExchange::kEcdhe};
  for (const HandshakeMessage& hm : frames(testdata::kEcdheRsaTls12)) {
    if (hm.type == HandshakeType::kFinished) continue;  // any length is a Finished
    size_t parsed = 0;
    for (size_t cut = 0; cut < hm.body.size(); ++cut) {
      HandshakeMessage t{hm.type, Bytes(hm.body.begin(), hm.body.begin() + static_cast<std::ptrdiff_t>(cut))};
      AnyMessage m;
      ParseError why;
      if (parse(t, ctx, m, &why)) {
        ++parsed;
        EXPECT_EQ(encode(m), t.body);
      } else {
        EXPECT_FALSE(why.detail.empty());
      }
    }
    // Only a ClientHello/ServerHello cut just before its extensions block is valid.
    const bool hello = hm.type == HandshakeType::kClientHello || hm.type == HandshakeType::kServerHello;
    EXPECT_EQ(parsed, hello ? 1u : 0u) << hm.describe();
  }
}

TEST(MessagesOpenSsl, ServerFlightThroughReassemblerInOddChunks) {
  Bytes stream;
  std::vector<Bytes> expected;
  for (const CapturedMessage& c : testdata::kDheRsaTls12ClientAuth) {
    if (c.from_client) continue;
    expected.push_back(hex(c.hex));
    stream.insert(stream.end(), expected.back().begin(), expected.back().end());
  }
  for (size_t chunk : {1u, 5u, 13u, 333u, 16384u}) {
    HandshakeReassembler r;
    std::vector<Bytes> got;
    for (size_t at = 0; at < stream.size(); at += chunk) {
      ASSERT_TRUE(r.add(ByteView(stream).subspan(at, std::min(chunk, stream.size() - at))));
      while (auto m = r.next()) got.push_back(m->raw);
    }
    EXPECT_EQ(got, expected) << "chunk " << chunk;
    EXPECT_FALSE(r.has_partial_message());
  }
}
