#include "peers/record/record_writer.h"

#include "peers/wire/reader.h"
#include "peers/wire/writer.h"

namespace tlsc::record {

RecordWriter::RecordWriter(size_t max_fragment) { set_max_fragment(max_fragment); }

SealResult RecordWriter::write(RecordProtection& protection, uint8_t type, uint16_t version, ByteView payload,
                               const SealTweaks& tweaks) const {
  SealTweaks t = tweaks;
  if (max_fragment_ > kMaxPlaintext) t.allow_oversize = true;
  wire::Reader in(payload);
  wire::Writer out;
  do {
    ByteView piece;
    const size_t n = in.remaining() < max_fragment_ ? in.remaining() : max_fragment_;
    if (!in.bytes(n, piece)) return {RecordError::internal_error, {}, "payload slicing"};
    SealResult r = protection.seal(type, version, piece, t);
    if (!r.ok()) return r;
    out.bytes(r.record);
  } while (!in.empty());
  return {RecordError::none, out.take(), {}};
}

}  // namespace tlsc::record
