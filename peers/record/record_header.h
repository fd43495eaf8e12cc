// TLS record header (RFC 5246, 6.2.1: TLSPlaintext / 6.2.3: TLSCiphertext) and the record-size
// limits. The header is the same 5 bytes in TLS 1.0, 1.1 and 1.2.
#pragma once

#include <cstddef>
#include <cstdint>

#include "peers/wire/reader.h"
#include "peers/wire/writer.h"

namespace tlsc::record {

// ContentType (RFC 5246, 6.2.1). Plain integers: the record layer passes any value through.
inline constexpr uint8_t kChangeCipherSpec = 20;
inline constexpr uint8_t kAlert = 21;
inline constexpr uint8_t kHandshake = 22;
inline constexpr uint8_t kApplicationData = 23;

inline constexpr size_t kHeaderLength = 5;
// RFC 5246, 6.2.1: TLSPlaintext.length MUST NOT exceed 2^14.
inline constexpr size_t kMaxPlaintext = size_t{1} << 14;
// RFC 5246, 6.2.2: TLSCompressed.length MUST NOT exceed 2^14 + 1024.
inline constexpr size_t kMaxCompressed = kMaxPlaintext + 1024;
// RFC 5246, 6.2.3: TLSCiphertext.length MUST NOT exceed 2^14 + 2048.
inline constexpr size_t kMaxCiphertext = kMaxPlaintext + 2048;

struct RecordHeader {
  uint8_t type = 0;
  uint16_t version = 0;
  uint16_t length = 0;  // length of the fragment that follows
};

// Reads exactly the 5 header bytes; false (consuming nothing useful) if fewer are available.
// No semantic checks: type/version/length policy belongs to the caller (see RecordReader).
[[nodiscard]] bool parse_header(wire::Reader& in, RecordHeader& out);
void write_header(wire::Writer& out, const RecordHeader& header);

}  // namespace tlsc::record
