// Fuzzes the session layer's parsers of hostile bytes: TicketSealer::open (a ticket from a
// ClientHello SessionTicket extension, RFC 5077 3.2) and parse_session_state (what a ticket
// decrypts to). Neither may crash, and both must agree with their writers:
//   - a state that parses re-serializes to exactly the same bytes (the encoding is canonical);
//   - the input sealed as authentic plaintext opens iff it parses as an unexpired state, and then
//     to the same state (so the post-decryption path sees arbitrary bytes too).
// Seed corpus: tests/fuzz/corpus/session_ticket_fuzz, written by the DISABLED_WriteFuzzSeedCorpus
// test in tests/unit/session/ticket_sealer_test.cpp with the same seed and clock as below, so its
// tickets open under this sealer.
#include <cstdint>
#include <cstdlib>

#include "peers/crypto/drbg.h"
#include "peers/session/session_state.h"
#include "peers/session/ticket_sealer.h"

namespace {

constexpr uint64_t kFuzzSeed = 0x5e55107;
constexpr uint64_t kFuzzNow = 1'700'000'000;

tlsc::session::TicketSealer& sealer() {
  static tlsc::crypto::Drbg keys(kFuzzSeed, "session_ticket_fuzz/keys");
  static tlsc::session::TicketSealer s(keys, [] { return kFuzzNow; });
  return s;
}

void check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tlsc::session;
  const tlsc::ByteView input(data, size);

  // Tickets of this sealer (the corpus seeds) and anything else.
  auto opened = sealer().open(input);
  if (!opened.ok()) {
    const std::string& e = opened.error();
    check(has_reason(e, kTicketTooShort) || has_reason(e, kTicketUnknownKeyName) ||
          has_reason(e, kTicketAuthFailed) || has_reason(e, kTicketMalformedState) ||
          has_reason(e, kTicketExpired));
  }

  // The raw state parser, and canonical re-encoding.
  auto parsed = parse_session_state(input);
  if (parsed.ok()) check(serialize(*parsed) == tlsc::Bytes(input.begin(), input.end()));

  // Arbitrary bytes behind a valid tag: the path after authentication.
  tlsc::crypto::Drbg nonces(kFuzzSeed, "session_ticket_fuzz/nonces");
  auto reopened = sealer().open(sealer().seal_raw(input, nonces));
  if (parsed.ok() && !parsed->expired_at(kFuzzNow)) {
    check(reopened.ok() && *reopened == *parsed);
  } else {
    check(!reopened.ok());
  }
  return 0;
}
