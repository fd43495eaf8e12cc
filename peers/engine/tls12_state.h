// What both TLS 1.2 handshake flows (client.cpp, server.cpp) check, derive and build the same way.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "peers/crypto/drbg.h"
#include "peers/crypto/keys.h"
#include "peers/engine/connection.h"
#include "peers/engine/errors.h"
#include "peers/engine/key_schedule.h"
#include "peers/engine/quirks.h"
#include "peers/engine/report.h"
#include "peers/messages/extensions.h"
#include "peers/messages/hello.h"
#include "peers/record/cipher_suite.h"
#include "peers/session/session_state.h"
#include "peers/transport/stream.h"

namespace tlsc::engine {

// Seconds a session we create may be resumed for; also the NewSessionTicket lifetime hint.
inline constexpr uint32_t kSessionLifetime = 7200;

// The extended_master_secret extension of `hello` ("ClientHello", "ServerHello"), or null.
// RFC 7627 5.1: "The extension_data field of this extension is empty"; a body is kMalformedEms
// unless `accept_malformed` (quirk AcceptMalformedEms).
const msg::Extension* ems_extension(const msg::Extensions& ext, std::string_view hello, bool accept_malformed);

// The master secret in use on a connection and how it was derived.
struct MasterSecret {
  Bytes secret;
  bool extended = false;  // RFC 7627 4 (extended) or RFC 5246 8.1 (standard)
};

// What both handshake flows hold for one connection: the caller's configuration (ClientConfig or
// ServerConfig) with its quirks, the report, the connection and its DRBG, and the state of the
// current handshake. ClientFlow and ServerFlow derive from it and add what only their role keeps.
template <class Config>
class Tls12Flow {
 protected:
  Tls12Flow(transport::Stream& stream, const Config& cfg, ConnectionReport& rep, std::string_view drbg_label)
      : cfg_(cfg), q_(cfg.quirks), rep_(rep), conn_(stream, rep, cfg.timeouts, cfg.limits), drbg_(cfg.seed, drbg_label) {}

  // RFC 5246 7.2.1: we end every connection with close_notify, also after the peer's EOF or a
  // deadline (a peer that closes its write side still reads; one that waits for us must not run
  // into its own timeout and drop the session). Then, if the peer has not closed, a short wait for
  // its close_notify; silence there is no hang.
  void close() { conn_.close_with_notify(cfg_.timeouts.close); }

  const Config& cfg_;
  decltype(Config::quirks) q_;
  ConnectionReport& rep_;
  Connection conn_;
  crypto::Drbg drbg_;

  msg::ClientHello ch_;
  msg::ServerHello sh_;
  ProtocolVersion version_;
  const record::CipherSuite* suite_ = nullptr;
  crypto::PrfAlg prf_ = crypto::PrfAlg::sha256;
  MasterSecretInputs ms_in_;
  MasterSecret master_;
  bool renegotiating_ = false;
  bool secure_renegotiation_ = false;  // RFC 5746: both sides support it on this connection
  Bytes client_verify_data_, server_verify_data_;
};

// run_client / run_server: the report of one run of the role's Flow (a Tls12Flow) over `stream`.
template <class Flow, class Config>
ConnectionReport run_flow(transport::Stream& stream, const Config& config, Role role) {
  ConnectionReport report;
  report.role = role;
  report.seed = config.seed;
  Flow(stream, config, report).run();
  return report;
}

// A full handshake's master secret: RFC 7627 4 / 5.2, extended when the ClientHello offered
// extended_master_secret and the ServerHello echoed it (rep.ems_offered, rep.ems_echoed); `force`
// (quirk ForceMasterSecret) overrides the negotiation. Recorded in `rep` (variant, key log).
MasterSecret full_master_secret(const MasterSecretInputs& in, ByteView premaster, MasterSecretMode force,
                                ConnectionReport& rep);

// An abbreviated handshake's master secret: the session's, with its EMS state (RFC 5246 7.3;
// RFC 7627 5.3). Recorded in `rep` like the above.
MasterSecret resumed_master_secret(const session::SessionState& st, ByteView client_random, ConnectionReport& rep);

// The session a full handshake created (RFC 5246 7.4.1.2), resumable for kSessionLifetime.
session::SessionState new_session(ProtocolVersion version, CipherSuite suite, const MasterSecret& master,
                                  std::vector<Bytes> peer_chain, std::string server_name, Bytes session_id);

// Checks a digitally-signed element the peer sent (RFC 5246 4.7): ServerKeyExchange (7.4.3) or
// CertificateVerify (7.4.8), named by `what`, over `data`. TLS 1.2: the algorithm must be one of
// `allowed` (RFC 5246 7.4.1.4.1, 7.4.4), else kIllegalParameter; before 1.2 the legacy MD5+SHA-1
// or SHA-1 signature. A signature that does not verify is kBadSignature.
void verify_peer_signature(const crypto::PublicKey& key, ProtocolVersion version, const std::optional<SignatureScheme>& scheme,
                           const std::vector<SignatureScheme>& allowed, ByteView data, ByteView signature,
                           std::string_view what);

// A flow that threw `e`: the report takes the error and the rule the peer broke (errors.h), and
// the peer gets our fatal alert where the error has one (RFC 5246 7.2.2).
void report_failure(const EngineError& e, Connection& conn, ConnectionReport& rep);

}  // namespace tlsc::engine
