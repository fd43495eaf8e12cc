// Peer-supplied values are hostile: random and edge-case inputs must produce errors, never
// crashes, aborts or sanitizer reports.
#include <gtest/gtest.h>

#include "peers/crypto/crypto.h"
#include "test_keys.h"

namespace tlsc::crypto {
namespace {

std::vector<Bytes> junk(uint64_t seed) {
  Drbg d(seed, "junk");
  std::vector<Bytes> out = {{}, {0}, {4}, Bytes(65, 0xff), Bytes(256, 0), Bytes(257, 0xff), Bytes(4000, 0x41)};
  for (size_t len : {1u, 2u, 31u, 32u, 33u, 64u, 65u, 97u, 133u, 255u, 256u, 512u}) out.push_back(d.generate(len));
  Bytes pt = d.generate(65);
  pt[0] = 0x04;  // right shape, (almost surely) not on the curve
  out.push_back(pt);
  return out;
}

TEST(HostileInput, DhAndEcdhPeerValues) {
  Drbg d(1, "h");
  auto dh = DhKey::generate(ffdhe2048(), d);
  auto p256 = EcdhKey::generate(NamedGroup::secp256r1, d);
  auto x = EcdhKey::generate(NamedGroup::x25519, d);
  ASSERT_TRUE(dh.ok() && p256.ok() && x.ok());
  for (const Bytes& j : junk(2)) {
    (void)dh->compute(j);
    EXPECT_FALSE(p256->compute(j).ok());
    (void)x->compute(j);  // any 32 bytes is a u-coordinate
    if (j.size() != 32) {
      EXPECT_FALSE(x->compute(j).ok());
    }
    (void)search_ec_private(NamedGroup::secp256r1, j, 1, d, 2);
    (void)search_dh_private(ffdhe2048(), j, 1, d, 2);
  }
}

TEST(HostileInput, PeerDhGroups) {
  Drbg d(3, "groups");
  for (const Bytes& p : junk(4)) {
    for (const Bytes& g : junk(5)) {
      DhGroup group{"peer", p, g};
      if (!check_dh_group(group).ok()) {
        EXPECT_FALSE(DhKey::generate(group, d).ok());
        continue;
      }
      auto k = DhKey::generate(group, d);
      ASSERT_TRUE(k.ok()) << k.error();
      (void)k->compute(g);
    }
  }
}

TEST(HostileInput, SignaturesCertificatesCiphertexts) {
  const PublicKey rsa = testing::public_of(testing::rsa2048());
  const PublicKey ec = testing::public_of(testing::ec_key(NamedGroup::secp256r1));
  const std::string msg = "m";
  Drbg d(6, "rsa");
  for (const Bytes& j : junk(7)) {
    EXPECT_FALSE(verify(rsa, SignatureScheme::rsa_pss_rsae_sha256, view(msg), j).ok());
    EXPECT_FALSE(verify(rsa, SignatureScheme::rsa_pkcs1_sha256, view(msg), j).ok());
    EXPECT_FALSE(verify(ec, SignatureScheme::ecdsa_secp256r1_sha256, view(msg), j).ok());
    EXPECT_FALSE(verify_legacy(rsa, view(msg), j).ok());
    EXPECT_FALSE(verify_legacy(ec, view(msg), j).ok());
    EXPECT_FALSE(Certificate::from_der(j).ok());
    EXPECT_FALSE(PublicKey::from_der_certificate(j).ok());
    RsaPremasterOutcome o = rsa_decrypt_premaster(testing::rsa2048(), j, 0x0303, d);
    EXPECT_EQ(o.premaster.size(), 48u);
    EXPECT_TRUE(o.used_random);
  }
  EXPECT_FALSE(dh_group_from_pem("-----BEGIN DH PARAMETERS-----\nAAAA\n-----END DH PARAMETERS-----\n").ok());
}

}  // namespace
}  // namespace tlsc::crypto
