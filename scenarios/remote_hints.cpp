#include "scenarios/remote_hints.h"

#include <algorithm>

namespace tlsc::scenarios {
namespace {

constexpr const char* kPass = "the server requires a client certificate: pass --client-cert";

// A connection that ended in the handshake after the server's CertificateRequest, by the
// server's fatal alert or its close (RFC 5246 7.4.6: a server that requires a certificate may
// abort with a fatal handshake_failure alert; one that cannot verify ours, with e.g. unknown_ca).
bool ended_after_certificate_request(const engine::ConnectionReport& r) {
  if (!r.certificate_requested || r.handshakes > 0) return false;
  return r.peer_alert() || r.error == engine::Error::kPeerClosed || r.error == engine::Error::kPeerReset;
}

}  // namespace

bool about_client_auth(const Scenario& s) {
  if (std::count(s.requires_caps.begin(), s.requires_caps.end(), "client-auth")) return true;
  return std::any_of(s.connections.begin(), s.connections.end(),
                     [](const Connection& c) { return c.peer.client_cert.has_value(); });
}

std::string client_cert_demand(const Scenario& s, const std::vector<engine::ConnectionReport>& reports) {
  if (s.role != Role::server || about_client_auth(s)) return "";
  for (const auto& r : reports) {
    if (!ended_after_certificate_request(r)) continue;
    if (!r.client_certificate) return kPass;
    const std::string alert = r.peer_alert() ? " (alert " + r.peer_alert()->name() + ")" : "";
    return "the server refused our client certificate" + alert + ": pass --client-cert/--client-key with one it accepts";
  }
  return "";
}

void apply_client_cert_hint(const Scenario& s, const std::vector<engine::ConnectionReport>& reports,
                            results::Result& result) {
  // A skip too: a precondition the demand broke ("the case was not reached") blames the IUT for
  // something else; and an error: the judge's "the question cannot be asked" has this cause.
  if (result.verdict != results::Verdict::fail && result.verdict != results::Verdict::warn &&
      result.verdict != results::Verdict::skip && result.verdict != results::Verdict::error)
    return;
  const std::string why = client_cert_demand(s, reports);
  if (why.empty()) return;
  const bool refused = why.rfind(kPass, 0) != 0;
  result.deviation = "judged without the hint: " + result.reason + (result.deviation.empty() ? "" : "; " + result.deviation);
  result.reason = why;
  result.verdict = refused ? results::Verdict::error : results::Verdict::skip;
  result.observations["client_certificate_demand"] = refused ? "refused" : "required";
}

}  // namespace tlsc::scenarios
