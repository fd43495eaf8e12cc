#include "peers/engine/quirks.h"

#include <charconv>
#include <functional>

#include "peers/wire/name_table.h"

namespace tlsc::engine {
namespace {

template <class Q>
struct Entry {
  QuirkInfo info;
  std::function<bool(Q&, std::string_view)> set;  // false on a bad value
};

bool parse_bool(std::string_view v, bool& out) { return parse_switch(v, out); }

// Digits only (no sign, nothing after them); `out` is left as it was on a bad value.
template <class T>
bool parse_uint(std::string_view v, T& out) {
  T parsed{};
  if (v.empty() || v.front() == '-') return false;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), parsed);
  if (ec != std::errc() || p != v.data() + v.size()) return false;
  out = parsed;
  return true;
}

constexpr Named<MasterSecretMode> kMsNames[] = {{MasterSecretMode::kNegotiated, "negotiated"},
                                                {MasterSecretMode::kStandard, "standard"},
                                                {MasterSecretMode::kExtended, "extended"}};
static_assert(distinct_rows(kMsNames));

constexpr Named<PublicValueForm> kFormNames[] = {
    {PublicValueForm::kMinimal, "minimal"}, {PublicValueForm::kPadded, "padded"},   {PublicValueForm::kZero, "zero"},
    {PublicValueForm::kOne, "one"},         {PublicValueForm::kPMinusOne, "p-1"}, {PublicValueForm::kP, "p"}};
static_assert(distinct_rows(kFormNames));

// `out` is left as it was on a name not in `table`.
template <class Table, class V>
bool parse_in(const Table& table, std::string_view v, V& out) {
  auto parsed = parse_name(table, v);
  if (parsed) out = *parsed;
  return parsed.has_value();
}

bool parse_ms(std::string_view v, MasterSecretMode& out) { return parse_in(kMsNames, v, out); }
bool parse_form(std::string_view v, PublicValueForm& out) { return parse_in(kFormNames, v, out); }

constexpr const char* kMsKind = "enum: negotiated|standard|extended";
constexpr const char* kFormKind = "enum: minimal|padded|zero|one|p-1|p";

// BREAKS: one of the Breaks below (which values break which rules).
#define TLSC_BOOL(Q, F, BREAKS, DOC) \
  Entry<Q>{{#F, DOC, "bool", BREAKS.values, BREAKS.clauses}, [](Q& q, std::string_view v) { return parse_bool(v, q.F); }}
#define TLSC_UINT(Q, F, BREAKS, DOC) \
  Entry<Q>{{#F, DOC, "int", BREAKS.values, BREAKS.clauses}, [](Q& q, std::string_view v) { return parse_uint(v, q.F); }}
#define TLSC_MS(Q, F, BREAKS, DOC) \
  Entry<Q>{{#F, DOC, kMsKind, BREAKS.values, BREAKS.clauses}, [](Q& q, std::string_view v) { return parse_ms(v, q.F); }}
#define TLSC_FORM(Q, F, BREAKS, DOC) \
  Entry<Q>{{#F, DOC, kFormKind, BREAKS.values, BREAKS.clauses}, [](Q& q, std::string_view v) { return parse_form(v, q.F); }}

// Which values of a quirk make our peer break which RFC clauses (QuirkInfo::breaks).
struct Breaks {
  std::vector<std::string> values, clauses;
};
// A wrong key schedule shows where the other side checks it: Finished and record protection.
const std::vector<std::string> kShows = {"RFC 5246 7.4.9", "RFC 5246 6.2.3"};
std::vector<std::string> with_shows(std::vector<std::string> clauses) {
  clauses.insert(clauses.end(), kShows.begin(), kShows.end());
  return clauses;
}
const Breaks kLegal;  // drives a test or stays within the rules
const Breaks kMalformedEms{{"true"}, {"RFC 7627 5.1"}};
const Breaks kAcceptsMalformedEms{{"true"}, {"RFC 7627 5.1"}};
const Breaks kMasterSecret{{"standard", "extended"}, with_shows({"RFC 7627 4", "RFC 7627 5.2"})};
const Breaks kPadsDhe{{"true"}, with_shows({"RFC 5246 8.1.2"})};
const Breaks kStripsEcdhe{{"true"}, with_shows({"RFC 8422 5.10"})};
const Breaks kInvalidDhPublic{{"zero", "one", "p-1", "p"}, {"RFC 7919 3-4"}};
const Breaks kEmsOnResume{{"true"}, {"RFC 7627 5.3"}};
const Breaks kUnsolicited{{"true"}, {"RFC 5246 7.4.1.4", "RFC 7627 5.2"}};
const Breaks kAbbreviatedFlight{{"true"}, {"RFC 5246 7.3", "RFC 5246 7.4.4"}};
const Breaks kEmptyCertificate{{"true"}, {"RFC 5246 7.4.6"}};

const std::vector<Entry<ClientQuirks>>& client_table() {
  using Q = ClientQuirks;
  static const std::vector<Entry<Q>> table = {
      TLSC_BOOL(Q, OmitEms, kLegal, "If set, the client's ClientHello does not offer extended_master_secret."),
      TLSC_BOOL(Q, SendMalformedEms, kMalformedEms,
                "If set, the client's extended_master_secret extension carries one byte (RFC 7627 5.1: empty)."),
      TLSC_MS(Q, ForceMasterSecret, kMasterSecret,
              "The client derives its master secret this way regardless of the negotiation (RFC 7627 4)."),
      TLSC_BOOL(Q, PadDhePremaster, kPadsDhe,
                "If set, the client uses the DHE shared secret padded to |p| as premaster (RFC 5246 8.1.2: strip)."),
      TLSC_BOOL(Q, StripEcdhePremaster, kStripsEcdhe,
                "If set, the client strips leading zero bytes of the ECDHE shared secret (RFC 8422 5.10: keep)."),
      TLSC_UINT(Q, ForceLeadingZeroBytes, kLegal,
                "If > 0, the client searches private keys until the shared secret has this many leading zero bytes."),
      TLSC_UINT(Q, MaxKeySearchTries, kLegal, "The bound of that search, in candidate keys."),
      TLSC_BOOL(Q, AvoidLeadingZeroBytes, kLegal,
                "If set, the client draws keys until the shared secret has no leading zero byte (a control run)."),
      TLSC_FORM(Q, DhePublicValue, kInvalidDhPublic, "How the client encodes its DHE public value Yc."),
      TLSC_BOOL(Q, ForceShortDhePublicValue, kLegal,
                "If set, the client draws DH keys until its public value Yc is at least one byte shorter than p."),
      TLSC_BOOL(Q, SendEmptyCertificate, kLegal,
                "If set, the client answers a CertificateRequest with an empty Certificate even when it has one."),
      TLSC_BOOL(Q, OfferNonEmsSession, kEmsOnResume,
                "If set, the client offers to resume a session created without EMS (RFC 7627 5.3: SHOULD NOT)."),
      TLSC_BOOL(Q, AcceptEmsMismatchOnResume, kEmsOnResume,
                "If set, the client accepts a resumption whose EMS state differs from the session's (RFC 7627 5.3: "
                "abort)."),
      TLSC_BOOL(Q, AcceptUnsolicitedExtensions, kUnsolicited,
                "If set, the client accepts ServerHello extensions it did not offer (RFC 5246 7.4.1.4: abort)."),
      TLSC_BOOL(Q, AcceptMalformedEms, kAcceptsMalformedEms,
                "If set, the client accepts an extended_master_secret extension with a non-empty body."),
      TLSC_BOOL(Q, AcceptCertificateRequestInResumption, kAbbreviatedFlight,
                "If set, the client ignores a CertificateRequest in an abbreviated handshake (RFC 5246 7.3: abort)."),
      TLSC_BOOL(Q, IgnoreHelloRequest, kLegal,
                "If set, the client leaves a HelloRequest unanswered instead of renegotiating or refusing."),
      TLSC_BOOL(Q, RefuseRenegotiation, kLegal,
                "If set, the client refuses a HelloRequest with a no_renegotiation warning even if it could "
                "renegotiate."),
  };
  return table;
}

const std::vector<Entry<ServerQuirks>>& server_table() {
  using Q = ServerQuirks;
  static const std::vector<Entry<Q>> table = {
      TLSC_BOOL(Q, OmitEms, kLegal, "If set, the server does not echo extended_master_secret even when the client offered it."),
      TLSC_BOOL(Q, SendEmsUnsolicited, kUnsolicited,
                "If set, the server's ServerHello carries extended_master_secret though the client did not offer it."),
      TLSC_BOOL(Q, SendMalformedEms, kMalformedEms,
                "If set, the server's extended_master_secret extension carries one byte (RFC 7627 5.1: empty)."),
      TLSC_MS(Q, ForceMasterSecret, kMasterSecret,
              "The server derives its master secret this way regardless of the negotiation (RFC 7627 4)."),
      TLSC_BOOL(Q, PadDhePremaster, kPadsDhe,
                "If set, the server uses the DHE shared secret padded to |p| as premaster (RFC 5246 8.1.2: strip)."),
      TLSC_BOOL(Q, StripEcdhePremaster, kStripsEcdhe,
                "If set, the server strips leading zero bytes of the ECDHE shared secret (RFC 8422 5.10: keep)."),
      TLSC_FORM(Q, DhePublicValue, kInvalidDhPublic, "How the server encodes its DHE public value Ys."),
      TLSC_BOOL(Q, ForceShortDhePublicValue, kLegal,
                "If set, the server draws DH keys until its public value Ys is at least one byte shorter than p."),
      TLSC_BOOL(Q, SendCertificateRequestInResumption, kAbbreviatedFlight,
                "If set, the server resumes (echoes the session ID or accepts the ticket), then sends "
                "CertificateRequest."),
      TLSC_BOOL(Q, SendFullFlightInResumption, kAbbreviatedFlight,
                "If set, the server echoes the session ID, then sends Certificate, CertificateRequest, "
                "ServerHelloDone."),
      TLSC_BOOL(Q, DeclineResumption, kLegal, "If set, the server ignores an offered session or ticket and runs a full handshake."),
      TLSC_BOOL(Q, ResumeRegardlessOfEms, kEmsOnResume,
                "If set, the server resumes a session whatever its EMS state and the ClientHello's (RFC 7627 5.3)."),
      TLSC_BOOL(Q, OmitEmsInResumption, kEmsOnResume,
                "If set, the server leaves extended_master_secret out of a resumed ServerHello (RFC 7627 5.3: echo "
                "it)."),
      TLSC_BOOL(Q, AcceptMalformedEms, kAcceptsMalformedEms,
                "If set, the server accepts an extended_master_secret extension with a non-empty body."),
      TLSC_BOOL(Q, AcceptEmptyClientCertificate, kEmptyCertificate,
                "If set, the server continues after an empty client Certificate although it requires one."),
      TLSC_BOOL(Q, SendHelloRequestAfterHandshake, kLegal, "If set, the server sends HelloRequest once the handshake is complete."),
  };
  return table;
}

#undef TLSC_BOOL
#undef TLSC_UINT
#undef TLSC_MS
#undef TLSC_FORM

template <class Q>
std::vector<QuirkInfo> infos(const std::vector<Entry<Q>>& table) {
  std::vector<QuirkInfo> out;
  for (const auto& e : table) out.push_back(e.info);
  return out;
}

template <class Q>
bool set_in(const std::vector<Entry<Q>>& table, const char* role, Q& q, std::string_view name, std::string_view value,
            std::string* why) {
  for (const auto& e : table) {
    if (e.info.name != name) continue;
    if (e.set(q, value)) return true;
    if (why) *why = "quirk " + std::string(name) + ": bad value '" + std::string(value) + "' (" + e.info.kind + ")";
    return false;
  }
  if (why) *why = "unknown " + std::string(role) + " quirk '" + std::string(name) + "'";
  return false;
}

}  // namespace

const std::vector<QuirkInfo>& client_quirks() {
  static const auto list = infos(client_table());
  return list;
}

const std::vector<QuirkInfo>& server_quirks() {
  static const auto list = infos(server_table());
  return list;
}

bool set_quirk(ClientQuirks& q, std::string_view name, std::string_view value, std::string* why) {
  return set_in(client_table(), "client", q, name, value, why);
}

bool set_quirk(ServerQuirks& q, std::string_view name, std::string_view value, std::string* why) {
  return set_in(server_table(), "server", q, name, value, why);
}

bool parse_switch(std::string_view v, bool& out) {
  if (v.empty() || v == "true" || v == "1" || v == "on" || v == "yes") return out = true, true;
  if (v == "false" || v == "0" || v == "off" || v == "no") return out = false, true;
  return false;
}

std::string_view to_string(MasterSecretMode m) { return name_of(kMsNames, m, "negotiated"); }
std::string_view to_string(PublicValueForm f) { return name_of(kFormNames, f, "minimal"); }

}  // namespace tlsc::engine
