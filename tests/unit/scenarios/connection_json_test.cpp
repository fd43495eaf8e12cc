// connection_json: every ConnectionReport field lands under its documented key, in order.
#include <gtest/gtest.h>

#include "scenarios/connection_json.h"
#include "scenarios/observe.h"

namespace {

using namespace tlsc;

engine::ConnectionReport failed_resumption() {
  engine::ConnectionReport r;
  r.role = engine::Role::kServer;
  r.seed = 42;
  r.version = ProtocolVersion::kTls11;
  r.suite = CipherSuite{0xC013};
  r.group = "secp256r1";
  r.ems_offered = false;
  r.ems_echoed = false;
  r.master_secret_variant = "standard";
  r.premaster_leading_zeros = 3;
  r.key_search_tries = 777;
  r.resumption_offered = true;
  r.resumption_offered_by = "ticket";
  r.session_id = {0xAB, 0x01};
  r.messages = {"< client_hello", "> server_hello"};
  r.alerts = {{true, AlertLevel::kFatal, AlertDescription::kHandshakeFailure}};
  r.closure = engine::Closure::kLocalError;
  r.error = engine::Error::kResumedWithoutEms;
  r.error_detail = "no EMS";
  r.oracle = engine::OracleFinding{"extended", "padded", "the client used EMS over a padded premaster"};
  return r;
}

TEST(ConnectionJson, FieldsCarryTheReportValues) {
  auto j = scenarios::connection_json(failed_resumption());
  EXPECT_EQ(j["role"], "server");
  EXPECT_EQ(j["seed"], 42);
  EXPECT_EQ(j["handshake_complete"], false);
  EXPECT_EQ(j["version"], "TLS1.1");
  EXPECT_EQ(j["suite"], "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA");
  EXPECT_EQ(j["group"], "secp256r1");
  EXPECT_EQ(j["master_secret"], "standard");
  EXPECT_EQ(j["premaster"], "");
  EXPECT_EQ(j["premaster_leading_zeros"], 3);
  EXPECT_EQ(j["key_search_tries"], 777);
  EXPECT_EQ(j["resumption_offered"], true);
  EXPECT_EQ(j["resumption_offered_by"], "ticket");
  EXPECT_EQ(j["resumed"], "no");
  EXPECT_EQ(j["session_id"], "ab01");
  EXPECT_EQ(j["messages"].size(), 2u);
  ASSERT_EQ(j["alerts"].size(), 1u);
  EXPECT_EQ(j["alerts"][0]["sent"], true);
  EXPECT_EQ(j["alerts"][0]["level"], "fatal");
  EXPECT_EQ(j["alerts"][0]["description"], "handshake_failure");
  EXPECT_EQ(j["closure"], "aborted-by-us");
  EXPECT_EQ(j["error"], "ResumedWithoutEms");
  EXPECT_EQ(j["error_detail"], "no EMS");
  EXPECT_EQ(j["our_alert"], "handshake_failure");
  EXPECT_EQ(j["peer_alert"], "");
  EXPECT_EQ(j["oracle_master_secret"], "extended");
  EXPECT_EQ(j["oracle_premaster"], "padded");
  EXPECT_EQ(j["oracle_summary"], "the client used EMS over a padded premaster");
}

TEST(ConnectionJson, KeysComeInTheDocumentedOrder) {
  auto j = scenarios::connection_json(failed_resumption());
  std::vector<std::string> keys;
  for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
  const std::vector<std::string> expected = {
      "role", "seed", "handshake_complete", "version", "suite", "group", "ems_offered", "ems_echoed",
      "master_secret", "premaster", "premaster_leading_zeros", "key_search_tries", "resumption_offered",
      "resumption_offered_by", "resumed", "session_id", "ticket_issued", "certificate_requested",
      "client_certificate", "secure_renegotiation", "renegotiated", "messages", "alerts", "peer_alert",
      "our_alert", "closure", "closure_detail", "error", "error_detail", "oracle_master_secret",
      "oracle_premaster", "oracle_summary", "app_data_echoed", "hello_request_answer", "hung",
      "messages_after_server_hello_done"};
  EXPECT_EQ(keys, expected);
}

TEST(ConnectionJson, NothingNegotiatedIsEmpty) {
  engine::ConnectionReport r;  // failed before any ServerHello
  r.messages = {"> client_hello"};
  r.error = engine::Error::kPeerClosed;
  auto j = scenarios::connection_json(r);
  EXPECT_EQ(j["version"], "");
  EXPECT_EQ(j["suite"], "");
  EXPECT_EQ(j["group"], "");
  EXPECT_EQ(j["oracle_master_secret"], "");
  EXPECT_EQ(j["oracle_summary"], "");
  EXPECT_EQ(j["error"], "PeerClosed");
  EXPECT_EQ(j["session_id"], "");
}

TEST(ConnectionJson, ServerChoseVersionButSentNoServerHello) {
  engine::ConnectionReport r;
  r.role = engine::Role::kServer;
  r.version = ProtocolVersion::kTls12;  // chosen, then aborted on the ClientHello
  r.messages = {"< client_hello"};
  auto j = scenarios::connection_json(r);
  EXPECT_EQ(j["version"], "TLS1.2");
  EXPECT_EQ(j["suite"], "");
}

// The observations are the record's fields of the same names, with the same values.
TEST(ConnectionJson, ObservationsAreTheRecordsFields) {
  const auto r = failed_resumption();
  const auto j = scenarios::connection_json(r);
  const auto obs = scenarios::observe(r);
  for (const auto& field : scenarios::tls_observation_fields()) EXPECT_EQ(obs.at(field), j.at(field)) << field;
}

}  // namespace
