// Elliptic-curve Diffie-Hellman for the TLS NamedGroups secp256r1/384r1/521r1 and x25519.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "peers/crypto/drbg.h"
#include "peers/crypto/ossl.h"
#include "peers/crypto/result.h"
#include "peers/wire/bytes.h"

namespace tlsc::crypto {

// RFC 8422, 5.1.1 / RFC 7919, 2 codepoints.
enum class NamedGroup : uint16_t {
  secp256r1 = 23,
  secp384r1 = 24,
  secp521r1 = 25,
  x25519 = 29,
  ffdhe2048 = 256,
  ffdhe3072 = 257,
};

// The EC groups this layer implements; nullopt for anything else (a peer may send any value).
std::optional<NamedGroup> ec_group_from_codepoint(uint16_t codepoint);
bool is_ec_group(NamedGroup group);
// The NIST curve of OpenSSL's group name ("prime256v1" is secp256r1), or nullopt.
std::optional<NamedGroup> nist_group_from_ossl_name(std::string_view name);
const char* group_name(NamedGroup group);  // "secp256r1", "x25519", "ffdhe2048", ...
// Shared-secret length: field size in bytes, 32/48/66/32 (RFC 8422, 5.10; RFC 7748, 6.1).
size_t ec_shared_len(NamedGroup group);
// Encoded public length: 1 + 2*field for uncompressed NIST points (RFC 8422, 5.4.1), 32 for x25519.
size_t ec_public_len(NamedGroup group);

// Validates a peer's public value. Reasons: ec_unsupported_group, ec_point_wrong_length,
// ec_point_not_uncompressed (RFC 8422, 5.1.2: only uncompressed is used), ec_point_not_on_curve,
// ec_point_at_infinity.
Status check_ec_public(NamedGroup group, ByteView pub);

class EcdhKey {
 public:
  // NIST: scalar = (drbg bytes, 8 bytes longer than the order) mod order, redrawn if zero.
  // x25519: 32 raw Drbg bytes (clamped by X25519 itself, RFC 7748, 5).
  static Result<EcdhKey> generate(NamedGroup group, Drbg& drbg);
  // Explicit private key: NIST scalar big-endian in [1, order); x25519 32 raw bytes.
  static Result<EcdhKey> from_private(NamedGroup group, ByteView priv);

  NamedGroup group() const { return group_; }
  const Bytes& private_value() const { return priv_; }
  // 0x04 || X || Y (RFC 8422, 5.4.1 uncompressed), or the 32-byte x25519 u-coordinate.
  const Bytes& public_value() const { return pub_; }

  // Shared secret at its fixed length (RFC 8422, 5.10: x-coordinate as an octet string of field
  // size; RFC 7748, 6.1 for x25519). strip_leading_zeros() from octets.h gives the buggy form.
  // Reasons: those of check_ec_public, ec_x25519_zero_shared (RFC 7748, 6.1), ec_derive.
  Result<Bytes> compute(ByteView peer_public) const;

 private:
  EcdhKey(NamedGroup group, ossl::Pkey pkey, Bytes priv, Bytes pub)
      : group_(group), pkey_(std::move(pkey)), priv_(std::move(priv)), pub_(std::move(pub)) {}
  NamedGroup group_;
  ossl::Pkey pkey_;
  Bytes priv_;
  Bytes pub_;
};

namespace detail {
// EC_GROUP for a NIST NamedGroup (null for x25519/others). Shared with key_search.
ossl::EcGroup nist_group(NamedGroup group);
// Decode and validate a peer point (checks of check_ec_public); null + reason on failure.
ossl::EcPoint decode_point(const EC_GROUP* g, NamedGroup group, ByteView pub, std::string* reason);
}  // namespace detail

}  // namespace tlsc::crypto
