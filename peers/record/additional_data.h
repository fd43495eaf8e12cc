// The pseudo-header both MAC-then-encrypt and AEAD authenticate (internal to peers/record):
// seq_num(8) + type(1) + version(2) + length(2) -- RFC 5246, 6.2.3.1 (MAC) and 6.2.3.3
// (additional_data).
#pragma once

#include "peers/wire/writer.h"

namespace tlsc::record {

inline Bytes additional_data(uint64_t seq, uint8_t type, uint16_t version, size_t length) {
  wire::Writer w;
  w.u64(seq);
  w.u8(type);
  w.u16(version);
  w.u16(static_cast<uint16_t>(length));  // callers keep length <= 2^16 - 1
  return w.take();
}

}  // namespace tlsc::record
