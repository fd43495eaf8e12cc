// The key-schedule oracle (peers/engine/oracle.h), end to end: a client that uses the DHE shared
// secret padded to |p| as its premaster (RFC 5246 8.1.2 says: strip leading zero bytes) is named
// as such by our server in ONE handshake, together with the master secret it derived, with the
// extended master secret negotiated and without it.
//
// The server's group is sparse2049: |p| = 257 bytes while every shared secret is below 2^2048, so
// the padded premaster always starts with a zero byte and differs from the stripped one — the bug
// shows on every handshake, with no key search.
#include "engine_fixture.h"
#include "peers/crypto/dh.h"

namespace tlsc::engine::testing {
namespace {

struct OracleCase {
  const char* name;
  bool ems;
  ProtocolVersion version;
  CipherSuite suite;
  const char* master_secret;  // what the oracle must name
};

void PrintTo(const OracleCase& c, std::ostream* os) { *os << c.name; }

class PaddedDhePremasterOracle : public ::testing::TestWithParam<OracleCase> {};

TEST_P(PaddedDhePremasterOracle, OneHandshakeNamesTheClientsPaddedPremaster) {
  const auto& tc = GetParam();
  auto c = with_suite(client_config(), tc.suite);
  c.max_version = tc.version;
  c.quirks.PadDhePremaster = true;
  c.quirks.OmitEms = !tc.ems;
  auto s = server_config();
  s.dh_group = crypto::sparse2049();

  const Pair p = run_pair(c, s);  // the one handshake

  // What each side really used.
  EXPECT_EQ(p.client.premaster_form, "padded");
  EXPECT_EQ(p.server.premaster_form, "stripped");
  EXPECT_EQ(p.server.group, "sparse2049");
  EXPECT_EQ(p.client.premaster_leading_zeros, 1u) << "Z < 2^2048 written at 257 bytes";
  EXPECT_EQ(p.server.ems_offered, tc.ems);
  EXPECT_EQ(p.client.master_secret_variant, tc.master_secret);
  EXPECT_EQ(p.server.master_secret_variant, tc.master_secret);

  // The server could not open the client's Finished and aborted with bad_record_mac ...
  EXPECT_EQ(p.server.error, Error::kBadRecordMac) << p.server.describe();
  EXPECT_EQ(p.server.our_alert(), AlertDescription::kBadRecordMac);
  EXPECT_EQ(p.client.peer_alert(), AlertDescription::kBadRecordMac);
  EXPECT_EQ(p.server.handshakes, 0);

  // ... and its oracle found the key schedule that does open it.
  ASSERT_TRUE(p.server.oracle.has_value()) << p.server.describe();
  EXPECT_EQ(p.server.oracle->premaster, "padded");
  EXPECT_EQ(p.server.oracle->master_secret, tc.master_secret);
  EXPECT_EQ(p.server.oracle->summary, std::string("the client used the ") + tc.master_secret +
                                          " master secret over the padded sparse2049 premaster");

  // The finding is the truth: the client's key-log line is the master secret derived from the
  // padded premaster, which differs from what the server derived.
  ASSERT_EQ(p.client.keylog.size(), 1u);
  ASSERT_EQ(p.server.keylog.size(), 1u);
  EXPECT_NE(p.client.keylog, p.server.keylog);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, PaddedDhePremasterOracle,
    ::testing::Values(
        OracleCase{"EmsOn", true, ProtocolVersion::kTls12, CipherSuite::kTLS_DHE_RSA_WITH_AES_128_GCM_SHA256, "extended"},
        OracleCase{"EmsOff", false, ProtocolVersion::kTls12, CipherSuite::kTLS_DHE_RSA_WITH_AES_128_GCM_SHA256, "standard"},
        OracleCase{"EmsOnTls10Cbc", true, ProtocolVersion::kTls10, CipherSuite::kTLS_DHE_RSA_WITH_AES_128_CBC_SHA, "extended"},
        OracleCase{"EmsOffTls11Cbc", false, ProtocolVersion::kTls11, CipherSuite::kTLS_DHE_RSA_WITH_AES_256_CBC_SHA, "standard"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(KeyScheduleOracle, SilentWhenTheFinishedOpens) {
  // The same handshake with a correct client: nothing to explain.
  auto c = with_suite(client_config(), CipherSuite::kTLS_DHE_RSA_WITH_AES_128_GCM_SHA256);
  auto s = server_config();
  s.dh_group = crypto::sparse2049();
  auto p = run_pair(c, s);
  EXPECT_TRUE(p.server.handshake_complete) << p.server.describe();
  EXPECT_EQ(p.client.premaster_form, "stripped");
  EXPECT_FALSE(p.server.oracle.has_value());
  EXPECT_FALSE(p.client.oracle.has_value());
}

TEST(KeyScheduleOracle, NamesBothDeviationsAtOnce) {
  // Padded premaster AND the standard master secret although EMS was negotiated.
  auto c = with_suite(client_config(), CipherSuite::kTLS_DHE_RSA_WITH_AES_128_GCM_SHA256);
  c.quirks.PadDhePremaster = true;
  c.quirks.ForceMasterSecret = MasterSecretMode::kStandard;
  auto s = server_config();
  s.dh_group = crypto::sparse2049();
  auto p = run_pair(c, s);
  EXPECT_TRUE(p.server.ems_echoed);
  ASSERT_TRUE(p.server.oracle.has_value()) << p.server.describe();
  EXPECT_EQ(p.server.oracle->premaster, "padded");
  EXPECT_EQ(p.server.oracle->master_secret, "standard");
}

}  // namespace
}  // namespace tlsc::engine::testing
