// Deterministic keys and randomness for record tests.
#pragma once

#include <memory>

#include "peers/record/protection.h"

namespace tlsc::record::testing {

inline DirectionKeys fixed_keys(const CipherSuite& suite, uint16_t version, uint8_t seed = 1) {
  DirectionKeys k;
  k.mac_key.assign(suite.mac_key_length, static_cast<uint8_t>(seed + 0x10));
  k.enc_key.assign(suite.enc_key_length, static_cast<uint8_t>(seed + 0x20));
  k.fixed_iv.assign(suite.fixed_iv_length(version), static_cast<uint8_t>(seed + 0x30));
  return k;
}

// A counter "DRBG": good enough to make explicit IVs reproducible in tests.
inline RandomSource counter_random() {
  auto state = std::make_shared<uint8_t>(0);
  return [state](std::span<uint8_t> out) {
    for (auto& b : out) b = (*state)++;
  };
}

inline std::unique_ptr<RecordProtection> make(uint16_t code, uint16_t version, uint8_t seed = 1) {
  const CipherSuite* s = find_cipher_suite(code);
  if (s == nullptr) return nullptr;
  return make_protection(*s, version, fixed_keys(*s, version, seed), counter_random());
}

}  // namespace tlsc::record::testing
