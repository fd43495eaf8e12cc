// Test keys generated once per test binary with OpenSSL (never committed).
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>

#include "peers/crypto/keys.h"

namespace tlsc::crypto::testing {

inline const PrivateKey& rsa2048() {
  static const PrivateKey key = [] {
    auto k = PrivateKey::generate_rsa(2048);
    if (!k) std::abort();
    return std::move(*k);
  }();
  return key;
}

inline const PrivateKey& ec_key(NamedGroup curve) {
  static const PrivateKey p256 = std::move(*PrivateKey::generate_ec(NamedGroup::secp256r1));
  static const PrivateKey p384 = std::move(*PrivateKey::generate_ec(NamedGroup::secp384r1));
  static const PrivateKey p521 = std::move(*PrivateKey::generate_ec(NamedGroup::secp521r1));
  return curve == NamedGroup::secp384r1 ? p384 : curve == NamedGroup::secp521r1 ? p521 : p256;
}

inline PublicKey public_of(const PrivateKey& k) {
  auto p = k.public_key();
  if (!p) std::abort();
  return std::move(*p);
}

}  // namespace tlsc::crypto::testing
