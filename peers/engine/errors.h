// Why a connection ended badly. Peer misbehaviour has a name of its own (ResumedWithoutEms, not
// just "handshake_failure"), so a report can say exactly what the other side did; alert_for() is
// the one place that maps an error to the alert we send.
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

std::string_view to_string(Error e);

// The alert we send for `e` (RFC 5246 7.2.2), or nullopt when none is sent (the peer is gone).
std::optional<AlertDescription> alert_for(Error e);

// Thrown inside a handshake flow and caught once, at the top, where the alert goes out.
struct EngineError : std::runtime_error {
  EngineError(Error c, std::string detail) : std::runtime_error(std::move(detail)), code(c) {}
  Error code;
};

}  // namespace tlsc::engine
