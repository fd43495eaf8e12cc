#include "scenarios/observe.h"

namespace tlsc::scenarios {

Outcome classify(const engine::ConnectionReport& r) {
  using engine::Error;
  if (r.handshakes > 0) return r.resumed != engine::ResumedBy::kNone ? Outcome::kResumed : Outcome::kFull;
  if (r.peer_alert()) return Outcome::kAlert;
  switch (r.error) {
    case Error::kPeerClosed:
    case Error::kPeerReset: return Outcome::kClosed;
    case Error::kTimeout: return Outcome::kTimeout;
    case Error::kPeerAlert: return Outcome::kAlert;  // close_notify mid-handshake
    default: return Outcome::kPeerAbort;
  }
}

nlohmann::ordered_json observe(const engine::ConnectionReport& r) {
  nlohmann::ordered_json o;
  o["handshake_complete"] = r.handshakes > 0;
  o["version"] = r.version.value ? r.version.name() : "";
  o["suite"] = r.suite.value ? r.suite.name() : "";
  o["group"] = r.group;
  o["ems_offered"] = r.ems_offered;
  o["ems_echoed"] = r.ems_echoed;
  o["master_secret"] = r.master_secret_variant;
  o["premaster"] = r.premaster_form;
  o["premaster_leading_zeros"] = r.premaster_leading_zeros;
  o["key_search_tries"] = r.key_search_tries;
  o["resumption_offered"] = r.resumption_offered;
  o["resumption_offered_by"] = r.resumption_offered_by;
  o["resumed"] = std::string(engine::to_string(r.resumed));
  o["ticket_issued"] = r.ticket_issued;
  o["certificate_requested"] = r.certificate_requested;
  o["client_certificate"] = r.client_certificate;
  o["secure_renegotiation"] = r.secure_renegotiation;
  o["renegotiated"] = r.renegotiated;
  o["peer_alert"] = r.peer_alert() ? r.peer_alert()->name() : "";
  o["our_alert"] = r.our_alert() ? r.our_alert()->name() : "";
  o["closure"] = std::string(engine::to_string(r.closure));
  o["error"] = r.error == engine::Error::kNone ? "" : std::string(engine::to_string(r.error));
  o["oracle_master_secret"] = r.oracle ? r.oracle->master_secret : "";
  o["oracle_premaster"] = r.oracle ? r.oracle->premaster : "";
  o["app_data_echoed"] = !r.app_data_received.empty();
  // How the peer answered our HelloRequest: "renegotiated", "no_renegotiation", or "none".
  std::string answer = "none";
  if (r.renegotiated) answer = "renegotiated";
  for (const auto& a : r.alerts)
    if (!a.sent && a.description == AlertDescription::kNoRenegotiation) answer = "no_renegotiation";
  o["hello_request_answer"] = answer;
  // The peer left us waiting until the deadline after the handshake (it neither answered nor closed).
  o["hung"] = r.closure == engine::Closure::kTimeout;
  // Handshake messages the peer sent after our last ServerHelloDone: in an abbreviated handshake
  // that carried a full handshake's flight, any answer means the peer went along with it.
  int after = -1;
  for (const auto& m : r.messages) {
    if (m == "> server_hello_done") after = 0;
    else if (after >= 0 && m.rfind("< ", 0) == 0 && m.find("alert") == std::string::npos) ++after;
  }
  o["messages_after_server_hello_done"] = std::max(after, 0);
  return o;
}

bool holds(const Check& check, const nlohmann::ordered_json& obs, std::string* why) {
  auto it = obs.find(check.field);
  if (it == obs.end()) {
    if (why) *why = check.field + " was not observed";
    return false;
  }
  if (check.is) {
    auto expected = nlohmann::ordered_json::parse(*check.is);
    if (*it == expected) return true;
    if (why) *why = check.field + " is " + it->dump() + ", expected " + expected.dump();
    return false;
  }
  if (!check.in.empty()) {
    for (const auto& text : check.in)
      if (*it == nlohmann::ordered_json::parse(text)) return true;
    if (why) *why = check.field + " is " + it->dump() + ", expected one of " + [&] {
      std::string l;
      for (const auto& t : check.in) l += (l.empty() ? "" : ", ") + t;
      return l;
    }();
    return false;
  }
  if (check.at_least) {
    if (it->is_number() && it->get<long long>() >= *check.at_least) return true;
    if (why) *why = check.field + " is " + it->dump() + ", expected at least " + std::to_string(*check.at_least);
    return false;
  }
  return true;
}

}  // namespace tlsc::scenarios
