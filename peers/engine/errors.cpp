#include "peers/engine/errors.h"

#include <array>

namespace tlsc::engine {
namespace {

using AD = AlertDescription;
constexpr std::optional<AD> kNoAlert = std::nullopt;

struct ErrorInfo {
  Error code;
  std::string_view name;
  std::optional<AD> alert;  // what we send (RFC 5246 7.2.2)
  RfcRule rule;             // the clause the peer broke, if it broke one
  std::string_view what;    // what the peer did
};

// The one table of errors. A row without a rule is no violation by the peer.
constexpr std::array kErrors = {
    ErrorInfo{Error::kNone, "none", kNoAlert, {}, ""},
    ErrorInfo{Error::kDecodeError, "DecodeError", AD::kDecodeError, {"5246", "7.4", "MUST"},
              "sent a handshake message or extension that does not parse"},
    ErrorInfo{Error::kUnexpectedMessage, "UnexpectedMessage", AD::kUnexpectedMessage, {"5246", "7.3", "MUST"},
              "sent a message that does not belong at this point of the handshake"},
    ErrorInfo{Error::kIllegalParameter, "IllegalParameter", AD::kIllegalParameter, {"5246", "7.4.1", "MUST"},
              "chose a parameter that was not offered or is not allowed here"},
    // No common parameters is a refusal, not a violation.
    ErrorInfo{Error::kHandshakeFailure, "HandshakeFailure", AD::kHandshakeFailure, {}, ""},
    ErrorInfo{Error::kProtocolVersion, "ProtocolVersion", AD::kProtocolVersion, {}, ""},
    ErrorInfo{Error::kUnsolicitedExtension, "UnsolicitedExtension", AD::kUnsupportedExtension,
              {"5246", "7.4.1.4", "MUST NOT"}, "put an extension into its ServerHello that the client did not offer"},
    ErrorInfo{Error::kDuplicateExtension, "DuplicateExtension", AD::kIllegalParameter, {"5246", "7.4.1.4", "MUST NOT"},
              "sent two extensions of the same type"},
    // RFC 7627 5.1 names no alert; a malformed body is decode_error.
    ErrorInfo{Error::kMalformedEms, "MalformedEms", AD::kDecodeError, {"7627", "5.1", "MUST"},
              "sent an extended_master_secret extension with a non-empty body"},
    ErrorInfo{Error::kResumedWithoutEms, "ResumedWithoutEms", AD::kHandshakeFailure, {"7627", "5.3", "MUST"},
              "resumed, or offered to resume, a session that used EMS without the extended_master_secret extension"},
    ErrorInfo{Error::kResumedNonEmsWithEms, "ResumedNonEmsWithEms", AD::kHandshakeFailure, {"7627", "5.3", "MUST"},
              "resumed, or offered to resume, a session that did not use EMS with the extended_master_secret extension"},
    ErrorInfo{Error::kLegacyResumption, "LegacyResumption", AD::kHandshakeFailure, {"7627", "5.3", "SHOULD"},
              "resumed a session where neither side uses EMS"},
    ErrorInfo{Error::kBadFinished, "BadFinished", AD::kDecryptError, {"5246", "7.4.9", "MUST"},
              "sent a Finished whose verify_data does not match (another master secret or transcript)"},
    ErrorInfo{Error::kBadRecordMac, "BadRecordMac", AD::kBadRecordMac, {"5246", "6.2.3", "MUST"},
              "sent a record that does not decrypt (another key block, so another master secret)"},
    ErrorInfo{Error::kRecordOverflow, "RecordOverflow", AD::kRecordOverflow, {"5246", "6.2.1", "MUST NOT"},
              "sent a record over the size limit"},
    ErrorInfo{Error::kBadSignature, "BadSignature", AD::kDecryptError, {"5246", "7.4.3", "MUST"},
              "sent a signature that does not verify"},
    // RFC 7919 3 (client checks Ys) and 4 (server checks Yc): fatal handshake_failure.
    ErrorInfo{Error::kBadDhPublic, "BadDhPublic", AD::kHandshakeFailure, {"7919", "3-4", "MUST"},
              "sent a DH public value outside 1 < Y < p-1"},
    ErrorInfo{Error::kBadEcPoint, "BadEcPoint", AD::kIllegalParameter, {"8422", "5.11", "MUST"},
              "sent an ECDH public value that is not a valid point"},
    ErrorInfo{Error::kBadCertificate, "BadCertificate", AD::kBadCertificate, {}, ""},
    // An empty Certificate is allowed (RFC 5246 7.4.6); refusing it is our configuration.
    ErrorInfo{Error::kNoClientCertificate, "NoClientCertificate", AD::kHandshakeFailure, {}, ""},
    ErrorInfo{Error::kRenegotiationInfoMismatch, "RenegotiationInfoMismatch", AD::kHandshakeFailure,
              {"5746", "3.4", "MUST"}, "sent renegotiation_info that does not match the previous handshake"},
    ErrorInfo{Error::kBadPremaster, "BadPremaster", AD::kDecryptError, {"5246", "7.4.7.1", "MUST"},
              "sent an RSA premaster secret that does not decrypt"},
    ErrorInfo{Error::kPeerAlert, "PeerAlert", kNoAlert, {}, ""},
    ErrorInfo{Error::kPeerClosed, "PeerClosed", kNoAlert, {}, ""},
    ErrorInfo{Error::kPeerReset, "PeerReset", kNoAlert, {}, ""},
    ErrorInfo{Error::kTimeout, "Timeout", kNoAlert, {}, ""},
    // A peer that floods us: we decline to proceed (RFC 5246 7.2.2 lets the receiver of warnings
    // decide so) with unexpected_message, as OpenSSL does for too many warning alerts. Our limits,
    // not an RFC rule: the harness names them (iut_diagnosis).
    ErrorInfo{Error::kTooManyWarningAlerts, "TooManyWarningAlerts", AD::kUnexpectedMessage, {}, ""},
    ErrorInfo{Error::kTooManyRecords, "TooManyRecords", AD::kUnexpectedMessage, {}, ""},
    ErrorInfo{Error::kHandshakeTooLarge, "HandshakeTooLarge", AD::kHandshakeFailure, {}, ""},
    ErrorInfo{Error::kTranscriptTooLarge, "TranscriptTooLarge", AD::kUnexpectedMessage, {}, ""},
    // No wait for a write: the time is up, or the caller is shutting down.
    ErrorInfo{Error::kUnitDeadline, "UnitDeadline", kNoAlert, {}, ""},
    ErrorInfo{Error::kStopped, "Stopped", kNoAlert, {}, ""},
    ErrorInfo{Error::kKeySearchExhausted, "KeySearchExhausted", AD::kHandshakeFailure, {}, ""},
    ErrorInfo{Error::kInternalError, "InternalError", AD::kInternalError, {}, ""},
};

const ErrorInfo& info(Error e) {
  for (const auto& i : kErrors)
    if (i.code == e) return i;
  return kErrors.back();  // kInternalError
}

}  // namespace

std::string_view to_string(Error e) { return info(e).name; }
std::optional<Error> error_from_name(std::string_view name) {
  for (const auto& i : kErrors)
    if (i.name == name && i.code != Error::kNone) return i.code;
  return std::nullopt;
}
std::optional<AlertDescription> alert_for(Error e) { return info(e).alert; }
RfcRule rule_for(Error e) { return info(e).rule; }
std::string_view what_peer_did(Error e) { return info(e).what; }

}  // namespace tlsc::engine
