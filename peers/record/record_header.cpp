#include "peers/record/record_header.h"

namespace tlsc::record {

bool parse_header(wire::Reader& in, RecordHeader& out) {
  if (in.remaining() < kHeaderLength) return false;
  RecordHeader h;
  // RFC 5246, 6.2.1: ContentType type; ProtocolVersion version; uint16 length.
  if (!in.u8(h.type) || !in.u16(h.version) || !in.u16(h.length)) return false;
  out = h;
  return true;
}

void write_header(wire::Writer& out, const RecordHeader& header) {
  out.u8(header.type);
  out.u16(header.version);
  out.u16(header.length);
}

}  // namespace tlsc::record
