#include <gtest/gtest.h>

#include <set>

#include "peers/record/cipher_suite.h"

using namespace tlsc::record;

TEST(CipherSuite, TableHasTheTwentyFiveSuitesOnce) {
  std::set<uint16_t> codes;
  for (const auto& s : all_cipher_suites()) EXPECT_TRUE(codes.insert(s.code).second) << s.iana_name;
  EXPECT_EQ(codes, (std::set<uint16_t>{0x009E, 0x009F, 0x0033, 0x0039, 0x0067, 0xCCAA, 0xC02F, 0xC030, 0xC013,
                                       0xCCA8, 0xC02B, 0x009C, 0x002F, 0xC02C, 0x009D, 0xC024, 0xC023, 0xC028,
                                       0xC027, 0xC00A, 0xC009, 0xC014, 0x003D, 0x003C, 0x0035}));
}

TEST(CipherSuite, Sha384CbcSuitesUseHmacSha384AndTheSha384Prf) {
  // RFC 5289 3.1: TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384, HMAC-SHA384 (48-byte keys), SHA-384 PRF.
  const CipherSuite& s = *find_cipher_suite(uint16_t{0xC028});
  EXPECT_EQ(s.mac, MacAlgorithm::hmac_sha384);
  EXPECT_EQ(s.prf_hash, PrfHash::sha384);
  EXPECT_EQ(s.mac_length(), 48u);
  EXPECT_EQ(s.key_block_length(kTls12), 2u * (48 + 32));
  EXPECT_FALSE(s.allowed_in(kTls11));
}

TEST(CipherSuite, LookupByCodeAndNames) {
  const CipherSuite* s = find_cipher_suite(uint16_t{0xC02F});
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->iana_name, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
  EXPECT_EQ(find_cipher_suite("ECDHE-RSA-AES128-GCM-SHA256"), s);
  EXPECT_EQ(find_cipher_suite("tls_ecdhe_rsa_with_aes_128_gcm_sha256"), s);
  EXPECT_EQ(find_cipher_suite(uint16_t{0x0005}), nullptr);
  EXPECT_EQ(find_cipher_suite("RC4-SHA"), nullptr);
}

TEST(CipherSuite, KeyBlockParameters) {
  const CipherSuite& gcm256 = *find_cipher_suite(uint16_t{0xC030});
  EXPECT_TRUE(gcm256.is_aead());
  EXPECT_EQ(gcm256.prf_hash, PrfHash::sha384);
  EXPECT_EQ(gcm256.key_block_length(kTls12), 2u * (32 + 4));
  EXPECT_EQ(gcm256.record_iv_length(kTls12), 8u);

  const CipherSuite& chacha = *find_cipher_suite(uint16_t{0xCCA8});
  EXPECT_EQ(chacha.key_block_length(kTls12), 2u * (32 + 12));
  EXPECT_EQ(chacha.record_iv_length(kTls12), 0u);

  const CipherSuite& cbc = *find_cipher_suite(uint16_t{0x002F});
  EXPECT_EQ(cbc.mac, MacAlgorithm::hmac_sha1);
  EXPECT_EQ(cbc.key_block_length(kTls10), 2u * (20 + 16 + 16));  // RFC 2246: IVs in the key block
  EXPECT_EQ(cbc.key_block_length(kTls11), 2u * (20 + 16));        // RFC 4346: explicit IVs
  EXPECT_EQ(cbc.record_iv_length(kTls10), 0u);
  EXPECT_EQ(cbc.record_iv_length(kTls12), 16u);

  const CipherSuite& sha256 = *find_cipher_suite(uint16_t{0x0067});
  EXPECT_EQ(sha256.mac_length(), 32u);
  EXPECT_EQ(sha256.key_block_length(kTls12), 2u * (32 + 16));
}

TEST(CipherSuite, VersionRestrictions) {
  for (const auto& s : all_cipher_suites()) {
    EXPECT_TRUE(s.allowed_in(kTls12)) << s.iana_name;
    const bool old_ok = s.is_cbc() && s.mac == MacAlgorithm::hmac_sha1;
    EXPECT_EQ(s.allowed_in(kTls10), old_ok) << s.iana_name;
    EXPECT_EQ(s.allowed_in(kTls11), old_ok) << s.iana_name;
    EXPECT_FALSE(s.allowed_in(0x0300)) << s.iana_name;
    EXPECT_FALSE(s.allowed_in(0x0304)) << s.iana_name;
  }
}
