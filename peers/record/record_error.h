// Outcomes of protecting and unprotecting one record.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "peers/wire/bytes.h"

namespace tlsc::record {

enum class RecordError : uint8_t {
  none,
  bad_record_mac,     // alert 20: MAC, tag or CBC padding check failed (RFC 5246, 6.2.3.2 / 6.2.3.3)
  record_overflow,    // alert 22: a length over the RFC 5246, 6.2.1-6.2.3 limits
  decode_error,       // alert 50: a fragment that cannot be parsed at all
  sequence_overflow,  // RFC 5246, 6.1: sequence number would wrap; fatal, no alert defined
  internal_error,     // alert 80: our side (OpenSSL failure, bad keys, bad tweak)
};

std::string_view to_string(RecordError e);
// The TLS AlertDescription to send for `e` (RFC 5246, 7.2); internal_error for sequence overflow.
uint8_t alert_for(RecordError e);

struct SealResult {
  RecordError error = RecordError::none;
  Bytes record;        // header + protected fragment, ready for the wire
  std::string detail;  // human-readable cause when error != none
  bool ok() const { return error == RecordError::none; }
};

struct OpenResult {
  RecordError error = RecordError::none;
  uint8_t type = 0;  // from the header; the plaintext's ContentType
  Bytes plaintext;
  // Why it failed, for our own observations only (e.g. "padding" vs "mac" for bad_record_mac);
  // the peer sees a single alert whatever the cause (RFC 5246, 6.2.3.2).
  std::string detail;
  bool ok() const { return error == RecordError::none; }
};

}  // namespace tlsc::record
