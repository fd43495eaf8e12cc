#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "peers/crypto/drbg.h"
#include "peers/session/session_cache.h"
#include "session_test_util.h"

using namespace tlsc;
using namespace tlsc::session;
using tlsc::session::testing::FakeClock;
using tlsc::session::testing::sample_state;

namespace {

Bytes id_of(uint8_t n) { return Bytes(32, n); }

SessionState fresh(const FakeClock& clock, uint32_t lifetime = 100) {
  SessionState s = sample_state();
  s.created_at = *clock.now;
  s.lifetime = lifetime;
  return s;
}

}  // namespace

TEST(SessionCache, HitReturnsStoredStateKnownByItsId) {
  FakeClock clock;
  SessionCache cache(8, clock.clock());
  SessionState s = fresh(clock);
  s.session_id = hex("01");  // insert() replaces it with the key
  ASSERT_TRUE(cache.insert(id_of(1), s));
  auto hit = cache.lookup(id_of(1));
  ASSERT_TRUE(hit.has_value());
  s.session_id = id_of(1);
  EXPECT_EQ(*hit, s);
}

TEST(SessionCache, MissForUnknownId) {
  FakeClock clock;
  SessionCache cache(8, clock.clock());
  ASSERT_TRUE(cache.insert(id_of(1), fresh(clock)));
  EXPECT_FALSE(cache.lookup(id_of(2)).has_value());
  EXPECT_FALSE(cache.lookup({}).has_value());
  EXPECT_FALSE(cache.lookup(Bytes(31, 1)).has_value()) << "a prefix of a stored id must not match";
}

TEST(SessionCache, RejectsIdsThatCannotNameASession) {
  FakeClock clock;
  SessionCache cache(8, clock.clock());
  EXPECT_FALSE(cache.insert({}, fresh(clock)));
  EXPECT_FALSE(cache.insert(Bytes(33, 1), fresh(clock)));
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_TRUE(cache.insert(Bytes(1, 1), fresh(clock))) << "1..32 bytes is a valid id";
}

TEST(SessionCache, ExpiresByInjectedClock) {
  FakeClock clock;
  SessionCache cache(8, clock.clock());
  const uint64_t t0 = *clock.now;
  ASSERT_TRUE(cache.insert(id_of(1), fresh(clock, 100)));
  clock.set(t0 + 99);
  EXPECT_TRUE(cache.lookup(id_of(1)).has_value());
  clock.set(t0 + 100);
  EXPECT_FALSE(cache.lookup(id_of(1)).has_value());
  EXPECT_EQ(cache.size(), 0u) << "an expired entry is dropped on lookup";
  clock.set(t0);
  EXPECT_FALSE(cache.lookup(id_of(1)).has_value()) << "and stays gone if the clock goes back";
}

TEST(SessionCache, EvictsLeastRecentlyUsed) {
  FakeClock clock;
  SessionCache cache(2, clock.clock());
  ASSERT_TRUE(cache.insert(id_of(1), fresh(clock)));
  ASSERT_TRUE(cache.insert(id_of(2), fresh(clock)));
  ASSERT_TRUE(cache.lookup(id_of(1)).has_value());  // 1 is now the most recently used
  ASSERT_TRUE(cache.insert(id_of(3), fresh(clock)));
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_FALSE(cache.lookup(id_of(2)).has_value());
  EXPECT_TRUE(cache.lookup(id_of(1)).has_value());
  EXPECT_TRUE(cache.lookup(id_of(3)).has_value());
}

TEST(SessionCache, ReinsertReplacesAndRefreshes) {
  FakeClock clock;
  SessionCache cache(2, clock.clock());
  ASSERT_TRUE(cache.insert(id_of(1), fresh(clock)));
  ASSERT_TRUE(cache.insert(id_of(2), fresh(clock)));
  SessionState replaced = fresh(clock);
  replaced.cipher_suite = 0x1234;
  ASSERT_TRUE(cache.insert(id_of(1), replaced));  // refreshes 1: 2 is now least recent
  EXPECT_EQ(cache.size(), 2u);
  ASSERT_TRUE(cache.insert(id_of(3), fresh(clock)));
  EXPECT_FALSE(cache.lookup(id_of(2)).has_value());
  auto hit = cache.lookup(id_of(1));
  ASSERT_TRUE(hit.has_value());
  EXPECT_EQ(hit->cipher_suite, 0x1234);
}

TEST(SessionCache, EraseRemoves) {
  FakeClock clock;
  SessionCache cache(8, clock.clock());
  ASSERT_TRUE(cache.insert(id_of(1), fresh(clock)));
  EXPECT_TRUE(cache.erase(id_of(1)));
  EXPECT_FALSE(cache.erase(id_of(1)));
  EXPECT_FALSE(cache.lookup(id_of(1)).has_value());
  EXPECT_EQ(cache.size(), 0u);
}

TEST(SessionCache, DefaultCapacityAndZeroCapacity) {
  EXPECT_EQ(SessionCache().capacity(), 1024u);
  FakeClock clock;
  SessionCache off(0, clock.clock());
  EXPECT_FALSE(off.insert(id_of(1), fresh(clock)));
  EXPECT_FALSE(off.lookup(id_of(1)).has_value());
}

TEST(SessionCache, CapacityIsNeverExceeded) {
  FakeClock clock;
  SessionCache cache(1024, clock.clock());
  for (uint32_t i = 0; i < 1500; ++i) {
    Bytes id = {static_cast<uint8_t>(i >> 8), static_cast<uint8_t>(i)};
    ASSERT_TRUE(cache.insert(id, fresh(clock)));
  }
  EXPECT_EQ(cache.size(), 1024u);
  EXPECT_FALSE(cache.lookup(Bytes{0, 0}).has_value());
  EXPECT_TRUE(cache.lookup(Bytes{0x05, 0xdb}).has_value());  // 1499, the last one
}

TEST(SessionCache, NewSessionIdIs32DeterministicBytes) {
  crypto::Drbg a(42, "session-ids"), b(42, "session-ids"), c(43, "session-ids");
  const Bytes a1 = SessionCache::new_session_id(a);
  const Bytes a2 = SessionCache::new_session_id(a);
  EXPECT_EQ(a1.size(), 32u);
  EXPECT_NE(a1, a2);
  EXPECT_EQ(SessionCache::new_session_id(b), a1);
  EXPECT_NE(SessionCache::new_session_id(c), a1);
}

TEST(SessionCache, ConcurrentUseKeepsInvariants) {
  FakeClock clock;
  SessionCache cache(64, clock.clock());
  std::atomic<int> hits{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 500; ++i) {
        Bytes id = {static_cast<uint8_t>(t), static_cast<uint8_t>(i), static_cast<uint8_t>(i >> 8)};
        SessionState s = fresh(clock);
        s.cipher_suite = static_cast<uint16_t>(i);
        ASSERT_TRUE(cache.insert(id, s));
        auto got = cache.lookup(id);
        if (got) {
          ASSERT_EQ(got->cipher_suite, static_cast<uint16_t>(i));
          ++hits;
        }
        if (i % 7 == 0) cache.erase(id);
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_LE(cache.size(), 64u);
  EXPECT_GT(hits.load(), 0);
}
