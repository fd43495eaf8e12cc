#include <gtest/gtest.h>

#include <functional>
#include <stdexcept>
#include <vector>

#include "peers/session/session_state.h"
#include "peers/wire/writer.h"
#include "session_test_util.h"

using namespace tlsc;
using namespace tlsc::session;
using tlsc::session::testing::sample_state;

namespace {

// Re-serializes by hand, so a test can put a value serialize() refuses on the wire.
struct RawState {
  uint16_t format = kSessionStateFormat;
  uint8_t ems = 0;
  std::vector<Bytes> certs;
  Bytes session_id;
  Bytes build() const {
    wire::Writer w;
    w.u16(format);
    w.u16(0x0303);
    w.u16(0x002f);
    w.bytes(Bytes(kMasterSecretSize, 0x11));
    w.u8(ems);
    w.u8(0);
    w.prefixed24([&](wire::Writer& l) {
      for (const Bytes& c : certs) l.vec24(c);
    });
    w.vec16({});
    w.u64(5);
    w.u32(6);
    w.vec8(session_id);
    return w.take();
  }
};

}  // namespace

TEST(SessionState, RoundTripsEveryField) {
  const SessionState s = sample_state();
  auto parsed = parse_session_state(serialize(s));
  ASSERT_TRUE(parsed.ok()) << parsed.error();
  EXPECT_EQ(*parsed, s);
  // Field by field as well, so a failure names the field.
  EXPECT_EQ(parsed->version, 0x0303);
  EXPECT_EQ(parsed->cipher_suite, 0xc02f);
  EXPECT_EQ(parsed->master_secret, s.master_secret);
  EXPECT_TRUE(parsed->extended_master_secret);
  EXPECT_EQ(parsed->compression_method, 1);
  EXPECT_EQ(parsed->peer_certificates, s.peer_certificates);
  EXPECT_EQ(parsed->server_name, "iut.example");
  EXPECT_EQ(parsed->created_at, 1'700'000'000u);
  EXPECT_EQ(parsed->lifetime, 7200u);
  EXPECT_EQ(parsed->session_id, s.session_id);
}

TEST(SessionState, EachFieldIsCarried) {
  // Changing any single field must change the encoding and survive the round trip: catches a
  // serializer that drops or a parser that defaults a field.
  const std::vector<std::pair<const char*, std::function<void(SessionState&)>>> mutators = {
      {"version", [](SessionState& s) { s.version = 0x0301; }},
      {"cipher_suite", [](SessionState& s) { s.cipher_suite = 0x0035; }},
      {"master_secret", [](SessionState& s) { s.master_secret[47] ^= 1; }},
      {"extended_master_secret", [](SessionState& s) { s.extended_master_secret = false; }},
      {"compression_method", [](SessionState& s) { s.compression_method = 0; }},
      {"peer_certificates (empty)", [](SessionState& s) { s.peer_certificates.clear(); }},
      {"peer_certificates (content)", [](SessionState& s) { s.peer_certificates[1].back() ^= 1; }},
      {"server_name", [](SessionState& s) { s.server_name.clear(); }},
      {"created_at", [](SessionState& s) { s.created_at = UINT64_MAX; }},
      {"lifetime", [](SessionState& s) { s.lifetime = UINT32_MAX; }},
      {"session_id (empty)", [](SessionState& s) { s.session_id.clear(); }},
      {"session_id (1 byte)", [](SessionState& s) { s.session_id = {0x42}; }},
  };
  const Bytes base = serialize(sample_state());
  for (const auto& [name, mutate] : mutators) {
    SessionState s = sample_state();
    mutate(s);
    const Bytes enc = serialize(s);
    EXPECT_NE(enc, base) << name;
    auto parsed = parse_session_state(enc);
    ASSERT_TRUE(parsed.ok()) << name << ": " << parsed.error();
    EXPECT_EQ(*parsed, s) << name;
  }
}

TEST(SessionState, DefaultStateRoundTrips) {
  auto parsed = parse_session_state(serialize(SessionState{}));
  ASSERT_TRUE(parsed.ok()) << parsed.error();
  EXPECT_EQ(*parsed, SessionState{});
}

TEST(SessionState, EncodingStartsWithFormatVersion) {
  const Bytes enc = serialize(sample_state());
  ASSERT_GE(enc.size(), 6u);
  EXPECT_EQ(to_hex(ByteView(enc).first(6)), "00010303c02f");
}

TEST(SessionState, EveryTruncationFails) {
  const Bytes enc = serialize(sample_state());
  for (size_t n = 0; n < enc.size(); ++n) {
    auto parsed = parse_session_state(ByteView(enc).first(n));
    ASSERT_FALSE(parsed.ok()) << "prefix of " << n << " bytes parsed";
    EXPECT_TRUE(has_reason(parsed.error(), kSessionStateMalformed)) << parsed.error();
  }
}

TEST(SessionState, TrailingBytesRejected) {
  Bytes enc = serialize(sample_state());
  enc.push_back(0);
  auto parsed = parse_session_state(enc);
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.error().find("trailing"), std::string::npos) << parsed.error();
}

TEST(SessionState, HandBuiltBaselineParses) {
  // The RawState builder itself must produce a valid encoding, or the rejections below prove nothing.
  RawState raw;
  raw.certs = {hex("30")};
  raw.session_id = Bytes(32, 7);
  auto parsed = parse_session_state(raw.build());
  ASSERT_TRUE(parsed.ok()) << parsed.error();
  EXPECT_EQ(parsed->session_id.size(), 32u);
}

TEST(SessionState, RejectsUnknownFormat) {
  RawState raw;
  raw.format = 2;
  auto parsed = parse_session_state(raw.build());
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.error().find("unknown format"), std::string::npos) << parsed.error();
}

TEST(SessionState, RejectsNonBooleanEmsFlag) {
  RawState raw;
  raw.ems = 2;
  auto parsed = parse_session_state(raw.build());
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.error().find("extended_master_secret"), std::string::npos) << parsed.error();
}

TEST(SessionState, RejectsSessionIdOver32Bytes) {
  RawState raw;
  raw.session_id = Bytes(33, 7);
  auto parsed = parse_session_state(raw.build());
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.error().find("session_id"), std::string::npos) << parsed.error();
}

TEST(SessionState, RejectsEmptyCertificate) {
  RawState raw;
  raw.certs = {hex("30"), Bytes{}};
  auto parsed = parse_session_state(raw.build());
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.error().find("empty certificate"), std::string::npos) << parsed.error();
}

TEST(SessionState, SerializeRefusesUnrepresentableStates) {
  SessionState s = sample_state();
  s.session_id = Bytes(33, 1);
  EXPECT_THROW(serialize(s), std::invalid_argument);
  s = sample_state();
  s.peer_certificates.push_back({});
  EXPECT_THROW(serialize(s), std::invalid_argument);
  s = sample_state();
  s.server_name.assign(0x10000, 'a');
  EXPECT_THROW(serialize(s), std::invalid_argument);
}

TEST(SessionState, ExpiryBoundaries) {
  SessionState s;
  s.created_at = 1000;
  s.lifetime = 10;
  EXPECT_FALSE(s.expired_at(1000));
  EXPECT_FALSE(s.expired_at(1009));
  EXPECT_TRUE(s.expired_at(1010));
  EXPECT_TRUE(s.expired_at(UINT64_MAX));
  EXPECT_FALSE(s.expired_at(5)) << "a clock behind created_at is age 0";
  s.lifetime = 0;
  EXPECT_TRUE(s.expired_at(1000));
  EXPECT_TRUE(s.expired_at(5));
  s.created_at = UINT64_MAX - 1;
  s.lifetime = UINT32_MAX;
  EXPECT_FALSE(s.expired_at(UINT64_MAX)) << "created_at + lifetime must not overflow";
}

TEST(SessionState, HasReasonMatchesWholeTag) {
  EXPECT_TRUE(has_reason("ticket_expired: x", "ticket_expired"));
  EXPECT_TRUE(has_reason("ticket_expired", "ticket_expired"));
  EXPECT_FALSE(has_reason("ticket_expired_later: x", "ticket_expired"));
  EXPECT_FALSE(has_reason("ticket_auth_failed: x", "ticket_expired"));
  EXPECT_FALSE(has_reason("", "ticket_expired"));
}
