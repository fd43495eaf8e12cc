// The misbehaviour switchboards: one flat struct per peer role, every field one documented
// deviation, all off by default (a default peer is correct). Each is consulted at the exact step
// where it applies (grep the name in client.cpp / server.cpp / key_exchange.cpp). A connection
// gets its own copy, so an initial handshake and its resumption can misbehave differently.
// Fields are also settable by name (--quirk NAME[=VALUE], scenario files) through set_quirk().
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tlsc::engine {

// How the master secret is derived, whatever the handshake negotiated.
enum class MasterSecretMode : uint8_t { kNegotiated, kStandard, kExtended };

// How our finite-field DH public value (Yc or Ys) goes on the wire.
enum class PublicValueForm : uint8_t {
  kMinimal,    // big-endian without leading zeros (the usual form)
  kPadded,     // zero-padded to |p| bytes
  kZero,       // the value 0 (invalid, RFC 7919 3)
  kOne,        // the value 1 (invalid)
  kPMinusOne,  // p - 1 (invalid)
  kP,          // p itself (invalid: not below p)
};

struct ClientQuirks {
  // If set, the client's ClientHello does not offer extended_master_secret.
  bool OmitEms = false;
  // If set, the client's extended_master_secret extension carries one byte (RFC 7627 5.1: empty).
  bool SendMalformedEms = false;
  // The client derives its master secret this way regardless of the negotiation (RFC 7627 4).
  MasterSecretMode ForceMasterSecret = MasterSecretMode::kNegotiated;
  // If set, the client uses the DHE shared secret padded to |p| as premaster (RFC 5246 8.1.2: strip).
  bool PadDhePremaster = false;
  // If set, the client strips leading zero bytes of the ECDHE shared secret (RFC 8422 5.10: keep).
  bool StripEcdhePremaster = false;
  // If > 0, the client searches private keys until the shared secret has this many leading zero bytes.
  int ForceLeadingZeroBytes = 0;
  // The bound of that search, in candidate keys.
  uint64_t MaxKeySearchTries = 1u << 22;
  // If set, the client draws keys until the shared secret has no leading zero byte (a control run).
  bool AvoidLeadingZeroBytes = false;
  // How the client encodes its DHE public value Yc.
  PublicValueForm DhePublicValue = PublicValueForm::kMinimal;
  // If set, the client draws DH keys until its public value Yc is at least one byte shorter than p.
  bool ForceShortDhePublicValue = false;
  // If set, the client answers a CertificateRequest with an empty Certificate even when it has one.
  bool SendEmptyCertificate = false;
  // If set, the client offers to resume a session created without EMS (RFC 7627 5.3: SHOULD NOT).
  bool OfferNonEmsSession = false;
  // If set, the client accepts a resumption whose EMS state differs from the session's (RFC 7627 5.3: abort).
  bool AcceptEmsMismatchOnResume = false;
  // If set, the client accepts ServerHello extensions it did not offer (RFC 5246 7.4.1.4: abort).
  bool AcceptUnsolicitedExtensions = false;
  // If set, the client accepts an extended_master_secret extension with a non-empty body.
  bool AcceptMalformedEms = false;
  // If set, the client ignores a CertificateRequest in an abbreviated handshake (RFC 5246 7.3: abort).
  bool AcceptCertificateRequestInResumption = false;
  // If set, the client leaves a HelloRequest unanswered instead of renegotiating or refusing.
  bool IgnoreHelloRequest = false;
  // If set, the client refuses a HelloRequest with a no_renegotiation warning even if it could renegotiate.
  bool RefuseRenegotiation = false;
};

struct ServerQuirks {
  // If set, the server does not echo extended_master_secret even when the client offered it.
  bool OmitEms = false;
  // If set, the server's ServerHello carries extended_master_secret though the client did not offer it.
  bool SendEmsUnsolicited = false;
  // If set, the server's extended_master_secret extension carries one byte (RFC 7627 5.1: empty).
  bool SendMalformedEms = false;
  // The server derives its master secret this way regardless of the negotiation (RFC 7627 4).
  MasterSecretMode ForceMasterSecret = MasterSecretMode::kNegotiated;
  // If set, the server uses the DHE shared secret padded to |p| as premaster (RFC 5246 8.1.2: strip).
  bool PadDhePremaster = false;
  // If set, the server strips leading zero bytes of the ECDHE shared secret (RFC 8422 5.10: keep).
  bool StripEcdhePremaster = false;
  // How the server encodes its DHE public value Ys.
  PublicValueForm DhePublicValue = PublicValueForm::kMinimal;
  // If set, the server draws DH keys until its public value Ys is at least one byte shorter than p.
  bool ForceShortDhePublicValue = false;
  // If set, the server resumes (echoes the session ID or accepts the ticket), then sends CertificateRequest.
  bool SendCertificateRequestInResumption = false;
  // If set, the server echoes the session ID, then sends Certificate, CertificateRequest, ServerHelloDone.
  bool SendFullFlightInResumption = false;
  // If set, the server ignores an offered session or ticket and runs a full handshake.
  bool DeclineResumption = false;
  // If set, the server resumes a session whatever its EMS state and the ClientHello's (RFC 7627 5.3).
  bool ResumeRegardlessOfEms = false;
  // If set, the server leaves extended_master_secret out of a resumed ServerHello (RFC 7627 5.3: echo it).
  bool OmitEmsInResumption = false;
  // If set, the server accepts an extended_master_secret extension with a non-empty body.
  bool AcceptMalformedEms = false;
  // If set, the server continues after an empty client Certificate although it requires one.
  bool AcceptEmptyClientCertificate = false;
  // If set, the server sends HelloRequest once the handshake is complete.
  bool SendHelloRequestAfterHandshake = false;
};

// One entry of the switchboard, for --help, docs and validation of scenario files.
struct QuirkInfo {
  std::string name;
  std::string doc;   // the one-sentence description above
  std::string kind;  // "bool", "int", or "enum: a|b|c"
  // The values that make our peer break an RFC rule ("true" for a switch; e.g. "zero", "p" for an
  // enum), and the clauses such a peer breaks ("RFC 5246 8.1.2"), including the ones where the
  // break shows (a wrong key schedule shows as a bad Finished, RFC 5246 7.4.9). Empty for quirks
  // that only drive a test or stay within the rules (a key search, a legal refusal).
  std::vector<std::string> breaking_values;
  std::vector<std::string> breaks;
};

const std::vector<QuirkInfo>& client_quirks();
const std::vector<QuirkInfo>& server_quirks();

// Sets quirk `name` from its text value ("" means true for a bool). False with a one-line reason
// naming the quirk on an unknown name or a bad value.
bool set_quirk(ClientQuirks& q, std::string_view name, std::string_view value, std::string* why);
bool set_quirk(ServerQuirks& q, std::string_view name, std::string_view value, std::string* why);

// The one spelling of a switch's value, for every switchboard (engine and FTPS): "" (on), true,
// 1, on, yes / false, 0, off, no. False on anything else (`out` untouched).
bool parse_switch(std::string_view v, bool& out);

std::string_view to_string(MasterSecretMode m);
std::string_view to_string(PublicValueForm f);

}  // namespace tlsc::engine
