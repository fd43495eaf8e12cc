// ServerKeyExchange (RFC 5246, 7.4.3; RFC 8422, 5.4) and ClientKeyExchange (RFC 5246, 7.4.7;
// RFC 8422, 5.7). Their layout depends on the key exchange of the negotiated suite, and the
// ServerKeyExchange signature on the version, so both parsers take that context.
#pragma once

#include <optional>
#include <string>

#include "peers/messages/common.h"
#include "peers/messages/handshake.h"

namespace tlsc::msg {

// RFC 8422, 5.4: ECCurveType named_curve(3); explicit curves (1, 2) are deprecated.
inline constexpr uint8_t kNamedCurve = 3;

struct ServerKeyExchange {
  static constexpr HandshakeType kType = HandshakeType::kServerKeyExchange;

  KeyExchange kx = KeyExchange::kEcdhe;  // which params block encode() writes
  // kDhe, RFC 5246 7.4.3 ServerDHParams: opaque dh_p, dh_g, dh_Ys, each <1..2^16-1>.
  Bytes dh_p, dh_g, dh_ys;
  // kEcdhe, RFC 8422 5.4 ServerECDHParams: ECParameters { curve_type, namedcurve } + ECPoint.
  uint8_t curve_type = kNamedCurve;
  NamedGroup group;
  Bytes point;  // opaque point<1..2^8-1>
  // digitally-signed (RFC 5246, 4.7): the algorithm is present in TLS 1.2 only; written iff set.
  std::optional<SignatureScheme> scheme;
  Bytes signature;  // opaque<0..2^16-1>
  std::optional<Bytes> raw_body;

  // The params block, byte for byte as encoded (kRsa: empty). The signature covers
  // client_random + server_random + params() (RFC 5246, 7.4.3; RFC 8422, 5.4); after a successful
  // parse these are exactly the bytes that were received. Ignores raw_body.
  Bytes params() const;
  Bytes encode() const;
  std::string describe() const;
  friend bool operator==(const ServerKeyExchange&, const ServerKeyExchange&) = default;
};
// kx = kRsa fails: RSA key transport has no ServerKeyExchange (RFC 5246, 7.4.3).
// The algorithm field is read iff has_signature_algorithms(version).
bool parse(ByteView body, ProtocolVersion version, KeyExchange kx, ServerKeyExchange& out, ParseError* err);

struct ClientKeyExchange {
  static constexpr HandshakeType kType = HandshakeType::kClientKeyExchange;

  KeyExchange kx = KeyExchange::kEcdhe;
  // kRsa: EncryptedPreMasterSecret, opaque<0..2^16-1> (RFC 5246, 7.4.7.1; TLS 1.0+ framing).
  // kDhe: dh_Yc, opaque<1..2^16-1> (7.4.7.2, explicit encoding).
  // kEcdhe: ecdh_Yc, opaque<1..2^8-1> (RFC 8422, 5.7).
  Bytes exchange;
  std::optional<Bytes> raw_body;

  Bytes encode() const;
  std::string describe() const;
  friend bool operator==(const ClientKeyExchange&, const ClientKeyExchange&) = default;
};
bool parse(ByteView body, KeyExchange kx, ClientKeyExchange& out, ParseError* err);

}  // namespace tlsc::msg
