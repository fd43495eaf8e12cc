#include "harness/iut_diagnosis.h"

#include <string.h>

#include <fmt/core.h>

#include "scenarios/observe.h"

namespace tlsc::harness {
namespace {

using results::Verdict;

// The last message our peer sent on the connection, e.g. "client_hello".
std::string last_sent(const engine::ConnectionReport& r) {
  for (auto it = r.messages.rbegin(); it != r.messages.rend(); ++it)
    if (it->rfind("> ", 0) == 0) return it->substr(2);
  return "";
}

std::string hex_prefix(const std::vector<uint8_t>& b, size_t n) {
  std::string out;
  for (size_t i = 0; i < b.size() && i < n; ++i) out += fmt::format("{}{:02x}", i ? " " : "", b[i]);
  return out;
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
  if (in.crash.crashed) {
    const std::string what = in.who + " " + describe_crash(in.crash) + " during the scenario";
    r.observations["iut_fault"] = "crashed";
    r.observations["iut_exit"] = in.crash.status;
    r.reason = what + (r.reason.empty() ? "" : "; " + r.reason);
    r.diagnosis = what;
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
