#include "peers/messages/finished.h"

#include "peers/wire/reader.h"
#include "peers/wire/writer.h"

namespace tlsc::msg {

using namespace detail;  // the helpers of common.h, Reader, Writer and K

std::string Finished::describe() const {
  if (raw_body) return raw_description("Finished", *raw_body);
  return "Finished verify_data" + brief_hex(verify_data, 12);
}

bool parse(ByteView body, Finished& out, ParseError*) {
  // RFC 5246, 7.4.9: the body is verify_data, with no length prefix.
  Reader r(body);
  Finished m;
  m.verify_data = r.take_rest();
  out = std::move(m);
  return true;
}

Bytes NewSessionTicket::encode() const {
  if (raw_body) return *raw_body;
  Writer w;
  w.u32(lifetime_hint);
  w.vec16(ticket);
  return w.take();
}

std::string NewSessionTicket::describe() const {
  if (raw_body) return raw_description("NewSessionTicket", *raw_body);
  return "NewSessionTicket lifetime_hint=" + std::to_string(lifetime_hint) + " ticket" + brief_hex(ticket, 8);
}

bool parse(ByteView body, NewSessionTicket& out, ParseError* err) {
  Reader r(body);
  NewSessionTicket m;
  // RFC 5077, 3.3: uint32 ticket_lifetime_hint; opaque ticket<0..2^16-1>;
  if (!r.u32(m.lifetime_hint)) return fail(err, K::kTruncated, "NewSessionTicket.ticket_lifetime_hint: truncated");
  if (!r.vec16(m.ticket)) return fail(err, K::kTruncated, "NewSessionTicket.ticket: length overruns body");
  return finish_into(r, m, out, err, "NewSessionTicket");
}

}  // namespace tlsc::msg
