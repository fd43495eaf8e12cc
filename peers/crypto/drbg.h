// Deterministic random bit generator: HMAC_DRBG with HMAC-SHA256 (NIST SP 800-90A Rev.1, 10.1.2),
// seeded from a 64-bit run seed and a label, so that every key the engine generates replays.
//
// Randomness NOT drawn from here (OpenSSL's own RNG is used, which is acceptable because these
// values are not observable in the key-schedule oracle's decisions): ECDSA per-signature nonce k,
// RSA-PSS salt, PKCS#1 v1.5 encryption padding string, RSA/EC test keys from EVP_PKEY_Q_keygen,
// and blinding inside OpenSSL's RSA/EC/BN code.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "peers/wire/bytes.h"

namespace tlsc::crypto {

// The bare SP 800-90A HMAC_DRBG (SHA-256), no reseeding, no prediction resistance.
class HmacDrbg {
 public:
  // 10.1.2.3 Instantiate: seed_material = entropy_input || nonce || personalization_string.
  HmacDrbg(ByteView entropy, ByteView nonce, ByteView personalization);
  // 10.1.2.5 Generate with optional additional input. Any length (looped in 64 KiB requests,
  // the 2^19-bit max_number_of_bits_per_request of Table 2).
  Bytes generate(size_t n, ByteView additional = {});

 private:
  void update(ByteView provided);  // 10.1.2.2
  Bytes generate_one(size_t n, ByteView additional);
  Bytes key_;
  Bytes v_;
};

class Drbg {
 public:
  // entropy_input = SHA-256("tlsconform-drbg" || seed as 8 bytes big-endian), nonce = empty,
  // personalization = label.
  Drbg(uint64_t seed, std::string_view label);

  Bytes generate(size_t n);
  uint64_t next_u64();
  // Uniform in [0, bound) by rejection; bound 0 returns 0.
  uint64_t uniform(uint64_t bound);
  // Independent sub-stream named by `label`. It depends only on (seed, this stream's label path,
  // label) -- not on how much of this stream has been consumed -- so adding draws in one place
  // does not shift other sub-streams. Forking twice with the same label yields the same stream.
  Drbg fork(std::string_view label) const;

  uint64_t seed() const { return seed_; }
  const std::string& label() const { return label_; }

 private:
  uint64_t seed_;
  std::string label_;
  HmacDrbg drbg_;
};

}  // namespace tlsc::crypto
