// classify(), observe() and holds() on hand-built connection reports.
#include <gtest/gtest.h>

#include <set>

#include "scenarios/observe.h"

namespace tlsc::scenarios {
namespace {

using engine::AlertEvent;
using engine::ConnectionReport;
using engine::Error;

AlertEvent received(AlertLevel level, AlertDescription d) { return AlertEvent{false, level, d}; }
AlertEvent sent(AlertLevel level, AlertDescription d) { return AlertEvent{true, level, d}; }

ConnectionReport completed(engine::ResumedBy by = engine::ResumedBy::kNone) {
  ConnectionReport r;
  r.handshake_complete = true;
  r.handshakes = 1;
  r.resumed = by;
  return r;
}

ConnectionReport failed(Error e) {
  ConnectionReport r;
  r.error = e;
  r.error_detail = "detail";
  return r;
}

// ---------------------------------------------------------------- classify

TEST(Classify, CompletedHandshakes) {
  EXPECT_EQ(classify(completed()), Outcome::kFull);
  EXPECT_EQ(classify(completed(engine::ResumedBy::kSessionId)), Outcome::kResumed);
  EXPECT_EQ(classify(completed(engine::ResumedBy::kTicket)), Outcome::kResumed);
  // A completed handshake wins over what happened after it (an alert, an error on the echo).
  auto r = completed();
  r.alerts.push_back(received(AlertLevel::kFatal, AlertDescription::kDecodeError));
  r.error = Error::kPeerReset;
  EXPECT_EQ(classify(r), Outcome::kFull);
}

TEST(Classify, FatalAlertFromThePeer) {
  auto r = failed(Error::kPeerAlert);
  r.alerts.push_back(received(AlertLevel::kFatal, AlertDescription::kHandshakeFailure));
  EXPECT_EQ(classify(r), Outcome::kAlert);
  // A received fatal alert decides even when the error is something else.
  auto r2 = failed(Error::kPeerClosed);
  r2.alerts.push_back(received(AlertLevel::kFatal, AlertDescription::kDecodeError));
  EXPECT_EQ(classify(r2), Outcome::kAlert);
  // close_notify (a warning) mid-handshake: the error says the peer ended it with an alert.
  auto r3 = failed(Error::kPeerAlert);
  r3.alerts.push_back(received(AlertLevel::kWarning, AlertDescription::kCloseNotify));
  EXPECT_EQ(classify(r3), Outcome::kAlert);
}

TEST(Classify, ClosedTimeoutAndPeerAbort) {
  EXPECT_EQ(classify(failed(Error::kPeerClosed)), Outcome::kClosed);
  EXPECT_EQ(classify(failed(Error::kPeerReset)), Outcome::kClosed);
  EXPECT_EQ(classify(failed(Error::kTimeout)), Outcome::kTimeout);
  for (Error e : {Error::kBadFinished, Error::kResumedWithoutEms, Error::kUnexpectedMessage, Error::kMalformedEms,
                  Error::kKeySearchExhausted}) {
    auto r = failed(e);
    // Our own alert does not make it an "alert" outcome: that is the IUT's alert only.
    r.alerts.push_back(sent(AlertLevel::kFatal, AlertDescription::kHandshakeFailure));
    EXPECT_EQ(classify(r), Outcome::kPeerAbort) << engine::to_string(e);
  }
}

TEST(Classify, OutcomeNames) {
  EXPECT_EQ(to_string(Outcome::kResumed), "resumed");
  EXPECT_EQ(to_string(Outcome::kFull), "full");
  EXPECT_EQ(to_string(Outcome::kAlert), "alert");
  EXPECT_EQ(to_string(Outcome::kClosed), "closed");
  EXPECT_EQ(to_string(Outcome::kTimeout), "timeout");
  EXPECT_EQ(to_string(Outcome::kPeerAbort), "peer-abort");
}

TEST(Classify, WhichOutcomesAnExpectationAccepts) {
  const std::vector<Outcome> all = {Outcome::kResumed, Outcome::kFull,    Outcome::kAlert,
                                    Outcome::kClosed,  Outcome::kTimeout, Outcome::kPeerAbort};
  auto accepted = [&](Expect e) {
    std::string out;
    for (auto o : all)
      if (matches(e, o)) out += std::string(out.empty() ? "" : " ") + std::string(to_string(o));
    return out;
  };
  EXPECT_EQ(accepted(Expect::kComplete), "resumed full");
  EXPECT_EQ(accepted(Expect::kResumed), "resumed");
  EXPECT_EQ(accepted(Expect::kFull), "full");
  EXPECT_EQ(accepted(Expect::kAbort), "alert closed");
  EXPECT_EQ(accepted(Expect::kCompleteOrAbort), "resumed full alert closed");
  EXPECT_EQ(accepted(Expect::kAny), "resumed full alert closed timeout peer-abort");
}

// ---------------------------------------------------------------- observe

TEST(Observe, EveryFieldIsObservedAndNoOther) {
  auto obs = observe(ConnectionReport{});
  std::vector<std::string> keys;
  for (const auto& [k, v] : obs.items()) {
    (void)v;
    keys.push_back(k);
  }
  EXPECT_EQ(keys, tls_observation_fields());
  // observation_fields() is that plus the FTPS control and data fields, each once.
  std::vector<std::string> all = tls_observation_fields();
  all.insert(all.end(), ftps_control_observation_fields().begin(), ftps_control_observation_fields().end());
  all.insert(all.end(), ftps_data_observation_fields().begin(), ftps_data_observation_fields().end());
  EXPECT_EQ(all, observation_fields());
  EXPECT_EQ(std::set<std::string>(all.begin(), all.end()).size(), all.size());
}

TEST(Observe, Values) {
  auto r = completed(engine::ResumedBy::kTicket);
  r.version = ProtocolVersion::kTls12;
  r.group = "x25519";
  r.ems_offered = true;
  r.ems_echoed = true;
  r.premaster_leading_zeros = 2;
  r.resumption_offered = true;
  r.resumption_offered_by = "ticket";
  r.closure = engine::Closure::kCloseNotify;
  r.app_data_received = {'h', 'i'};
  auto o = observe(r);
  EXPECT_EQ(o["handshake_complete"], true);
  EXPECT_EQ(o["version"], ProtocolVersion::kTls12.name());
  EXPECT_EQ(o["suite"], "");  // none negotiated
  EXPECT_EQ(o["group"], "x25519");
  EXPECT_EQ(o["ems_echoed"], true);
  EXPECT_EQ(o["premaster_leading_zeros"], 2);
  EXPECT_EQ(o["resumption_offered_by"], "ticket");
  EXPECT_EQ(o["resumed"], "ticket");
  EXPECT_EQ(o["closure"], "close_notify");
  EXPECT_EQ(o["error"], "");
  EXPECT_EQ(o["peer_alert"], "");
  EXPECT_EQ(o["app_data_echoed"], true);
  EXPECT_EQ(o["hung"], false);
  EXPECT_EQ(o["hello_request_answer"], "none");
  EXPECT_EQ(o["oracle_master_secret"], "");

  auto f = failed(Error::kBadFinished);
  f.alerts.push_back(sent(AlertLevel::kFatal, AlertDescription::kDecryptError));
  f.oracle = engine::OracleFinding{"extended", "padded", "summary"};
  f.closure = engine::Closure::kLocalError;
  auto of = observe(f);
  EXPECT_EQ(of["handshake_complete"], false);
  EXPECT_EQ(of["resumed"], "no");
  EXPECT_EQ(of["error"], "BadFinished");
  EXPECT_EQ(of["our_alert"], "decrypt_error");
  EXPECT_EQ(of["oracle_master_secret"], "extended");
  EXPECT_EQ(of["oracle_premaster"], "padded");
  EXPECT_EQ(of["closure"], "aborted-by-us");
}

TEST(Observe, HelloRequestAnswerAndHang) {
  auto r = completed();
  r.alerts.push_back(received(AlertLevel::kWarning, AlertDescription::kNoRenegotiation));
  EXPECT_EQ(observe(r)["hello_request_answer"], "no_renegotiation");
  auto g = completed();
  g.renegotiated = true;
  g.handshakes = 2;
  EXPECT_EQ(observe(g)["hello_request_answer"], "renegotiated");
  auto h = completed();
  h.closure = engine::Closure::kTimeout;
  EXPECT_EQ(observe(h)["hung"], true);
}

TEST(Observe, MessagesAfterServerHelloDone) {
  ConnectionReport r;
  r.messages = {"< client_hello", "> server_hello", "> certificate", "> server_hello_done"};
  EXPECT_EQ(observe(r)["messages_after_server_hello_done"], 0);
  r.messages.push_back("< alert unexpected_message");  // an alert is not an answer
  EXPECT_EQ(observe(r)["messages_after_server_hello_done"], 0);
  r.messages.push_back("< client_key_exchange");
  r.messages.push_back("< ccs");
  EXPECT_EQ(observe(r)["messages_after_server_hello_done"], 2);
  ConnectionReport none;
  none.messages = {"< client_hello", "> server_hello", "> ccs", "> finished", "< ccs"};
  EXPECT_EQ(observe(none)["messages_after_server_hello_done"], 0);
}

// ---------------------------------------------------------------- holds

Check check_is(const std::string& field, const std::string& json_text) {
  Check c;
  c.field = field;
  c.is = json_text;
  return c;
}

TEST(Holds, Is) {
  auto obs = observe(completed());
  std::string why = "unchanged";
  EXPECT_TRUE(holds(check_is("handshake_complete", "true"), obs, &why));
  EXPECT_EQ(why, "unchanged");
  EXPECT_FALSE(holds(check_is("ems_echoed", "true"), obs, &why));
  EXPECT_EQ(why, "ems_echoed is false, expected true");
  EXPECT_FALSE(holds(check_is("resumed", "\"ticket\""), obs, &why));
  EXPECT_EQ(why, "resumed is \"no\", expected \"ticket\"");
  // The type counts: 0 is not false.
  EXPECT_FALSE(holds(check_is("ems_echoed", "0"), obs, &why));
  EXPECT_EQ(why, "ems_echoed is false, expected 0");
  EXPECT_FALSE(holds(check_is("ems_echoed", "true"), obs, nullptr));  // why is optional
}

TEST(Holds, In) {
  auto r = completed();
  r.resumption_offered_by = "session-id";
  auto obs = observe(r);
  Check c;
  c.field = "resumption_offered_by";
  c.in = {"\"ticket\"", "\"session-id\""};
  std::string why;
  EXPECT_TRUE(holds(c, obs, &why));
  c.in = {"\"ticket\"", "\"\""};
  EXPECT_FALSE(holds(c, obs, &why));
  EXPECT_EQ(why, "resumption_offered_by is \"session-id\", expected one of \"ticket\", \"\"");
}

TEST(Holds, AtLeast) {
  auto r = completed();
  r.premaster_leading_zeros = 1;
  auto obs = observe(r);
  Check c;
  c.field = "premaster_leading_zeros";
  c.at_least = 1;
  std::string why;
  EXPECT_TRUE(holds(c, obs, &why));
  c.at_least = 2;
  EXPECT_FALSE(holds(c, obs, &why));
  EXPECT_EQ(why, "premaster_leading_zeros is 1, expected at least 2");
  c.field = "group";  // a string is never "at least" a number
  c.at_least = 0;
  EXPECT_FALSE(holds(c, obs, &why));
  EXPECT_EQ(why, "group is \"\", expected at least 0");
}

TEST(Holds, FieldNotObserved) {
  std::string why;
  EXPECT_FALSE(holds(check_is("ems_negotiated", "true"), observe(completed()), &why));
  EXPECT_EQ(why, "ems_negotiated was not observed");
}

}  // namespace
}  // namespace tlsc::scenarios
