// The key-exchange and key-schedule quirks of both switchboards, engine vs engine: master secret
// forcing (RFC 7627 4), DHE premaster padding (RFC 5246 8.1.2), ECDHE premaster stripping
// (RFC 8422 5.10), the leading-zero key search, and invalid DH public values (RFC 7919 3/4).
// Where a quirk makes the two sides derive different keys, the peer's Finished does not open and
// the RFC-correct side's key-schedule oracle names what the other side did.
#include "engine_fixture.h"
#include "peers/crypto/dh.h"

namespace tlsc::engine::testing {
namespace {

const CipherSuite kDhe = CipherSuite::kTLS_DHE_RSA_WITH_AES_128_GCM_SHA256;
const CipherSuite kEcdhe = CipherSuite::kTLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;

void expect_complete(const Pair& p) {
  EXPECT_TRUE(p.client.handshake_complete) << p.client.describe();
  EXPECT_TRUE(p.server.handshake_complete) << p.server.describe();
  EXPECT_EQ(p.client.error, Error::kNone) << p.client.describe();
  EXPECT_EQ(p.server.error, Error::kNone) << p.server.describe();
  EXPECT_EQ(p.client.keylog, p.server.keylog) << "both sides derive the same master secret";
}

// The client's Finished (its first encrypted record) does not open at the server: the server
// aborts with bad_record_mac (RFC 5246 7.2.2) and its oracle explains the client's keys.
void expect_client_finished_rejected(const Pair& p, const std::string& master, const std::string& premaster) {
  EXPECT_FALSE(p.server.handshake_complete);
  EXPECT_EQ(p.server.error, Error::kBadRecordMac) << p.server.describe();
  EXPECT_EQ(p.server.our_alert(), AlertDescription::kBadRecordMac);
  EXPECT_TRUE(saw(p.server, "< change_cipher_spec"));
  EXPECT_FALSE(saw(p.server, "> finished")) << "the server never sends its Finished";
  EXPECT_EQ(p.client.error, Error::kPeerAlert) << p.client.describe();
  EXPECT_EQ(p.client.peer_alert(), AlertDescription::kBadRecordMac);
  EXPECT_TRUE(saw(p.client, "> finished"));
  EXPECT_NE(p.client.keylog, p.server.keylog);
  ASSERT_TRUE(p.server.oracle.has_value()) << p.server.describe();
  EXPECT_EQ(p.server.oracle->master_secret, master);
  EXPECT_EQ(p.server.oracle->premaster, premaster);
  EXPECT_FALSE(p.client.oracle.has_value()) << "the client never saw the server's Finished";
}

ServerConfig sparse_server() {
  auto s = server_config();
  s.dh_group = crypto::sparse2049();
  return s;
}

// ------------------------------------------------------------------ ForceMasterSecret
TEST(ClientQuirk, ForceMasterSecretStandardWhileEmsIsNegotiated) {
  auto c = with_suite(client_config(), kEcdhe);
  c.quirks.ForceMasterSecret = MasterSecretMode::kStandard;
  auto p = run_pair(c, server_config());
  EXPECT_TRUE(p.client.ems_echoed) << "EMS was negotiated";
  EXPECT_EQ(p.client.master_secret_variant, "standard");
  EXPECT_EQ(p.server.master_secret_variant, "extended");
  // RFC 7627 4/5.2: both sides MUST use the extended master secret once negotiated.
  expect_client_finished_rejected(p, "standard", "fixed");
  EXPECT_EQ(p.server.oracle->summary, "the client used the standard master secret over the fixed x25519 premaster");
}

TEST(ClientQuirk, ForceMasterSecretExtendedWithoutEms) {
  auto c = with_suite(client_config(), kEcdhe);
  c.quirks.OmitEms = true;
  c.quirks.ForceMasterSecret = MasterSecretMode::kExtended;
  auto p = run_pair(c, server_config());
  EXPECT_FALSE(p.server.ems_offered);
  EXPECT_EQ(p.client.master_secret_variant, "extended");
  EXPECT_EQ(p.server.master_secret_variant, "standard");
  expect_client_finished_rejected(p, "extended", "fixed");
}

TEST(ClientQuirk, ForceMasterSecretNegotiatedIsTheDefault) {
  EXPECT_EQ(ClientQuirks{}.ForceMasterSecret, MasterSecretMode::kNegotiated);
  auto c = with_suite(client_config(), kEcdhe);
  c.quirks.ForceMasterSecret = MasterSecretMode::kExtended;  // what EMS negotiates anyway
  expect_complete(run_pair(c, server_config()));
}

TEST(ServerQuirk, ForceMasterSecretStandardWhileEmsIsNegotiated) {
  auto s = server_config();
  s.quirks.ForceMasterSecret = MasterSecretMode::kStandard;
  auto p = run_pair(with_suite(client_config(), kEcdhe), s);
  EXPECT_TRUE(p.client.ems_echoed);
  EXPECT_EQ(p.server.master_secret_variant, "standard");
  EXPECT_EQ(p.client.master_secret_variant, "extended");
  // The client sends its Finished first, so the server's oracle explains the CLIENT's keys: the
  // correct ones, which differ from the server's own.
  expect_client_finished_rejected(p, "extended", "fixed");
}

TEST(ServerQuirk, ForceMasterSecretExtendedWithoutEms) {
  auto c = with_suite(client_config(), kEcdhe);
  c.quirks.OmitEms = true;
  auto s = server_config();
  s.quirks.ForceMasterSecret = MasterSecretMode::kExtended;
  auto p = run_pair(c, s);
  EXPECT_EQ(p.server.master_secret_variant, "extended");
  EXPECT_EQ(p.client.master_secret_variant, "standard");
  expect_client_finished_rejected(p, "standard", "fixed");
}

// ------------------------------------------------------------------ DHE premaster padding
TEST(ClientQuirk, PadDhePremasterWithLeadingZeroIsNamedByTheServer) {
  auto c = with_suite(client_config(), kDhe);
  c.quirks.PadDhePremaster = true;
  c.quirks.ForceLeadingZeroBytes = 1;  // ffdhe2048: Z at |p| starts with 0x00, so padded != stripped
  auto p = run_pair(c, server_config());
  EXPECT_GE(p.client.premaster_leading_zeros, 1u);
  EXPECT_EQ(p.client.premaster_form, "padded");
  EXPECT_EQ(p.server.premaster_form, "stripped") << "RFC 5246 8.1.2: leading zero bytes are stripped";
  expect_client_finished_rejected(p, "extended", "padded");
}

TEST(ClientQuirk, PadDhePremasterIsInvisibleWithoutLeadingZero) {
  auto c = with_suite(client_config(), kDhe);
  c.quirks.PadDhePremaster = true;
  auto p = run_pair(c, server_config());
  ASSERT_EQ(p.client.premaster_leading_zeros, 0u) << "this seed gives a Z without a leading zero byte";
  EXPECT_EQ(p.client.premaster_form, "padded");
  expect_complete(p);  // Z at |p| length is Z stripped: the bug does not show
}

TEST(ServerQuirk, PadDhePremasterFailsTheClientsCorrectFinished) {
  auto s = sparse_server();  // |p| = 257 bytes: Z padded always starts with 0x00
  s.quirks.PadDhePremaster = true;
  auto p = run_pair(with_suite(client_config(), kDhe), s);
  EXPECT_EQ(p.server.group, "sparse2049");
  EXPECT_EQ(p.server.premaster_form, "padded");
  EXPECT_EQ(p.client.premaster_form, "stripped");
  EXPECT_GE(p.server.premaster_leading_zeros, 1u);
  // The oracle names what the client used: the correct stripped premaster, extended secret.
  expect_client_finished_rejected(p, "extended", "stripped");
  EXPECT_EQ(p.server.oracle->summary,
            "the client used the extended master secret over the stripped sparse2049 premaster");
}

// ------------------------------------------------------------------ ECDHE premaster stripping
class EcGroups : public ::testing::TestWithParam<uint16_t> {};

TEST_P(EcGroups, ClientStripEcdhePremasterWithLeadingZeroIsNamedByTheServer) {
  auto c = with_suite(client_config(), kEcdhe);
  c.groups = {NamedGroup{GetParam()}};
  c.quirks.StripEcdhePremaster = true;
  c.quirks.ForceLeadingZeroBytes = 1;
  auto p = run_pair(c, server_config());
  EXPECT_EQ(p.client.group, NamedGroup{GetParam()}.name());
  EXPECT_GE(p.client.premaster_leading_zeros, 1u);
  EXPECT_EQ(p.server.premaster_leading_zeros, p.client.premaster_leading_zeros);
  EXPECT_EQ(p.client.premaster_form, "stripped");
  EXPECT_EQ(p.server.premaster_form, "fixed") << "RFC 8422 5.10: the x-coordinate at its full length";
  expect_client_finished_rejected(p, "extended", "stripped");
}

TEST_P(EcGroups, ServerStripEcdhePremasterFailsTheClientsCorrectFinished) {
  auto c = with_suite(client_config(), kEcdhe);
  c.groups = {NamedGroup{GetParam()}};
  c.quirks.ForceLeadingZeroBytes = 1;  // the shared secret needs a leading zero for the bug to show
  auto s = server_config();
  s.quirks.StripEcdhePremaster = true;
  auto p = run_pair(c, s);
  EXPECT_EQ(p.server.premaster_form, "stripped");
  EXPECT_EQ(p.client.premaster_form, "fixed");
  expect_client_finished_rejected(p, "extended", "fixed");
}

INSTANTIATE_TEST_SUITE_P(Groups, EcGroups, ::testing::Values(NamedGroup::kX25519.value, NamedGroup::kSecp256r1.value),
                         [](const auto& info) { return info.param == NamedGroup::kX25519.value ? "x25519" : "p256"; });

TEST(ClientQuirk, StripEcdhePremasterIsInvisibleWithoutLeadingZero) {
  auto c = with_suite(client_config(), kEcdhe);
  c.quirks.StripEcdhePremaster = true;
  auto p = run_pair(c, server_config());
  ASSERT_EQ(p.client.premaster_leading_zeros, 0u) << "this seed gives a shared secret without a leading zero";
  EXPECT_EQ(p.client.premaster_form, "stripped");
  expect_complete(p);
}

// ------------------------------------------------------------------ leading-zero key search
TEST(ClientQuirk, ForceLeadingZeroBytesFfdhe2048) {
  auto plain = run_pair(with_suite(client_config(), kDhe), server_config());
  expect_complete(plain);
  EXPECT_EQ(plain.client.key_search_tries, 1u) << "without the quirk one key is drawn";

  auto c = with_suite(client_config(), kDhe);
  c.quirks.ForceLeadingZeroBytes = 1;
  auto p = run_pair(c, server_config());
  expect_complete(p);  // a correct client strips the zero byte, as does the server
  EXPECT_EQ(p.client.group, "ffdhe2048");
  EXPECT_GE(p.client.premaster_leading_zeros, 1u);
  EXPECT_EQ(p.server.premaster_leading_zeros, p.client.premaster_leading_zeros);
  EXPECT_GT(p.client.key_search_tries, 1u);
  EXPECT_EQ(p.client.premaster_form, "stripped");
  EXPECT_EQ(p.server.premaster_form, "stripped");
}

// The control run of a leading-zero scenario: P-521's shared secret starts with a zero byte about
// every other handshake; with the quirk, no seed gives one.
TEST(ClientQuirk, AvoidLeadingZeroBytesDrawsUntilTheSecretHasNone) {
  int zero_without = 0;
  for (uint64_t seed = 1; seed <= 16; ++seed) {
    auto c = with_suite(client_config(), kEcdhe);
    c.groups = {NamedGroup::kSecp521r1};
    c.seed = seed;
    auto plain = run_pair(c, server_config());
    expect_complete(plain);
    zero_without += plain.client.premaster_leading_zeros > 0;
    c.quirks.AvoidLeadingZeroBytes = true;
    c.quirks.StripEcdhePremaster = true;  // would break the handshake if a zero byte were left
    auto p = run_pair(c, server_config());
    expect_complete(p);
    EXPECT_EQ(p.client.premaster_leading_zeros, 0u) << "seed " << seed;
  }
  EXPECT_GT(zero_without, 0) << "16 plain P-521 handshakes should include a leading zero byte";
  auto d = with_suite(client_config(), kDhe);
  d.quirks.AvoidLeadingZeroBytes = true;
  auto p = run_pair(d, server_config());
  expect_complete(p);
  EXPECT_EQ(p.client.premaster_leading_zeros, 0u);
}

TEST(ClientQuirk, MaxKeySearchTriesBoundsTheSearchExactly) {
  auto c = with_suite(client_config(), kEcdhe);
  c.groups = {NamedGroup::kX25519};
  c.quirks.ForceLeadingZeroBytes = 1;
  auto found = run_pair(c, server_config());
  expect_complete(found);
  const uint64_t needed = found.client.key_search_tries;
  ASSERT_GT(needed, 1u);
  EXPECT_LE(needed, ClientQuirks{}.MaxKeySearchTries);

  // The same seed draws the same candidates: a bound of exactly `needed` still finds the key ...
  c.quirks.MaxKeySearchTries = needed;
  auto exact = run_pair(c, server_config());
  expect_complete(exact);
  EXPECT_EQ(exact.client.key_search_tries, needed);

  // ... one less exhausts the search: the client gives up with handshake_failure.
  c.quirks.MaxKeySearchTries = needed - 1;
  auto p = run_pair(c, server_config());
  EXPECT_EQ(p.client.error, Error::kKeySearchExhausted) << p.client.describe();
  EXPECT_EQ(p.client.our_alert(), AlertDescription::kHandshakeFailure);
  EXPECT_FALSE(saw(p.client, "> client_key_exchange"));
  EXPECT_EQ(p.server.error, Error::kPeerAlert);
  EXPECT_EQ(p.server.peer_alert(), AlertDescription::kHandshakeFailure);
}

// ------------------------------------------------------------------ DH public values
Bytes p_minus_one(Bytes p) {
  p.back() -= 1;  // p is odd
  return p;
}

struct BadForm {
  PublicValueForm form;
  const char* name;
};

void PrintTo(const BadForm& f, std::ostream* os) { *os << f.name; }

class InvalidDhPublic : public ::testing::TestWithParam<BadForm> {
 protected:
  Bytes expected_on_wire(const Bytes& p) const {
    switch (GetParam().form) {
      case PublicValueForm::kZero: return Bytes{0};
      case PublicValueForm::kOne: return Bytes{1};
      case PublicValueForm::kPMinusOne: return p_minus_one(p);
      case PublicValueForm::kP: return p;
      default: return {};
    }
  }
};

TEST_P(InvalidDhPublic, ClientYcIsRejectedByTheServer) {
  auto c = with_suite(client_config(), kDhe);
  c.quirks.DhePublicValue = GetParam().form;
  auto p = run_pair(c, server_config());
  auto cke = parse_sent<msg::ClientKeyExchange>(p.client.bytes_sent, msg::KeyExchange::kDhe);
  ASSERT_TRUE(cke);
  EXPECT_EQ(cke->exchange, expected_on_wire(crypto::ffdhe2048().p));
  // RFC 7919 4: the server MUST verify 1 < Yc < p-1 and abort with handshake_failure.
  EXPECT_EQ(p.server.error, Error::kBadDhPublic) << p.server.describe();
  EXPECT_EQ(p.server.our_alert(), AlertDescription::kHandshakeFailure);
  EXPECT_FALSE(saw(p.server, "< change_cipher_spec")) << "it aborts right after ClientKeyExchange";
  EXPECT_EQ(p.client.error, Error::kPeerAlert);
  EXPECT_EQ(p.client.peer_alert(), AlertDescription::kHandshakeFailure);
}

TEST_P(InvalidDhPublic, ServerYsIsRejectedByTheClient) {
  auto s = server_config();
  s.quirks.DhePublicValue = GetParam().form;
  auto p = run_pair(with_suite(client_config(), kDhe), s);
  auto ske = parse_sent<msg::ServerKeyExchange>(p.server.bytes_sent, ProtocolVersion::kTls12, msg::KeyExchange::kDhe);
  ASSERT_TRUE(ske);
  EXPECT_EQ(ske->dh_ys, expected_on_wire(crypto::ffdhe2048().p));
  // RFC 7919 3: the client MUST verify 1 < Ys < p-1 and abort with handshake_failure.
  EXPECT_EQ(p.client.error, Error::kBadDhPublic) << p.client.describe();
  EXPECT_EQ(p.client.our_alert(), AlertDescription::kHandshakeFailure);
  EXPECT_FALSE(saw(p.client, "> client_key_exchange"));
  EXPECT_EQ(p.server.error, Error::kPeerAlert);
  EXPECT_EQ(p.server.peer_alert(), AlertDescription::kHandshakeFailure);
}

INSTANTIATE_TEST_SUITE_P(Forms, InvalidDhPublic,
                         ::testing::Values(BadForm{PublicValueForm::kZero, "zero"}, BadForm{PublicValueForm::kOne, "one"},
                                           BadForm{PublicValueForm::kPMinusOne, "p_minus_one"},
                                           BadForm{PublicValueForm::kP, "p"}),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(ClientQuirk, DhePublicValuePaddedIsAccepted) {
  // sparse2049: |p| = 257 bytes while Yc < 2^2048, so the minimal Yc is at most 256 bytes and
  // the padded one starts with a zero byte.
  auto minimal = run_pair(with_suite(client_config(), kDhe), sparse_server());
  expect_complete(minimal);
  auto cke = parse_sent<msg::ClientKeyExchange>(minimal.client.bytes_sent, msg::KeyExchange::kDhe);
  ASSERT_TRUE(cke);
  EXPECT_LE(cke->exchange.size(), 256u);
  EXPECT_NE(cke->exchange.front(), 0) << "RFC 5246 7.4.7.2 / 8.1.2: the usual form has no leading zeros";

  auto c = with_suite(client_config(), kDhe);
  c.quirks.DhePublicValue = PublicValueForm::kPadded;
  auto p = run_pair(c, sparse_server());
  cke = parse_sent<msg::ClientKeyExchange>(p.client.bytes_sent, msg::KeyExchange::kDhe);
  ASSERT_TRUE(cke);
  EXPECT_EQ(cke->exchange.size(), 257u);
  EXPECT_EQ(cke->exchange.front(), 0);
  expect_complete(p);  // a padded value is still 1 < Yc < p-1
}

TEST(ServerQuirk, DhePublicValuePaddedIsAccepted) {
  auto s = sparse_server();
  s.quirks.DhePublicValue = PublicValueForm::kPadded;
  auto p = run_pair(with_suite(client_config(), kDhe), s);
  auto ske = parse_sent<msg::ServerKeyExchange>(p.server.bytes_sent, ProtocolVersion::kTls12, msg::KeyExchange::kDhe);
  ASSERT_TRUE(ske);
  EXPECT_EQ(ske->dh_ys.size(), 257u);
  EXPECT_EQ(ske->dh_ys.front(), 0);
  expect_complete(p);

  auto minimal = run_pair(with_suite(client_config(), kDhe), sparse_server());
  ske = parse_sent<msg::ServerKeyExchange>(minimal.server.bytes_sent, ProtocolVersion::kTls12, msg::KeyExchange::kDhe);
  ASSERT_TRUE(ske);
  EXPECT_LE(ske->dh_ys.size(), 256u);
  EXPECT_NE(ske->dh_ys.front(), 0);
}

// ------------------------------------------------------------------ short DH public values
// ffdhe2048: |p| = 256 bytes and a public value almost always fills them; the quirk draws keys
// until it does not, so the minimal encoding is short and the padded one starts with 0x00.
TEST(ClientQuirk, ForceShortDhePublicValue) {
  auto plain = run_pair(with_suite(client_config(), kDhe), server_config());
  auto cke = parse_sent<msg::ClientKeyExchange>(plain.client.bytes_sent, msg::KeyExchange::kDhe);
  ASSERT_TRUE(cke);
  EXPECT_EQ(cke->exchange.size(), 256u) << "by default Yc fills |p| (this seed)";

  auto c = with_suite(client_config(), kDhe);
  c.quirks.ForceShortDhePublicValue = true;
  auto p = run_pair(c, server_config());
  expect_complete(p);  // a short Yc is a valid Yc (RFC 5246 7.4.7.2: no leading zeros needed)
  cke = parse_sent<msg::ClientKeyExchange>(p.client.bytes_sent, msg::KeyExchange::kDhe);
  ASSERT_TRUE(cke);
  EXPECT_LT(cke->exchange.size(), 256u);
  EXPECT_NE(cke->exchange.front(), 0);

  c.quirks.DhePublicValue = PublicValueForm::kPadded;
  p = run_pair(c, server_config());
  expect_complete(p);  // padded to |p|: still 1 < Yc < p-1
  cke = parse_sent<msg::ClientKeyExchange>(p.client.bytes_sent, msg::KeyExchange::kDhe);
  ASSERT_TRUE(cke);
  EXPECT_EQ(cke->exchange.size(), 256u);
  EXPECT_EQ(cke->exchange.front(), 0);
}

TEST(ServerQuirk, ForceShortDhePublicValue) {
  auto plain = run_pair(with_suite(client_config(), kDhe), server_config());
  auto ske = parse_sent<msg::ServerKeyExchange>(plain.server.bytes_sent, ProtocolVersion::kTls12, msg::KeyExchange::kDhe);
  ASSERT_TRUE(ske);
  EXPECT_EQ(ske->dh_ys.size(), 256u) << "by default Ys fills |p| (this seed)";

  auto s = server_config();
  s.quirks.ForceShortDhePublicValue = true;
  auto p = run_pair(with_suite(client_config(), kDhe), s);
  expect_complete(p);
  ske = parse_sent<msg::ServerKeyExchange>(p.server.bytes_sent, ProtocolVersion::kTls12, msg::KeyExchange::kDhe);
  ASSERT_TRUE(ske);
  EXPECT_LT(ske->dh_ys.size(), 256u);
  EXPECT_NE(ske->dh_ys.front(), 0);

  s.quirks.DhePublicValue = PublicValueForm::kPadded;
  p = run_pair(with_suite(client_config(), kDhe), s);
  expect_complete(p);
  ske = parse_sent<msg::ServerKeyExchange>(p.server.bytes_sent, ProtocolVersion::kTls12, msg::KeyExchange::kDhe);
  ASSERT_TRUE(ske);
  EXPECT_EQ(ske->dh_ys.size(), 256u);
  EXPECT_EQ(ske->dh_ys.front(), 0);
}

}  // namespace
}  // namespace tlsc::engine::testing
