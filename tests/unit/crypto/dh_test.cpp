#include "peers/crypto/dh.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "peers/crypto/octets.h"

namespace tlsc::crypto {
namespace {

using ossl::Bignum;

// floor(2^k * e), summing floor(2^(k+64) / i!) over i and dropping the 64 guard bits.
Bignum floor_pow2_times_e(int k) {
  ossl::BnCtx ctx(BN_CTX_new());
  Bignum sum = ossl::bn_new(), term = ossl::bn_new();
  BN_zero(sum.get());
  BN_set_bit(term.get(), k + 64);  // 2^(k+64) / 0!
  for (unsigned long i = 1; !BN_is_zero(term.get()); ++i) {
    BN_add(sum.get(), sum.get(), term.get());
    BN_div_word(term.get(), i);  // term = 2^(k+64) / i! (floored step by step)
  }
  BN_rshift(sum.get(), sum.get(), 64);
  return sum;
}

// RFC 7919, Appendix A: p = 2^n - 2^(n-64) + {[2^(n-130) e] + X} * 2^64 - 1.
Bytes rfc7919_prime(int n, unsigned long x) {
  Bignum p = ossl::bn_new(), t = ossl::bn_new();
  BN_zero(p.get());
  BN_set_bit(p.get(), n);
  BN_zero(t.get());
  BN_set_bit(t.get(), n - 64);
  BN_sub(p.get(), p.get(), t.get());
  Bignum e = floor_pow2_times_e(n - 130);
  BN_add_word(e.get(), x);
  BN_lshift(e.get(), e.get(), 64);
  BN_add(p.get(), p.get(), e.get());
  BN_sub_word(p.get(), 1);
  return ossl::bn_bytes(p.get());
}

TEST(DhGroups, FfdhePrimesMatchRfc7919Formula) {
  EXPECT_EQ(to_hex(ffdhe2048().p), to_hex(rfc7919_prime(2048, 560316)));
  EXPECT_EQ(to_hex(ffdhe3072().p), to_hex(rfc7919_prime(3072, 2625351)));
  EXPECT_EQ(ffdhe2048().g, Bytes{2});
  EXPECT_EQ(ffdhe2048().p_len(), 256u);
  EXPECT_EQ(ffdhe3072().p_len(), 384u);
  EXPECT_EQ(ffdhe_by_codepoint(256), &ffdhe2048());
  EXPECT_EQ(ffdhe_by_codepoint(257), &ffdhe3072());
  EXPECT_EQ(ffdhe_by_codepoint(258), nullptr);
  EXPECT_TRUE(check_dh_group(ffdhe2048()).ok());
}

TEST(DhGroups, Sparse2049IsSafePrimeJustAbove2To2048) {
  const DhGroup& g = sparse2049();
  ASSERT_EQ(g.p_len(), 257u);
  EXPECT_EQ(g.p[0], 0x01);
  EXPECT_EQ(leading_zero_bytes(ByteView(g.p).subspan(1, 252)), 252u);
  EXPECT_EQ(to_hex(ByteView(g.p).last(4)), "00990af3" /* 10029811 */);
  EXPECT_EQ(g.g, Bytes{2});
  EXPECT_TRUE(check_dh_group(g).ok());
  EXPECT_TRUE(dh_group_is_safe_prime(g));  // p and (p-1)/2 prime
}

TEST(DhGroups, PrimalityCheckRejectsComposite) {
  DhGroup g = sparse2049();
  g.p.back() += 2;  // 2^2048 + 10029813
  EXPECT_FALSE(dh_group_is_safe_prime(g));
}

TEST(DhGroups, BoundsAndShapeChecks) {
  DhGroup small{"small", Bytes(32, 0xff), {2}};
  EXPECT_EQ(check_dh_group(small).error().rfind("dh_group_p_too_small", 0), 0u);
  DhGroup large{"large", Bytes(1025, 0xff), {2}};
  EXPECT_EQ(check_dh_group(large).error().rfind("dh_group_p_too_large", 0), 0u);
  DhGroup even = ffdhe2048();
  even.p.back() &= 0xfe;
  EXPECT_EQ(check_dh_group(even).error().rfind("dh_group_p_even", 0), 0u);
  for (Bytes g : {Bytes{}, Bytes{1}, ffdhe2048().p}) {
    DhGroup bad{"bad", ffdhe2048().p, g};
    EXPECT_EQ(check_dh_group(bad).error().rfind("dh_group_g_out_of_range", 0), 0u);
  }
  Drbg d(1, "dh");
  EXPECT_FALSE(DhKey::generate(small, d).ok());
  // A 512-bit odd modulus with g = 2 is accepted even though it is not prime (peer's choice).
  DhGroup weird{"weird", Bytes(64, 0xab), {2}};
  weird.p.back() |= 1;
  EXPECT_TRUE(check_dh_group(weird).ok());
  EXPECT_TRUE(DhKey::generate(weird, d).ok());
}

class DhAgreement : public ::testing::TestWithParam<const DhGroup* (*)()> {};

TEST_P(DhAgreement, BothSidesAgree) {
  const DhGroup& group = *GetParam()();
  Drbg d(11, "dh-agree");
  auto a = DhKey::generate(group, d);
  auto b = DhKey::generate(group, d);
  ASSERT_TRUE(a.ok()) << a.error();
  ASSERT_TRUE(b.ok()) << b.error();
  EXPECT_NE(a->public_value(), b->public_value());
  auto za = a->compute(b->public_value());
  auto zb = b->compute(a->public_value());
  ASSERT_TRUE(za.ok() && zb.ok());
  EXPECT_EQ(*za, *zb);
  EXPECT_NE(za->front(), 0);  // stripped: minimal encoding
  EXPECT_EQ(a->compute_padded(b->public_value())->size(), group.p_len());
}

const DhGroup* g2048() { return &ffdhe2048(); }
const DhGroup* g3072() { return &ffdhe3072(); }
const DhGroup* gsparse() { return &sparse2049(); }
INSTANTIATE_TEST_SUITE_P(Groups, DhAgreement, ::testing::Values(&g2048, &g3072, &gsparse));

TEST(Dh, DeterministicFromDrbg) {
  Drbg d1(5, "k"), d2(5, "k");
  EXPECT_EQ(DhKey::generate(ffdhe2048(), d1)->public_value(), DhKey::generate(ffdhe2048(), d2)->public_value());
}

TEST(Dh, ShortExponentOption) {
  Drbg d(5, "short");
  auto k = DhKey::generate(ffdhe2048(), d, 256);
  ASSERT_TRUE(k.ok());
  EXPECT_EQ(k->private_value().size(), 32u);
  EXPECT_GE(k->private_value()[0], 0x80);
  EXPECT_FALSE(DhKey::generate(ffdhe2048(), d, 2047).ok());
}

TEST(Dh, StrippedAndPaddedDifferExactlyWhenZHasLeadingZero) {
  // sparse2049: Z < 2^2048 < p, so at |p| = 257 bytes the padded Z always starts with 0x00.
  Drbg d(21, "pad");
  auto peer = DhKey::generate(sparse2049(), d);
  for (int i = 0; i < 8; ++i) {
    auto k = DhKey::generate(sparse2049(), d);
    Bytes z = *k->compute(peer->public_value());
    Bytes zp = *k->compute_padded(peer->public_value());
    EXPECT_EQ(zp.size(), 257u);
    EXPECT_EQ(zp[0], 0);
    EXPECT_NE(z, zp);
    EXPECT_EQ(strip_leading_zeros(zp), z);
    EXPECT_EQ(pad_to(z, 257), zp);
  }
  // ffdhe2048: equal unless Z < 2^2040 (about 1 in 256).
  auto peer2 = DhKey::generate(ffdhe2048(), d);
  for (int i = 0; i < 8; ++i) {
    auto k = DhKey::generate(ffdhe2048(), d);
    Bytes z = *k->compute(peer2->public_value());
    Bytes zp = *k->compute_padded(peer2->public_value());
    EXPECT_EQ(z == zp, zp[0] != 0);
  }
}

TEST(Dh, ExplicitPrivateKey) {
  auto k = DhKey::from_private(ffdhe2048(), Bytes{3});
  ASSERT_TRUE(k.ok());
  EXPECT_EQ(k->public_value(), Bytes{8});  // 2^3
  EXPECT_FALSE(DhKey::from_private(ffdhe2048(), Bytes{0}).ok());
  EXPECT_FALSE(DhKey::from_private(ffdhe2048(), ffdhe2048().p).ok());
}

TEST(Dh, PeerValueValidationRfc7919) {
  const DhGroup& g = ffdhe2048();
  Bytes pm1 = g.p;
  pm1.back() -= 1;  // p is odd, no borrow
  struct Case {
    Bytes y;
    const char* reason;
  } cases[] = {
      {{}, "dh_peer_zero"},
      {Bytes{0}, "dh_peer_zero"},
      {Bytes(256, 0), "dh_peer_zero"},
      {Bytes{1}, "dh_peer_one"},
      {pad_to(Bytes{1}, 256), "dh_peer_one"},
      {pm1, "dh_peer_p_minus_one"},
      {g.p, "dh_peer_not_less_than_p"},
      {Bytes(300, 0xff), "dh_peer_not_less_than_p"},
  };
  Drbg d(1, "v");
  auto k = DhKey::generate(g, d);
  ASSERT_TRUE(k.ok());
  for (const Case& c : cases) {
    Status s = check_dh_public(g, c.y);
    EXPECT_FALSE(s.ok());
    EXPECT_EQ(s.error().rfind(c.reason, 0), 0u) << s.error();
    auto z = k->compute(c.y);
    EXPECT_FALSE(z.ok());
    EXPECT_EQ(z.error().rfind(c.reason, 0), 0u);
  }
  EXPECT_TRUE(check_dh_public(g, Bytes{2}).ok());
  EXPECT_TRUE(check_dh_public(g, pad_to(Bytes{2}, 256)).ok());  // padded encodings are values too
  Bytes pm2 = g.p;
  pm2.back() -= 2;
  EXPECT_TRUE(check_dh_public(g, pm2).ok());
}

TEST(Dh, PemRoundTripAndFile) {
  auto pem = dh_group_to_pem(sparse2049());
  ASSERT_TRUE(pem.ok()) << pem.error();
  EXPECT_NE(pem->find("-----BEGIN DH PARAMETERS-----"), std::string::npos);
  auto g = dh_group_from_pem(*pem);
  ASSERT_TRUE(g.ok()) << g.error();
  EXPECT_EQ(g->p, sparse2049().p);
  EXPECT_EQ(g->g, sparse2049().g);

  const std::string path = ::testing::TempDir() + "tlsc_dh_params.pem";
  { std::ofstream(path) << *dh_group_to_pem(ffdhe3072()); }
  auto f = dh_group_from_pem_file(path);
  std::remove(path.c_str());
  ASSERT_TRUE(f.ok()) << f.error();
  EXPECT_EQ(f->p, ffdhe3072().p);

  EXPECT_FALSE(dh_group_from_pem("not a pem").ok());
  EXPECT_FALSE(dh_group_from_pem_file("/nonexistent/x.pem").ok());
}

}  // namespace
}  // namespace tlsc::crypto

namespace tlsc::crypto {
namespace {

TEST(Dh, PeerGroupWithLeadingZeroInPKeepsItsRealLength) {
  DhGroup g = ffdhe2048();
  g.p.insert(g.p.begin(), 0x00);  // dh_p sent with a superfluous leading zero
  EXPECT_EQ(g.p_len(), 256u);
  Drbg d(8, "lz");
  auto a = DhKey::generate(g, d);
  auto b = DhKey::generate(ffdhe2048(), d);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->compute_padded(b->public_value())->size(), 256u);
  EXPECT_EQ(*a->compute(b->public_value()), *b->compute(a->public_value()));
}

}  // namespace
}  // namespace tlsc::crypto
