#include <gtest/gtest.h>

#include <set>

#include "peers/record/cipher_suite.h"

using namespace tlsc::record;

TEST(CipherSuite, TableHasTheThirteenSuitesOnce) {
  std::set<uint16_t> codes;
  for (const auto& s : all_cipher_suites()) EXPECT_TRUE(codes.insert(s.code).second) << s.iana_name;
  EXPECT_EQ(codes, (std::set<uint16_t>{0x009E, 0x009F, 0x0033, 0x0039, 0x0067, 0xCCAA, 0xC02F, 0xC030, 0xC013,
                                       0xCCA8, 0xC02B, 0x009C, 0x002F}));
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
