#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "peers/crypto/drbg.h"
#include "peers/session/ticket_sealer.h"
#include "session_test_util.h"

using namespace tlsc;
using namespace tlsc::session;
using tlsc::session::testing::FakeClock;
using tlsc::session::testing::sample_state;

namespace {

struct Fixture {
  FakeClock clock;
  crypto::Drbg keys{7, "ticket-keys"};
  crypto::Drbg nonces{7, "ticket-nonces"};
  TicketSealer sealer{keys, clock.clock()};
  Bytes seal(const SessionState& s = sample_state()) { return sealer.seal(s, nonces); }
};

void expect_reason(const crypto::Result<SessionState>& r, std::string_view tag, const std::string& what = "") {
  ASSERT_FALSE(r.ok()) << what << ": expected " << tag;
  EXPECT_TRUE(has_reason(r.error(), tag)) << what << ": got " << r.error() << ", expected " << tag;
}

}  // namespace

TEST(TicketSealer, RoundTrip) {
  Fixture f;
  const SessionState s = sample_state();
  const Bytes ticket = f.seal(s);
  EXPECT_EQ(ticket.size(), kTicketOverhead + serialize(s).size());
  EXPECT_TRUE(std::equal(ticket.begin(), ticket.begin() + kTicketKeyNameSize,
                         f.sealer.current_key_name().begin()))
      << "ticket starts with the key name";
  auto opened = f.sealer.open(ticket);
  ASSERT_TRUE(opened.ok()) << opened.error();
  EXPECT_EQ(*opened, s);
}

TEST(TicketSealer, MasterSecretIsNotInTheClear) {
  Fixture f;
  const SessionState s = sample_state();
  const Bytes ticket = f.seal(s);
  // Any 8-byte window of the master secret would show up if the state were sent unencrypted.
  auto hit = std::search(ticket.begin(), ticket.end(), s.master_secret.begin(), s.master_secret.begin() + 8);
  EXPECT_EQ(hit, ticket.end());
  const Bytes plain = serialize(s);
  EXPECT_EQ(std::search(ticket.begin(), ticket.end(), plain.begin() + 6, plain.begin() + 30), ticket.end());
}

TEST(TicketSealer, AnySingleBitFlipFailsWithTheRightReason) {
  Fixture f;
  const Bytes ticket = f.seal();
  ASSERT_TRUE(f.sealer.open(ticket).ok());
  for (size_t byte = 0; byte < ticket.size(); ++byte) {
    for (int bit = 0; bit < 8; ++bit) {
      Bytes bad = ticket;
      bad[byte] ^= static_cast<uint8_t>(1u << bit);
      const auto tag = byte < kTicketKeyNameSize ? kTicketUnknownKeyName : kTicketAuthFailed;
      expect_reason(f.sealer.open(bad), tag, "byte " + std::to_string(byte) + " bit " + std::to_string(bit));
    }
  }
}

TEST(TicketSealer, EveryTruncationFails) {
  Fixture f;
  const Bytes ticket = f.seal();
  for (size_t n = 0; n < ticket.size(); ++n) {
    const auto tag = n < kTicketOverhead ? kTicketTooShort : kTicketAuthFailed;
    expect_reason(f.sealer.open(ByteView(ticket).first(n)), tag, "length " + std::to_string(n));
  }
  Bytes longer = ticket;
  longer.push_back(0);
  expect_reason(f.sealer.open(longer), kTicketAuthFailed, "appended byte");
}

TEST(TicketSealer, EmptyAndShortTicketsFail) {
  Fixture f;
  expect_reason(f.sealer.open({}), kTicketTooShort, "empty");
  Bytes short_ticket = f.sealer.current_key_name();  // a known key name, nothing else
  short_ticket.resize(kTicketOverhead - 1, 0);
  expect_reason(f.sealer.open(short_ticket), kTicketTooShort, "43 bytes");
  short_ticket.push_back(0);  // 44 bytes, right key name, garbage tag over an empty state
  expect_reason(f.sealer.open(short_ticket), kTicketAuthFailed, "44 bytes");
}

TEST(TicketSealer, OtherSealersTicketHasUnknownKeyName) {
  Fixture f;
  FakeClock clock;
  crypto::Drbg other_keys(8, "ticket-keys");
  TicketSealer other(other_keys, clock.clock());
  const Bytes foreign = other.seal(sample_state(), f.nonces);
  ASSERT_TRUE(other.open(foreign).ok());
  expect_reason(f.sealer.open(foreign), kTicketUnknownKeyName, "foreign ticket");
}

TEST(TicketSealer, SameSeedsGiveIdenticalTickets) {
  FakeClock clock;
  crypto::Drbg k1(99, "k"), k2(99, "k"), n1(99, "n"), n2(99, "n"), n3(100, "n");
  TicketSealer a(k1, clock.clock()), b(k2, clock.clock());
  EXPECT_EQ(a.current_key_name(), b.current_key_name());
  const Bytes ta = a.seal(sample_state(), n1);
  const Bytes tb = b.seal(sample_state(), n2);
  EXPECT_EQ(ta, tb);
  EXPECT_EQ(a.seal(sample_state(), n1), b.seal(sample_state(), n2)) << "and the second seal too";
  EXPECT_NE(a.seal(sample_state(), n3), b.seal(sample_state(), n2)) << "other nonce seed";
  crypto::Drbg k3(100, "k");
  EXPECT_NE(TicketSealer(k3, clock.clock()).current_key_name(), a.current_key_name());
}

TEST(TicketSealer, ReplayedNonceStreamStillGivesFreshNonces) {
  Fixture f;
  crypto::Drbg n1 = f.nonces.fork("same"), n2 = f.nonces.fork("same");
  const Bytes t1 = f.sealer.seal(sample_state(), n1);
  const Bytes t2 = f.sealer.seal(sample_state(), n2);
  const ByteView nonce1 = ByteView(t1).subspan(kTicketKeyNameSize, kTicketNonceSize);
  const ByteView nonce2 = ByteView(t2).subspan(kTicketKeyNameSize, kTicketNonceSize);
  EXPECT_FALSE(std::equal(nonce1.begin(), nonce1.end(), nonce2.begin()))
      << "the per-key counter must keep GCM nonces unique";
  EXPECT_TRUE(f.sealer.open(t1).ok());
  EXPECT_TRUE(f.sealer.open(t2).ok());
}

TEST(TicketSealer, ExpiredTicketFails) {
  Fixture f;
  SessionState s = sample_state();
  s.created_at = *f.clock.now;
  s.lifetime = 60;
  const Bytes ticket = f.seal(s);
  f.clock.set(s.created_at + 59);
  EXPECT_TRUE(f.sealer.open(ticket).ok());
  f.clock.set(s.created_at + 60);
  expect_reason(f.sealer.open(ticket), kTicketExpired, "at lifetime");
}

TEST(TicketSealer, AuthenticGarbageIsMalformedState) {
  Fixture f;
  expect_reason(f.sealer.open(f.sealer.seal_raw(hex("0001"), f.nonces)), kTicketMalformedState, "2 bytes");
  expect_reason(f.sealer.open(f.sealer.seal_raw({}, f.nonces)), kTicketMalformedState, "empty state");
  Bytes trailing = serialize(sample_state());
  trailing.push_back(0);
  expect_reason(f.sealer.open(f.sealer.seal_raw(trailing, f.nonces)), kTicketMalformedState, "trailing");
  // And seal_raw of a valid encoding is exactly a normal ticket.
  auto ok = f.sealer.open(f.sealer.seal_raw(serialize(sample_state()), f.nonces));
  ASSERT_TRUE(ok.ok()) << ok.error();
  EXPECT_EQ(*ok, sample_state());
}

TEST(TicketSealer, RotationKeepsOnePreviousKey) {
  Fixture f;
  const Bytes old_ticket = f.seal();
  const Bytes old_name = f.sealer.current_key_name();
  f.sealer.rotate(f.keys);
  EXPECT_NE(f.sealer.current_key_name(), old_name);
  auto opened = f.sealer.open_detailed(old_ticket);
  ASSERT_TRUE(opened.ok()) << opened.error();
  EXPECT_TRUE(opened->sealed_with_previous_key);
  EXPECT_EQ(opened->state, sample_state());

  const Bytes new_ticket = f.seal();
  auto fresh = f.sealer.open_detailed(new_ticket);
  ASSERT_TRUE(fresh.ok()) << fresh.error();
  EXPECT_FALSE(fresh->sealed_with_previous_key);

  f.sealer.rotate(f.keys);
  expect_reason(f.sealer.open(old_ticket), kTicketUnknownKeyName, "two rotations back");
  EXPECT_TRUE(f.sealer.open(new_ticket).ok());
}

TEST(TicketSealer, SealRefusesUnrepresentableState) {
  Fixture f;
  SessionState s = sample_state();
  s.session_id = Bytes(33, 0);
  EXPECT_THROW(f.seal(s), std::invalid_argument);
}

// The fuzz target session_ticket_fuzz opens with a sealer built exactly like this; the seed
// corpus holds a ticket sealed by it, so the fuzzer starts past the key-name check.
namespace {
constexpr uint64_t kFuzzSeed = 0x5e55107;
constexpr uint64_t kFuzzNow = 1'700'000'000;
const std::filesystem::path kCorpus = std::filesystem::path(TLSC_SOURCE_DIR) / "tests/fuzz/corpus/session_ticket_fuzz";

Bytes read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return Bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}
}  // namespace

TEST(TicketSealer, FuzzSeedTicketStillOpens) {
  crypto::Drbg keys(kFuzzSeed, "session_ticket_fuzz/keys");
  TicketSealer sealer(keys, [] { return kFuzzNow; });
  const Bytes ticket = read_file(kCorpus / "ticket_full");
  ASSERT_FALSE(ticket.empty()) << "missing " << (kCorpus / "ticket_full");
  auto opened = sealer.open(ticket);
  EXPECT_TRUE(opened.ok()) << opened.error() << " (regenerate with --gtest_also_run_disabled_tests "
                           << "--gtest_filter=*WriteFuzzSeedCorpus)";
}

// Run once to (re)write the seed corpus: ./unit_session --gtest_also_run_disabled_tests
// --gtest_filter='*WriteFuzzSeedCorpus'
TEST(TicketSealer, DISABLED_WriteFuzzSeedCorpus) {
  crypto::Drbg keys(kFuzzSeed, "session_ticket_fuzz/keys");
  crypto::Drbg nonces(kFuzzSeed, "session_ticket_fuzz/nonces");
  TicketSealer sealer(keys, [] { return kFuzzNow; });
  std::filesystem::create_directories(kCorpus);
  auto write = [](const std::string& name, ByteView data) {
    std::ofstream out(kCorpus / name, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
    ASSERT_TRUE(out.good()) << name;
  };
  SessionState full = sample_state();
  full.created_at = kFuzzNow;
  SessionState minimal;
  minimal.created_at = kFuzzNow;
  minimal.lifetime = 1;
  const Bytes ticket = sealer.seal(full, nonces);
  write("ticket_full", ticket);
  write("ticket_minimal", sealer.seal(minimal, nonces));
  write("ticket_truncated_header", ByteView(ticket).first(kTicketOverhead - 1));
  write("ticket_truncated_body", ByteView(ticket).first(ticket.size() / 2));
  write("ticket_garbage_state", sealer.seal_raw(hex("0001ffff"), nonces));
  write("state_full", serialize(full));
  write("state_minimal", serialize(minimal));
}
