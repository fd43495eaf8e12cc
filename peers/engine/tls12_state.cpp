#include "peers/engine/tls12_state.h"

#include <algorithm>

namespace tlsc::engine {
namespace {

void record(const MasterSecret& ms, ByteView client_random, ConnectionReport& rep) {
  rep.ems_used = ms.extended;
  rep.master_secret_variant = ms.extended ? "extended" : "standard";
  rep.keylog.push_back(keylog_line(client_random, ms.secret));
}

}  // namespace

const msg::Extension* ems_extension(const msg::Extensions& ext, std::string_view hello, bool accept_malformed) {
  const msg::Extension* ems = msg::find_extension(ext, ExtensionType::kExtendedMasterSecret);
  // RFC 7627 5.1: the extension_data field of this extension is empty.
  if (ems && !ems->body.empty() && !accept_malformed)
    throw EngineError(Error::kMalformedEms, std::string(hello) + " extended_master_secret has a " +
                                                std::to_string(ems->body.size()) + "-byte body");
  return ems;
}

MasterSecret full_master_secret(const MasterSecretInputs& in, ByteView premaster, MasterSecretMode force,
                                ConnectionReport& rep) {
  MasterSecret ms;
  // RFC 7627 4/5.2: the extended master secret when both sides negotiated it.
  ms.extended = rep.ems_offered && rep.ems_echoed;
  if (force == MasterSecretMode::kStandard) ms.extended = false;
  if (force == MasterSecretMode::kExtended) ms.extended = true;
  ms.secret = derive_master_secret(in, premaster, ms.extended);
  record(ms, in.client_random, rep);
  return ms;
}

MasterSecret resumed_master_secret(const session::SessionState& st, ByteView client_random, ConnectionReport& rep) {
  MasterSecret ms{Bytes(st.master_secret.begin(), st.master_secret.end()), st.extended_master_secret};
  record(ms, client_random, rep);
  return ms;
}

session::SessionState new_session(ProtocolVersion version, CipherSuite suite, const MasterSecret& master,
                                  std::vector<Bytes> peer_chain, std::string server_name, Bytes session_id) {
  session::SessionState st;
  st.version = version.value;
  st.cipher_suite = suite.value;
  std::copy(master.secret.begin(), master.secret.end(), st.master_secret.begin());
  st.extended_master_secret = master.extended;
  st.peer_certificates = std::move(peer_chain);
  st.server_name = std::move(server_name);
  st.created_at = session::system_seconds();
  st.lifetime = kSessionLifetime;
  st.session_id = std::move(session_id);
  return st;
}

void report_failure(const EngineError& e, Connection& conn, ConnectionReport& rep) {
  rep.error = e.code;
  rep.error_detail = e.what();
  rep.violated = e.rule ? e.rule : rule_for(e.code);
  if (auto alert = alert_for(e.code)) {
    conn.send_alert(AlertLevel::kFatal, *alert);
    if (rep.closure == Closure::kOpen) rep.closure = Closure::kLocalError;
  }
}

}  // namespace tlsc::engine
