#include "peers/messages/alert.h"

#include "peers/wire/reader.h"
#include "peers/wire/writer.h"

namespace tlsc::msg {

using detail::fail;
using detail::finish;
using wire::Reader;
using wire::Writer;

Bytes Alert::encode() const {
  if (raw_body) return *raw_body;
  Writer w;
  w.u8(level.value);
  w.u8(description.value);
  return w.take();
}

std::string Alert::describe() const {
  if (raw_body) return "Alert raw_body" + brief_hex(*raw_body, 32);
  return "Alert " + level.name() + " " + description.name();
}

bool parse(ByteView payload, Alert& out, std::string* why) {
  // RFC 5246, 7.2: an alert is exactly a level byte and a description byte.
  if (payload.size() != 2)
    return fail(why, "Alert: length " + std::to_string(payload.size()) + ", must be 2 (RFC 5246, 7.2)");
  Reader r(payload);
  Alert a;
  if (!r.u8(a.level.value) || !r.u8(a.description.value)) return fail(why, "Alert: truncated");
  if (!finish(r, why, "Alert")) return false;
  out = a;
  return true;
}

std::string ChangeCipherSpec::describe() const {
  if (raw_body) return "ChangeCipherSpec raw_body" + brief_hex(*raw_body, 32);
  return "ChangeCipherSpec type=" + std::to_string(type);
}

bool parse(ByteView payload, ChangeCipherSpec& out, std::string* why) {
  Reader r(payload);
  ChangeCipherSpec c;
  // RFC 5246, 7.1: "The message consists of a single byte of value 1."
  if (!r.u8(c.type)) return fail(why, "ChangeCipherSpec: empty");
  if (!finish(r, why, "ChangeCipherSpec")) return false;
  if (c.type != 1)
    return fail(why, "ChangeCipherSpec.type: " + std::to_string(c.type) + ", must be 1 (RFC 5246, 7.1)");
  out = c;
  return true;
}

}  // namespace tlsc::msg
