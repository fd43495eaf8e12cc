// Name tables of the engine: errors, app-data modes, and the version, group and DH group names
// the command line and catalog files use (peers/engine/names.h).
#include <gtest/gtest.h>

#include "peers/engine/app_data.h"
#include "peers/engine/config.h"
#include "peers/engine/errors.h"
#include "peers/engine/names.h"

namespace tlsc::engine {
namespace {

TEST(ErrorNames, EveryErrorNameErrorRoundTrips) {
  const auto last = static_cast<uint8_t>(Error::kInternalError);
  for (uint8_t v = 1; v <= last; ++v) {
    const Error e = static_cast<Error>(v);
    const std::string_view name = to_string(e);
    EXPECT_NE(name, "") << int(v);
    EXPECT_EQ(error_from_name(name), e) << name;
  }
  EXPECT_EQ(to_string(Error::kNone), "none");
  EXPECT_FALSE(error_from_name("none"));
  EXPECT_FALSE(error_from_name("decodeerror"));
  EXPECT_EQ(to_string(Error::kResumedWithoutEms), "ResumedWithoutEms");
}

TEST(ErrorNames, RowsKeepAlertRuleAndWords) {
  EXPECT_EQ(alert_for(Error::kMalformedEms), AlertDescription::kDecodeError);
  EXPECT_EQ(rule_for(Error::kMalformedEms), (RfcRule{"7627", "5.1", "MUST"}));
  EXPECT_EQ(what_peer_did(Error::kLegacyResumption), "resumed a session where neither side uses EMS");
  EXPECT_EQ(alert_for(Error::kPeerClosed), std::nullopt);
  EXPECT_FALSE(rule_for(Error::kHandshakeFailure));
  EXPECT_EQ(what_peer_did(Error::kHandshakeFailure), "");
  // A value past the table reads as the last row (kInternalError).
  const auto past = static_cast<Error>(static_cast<uint8_t>(Error::kInternalError) + 1);
  EXPECT_EQ(to_string(past), "InternalError");
  EXPECT_EQ(alert_for(past), AlertDescription::kInternalError);
}

TEST(AppDataNames, EveryModeNameModeRoundTrips) {
  for (auto m : {AppData::kNone, AppData::kEcho, AppData::kHttp}) EXPECT_EQ(parse_app_data(to_string(m)), m);
  EXPECT_EQ(to_string(static_cast<AppData>(9)), "?");
}

TEST(PeerNames, VersionsByLowerCaseRegistryName) {
  EXPECT_EQ(parse_version_name("tls1.0"), ProtocolVersion::kTls10);
  EXPECT_EQ(parse_version_name("tls1.1"), ProtocolVersion::kTls11);
  EXPECT_EQ(parse_version_name("tls1.2"), ProtocolVersion::kTls12);
  for (const char* bad : {"tls1.3", "TLS1.2", "ssl3.0", "", "tls1.2 "}) EXPECT_FALSE(parse_version_name(bad)) << bad;
  EXPECT_EQ(version_names(), "tls1.0, tls1.1, tls1.2");
  EXPECT_EQ(version_names(" or "), "tls1.0, tls1.1 or tls1.2");
}

TEST(PeerNames, GroupsAreTheDefaultGroups) {
  for (NamedGroup g : default_groups()) EXPECT_EQ(parse_group_name(g.name()), g) << g.name();
  for (const char* bad : {"p256", "X25519", "x448", "ffdhe4096", ""}) EXPECT_FALSE(parse_group_name(bad)) << bad;
  EXPECT_EQ(group_names(), "x25519, secp256r1, secp384r1, secp521r1, ffdhe2048, ffdhe3072");
}

TEST(PeerNames, DhGroupsByName) {
  EXPECT_EQ(parse_dh_group_name("ffdhe2048"), &crypto::ffdhe2048());
  EXPECT_EQ(parse_dh_group_name("ffdhe3072"), &crypto::ffdhe3072());
  EXPECT_EQ(parse_dh_group_name("sparse2049"), &crypto::sparse2049());
  for (const char* bad : {"ffdhe4096", "pem", "peer", ""}) EXPECT_EQ(parse_dh_group_name(bad), nullptr) << bad;
  EXPECT_EQ(dh_group_names(), "ffdhe2048, ffdhe3072, sparse2049");
}

}  // namespace
}  // namespace tlsc::engine
