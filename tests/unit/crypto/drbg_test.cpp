#include "peers/crypto/drbg.h"

#include <gtest/gtest.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>

#include <memory>
#include <set>

namespace tlsc::crypto {
namespace {

TEST(Drbg, SameSeedAndLabelReplay) {
  Drbg a(42, "engine"), b(42, "engine");
  EXPECT_EQ(a.generate(100), b.generate(100));
  EXPECT_EQ(a.next_u64(), b.next_u64());
  EXPECT_EQ(a.generate(70000), b.generate(70000));  // crosses the 64 KiB request limit
}

TEST(Drbg, SeedAndLabelBothMatter) {
  EXPECT_NE(Drbg(42, "engine").generate(32), Drbg(43, "engine").generate(32));
  EXPECT_NE(Drbg(42, "engine").generate(32), Drbg(42, "engine2").generate(32));
  EXPECT_NE(Drbg(42, "").generate(32), Drbg(42, "x").generate(32));
}

TEST(Drbg, StreamAdvances) {
  Drbg a(1, "s");
  std::set<Bytes> seen;
  for (int i = 0; i < 50; ++i) seen.insert(a.generate(16));
  EXPECT_EQ(seen.size(), 50u);
}

TEST(Drbg, ForkIsIndependentOfParentConsumption) {
  Drbg a(7, "root"), b(7, "root");
  b.generate(1000);  // consuming the parent does not move the child
  EXPECT_EQ(a.fork("dh").generate(48), b.fork("dh").generate(48));
  EXPECT_NE(a.fork("dh").generate(48), a.fork("ecdh").generate(48));
  EXPECT_NE(a.fork("dh").generate(48), a.generate(48));
  EXPECT_EQ(a.fork("x").fork("y").label(), "root/x/y");
}

TEST(Drbg, UniformStaysInRange) {
  Drbg d(3, "u");
  for (int i = 0; i < 1000; ++i) EXPECT_LT(d.uniform(7), 7u);
  EXPECT_EQ(d.uniform(0), 0u);
  EXPECT_EQ(d.uniform(1), 0u);
}

// Cross-check the SP 800-90A HMAC_DRBG core against OpenSSL's HMAC-DRBG fed by TEST-RAND with
// the same entropy and nonce.
struct RandCtxFree {
  void operator()(EVP_RAND_CTX* c) const { EVP_RAND_CTX_free(c); }
};
struct RandFree {
  void operator()(EVP_RAND* r) const { EVP_RAND_free(r); }
};

TEST(HmacDrbg, MatchesOpenSslHmacDrbg) {
  Bytes entropy = hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
  Bytes nonce = hex("2021222324252627");
  Bytes pers = {'t', 'l', 's', 'c'};

  std::unique_ptr<EVP_RAND, RandFree> test_rand(EVP_RAND_fetch(nullptr, "TEST-RAND", nullptr));
  std::unique_ptr<EVP_RAND, RandFree> hmac_rand(EVP_RAND_fetch(nullptr, "HMAC-DRBG", nullptr));
  ASSERT_TRUE(test_rand && hmac_rand);
  std::unique_ptr<EVP_RAND_CTX, RandCtxFree> parent(EVP_RAND_CTX_new(test_rand.get(), nullptr));
  ASSERT_TRUE(parent);
  unsigned int strength = 256;
  OSSL_PARAM tp[] = {
      OSSL_PARAM_construct_uint(OSSL_RAND_PARAM_STRENGTH, &strength),
      OSSL_PARAM_construct_octet_string(OSSL_RAND_PARAM_TEST_ENTROPY, entropy.data(), entropy.size()),
      OSSL_PARAM_construct_octet_string(OSSL_RAND_PARAM_TEST_NONCE, nonce.data(), nonce.size()),
      OSSL_PARAM_construct_end()};
  ASSERT_EQ(EVP_RAND_CTX_set_params(parent.get(), tp), 1);
  ASSERT_EQ(EVP_RAND_instantiate(parent.get(), strength, 0, nullptr, 0, nullptr), 1);

  std::unique_ptr<EVP_RAND_CTX, RandCtxFree> drbg(EVP_RAND_CTX_new(hmac_rand.get(), parent.get()));
  ASSERT_TRUE(drbg);
  OSSL_PARAM dp[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_DRBG_PARAM_MAC, const_cast<char*>("HMAC"), 0),
      OSSL_PARAM_construct_utf8_string(OSSL_DRBG_PARAM_DIGEST, const_cast<char*>("SHA256"), 0),
      OSSL_PARAM_construct_end()};
  ASSERT_EQ(EVP_RAND_instantiate(drbg.get(), 256, 0, pers.data(), pers.size(), dp), 1);

  HmacDrbg mine(entropy, nonce, pers);
  for (size_t n : {32u, 64u, 17u}) {
    Bytes theirs(n);
    ASSERT_EQ(EVP_RAND_generate(drbg.get(), theirs.data(), n, 256, 0, nullptr, 0), 1);
    EXPECT_EQ(to_hex(mine.generate(n)), to_hex(theirs)) << "request of " << n;
  }
}

}  // namespace
}  // namespace tlsc::crypto
