// A message of the peer's that does not parse ends the handshake with the alert its parse error's
// kind names (errors.h, TLSC_PARSE_ERRORS): decode_error for broken framing, illegal_parameter for
// a value the RFC forbids, unexpected_message for a message that has no form here.
#include <gtest/gtest.h>

#include <thread>

#include "engine_fixture.h"
#include "peers/wire/writer.h"

namespace tlsc::engine {
namespace {

using K = msg::ParseErrorKind;

// A TLSPlaintext record of `type` (RFC 5246 6.2.1) around `payload`.
Bytes record(uint8_t type, ByteView payload) {
  wire::Writer w;
  w.u8(type);
  w.u16(ProtocolVersion::kTls12.value);
  w.vec16(payload);
  return w.take();
}

Bytes handshake_record(HandshakeType t, ByteView body) {
  return record(22, msg::HandshakeMessage{t, Bytes(body.begin(), body.end())}.encode());
}

// The records one after the other, as one write.
Bytes concat(std::initializer_list<Bytes> records) {
  wire::Writer w;
  for (const Bytes& r : records) w.bytes(r);
  return w.take();
}

// Our side of the pipe runs `run` (run_client / run_server) while the other side writes `bytes`.
template <class Run>
ConnectionReport against(const Bytes& bytes, Run run) {
  auto pipe = transport::make_memory_pipe();
  std::thread iut([&] { (void)pipe.b->write_all(bytes, transport::deadline_after(std::chrono::seconds(5))); });
  ConnectionReport rep = run(*pipe.a);
  pipe.b->close();
  iut.join();
  return rep;
}

ConnectionReport server_reads(const Bytes& bytes) {
  return against(bytes, [](transport::Stream& s) { return run_server(s, testing::server_config()); });
}

ConnectionReport client_reads(const Bytes& bytes) {
  return against(bytes, [](transport::Stream& s) { return run_client(s, testing::client_config()); });
}

// Our side stopped with `error` (whose detail names `field`) and sent the fatal alert `alert`.
void expect_ended(const ConnectionReport& rep, Error error, const std::string& field, AlertDescription alert) {
  EXPECT_EQ(rep.error, error) << rep.describe();
  EXPECT_NE(rep.error_detail.find(field), std::string::npos) << rep.error_detail;
  ASSERT_TRUE(rep.our_alert()) << rep.describe();
  EXPECT_EQ(*rep.our_alert(), alert);
}

// A ServerHello the default client accepts: a suite it offers, the empty renegotiation_info.
Bytes server_hello_record() {
  msg::ServerHello sh;
  sh.cipher_suite = CipherSuite::kTLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;
  sh.extensions = msg::Extensions{{ExtensionType::kRenegotiationInfo, Bytes{0}}};
  return handshake_record(HandshakeType::kServerHello, sh.encode());
}

TEST(ParseErrors, EachKindEndsWithTheAlertRfc5246Names) {
  // RFC 5246 7.2.2: decode_error for a message whose length or field range is wrong ...
  for (K k : {K::kTruncated, K::kTrailingBytes, K::kLengthMismatch, K::kOutOfRange}) {
    EXPECT_EQ(error_for(k), Error::kDecodeError) << to_string(k);
    EXPECT_EQ(alert_for(error_for(k)), AlertDescription::kDecodeError) << to_string(k);
  }
  // ... illegal_parameter for a field out of range or inconsistent, unexpected_message for an
  // inappropriate message.
  EXPECT_EQ(alert_for(error_for(K::kIllegalValue)), AlertDescription::kIllegalParameter);
  EXPECT_EQ(alert_for(error_for(K::kNotAllowed)), AlertDescription::kUnexpectedMessage);
  const EngineError e(msg::ParseError{K::kIllegalValue, "ServerKeyExchange.curve_type: 1"});
  EXPECT_EQ(e.code, Error::kIllegalParameter);
  EXPECT_STREQ(e.what(), "ServerKeyExchange.curve_type: 1");
}

TEST(ParseErrors, AClientHelloWithA33ByteSessionIdDrawsDecodeError) {
  msg::ClientHello ch;
  ch.session_id = Bytes(33, 7);  // RFC 5246 7.4.1.2: SessionID<0..32>
  ch.cipher_suites = {CipherSuite::kTLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256};
  expect_ended(server_reads(handshake_record(HandshakeType::kClientHello, ch.encode())), Error::kDecodeError,
               "ClientHello.session_id: 33 bytes", AlertDescription::kDecodeError);
}

TEST(ParseErrors, AOneByteAlertDrawsDecodeError) {
  // RFC 5246 7.2: an alert is a level and a description.
  expect_ended(server_reads(record(21, Bytes{2})), Error::kDecodeError, "Alert: length 1",
               AlertDescription::kDecodeError);
}

TEST(ParseErrors, AnExplicitCurveInServerKeyExchangeDrawsIllegalParameter) {
  msg::Certificate cert;
  cert.certificates = testing::credentials().rsa.chain;
  // RFC 8422 5.4: curve_type explicit_prime(1) is deprecated; only named_curve(3) is allowed.
  const Bytes ske = hex("01" "0017" "0104" "0401" "0000");
  expect_ended(client_reads(concat({server_hello_record(), handshake_record(HandshakeType::kCertificate, cert.encode()),
                                    handshake_record(HandshakeType::kServerKeyExchange, ske)})),
               Error::kIllegalParameter, "ServerKeyExchange.curve_type: 1 unsupported",
               AlertDescription::kIllegalParameter);
}

TEST(ParseErrors, ACertificateWithAnEmptyEntryDrawsDecodeError) {
  // RFC 5246 7.4.2: ASN.1Cert<1..2^24-1>, here of length 0.
  const Bytes cert = handshake_record(HandshakeType::kCertificate, hex("000003000000"));
  expect_ended(client_reads(concat({server_hello_record(), cert})), Error::kDecodeError, "empty certificate",
               AlertDescription::kDecodeError);
}

}  // namespace
}  // namespace tlsc::engine
