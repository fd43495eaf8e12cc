// The key-schedule oracle: when the peer's first encrypted record (its Finished) does not open
// under our keys, try the key schedules a buggy peer might have used — standard instead of
// extended master secret, the other premaster form (DHE padded vs stripped, ECDHE stripped vs
// fixed), or an EMS session hash that wrongly includes CertificateVerify — and report which one
// opens it. One handshake names the bug.
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "peers/engine/key_exchange.h"
#include "peers/engine/key_schedule.h"
#include "peers/engine/report.h"
#include "peers/record/record_header.h"

namespace tlsc::engine {

struct OracleInputs {
  const record::CipherSuite* suite = nullptr;
  ProtocolVersion version;
  MasterSecretInputs ms;      // session_hash through ClientKeyExchange
  Bytes session_hash_with_cv; // through CertificateVerify; empty if there was none
  Premaster premaster;        // ours, with its alternative form
  bool peer_is_client = true; // whose Finished we are trying to open
  std::function<bool()> stop; // polled before each candidate: true gives up (nullopt)
};

// Finds the candidate key schedule under which `fragment` opens as a Finished message; nullopt if
// none does. `ours_extended` is the variant we used (skipped as a candidate with our premaster).
std::optional<OracleFinding> explain_bad_finished(const OracleInputs& in, bool ours_extended,
                                                  const record::RecordHeader& header, ByteView fragment);

}  // namespace tlsc::engine
