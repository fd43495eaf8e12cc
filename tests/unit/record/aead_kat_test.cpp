// Known-answer tests for the raw AEAD primitive.
#include <gtest/gtest.h>

#include "peers/record/aead.h"

using namespace tlsc;
using namespace tlsc::record;

// RFC 8439, 2.8.2: Example and Test Vector for AEAD_CHACHA20_POLY1305.
TEST(AeadKat, ChaCha20Poly1305Rfc8439_2_8_2) {
  const Bytes key = hex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
  const Bytes nonce = hex("070000004041424344454647");
  const Bytes aad = hex("50515253c0c1c2c3c4c5c6c7");
  const std::string text =
      "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would "
      "be it.";
  const Bytes expected = hex(
      "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69da92728b1a71de0a9e0"
      "60b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc3ff4def08e4b7a9de576d2"
      "6586cec64b6116"
      "1ae10b594f09e26a7e902ecbd0600691");
  auto sealed = aead_seal(BulkCipher::chacha20_poly1305, key, nonce, aad, view(text));
  ASSERT_TRUE(sealed);
  EXPECT_EQ(to_hex(*sealed), to_hex(expected));
  auto opened = aead_open(BulkCipher::chacha20_poly1305, key, nonce, aad, expected);
  ASSERT_TRUE(opened);
  EXPECT_EQ(*opened, Bytes(text.begin(), text.end()));
}

// The GCM specification (McGrew & Viega), Test Case 4 (AES-128) and Test Case 16 (AES-256),
// as republished in NIST's GCM validation material.
TEST(AeadKat, AesGcmTestCases4And16) {
  const Bytes nonce = hex("cafebabefacedbaddecaf888");
  const Bytes aad = hex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
  const Bytes pt = hex(
      "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de6"
      "57ba637b39");
  struct Case {
    BulkCipher cipher;
    const char* key;
    const char* ct_tag;
  } cases[] = {
      {BulkCipher::aes_128_gcm, "feffe9928665731c6d6a8f9467308308",
       "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aa"
       "c973d58e091"
       "5bc94fbc3221a5db94fae95ae7121a47"},
      {BulkCipher::aes_256_gcm, "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
       "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7"
       "a0abcc9f662"
       "76fc6ece0f4e1768cddf8853bb2d551b"},
  };
  for (const Case& c : cases) {
    const Bytes key = hex(c.key);
    auto sealed = aead_seal(c.cipher, key, nonce, aad, pt);
    ASSERT_TRUE(sealed);
    EXPECT_EQ(to_hex(*sealed), c.ct_tag);
    auto opened = aead_open(c.cipher, key, nonce, aad, *sealed);
    ASSERT_TRUE(opened);
    EXPECT_EQ(*opened, pt);
    Bytes bad = *sealed;
    bad.back() ^= 0x80;
    EXPECT_FALSE(aead_open(c.cipher, key, nonce, aad, bad));
  }
}

TEST(AeadKat, RejectsWrongSizesAndShortInput) {
  const Bytes key(16, 1), nonce(12, 2);
  EXPECT_FALSE(aead_seal(BulkCipher::aes_128_gcm, Bytes(15, 1), nonce, {}, {}));
  EXPECT_FALSE(aead_seal(BulkCipher::aes_128_gcm, key, Bytes(8, 2), {}, {}));
  EXPECT_FALSE(aead_seal(BulkCipher::aes_128_cbc, key, nonce, {}, {}));
  EXPECT_FALSE(aead_open(BulkCipher::aes_128_gcm, key, nonce, {}, Bytes(15, 0)));
  auto empty = aead_seal(BulkCipher::aes_128_gcm, key, nonce, {}, {});
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->size(), 16u);
  EXPECT_TRUE(aead_open(BulkCipher::aes_128_gcm, key, nonce, {}, *empty));
}
