// Why a message does not parse: a kind, which the engine turns into the alert it sends (one table,
// TLSC_PARSE_ERRORS in peers/engine/errors.h), and the failing field in words for the diagnosis
// ("ClientHello.session_id: 33 bytes, over 32 (RFC 5246, 7.4.1.2)").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tlsc::msg {

// One row a kind, in enum order: X(Name, its name in reports). The constant is kName.
#define TLSC_PARSE_ERROR_KINDS(X)                                                                       \
  /* a field or a length prefix runs past the end of the message or of the vector that holds it */     \
  X(Truncated, "truncated")                                                                             \
  /* bytes after the last field */                                                                      \
  X(TrailingBytes, "trailing bytes")                                                                    \
  /* a length the structure cannot have: not a whole number of elements, a fixed-size body of another */ \
  /* size */                                                                                            \
  X(LengthMismatch, "length mismatch")                                                                  \
  /* a vector length outside its <floor..ceiling> (RFC 5246 4.3), or a value outside its definition */ \
  X(OutOfRange, "out of range")                                                                        \
  /* a value the RFC defines but forbids in this field */                                               \
  X(IllegalValue, "illegal value")                                                                      \
  /* a message that has no form here: no TLS 1.0-1.2 message, or none for this key exchange */          \
  X(NotAllowed, "message not allowed")

#define TLSC_PARSE_ERROR_ENUM(name, text) k##name,
enum class ParseErrorKind : uint8_t { TLSC_PARSE_ERROR_KINDS(TLSC_PARSE_ERROR_ENUM) };
#undef TLSC_PARSE_ERROR_ENUM

// "truncated", "trailing bytes", ...
std::string_view to_string(ParseErrorKind kind);

struct ParseError {
  ParseErrorKind kind = ParseErrorKind::kTruncated;
  std::string detail;  // the failing field and why, for the diagnosis
};

}  // namespace tlsc::msg
