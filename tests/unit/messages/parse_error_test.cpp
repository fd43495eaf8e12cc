// The kind of a parse failure (peers/messages/parse_error.h) for malformed inputs of every
// message: the engine turns the kind into its alert (peers/engine/errors.h, TLSC_PARSE_ERRORS;
// tests/unit/engine/parse_errors_test.cpp checks that side).
#include <gtest/gtest.h>

#include <functional>

#include "test_util.h"

using namespace tlsc;
using namespace tlsc::msg;

namespace {

using K = ParseErrorKind;
using ParseFn = std::function<bool(ByteView, ParseError*)>;

// A parser for M that drops the result, with the parse context bound.
template <class M, class... Ctx>
ParseFn parser(Ctx... ctx) {
  return [=](ByteView b, ParseError* err) {
    M m;
    return parse(b, ctx..., m, err);
  };
}

struct Case {
  const char* what;
  ParseFn parse;
  std::string hex_body;
  K kind;
  const char* detail;  // a piece of the detail text
};

// version, random (32 zero bytes), then an empty session_id: the common head of both hellos.
const std::string kHelloHead = "0303" + std::string(64, '0');

std::vector<Case> cases() {
  const auto v12 = ProtocolVersion::kTls12;
  return {
      // ---- ClientHello (RFC 5246 7.4.1.2)
      {"ClientHello cut in the random", parser<ClientHello>(), "0303aabb", K::kTruncated, "ClientHello.random"},
      {"ClientHello session_id of 33", parser<ClientHello>(),
       kHelloHead + "21" + std::string(66, '1') + "0002c02f0100", K::kOutOfRange, "over 32"},
      {"ClientHello odd cipher_suites", parser<ClientHello>(), kHelloHead + "00" + "0003c02f000100", K::kLengthMismatch,
       "odd length 3"},
      {"ClientHello no compression", parser<ClientHello>(), kHelloHead + "00" + "0002c02f00", K::kOutOfRange,
       "compression_methods: empty"},
      {"ClientHello trailing byte", parser<ClientHello>(), kHelloHead + "00" + "0002c02f0100" + "000000",
       K::kTrailingBytes, "1 trailing bytes"},
      // ---- ServerHello (RFC 5246 7.4.1.3)
      {"ServerHello without compression", parser<ServerHello>(), kHelloHead + "00" + "c02f", K::kTruncated,
       "compression_method: truncated"},
      {"ServerHello extension overruns", parser<ServerHello>(), kHelloHead + "00" + "c02f00" + "0004ff0100", K::kTruncated,
       "overruns"},
      // ---- HelloRequest / ServerHelloDone: struct { }
      {"HelloRequest with a body", parser<HelloRequest>(), "00", K::kLengthMismatch, "must be empty"},
      {"ServerHelloDone with a body", parser<ServerHelloDone>(), "0000", K::kLengthMismatch, "must be empty"},
      // ---- Certificate (RFC 5246 7.4.2)
      {"Certificate empty ASN.1Cert", parser<Certificate>(), "000003000000", K::kOutOfRange, "empty certificate"},
      {"Certificate list overruns", parser<Certificate>(), "000005000002aa", K::kTruncated, "overruns"},
      // ---- CertificateRequest (RFC 5246 7.4.4)
      {"CertificateRequest no types", parser<CertificateRequest>(v12), "00" "00020401" "0000", K::kOutOfRange,
       "certificate_types: empty"},
      {"CertificateRequest odd sig algs", parser<CertificateRequest>(v12), "0101" "0003040104" "0000",
       K::kLengthMismatch, "odd length 3"},
      // ---- CertificateVerify (RFC 5246 7.4.8)
      {"CertificateVerify without signature", parser<CertificateVerify>(v12), "0401", K::kTruncated,
       "signature: length overruns"},
      {"CertificateVerify trailing", parser<CertificateVerify>(v12), "04010000ff", K::kTrailingBytes, "trailing"},
      // ---- ServerKeyExchange (RFC 5246 7.4.3, RFC 8422 5.4)
      {"ServerKeyExchange explicit_prime curve", parser<ServerKeyExchange>(v12, KeyExchange::kEcdhe),
       "01001d0101" "04010000", K::kIllegalValue, "curve_type: 1"},
      {"ServerKeyExchange empty point", parser<ServerKeyExchange>(v12, KeyExchange::kEcdhe), "03001d00" "04010000",
       K::kOutOfRange, "point: empty"},
      {"ServerKeyExchange for RSA", parser<ServerKeyExchange>(v12, KeyExchange::kRsa), "", K::kNotAllowed, "RSA"},
      {"ServerKeyExchange empty dh_p", parser<ServerKeyExchange>(v12, KeyExchange::kDhe), "0000" "000102" "000103",
       K::kOutOfRange, "dh_p: empty"},
      // ---- ClientKeyExchange (RFC 5246 7.4.7, RFC 8422 5.7)
      {"ClientKeyExchange empty ecdh_Yc", parser<ClientKeyExchange>(KeyExchange::kEcdhe), "00", K::kOutOfRange,
       "ecdh_Yc: empty"},
      {"ClientKeyExchange trailing", parser<ClientKeyExchange>(KeyExchange::kDhe), "0001aabb", K::kTrailingBytes,
       "trailing"},
      // ---- NewSessionTicket (RFC 5077 3.3)
      {"NewSessionTicket cut hint", parser<NewSessionTicket>(), "0000", K::kTruncated, "ticket_lifetime_hint"},
      // ---- Alert, ChangeCipherSpec (RFC 5246 7.2, 7.1)
      {"Alert of one byte", parser<Alert>(), "02", K::kLengthMismatch, "must be 2"},
      {"ChangeCipherSpec type 2", parser<ChangeCipherSpec>(), "02", K::kOutOfRange, "must be 1"},
      {"ChangeCipherSpec two bytes", parser<ChangeCipherSpec>(), "0101", K::kTrailingBytes, "trailing"},
      // ---- extensions (RFC 5246 7.4.1.4 and the extensions' RFCs)
      {"supported_groups odd", parser<SupportedGroups>(), "0003001d00", K::kLengthMismatch, "odd length 3"},
      {"supported_groups empty", parser<SupportedGroups>(), "0000", K::kOutOfRange, "empty"},
      {"signature_algorithms trailing", parser<SignatureAlgorithms>(), "000204010000", K::kTrailingBytes, "trailing"},
      {"ec_point_formats empty", parser<EcPointFormats>(), "00", K::kOutOfRange, "empty"},
      {"server_name empty HostName", parser<ServerNameList>(), "0003000000", K::kOutOfRange, "empty"},
      {"extended_master_secret with a body", parser<ExtendedMasterSecret>(), "00", K::kLengthMismatch, "RFC 7627"},
      {"renegotiation_info overruns", parser<RenegotiationInfo>(), "01", K::kTruncated, "overruns"},
      {"alpn empty name", parser<Alpn>(), "000100", K::kOutOfRange, "RFC 7301"},
  };
}

TEST(MessagesParseError, EveryMalformedInputHasItsKindAndNamesTheField) {
  for (const Case& c : cases()) {
    ParseError err;
    err.kind = K::kNotAllowed;  // so a parser that sets no kind cannot pass by the default
    if (c.kind == K::kNotAllowed) err.kind = K::kTruncated;
    EXPECT_FALSE(c.parse(hex(c.hex_body), &err)) << c.what;
    EXPECT_EQ(to_string(err.kind), to_string(c.kind)) << c.what << ": " << err.detail;
    EXPECT_NE(err.detail.find(c.detail), std::string::npos) << c.what << ": " << err.detail;
  }
}

TEST(MessagesParseError, DispatchByTypeAndFramingHaveKindsToo) {
  AnyMessage any;
  ParseError err;
  // RFC 5246 7.4: no TLS 1.0-1.2 handshake message has type 99.
  EXPECT_FALSE(parse(HandshakeMessage{HandshakeType{99}, {}}, ParseContext{}, any, &err));
  EXPECT_EQ(err.kind, K::kNotAllowed) << err.detail;
  // A ServerHello body cut short keeps the kind of the body parser.
  EXPECT_FALSE(parse(HandshakeMessage{HandshakeType::kServerHello, hex("0303")}, ParseContext{}, any, &err));
  EXPECT_EQ(err.kind, K::kTruncated) << err.detail;

  HandshakeMessage hm;
  EXPECT_FALSE(parse(hex("1400000001"), hm, &err));
  EXPECT_EQ(err.kind, K::kTrailingBytes) << err.detail;
  EXPECT_FALSE(parse(hex("14000002"), hm, &err));
  EXPECT_EQ(err.kind, K::kTruncated) << err.detail;

  HandshakeReassembler r(8);
  EXPECT_FALSE(r.add(hex("0b000009"), &err));
  EXPECT_EQ(err.kind, K::kOutOfRange) << err.detail;
  EXPECT_FALSE(r.add(hex("0e000000"), &err)) << "sticky, with the same kind";
  EXPECT_EQ(err.kind, K::kOutOfRange) << err.detail;
}

TEST(MessagesParseError, KindsHaveNames) {
  EXPECT_EQ(to_string(K::kTruncated), "truncated");
  EXPECT_EQ(to_string(K::kIllegalValue), "illegal value");
  EXPECT_EQ(to_string(K::kNotAllowed), "message not allowed");
}

}  // namespace
