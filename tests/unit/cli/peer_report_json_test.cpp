// report_to_json: every ConnectionReport field lands under its documented key, in order.
#include <gtest/gtest.h>

#include "harness/report_json.h"

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

TEST(PeerReportJson, FieldsCarryTheReportValues) {
  auto j = harness::report_to_json(failed_resumption());
  EXPECT_EQ(j["role"], "server");
  EXPECT_EQ(j["seed"], 42);
  EXPECT_EQ(j["handshake_complete"], false);
  EXPECT_EQ(j["version"], "TLS1.1");
  EXPECT_EQ(j["suite"], "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA");
  EXPECT_EQ(j["group"], "secp256r1");
  EXPECT_EQ(j["master_secret"], "standard");
  EXPECT_EQ(j["premaster"], nullptr);
  EXPECT_EQ(j["leading_zeros"], 3);
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
  EXPECT_EQ(j["oracle"]["master_secret"], "extended");
  EXPECT_EQ(j["oracle"]["premaster"], "padded");
  EXPECT_EQ(j["oracle"]["summary"], "the client used EMS over a padded premaster");
}

TEST(PeerReportJson, KeysComeInTheDocumentedOrder) {
  auto j = harness::report_to_json(failed_resumption());
  std::vector<std::string> keys;
  for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
  const std::vector<std::string> expected = {
      "role", "seed", "handshake_complete", "version", "suite", "group", "ems_offered", "ems_echoed",
      "master_secret", "premaster", "leading_zeros", "key_search_tries", "resumption_offered",
      "resumption_offered_by", "resumed", "session_id", "ticket_issued", "certificate_requested",
      "client_certificate", "secure_renegotiation", "renegotiated", "messages", "alerts", "closure",
      "closure_detail", "error", "error_detail", "oracle"};
  EXPECT_EQ(keys, expected);
}

TEST(PeerReportJson, NothingNegotiatedIsNull) {
  engine::ConnectionReport r;  // failed before any ServerHello
  r.messages = {"> client_hello"};
  r.error = engine::Error::kPeerClosed;
  auto j = harness::report_to_json(r);
  EXPECT_EQ(j["version"], nullptr);
  EXPECT_EQ(j["suite"], nullptr);
  EXPECT_EQ(j["group"], nullptr);
  EXPECT_EQ(j["oracle"], nullptr);
  EXPECT_EQ(j["error"], "PeerClosed");
  EXPECT_EQ(j["session_id"], "");
}

TEST(PeerReportJson, ServerChoseVersionButSentNoServerHello) {
  engine::ConnectionReport r;
  r.role = engine::Role::kServer;
  r.version = ProtocolVersion::kTls12;  // chosen, then aborted on the ClientHello
  r.messages = {"< client_hello"};
  auto j = harness::report_to_json(r);
  EXPECT_EQ(j["version"], "TLS1.2");
  EXPECT_EQ(j["suite"], nullptr);
}

}  // namespace
