// What a connection of our scripted peer is asked to do: the settings a correct peer has (versions,
// suites, groups, credentials, resumption) plus the Quirks switchboard of deliberate deviations.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "peers/crypto/dh.h"
#include "peers/crypto/keys.h"
#include "peers/engine/app_channel.h"
#include "peers/engine/app_data.h"
#include "peers/engine/quirks.h"
#include "peers/messages/extensions.h"
#include "peers/session/client_session_store.h"
#include "peers/session/session_cache.h"
#include "peers/session/ticket_sealer.h"
#include "peers/wire/codepoints.h"

namespace tlsc::engine {

// A certificate chain (DER, leaf first) with its private key.
struct Credential {
  std::vector<Bytes> chain;
  std::shared_ptr<crypto::PrivateKey> key;

  // Loads a PEM certificate file (leaf first, then any intermediates) and a PEM key file.
  static crypto::Result<Credential> from_pem_files(const std::string& cert, const std::string& key);
};

struct Timeouts {
  std::chrono::milliseconds io{5000};  // each read or write of the handshake
  std::chrono::milliseconds close{500};  // waiting for the peer's close_notify after ours
  // The overall deadline (e.g. the unit's): no read or write waits past it, whatever the peer
  // sends; reaching it ends the connection with Error::kUnitDeadline.
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
  // Polled while waiting and by long computations (the leading-zero key search, the oracle);
  // true ends the connection with Error::kStopped at once (the caller is shutting down).
  std::function<bool()> stop;
};

// Per-connection caps on what the peer can make us read and record, so that a peer that never
// stops sending ends its connection with a named error and bounded memory.
struct Limits {
  int max_warning_alerts = 16;               // Error::kTooManyWarningAlerts
  size_t max_records = 8192;                 // records read, Error::kTooManyRecords
  size_t max_handshake_bytes = 1u << 20;     // handshake bytes read, Error::kHandshakeTooLarge
  size_t max_recorded_bytes = 16u << 20;     // bytes_sent / bytes_received each, Error::kTranscriptTooLarge
  size_t max_messages = 8192;                // report.messages entries, Error::kTranscriptTooLarge
};

// The default suite lists: every suite the engine implements, AEAD first.
std::vector<CipherSuite> default_suites();
std::vector<NamedGroup> default_groups();
std::vector<SignatureScheme> default_signature_schemes();

struct ClientConfig {
  ProtocolVersion max_version = ProtocolVersion::kTls12;  // offered in ClientHello.client_version
  ProtocolVersion min_version = ProtocolVersion::kTls10;  // lowest ServerHello version accepted
  std::vector<CipherSuite> suites = default_suites();
  std::vector<NamedGroup> groups = default_groups();
  std::vector<SignatureScheme> signature_schemes = default_signature_schemes();
  std::string server_name = "localhost";  // SNI; empty: no server_name extension
  bool offer_tickets = true;              // session_ticket extension (RFC 5077)
  bool secure_renegotiation = true;       // renegotiation_info (RFC 5746)
  bool require_ems = false;               // abort if the server does not echo EMS (RFC 7627 5.2 allows it)
  std::optional<Credential> credential;   // for CertificateRequest; none: empty Certificate
  // The session to offer for resumption (from a previous report), if any.
  std::optional<session::ClientSession> resume;
  bool resume_by_ticket = true;  // offer resume->ticket if it has one, else the session ID
  msg::Extensions extra_extensions;  // appended to the ClientHello as they are
  // The ClientHello's extensions in this order: the types it names first, in its order, then the
  // others in ours (a real stack's order, e.g. a persona's); empty: ours.
  std::vector<ExtensionType> extension_order;
  // After the handshake (app_data.h): kEcho sends `app_data` and, with await_reply, waits for as
  // many bytes back; kHttp sends GET / and reads a bounded response; kNone sends nothing. Then
  // close_notify, whatever happened (RFC 5246 7.2.1).
  AppData app_mode = AppData::kEcho;
  Bytes app_data;
  bool await_reply = true;
  // If set: runs after the handshake instead of the app_data script (app_channel.h); then we close.
  AppScript app_script;
  Timeouts timeouts;
  Limits limits;
  uint64_t seed = 1;
  ClientQuirks quirks;
};

// State a server keeps across connections: the session-ID cache and the ticket keys.
struct ServerState {
  explicit ServerState(uint64_t seed);
  crypto::Drbg ticket_key_source;  // declared first: `tickets` draws its keys from it
  session::SessionCache cache;
  session::TicketSealer tickets;
  // Connections started with this state so far. Each connection's DRBG stream is told apart by
  // it, so two connections with one seed still get distinct server randoms and session IDs (a new
  // session ID equal to one the client offers would read as a resumption, RFC 5246 7.4.1.3).
  std::atomic<uint64_t> connections{0};
};

struct ServerConfig {
  ProtocolVersion max_version = ProtocolVersion::kTls12;
  ProtocolVersion min_version = ProtocolVersion::kTls10;
  std::vector<CipherSuite> suites = default_suites();  // in our order of preference
  std::vector<NamedGroup> groups = default_groups();
  std::vector<SignatureScheme> signature_schemes = default_signature_schemes();
  std::optional<Credential> rsa;    // for *_RSA and RSA key transport suites
  std::optional<Credential> ecdsa;  // for ECDHE_ECDSA suites
  crypto::DhGroup dh_group = crypto::ffdhe2048();  // the server-chosen (p, g) for DHE
  bool issue_tickets = true;         // NewSessionTicket when the client offers session_ticket
  bool cache_sessions = true;        // session IDs for resumption
  bool request_client_cert = false;  // send CertificateRequest in full handshakes
  bool require_client_cert = false;  // an empty client Certificate is fatal (RFC 5246 7.4.6)
  bool require_ems = false;  // refuse a ClientHello without EMS (RFC 7627 5.2 allows aborting)
  bool allow_legacy_resumption = false;  // resume when neither session nor hello has EMS (RFC 7627 5.3 SHOULD abort)
  bool secure_renegotiation = true;
  // After the handshake (app_data.h): kEcho echoes what the client sends until it closes; kHttp
  // answers the first request with a small response; kNone answers nothing. Then close_notify.
  AppData app_mode = AppData::kEcho;
  // If set: runs after the handshake instead of the echo loop (app_channel.h); then we close.
  AppScript app_script;
  msg::Extensions extra_extensions;  // appended to the ServerHello as they are
  std::shared_ptr<ServerState> state;  // shared by the connections of one server; created if null
  Timeouts timeouts;
  Limits limits;
  uint64_t seed = 1;
  ServerQuirks quirks;
};

}  // namespace tlsc::engine
