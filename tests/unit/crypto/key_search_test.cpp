#include "peers/crypto/key_search.h"

#include <gtest/gtest.h>

#include <cstdio>

#include "peers/crypto/octets.h"

namespace tlsc::crypto {
namespace {

constexpr uint64_t kMaxTries = 20000;  // 1 zero byte needs ~256 on average

void check_dh(const DhGroup& group, size_t zeros, uint64_t seed) {
  Drbg d(seed, "search-" + group.name);
  auto server = DhKey::generate(group, d);
  ASSERT_TRUE(server.ok());
  auto found = search_dh_private(group, server->public_value(), zeros, d, kMaxTries);
  ASSERT_TRUE(found.ok()) << found.error();
  EXPECT_GE(found->tries, 1u);
  std::printf("  %s: %llu tries\n", group.name.c_str(), static_cast<unsigned long long>(found->tries));
  EXPECT_LE(found->tries, kMaxTries);
  EXPECT_GE(leading_zero_bytes(found->z_padded), zeros);
  EXPECT_EQ(found->z_padded.size(), group.p_len());
  // The returned key really produces that Z, on both sides.
  EXPECT_EQ(*found->key.compute_padded(server->public_value()), found->z_padded);
  const Bytes server_z = *server->compute(found->key.public_value());
  EXPECT_EQ(server_z, strip_leading_zeros(found->z_padded));
  EXPECT_LE(server_z.size(), group.p_len() - zeros);
}

TEST(KeySearch, DhFfdhe2048OneZeroByte) { check_dh(ffdhe2048(), 1, 100); }

// sparse2049: the first of the 257 bytes is always zero, so ask for 2.
TEST(KeySearch, DhSparse2049TwoZeroBytes) { check_dh(sparse2049(), 2, 101); }

void check_ec(NamedGroup group, uint64_t seed) {
  Drbg d(seed, std::string("search-") + group_name(group));
  auto server = EcdhKey::generate(group, d);
  ASSERT_TRUE(server.ok());
  auto found = search_ec_private(group, server->public_value(), 1, d, kMaxTries);
  ASSERT_TRUE(found.ok()) << found.error();
  EXPECT_GE(found->tries, 1u);
  std::printf("  %s: %llu tries\n", group_name(group), static_cast<unsigned long long>(found->tries));
  EXPECT_EQ(found->shared.size(), ec_shared_len(group));
  EXPECT_EQ(found->shared[0], 0);
  EXPECT_EQ(*found->key.compute(server->public_value()), found->shared);
  EXPECT_EQ(*server->compute(found->key.public_value()), found->shared);
}

TEST(KeySearch, EcP256OneZeroByte) { check_ec(NamedGroup::secp256r1, 200); }
TEST(KeySearch, EcX25519OneZeroByte) { check_ec(NamedGroup::x25519, 201); }

TEST(KeySearch, DeterministicTries) {
  auto run = [] {
    Drbg d(77, "det");
    auto server = EcdhKey::generate(NamedGroup::secp256r1, d);
    return search_ec_private(NamedGroup::secp256r1, server->public_value(), 1, d, kMaxTries)->tries;
  };
  EXPECT_EQ(run(), run());
}

TEST(KeySearch, ReportsExhaustionAndBadPeers) {
  Drbg d(5, "fail");
  auto server = DhKey::generate(ffdhe2048(), d);
  auto r = search_dh_private(ffdhe2048(), server->public_value(), 8, d, 50);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().rfind("key_search_exhausted", 0), 0u);

  auto bad = search_dh_private(ffdhe2048(), Bytes{1}, 1, d, 50);
  EXPECT_EQ(bad.error().rfind("dh_peer_one", 0), 0u);

  auto ec = EcdhKey::generate(NamedGroup::secp384r1, d);
  auto e = search_ec_private(NamedGroup::secp384r1, ec->public_value(), 10, d, 50);
  EXPECT_EQ(e.error().rfind("key_search_exhausted", 0), 0u);
  auto ebad = search_ec_private(NamedGroup::secp384r1, Bytes(97, 0), 1, d, 50);
  EXPECT_EQ(ebad.error().rfind("ec_point_not_uncompressed", 0), 0u);
}

}  // namespace
}  // namespace tlsc::crypto
