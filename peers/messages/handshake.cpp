#include "peers/messages/handshake.h"

#include "peers/wire/reader.h"
#include "peers/wire/writer.h"

namespace tlsc::msg {

using namespace detail;  // the helpers of common.h, Reader, Writer and K

Bytes HandshakeMessage::encode() const {
  // RFC 5246, 7.4: HandshakeType msg_type; uint24 length; body.
  Writer w;
  w.u8(type.value);
  w.prefixed24([&](Writer& b) { b.bytes(body); });
  return w.take();
}

std::string HandshakeMessage::describe() const { return type.name() + " [" + std::to_string(body.size()) + "]"; }

bool parse(ByteView data, HandshakeMessage& out, ParseError* err) {
  Reader r(data), body;
  HandshakeMessage m;
  // RFC 5246, 7.4: HandshakeType msg_type; uint24 length; body.
  if (!r.u8(m.type.value)) return fail(err, ParseErrorKind::kTruncated, "Handshake.msg_type: truncated");
  if (!r.prefixed24(body))
    return fail(err, ParseErrorKind::kTruncated, "Handshake.length: body overruns input (" + m.type.name() + ")");
  m.body = body.take_rest();
  return detail::finish_into(r, m, out, err, "Handshake");
}

bool HandshakeReassembler::add(ByteView fragment, ParseError* err) {
  if (failed()) return fail(err, error_.kind, error_.detail);
  buffer_.insert(buffer_.end(), fragment.begin(), fragment.end());
  // Check every header that is visible, complete or not, against the size bound.
  Reader r(buffer_);
  uint8_t type;
  uint32_t length;
  while (r.u8(type) && r.u24(length)) {
    if (length > max_body_) {
      error_ = {ParseErrorKind::kOutOfRange, "Handshake.length: " + HandshakeType{type}.name() + " announces " +
                                                 std::to_string(length) + " bytes, over the limit of " +
                                                 std::to_string(max_body_)};
      buffer_.clear();
      return fail(err, error_.kind, error_.detail);
    }
    if (!r.skip(length)) break;
  }
  return true;
}

std::optional<ReassembledMessage> HandshakeReassembler::next() {
  if (failed()) return std::nullopt;
  Reader r(buffer_);
  Reader header = r;
  uint8_t type;
  uint32_t length;
  if (!header.u8(type) || !header.u24(length)) return std::nullopt;
  ByteView whole;
  if (!r.bytes(4 + size_t{length}, whole)) return std::nullopt;
  ReassembledMessage out;
  out.raw.assign(whole.begin(), whole.end());
  if (!parse(out.raw, out.message, nullptr)) return std::nullopt;  // cannot happen: framed above
  buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(out.raw.size()));
  return out;
}

bool HandshakeReassembler::has_partial_message() const {
  Reader r(buffer_);
  uint8_t type;
  uint32_t length;
  while (!r.empty()) {
    if (!r.u8(type) || !r.u24(length) || !r.skip(length)) return true;
  }
  return false;
}

}  // namespace tlsc::msg
