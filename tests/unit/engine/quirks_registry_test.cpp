// The switchboards by name (quirks.h: client_quirks(), server_quirks(), set_quirk()), as scenario
// files and `--quirk NAME[=VALUE]` use them: every registry entry can be set and sets exactly its
// field; unknown names and bad values are refused with one line naming the quirk.
//
// The tables below list every quirk with a value that turns it on; a registry entry without a row
// here fails RegistryMatchesThisList, which is the reminder to add a row AND a wire test in
// quirks_*_test.cpp for the new quirk.
#include <functional>
#include <set>

#include "engine_fixture.h"

namespace tlsc::engine::testing {
namespace {

template <class Q>
struct Row {
  std::string name;
  std::string value;                         // a value that turns the quirk on
  std::function<bool(const Q&)> is_on;       // the field has that value
};

const std::vector<Row<ClientQuirks>>& client_rows() {
  using Q = ClientQuirks;
  static const std::vector<Row<Q>> rows = {
      {"OmitEms", "", [](const Q& q) { return q.OmitEms; }},
      {"SendMalformedEms", "true", [](const Q& q) { return q.SendMalformedEms; }},
      {"ForceMasterSecret", "standard", [](const Q& q) { return q.ForceMasterSecret == MasterSecretMode::kStandard; }},
      {"PadDhePremaster", "1", [](const Q& q) { return q.PadDhePremaster; }},
      {"StripEcdhePremaster", "on", [](const Q& q) { return q.StripEcdhePremaster; }},
      {"ForceLeadingZeroBytes", "2", [](const Q& q) { return q.ForceLeadingZeroBytes == 2; }},
      {"MaxKeySearchTries", "1000", [](const Q& q) { return q.MaxKeySearchTries == 1000u; }},
      {"AvoidLeadingZeroBytes", "", [](const Q& q) { return q.AvoidLeadingZeroBytes; }},
      {"DhePublicValue", "p-1", [](const Q& q) { return q.DhePublicValue == PublicValueForm::kPMinusOne; }},
      {"ForceShortDhePublicValue", "", [](const Q& q) { return q.ForceShortDhePublicValue; }},
      {"SendEmptyCertificate", "yes", [](const Q& q) { return q.SendEmptyCertificate; }},
      {"OfferNonEmsSession", "", [](const Q& q) { return q.OfferNonEmsSession; }},
      {"AcceptEmsMismatchOnResume", "", [](const Q& q) { return q.AcceptEmsMismatchOnResume; }},
      {"AcceptUnsolicitedExtensions", "", [](const Q& q) { return q.AcceptUnsolicitedExtensions; }},
      {"AcceptMalformedEms", "", [](const Q& q) { return q.AcceptMalformedEms; }},
      {"AcceptCertificateRequestInResumption", "", [](const Q& q) { return q.AcceptCertificateRequestInResumption; }},
      {"IgnoreHelloRequest", "", [](const Q& q) { return q.IgnoreHelloRequest; }},
      {"RefuseRenegotiation", "", [](const Q& q) { return q.RefuseRenegotiation; }},
  };
  return rows;
}

const std::vector<Row<ServerQuirks>>& server_rows() {
  using Q = ServerQuirks;
  static const std::vector<Row<Q>> rows = {
      {"OmitEms", "", [](const Q& q) { return q.OmitEms; }},
      {"SendEmsUnsolicited", "", [](const Q& q) { return q.SendEmsUnsolicited; }},
      {"SendMalformedEms", "", [](const Q& q) { return q.SendMalformedEms; }},
      {"ForceMasterSecret", "extended", [](const Q& q) { return q.ForceMasterSecret == MasterSecretMode::kExtended; }},
      {"PadDhePremaster", "", [](const Q& q) { return q.PadDhePremaster; }},
      {"StripEcdhePremaster", "", [](const Q& q) { return q.StripEcdhePremaster; }},
      {"DhePublicValue", "zero", [](const Q& q) { return q.DhePublicValue == PublicValueForm::kZero; }},
      {"ForceShortDhePublicValue", "", [](const Q& q) { return q.ForceShortDhePublicValue; }},
      {"SendCertificateRequestInResumption", "", [](const Q& q) { return q.SendCertificateRequestInResumption; }},
      {"SendFullFlightInResumption", "", [](const Q& q) { return q.SendFullFlightInResumption; }},
      {"DeclineResumption", "", [](const Q& q) { return q.DeclineResumption; }},
      {"ResumeRegardlessOfEms", "", [](const Q& q) { return q.ResumeRegardlessOfEms; }},
      {"OmitEmsInResumption", "", [](const Q& q) { return q.OmitEmsInResumption; }},
      {"AcceptMalformedEms", "", [](const Q& q) { return q.AcceptMalformedEms; }},
      {"AcceptEmptyClientCertificate", "", [](const Q& q) { return q.AcceptEmptyClientCertificate; }},
      {"SendHelloRequestAfterHandshake", "", [](const Q& q) { return q.SendHelloRequestAfterHandshake; }},
  };
  return rows;
}

template <class Q>
std::set<std::string> row_names(const std::vector<Row<Q>>& rows) {
  std::set<std::string> out;
  for (const auto& r : rows) out.insert(r.name);
  return out;
}

std::set<std::string> registry_names(const std::vector<QuirkInfo>& infos) {
  std::set<std::string> out;
  for (const auto& i : infos) out.insert(i.name);
  return out;
}

TEST(QuirkRegistry, RegistryMatchesThisList) {
  EXPECT_EQ(registry_names(client_quirks()), row_names(client_rows()));
  EXPECT_EQ(registry_names(server_quirks()), row_names(server_rows()));
  EXPECT_EQ(client_quirks().size(), client_rows().size()) << "no duplicate names";
  EXPECT_EQ(server_quirks().size(), server_rows().size());
}

void expect_documented(const std::vector<QuirkInfo>& infos) {
  for (const auto& i : infos) {
    EXPECT_FALSE(i.doc.empty()) << i.name;
    EXPECT_EQ(i.doc.find('\n'), std::string::npos) << i.name << ": one sentence, one line";
    EXPECT_EQ(i.doc.back(), '.') << i.name;
    EXPECT_TRUE(i.kind == "bool" || i.kind == "int" || i.kind.rfind("enum: ", 0) == 0) << i.name << ": " << i.kind;
  }
}

TEST(QuirkRegistry, EveryEntryIsDocumented) {
  expect_documented(client_quirks());
  expect_documented(server_quirks());
}

template <class Q>
void expect_each_sets_only_itself(const std::vector<Row<Q>>& rows) {
  for (const auto& row : rows) {
    Q q;
    EXPECT_FALSE(row.is_on(q)) << row.name << " is off by default";
    std::string why;
    ASSERT_TRUE(set_quirk(q, row.name, row.value, &why)) << row.name << ": " << why;
    EXPECT_TRUE(row.is_on(q)) << row.name << "=" << row.value;
    for (const auto& other : rows) {
      if (other.name != row.name) {
        EXPECT_FALSE(other.is_on(q)) << "setting " << row.name << " changed " << other.name;
      }
    }
  }
}

TEST(QuirkRegistry, EveryClientEntryCanBeSetByName) { expect_each_sets_only_itself(client_rows()); }
TEST(QuirkRegistry, EveryServerEntryCanBeSetByName) { expect_each_sets_only_itself(server_rows()); }

TEST(QuirkRegistry, BoolSpellings) {
  for (const char* on : {"", "true", "1", "on", "yes"}) {
    ClientQuirks q;
    ASSERT_TRUE(set_quirk(q, "OmitEms", on, nullptr)) << on;
    EXPECT_TRUE(q.OmitEms) << on;
  }
  for (const char* off : {"false", "0", "off", "no"}) {
    ServerQuirks q;
    q.OmitEms = true;
    ASSERT_TRUE(set_quirk(q, "OmitEms", off, nullptr)) << off;
    EXPECT_FALSE(q.OmitEms) << off;
  }
}

TEST(QuirkRegistry, EveryEnumValueRoundTrips) {
  for (auto m : {MasterSecretMode::kNegotiated, MasterSecretMode::kStandard, MasterSecretMode::kExtended}) {
    ClientQuirks q;
    q.ForceMasterSecret = m == MasterSecretMode::kStandard ? MasterSecretMode::kExtended : MasterSecretMode::kStandard;
    ASSERT_TRUE(set_quirk(q, "ForceMasterSecret", to_string(m), nullptr)) << to_string(m);
    EXPECT_EQ(q.ForceMasterSecret, m);
  }
  for (auto f : {PublicValueForm::kMinimal, PublicValueForm::kPadded, PublicValueForm::kZero, PublicValueForm::kOne,
                 PublicValueForm::kPMinusOne, PublicValueForm::kP}) {
    ServerQuirks q;
    q.DhePublicValue = f == PublicValueForm::kOne ? PublicValueForm::kZero : PublicValueForm::kOne;
    ASSERT_TRUE(set_quirk(q, "DhePublicValue", to_string(f), nullptr)) << to_string(f);
    EXPECT_EQ(q.DhePublicValue, f);
  }
}

TEST(QuirkRegistry, UnknownNameIsOneLineNamingIt) {
  ClientQuirks c;
  std::string why;
  EXPECT_FALSE(set_quirk(c, "OmitEMS", "", &why)) << "names are case-sensitive";
  EXPECT_EQ(why, "unknown client quirk 'OmitEMS'");
  ServerQuirks s;
  why.clear();
  // A client-only quirk is unknown to the server switchboard.
  EXPECT_FALSE(set_quirk(s, "RefuseRenegotiation", "", &why));
  EXPECT_EQ(why, "unknown server quirk 'RefuseRenegotiation'");
  EXPECT_FALSE(set_quirk(s, "NoSuchQuirk", "1", nullptr)) << "a null `why` is allowed";
}

struct BadValue {
  const char* name;
  const char* value;
  const char* kind;
};

TEST(QuirkRegistry, BadValueIsOneLineNamingQuirkValueAndKind) {
  for (const auto& bad : {BadValue{"OmitEms", "maybe", "bool"}, BadValue{"OmitEms", "TRUE", "bool"},
                          BadValue{"ForceLeadingZeroBytes", "two", "int"}, BadValue{"ForceLeadingZeroBytes", "2x", "int"},
                          BadValue{"ForceLeadingZeroBytes", "-1", "int"},
                          BadValue{"MaxKeySearchTries", "", "int"},
                          BadValue{"MaxKeySearchTries", "18446744073709551616", "int"},
                          BadValue{"ForceMasterSecret", "ems", "enum: negotiated|standard|extended"},
                          BadValue{"DhePublicValue", "p+1", "enum: minimal|padded|zero|one|p-1|p"}}) {
    ClientQuirks q;
    std::string why;
    EXPECT_FALSE(set_quirk(q, bad.name, bad.value, &why)) << bad.name << "=" << bad.value;
    EXPECT_EQ(why, std::string("quirk ") + bad.name + ": bad value '" + bad.value + "' (" + bad.kind + ")");
    EXPECT_EQ(why.find('\n'), std::string::npos);
    // The field keeps its default.
    EXPECT_FALSE(q.OmitEms);
    EXPECT_EQ(q.ForceLeadingZeroBytes, 0);
    EXPECT_EQ(q.MaxKeySearchTries, uint64_t{1} << 22);
    EXPECT_EQ(q.ForceMasterSecret, MasterSecretMode::kNegotiated);
    EXPECT_EQ(q.DhePublicValue, PublicValueForm::kMinimal);
  }
  ServerQuirks s;
  std::string why;
  EXPECT_FALSE(set_quirk(s, "DhePublicValue", "", &why));
  EXPECT_EQ(why, "quirk DhePublicValue: bad value '' (enum: minimal|padded|zero|one|p-1|p)");
}

TEST(QuirkRegistry, ParseGivesTheTypedChangeOnce) {
  std::vector<ClientQuirkChange> changes;
  ASSERT_TRUE(parse_quirk("ForceMasterSecret", "standard", changes, nullptr));
  ASSERT_TRUE(parse_quirk("MaxKeySearchTries", "1000", changes, nullptr));
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].field, ClientQuirk::ForceMasterSecret);
  EXPECT_EQ(changes[0].value, QuirkValue(MasterSecretMode::kStandard));
  EXPECT_EQ(changes[1].field, ClientQuirk::MaxKeySearchTries);
  EXPECT_EQ(changes[1].value, QuirkValue(uint64_t{1000}));
  std::string why;
  EXPECT_FALSE(parse_quirk("OmitEms", "maybe", changes, &why));
  EXPECT_EQ(why, "quirk OmitEms: bad value 'maybe' (bool)");
  EXPECT_EQ(changes.size(), 2u) << "a bad value adds nothing";
  std::vector<ServerQuirkChange> server;
  EXPECT_FALSE(parse_quirk("OfferNonEmsSession", "", server, &why));
  EXPECT_EQ(why, "unknown server quirk 'OfferNonEmsSession'");
  EXPECT_TRUE(server.empty());
}

TEST(QuirkRegistry, ChangesApplyInOrderToEachFreshSwitchboard) {
  QuirkChanges base, later;
  ASSERT_TRUE(parse_quirk("OmitEms", "", base.server, nullptr));
  ASSERT_TRUE(parse_quirk("DhePublicValue", "p", base.server, nullptr));
  ASSERT_TRUE(parse_quirk("OmitEms", "off", later.server, nullptr));
  ServerQuirks first;
  apply(first, base);
  EXPECT_TRUE(first.OmitEms);
  EXPECT_EQ(first.DhePublicValue, PublicValueForm::kP);
  base += later;  // a re-run's quirks over its connection's: the later change of a field wins
  ServerQuirks second;
  apply(second, base);
  EXPECT_FALSE(second.OmitEms);
  EXPECT_EQ(second.DhePublicValue, PublicValueForm::kP);
  ClientQuirks client;
  apply(client, base);  // only the client list applies to a client switchboard
  EXPECT_FALSE(client.OmitEms);
}

TEST(QuirkRegistry, SetByNameChangesTheWire) {
  // The by-name path drives the same switch as the field: OmitEms set by name removes EMS.
  auto c = client_config();
  std::string why;
  ASSERT_TRUE(set_quirk(c.quirks, "OmitEms", "", &why)) << why;
  auto p = run_pair(c, server_config());
  auto ch = parse_sent<msg::ClientHello>(p.client.bytes_sent);
  ASSERT_TRUE(ch);
  EXPECT_EQ(hello_extension(ch->extensions, ExtensionType::kExtendedMasterSecret), nullptr);
  EXPECT_EQ(p.server.master_secret_variant, "standard");
}

}  // namespace
}  // namespace tlsc::engine::testing
