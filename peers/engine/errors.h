// Why a connection ended badly. Peer misbehaviour has a name of its own (ResumedWithoutEms, not
// just "handshake_failure"), so a report can say exactly what the other side did. One table
// (errors.cpp) gives each error its name, the alert we send (RFC 5246 7.2.2), and, for an error
// that means the peer broke a rule, the RFC clause it broke and what it did in a vendor's words.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "peers/wire/codepoints.h"

namespace tlsc::engine {

enum class Error : uint8_t {
  kNone,
  // The peer broke the protocol.
  kDecodeError,            // a message or extension that does not parse
  kUnexpectedMessage,      // a message out of the legal order
  kIllegalParameter,       // a field value the RFC forbids at this point
  kHandshakeFailure,       // no acceptable parameters
  kProtocolVersion,        // no common version
  kUnsolicitedExtension,   // RFC 5246 7.4.1.4: ServerHello extension the client did not offer
  kDuplicateExtension,     // RFC 5246 7.4.1.4: two extensions of one type
  kMalformedEms,           // RFC 7627 5.1: extended_master_secret with a non-empty body
  kResumedWithoutEms,      // RFC 7627 5.3: resumption of an EMS session without EMS
  kResumedNonEmsWithEms,   // RFC 7627 5.3: resumption of a non-EMS session with EMS
  kLegacyResumption,       // RFC 7627 5.3: resumption where neither side uses EMS (SHOULD abort)
  kBadFinished,            // RFC 5246 7.4.9: verify_data does not match
  kBadRecordMac,           // a record that does not decrypt or authenticate
  kRecordOverflow,         // RFC 5246 6.2: record over the size limits
  kBadSignature,           // ServerKeyExchange or CertificateVerify signature does not verify
  kBadDhPublic,            // RFC 7919 3/4: DH public value not in 1 < Y < p-1
  kBadEcPoint,             // RFC 8422 5.11: ECDH public value not a valid point
  kBadCertificate,         // a certificate we cannot use (unparsable, wrong key type)
  kNoClientCertificate,    // RFC 5246 7.4.6: required client certificate missing
  kRenegotiationInfoMismatch,  // RFC 5746 3.4-3.7
  kBadPremaster,           // RSA premaster that does not decrypt (observed only; RFC 5246 7.4.7.1)
  // The peer ended the connection.
  kPeerAlert,              // a fatal alert from the peer
  kPeerClosed,             // EOF before the handshake completed
  kPeerReset,              // connection reset
  kTimeout,                // no answer before the deadline
  kTooManyWarningAlerts,   // RFC 5246 7.2 / RFC 8446 6: more warning alerts than Limits allow
  kTooManyRecords,         // more records on one connection than Limits allow
  kHandshakeTooLarge,      // more handshake bytes on one connection than Limits allow
  kTranscriptTooLarge,     // more bytes or messages than Limits let us record
  kUnitDeadline,           // the overall deadline (Timeouts::deadline) passed
  kStopped,                // our caller asked us to stop (Timeouts::stop), e.g. on SIGTERM
  // Our side.
  kKeySearchExhausted,     // the leading-zero key search hit its bound
  kInternalError,
};

// An RFC clause a peer broke: {"7627", "5.3", "MUST"}. Empty rfc: no rule was broken.
struct RfcRule {
  std::string_view rfc, section, level;
  explicit operator bool() const { return !rfc.empty(); }
  std::string cite() const { return "RFC " + std::string(rfc) + " " + std::string(section); }
  friend bool operator==(const RfcRule&, const RfcRule&) = default;
};

std::string_view to_string(Error e);
// The error of that name (as to_string gives it), or nullopt.
std::optional<Error> error_from_name(std::string_view name);

// The alert we send for `e` (RFC 5246 7.2.2), or nullopt when none is sent (the peer is gone).
std::optional<AlertDescription> alert_for(Error e);

// The rule the peer broke when our peer stops with `e`; empty for errors that are no violation
// (no common parameters, the peer closed, our own limits).
RfcRule rule_for(Error e);

// What the peer did, in a vendor's words ("resumed an EMS session without EMS"); "" for none.
std::string_view what_peer_did(Error e);

// Thrown inside a handshake flow and caught once, at the top, where the alert goes out. `rule`
// overrides rule_for(code) where the throw site knows the exact clause (an unsolicited
// extended_master_secret breaks RFC 7627 5.2 as well as RFC 5246 7.4.1.4).
struct EngineError : std::runtime_error {
  EngineError(Error c, std::string detail, RfcRule r = {}) : std::runtime_error(std::move(detail)), code(c), rule(r) {}
  Error code;
  RfcRule rule;
};

}  // namespace tlsc::engine
