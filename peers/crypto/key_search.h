// Leading-zero key search (client role, the server's public value is known first): draw private
// keys until the shared secret, written at its fixed length (|p| for DH, field size for ECDH), has
// at least N leading zero bytes. This makes "strips vs pads" bugs observable on demand.
//
// Cost: about 256 tries per required zero byte for groups whose modulus starts with 0xFF
// (ffdhe*, P-256, P-384, x25519). For sparse2049 the first byte of the |p|-length Z is 0x00
// for free (Z < 2^2048), so N = 2 there costs what N = 1 costs elsewhere; secp521r1's 66-byte
// x has only 1 bit in its first byte (N = 1 holds half the time).
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

#include "peers/crypto/dh.h"
#include "peers/crypto/drbg.h"
#include "peers/crypto/ecdh.h"
#include "peers/crypto/result.h"

namespace tlsc::crypto {

struct DhSearchResult {
  DhKey key;
  Bytes z_padded;  // the shared secret at |p| length (>= min_zero_bytes leading zeros)
  uint64_t tries;  // candidate private keys examined, >= 1
};

struct EcSearchResult {
  EcdhKey key;
  Bytes shared;  // fixed-length shared secret
  uint64_t tries;
};

// Polled every few hundred tries by the searches below: true stops the search at once with the
// reason "key_search_stopped" (the caller is shutting down, or out of time).
using StopCheck = std::function<bool()>;
inline constexpr std::string_view kKeySearchStopped = "key_search_stopped";

// DH: x0 from the Drbg (as DhKey::generate), then x0+1, x0+2, ...: each step is one modular
// multiplication Z <- Z*Y mod p instead of an exponentiation. Reason on failure:
// key_search_exhausted (after max_tries) or the peer/group validation reason.
Result<DhSearchResult> search_dh_private(const DhGroup& group, ByteView peer_y, size_t min_zero_bytes,
                                         Drbg& drbg, uint64_t max_tries, const StopCheck& stop = {});

// ECDH: NIST curves step the scalar by one (shared point += peer point, EC_POINT_add);
// x25519 draws a fresh 32-byte key per try (EVP derive).
Result<EcSearchResult> search_ec_private(NamedGroup group, ByteView peer_public, size_t min_zero_bytes,
                                         Drbg& drbg, uint64_t max_tries, const StopCheck& stop = {});

}  // namespace tlsc::crypto
