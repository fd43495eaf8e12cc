#include "peers/record/null_protection.h"

namespace tlsc::record {

SealResult NullProtection::seal_fragment(uint64_t, uint8_t, uint16_t, ByteView plaintext, const SealTweaks&) {
  return {RecordError::none, Bytes(plaintext.begin(), plaintext.end()), {}};
}

OpenResult NullProtection::open_fragment(uint64_t, const RecordHeader& header, ByteView fragment) {
  OpenResult out;
  out.type = header.type;
  // RFC 5246, 6.2.1: TLSPlaintext.length MUST NOT exceed 2^14 -- checked before the copy, since
  // here the fragment is the plaintext.
  if (fragment.size() > kMaxPlaintext) {
    out.error = RecordError::record_overflow;
    out.detail = "plaintext record longer than 2^14";
    return out;
  }
  out.plaintext.assign(fragment.begin(), fragment.end());
  return out;
}

}  // namespace tlsc::record
