// Certificate (RFC 5246, 7.4.2 and 7.4.6), CertificateRequest (7.4.4) and CertificateVerify
// (7.4.8). CertificateRequest and CertificateVerify depend on the version: TLS 1.2 carries
// signature algorithms that TLS 1.0/1.1 do not have.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "peers/messages/common.h"
#include "peers/messages/handshake.h"

namespace tlsc::msg {

// RFC 5246, 7.4.2: opaque ASN.1Cert<1..2^24-1>; ASN.1Cert certificate_list<0..2^24-1>;
// The same message carries the client's certificate (7.4.6), possibly with an empty list.
struct Certificate {
  static constexpr HandshakeType kType = HandshakeType::kCertificate;
  std::vector<Bytes> certificates;  // DER, leaf first
  std::optional<Bytes> raw_body;

  Bytes encode() const;
  std::string describe() const;
  friend bool operator==(const Certificate&, const Certificate&) = default;
};
bool parse(ByteView body, Certificate& out, ParseError* err);

// RFC 5246, 7.4.4
struct CertificateRequest {
  static constexpr HandshakeType kType = HandshakeType::kCertificateRequest;
  std::vector<ClientCertificateType> certificate_types;  // <1..2^8-1>
  // TLS 1.2 only: supported_signature_algorithms<2..2^16-2>. nullopt = field absent (1.0/1.1).
  std::optional<std::vector<SignatureScheme>> signature_algorithms;
  std::vector<Bytes> certificate_authorities;  // DER DistinguishedName<1..2^16-1> each
  std::optional<Bytes> raw_body;

  Bytes encode() const;
  std::string describe() const;
  friend bool operator==(const CertificateRequest&, const CertificateRequest&) = default;
};
// The signature_algorithms field is read iff has_signature_algorithms(version).
bool parse(ByteView body, ProtocolVersion version, CertificateRequest& out, ParseError* err);

// RFC 5246, 7.4.8: digitally-signed struct { opaque handshake_messages[...] }.
// TLS 1.2 (4.7): SignatureAndHashAlgorithm + opaque signature<0..2^16-1>; 1.0/1.1: signature only.
struct CertificateVerify {
  static constexpr HandshakeType kType = HandshakeType::kCertificateVerify;
  std::optional<SignatureScheme> scheme;  // written iff set
  Bytes signature;
  std::optional<Bytes> raw_body;

  Bytes encode() const;
  std::string describe() const;
  friend bool operator==(const CertificateVerify&, const CertificateVerify&) = default;
};
bool parse(ByteView body, ProtocolVersion version, CertificateVerify& out, ParseError* err);

}  // namespace tlsc::msg
