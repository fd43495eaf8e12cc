// Alert (RFC 5246, 7.2) and ChangeCipherSpec (RFC 5246, 7.1): the payloads of their own content
// types, not handshake messages, but the same neutral struct + strict parse style.
#pragma once

#include <optional>
#include <string>

#include "peers/messages/common.h"

namespace tlsc::msg {

// RFC 5246, 7.2: struct { AlertLevel level; AlertDescription description; } Alert;
struct Alert {
  static constexpr ContentType kContentType = ContentType::kAlert;
  AlertLevel level = AlertLevel::kFatal;
  AlertDescription description;
  std::optional<Bytes> raw_body;  // e.g. a 3-byte or 1-byte alert

  Bytes encode() const;
  // "fatal handshake_failure".
  std::string describe() const;
  friend bool operator==(const Alert&, const Alert&) = default;
};
// Exactly two bytes. Unknown level/description values are kept (the engine judges them).
bool parse(ByteView payload, Alert& out, ParseError* err);

// RFC 5246, 7.1: struct { enum { change_cipher_spec(1), (255) } type; } ChangeCipherSpec;
struct ChangeCipherSpec {
  static constexpr ContentType kContentType = ContentType::kChangeCipherSpec;
  uint8_t type = 1;
  std::optional<Bytes> raw_body;

  Bytes encode() const { return raw_body.value_or(Bytes{type}); }
  std::string describe() const;
  friend bool operator==(const ChangeCipherSpec&, const ChangeCipherSpec&) = default;
};
// Exactly the single byte 0x01.
bool parse(ByteView payload, ChangeCipherSpec& out, ParseError* err);

}  // namespace tlsc::msg
