// What one connection of our peer saw and did: the observations scenarios turn into verdicts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "peers/engine/errors.h"
#include "peers/session/client_session_store.h"
#include "peers/wire/bytes.h"
#include "peers/wire/codepoints.h"

namespace tlsc::engine {

enum class Role : uint8_t { kClient, kServer };  // OUR role on this connection

enum class Closure : uint8_t {
  kOpen,         // we closed it ourselves after the script (the peer did not end it)
  kCloseNotify,  // the peer sent close_notify
  kAlert,        // the peer sent a fatal alert
  kEof,          // the peer closed the TCP connection without an alert
  kReset,        // connection reset
  kTimeout,      // the peer went silent past the deadline
  kLocalError,   // we aborted (our alert, if any, is in `alerts`)
};

enum class ResumedBy : uint8_t { kNone, kSessionId, kTicket };

struct AlertEvent {
  bool sent = false;  // true: we sent it; false: we received it
  AlertLevel level;
  AlertDescription description;
  friend bool operator==(const AlertEvent&, const AlertEvent&) = default;
};

// What the key-schedule oracle found out about the peer's keys when its Finished did not verify.
struct OracleFinding {
  std::string master_secret;  // "standard", "extended", "extended-through-certificate-verify"
  std::string premaster;      // "stripped", "padded" (DHE); "fixed", "stripped" (ECDHE); "as-sent" (RSA)
  std::string summary;        // one sentence: "the client used the extended master secret over a padded DHE premaster"
};

struct ConnectionReport {
  Role role = Role::kClient;
  uint64_t seed = 0;
  bool handshake_complete = false;  // our Finished and the peer's were exchanged and verified
  int handshakes = 0;               // completed handshakes (renegotiation counts)
  ProtocolVersion version;
  CipherSuite suite;
  std::string group;  // "x25519", "ffdhe2048", "dh-2049", "rsa" ...
  bool ems_offered = false;  // the ClientHello offered extended_master_secret
  bool ems_echoed = false;   // the ServerHello carried it
  bool ems_used = false;               // WE derived the extended master secret (RFC 7627 4)
  std::string master_secret_variant;  // the same as text: "extended" or "standard" ("" before)
  std::string premaster_form;         // what WE used: "stripped", "padded", "fixed", "rsa"
  size_t premaster_leading_zeros = 0; // leading zero bytes of the shared secret at its full length
  uint64_t key_search_tries = 0;      // leading-zero key search, candidate keys tried
  bool resumption_offered = false;    // the ClientHello offered a session ID or ticket to resume
  std::string resumption_offered_by;  // "session-id", "ticket" or ""
  ResumedBy resumed = ResumedBy::kNone;
  Bytes session_id;                   // the ServerHello's session_id
  bool ticket_issued = false;         // a NewSessionTicket was sent/received
  bool certificate_requested = false; // CertificateRequest seen
  bool client_certificate = false;    // the client sent a non-empty Certificate
  bool secure_renegotiation = false;  // RFC 5746 negotiated
  bool renegotiated = false;
  std::vector<std::string> messages;  // in order: "> client_hello", "< server_hello", "< ccs", ...
  std::vector<AlertEvent> alerts;
  Closure closure = Closure::kOpen;
  std::string closure_detail;
  Error error = Error::kNone;
  std::string error_detail;
  RfcRule violated;  // the rule the peer broke when `error` is a violation (errors.h), else empty
  std::optional<OracleFinding> oracle;
  Bytes app_data_received;
  std::vector<std::string> keylog;  // NSS key log lines: CLIENT_RANDOM <hex> <hex>
  Bytes bytes_sent;                 // every byte we wrote, in order
  Bytes bytes_received;             // every byte we read, in order
  // After a completed handshake as a client: what to offer for resumption next time.
  std::optional<session::ClientSession> session;

  // The peer's fatal alert, if it sent one.
  std::optional<AlertDescription> peer_alert() const;
  // The alert we sent, if any.
  std::optional<AlertDescription> our_alert() const;
  // Multi-line human-readable summary (for --json-less output and test failures).
  std::string describe() const;
};

std::string_view to_string(Closure c);
std::string_view to_string(ResumedBy r);

}  // namespace tlsc::engine
