// What a valid catalog file loads to: matrix expansion (string and object values, {dim},
// {dim.key}, {dim.label}, the cartesian product of dimensions) and every parsed field.
#include <gtest/gtest.h>

#include "catalog_text.h"
#include "scenarios/loader.h"

namespace tlsc::scenarios {
namespace {

using testing::catalog;
using testing::client_scenario;
using testing::json;
using testing::server_scenario;

std::vector<Scenario> load(const json& scenario) { return load_catalog_text(catalog(scenario), "x.json"); }

// Our client's quirks (the IUT is the server) as the loader parses them: typed, in file order.
engine::QuirkChanges client_quirks(std::vector<engine::ClientQuirkChange> changes) {
  engine::QuirkChanges q;
  q.client = std::move(changes);
  return q;
}
using CQ = engine::ClientQuirk;

std::vector<std::string> ids(const std::vector<Scenario>& v) {
  std::vector<std::string> out;
  for (const auto& s : v) out.push_back(s.id);
  return out;
}

TEST(LoaderMatrix, StringValuesAreTheirOwnLabel) {
  json s = server_scenario("ems.value.{value}.srv");
  s["matrix"] = {{"value", {"zero", "p-1"}}};
  s["title"] = "rejects {value}";
  s["otherwise"] = json::parse(R"([{"outcome": "any", "errors": ["BadFinished"], "verdict": "fail", "diagnosis": "accepted {value}"}])");
  s["connections"][0]["quirks"] = {{"DhePublicValue", "{value}"}};
  auto v = load(s);
  ASSERT_EQ(ids(v), (std::vector<std::string>{"ems.value.zero.srv", "ems.value.p-1.srv"}));
  EXPECT_EQ(v[0].title, "rejects zero");
  EXPECT_EQ(v[1].title, "rejects p-1");
  EXPECT_EQ(v[1].otherwise.at(0).diagnosis, "accepted p-1");
  EXPECT_EQ(v[0].connections[0].quirks, client_quirks({{CQ::DhePublicValue, engine::PublicValueForm::kZero}}));
  EXPECT_EQ(v[1].connections[0].quirks, client_quirks({{CQ::DhePublicValue, engine::PublicValueForm::kPMinusOne}}));
  EXPECT_EQ(v[0].variant, (std::map<std::string, std::string>{{"value", "zero"}}));
  EXPECT_EQ(v[1].variant, (std::map<std::string, std::string>{{"value", "p-1"}}));
  for (const auto& x : v) {
    EXPECT_EQ(x.family, "ems");
    EXPECT_EQ(x.file, "x.json");
  }
}

TEST(LoaderMatrix, ObjectValuesGiveLabelAndKeys) {
  // {by} and {by.label} are both the label; {by.tickets} is a key of the value.
  json s = server_scenario("ems.resume.{by}.srv");
  s["matrix"] = json::parse(R"({"by": [{"label": "id", "tickets": "off", "n": 2},
                                        {"label": "ticket", "tickets": "on", "n": 3}]})");
  s["title"] = "resume by {by.label} (n={by.n})";
  s["requires"] = {"resume-{by}"};
  s["connections"] = json::parse(R"([
    {"peer": {"tickets": "{by.tickets}"}, "expect": {"outcome": "complete"}},
    {"peer": {"tickets": "{by.tickets}", "resume": "{by}"}, "expect": {"outcome": "resumed"}}])");
  auto v = load(s);
  ASSERT_EQ(ids(v), (std::vector<std::string>{"ems.resume.id.srv", "ems.resume.ticket.srv"}));
  EXPECT_EQ(v[0].title, "resume by id (n=2)");  // a non-string key is substituted as its JSON text
  EXPECT_EQ(v[1].title, "resume by ticket (n=3)");
  EXPECT_EQ(v[0].requires_caps, (std::vector<std::string>{"resume-id"}));
  EXPECT_EQ(v[1].requires_caps, (std::vector<std::string>{"resume-ticket"}));
  EXPECT_EQ(v[0].connections[0].peer.tickets, false);
  EXPECT_EQ(v[1].connections[0].peer.tickets, true);
  EXPECT_EQ(v[0].connections[1].peer.resume, engine::ResumedBy::kSessionId);
  EXPECT_EQ(v[1].connections[1].peer.resume, engine::ResumedBy::kTicket);
  EXPECT_EQ(v[1].variant, (std::map<std::string, std::string>{{"by", "ticket"}}));
}

TEST(LoaderMatrix, LabelPlaceholderInTheId) {
  json s = client_scenario("ems.x.{group.label}.cli");
  s["matrix"] = json::parse(R"({"group": [{"label": "p256", "name": "secp256r1"}, {"label": "x25519", "name": "x25519"}]})");
  s["connections"][0]["peer"] = {{"groups", {"{group.name}"}}};
  auto v = load(s);
  ASSERT_EQ(ids(v), (std::vector<std::string>{"ems.x.p256.cli", "ems.x.x25519.cli"}));
  EXPECT_EQ(v[0].connections[0].peer.groups, (std::vector<std::string>{"secp256r1"}));
  EXPECT_EQ(v[1].connections[0].peer.groups, (std::vector<std::string>{"x25519"}));
}

TEST(LoaderMatrix, TwoDimensionsGiveTheCartesianProductFirstDimensionSlowest) {
  json s = server_scenario("ems.{ems}.{by}.srv");
  s["matrix"] = json::parse(R"({"ems": [{"label": "ems", "on": "on"}, {"label": "no-ems", "on": "off"}],
                                 "by": ["id", "ticket", "both"]})");
  s["connections"][0]["peer"] = {{"ems", "{ems.on}"}};
  s["otherwise"] = json::parse(R"([{"outcome": "full", "verdict": "warn", "diagnosis": "{ems} by {by}"}])");
  auto v = load(s);
  ASSERT_EQ(ids(v), (std::vector<std::string>{"ems.ems.id.srv", "ems.ems.ticket.srv", "ems.ems.both.srv",
                                              "ems.no-ems.id.srv", "ems.no-ems.ticket.srv", "ems.no-ems.both.srv"}));
  // A boolean setting takes "on"/"off" from a matrix key (keys substitute as text).
  EXPECT_EQ(v[0].connections[0].peer.ems, true);
  EXPECT_EQ(v[5].connections[0].peer.ems, false);
  EXPECT_EQ(v[4].otherwise.at(0).diagnosis, "no-ems by ticket");
  EXPECT_EQ(v[4].variant, (std::map<std::string, std::string>{{"by", "ticket"}, {"ems", "no-ems"}}));
}

TEST(LoaderMatrix, ScenariosWithoutAMatrixHaveNoVariant) {
  auto v = load(server_scenario());
  ASSERT_EQ(v.size(), 1u);
  EXPECT_TRUE(v[0].variant.empty());
}

// ---------------------------------------------------------------- every field

TEST(LoaderFields, EveryFieldOfAServerScenario) {
  auto s = json::parse(R"({
    "id": "ems.all.srv", "title": "all fields", "role": "server",
    "rfc": [{"rfc": "7627", "section": "5.3", "level": "SHOULD", "requirement": "r1", "interpretation": "i1"},
            {"rfc": "5246", "section": "7.4.1.4", "level": "MUST NOT", "requirement": "r2"}],
    "requires": ["ems", "resume-id"], "iut_config": "ems-off", "slow": true, "statistical": "on",
    "connections": [
      {"peer": {"version": "tls1.1", "suites": ["dhe", "ECDHE-RSA-AES128-GCM-SHA256"], "groups": ["secp384r1"],
                "ems": "off", "tickets": true, "client_cert": true, "send": "hello"},
       "quirks": {"ForceLeadingZeroBytes": 2, "OmitEms": true, "ForceMasterSecret": "standard"},
       "expect": {"outcome": "abort", "alerts": ["handshake_failure", "decode_error"],
                  "checks": [{"field": "version", "in": ["TLSv1.1", "TLSv1.2"], "else": "wrong version"},
                             {"field": "ems_echoed", "is": false}],
                  "reached": [{"field": "premaster_leading_zeros", "at_least": 2, "else": "no zeros"}]}},
      {"peer": {"resume": "id"}, "expect": {"outcome": "complete-or-abort"}}],
    "otherwise": [{"outcome": "resumed", "verdict": "fail", "diagnosis": "d1"},
                  {"outcome": "any", "verdict": "pass", "diagnosis": "d2"}],
    "probes": [{"peer": {"ems": true}, "quirks": {"PadDhePremaster": true}, "when": "full", "diagnosis": "p1"}],
    "fallback": {"peer": {"groups": ["x25519"]}, "quirks": {"MaxKeySearchTries": 10}, "max_attempts": 40}
  })");
  auto v = load(s);
  ASSERT_EQ(v.size(), 1u);
  const Scenario& x = v[0];
  EXPECT_EQ(x.id, "ems.all.srv");
  EXPECT_EQ(x.title, "all fields");
  EXPECT_EQ(x.role, Role::server);
  ASSERT_EQ(x.rfc.size(), 2u);
  EXPECT_EQ(x.rfc[0], (RfcRef{"7627", "5.3", "SHOULD", "r1", "i1"}));
  EXPECT_EQ(x.rfc[1], (RfcRef{"5246", "7.4.1.4", "MUST NOT", "r2", ""}));
  EXPECT_EQ(x.level(), "MUST");  // MUST NOT outranks SHOULD
  EXPECT_EQ(x.requires_caps, (std::vector<std::string>{"ems", "resume-id"}));
  EXPECT_EQ(x.iut_config, "ems-off");
  EXPECT_TRUE(x.slow);
  EXPECT_TRUE(x.statistical);
  ASSERT_EQ(x.connections.size(), 2u);
  const auto& p = x.connections[0].peer;
  EXPECT_EQ(p.version, "tls1.1");
  EXPECT_EQ(p.suites, (std::vector<std::string>{"dhe", "ECDHE-RSA-AES128-GCM-SHA256"}));
  EXPECT_EQ(p.groups, (std::vector<std::string>{"secp384r1"}));
  EXPECT_EQ(p.ems, false);
  EXPECT_EQ(p.tickets, true);
  EXPECT_EQ(p.client_cert, true);
  EXPECT_EQ(p.send, "hello");
  EXPECT_FALSE(p.resume);
  EXPECT_EQ(x.connections[0].quirks, client_quirks({{CQ::ForceLeadingZeroBytes, 2},
                                                    {CQ::OmitEms, true},
                                                    {CQ::ForceMasterSecret, engine::MasterSecretMode::kStandard}}));
  const auto& e = x.connections[0].expect;
  EXPECT_EQ(e.outcome, Expect::kAbort);
  EXPECT_EQ(e.alerts, (std::vector<std::string>{"handshake_failure", "decode_error"}));
  ASSERT_EQ(e.checks.size(), 2u);
  EXPECT_EQ(e.checks[0].field, "version");
  EXPECT_EQ(e.checks[0].in, (std::vector<std::string>{"\"TLSv1.1\"", "\"TLSv1.2\""}));
  EXPECT_FALSE(e.checks[0].is);
  EXPECT_EQ(e.checks[0].otherwise, "wrong version");
  EXPECT_EQ(e.checks[1].is, "false");
  EXPECT_EQ(e.checks[1].otherwise, "");
  ASSERT_EQ(e.reached.size(), 1u);
  EXPECT_EQ(e.reached[0].at_least, 2);
  EXPECT_EQ(e.reached[0].otherwise, "no zeros");
  EXPECT_EQ(x.connections[1].peer.resume, engine::ResumedBy::kSessionId);
  EXPECT_EQ(x.connections[1].expect.outcome, Expect::kCompleteOrAbort);
  ASSERT_EQ(x.otherwise.size(), 2u);
  EXPECT_EQ(x.otherwise[0].when, Outcome::kResumed);
  EXPECT_EQ(x.otherwise[0].verdict, Verdict::fail);
  EXPECT_EQ(x.otherwise[0].diagnosis, "d1");
  EXPECT_FALSE(x.otherwise[1].when);  // "any"
  EXPECT_EQ(x.otherwise[1].verdict, Verdict::pass);
  ASSERT_EQ(x.probes.size(), 1u);
  EXPECT_EQ(x.probes[0].peer.ems, true);
  EXPECT_EQ(x.probes[0].quirks, client_quirks({{CQ::PadDhePremaster, true}}));
  EXPECT_EQ(x.probes[0].when, Expect::kFull);
  EXPECT_EQ(x.probes[0].diagnosis, "p1");
  ASSERT_TRUE(x.fallback);
  EXPECT_EQ(x.fallback->peer.groups, (std::vector<std::string>{"x25519"}));
  EXPECT_EQ(x.fallback->quirks, client_quirks({{CQ::MaxKeySearchTries, uint64_t{10}}}));
  EXPECT_EQ(x.fallback->max_attempts, 40);
}

TEST(LoaderFields, DefaultsOfAClientScenario) {
  json s = client_scenario();
  s["connections"][0]["peer"] = json::parse(R"({"dh_group": "sparse2049", "request_client_cert": true,
      "require_client_cert": false, "allow_legacy_resumption": true})");
  auto v = load(s);
  ASSERT_EQ(v.size(), 1u);
  const Scenario& x = v[0];
  EXPECT_EQ(x.role, Role::client);
  EXPECT_EQ(x.iut_config, "default");
  EXPECT_TRUE(x.requires_caps.empty());
  EXPECT_FALSE(x.slow);
  EXPECT_FALSE(x.statistical);
  EXPECT_FALSE(x.fallback);
  EXPECT_EQ(x.level(), "MUST");
  const auto& p = x.connections[0].peer;
  EXPECT_EQ(p.dh_group, "sparse2049");
  EXPECT_EQ(p.request_client_cert, true);
  EXPECT_EQ(p.require_client_cert, false);
  EXPECT_EQ(p.allow_legacy_resumption, true);
  EXPECT_FALSE(p.ems);
  EXPECT_FALSE(p.version);
  EXPECT_EQ(x.connections[0].quirks, engine::QuirkChanges{});
}

TEST(LoaderFields, LevelIsTheStrongestReference) {
  auto level_of = [](std::vector<const char*> levels) {
    Scenario s;
    for (const char* l : levels) s.rfc.push_back(RfcRef{"1", "1", l, "r", ""});
    return s.level();
  };
  EXPECT_EQ(level_of({"SHOULD"}), "SHOULD");
  EXPECT_EQ(level_of({"SHOULD NOT", "MAY"}), "SHOULD");
  EXPECT_EQ(level_of({"MAY"}), "MAY");
  EXPECT_EQ(level_of({"MAY", "SHOULD", "MUST NOT"}), "MUST");
  EXPECT_EQ(level_of({}), "MAY");
}

}  // namespace
}  // namespace tlsc::scenarios
