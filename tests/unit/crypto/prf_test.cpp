#include "peers/crypto/prf.h"

#include "peers/crypto/crypto.h"  // the umbrella header compiles on its own

#include <gtest/gtest.h>

#include "peers/crypto/hash.h"
#include "peers/crypto/key_schedule.h"
#include "peers/crypto/transcript.h"

namespace tlsc::crypto {
namespace {

Bytes cat(ByteView a, ByteView b) {
  Bytes out(a.begin(), a.end());
  out.insert(out.end(), b.begin(), b.end());
  return out;
}

TEST(Hash, KnownAnswers) {
  // FIPS 180-2 / RFC 1321 "abc" vectors.
  const Bytes abc = {'a', 'b', 'c'};
  EXPECT_EQ(to_hex(digest(HashAlg::md5, abc)), "900150983cd24fb0d6963f7d28e17f72");
  EXPECT_EQ(to_hex(digest(HashAlg::sha1, abc)), "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(to_hex(digest(HashAlg::sha256, abc)),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(hash_len(HashAlg::sha384), 48u);
  EXPECT_EQ(hash_len(HashAlg::sha512), 64u);
  EXPECT_EQ(md5_sha1(abc).size(), 36u);
  EXPECT_EQ(md5_sha1(abc), cat(digest(HashAlg::md5, abc), digest(HashAlg::sha1, abc)));
}

TEST(Hash, HmacRfc4231Case2) {
  // RFC 4231, 4.3 (test case 2).
  const std::string key = "Jefe", data = "what do ya want for nothing?";
  EXPECT_EQ(to_hex(hmac(HashAlg::sha256, view(key), view(data))),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

// The widely circulated TLS 1.2 PRF (SHA-256) test vector.
TEST(Prf, Tls12Sha256KnownAnswer) {
  const Bytes secret = hex("9bbe436ba940f017b17652849a71db35");
  const Bytes seed = hex("a0ba9f936cda311827a6f796ffd5198c");
  const std::string expected =
      "e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a6b301791e90d35c9c9a46b4e14baf9af"
      "0fa022f7077def17abfd3797c0564bab4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff701"
      "87347b66";
  const Bytes mine = prf(PrfAlg::sha256, secret, "test label", seed, 100);
  EXPECT_EQ(to_hex(mine), expected);
  auto theirs = prf_openssl(PrfAlg::sha256, secret, "test label", seed, 100);
  ASSERT_TRUE(theirs.has_value());
  EXPECT_EQ(to_hex(*theirs), expected);
}

TEST(Prf, Tls12Sha384MatchesOpenSsl) {
  const Bytes secret = hex("b80b733d6ceefcdc71566ea48e5567df");
  const Bytes seed = hex("cd665cf6a8447dd6ff8b27555edb7465");
  EXPECT_EQ(prf(PrfAlg::sha384, secret, "test label", seed, 148),
            *prf_openssl(PrfAlg::sha384, secret, "test label", seed, 148));
}

// TLS 1.0/1.1 PRF: own P_MD5 xor P_SHA1 against OpenSSL's TLS1-PRF with MD5-SHA1, for even and
// odd secret lengths (odd: the halves share the middle byte, RFC 2246, 5).
TEST(Prf, Tls10MatchesOpenSslEvenAndOddSecrets) {
  const Bytes seed = hex("00112233445566778899aabbccddeeff0123");
  for (size_t secret_len : {1u, 47u, 48u, 49u, 128u}) {  // OpenSSL refuses an empty secret
    Bytes secret(secret_len);
    for (size_t i = 0; i < secret_len; ++i) secret[i] = static_cast<uint8_t>(i * 7 + 3);
    for (size_t out_len : {1u, 12u, 48u, 104u}) {
      auto theirs = prf_openssl(PrfAlg::tls10, secret, "key expansion", seed, out_len);
      ASSERT_TRUE(theirs.has_value()) << secret_len;
      EXPECT_EQ(prf(PrfAlg::tls10, secret, "key expansion", seed, out_len), *theirs)
          << "secret " << secret_len << " out " << out_len;
    }
  }
}

TEST(Prf, Tls10SplitsSecretWithSharedMiddleByte) {
  // Independent of OpenSSL: a 3-byte secret "abc" uses S1 = "ab", S2 = "bc".
  const Bytes secret = {'a', 'b', 'c'}, seed = {'s'};
  Bytes ls = {'L', 's'};
  Bytes expect = p_hash(HashAlg::md5, Bytes{'a', 'b'}, ls, 20);
  Bytes sha = p_hash(HashAlg::sha1, Bytes{'b', 'c'}, ls, 20);
  for (size_t i = 0; i < 20; ++i) expect[i] ^= sha[i];
  EXPECT_EQ(prf(PrfAlg::tls10, secret, "L", seed, 20), expect);
}

TEST(Prf, PHashFirstBlockIsHmacOfA1AndSeed) {
  const Bytes secret = {1, 2, 3}, seed = {9, 9};
  Bytes a1 = hmac(HashAlg::sha256, secret, seed);
  EXPECT_EQ(p_hash(HashAlg::sha256, secret, seed, 32), hmac(HashAlg::sha256, secret, cat(a1, seed)));
  EXPECT_TRUE(p_hash(HashAlg::sha256, secret, seed, 0).empty());
}

TEST(Prf, VersionSelection) {
  EXPECT_EQ(prf_for(0x0301, false), PrfAlg::tls10);
  EXPECT_EQ(prf_for(0x0302, true), PrfAlg::tls10);
  EXPECT_EQ(prf_for(0x0303, false), PrfAlg::sha256);
  EXPECT_EQ(prf_for(0x0303, true), PrfAlg::sha384);
}

class KeySchedule : public ::testing::TestWithParam<PrfAlg> {};

TEST_P(KeySchedule, MasterSecretsMatchOpenSslAndDiffer) {
  const PrfAlg alg = GetParam();
  Bytes pms = hex("0303"), cr(32), sr(32);
  pms.resize(48, 0x5a);
  for (size_t i = 0; i < 32; ++i) cr[i] = static_cast<uint8_t>(i), sr[i] = static_cast<uint8_t>(0xff - i);
  Transcript t;
  t.add(Bytes{1, 0, 0, 2, 3, 3});
  t.add(Bytes{16, 0, 0, 1, 7});
  const Bytes session_hash = t.hash(alg);
  EXPECT_EQ(session_hash.size(), alg == PrfAlg::tls10 ? 36u : alg == PrfAlg::sha256 ? 32u : 48u);

  const Bytes ms = master_secret(alg, pms, cr, sr);
  const Bytes ems = extended_master_secret(alg, pms, session_hash);
  ASSERT_EQ(ms.size(), 48u);
  ASSERT_EQ(ems.size(), 48u);
  EXPECT_NE(ms, ems);
  EXPECT_EQ(ms, *prf_openssl(alg, pms, "master secret", cat(cr, sr), 48));
  EXPECT_EQ(ems, *prf_openssl(alg, pms, "extended master secret", session_hash, 48));

  const KeyBlockLayout layout{20, 16, 4};
  const KeyBlock kb = key_block(alg, ms, cr, sr, layout);
  const Bytes block = *prf_openssl(alg, ms, "key expansion", cat(sr, cr), layout.total());
  EXPECT_EQ(kb.client_mac_key, Bytes(block.begin(), block.begin() + 20));
  EXPECT_EQ(kb.server_mac_key, Bytes(block.begin() + 20, block.begin() + 40));
  EXPECT_EQ(kb.client_key, Bytes(block.begin() + 40, block.begin() + 56));
  EXPECT_EQ(kb.server_key, Bytes(block.begin() + 56, block.begin() + 72));
  EXPECT_EQ(kb.client_iv, Bytes(block.begin() + 72, block.begin() + 76));
  EXPECT_EQ(kb.server_iv, Bytes(block.begin() + 76, block.end()));

  const Bytes cf = finished_verify_data(alg, ms, Sender::client, session_hash);
  const Bytes sf = finished_verify_data(alg, ms, Sender::server, session_hash);
  EXPECT_EQ(cf.size(), 12u);
  EXPECT_NE(cf, sf);
  EXPECT_EQ(cf, *prf_openssl(alg, ms, "client finished", session_hash, 12));
  EXPECT_EQ(sf, *prf_openssl(alg, ms, "server finished", session_hash, 12));
}

INSTANTIATE_TEST_SUITE_P(AllPrfs, KeySchedule, ::testing::Values(PrfAlg::tls10, PrfAlg::sha256, PrfAlg::sha384));

TEST(Transcript, SnapshotsAreIndependentOfLaterMessages) {
  Transcript t;
  t.add(Bytes{1, 2, 3});
  const Bytes at_cke = t.hash(PrfAlg::sha256);
  t.add(Bytes{4, 5});
  EXPECT_EQ(at_cke, digest(HashAlg::sha256, Bytes{1, 2, 3}));
  EXPECT_EQ(t.hash(PrfAlg::sha256), digest(HashAlg::sha256, Bytes{1, 2, 3, 4, 5}));
  EXPECT_EQ(t.hash(PrfAlg::tls10), md5_sha1(Bytes{1, 2, 3, 4, 5}));
  EXPECT_EQ(t.hash(HashAlg::sha1), digest(HashAlg::sha1, Bytes{1, 2, 3, 4, 5}));
}

}  // namespace
}  // namespace tlsc::crypto
