// Each kind of bad catalog file gives its own one-line error naming the file, the scenario id and
// the field path (scenarios/loader.h). Every test asserts the whole message.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "catalog_text.h"
#include "scenarios/loader.h"

namespace tlsc::scenarios {
namespace {

using testing::catalog;
using testing::client_scenario;
using testing::json;
using testing::load_error;
using testing::server_scenario;

// ---------------------------------------------------------------- the file itself

TEST(LoaderErrors, InvalidJsonNamesTheByte) {
  EXPECT_EQ(load_error(std::string(R"({"family": ])")), "x.json: byte 12: not valid JSON");
  EXPECT_EQ(load_error(std::string(R"({"family": "ems", "scenarios": [)") + "\n"),
            "x.json: byte 34: not valid JSON");
  EXPECT_EQ(load_error(std::string("")), "x.json: byte 1: not valid JSON");
}

TEST(LoaderErrors, TopLevelMustBeAnObject) {
  EXPECT_EQ(load_error(std::string("[]")), "x.json: must be an object");
}

TEST(LoaderErrors, UnknownTopLevelField) {
  EXPECT_EQ(load_error(std::string(R"({"family": "ems", "scenarios": [], "scenario": []})")),
            "x.json: scenario: unknown field");
}

TEST(LoaderErrors, MissingFamilyOrScenarios) {
  EXPECT_EQ(load_error(std::string(R"({"scenarios": []})")), "x.json: family: missing field");
  EXPECT_EQ(load_error(std::string(R"({"family": "ems"})")), "x.json: scenarios: missing field");
  EXPECT_EQ(load_error(std::string(R"({"family": 7, "scenarios": []})")), "x.json: family: must be a string");
  EXPECT_EQ(load_error(std::string(R"({"family": "ems", "scenarios": {}})")), "x.json: scenarios: must be an array");
}

TEST(LoaderErrors, EmptyScenarioListLoads) {
  EXPECT_TRUE(load_catalog_text(R"({"family": "ems", "scenarios": []})", "x.json").empty());
}

TEST(LoaderErrors, ScenarioMustBeAnObject) {
  EXPECT_EQ(load_error(catalog(json::array({7}))), "x.json: scenarios[0]: must be an object");
}

// ---------------------------------------------------------------- scenario fields

TEST(LoaderErrors, UnknownScenarioField) {
  json s = server_scenario();
  s["requirez"] = json::array();
  EXPECT_EQ(load_error(s), "x.json: ems.t.srv: requirez: unknown field");
}

TEST(LoaderErrors, MissingIdNamesTheScenarioByIndex) {
  json s = server_scenario();
  s.erase("id");
  EXPECT_EQ(load_error(catalog(json::array({server_scenario("ems.a.srv"), s}))),
            "x.json: scenarios[1]: id: missing field");
  s["id"] = 12;
  EXPECT_EQ(load_error(s), "x.json: scenarios[0]: id: must be a string");
}

TEST(LoaderErrors, MissingRequiredScenarioFields) {
  for (const char* field : {"title", "role", "rfc", "connections"}) {
    json s = server_scenario();
    s.erase(field);
    EXPECT_EQ(load_error(s), std::string("x.json: ems.t.srv: ") + field + ": missing field") << field;
  }
}

TEST(LoaderErrors, EmptyRfcOrConnections) {
  json s = server_scenario();
  s["rfc"] = json::array();
  EXPECT_EQ(load_error(s), "x.json: ems.t.srv: rfc: must be a non-empty array");
  s = server_scenario();
  s["connections"] = json::array();
  EXPECT_EQ(load_error(s), "x.json: ems.t.srv: connections: must be a non-empty array");
}

TEST(LoaderErrors, MissingRfcFields) {
  for (const char* field : {"rfc", "section", "level", "requirement"}) {
    json s = server_scenario();
    s["rfc"][0].erase(field);
    EXPECT_EQ(load_error(s), std::string("x.json: ems.t.srv: rfc[0].") + field + ": missing field") << field;
  }
  json s = server_scenario();
  s["rfc"][0]["clause"] = "x";
  EXPECT_EQ(load_error(s), "x.json: ems.t.srv: rfc[0].clause: unknown field");
}

TEST(LoaderErrors, MissingExpectAndOutcome) {
  json s = server_scenario();
  s["connections"][0].erase("expect");
  EXPECT_EQ(load_error(s), "x.json: ems.t.srv: connections[0].expect: missing field");
  s = server_scenario();
  s["connections"][0]["expect"] = json::object();
  EXPECT_EQ(load_error(s), "x.json: ems.t.srv: connections[0].expect.outcome: missing field");
  s = server_scenario();
  s["connections"][0]["expect"]["result"] = "x";
  EXPECT_EQ(load_error(s), "x.json: ems.t.srv: connections[0].expect.result: unknown field");
  s = server_scenario();
  s["connections"][0]["peers"] = json::object();
  EXPECT_EQ(load_error(s), "x.json: ems.t.srv: connections[0].peers: unknown field");
}

TEST(LoaderErrors, BadRole) {
  json s = server_scenario();
  s["role"] = "both";
  EXPECT_EQ(load_error(s), "x.json: ems.t.srv: role: 'both' is not one of server, client");
}

TEST(LoaderErrors, BadRfcLevel) {
  json s = server_scenario();
  s["rfc"][0]["level"] = "must";
  EXPECT_EQ(load_error(s),
            "x.json: ems.t.srv: rfc[0].level: 'must' is not one of MUST, MUST NOT, SHOULD, SHOULD NOT, MAY");
}

TEST(LoaderErrors, BadExpectOutcome) {
  json s = server_scenario();
  s["connections"][0]["expect"]["outcome"] = "completed";
  EXPECT_EQ(load_error(s),
            "x.json: ems.t.srv: connections[0].expect.outcome: 'completed' is not one of complete, resumed, full, "
            "abort, complete-or-abort, any");
}

TEST(LoaderErrors, BadOtherwiseOutcomeAndVerdict) {
  json s = server_scenario();
  s["otherwise"] = json::parse(R"([{"outcome": "aborted", "verdict": "fail", "diagnosis": "d"}])");
  EXPECT_EQ(load_error(s),
            "x.json: ems.t.srv: otherwise[0].outcome: 'aborted' is not one of resumed, full, alert, closed, timeout, "
            "peer-abort, any");
  s["otherwise"] = json::parse(R"([{"outcome": "full", "verdict": "xfail", "diagnosis": "d"}])");
  EXPECT_EQ(load_error(s), "x.json: ems.t.srv: otherwise[0].verdict: 'xfail' is not one of pass, fail, warn, skip");
  s["otherwise"] = json::parse(R"([{"outcome": "full", "verdict": "warn"}])");
  EXPECT_EQ(load_error(s), "x.json: ems.t.srv: otherwise[0].diagnosis: missing field");
  s["otherwise"] = json::parse(R"([{"outcome": "full", "verdict": "warn", "diagnosis": "d", "why": "x"}])");
  EXPECT_EQ(load_error(s), "x.json: ems.t.srv: otherwise[0].why: unknown field");
}

TEST(LoaderErrors, BadPeerVersion) {
  json s = server_scenario();
  s["connections"][0]["peer"] = {{"version", "tls1.3"}};
  EXPECT_EQ(load_error(s),
            "x.json: ems.t.srv: connections[0].peer.version: 'tls1.3' is not one of tls1.0, tls1.1, tls1.2");
}

TEST(LoaderErrors, BadResumeValue) {
  json s = server_scenario();
  s["connections"].push_back(json::parse(R"({"peer": {"resume": "psk"}, "expect": {"outcome": "resumed"}})"));
  EXPECT_EQ(load_error(s), "x.json: ems.t.srv: connections[1].peer.resume: 'psk' is not one of id, ticket");
}

TEST(LoaderErrors, BadBooleanAndUnknownPeerSetting) {
  json s = server_scenario();
  s["connections"][0]["peer"] = {{"ems", "yes"}};
  EXPECT_EQ(load_error(s), "x.json: ems.t.srv: connections[0].peer.ems: must be true or false (or \"on\"/\"off\")");
  s["connections"][0]["peer"] = {{"emz", true}};
  EXPECT_EQ(load_error(s), "x.json: ems.t.srv: connections[0].peer.emz: unknown field");
}

// ---------------------------------------------------------------- ids

TEST(LoaderErrors, IdMustStartWithTheFamily) {
  EXPECT_EQ(load_error(server_scenario("dhe.t.srv")), "x.json: dhe.t.srv: id: must start with the family 'ems.'");
  // "emsx.t.srv" starts with the letters of the family but not with "ems.".
  EXPECT_EQ(load_error(server_scenario("emsx.t.srv")), "x.json: emsx.t.srv: id: must start with the family 'ems.'");
}

TEST(LoaderErrors, IdSuffixMustMatchTheRole) {
  EXPECT_EQ(load_error(server_scenario("ems.t.cli")), "x.json: ems.t.cli: id: must end with '.srv' for role server");
  EXPECT_EQ(load_error(client_scenario("ems.t.srv")), "x.json: ems.t.srv: id: must end with '.cli' for role client");
  EXPECT_EQ(load_error(server_scenario("ems.t")), "x.json: ems.t: id: must end with '.srv' for role server");
}

TEST(LoaderErrors, PlaceholderLeftInTheId) {
  EXPECT_EQ(load_error(server_scenario("ems.{by}.srv")),
            "x.json: ems.{by}.srv: id: placeholder without a matrix dimension");
  // A matrix that has no dimension of that name leaves the placeholder in place.
  json s = server_scenario("ems.{by}.srv");
  s["matrix"] = {{"resume_by", {"id", "ticket"}}};
  EXPECT_EQ(load_error(s), "x.json: ems.{by}.srv: id: placeholder without a matrix dimension");
  // A key the dimension's values lack, likewise.
  s = server_scenario("ems.{by.kind}.srv");
  s["matrix"] = json::parse(R"({"by": [{"label": "id"}]})");
  EXPECT_EQ(load_error(s), "x.json: ems.{by.kind}.srv: id: placeholder without a matrix dimension");
}

TEST(LoaderErrors, DuplicateIdWithinAFile) {
  EXPECT_EQ(load_error(catalog(json::array({server_scenario("ems.a.srv"), server_scenario("ems.a.srv")}))),
            "x.json: ems.a.srv: id: duplicate scenario id");
  // A matrix whose dimension the id does not use expands to the same id twice.
  json s = server_scenario("ems.a.srv");
  s["matrix"] = {{"v", {"x", "y"}}};
  EXPECT_EQ(load_error(s), "x.json: ems.a.srv: id: duplicate scenario id");
}

// ---------------------------------------------------------------- matrix

TEST(LoaderErrors, BadMatrix) {
  json s = server_scenario("ems.{v}.srv");
  s["matrix"] = json::array();
  EXPECT_EQ(load_error(s), "x.json: ems.{v}.srv: matrix: must be an object of arrays");
  s["matrix"] = {{"v", json::array()}};
  EXPECT_EQ(load_error(s), "x.json: ems.{v}.srv: matrix.v: must be a non-empty array");
  s["matrix"] = {{"v", "x"}};
  EXPECT_EQ(load_error(s), "x.json: ems.{v}.srv: matrix.v: must be a non-empty array");
  s["matrix"] = json::parse(R"({"v": ["a", 3]})");
  EXPECT_EQ(load_error(s), "x.json: ems.{v}.srv: matrix.v[1]: must be a string or an object with a label");
  s["matrix"] = json::parse(R"({"v": [{"name": "a"}]})");
  EXPECT_EQ(load_error(s), "x.json: ems.{v}.srv: matrix.v[0].label: missing field");
}

TEST(LoaderErrors, ErrorInAnExpandedScenarioNamesTheExpandedId) {
  json s = server_scenario("ems.{v}.srv");
  s["matrix"] = {{"v", {"good", "bad"}}};
  s["connections"][0]["peer"] = {{"version", "{v}"}};
  EXPECT_EQ(load_error(s), "x.json: ems.good.srv: connections[0].peer.version: 'good' is not one of tls1.0, "
                           "tls1.1, tls1.2");
}

// ---------------------------------------------------------------- quirks

TEST(LoaderErrors, UnknownQuirkNamesOurPeersRole) {
  json s = server_scenario();
  s["connections"][0]["quirks"] = {{"OmitEmz", true}};
  EXPECT_EQ(load_error(s), "x.json: ems.t.srv: connections[0].quirks.OmitEmz: unknown client quirk 'OmitEmz'");
  // A server quirk where our peer is the client (the IUT is the server) is unknown to it.
  s["connections"][0]["quirks"] = {{"SendEmsUnsolicited", true}};
  EXPECT_EQ(load_error(s),
            "x.json: ems.t.srv: connections[0].quirks.SendEmsUnsolicited: unknown client quirk 'SendEmsUnsolicited'");
  json c = client_scenario();
  c["connections"][0]["quirks"] = {{"OfferNonEmsSession", true}};
  EXPECT_EQ(load_error(c),
            "x.json: ems.t.cli: connections[0].quirks.OfferNonEmsSession: unknown server quirk 'OfferNonEmsSession'");
}

TEST(LoaderErrors, BadQuirkValueGivesTheEnginesReason) {
  json s = server_scenario();
  s["connections"][0]["quirks"] = {{"ForceLeadingZeroBytes", -1}};
  EXPECT_EQ(load_error(s), "x.json: ems.t.srv: connections[0].quirks.ForceLeadingZeroBytes: quirk "
                           "ForceLeadingZeroBytes: bad value '-1' (int)");
  s["connections"][0]["quirks"] = {{"ForceMasterSecret", "weird"}};
  EXPECT_EQ(load_error(s), "x.json: ems.t.srv: connections[0].quirks.ForceMasterSecret: quirk ForceMasterSecret: "
                           "bad value 'weird' (enum: negotiated|standard|extended)");
  s["connections"][0]["quirks"] = {{"OmitEms", "maybe"}};
  EXPECT_EQ(load_error(s), "x.json: ems.t.srv: connections[0].quirks.OmitEms: quirk OmitEms: bad value 'maybe' (bool)");
  s["connections"][0]["quirks"] = json::array();
  EXPECT_EQ(load_error(s), "x.json: ems.t.srv: connections[0].quirks: must be an object of quirk names to values");
}

TEST(LoaderErrors, QuirksInProbesAndFallbackAreValidatedToo) {
  json s = server_scenario();
  s["probes"] = json::parse(R"([{"quirks": {"Nope": true}, "when": "complete", "diagnosis": "d"}])");
  EXPECT_EQ(load_error(s), "x.json: ems.t.srv: probes[0].quirks.Nope: unknown client quirk 'Nope'");
  s = server_scenario();
  s["fallback"] = json::parse(R"({"quirks": {"DhePublicValue": "two"}, "max_attempts": 3})");
  EXPECT_EQ(load_error(s), "x.json: ems.t.srv: fallback.quirks.DhePublicValue: quirk DhePublicValue: bad value "
                           "'two' (enum: minimal|padded|zero|one|p-1|p)");
}

// ---------------------------------------------------------------- peer settings by role

TEST(LoaderErrors, ClientOnlySettingWhereOurPeerIsTheServer) {
  for (const char* field : {"client_cert", "send"}) {
    json c = client_scenario();
    c["connections"][0]["peer"] = {{field, field == std::string("send") ? json("hi") : json(true)}};
    EXPECT_EQ(load_error(c), std::string("x.json: ems.t.cli: connections[0].peer.") + field +
                                 ": applies to a client peer only (the IUT is the client here)");
  }
  json c = client_scenario();
  c["connections"].push_back(json::parse(R"({"peer": {"resume": "id"}, "expect": {"outcome": "resumed"}})"));
  EXPECT_EQ(load_error(c),
            "x.json: ems.t.cli: connections[1].peer.resume: applies to a client peer only (the IUT is the client here)");
}

TEST(LoaderErrors, ServerOnlySettingWhereOurPeerIsTheClient) {
  for (const char* field : {"request_client_cert", "require_client_cert", "allow_legacy_resumption"}) {
    json s = server_scenario();
    s["connections"][0]["peer"] = {{field, true}};
    EXPECT_EQ(load_error(s), std::string("x.json: ems.t.srv: connections[0].peer.") + field +
                                 ": applies to a server peer only (the IUT is the server here)");
  }
  json s = server_scenario();
  s["probes"] = json::parse(R"([{"peer": {"dh_group": "ffdhe3072"}, "when": "complete", "diagnosis": "d"}])");
  EXPECT_EQ(load_error(s),
            "x.json: ems.t.srv: probes[0].peer.dh_group: applies to a server peer only (the IUT is the server here)");
}

TEST(LoaderErrors, UnknownSuitesAndGroups) {
  json s = server_scenario();
  s["connections"][0]["peer"] = {{"suites", {"dhe", "TLS_NOT_A_SUITE"}}};
  EXPECT_EQ(load_error(s), "x.json: ems.t.srv: connections[0].peer.suites[1]: unknown cipher suite 'TLS_NOT_A_SUITE'");
  s["connections"][0]["peer"] = {{"groups", {"x25519", "p256"}}};
  EXPECT_EQ(load_error(s), "x.json: ems.t.srv: connections[0].peer.groups[1]: unknown group 'p256'");
  s["connections"][0]["peer"] = {{"groups", "x25519"}};
  EXPECT_EQ(load_error(s), "x.json: ems.t.srv: connections[0].peer.groups: must be an array of strings");
  json c = client_scenario();
  c["connections"][0]["peer"] = {{"dh_group", "ffdhe4096"}};
  EXPECT_EQ(load_error(c),
            "x.json: ems.t.cli: connections[0].peer.dh_group: 'ffdhe4096' is not one of ffdhe2048, ffdhe3072, "
            "sparse2049");
}

// ---------------------------------------------------------------- expectations and checks

TEST(LoaderErrors, UnknownAlertNames) {
  json s = server_scenario();
  s["connections"][0]["expect"] = json::parse(R"({"outcome": "abort", "alerts": ["handshake_failure", "handshake_fail"]})");
  EXPECT_EQ(load_error(s), "x.json: ems.t.srv: connections[0].expect.alerts[1]: unknown alert 'handshake_fail'");
}

TEST(LoaderErrors, AlertsOnlyWithAnAbortOutcome) {
  json s = server_scenario();
  s["connections"][0]["expect"] = json::parse(R"({"outcome": "complete-or-abort", "alerts": ["decode_error"]})");
  EXPECT_EQ(load_error(s), "x.json: ems.t.srv: connections[0].expect.alerts: only an 'abort' outcome names alerts");
}

TEST(LoaderErrors, CheckNeedsExactlyOneOfIsInAtLeast) {
  json s = server_scenario();
  s["connections"][0]["expect"]["checks"] = json::parse(R"([{"field": "ems_echoed"}])");
  EXPECT_EQ(load_error(s), "x.json: ems.t.srv: connections[0].expect.checks[0]: needs exactly one of 'is', 'in' and "
                           "'at_least'");
  s["connections"][0]["expect"]["checks"] = json::parse(R"([{"field": "ems_echoed", "is": true, "in": [true]}])");
  EXPECT_EQ(load_error(s), "x.json: ems.t.srv: connections[0].expect.checks[0]: needs exactly one of 'is', 'in' and "
                           "'at_least'");
  s["connections"][0]["expect"]["checks"] =
      json::parse(R"([{"field": "premaster_leading_zeros", "is": 1, "at_least": 1}])");
  EXPECT_EQ(load_error(s), "x.json: ems.t.srv: connections[0].expect.checks[0]: needs exactly one of 'is', 'in' and "
                           "'at_least'");
}

TEST(LoaderErrors, BadCheckValues) {
  json s = server_scenario();
  s["connections"][0]["expect"]["checks"] = json::parse(R"([{"field": "version", "in": []}])");
  EXPECT_EQ(load_error(s), "x.json: ems.t.srv: connections[0].expect.checks[0].in: must be a non-empty array");
  s["connections"][0]["expect"]["checks"] = json::parse(R"([{"field": "premaster_leading_zeros", "at_least": "1"}])");
  EXPECT_EQ(load_error(s), "x.json: ems.t.srv: connections[0].expect.checks[0].at_least: must be an integer");
  s["connections"][0]["expect"]["checks"] = json::parse(R"([{"is": true}])");
  EXPECT_EQ(load_error(s), "x.json: ems.t.srv: connections[0].expect.checks[0].field: missing field");
  s["connections"][0]["expect"]["checks"] = json::parse(R"([{"field": "ems_echoed", "is": true, "otherwise": "x"}])");
  EXPECT_EQ(load_error(s), "x.json: ems.t.srv: connections[0].expect.checks[0].otherwise: unknown field");
}

TEST(LoaderErrors, UnknownObservationField) {
  json s = server_scenario();
  s["connections"][0]["expect"]["checks"] = json::parse(R"([{"field": "ems_negotiated", "is": true}])");
  EXPECT_EQ(load_error(s),
            "x.json: ems.t.srv: connections[0].expect.checks[0].field: unknown observation 'ems_negotiated'");
  s = server_scenario();
  s["connections"][0]["expect"]["reached"] = json::parse(R"([{"field": "leading_zeros", "at_least": 1}])");
  EXPECT_EQ(load_error(s),
            "x.json: ems.t.srv: connections[0].expect.reached[0].field: unknown observation 'leading_zeros'");
}

// ---------------------------------------------------------------- connections, probes, fallback

TEST(LoaderErrors, FirstConnectionCannotResume) {
  json s = server_scenario();
  s["connections"][0]["peer"] = {{"resume", "ticket"}};
  EXPECT_EQ(load_error(s), "x.json: ems.t.srv: connections[0].peer.resume: the first connection has no session to "
                           "resume");
}

TEST(LoaderErrors, BadProbes) {
  json s = server_scenario();
  s["probes"] = json::parse(R"([{"when": "complete"}])");
  EXPECT_EQ(load_error(s), "x.json: ems.t.srv: probes[0].diagnosis: missing field");
  s["probes"] = json::parse(R"([{"diagnosis": "d"}])");
  EXPECT_EQ(load_error(s), "x.json: ems.t.srv: probes[0].when: missing field");
  s["probes"] = json::parse(R"([{"when": "alert", "diagnosis": "d"}])");
  EXPECT_EQ(load_error(s), "x.json: ems.t.srv: probes[0].when: 'alert' is not one of complete, resumed, full, abort, "
                           "complete-or-abort, any");
  s["probes"] = json::object();
  EXPECT_EQ(load_error(s), "x.json: ems.t.srv: probes: must be an array");
}

TEST(LoaderErrors, FallbackMaxAttemptsOutOfRange) {
  for (const char* n : {"0", "-3", "100001", "4294967297", "2.5", "\"7\""}) {
    json s = server_scenario();
    s["fallback"] = json::parse(std::string(R"({"max_attempts": )") + n + "}");
    EXPECT_EQ(load_error(s), "x.json: ems.t.srv: fallback.max_attempts: must be an integer from 1 to 100000") << n;
  }
  json s = server_scenario();
  s["fallback"] = json::parse(R"({"peer": {"ems": false}})");
  EXPECT_EQ(load_error(s), "x.json: ems.t.srv: fallback.max_attempts: missing field");
  s["fallback"] = json::parse(R"({"max_attempts": 5, "tries": 3})");
  EXPECT_EQ(load_error(s), "x.json: ems.t.srv: fallback.tries: unknown field");
  // The bounds themselves are allowed.
  for (int n : {1, 100000}) {
    s["fallback"] = {{"max_attempts", n}};
    auto loaded = load_catalog_text(testing::catalog(s), "x.json");
    ASSERT_EQ(loaded.size(), 1u);
    ASSERT_TRUE(loaded[0].fallback);
    EXPECT_EQ(loaded[0].fallback->max_attempts, n);
  }
}

// ---------------------------------------------------------------- several files

class CatalogDir : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("tlsc-loader-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void write(const std::string& name, const std::string& text) { std::ofstream(dir_ / name) << text; }
  std::filesystem::path dir_;
};

TEST_F(CatalogDir, DuplicateIdAcrossFilesNamesBoth) {
  write("a.json", catalog(server_scenario("ems.a.srv")));
  write("b.json", catalog(json::array({server_scenario("ems.b.srv"), server_scenario("ems.a.srv")})));
  try {
    load_catalog(dir_);
    FAIL() << "loaded";
  } catch (const LoadError& e) {
    EXPECT_EQ(std::string(e.what()), (dir_ / "b.json").string() + ": ems.a.srv: id: duplicate scenario id (also in " +
                                         (dir_ / "a.json").string() + ")");
  }
}

TEST_F(CatalogDir, FilesLoadInNameOrderAndOtherFilesAreIgnored) {
  write("b.json", catalog(server_scenario("ems.b.srv")));
  write("a.json", catalog(server_scenario("ems.a.srv")));
  write("notes.txt", "not a catalog");
  auto all = load_catalog(dir_);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, "ems.a.srv");
  EXPECT_EQ(all[0].file, (dir_ / "a.json").string());
  EXPECT_EQ(all[1].id, "ems.b.srv");
}

TEST_F(CatalogDir, ErrorInAFileNamesItsPath) {
  write("a.json", catalog(server_scenario("ems.a.cli")));
  try {
    load_catalog(dir_);
    FAIL() << "loaded";
  } catch (const LoadError& e) {
    EXPECT_EQ(std::string(e.what()), (dir_ / "a.json").string() + ": ems.a.cli: id: must end with '.srv' for role server");
  }
}

TEST_F(CatalogDir, MissingFolder) {
  try {
    load_catalog(dir_ / "none");
    FAIL() << "loaded";
  } catch (const LoadError& e) {
    EXPECT_EQ(std::string(e.what()),
              (dir_ / "none").string() + ": cannot read the catalog folder: No such file or directory");
  }
}

// ---------------------------------------------------------------- ids name folders

TEST(LoaderErrors, IdsWithControlCharactersOrPathSeparatorsAreRefusedInOneLine) {
  json s = server_scenario();
  s["id"] = std::string("ems.t\nx.srv");
  EXPECT_EQ(load_error(s), "x.json: ems.t\\x0ax.srv: id: control character at byte 5 (ids are printable ASCII)");
  s["id"] = std::string("ems.t\0x.srv", 11);
  EXPECT_EQ(load_error(s), "x.json: ems.t\\x00x.srv: id: control character at byte 5 (ids are printable ASCII)");
  s["id"] = "ems.t/../x.srv";
  EXPECT_EQ(load_error(s), "x.json: ems.t/../x.srv: id: path separator at byte 5 (an id names a folder)");
  s["id"] = "ems.t\\x.srv";
  EXPECT_EQ(load_error(s), "x.json: ems.t\\x.srv: id: path separator at byte 5 (an id names a folder)");
  s["id"] = "ems.t x.srv";
  EXPECT_EQ(load_error(s), "x.json: ems.t x.srv: id: space at byte 5 (ids are printable ASCII)");
}

TEST(LoaderErrors, ACatalogFileOverOneMebibyteIsNotRead) {
  char tmpl[] = "/tmp/tlsc_catalog_big_XXXXXX";
  ASSERT_NE(::mkdtemp(tmpl), nullptr);
  const std::filesystem::path dir = tmpl;
  {
    std::ofstream out(dir / "big.json", std::ios::binary);
    out << R"({"family": "ems", "title": ")" << std::string(size_t{1} << 20, 'x') << R"(", "scenarios": []})";
  }
  const auto size = std::filesystem::file_size(dir / "big.json");
  try {
    load_catalog(dir);
    ADD_FAILURE() << "loaded";
  } catch (const LoadError& e) {
    EXPECT_EQ(std::string(e.what()), (dir / "big.json").string() + ": " + std::to_string(size) +
                                         " bytes, over the 1 MiB limit of a catalog file: not read");
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace tlsc::scenarios
