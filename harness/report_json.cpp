#include "harness/report_json.h"

namespace tlsc::harness {
namespace {

using nlohmann::ordered_json;

ordered_json text_or_null(const std::string& s) { return s.empty() ? ordered_json() : ordered_json(s); }

// The suite means something only once a ServerHello carried it (a server may fail before sending one).
bool server_hello_exchanged(const engine::ConnectionReport& r) {
  for (const auto& m : r.messages)
    if (m == "> server_hello" || m == "< server_hello") return true;
  return false;
}


}  // namespace

ordered_json report_to_json(const engine::ConnectionReport& r) {
  ordered_json j;
  j["role"] = r.role == engine::Role::kClient ? "client" : "server";
  j["seed"] = r.seed;
  j["handshake_complete"] = r.handshake_complete;
  j["version"] = r.version.value != 0 ? ordered_json(r.version.name()) : ordered_json();
  j["suite"] = server_hello_exchanged(r) ? ordered_json(r.suite.name()) : ordered_json();
  j["group"] = text_or_null(r.group);
  j["ems_offered"] = r.ems_offered;
  j["ems_echoed"] = r.ems_echoed;
  j["master_secret"] = text_or_null(r.master_secret_variant);
  j["premaster"] = text_or_null(r.premaster_form);
  j["leading_zeros"] = r.premaster_leading_zeros;
  j["key_search_tries"] = r.key_search_tries;
  j["resumption_offered"] = r.resumption_offered;
  j["resumption_offered_by"] = text_or_null(r.resumption_offered_by);
  j["resumed"] = std::string(engine::to_string(r.resumed));
  j["session_id"] = to_hex(r.session_id);
  j["ticket_issued"] = r.ticket_issued;
  j["certificate_requested"] = r.certificate_requested;
  j["client_certificate"] = r.client_certificate;
  j["secure_renegotiation"] = r.secure_renegotiation;
  j["renegotiated"] = r.renegotiated;
  j["messages"] = r.messages;
  ordered_json alerts = ordered_json::array();
  for (const auto& a : r.alerts)
    alerts.push_back({{"sent", a.sent}, {"level", a.level.name()}, {"description", a.description.name()}});
  j["alerts"] = std::move(alerts);
  j["closure"] = std::string(engine::to_string(r.closure));
  j["closure_detail"] = text_or_null(r.closure_detail);
  j["error"] = r.error == engine::Error::kNone ? ordered_json() : ordered_json(std::string(engine::to_string(r.error)));
  j["error_detail"] = text_or_null(r.error_detail);
  if (r.oracle)
    j["oracle"] = {{"master_secret", r.oracle->master_secret},
                   {"premaster", r.oracle->premaster},
                   {"summary", r.oracle->summary}};
  else
    j["oracle"] = nullptr;
  return j;
}

}  // namespace tlsc::harness
