#include "scenarios/model.h"

namespace tlsc::scenarios {

std::string_view to_string(Outcome o) {
  switch (o) {
    case Outcome::kResumed: return "resumed";
    case Outcome::kFull: return "full";
    case Outcome::kAlert: return "alert";
    case Outcome::kClosed: return "closed";
    case Outcome::kTimeout: return "timeout";
    case Outcome::kPeerAbort: return "peer-abort";
  }
  return "?";
}

std::string_view to_string(Expect e) {
  switch (e) {
    case Expect::kComplete: return "complete";
    case Expect::kResumed: return "resumed";
    case Expect::kFull: return "full";
    case Expect::kAbort: return "abort";
    case Expect::kCompleteOrAbort: return "complete-or-abort";
    case Expect::kAny: return "any";
  }
  return "?";
}

bool matches(Expect e, Outcome o) {
  switch (e) {
    case Expect::kComplete: return o == Outcome::kResumed || o == Outcome::kFull;
    case Expect::kResumed: return o == Outcome::kResumed;
    case Expect::kFull: return o == Outcome::kFull;
    case Expect::kAbort: return o == Outcome::kAlert || o == Outcome::kClosed;
    case Expect::kCompleteOrAbort:
      return o == Outcome::kResumed || o == Outcome::kFull || o == Outcome::kAlert || o == Outcome::kClosed;
    case Expect::kAny: return true;
  }
  return false;
}

const std::vector<std::string>& tls_observation_fields() {
  static const std::vector<std::string> fields = {
      "handshake_complete", "version", "suite", "group", "ems_offered", "ems_echoed", "master_secret",
      "premaster", "premaster_leading_zeros", "key_search_tries", "resumption_offered", "resumption_offered_by",
      "resumed", "ticket_issued", "certificate_requested", "client_certificate", "secure_renegotiation",
      "renegotiated", "peer_alert", "our_alert", "closure", "error", "oracle_master_secret", "oracle_premaster",
      "app_data_echoed", "hello_request_answer", "hung", "messages_after_server_hello_done"};
  return fields;
}

const std::vector<std::string>& ftps_control_observation_fields() {
  static const std::vector<std::string> fields = {"auth_code", "login_code", "pbsz_code", "prot_code",
                                                  "quit_code", "plaintext_on_tls_control", "plaintext_line"};
  return fields;
}

const std::vector<std::string>& ftps_data_observation_fields() {
  static const std::vector<std::string> fields = {
      "transfer", "preliminary_code", "final_code", "resumed_control_session", "resumed_by", "ems_control",
      "ems_data", "checksum_match", "bytes", "transfer_result", "requires_session_reuse"};
  return fields;
}

const std::vector<std::string>& observation_fields() {
  static const std::vector<std::string> fields = [] {
    std::vector<std::string> all = tls_observation_fields();
    for (const auto* more : {&ftps_control_observation_fields(), &ftps_data_observation_fields()})
      all.insert(all.end(), more->begin(), more->end());
    return all;
  }();
  return fields;
}

Strength Scenario::strength() const {
  // MUST / MUST NOT outrank SHOULD / SHOULD NOT, which outrank MAY (the loader took only these).
  Strength best = Strength::kMay;
  for (const auto& r : rfc) {
    if (r.level.rfind("MUST", 0) == 0) return Strength::kMust;
    if (r.level.rfind("SHOULD", 0) == 0) best = Strength::kShould;
  }
  return best;
}

std::string Scenario::level() const {
  switch (strength()) {
    case Strength::kMust: return "MUST";
    case Strength::kShould: return "SHOULD";
    case Strength::kMay: break;
  }
  return "MAY";
}

}  // namespace tlsc::scenarios
