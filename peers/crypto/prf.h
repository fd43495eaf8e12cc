// The TLS pseudo-random function.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "peers/crypto/hash.h"
#include "peers/wire/bytes.h"

namespace tlsc::crypto {

// Which PRF a connection uses: TLS 1.0/1.1 (RFC 2246, 5: P_MD5 xor P_SHA1), or TLS 1.2 with the
// cipher suite's PRF hash (RFC 5246, 5: SHA-256 unless the suite says SHA-384).
enum class PrfAlg { tls10, sha256, sha384 };

// PRF for a negotiated version (0x0301 TLS 1.0, 0x0302 TLS 1.1, 0x0303 TLS 1.2) and, for TLS 1.2,
// whether the cipher suite names SHA-384 (RFC 5246, 5: "New cipher suites MUST explicitly specify
// a PRF"; the *_SHA384 suites use P_SHA384).
inline PrfAlg prf_for(uint16_t version, bool suite_sha384) {
  if (version < 0x0303) return PrfAlg::tls10;
  return suite_sha384 ? PrfAlg::sha384 : PrfAlg::sha256;
}

// Digest of the handshake transcript that goes with a PRF: MD5||SHA1 (36 bytes) for tls10, the
// PRF hash for TLS 1.2 (RFC 5246, 7.4.9 / RFC 7627, 3).
inline HashAlg prf_hash(PrfAlg alg) { return alg == PrfAlg::sha384 ? HashAlg::sha384 : HashAlg::sha256; }

// RFC 5246, 5: P_hash(secret, seed) = HMAC(secret, A(1) + seed) + HMAC(secret, A(2) + seed) + ...
// with A(0) = seed, A(i) = HMAC(secret, A(i-1)); truncated to out_len.
Bytes p_hash(HashAlg alg, ByteView secret, ByteView seed, size_t out_len);

// PRF(secret, label, seed) = P_<hash>(secret, label + seed) for TLS 1.2; for TLS 1.0/1.1
// P_MD5(S1, label + seed) XOR P_SHA-1(S2, label + seed) (RFC 2246, 5). Own implementation over
// EVP_MAC HMAC.
Bytes prf(PrfAlg alg, ByteView secret, std::string_view label, ByteView seed, size_t out_len);

// The same function computed by OpenSSL's EVP_KDF "TLS1-PRF" (digest MD5-SHA1 for tls10). Used to
// cross-check prf(); nullopt if OpenSSL refuses (e.g. out_len 0).
std::optional<Bytes> prf_openssl(PrfAlg alg, ByteView secret, std::string_view label, ByteView seed,
                                 size_t out_len);

}  // namespace tlsc::crypto
