#include "harness/iut_diagnosis.h"

#include <string.h>

#include <fmt/core.h>

#include "scenarios/observe.h"

namespace tlsc::harness {
namespace {

using results::Verdict;

// The last message our peer sent on the connection, e.g. "client_hello" (not the alert with which
// we ended it: the IUT's fault came before that).
std::string last_sent(const engine::ConnectionReport& r) {
  for (auto it = r.messages.rbegin(); it != r.messages.rend(); ++it)
    if (it->rfind("> ", 0) == 0 && it->rfind("> alert(", 0) != 0) return it->substr(2);
  return "";
}

std::string hex_prefix(const std::vector<uint8_t>& b, size_t n) {
  std::string out;
  for (size_t i = 0; i < b.size() && i < n; ++i) out += fmt::format("{}{:02x}", i ? " " : "", b[i]);
  return out;
}

// A connection that ended on the unit's deadline or on a cap of what the peer may send: what the
// IUT did, in words ("the IUT server sent more than 16 warning alerts"), and the iut_fault kind.
bool bound_finding(const engine::ConnectionReport& rep, const IutDiagnosisInput& in, std::string* finding,
                   std::string* kind) {
  using engine::Error;
  const std::string after = last_sent(rep).empty() ? "" : " after our " + last_sent(rep);
  switch (rep.error) {
    case Error::kUnitDeadline:
      *kind = "deadline";
      *finding = fmt::format("{} kept the connection going past the unit's deadline of {} ms{}", in.who,
                             in.unit_timeout.count(), after);
      return true;
    case Error::kTooManyWarningAlerts:
    case Error::kTooManyRecords:
    case Error::kHandshakeTooLarge:
    case Error::kTranscriptTooLarge: {
      *kind = "flood";
      std::string what = rep.error_detail;  // "the peer sent more than ..."
      if (what.rfind("the peer ", 0) == 0) what = in.who + what.substr(8);
      *finding = what + after;
      return true;
    }
    default: return false;
  }
}

}  // namespace

std::string describe_crash(const IutFate& f) {
  if (f.signal) {
    const char* name = ::strsignal(f.signal);
    return fmt::format("crashed (signal {}, {})", f.signal, name ? name : "unknown signal");
  }
  return "crashed (" + f.status + ")";
}

bool looks_like_tls(const std::vector<uint8_t>& b) {
  if (b.empty()) return true;  // nothing to judge
  if (b[0] < 20 || b[0] > 24) return false;  // content types: ccs, alert, handshake, data, heartbeat
  return b.size() < 2 || b[1] == 3;          // major version 3 (SSL 3.0 .. TLS 1.2)
}

void add_iut_diagnosis(results::Result& r, const std::vector<engine::ConnectionReport>& reports,
                       const IutDiagnosisInput& in) {
  // Exit 89: the IUT cannot do what the unit asks of it (docs/iut-adapters.md); nothing to judge.
  if (!in.crash.crashed && !in.crash.unsupported.empty()) {
    r.observations["iut_fault"] = "unsupported";
    r.reason = in.crash.unsupported;
    r.diagnosis.clear();
    r.deviation.clear();
    r.verdict = Verdict::skip;
    return;
  }
  if (in.crash.crashed) {
    const std::string what = in.who + " " + describe_crash(in.crash) + " during the scenario";
    r.observations["iut_fault"] = "crashed";
    r.observations["iut_exit"] = in.crash.status;
    // The catalog's reading of the connections does not stand next to a crash when it was a pass.
    const bool keep = !r.reason.empty() && r.verdict != Verdict::pass && r.verdict != Verdict::xpass;
    r.reason = what + (keep ? "; " + r.reason : "");
    r.diagnosis = what;
    r.verdict = Verdict::fail;
    return;
  }
  // The unit's deadline or a cap on what the IUT sent ended a connection: never a pass.
  for (const auto& rep : reports) {
    std::string finding, kind;
    if (r.verdict == Verdict::error || !bound_finding(rep, in, &finding, &kind)) continue;
    r.observations["iut_fault"] = kind;
    const bool keep = !r.reason.empty() && r.verdict != Verdict::pass && r.verdict != Verdict::xpass;
    r.reason = finding + (keep ? "; " + r.reason : "");
    r.diagnosis = finding;
    r.verdict = Verdict::fail;
    return;
  }
  if (in.client_hung && r.verdict == Verdict::error) {
    r.observations["iut_fault"] = "hung";
    r.reason += fmt::format(" ({} ran until its deadline of {} ms and was killed)", in.who, in.client_timeout_ms);
    return;
  }
  if (r.verdict != Verdict::fail && r.verdict != Verdict::warn) return;
  // The first connection where the IUT did not answer properly names the fault.
  for (const auto& rep : reports) {
    const auto outcome = scenarios::classify(rep);
    const std::string after = last_sent(rep).empty() ? "" : " after our " + last_sent(rep);
    std::string finding, kind;
    if (!looks_like_tls(rep.bytes_received)) {
      kind = "not-tls";
      finding = "not TLS: " + in.who + " answered with bytes that are not a TLS record (" +
                hex_prefix(rep.bytes_received, 8) + ")" + after;
      r.diagnosis = finding;  // the catalog's reading of a protocol error does not apply
    } else if (outcome == scenarios::Outcome::kTimeout) {
      kind = "hung";
      finding = fmt::format("{} hung: no answer within {} ms{}", in.who, in.io_timeout.count(), after);
    } else if (outcome == scenarios::Outcome::kClosed) {
      kind = "closed";
      finding = in.who + " closed the connection" +
                (rep.error == engine::Error::kPeerReset ? std::string(" (reset)") : std::string()) + after +
                " without an alert";
    } else {
      continue;
    }
    r.observations["iut_fault"] = kind;
    if (r.diagnosis != finding) r.diagnosis = finding + (r.diagnosis.empty() ? "" : " (" + r.diagnosis + ")");
    return;
  }
}

}  // namespace tlsc::harness
