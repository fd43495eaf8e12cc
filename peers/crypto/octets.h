// Helpers for big-endian integers carried as octet strings (DH/ECDH shared secrets).
#pragma once

#include <cstddef>

#include "peers/wire/bytes.h"

namespace tlsc::crypto {

// Number of leading 0x00 bytes.
inline size_t leading_zero_bytes(ByteView v) {
  size_t n = 0;
  while (n < v.size() && v[n] == 0) ++n;
  return n;
}

// Drops leading 0x00 bytes (RFC 5246, 8.1.2 form of a DH Z). Zero becomes the empty string.
inline Bytes strip_leading_zeros(ByteView v) {
  size_t n = leading_zero_bytes(v);
  return Bytes(v.begin() + static_cast<std::ptrdiff_t>(n), v.end());
}

// Left-pads with 0x00 to `len` bytes; a longer input is returned unchanged.
inline Bytes pad_to(ByteView v, size_t len) {
  Bytes out;
  if (v.size() < len) out.assign(len - v.size(), 0);
  out.insert(out.end(), v.begin(), v.end());
  return out;
}

}  // namespace tlsc::crypto
