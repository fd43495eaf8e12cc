// Handshake framing (RFC 5246, 7.4): a 1-byte HandshakeType and a 3-byte length before the body,
// and reassembly of handshake messages from record payloads (RFC 5246, 6.2.1: "multiple client
// messages of the same ContentType MAY be coalesced into a single TLSPlaintext record, or a single
// message MAY be fragmented across several records").
#pragma once

#include <optional>
#include <string>

#include "peers/messages/common.h"

namespace tlsc::msg {

struct HandshakeMessage {
  HandshakeType type;
  Bytes body;

  // Header (type + u24 length, written by the Writer) followed by the body.
  Bytes encode() const;
  // "client_hello [n]".
  std::string describe() const;
  friend bool operator==(const HandshakeMessage&, const HandshakeMessage&) = default;
};
// Exactly one framed message; trailing bytes are rejected.
bool parse(ByteView data, HandshakeMessage& out, ParseError* err);

// Any typed message M (with M::kType and M::encode() giving the body) to its framed form.
template <class M>
HandshakeMessage to_handshake(const M& m) {
  return {M::kType, m.encode()};
}
template <class M>
Bytes encode_handshake(const M& m) {
  return to_handshake(m).encode();
}

// One message out of the reassembler: the parsed frame, and the exact bytes it arrived as
// (header included) for the transcript hash (RFC 5246, 7.4.9: handshake_messages). Whether a
// message enters the transcript (HelloRequest does not, RFC 5246 7.4.1.1) is the engine's call.
struct ReassembledMessage {
  HandshakeMessage message;
  Bytes raw;
};

// Feeds on the payload of handshake records, yields complete messages in order.
//
//   r.add(record.payload);                    // false => stream is broken, see error()
//   while (auto m = r.next()) handle(*m);
//   if (ccs_arrived && r.has_partial_message()) -> unexpected_message
//
// A header announcing a body over max_body bytes fails as soon as the header is visible (no
// waiting for the body); the failure is sticky: add() keeps returning false and next() nullopt.
// Empty fragments are accepted as no-ops; RFC 5246, 6.2.1 forbids sending zero-length handshake
// fragments, which is for the record layer to flag.
class HandshakeReassembler {
 public:
  static constexpr size_t kDefaultMaxBody = 64 * 1024;

  explicit HandshakeReassembler(size_t max_body = kDefaultMaxBody) : max_body_(max_body) {}

  // A header over max_body is kOutOfRange (our bound; the alert is decode_error as for any other
  // frame that does not decode).
  [[nodiscard]] bool add(ByteView fragment, ParseError* err = nullptr);
  std::optional<ReassembledMessage> next();

  // Bytes received but not yet returned by next() (complete messages and a partial one).
  size_t buffered_bytes() const { return buffer_.size(); }
  // True when the buffer holds the start of a message whose end has not arrived yet. After
  // draining next(), this is what tells the engine a ChangeCipherSpec (or any other content type)
  // interleaved with a fragmented handshake message.
  bool has_partial_message() const;
  bool failed() const { return !error_.detail.empty(); }
  const ParseError& error() const { return error_; }
  size_t max_body() const { return max_body_; }

 private:
  size_t max_body_;
  Bytes buffer_;
  ParseError error_;
};

}  // namespace tlsc::msg
