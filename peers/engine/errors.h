// Why a connection ended badly. Peer misbehaviour has a name of its own (ResumedWithoutEms, not
// just "handshake_failure"), so a report can say exactly what the other side did. One list
// (TLSC_ERRORS) gives each error its name, the alert we send (RFC 5246 7.2.2), and, for an error
// that means the peer broke a rule, the RFC clause it broke and what it did in a vendor's words.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "peers/messages/parse_error.h"
#include "peers/wire/codepoints.h"

namespace tlsc::engine {

// One row an error, in enum order: X(Name, the alert we send (RFC 5246 7.2.2), the RFC clause the
// peer broke, what the peer did in a vendor's words). The enum constant is kName and to_string
// gives "Name"; errors.cpp makes its table from the same rows. NO_RULE: the error is no violation
// by the peer; kNoAlert: we send none (the peer is gone). AD is AlertDescription.
#define TLSC_ERRORS(X)                                                                                             \
  /* The peer broke the protocol. */                                                                               \
  /* a message or extension that does not parse */                                                                 \
  X(DecodeError, AD::kDecodeError, RULE("5246", "7.4", "MUST"),                                                    \
    "sent a handshake message or extension that does not parse")                                                   \
  /* a message out of the legal order */                                                                           \
  X(UnexpectedMessage, AD::kUnexpectedMessage, RULE("5246", "7.3", "MUST"),                                        \
    "sent a message that does not belong at this point of the handshake")                                          \
  /* a field value the RFC forbids at this point */                                                                \
  X(IllegalParameter, AD::kIllegalParameter, RULE("5246", "7.4.1", "MUST"),                                        \
    "chose a parameter that was not offered or is not allowed here")                                               \
  /* no acceptable parameters; no common parameters is a refusal, not a violation */                               \
  X(HandshakeFailure, AD::kHandshakeFailure, NO_RULE, "")                                                          \
  /* no common version */                                                                                          \
  X(ProtocolVersion, AD::kProtocolVersion, NO_RULE, "")                                                            \
  /* ServerHello extension the client did not offer */                                                             \
  X(UnsolicitedExtension, AD::kUnsupportedExtension, RULE("5246", "7.4.1.4", "MUST NOT"),                          \
    "put an extension into its ServerHello that the client did not offer")                                         \
  /* two extensions of one type */                                                                                 \
  X(DuplicateExtension, AD::kIllegalParameter, RULE("5246", "7.4.1.4", "MUST NOT"),                                \
    "sent two extensions of the same type")                                                                        \
  /* extended_master_secret with a non-empty body; RFC 7627 5.1 names no alert, so decode_error */                 \
  X(MalformedEms, AD::kDecodeError, RULE("7627", "5.1", "MUST"),                                                   \
    "sent an extended_master_secret extension with a non-empty body")                                              \
  /* resumption of an EMS session without EMS */                                                                   \
  X(ResumedWithoutEms, AD::kHandshakeFailure, RULE("7627", "5.3", "MUST"),                                         \
    "resumed, or offered to resume, a session that used EMS without the extended_master_secret extension")         \
  /* resumption of a non-EMS session with EMS */                                                                   \
  X(ResumedNonEmsWithEms, AD::kHandshakeFailure, RULE("7627", "5.3", "MUST"),                                      \
    "resumed, or offered to resume, a session that did not use EMS with the extended_master_secret extension")     \
  /* resumption where neither side uses EMS (SHOULD abort) */                                                      \
  X(LegacyResumption, AD::kHandshakeFailure, RULE("7627", "5.3", "SHOULD"),                                        \
    "resumed a session where neither side uses EMS")                                                               \
  /* verify_data does not match */                                                                                 \
  X(BadFinished, AD::kDecryptError, RULE("5246", "7.4.9", "MUST"),                                                 \
    "sent a Finished whose verify_data does not match (another master secret or transcript)")                      \
  /* a record that does not decrypt or authenticate */                                                             \
  X(BadRecordMac, AD::kBadRecordMac, RULE("5246", "6.2.3", "MUST"),                                                \
    "sent a record that does not decrypt (another key block, so another master secret)")                           \
  /* record over the size limits */                                                                                \
  X(RecordOverflow, AD::kRecordOverflow, RULE("5246", "6.2.1", "MUST NOT"), "sent a record over the size limit")   \
  /* ServerKeyExchange or CertificateVerify signature does not verify */                                           \
  X(BadSignature, AD::kDecryptError, RULE("5246", "7.4.3", "MUST"), "sent a signature that does not verify")       \
  /* DH public value not in 1 < Y < p-1: RFC 7919 3 (client checks Ys) and 4 (server checks Yc) */                 \
  X(BadDhPublic, AD::kHandshakeFailure, RULE("7919", "3-4", "MUST"), "sent a DH public value outside 1 < Y < p-1") \
  /* ECDH public value not a valid point */                                                                        \
  X(BadEcPoint, AD::kIllegalParameter, RULE("8422", "5.11", "MUST"),                                               \
    "sent an ECDH public value that is not a valid point")                                                         \
  /* a certificate we cannot use (unparsable, wrong key type) */                                                   \
  X(BadCertificate, AD::kBadCertificate, NO_RULE, "")                                                              \
  /* required client certificate missing; an empty Certificate is allowed (RFC 5246 7.4.6), */                     \
  /* refusing it is our configuration */                                                                           \
  X(NoClientCertificate, AD::kHandshakeFailure, NO_RULE, "")                                                       \
  /* RFC 5746 3.4-3.7 */                                                                                           \
  X(RenegotiationInfoMismatch, AD::kHandshakeFailure, RULE("5746", "3.4", "MUST"),                                 \
    "sent renegotiation_info that does not match the previous handshake")                                          \
  /* RSA premaster that does not decrypt (observed only) */                                                        \
  X(BadPremaster, AD::kDecryptError, RULE("5246", "7.4.7.1", "MUST"),                                              \
    "sent an RSA premaster secret that does not decrypt")                                                          \
  /* The peer ended the connection. */                                                                             \
  /* a fatal alert from the peer */                                                                                \
  X(PeerAlert, kNoAlert, NO_RULE, "")                                                                              \
  /* EOF before the handshake completed */                                                                         \
  X(PeerClosed, kNoAlert, NO_RULE, "")                                                                             \
  /* connection reset */                                                                                           \
  X(PeerReset, kNoAlert, NO_RULE, "")                                                                              \
  /* no answer before the deadline */                                                                              \
  X(Timeout, kNoAlert, NO_RULE, "")                                                                                \
  /* A peer that floods us: we decline to proceed (RFC 5246 7.2.2 lets the receiver of warnings */                 \
  /* decide so) with unexpected_message, as OpenSSL does for too many warning alerts. Our limits, */               \
  /* not an RFC rule: the harness names them (iut_diagnosis). */                                                   \
  /* RFC 5246 7.2 / RFC 8446 6: more warning alerts than Limits allow */                                           \
  X(TooManyWarningAlerts, AD::kUnexpectedMessage, NO_RULE, "")                                                     \
  /* more records on one connection than Limits allow */                                                           \
  X(TooManyRecords, AD::kUnexpectedMessage, NO_RULE, "")                                                           \
  /* more handshake bytes on one connection than Limits allow */                                                   \
  X(HandshakeTooLarge, AD::kHandshakeFailure, NO_RULE, "")                                                         \
  /* more bytes or messages than Limits let us record */                                                           \
  X(TranscriptTooLarge, AD::kUnexpectedMessage, NO_RULE, "")                                                       \
  /* the overall deadline (Timeouts::deadline) passed; no wait for a write */                                      \
  X(UnitDeadline, kNoAlert, NO_RULE, "")                                                                           \
  /* our caller asked us to stop (Timeouts::stop), e.g. on SIGTERM; no wait for a write */                         \
  X(Stopped, kNoAlert, NO_RULE, "")                                                                                \
  /* Our side. */                                                                                                  \
  /* the leading-zero key search hit its bound */                                                                  \
  X(KeySearchExhausted, AD::kHandshakeFailure, NO_RULE, "")                                                        \
  /* the last row: what info() gives for a value out of the table */                                               \
  X(InternalError, AD::kInternalError, NO_RULE, "")

#define TLSC_ERROR_ENUM(name, alert, rule, what) k##name,
enum class Error : uint8_t {
  kNone,  // no error; to_string gives "none"
  TLSC_ERRORS(TLSC_ERROR_ENUM)
};
#undef TLSC_ERROR_ENUM

// A message that does not parse (peers/messages/parse_error.h) ends the handshake with the error
// of its kind, so the alert we send is the one TLSC_ERRORS gives that error. One row a kind, in
// the kinds' order: X(kind, error). The alerts are RFC 5246 7.2.2's:
#define TLSC_PARSE_ERRORS(X)                                                                       \
  /* decode_error: "the length of the message was incorrect" */                                    \
  X(Truncated, DecodeError)                                                                        \
  X(TrailingBytes, DecodeError)                                                                    \
  X(LengthMismatch, DecodeError)                                                                   \
  /* decode_error: "some field was out of the specified range" */                                  \
  X(OutOfRange, DecodeError)                                                                       \
  /* illegal_parameter: "a field in the handshake was out of range or inconsistent with other */   \
  /* fields", e.g. an explicit curve where RFC 8422 5.4 allows only named_curve */                 \
  X(IllegalValue, IllegalParameter)                                                                \
  /* unexpected_message: "an inappropriate message was received", e.g. a ServerKeyExchange for */  \
  /* RSA (RFC 5246 7.4.3: "not legal to send") */                                                  \
  X(NotAllowed, UnexpectedMessage)

// The error a parse failure of `kind` ends the handshake with (TLSC_PARSE_ERRORS).
Error error_for(msg::ParseErrorKind kind);

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
  // A message of the peer's that does not parse: the error of its kind, the parser's detail.
  explicit EngineError(const msg::ParseError& e) : EngineError(error_for(e.kind), e.detail) {}
  Error code;
  RfcRule rule;
};

}  // namespace tlsc::engine
