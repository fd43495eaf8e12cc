#include "peers/messages/alert.h"

#include "peers/wire/reader.h"
#include "peers/wire/writer.h"

namespace tlsc::msg {

using namespace detail;  // the helpers of common.h, Reader, Writer and K

Bytes Alert::encode() const {
  if (raw_body) return *raw_body;
  Writer w;
  w.u8(level.value);
  w.u8(description.value);
  return w.take();
}

std::string Alert::describe() const {
  if (raw_body) return raw_description("Alert", *raw_body);
  return "Alert " + level.name() + " " + description.name();
}

bool parse(ByteView payload, Alert& out, ParseError* err) {
  // RFC 5246, 7.2: an alert is exactly a level byte and a description byte; another length is
  // decode_error (RFC 5246 7.2.2).
  if (payload.size() != 2)
    return fail(err, K::kLengthMismatch,
                "Alert: length " + std::to_string(payload.size()) + ", must be 2 (RFC 5246, 7.2)");
  Reader r(payload);
  Alert a;
  if (!r.u8(a.level.value) || !r.u8(a.description.value)) return fail(err, K::kTruncated, "Alert: truncated");
  return finish_into(r, a, out, err, "Alert");
}

std::string ChangeCipherSpec::describe() const {
  if (raw_body) return raw_description("ChangeCipherSpec", *raw_body);
  return "ChangeCipherSpec type=" + std::to_string(type);
}

bool parse(ByteView payload, ChangeCipherSpec& out, ParseError* err) {
  Reader r(payload);
  ChangeCipherSpec c;
  // RFC 5246, 7.1: "The message consists of a single byte of value 1." The RFC names no alert;
  // another length or value is decode_error (RFC 5246 7.2.2: "some field was out of the specified
  // range or the length of the message was incorrect").
  if (!r.u8(c.type)) return fail(err, K::kTruncated, "ChangeCipherSpec: empty");
  if (!detail::finish(r, err, "ChangeCipherSpec")) return false;
  if (c.type != 1)
    return fail(err, K::kOutOfRange, "ChangeCipherSpec.type: " + std::to_string(c.type) + ", must be 1 (RFC 5246, 7.1)");
  out = c;
  return true;
}

}  // namespace tlsc::msg
