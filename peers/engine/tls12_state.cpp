#include "peers/engine/tls12_state.h"

#include <algorithm>

#include "peers/crypto/signature.h"

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

void verify_peer_signature(const crypto::PublicKey& key, ProtocolVersion version, const std::optional<SignatureScheme>& scheme,
                           const std::vector<SignatureScheme>& allowed, ByteView data, ByteView signature,
                           std::string_view what) {
  const std::string name(what);
  crypto::Status st;
  if (version >= ProtocolVersion::kTls12) {
    // RFC 5246 4.7: a TLS 1.2 digitally-signed element names its algorithm (the parser reads it
    // for TLS 1.2, so it is there).
    if (!scheme) throw EngineError(Error::kDecodeError, "TLS 1.2 " + name + " without a signature algorithm");
    // RFC 5246 7.4.1.4.1 (server) / 7.4.8 (client): one of the algorithms the other side listed.
    if (std::find(allowed.begin(), allowed.end(), *scheme) == allowed.end())
      throw EngineError(Error::kIllegalParameter, name + " signed with " + scheme->name() + ", not offered");
    auto known = crypto::scheme_from_codepoint(scheme->value);
    if (!known) throw EngineError(Error::kIllegalParameter, "unknown signature scheme " + scheme->name());
    st = crypto::verify(key, *known, data, signature);
  } else {
    st = crypto::verify_legacy(key, data, signature);
  }
  if (!st) throw EngineError(Error::kBadSignature, name + " signature: " + st.error());
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
