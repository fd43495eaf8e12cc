// Certificate, CertificateRequest, CertificateVerify, key exchange, Finished, NewSessionTicket,
// Alert, ChangeCipherSpec.
#include <gtest/gtest.h>

#include "peers/messages/messages.h"
#include "test_util.h"

using namespace tlsc;
using namespace tlsc::msg;
using tlsc::msg::testing::expect_round_trip;
using tlsc::msg::testing::truncations_that_parse;

namespace {

const ProtocolVersion kVersions[] = {ProtocolVersion::kTls10, ProtocolVersion::kTls11, ProtocolVersion::kTls12};

auto ske_parser(ProtocolVersion v, KeyExchange kx) {
  return [v, kx](ByteView b, ServerKeyExchange& out, ParseError* why) { return parse(b, v, kx, out, why); };
}

ServerKeyExchange ecdhe_ske(ProtocolVersion v) {
  ServerKeyExchange m;
  m.kx = KeyExchange::kEcdhe;
  m.group = NamedGroup::kX25519;
  m.point = Bytes(32, 0x11);
  if (has_signature_algorithms(v)) m.scheme = SignatureScheme::kRsaPssRsaeSha256;
  m.signature = Bytes(256, 0x22);
  return m;
}

ServerKeyExchange dhe_ske(ProtocolVersion v) {
  ServerKeyExchange m;
  m.kx = KeyExchange::kDhe;
  m.dh_p = Bytes(256, 0xff);
  m.dh_g = hex("02");
  m.dh_ys = Bytes(256, 0x33);
  if (has_signature_algorithms(v)) m.scheme = SignatureScheme::kRsaPkcs1Sha256;
  m.signature = Bytes(128, 0x44);
  return m;
}

}  // namespace

TEST(MessagesCertificate, RoundTripAndLayout) {
  Certificate c{{hex("3003020101"), hex("30020500")}, std::nullopt};
  EXPECT_EQ(to_hex(c.encode()), "00000f" "000005" "3003020101" "000004" "30020500");
  expect_round_trip(c);
  expect_round_trip(Certificate{});  // client with no certificate: empty list
  EXPECT_EQ(to_hex(Certificate{}.encode()), "000000");
  EXPECT_EQ(truncations_that_parse<Certificate>(c.encode()), 0u);
  EXPECT_EQ(c.describe(), "Certificate certificates[2]{5 bytes, 4 bytes}");
}

TEST(MessagesCertificate, MalformedListsRejected) {
  Certificate c;
  ParseError why;
  EXPECT_FALSE(parse(hex("000003000000"), c, &why));
  EXPECT_NE(why.detail.find("empty certificate"), std::string::npos) << why.detail;
  EXPECT_FALSE(parse(hex("000004000002aa"), c, &why));
  EXPECT_NE(why.detail.find("certificate_list[0]: length overruns list"), std::string::npos) << why.detail;
  EXPECT_FALSE(parse(hex("00000000"), c, &why));
  EXPECT_EQ(why.detail, "Certificate: 1 trailing bytes");
}

TEST(MessagesCertificate, CertificateRequestDependsOnVersion) {
  CertificateRequest cr;
  cr.certificate_types = {ClientCertificateType::kRsaSign, ClientCertificateType::kEcdsaSign};
  cr.certificate_authorities = {hex("3000"), hex("300431023000")};
  auto parser = [](ProtocolVersion v) {
    return [v](ByteView b, CertificateRequest& out, ParseError* why) { return parse(b, v, out, why); };
  };
  expect_round_trip(cr, parser(ProtocolVersion::kTls10));
  expect_round_trip(cr, parser(ProtocolVersion::kTls11));
  cr.signature_algorithms = std::vector{SignatureScheme::kRsaPkcs1Sha256, SignatureScheme::kEcdsaSecp256r1Sha256};
  expect_round_trip(cr, parser(ProtocolVersion::kTls12));
  EXPECT_EQ(to_hex(cr.encode()), "020140" "000404010403" "000c" "00023000" "0006300431023000");
  CertificateRequest back;
  ParseError why;
  EXPECT_FALSE(parse(cr.encode(), ProtocolVersion::kTls11, back, &why)) << "1.1 has no sig algs field";
  EXPECT_EQ(truncations_that_parse<CertificateRequest>(cr.encode(), parser(ProtocolVersion::kTls12)), 0u);
  EXPECT_FALSE(parse(hex("00" "0002" "0401" "0000"), ProtocolVersion::kTls12, back, &why));
  EXPECT_NE(why.detail.find("certificate_types: empty"), std::string::npos) << why.detail;
  EXPECT_FALSE(parse(hex("0101" "0003" "040104" "0000"), ProtocolVersion::kTls12, back, &why));
  EXPECT_EQ(why.detail, "CertificateRequest.supported_signature_algorithms: odd length 3");
  EXPECT_FALSE(parse(hex("0101" "0002" "0401" "00020000"), ProtocolVersion::kTls12, back, &why));
  EXPECT_NE(why.detail.find("empty DistinguishedName"), std::string::npos) << why.detail;
}

TEST(MessagesCertificate, CertificateVerifyDependsOnVersion) {
  CertificateVerify cv{SignatureScheme::kRsaPssRsaeSha256, Bytes(64, 9), std::nullopt};
  auto p12 = [](ByteView b, CertificateVerify& o, ParseError* w) { return parse(b, ProtocolVersion::kTls12, o, w); };
  auto p10 = [](ByteView b, CertificateVerify& o, ParseError* w) { return parse(b, ProtocolVersion::kTls10, o, w); };
  expect_round_trip(cv, p12);
  EXPECT_EQ(to_hex(cv.encode()).substr(0, 8), "08040040");
  cv.scheme.reset();
  expect_round_trip(cv, p10);
  EXPECT_EQ(truncations_that_parse<CertificateVerify>(cv.encode(), p10), 0u);
}

TEST(MessagesKeyExchange, ServerKeyExchangeRoundTripsForEveryVersionAndKind) {
  for (ProtocolVersion v : kVersions) {
    SCOPED_TRACE(v.name());
    expect_round_trip(ecdhe_ske(v), ske_parser(v, KeyExchange::kEcdhe));
    expect_round_trip(dhe_ske(v), ske_parser(v, KeyExchange::kDhe));
    EXPECT_EQ(truncations_that_parse<ServerKeyExchange>(ecdhe_ske(v).encode(), ske_parser(v, KeyExchange::kEcdhe)), 0u);
    EXPECT_EQ(truncations_that_parse<ServerKeyExchange>(dhe_ske(v).encode(), ske_parser(v, KeyExchange::kDhe)), 0u);
  }
}

TEST(MessagesKeyExchange, ParamsAreTheSignedBytes) {
  const ServerKeyExchange ec = ecdhe_ske(ProtocolVersion::kTls12);
  // RFC 8422, 5.4: curve_type(3) || namedcurve || point<1..2^8-1>
  EXPECT_EQ(to_hex(ec.params()), "03001d20" + to_hex(Bytes(32, 0x11)));
  const Bytes body = ec.encode();
  EXPECT_EQ(to_hex(ByteView(body).first(ec.params().size())), to_hex(ec.params()));
  EXPECT_EQ(to_hex(ByteView(body).subspan(ec.params().size(), 4)), "08040100");
  const ServerKeyExchange dh = dhe_ske(ProtocolVersion::kTls10);
  EXPECT_EQ(dh.params().size(), 2 + 256 + 2 + 1 + 2 + 256u);
  EXPECT_EQ(to_hex(ByteView(dh.encode()).subspan(dh.params().size(), 2)), "0080") << "1.0: no algorithm";
}

TEST(MessagesKeyExchange, ServerKeyExchangeRejections) {
  ServerKeyExchange m;
  ParseError why;
  EXPECT_FALSE(parse(ecdhe_ske(ProtocolVersion::kTls12).encode(), ProtocolVersion::kTls12, KeyExchange::kRsa, m, &why));
  EXPECT_NE(why.detail.find("RSA"), std::string::npos) << why.detail;
  // A 1.2 body parsed as 1.0: the algorithm bytes are read as the signature length.
  EXPECT_FALSE(parse(ecdhe_ske(ProtocolVersion::kTls12).encode(), ProtocolVersion::kTls10, KeyExchange::kEcdhe, m, &why));
  EXPECT_FALSE(parse(hex("01001d0101" "0000"), ProtocolVersion::kTls11, KeyExchange::kEcdhe, m, &why));
  EXPECT_NE(why.detail.find("curve_type: 1 unsupported"), std::string::npos) << why.detail;
  EXPECT_FALSE(parse(hex("03001d00" "0000"), ProtocolVersion::kTls11, KeyExchange::kEcdhe, m, &why));
  EXPECT_NE(why.detail.find("ServerKeyExchange.point: empty"), std::string::npos) << why.detail;
  EXPECT_FALSE(parse(hex("0000" "000102" "000103" "0000"), ProtocolVersion::kTls11, KeyExchange::kDhe, m, &why));
  EXPECT_NE(why.detail.find("dh_p: empty"), std::string::npos) << why.detail;
}

TEST(MessagesKeyExchange, ClientKeyExchangeByKind) {
  auto parser = [](KeyExchange kx) {
    return [kx](ByteView b, ClientKeyExchange& out, ParseError* why) { return parse(b, kx, out, why); };
  };
  ClientKeyExchange rsa{KeyExchange::kRsa, Bytes(256, 1), std::nullopt};
  ClientKeyExchange dhe{KeyExchange::kDhe, Bytes(256, 2), std::nullopt};
  ClientKeyExchange ec{KeyExchange::kEcdhe, Bytes(65, 4), std::nullopt};
  expect_round_trip(rsa, parser(KeyExchange::kRsa));
  expect_round_trip(dhe, parser(KeyExchange::kDhe));
  expect_round_trip(ec, parser(KeyExchange::kEcdhe));
  EXPECT_EQ(to_hex(rsa.encode()).substr(0, 4), "0100");
  EXPECT_EQ(to_hex(ec.encode()).substr(0, 4), "4104");
  for (KeyExchange kx : {KeyExchange::kRsa, KeyExchange::kDhe, KeyExchange::kEcdhe}) {
    ClientKeyExchange m{kx, Bytes(40, 5), std::nullopt};
    EXPECT_EQ(truncations_that_parse<ClientKeyExchange>(m.encode(), parser(kx)), 0u) << to_string(kx);
  }
  ClientKeyExchange out;
  ParseError why;
  EXPECT_FALSE(parse(hex("00"), KeyExchange::kEcdhe, out, &why));
  EXPECT_NE(why.detail.find("ecdh_Yc: empty"), std::string::npos) << why.detail;
  EXPECT_TRUE(parse(hex("0000"), KeyExchange::kRsa, out, &why)) << "grammar allows it; decryption decides";
  EXPECT_FALSE(parse(hex("0001aabb"), KeyExchange::kDhe, out, &why));
  EXPECT_EQ(why.detail, "ClientKeyExchange: 1 trailing bytes");
}

TEST(MessagesFinished, FinishedAndTicket) {
  Finished f{hex("000102030405060708090a0b"), std::nullopt};
  expect_round_trip(f);
  EXPECT_EQ(to_hex(encode_handshake(f)), "1400000c000102030405060708090a0b");
  NewSessionTicket t{7200, hex("deadbeef"), std::nullopt};
  EXPECT_EQ(to_hex(t.encode()), "00001c20" "0004deadbeef");
  expect_round_trip(t);
  expect_round_trip(NewSessionTicket{});
  EXPECT_EQ(truncations_that_parse<NewSessionTicket>(t.encode()), 0u);
  NewSessionTicket back;
  ParseError why;
  EXPECT_FALSE(parse(hex("00001c200000ff"), back, &why));
  EXPECT_EQ(why.detail, "NewSessionTicket: 1 trailing bytes");
}

TEST(MessagesAlert, AlertIsExactlyTwoBytes) {
  Alert a{AlertLevel::kFatal, AlertDescription::kDecodeError, std::nullopt};
  EXPECT_EQ(to_hex(a.encode()), "0232");
  EXPECT_EQ(a.describe(), "Alert fatal decode_error");
  expect_round_trip(a);
  expect_round_trip(Alert{AlertLevel{9}, AlertDescription{0xee}, std::nullopt});
  EXPECT_EQ((Alert{AlertLevel{9}, AlertDescription{0xee}, std::nullopt}.describe()), "Alert 0x09 0xee");
  Alert back;
  ParseError why;
  EXPECT_FALSE(parse(hex("02"), back, &why));
  EXPECT_EQ(why.detail, "Alert: length 1, must be 2 (RFC 5246, 7.2)");
  EXPECT_FALSE(parse(hex("023200"), back, &why));
  EXPECT_FALSE(parse(hex(""), back, &why));
  a.raw_body = hex("023200");
  EXPECT_EQ(to_hex(a.encode()), "023200");
}

TEST(MessagesAlert, ChangeCipherSpecIsExactlyOne) {
  expect_round_trip(ChangeCipherSpec{});
  EXPECT_EQ(to_hex(ChangeCipherSpec{}.encode()), "01");
  ChangeCipherSpec c;
  ParseError why;
  EXPECT_FALSE(parse(hex("02"), c, &why));
  EXPECT_EQ(why.detail, "ChangeCipherSpec.type: 2, must be 1 (RFC 5246, 7.1)");
  EXPECT_FALSE(parse(hex("0101"), c, &why));
  EXPECT_FALSE(parse(hex(""), c, &why));
  ChangeCipherSpec bad{2, std::nullopt};
  EXPECT_EQ(to_hex(bad.encode()), "02") << "the struct can hold an invalid value";
  bad.raw_body = hex("0101");
  EXPECT_EQ(to_hex(bad.encode()), "0101");
}

TEST(MessagesDispatch, ParseByTypeAndDescribe) {
  ParseContext ctx{ProtocolVersion::kTls12, KeyExchange::kEcdhe};
  const HandshakeMessage hm = to_handshake(ecdhe_ske(ProtocolVersion::kTls12));
  AnyMessage any;
  ParseError why;
  ASSERT_TRUE(parse(hm, ctx, any, &why)) << why.detail;
  ASSERT_TRUE(std::holds_alternative<ServerKeyExchange>(any));
  EXPECT_EQ(std::get<ServerKeyExchange>(any), ecdhe_ske(ProtocolVersion::kTls12));
  EXPECT_EQ(to_handshake(any), hm);
  EXPECT_EQ(type_of(any), HandshakeType::kServerKeyExchange);
  EXPECT_NE(describe(any).find("group=x25519"), std::string::npos) << describe(any);
  EXPECT_FALSE(parse(HandshakeMessage{HandshakeType{99}, {}}, ctx, any, &why));
  EXPECT_NE(why.detail.find("0x63"), std::string::npos) << why.detail;
  ctx.kx = KeyExchange::kDhe;
  EXPECT_NE(describe(hm, ctx).find("unparsed"), std::string::npos) << describe(hm, ctx);
}
