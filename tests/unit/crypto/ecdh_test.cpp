#include "peers/crypto/ecdh.h"

#include <gtest/gtest.h>

#include "peers/crypto/octets.h"

namespace tlsc::crypto {
namespace {

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

TEST(EcGroups, Codepoints) {
  EXPECT_EQ(ec_group_from_codepoint(23), NamedGroup::secp256r1);
  EXPECT_EQ(ec_group_from_codepoint(24), NamedGroup::secp384r1);
  EXPECT_EQ(ec_group_from_codepoint(25), NamedGroup::secp521r1);
  EXPECT_EQ(ec_group_from_codepoint(29), NamedGroup::x25519);
  EXPECT_FALSE(ec_group_from_codepoint(30).has_value());
  EXPECT_FALSE(ec_group_from_codepoint(256).has_value());
  EXPECT_EQ(ec_public_len(NamedGroup::secp521r1), 133u);
  EXPECT_EQ(ec_public_len(NamedGroup::x25519), 32u);
}

class EcdhAgreement : public ::testing::TestWithParam<NamedGroup> {};

TEST_P(EcdhAgreement, BothSidesAgreeAtFixedLength) {
  const NamedGroup g = GetParam();
  Drbg d(3, group_name(g));
  auto a = EcdhKey::generate(g, d);
  auto b = EcdhKey::generate(g, d);
  ASSERT_TRUE(a.ok()) << a.error();
  ASSERT_TRUE(b.ok()) << b.error();
  EXPECT_EQ(a->public_value().size(), ec_public_len(g));
  if (g != NamedGroup::x25519) {
    EXPECT_EQ(a->public_value()[0], 0x04);
  }
  auto za = a->compute(b->public_value());
  auto zb = b->compute(a->public_value());
  ASSERT_TRUE(za.ok()) << za.error();
  ASSERT_TRUE(zb.ok()) << zb.error();
  EXPECT_EQ(*za, *zb);
  EXPECT_EQ(za->size(), ec_shared_len(g));

  // Replays from the same seed; an explicit private key reproduces the public value.
  Drbg d2(3, group_name(g));
  EXPECT_EQ(EcdhKey::generate(g, d2)->public_value(), a->public_value());
  auto a2 = EcdhKey::from_private(g, a->private_value());
  ASSERT_TRUE(a2.ok()) << a2.error();
  EXPECT_EQ(a2->public_value(), a->public_value());
}

INSTANTIATE_TEST_SUITE_P(Groups, EcdhAgreement,
                         ::testing::Values(NamedGroup::secp256r1, NamedGroup::secp384r1, NamedGroup::secp521r1,
                                           NamedGroup::x25519));

TEST(Ecdh, RejectsInvalidNistPoints) {
  Drbg d(9, "bad");
  auto k = EcdhKey::generate(NamedGroup::secp256r1, d);
  auto peer = EcdhKey::generate(NamedGroup::secp256r1, d);
  const Bytes good = peer->public_value();

  Bytes off_curve = good;
  off_curve.back() ^= 0x01;
  Bytes compressed(good.begin(), good.begin() + 33);
  compressed[0] = static_cast<uint8_t>(0x02 | (good.back() & 1));
  Bytes compressed_padded = good;
  compressed_padded[0] = 0x02;
  Bytes x_too_big = good;
  std::fill(x_too_big.begin() + 1, x_too_big.begin() + 33, 0xff);  // X >= field prime
  Bytes zero_point(65, 0);
  zero_point[0] = 0x04;
  Bytes p384_point = EcdhKey::generate(NamedGroup::secp384r1, d)->public_value();

  struct Case {
    Bytes pub;
    const char* reason;
  } cases[] = {
      {{}, "ec_point_wrong_length"},
      {Bytes{0x00}, "ec_point_wrong_length"},  // the point at infinity encoding
      {compressed, "ec_point_wrong_length"},
      {Bytes(good.begin(), good.end() - 1), "ec_point_wrong_length"},
      {p384_point, "ec_point_wrong_length"},
      {compressed_padded, "ec_point_not_uncompressed"},
      {off_curve, "ec_point_not_on_curve"},
      {x_too_big, "ec_point_not_on_curve"},
      {zero_point, "ec_point_not_on_curve"},
  };
  for (const Case& c : cases) {
    Status s = check_ec_public(NamedGroup::secp256r1, c.pub);
    EXPECT_FALSE(s.ok()) << to_hex(c.pub);
    EXPECT_TRUE(starts_with(s.error(), c.reason)) << s.error();
    auto z = k->compute(c.pub);
    EXPECT_FALSE(z.ok());
    EXPECT_TRUE(starts_with(z.error(), c.reason)) << z.error();
  }
  EXPECT_TRUE(check_ec_public(NamedGroup::secp256r1, good).ok());
}

TEST(Ecdh, RejectsX25519LowOrderAndWrongLength) {
  Drbg d(9, "x25519-bad");
  auto k = EcdhKey::generate(NamedGroup::x25519, d);
  ASSERT_TRUE(k.ok());
  Bytes zero(32, 0), one(32, 0);
  one[0] = 1;  // little-endian u = 1: a low-order point
  for (const Bytes& u : {zero, one}) {
    auto z = k->compute(u);
    EXPECT_FALSE(z.ok());
    EXPECT_TRUE(starts_with(z.error(), "ec_x25519_zero_shared")) << z.error();
  }
  auto z = k->compute(Bytes(31, 9));
  EXPECT_FALSE(z.ok());
  EXPECT_TRUE(starts_with(z.error(), "ec_point_wrong_length")) << z.error();
  EXPECT_FALSE(EcdhKey::from_private(NamedGroup::x25519, Bytes(31, 1)).ok());
}

TEST(Ecdh, RejectsBadPrivateScalars) {
  EXPECT_FALSE(EcdhKey::from_private(NamedGroup::secp256r1, Bytes(32, 0)).ok());
  EXPECT_FALSE(EcdhKey::from_private(NamedGroup::secp256r1, Bytes(32, 0xff)).ok());  // >= order
  EXPECT_TRUE(EcdhKey::from_private(NamedGroup::secp256r1, Bytes{1}).ok());
  EXPECT_FALSE(EcdhKey::from_private(NamedGroup::ffdhe2048, Bytes{1}).ok());
}

TEST(Ecdh, ScalarOneGivesGeneratorAndKnownSharedX) {
  // d = 1: public = G; then the shared secret with peer key d' = 1 is G's x-coordinate
  // (SEC 2, 2.4.2 generator of secp256r1).
  auto one = EcdhKey::from_private(NamedGroup::secp256r1, Bytes{1});
  ASSERT_TRUE(one.ok());
  const std::string gx = "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296";
  EXPECT_EQ(to_hex(one->public_value()).substr(0, 66), "04" + gx);
  EXPECT_EQ(to_hex(*one->compute(one->public_value())), gx);
}

}  // namespace
}  // namespace tlsc::crypto
