#include "peers/record/record_error.h"

namespace tlsc::record {

std::string_view to_string(RecordError e) {
  switch (e) {
    case RecordError::none: return "none";
    case RecordError::bad_record_mac: return "bad_record_mac";
    case RecordError::record_overflow: return "record_overflow";
    case RecordError::decode_error: return "decode_error";
    case RecordError::sequence_overflow: return "sequence_overflow";
    case RecordError::internal_error: return "internal_error";
  }
  return "?";
}

uint8_t alert_for(RecordError e) {
  switch (e) {
    case RecordError::bad_record_mac: return 20;   // RFC 5246, 7.2.2
    case RecordError::record_overflow: return 22;  // RFC 5246, 7.2.2
    case RecordError::decode_error: return 50;     // RFC 5246, 7.2.2
    case RecordError::none:
    case RecordError::sequence_overflow:
    case RecordError::internal_error: return 80;
  }
  return 80;
}

}  // namespace tlsc::record
