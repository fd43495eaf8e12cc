// Finished (RFC 5246, 7.4.9) and NewSessionTicket (RFC 5077, 3.3).
#pragma once

#include <optional>
#include <string>

#include "peers/messages/common.h"
#include "peers/messages/handshake.h"

namespace tlsc::msg {

// RFC 5246, 7.4.9: opaque verify_data[verify_data_length]; the whole body. Its length (12 for all
// suites defined by RFC 5246) is suite-dependent, so parse accepts any length and the engine checks
// it together with the value.
struct Finished {
  static constexpr HandshakeType kType = HandshakeType::kFinished;
  Bytes verify_data;
  std::optional<Bytes> raw_body;

  Bytes encode() const { return raw_body.value_or(verify_data); }
  std::string describe() const;
  friend bool operator==(const Finished&, const Finished&) = default;
};
bool parse(ByteView body, Finished& out, ParseError* err);

// RFC 5077, 3.3: uint32 ticket_lifetime_hint; opaque ticket<0..2^16-1>;
struct NewSessionTicket {
  static constexpr HandshakeType kType = HandshakeType::kNewSessionTicket;
  uint32_t lifetime_hint = 0;  // seconds; 0 = unspecified
  Bytes ticket;
  std::optional<Bytes> raw_body;

  Bytes encode() const;
  std::string describe() const;
  friend bool operator==(const NewSessionTicket&, const NewSessionTicket&) = default;
};
bool parse(ByteView body, NewSessionTicket& out, ParseError* err);

}  // namespace tlsc::msg
