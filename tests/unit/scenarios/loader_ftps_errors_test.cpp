// protocol "ftps" scenarios: what the loader accepts (file-level or scenario-level protocol, the
// control connection then data connections with a transfer, the ftps object) and the one-line
// error for each mistake.
#include <gtest/gtest.h>

#include "catalog_text.h"
#include "scenarios/ftps_quirks.h"
#include "scenarios/loader.h"

namespace tlsc::scenarios {
namespace {

using testing::json;
using testing::load_error;

json ftps_server(const std::string& id = "ftps.t.srv") {
  return json::parse(R"({
    "id": ")" + id + R"(", "title": "t", "role": "server", "protocol": "ftps",
    "rfc": [{"rfc": "4217", "section": "7", "level": "MUST", "requirement": "r"}],
    "connections": [{"expect": {"outcome": "complete"}},
                    {"transfer": "RETR", "peer": {"resume": "none", "ems": false}, "expect": {"outcome": "complete"}}]
  })");
}

json ftps_client(const std::string& id = "ftps.t.cli") {
  json s = ftps_server(id);
  s["role"] = "client";
  s["connections"][1]["peer"] = json::parse(R"({"ems": false})");
  return s;
}

std::string err(const json& s) { return load_error(testing::catalog(s, "ftps")); }

TEST(LoaderFtps, LoadsBothRolesWithTheirSettings) {
  json srv = ftps_server();
  srv["ftps"] = json::parse(R"({"passive": "epsv", "auth": "SSL", "quirks": {"SkipPbsz": true}})");
  auto v = load_catalog_text(testing::catalog(json::array({srv, ftps_client()}), "ftps"), "x.json");
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].protocol, "ftps");
  EXPECT_EQ(v[0].connections[1].transfer, ftps::Transfer::Kind::kRetr);
  EXPECT_EQ(v[0].connections[1].peer.resume, engine::ResumedBy::kNone);
  EXPECT_EQ(v[0].ftps.passive, ftps::PassiveMode::kEpsv);
  EXPECT_EQ(v[0].ftps.auth, "SSL");
  EXPECT_EQ(v[0].ftps.quirks.at("SkipPbsz"), "true");
  EXPECT_EQ(v[1].connections[1].transfer, ftps::Transfer::Kind::kRetr);
  EXPECT_FALSE(v[1].ftps.require_reuse);
}

TEST(LoaderFtps, FileLevelProtocolAppliesToEveryScenario) {
  json s = ftps_server();
  s.erase("protocol");
  json doc = json::parse(testing::catalog(s, "ftps"));
  doc["protocol"] = "ftps";
  auto v = load_catalog_text(doc.dump(), "x.json");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].protocol, "ftps");
  // Without it, the default is tls (and a transfer is then an error).
  EXPECT_EQ(err(s), "x.json: ftps.t.srv: connections[1].transfer: only for FTPS data connections (protocol 'ftps')");
  doc["protocol"] = "ftp";
  EXPECT_EQ(load_error(doc.dump()), "x.json: protocol: 'ftp' is not one of tls, ftps");
}

TEST(LoaderFtps, Errors) {
  json s = ftps_server();
  s["protocol"] = "sftp";
  EXPECT_EQ(err(s), "x.json: ftps.t.srv: protocol: 'sftp' is not one of tls, ftps");

  s = ftps_server();
  s["connections"][1]["transfer"] = "NLST";
  EXPECT_EQ(err(s), "x.json: ftps.t.srv: connections[1].transfer: 'NLST' is not one of LIST, RETR, STOR");

  s = ftps_server();
  s["connections"][1].erase("transfer");
  EXPECT_EQ(err(s), "x.json: ftps.t.srv: connections[1].transfer: missing field (an FTPS data connection of our client says "
                    "LIST, RETR or STOR)");

  s = ftps_server();
  s["connections"][0]["transfer"] = "LIST";
  EXPECT_EQ(err(s), "x.json: ftps.t.srv: connections[0].transfer: connections[0] is the FTPS control connection, which has no transfer");

  s = ftps_server();
  s["connections"].erase(1);
  EXPECT_EQ(err(s), "x.json: ftps.t.srv: connections: an FTPS scenario needs the control connection and at least one data connection");

  s = ftps_server();
  s["connections"][1]["peer"]["tickets"] = true;
  EXPECT_EQ(err(s), "x.json: ftps.t.srv: connections[1].peer.tickets: applies to the FTPS control connection only (a data "
                    "connection takes ems and resume)");

  s = ftps_server();
  s["connections"][1]["peer"]["resume"] = "psk";
  EXPECT_EQ(err(s), "x.json: ftps.t.srv: connections[1].peer.resume: 'psk' is not one of id, ticket, none");

  s = ftps_server();
  s["ftps"] = json::parse(R"({"require_reuse": true})");
  EXPECT_EQ(err(s), "x.json: ftps.t.srv: ftps.require_reuse: applies to our FTPS server only (the IUT is the server here)");

  s = ftps_server();
  s["ftps"] = json::parse(R"({"passive": "port"})");
  EXPECT_EQ(err(s), "x.json: ftps.t.srv: ftps.passive: 'port' is not one of pasv, epsv");

  s = ftps_server();
  s["ftps"] = json::parse(R"({"quirks": {"SendPlaintextReplyAfterAuth": true}})");
  EXPECT_EQ(err(s), "x.json: ftps.t.srv: ftps.quirks.SendPlaintextReplyAfterAuth: unknown FTPS quirk "
                    "'SendPlaintextReplyAfterAuth' (known: SkipPbsz)");

  s = ftps_server();
  s["ftps"] = json::parse(R"({"quirks": {"SkipPbsz": "maybe"}})");
  EXPECT_EQ(err(s), "x.json: ftps.t.srv: ftps.quirks.SkipPbsz: FTPS quirk SkipPbsz: bad value 'maybe' (bool)");

  s = ftps_server();
  s["ftps"] = json::parse(R"({"reuse": true})");
  EXPECT_EQ(err(s), "x.json: ftps.t.srv: ftps.reuse: unknown field");

  s = ftps_server();
  s["probes"] = json::array();
  EXPECT_EQ(err(s), "x.json: ftps.t.srv: probes: not supported for protocol 'ftps'");

  json c = ftps_client();
  c["ftps"] = json::parse(R"({"auth": "TLS"})");
  EXPECT_EQ(err(c), "x.json: ftps.t.cli: ftps.auth: applies to our FTPS client only (the IUT is the client here)");

  c = ftps_client();
  c["ftps"] = json::parse(R"({"quirks": {"SkipPbsz": true}})");
  EXPECT_EQ(err(c), "x.json: ftps.t.cli: ftps.quirks.SkipPbsz: unknown FTPS quirk 'SkipPbsz' (known: "
                    "SendPlaintextReplyAfterAuth, AcceptProtWithoutPbsz)");

  c = ftps_client();
  c["connections"][1]["peer"]["resume"] = "id";
  EXPECT_EQ(err(c), "x.json: ftps.t.cli: connections[1].peer.resume: applies to a client peer only (the IUT is the client here)");

  json t = testing::server_scenario("ftps.x.srv");
  t["ftps"] = json::object();
  EXPECT_EQ(err(t), "x.json: ftps.x.srv: ftps: only for a scenario with protocol 'ftps'");
  t = testing::server_scenario("ftps.x.srv");
  t["connections"][0]["peer"] = json::parse(R"({"resume": "none"})");
  EXPECT_EQ(err(t), "x.json: ftps.x.srv: connections[0].peer.resume: 'none' is not one of id, ticket");
}

}  // namespace
}  // namespace tlsc::scenarios

// The FTPS switchboards take a switch's value as the engine's do (peers/engine/quirks.h
// parse_switch): on/off and yes/no as well as true/false and 1/0.
namespace tlsc::scenarios {
TEST(FtpsQuirkValues, SpelledAsTheEngineSpellsThem) {
  for (const auto& [text, on] : std::vector<std::pair<std::string, bool>>{
           {"", true}, {"true", true}, {"1", true}, {"on", true}, {"yes", true},
           {"false", false}, {"0", false}, {"off", false}, {"no", false}}) {
    ftps::FtpsClientQuirks q;
    q.SkipPbsz = !on;
    std::string why;
    EXPECT_TRUE(set_ftps_quirk(q, "SkipPbsz", text, &why)) << text << ": " << why;
    EXPECT_EQ(q.SkipPbsz, on) << text;
  }
  ftps::FtpsServerQuirks s;
  std::string why;
  EXPECT_FALSE(set_ftps_quirk(s, "AcceptProtWithoutPbsz", "maybe", &why));
  EXPECT_EQ(why, "FTPS quirk AcceptProtWithoutPbsz: bad value 'maybe' (bool)");
}
}  // namespace tlsc::scenarios
