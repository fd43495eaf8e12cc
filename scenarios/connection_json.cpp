#include "scenarios/connection_json.h"

#include <algorithm>

namespace tlsc::scenarios {
namespace {

using nlohmann::ordered_json;

// The suite means something only once a ServerHello carried it (a server may fail before sending one).
bool server_hello_exchanged(const engine::ConnectionReport& r) {
  return std::any_of(r.messages.begin(), r.messages.end(),
                     [](const std::string& m) { return m == "> server_hello" || m == "< server_hello"; });
}

ordered_json alerts_json(const std::vector<engine::AlertEvent>& alerts) {
  ordered_json list = ordered_json::array();
  for (const auto& a : alerts)
    list.push_back({{"sent", a.sent}, {"level", a.level.name()}, {"description", a.description.name()}});
  return list;
}

// How the peer answered our HelloRequest: "renegotiated", "no_renegotiation", or "none".
std::string hello_request_answer(const engine::ConnectionReport& r) {
  std::string answer = r.renegotiated ? "renegotiated" : "none";
  for (const auto& a : r.alerts)
    if (!a.sent && a.description == AlertDescription::kNoRenegotiation) answer = "no_renegotiation";
  return answer;
}

// Handshake messages the peer sent after our last ServerHelloDone: in an abbreviated handshake
// that carried a full handshake's flight, any answer means the peer went along with it.
int messages_after_server_hello_done(const engine::ConnectionReport& r) {
  int after = -1;
  for (const auto& m : r.messages) {
    if (m == "> server_hello_done") after = 0;
    else if (after >= 0 && m.rfind("< ", 0) == 0 && m.find("alert") == std::string::npos) ++after;
  }
  return std::max(after, 0);
}

// What was negotiated, and the keys our peer derived.
void add_handshake(ordered_json& j, const engine::ConnectionReport& r) {
  j["handshake_complete"] = r.handshakes > 0;
  j["version"] = r.version.value ? r.version.name() : "";
  j["suite"] = server_hello_exchanged(r) ? r.suite.name() : "";
  j["group"] = r.group;
  j["ems_offered"] = r.ems_offered;
  j["ems_echoed"] = r.ems_echoed;
  j["master_secret"] = r.master_secret_variant;
  j["premaster"] = r.premaster_form;
}

// The shared secret's leading zeros and the key search for them; the resumption offered and done.
void add_keys_and_resumption(ordered_json& j, const engine::ConnectionReport& r) {
  j["premaster_leading_zeros"] = r.premaster_leading_zeros;
  j["key_search_tries"] = r.key_search_tries;
  j["resumption_offered"] = r.resumption_offered;
  j["resumption_offered_by"] = r.resumption_offered_by;
  j["resumed"] = std::string(engine::to_string(r.resumed));
  j["session_id"] = to_hex(r.session_id);
}

// What else the handshake carried, and the messages and alerts in order.
void add_exchange(ordered_json& j, const engine::ConnectionReport& r) {
  j["ticket_issued"] = r.ticket_issued;
  j["certificate_requested"] = r.certificate_requested;
  j["client_certificate"] = r.client_certificate;
  j["secure_renegotiation"] = r.secure_renegotiation;
  j["renegotiated"] = r.renegotiated;
  j["messages"] = r.messages;
  j["alerts"] = alerts_json(r.alerts);
  j["peer_alert"] = r.peer_alert() ? r.peer_alert()->name() : "";
  j["our_alert"] = r.our_alert() ? r.our_alert()->name() : "";
}

// How the connection ended, and what the key-schedule oracle found.
void add_ending(ordered_json& j, const engine::ConnectionReport& r) {
  j["closure"] = std::string(engine::to_string(r.closure));
  j["closure_detail"] = r.closure_detail;
  j["error"] = r.error == engine::Error::kNone ? "" : std::string(engine::to_string(r.error));
  j["error_detail"] = r.error_detail;
  j["oracle_master_secret"] = r.oracle ? r.oracle->master_secret : "";
  j["oracle_premaster"] = r.oracle ? r.oracle->premaster : "";
  j["oracle_summary"] = r.oracle ? r.oracle->summary : "";
}

// How the peer answered after the handshake.
void add_answers(ordered_json& j, const engine::ConnectionReport& r) {
  j["app_data_echoed"] = !r.app_data_received.empty();
  j["hello_request_answer"] = hello_request_answer(r);
  // The peer left us waiting until the deadline after the handshake (it neither answered nor closed).
  j["hung"] = r.closure == engine::Closure::kTimeout;
  j["messages_after_server_hello_done"] = messages_after_server_hello_done(r);
}

}  // namespace

ordered_json connection_json(const engine::ConnectionReport& r) {
  ordered_json j;
  j["role"] = r.role == engine::Role::kClient ? "client" : "server";
  j["seed"] = r.seed;
  add_handshake(j, r);
  add_keys_and_resumption(j, r);
  add_exchange(j, r);
  add_ending(j, r);
  add_answers(j, r);
  return j;
}

}  // namespace tlsc::scenarios
