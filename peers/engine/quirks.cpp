#include "peers/engine/quirks.h"

#include <charconv>
#include <functional>

namespace tlsc::engine {
namespace {

template <class Q>
struct Entry {
  QuirkInfo info;
  std::function<bool(Q&, std::string_view)> set;  // false on a bad value
};

bool parse_bool(std::string_view v, bool& out) {
  if (v.empty() || v == "true" || v == "1" || v == "on" || v == "yes") return out = true, true;
  if (v == "false" || v == "0" || v == "off" || v == "no") return out = false, true;
  return false;
}

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

bool parse_ms(std::string_view v, MasterSecretMode& out) {
  if (v == "negotiated") return out = MasterSecretMode::kNegotiated, true;
  if (v == "standard") return out = MasterSecretMode::kStandard, true;
  if (v == "extended") return out = MasterSecretMode::kExtended, true;
  return false;
}

bool parse_form(std::string_view v, PublicValueForm& out) {
  for (auto f : {PublicValueForm::kMinimal, PublicValueForm::kPadded, PublicValueForm::kZero, PublicValueForm::kOne,
                 PublicValueForm::kPMinusOne, PublicValueForm::kP})
    if (to_string(f) == v) return out = f, true;
  return false;
}

constexpr const char* kMsKind = "enum: negotiated|standard|extended";
constexpr const char* kFormKind = "enum: minimal|padded|zero|one|p-1|p";

#define TLSC_BOOL(Q, F, DOC) \
  Entry<Q>{{#F, DOC, "bool"}, [](Q& q, std::string_view v) { return parse_bool(v, q.F); }}
#define TLSC_UINT(Q, F, DOC) \
  Entry<Q>{{#F, DOC, "int"}, [](Q& q, std::string_view v) { return parse_uint(v, q.F); }}
#define TLSC_MS(Q, F, DOC) \
  Entry<Q>{{#F, DOC, kMsKind}, [](Q& q, std::string_view v) { return parse_ms(v, q.F); }}
#define TLSC_FORM(Q, F, DOC) \
  Entry<Q>{{#F, DOC, kFormKind}, [](Q& q, std::string_view v) { return parse_form(v, q.F); }}

const std::vector<Entry<ClientQuirks>>& client_table() {
  using Q = ClientQuirks;
  static const std::vector<Entry<Q>> table = {
      TLSC_BOOL(Q, OmitEms, "If set, the client's ClientHello does not offer extended_master_secret."),
      TLSC_BOOL(Q, SendMalformedEms,
                "If set, the client's extended_master_secret extension carries one byte (RFC 7627 5.1: empty)."),
      TLSC_MS(Q, ForceMasterSecret,
              "The client derives its master secret this way regardless of the negotiation (RFC 7627 4)."),
      TLSC_BOOL(Q, PadDhePremaster,
                "If set, the client uses the DHE shared secret padded to |p| as premaster (RFC 5246 8.1.2: strip)."),
      TLSC_BOOL(Q, StripEcdhePremaster,
                "If set, the client strips leading zero bytes of the ECDHE shared secret (RFC 8422 5.10: keep)."),
      TLSC_UINT(Q, ForceLeadingZeroBytes,
                "If > 0, the client searches private keys until the shared secret has this many leading zero bytes."),
      TLSC_UINT(Q, MaxKeySearchTries, "The bound of that search, in candidate keys."),
      TLSC_FORM(Q, DhePublicValue, "How the client encodes its DHE public value Yc."),
      TLSC_BOOL(Q, ForceShortDhePublicValue,
                "If set, the client draws DH keys until its public value Yc is at least one byte shorter than p."),
      TLSC_BOOL(Q, SendEmptyCertificate,
                "If set, the client answers a CertificateRequest with an empty Certificate even when it has one."),
      TLSC_BOOL(Q, OfferNonEmsSession,
                "If set, the client offers to resume a session created without EMS (RFC 7627 5.3: SHOULD NOT)."),
      TLSC_BOOL(Q, AcceptEmsMismatchOnResume,
                "If set, the client accepts a resumption whose EMS state differs from the session's (RFC 7627 5.3: "
                "abort)."),
      TLSC_BOOL(Q, AcceptUnsolicitedExtensions,
                "If set, the client accepts ServerHello extensions it did not offer (RFC 5246 7.4.1.4: abort)."),
      TLSC_BOOL(Q, AcceptMalformedEms,
                "If set, the client accepts an extended_master_secret extension with a non-empty body."),
      TLSC_BOOL(Q, AcceptCertificateRequestInResumption,
                "If set, the client ignores a CertificateRequest in an abbreviated handshake (RFC 5246 7.3: abort)."),
      TLSC_BOOL(Q, IgnoreHelloRequest,
                "If set, the client leaves a HelloRequest unanswered instead of renegotiating or refusing."),
      TLSC_BOOL(Q, RefuseRenegotiation,
                "If set, the client refuses a HelloRequest with a no_renegotiation warning even if it could "
                "renegotiate."),
  };
  return table;
}

const std::vector<Entry<ServerQuirks>>& server_table() {
  using Q = ServerQuirks;
  static const std::vector<Entry<Q>> table = {
      TLSC_BOOL(Q, OmitEms, "If set, the server does not echo extended_master_secret even when the client offered it."),
      TLSC_BOOL(Q, SendEmsUnsolicited,
                "If set, the server's ServerHello carries extended_master_secret though the client did not offer it."),
      TLSC_BOOL(Q, SendMalformedEms,
                "If set, the server's extended_master_secret extension carries one byte (RFC 7627 5.1: empty)."),
      TLSC_MS(Q, ForceMasterSecret,
              "The server derives its master secret this way regardless of the negotiation (RFC 7627 4)."),
      TLSC_BOOL(Q, PadDhePremaster,
                "If set, the server uses the DHE shared secret padded to |p| as premaster (RFC 5246 8.1.2: strip)."),
      TLSC_BOOL(Q, StripEcdhePremaster,
                "If set, the server strips leading zero bytes of the ECDHE shared secret (RFC 8422 5.10: keep)."),
      TLSC_FORM(Q, DhePublicValue, "How the server encodes its DHE public value Ys."),
      TLSC_BOOL(Q, ForceShortDhePublicValue,
                "If set, the server draws DH keys until its public value Ys is at least one byte shorter than p."),
      TLSC_BOOL(Q, SendCertificateRequestInResumption,
                "If set, the server resumes (echoes the session ID or accepts the ticket), then sends "
                "CertificateRequest."),
      TLSC_BOOL(Q, SendFullFlightInResumption,
                "If set, the server echoes the session ID, then sends Certificate, CertificateRequest, "
                "ServerHelloDone."),
      TLSC_BOOL(Q, DeclineResumption, "If set, the server ignores an offered session or ticket and runs a full handshake."),
      TLSC_BOOL(Q, ResumeRegardlessOfEms,
                "If set, the server resumes a session whatever its EMS state and the ClientHello's (RFC 7627 5.3)."),
      TLSC_BOOL(Q, AcceptMalformedEms,
                "If set, the server accepts an extended_master_secret extension with a non-empty body."),
      TLSC_BOOL(Q, AcceptEmptyClientCertificate,
                "If set, the server continues after an empty client Certificate although it requires one."),
      TLSC_BOOL(Q, SendHelloRequestAfterHandshake, "If set, the server sends HelloRequest once the handshake is complete."),
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

std::string_view to_string(MasterSecretMode m) {
  switch (m) {
    case MasterSecretMode::kNegotiated: return "negotiated";
    case MasterSecretMode::kStandard: return "standard";
    case MasterSecretMode::kExtended: return "extended";
  }
  return "negotiated";
}

std::string_view to_string(PublicValueForm f) {
  switch (f) {
    case PublicValueForm::kMinimal: return "minimal";
    case PublicValueForm::kPadded: return "padded";
    case PublicValueForm::kZero: return "zero";
    case PublicValueForm::kOne: return "one";
    case PublicValueForm::kPMinusOne: return "p-1";
    case PublicValueForm::kP: return "p";
  }
  return "minimal";
}

}  // namespace tlsc::engine
