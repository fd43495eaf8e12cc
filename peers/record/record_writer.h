// Splits a payload into records of at most max_fragment() plaintext bytes each and seals them.
#pragma once

#include <cstddef>

#include "peers/record/protection.h"

namespace tlsc::record {

class RecordWriter {
 public:
  // RFC 5246, 6.2.1: at most 2^14 bytes per fragment. Smaller values (down to 1) are legal and
  // useful for tests; larger values are a deliberate violation and turn on allow_oversize.
  explicit RecordWriter(size_t max_fragment = kMaxPlaintext);
  void set_max_fragment(size_t n) { max_fragment_ = n == 0 ? 1 : n; }
  size_t max_fragment() const { return max_fragment_; }

  // The concatenated records. An empty payload gives one zero-length record (legal only for
  // application_data, RFC 5246, 6.2.1: the caller decides). Stops at the first seal error and
  // returns it (records sealed before it are lost; the connection is dead anyway).
  SealResult write(RecordProtection& protection, uint8_t type, uint16_t version, ByteView payload,
                   const SealTweaks& tweaks = {}) const;

 private:
  size_t max_fragment_;
};

}  // namespace tlsc::record
