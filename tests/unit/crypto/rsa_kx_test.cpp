#include "peers/crypto/rsa_kx.h"

#include <gtest/gtest.h>

#include "test_keys.h"

namespace tlsc::crypto {
namespace {

using testing::public_of;
using testing::rsa2048;

TEST(RsaKx, PremasterShape) {
  Drbg d(1, "pms");
  Bytes pms = make_rsa_premaster(0x0303, d);
  ASSERT_EQ(pms.size(), 48u);
  EXPECT_EQ(pms[0], 0x03);
  EXPECT_EQ(pms[1], 0x03);
  Drbg d2(1, "pms");
  EXPECT_EQ(make_rsa_premaster(0x0303, d2), pms);
}

TEST(RsaKx, RoundTrip) {
  Drbg d(2, "rsa");
  const Bytes pms = make_rsa_premaster(0x0303, d);
  auto ct = rsa_encrypt_premaster(public_of(rsa2048()), pms);
  ASSERT_TRUE(ct.ok()) << ct.error();
  EXPECT_EQ(ct->size(), 256u);
  RsaPremasterOutcome o = rsa_decrypt_premaster(rsa2048(), *ct, 0x0303, d);
  EXPECT_TRUE(o.well_formed()) << o.detail;
  EXPECT_TRUE(o.decrypted && o.padding_ok && o.length_ok && o.version_ok);
  EXPECT_FALSE(o.used_random);
  EXPECT_EQ(o.carried_version, 0x0303);
  EXPECT_EQ(o.premaster, pms);
  EXPECT_EQ(o.detail, "");
}

// RFC 5246, 7.4.7.1: on a bad block the server continues with client_version || R, where R was
// drawn before decryption.
TEST(RsaKx, CountermeasureOnCorruptedCiphertext) {
  Drbg d(3, "rsa");
  const Bytes pms = make_rsa_premaster(0x0303, d);
  Bytes ct = *rsa_encrypt_premaster(public_of(rsa2048()), pms);
  ct[100] ^= 0x01;
  Drbg server(4, "server"), replay(4, "server");
  RsaPremasterOutcome o = rsa_decrypt_premaster(rsa2048(), ct, 0x0303, server);
  EXPECT_TRUE(o.used_random);
  EXPECT_TRUE(o.decrypted);
  EXPECT_FALSE(o.padding_ok);
  EXPECT_FALSE(o.well_formed());
  EXPECT_NE(o.detail, "");
  EXPECT_EQ(o.premaster, make_rsa_premaster(0x0303, replay));
  EXPECT_NE(o.premaster, pms);
}

TEST(RsaKx, CountermeasureOnWrongLengthAndOutOfRange) {
  Drbg d(5, "rsa");
  RsaPremasterOutcome shorter = rsa_decrypt_premaster(rsa2048(), Bytes(255, 7), 0x0303, d);
  EXPECT_TRUE(shorter.used_random);
  EXPECT_FALSE(shorter.decrypted);
  EXPECT_EQ(shorter.detail.rfind("rsa_ciphertext_wrong_length", 0), 0u);
  EXPECT_EQ(shorter.premaster.size(), 48u);
  RsaPremasterOutcome too_big = rsa_decrypt_premaster(rsa2048(), Bytes(256, 0xff), 0x0303, d);  // >= n
  EXPECT_TRUE(too_big.used_random);
  EXPECT_FALSE(too_big.decrypted);
  RsaPremasterOutcome empty = rsa_decrypt_premaster(rsa2048(), {}, 0x0303, d);
  EXPECT_TRUE(empty.used_random);
}

TEST(RsaKx, VersionMismatchIsReportedAndOverwritten) {
  Drbg d(6, "rsa");
  const Bytes pms = make_rsa_premaster(0x0301, d);  // client put the negotiated, not offered, version
  Bytes ct = *rsa_encrypt_premaster(public_of(rsa2048()), pms);
  RsaPremasterOutcome o = rsa_decrypt_premaster(rsa2048(), ct, 0x0303, d);
  EXPECT_TRUE(o.padding_ok && o.length_ok);
  EXPECT_FALSE(o.version_ok);
  EXPECT_FALSE(o.used_random);
  EXPECT_EQ(o.carried_version, 0x0301);
  EXPECT_EQ(o.detail, "rsa_premaster_version_mismatch");
  Bytes expect = pms;
  expect[1] = 0x03;  // client_version || M[2..47]
  EXPECT_EQ(o.premaster, expect);
}

TEST(RsaKx, HandBuiltBlocksAreClassified) {
  const PublicKey pub = public_of(rsa2048());
  Drbg d(7, "rsa");
  auto block = [](uint8_t type, size_t ps_len, size_t m_len) {
    Bytes em(256, 0x11);
    em[0] = 0x00;
    em[1] = type;
    em[2 + ps_len] = 0x00;  // separator
    EXPECT_EQ(256 - 3 - ps_len, m_len);
    em[3 + ps_len] = 0x03;  // version bytes of M
    em[4 + ps_len] = 0x03;
    return em;
  };
  // Valid: 48-byte M.
  auto ok = rsa_decrypt_premaster(rsa2048(), *rsa_encrypt_raw(pub, block(2, 205, 48)), 0x0303, d);
  EXPECT_TRUE(ok.well_formed()) << ok.detail;
  // Wrong block type.
  auto bt1 = rsa_decrypt_premaster(rsa2048(), *rsa_encrypt_raw(pub, block(1, 205, 48)), 0x0303, d);
  EXPECT_EQ(bt1.detail.rfind("rsa_padding_bad_header", 0), 0u);
  // Padding string of 7 bytes (RFC 8017, 7.2.2: at least 8).
  auto ps7 = rsa_decrypt_premaster(rsa2048(), *rsa_encrypt_raw(pub, block(2, 7, 246)), 0x0303, d);
  EXPECT_EQ(ps7.detail.rfind("rsa_padding_short_ps", 0), 0u);
  EXPECT_TRUE(ps7.used_random);
  // Well-padded but M is 47 bytes.
  auto m47 = rsa_decrypt_premaster(rsa2048(), *rsa_encrypt_raw(pub, block(2, 206, 47)), 0x0303, d);
  EXPECT_TRUE(m47.padding_ok);
  EXPECT_FALSE(m47.length_ok);
  EXPECT_TRUE(m47.used_random);
  EXPECT_EQ(m47.carried_version, 0x0303);
  // No separator at all.
  Bytes nosep(256, 0x22);
  nosep[0] = 0;
  nosep[1] = 2;
  auto ns = rsa_decrypt_premaster(rsa2048(), *rsa_encrypt_raw(pub, nosep), 0x0303, d);
  EXPECT_EQ(ns.detail, "rsa_padding_no_separator");
  EXPECT_FALSE(rsa_encrypt_raw(pub, Bytes(10, 1)).ok());  // raw block must be modulus-sized
}

}  // namespace
}  // namespace tlsc::crypto
