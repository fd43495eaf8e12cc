// Finite-field Diffie-Hellman over arbitrary (p, g), including groups a misbehaving peer sends.
// Plain BIGNUM modular exponentiation is used on purpose: OpenSSL's EVP DH derive validates the
// domain parameters and would refuse the odd groups this tool must be able to speak.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "peers/crypto/drbg.h"
#include "peers/crypto/octets.h"
#include "peers/crypto/ossl.h"
#include "peers/crypto/result.h"
#include "peers/wire/bytes.h"

namespace tlsc::crypto {

struct DhGroup {
  std::string name;  // "ffdhe2048", "sparse2049", "pem", "peer", ...
  Bytes p;           // big-endian, minimal
  Bytes g;
  // |p| in bytes (ignoring any leading zero bytes a peer put in dh_p): the padded length of Z, Y.
  size_t p_len() const { return p.size() - leading_zero_bytes(p); }
};

// RFC 7919, Appendix A.1 / A.2 (extracted from OpenSSL's named groups, checked in the tests
// against the RFC's defining formula).
const DhGroup& ffdhe2048();
const DhGroup& ffdhe3072();
// p = 2^2048 + 10029811 (a safe prime), g = 2. |p| is 257 bytes and every Z < 2^2048 in practice,
// so Z written at |p| length starts with 0x00: the padded-vs-stripped bug shows on every handshake.
const DhGroup& sparse2049();
// NamedGroup codepoints 256 (ffdhe2048) and 257 (ffdhe3072) of RFC 7919; nullptr otherwise.
const DhGroup* ffdhe_by_codepoint(uint16_t codepoint);

constexpr int kDhMinBits = 512;   // below this a peer's group is refused (tool policy)
constexpr int kDhMaxBits = 8192;  // above this a peer's group is refused, bounding CPU

// Sanity checks needed before doing arithmetic in a (possibly peer-supplied) group; reasons:
// dh_group_p_too_small, dh_group_p_too_large, dh_group_p_even, dh_group_g_out_of_range.
// Does not test primality (a peer may send a composite p on purpose; see dh_group_p_is_prime).
Status check_dh_group(const DhGroup& group);
// BN_check_prime on p and on (p-1)/2 (safe prime). Slow for big p (~100 ms at 2048 bits).
bool dh_group_p_is_prime(const DhGroup& group);
bool dh_group_is_safe_prime(const DhGroup& group);

// RFC 7919, 3: peers MUST verify 1 < Y < p-1. Reasons: dh_peer_zero, dh_peer_one,
// dh_peer_p_minus_one, dh_peer_not_less_than_p (value >= p, whatever its encoding length).
Status check_dh_public(const DhGroup& group, ByteView y);

// PEM "DH PARAMETERS" (PKCS#3) <-> group. Loading does not validate beyond check_dh_group.
Result<DhGroup> dh_group_from_pem(std::string_view pem);
Result<DhGroup> dh_group_from_pem_file(const std::string& path);
Result<std::string> dh_group_to_pem(const DhGroup& group);

class DhKey {
 public:
  // Private exponent from the Drbg: uniform in [2, (p-1)/2) when exponent_bits is 0, else a random
  // exponent of exactly exponent_bits bits (must be shorter than (p-1)/2).
  static Result<DhKey> generate(const DhGroup& group, Drbg& drbg, int exponent_bits = 0);
  // Explicit private exponent (tests, key search); must satisfy 1 <= x < p-1.
  static Result<DhKey> from_private(const DhGroup& group, ByteView x);

  const DhGroup& group() const { return group_; }
  Bytes private_value() const { return ossl::bn_bytes(x_.get()); }
  // Y = g^x mod p, minimal big-endian (how dh_Ys / dh_Yc are normally sent).
  const Bytes& public_value() const { return y_; }

  // Z = peer_Y^x mod p after check_dh_public. Minimal big-endian: leading zero bytes stripped as
  // RFC 5246, 8.1.2 requires for the premaster secret. pad_to(z, group().p_len()) gives the
  // (buggy) fixed-length form.
  Result<Bytes> compute(ByteView peer_y) const;
  Result<Bytes> compute_padded(ByteView peer_y) const;

 private:
  DhKey(DhGroup group, ossl::Bignum x, Bytes y)
      : group_(std::move(group)), x_(std::move(x)), y_(std::move(y)) {}
  DhGroup group_;
  ossl::Bignum x_;
  Bytes y_;
};

}  // namespace tlsc::crypto
