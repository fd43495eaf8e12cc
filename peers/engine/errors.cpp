#include "peers/engine/errors.h"

namespace tlsc::engine {

std::string_view to_string(Error e) {
  switch (e) {
    case Error::kNone: return "none";
    case Error::kDecodeError: return "DecodeError";
    case Error::kUnexpectedMessage: return "UnexpectedMessage";
    case Error::kIllegalParameter: return "IllegalParameter";
    case Error::kHandshakeFailure: return "HandshakeFailure";
    case Error::kProtocolVersion: return "ProtocolVersion";
    case Error::kUnsolicitedExtension: return "UnsolicitedExtension";
    case Error::kDuplicateExtension: return "DuplicateExtension";
    case Error::kMalformedEms: return "MalformedEms";
    case Error::kResumedWithoutEms: return "ResumedWithoutEms";
    case Error::kResumedNonEmsWithEms: return "ResumedNonEmsWithEms";
    case Error::kLegacyResumption: return "LegacyResumption";
    case Error::kBadFinished: return "BadFinished";
    case Error::kBadRecordMac: return "BadRecordMac";
    case Error::kRecordOverflow: return "RecordOverflow";
    case Error::kBadSignature: return "BadSignature";
    case Error::kBadDhPublic: return "BadDhPublic";
    case Error::kBadEcPoint: return "BadEcPoint";
    case Error::kBadCertificate: return "BadCertificate";
    case Error::kNoClientCertificate: return "NoClientCertificate";
    case Error::kRenegotiationInfoMismatch: return "RenegotiationInfoMismatch";
    case Error::kBadPremaster: return "BadPremaster";
    case Error::kPeerAlert: return "PeerAlert";
    case Error::kPeerClosed: return "PeerClosed";
    case Error::kPeerReset: return "PeerReset";
    case Error::kTimeout: return "Timeout";
    case Error::kTooManyWarningAlerts: return "TooManyWarningAlerts";
    case Error::kTooManyRecords: return "TooManyRecords";
    case Error::kHandshakeTooLarge: return "HandshakeTooLarge";
    case Error::kTranscriptTooLarge: return "TranscriptTooLarge";
    case Error::kUnitDeadline: return "UnitDeadline";
    case Error::kStopped: return "Stopped";
    case Error::kKeySearchExhausted: return "KeySearchExhausted";
    case Error::kInternalError: return "InternalError";
  }
  return "unknown";
}

std::optional<AlertDescription> alert_for(Error e) {
  switch (e) {
    case Error::kNone:
    case Error::kPeerAlert:
    case Error::kPeerClosed:
    case Error::kPeerReset:
    case Error::kTimeout:
    case Error::kUnitDeadline:  // no wait for a write: the time is up
    case Error::kStopped:       // likewise: the caller is shutting down
      return std::nullopt;
    // A peer that floods us: we decline to proceed (RFC 5246 7.2.2 lets the receiver of warnings
    // decide so) with unexpected_message, as OpenSSL does for too many warning alerts.
    case Error::kTooManyWarningAlerts:
    case Error::kTooManyRecords:
    case Error::kTranscriptTooLarge:
      return AlertDescription::kUnexpectedMessage;
    case Error::kHandshakeTooLarge: return AlertDescription::kHandshakeFailure;
    case Error::kDecodeError:
    case Error::kMalformedEms:  // RFC 7627 5.1 does not name one; a malformed body is decode_error
      return AlertDescription::kDecodeError;
    case Error::kUnexpectedMessage: return AlertDescription::kUnexpectedMessage;
    case Error::kIllegalParameter:
    case Error::kDuplicateExtension:
    case Error::kBadEcPoint:  // RFC 8422 5.11
      return AlertDescription::kIllegalParameter;
    case Error::kHandshakeFailure:
    case Error::kResumedWithoutEms:     // RFC 7627 5.3
    case Error::kResumedNonEmsWithEms:  // RFC 7627 5.3
    case Error::kLegacyResumption:      // RFC 7627 5.3
    case Error::kNoClientCertificate:   // RFC 5246 7.4.6
    case Error::kRenegotiationInfoMismatch:  // RFC 5746 3.4
    case Error::kKeySearchExhausted:
    case Error::kBadDhPublic:  // RFC 7919 3 (client) and 4 (server): fatal handshake_failure
      return AlertDescription::kHandshakeFailure;
    case Error::kProtocolVersion: return AlertDescription::kProtocolVersion;
    case Error::kUnsolicitedExtension: return AlertDescription::kUnsupportedExtension;
    case Error::kBadFinished:
    case Error::kBadSignature:
      return AlertDescription::kDecryptError;
    case Error::kBadRecordMac: return AlertDescription::kBadRecordMac;
    case Error::kRecordOverflow: return AlertDescription::kRecordOverflow;
    case Error::kBadCertificate: return AlertDescription::kBadCertificate;
    case Error::kBadPremaster: return AlertDescription::kDecryptError;
    case Error::kInternalError: return AlertDescription::kInternalError;
  }
  return AlertDescription::kInternalError;
}

}  // namespace tlsc::engine
