// The misbehaviour switchboards: one flat struct per peer role, every field one documented
// deviation, all off by default (a default peer is correct). Each is consulted at the exact step
// where it applies (grep the name in client.cpp / server.cpp / key_exchange.cpp). A connection
// gets its own copy, so an initial handshake and its resumption can misbehave differently.
//
// The two tables below are the only place a quirk is written. A row is
//   X(type, Name, default, breaks, "one documentation sentence.")
// where `breaks` names the quirks.cpp list of the values that make our peer break an RFC rule and
// the clauses broken. The struct fields, the by-name registry (--quirk NAME[=VALUE], scenario
// files, client_quirks()/server_quirks() for docs) and the typed changes are all made from them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
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

// clang-format off
#define TLSC_CLIENT_QUIRKS(X) \
  X(bool, OmitEms, false, kLegal, \
    "If set, the client's ClientHello does not offer extended_master_secret.") \
  X(bool, SendMalformedEms, false, kMalformedEms, \
    "If set, the client's extended_master_secret extension carries one byte (RFC 7627 5.1: empty).") \
  X(MasterSecretMode, ForceMasterSecret, MasterSecretMode::kNegotiated, kMasterSecret, \
    "The client derives its master secret this way regardless of the negotiation (RFC 7627 4).") \
  X(bool, PadDhePremaster, false, kPadsDhe, \
    "If set, the client uses the DHE shared secret padded to |p| as premaster (RFC 5246 8.1.2: strip).") \
  X(bool, StripEcdhePremaster, false, kStripsEcdhe, \
    "If set, the client strips leading zero bytes of the ECDHE shared secret (RFC 8422 5.10: keep).") \
  X(int, ForceLeadingZeroBytes, 0, kLegal, \
    "If > 0, the client searches private keys until the shared secret has this many leading zero bytes.") \
  X(uint64_t, MaxKeySearchTries, 1u << 22, kLegal, \
    "The bound of that search, in candidate keys.") \
  X(bool, AvoidLeadingZeroBytes, false, kLegal, \
    "If set, the client draws keys until the shared secret has no leading zero byte (a control run).") \
  X(PublicValueForm, DhePublicValue, PublicValueForm::kMinimal, kInvalidDhPublic, \
    "How the client encodes its DHE public value Yc.") \
  X(bool, ForceShortDhePublicValue, false, kLegal, \
    "If set, the client draws DH keys until its public value Yc is at least one byte shorter than p.") \
  X(bool, SendEmptyCertificate, false, kLegal, \
    "If set, the client answers a CertificateRequest with an empty Certificate even when it has one.") \
  X(bool, OfferNonEmsSession, false, kEmsOnResume, \
    "If set, the client offers to resume a session created without EMS (RFC 7627 5.3: SHOULD NOT).") \
  X(bool, AcceptEmsMismatchOnResume, false, kEmsOnResume, \
    "If set, the client accepts a resumption whose EMS state differs from the session's (RFC 7627 5.3: abort).") \
  X(bool, AcceptUnsolicitedExtensions, false, kUnsolicited, \
    "If set, the client accepts ServerHello extensions it did not offer (RFC 5246 7.4.1.4: abort).") \
  X(bool, AcceptMalformedEms, false, kAcceptsMalformedEms, \
    "If set, the client accepts an extended_master_secret extension with a non-empty body.") \
  X(bool, AcceptCertificateRequestInResumption, false, kAbbreviatedFlight, \
    "If set, the client ignores a CertificateRequest in an abbreviated handshake (RFC 5246 7.3: abort).") \
  X(bool, IgnoreHelloRequest, false, kLegal, \
    "If set, the client leaves a HelloRequest unanswered instead of renegotiating or refusing.") \
  X(bool, RefuseRenegotiation, false, kLegal, \
    "If set, the client refuses a HelloRequest with a no_renegotiation warning even if it could renegotiate.")

#define TLSC_SERVER_QUIRKS(X) \
  X(bool, OmitEms, false, kLegal, \
    "If set, the server does not echo extended_master_secret even when the client offered it.") \
  X(bool, SendEmsUnsolicited, false, kUnsolicited, \
    "If set, the server's ServerHello carries extended_master_secret though the client did not offer it.") \
  X(bool, SendMalformedEms, false, kMalformedEms, \
    "If set, the server's extended_master_secret extension carries one byte (RFC 7627 5.1: empty).") \
  X(MasterSecretMode, ForceMasterSecret, MasterSecretMode::kNegotiated, kMasterSecret, \
    "The server derives its master secret this way regardless of the negotiation (RFC 7627 4).") \
  X(bool, PadDhePremaster, false, kPadsDhe, \
    "If set, the server uses the DHE shared secret padded to |p| as premaster (RFC 5246 8.1.2: strip).") \
  X(bool, StripEcdhePremaster, false, kStripsEcdhe, \
    "If set, the server strips leading zero bytes of the ECDHE shared secret (RFC 8422 5.10: keep).") \
  X(PublicValueForm, DhePublicValue, PublicValueForm::kMinimal, kInvalidDhPublic, \
    "How the server encodes its DHE public value Ys.") \
  X(bool, ForceShortDhePublicValue, false, kLegal, \
    "If set, the server draws DH keys until its public value Ys is at least one byte shorter than p.") \
  X(bool, SendCertificateRequestInResumption, false, kAbbreviatedFlight, \
    "If set, the server resumes (echoes the session ID or accepts the ticket), then sends CertificateRequest.") \
  X(bool, SendFullFlightInResumption, false, kAbbreviatedFlight, \
    "If set, the server echoes the session ID, then sends Certificate, CertificateRequest, ServerHelloDone.") \
  X(bool, DeclineResumption, false, kLegal, \
    "If set, the server ignores an offered session or ticket and runs a full handshake.") \
  X(bool, ResumeRegardlessOfEms, false, kEmsOnResume, \
    "If set, the server resumes a session whatever its EMS state and the ClientHello's (RFC 7627 5.3).") \
  X(bool, OmitEmsInResumption, false, kEmsOnResume, \
    "If set, the server leaves extended_master_secret out of a resumed ServerHello (RFC 7627 5.3: echo it).") \
  X(bool, AcceptMalformedEms, false, kAcceptsMalformedEms, \
    "If set, the server accepts an extended_master_secret extension with a non-empty body.") \
  X(bool, AcceptEmptyClientCertificate, false, kEmptyCertificate, \
    "If set, the server continues after an empty client Certificate although it requires one.") \
  X(bool, SendHelloRequestAfterHandshake, false, kLegal, \
    "If set, the server sends HelloRequest once the handshake is complete.")
// clang-format on

#define TLSC_QUIRK_FIELD(T, Name, init, breaks, doc) T Name = init;
#define TLSC_QUIRK_ID(T, Name, init, breaks, doc) Name,

struct ClientQuirks {
  TLSC_CLIENT_QUIRKS(TLSC_QUIRK_FIELD)
};
struct ServerQuirks {
  TLSC_SERVER_QUIRKS(TLSC_QUIRK_FIELD)
};

// A quirk by field, for typed changes.
enum class ClientQuirk : uint8_t { TLSC_CLIENT_QUIRKS(TLSC_QUIRK_ID) };
enum class ServerQuirk : uint8_t { TLSC_SERVER_QUIRKS(TLSC_QUIRK_ID) };

#undef TLSC_QUIRK_FIELD
#undef TLSC_QUIRK_ID

// A value of any quirk field type.
using QuirkValue = std::variant<bool, int, uint64_t, MasterSecretMode, PublicValueForm>;

// One quirk parsed from NAME=VALUE: the field it sets and the value, of the field's type.
template <class Field>
struct QuirkChange {
  Field field;
  QuirkValue value;
  bool operator==(const QuirkChange&) const = default;
};
using ClientQuirkChange = QuirkChange<ClientQuirk>;
using ServerQuirkChange = QuirkChange<ServerQuirk>;

// Quirks parsed once (a scenario file's object, a command line) for OUR peer's role: only one
// of the two lists is used. Applied in order to each connection's own switchboard, so a later
// change of a field wins.
struct QuirkChanges {
  std::vector<ClientQuirkChange> client;
  std::vector<ServerQuirkChange> server;
  // `later`'s changes after ours (a re-run's quirks over its connection's).
  QuirkChanges& operator+=(const QuirkChanges& later);
  bool operator==(const QuirkChanges&) const = default;
};

// One entry of the switchboard, for --help, docs and validation of scenario files.
struct QuirkInfo {
  std::string name;
  std::string doc;   // the row's one sentence
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

// Parses quirk `name` from its text value ("" means true for a bool) and appends the change.
// False with a one-line reason naming the quirk on an unknown name or a bad value.
bool parse_quirk(std::string_view name, std::string_view value, std::vector<ClientQuirkChange>& out, std::string* why);
bool parse_quirk(std::string_view name, std::string_view value, std::vector<ServerQuirkChange>& out, std::string* why);

void apply(ClientQuirks& q, const ClientQuirkChange& c);
void apply(ServerQuirks& q, const ServerQuirkChange& c);
// Applies the changes for this role (c.client, resp. c.server), in order.
void apply(ClientQuirks& q, const QuirkChanges& c);
void apply(ServerQuirks& q, const QuirkChanges& c);

// parse_quirk, then apply: sets quirk `name` from its text value.
bool set_quirk(ClientQuirks& q, std::string_view name, std::string_view value, std::string* why);
bool set_quirk(ServerQuirks& q, std::string_view name, std::string_view value, std::string* why);

// The one spelling of a switch's value, for every switchboard (engine and FTPS): "" (on), true,
// 1, on, yes / false, 0, off, no. False on anything else (`out` untouched).
bool parse_switch(std::string_view v, bool& out);

std::string_view to_string(MasterSecretMode m);
std::string_view to_string(PublicValueForm f);

}  // namespace tlsc::engine
