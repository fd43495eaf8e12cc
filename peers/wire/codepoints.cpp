#include "peers/wire/codepoints.h"

#include <cstdio>
#include <ostream>

#include "peers/wire/name_table.h"

namespace tlsc {
namespace {

// "0x" and the value in hex, zero-padded to the field width.
std::string hex_name(unsigned value, int hex_digits) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%0*x", hex_digits, value);
  return buf;
}

}  // namespace

// A list row's entry of the name table.
#define TLSC_CODEPOINT_ROW(T, id, v, n) Named<T>{T::id, n},

// The name table of T, made from its list, and the members that read it.
#define TLSC_CODEPOINT_NAMES(T, LIST)                                                        \
  namespace {                                                                                \
  constexpr Named<T> k##T##Names[] = {LIST(TLSC_CODEPOINT_ROW, T)};                          \
  static_assert(distinct_rows(k##T##Names), #LIST " holds a value or a name twice");         \
  }                                                                                          \
  std::string T::name() const {                                                              \
    const std::string_view n = name_of(k##T##Names, *this, {});                              \
    return n.empty() ? hex_name(value, static_cast<int>(2 * sizeof value)) : std::string(n); \
  }                                                                                          \
  bool T::known() const { return !name_of(k##T##Names, *this, {}).empty(); }                 \
  std::optional<T> T::parse(std::string_view name) { return parse_name(k##T##Names, name); } \
  std::ostream& operator<<(std::ostream& os, T v) { return os << v.name(); }

TLSC_CODEPOINT_NAMES(ContentType, TLSC_CONTENT_TYPES)
TLSC_CODEPOINT_NAMES(HandshakeType, TLSC_HANDSHAKE_TYPES)
TLSC_CODEPOINT_NAMES(AlertLevel, TLSC_ALERT_LEVELS)
TLSC_CODEPOINT_NAMES(AlertDescription, TLSC_ALERT_DESCRIPTIONS)
TLSC_CODEPOINT_NAMES(ProtocolVersion, TLSC_PROTOCOL_VERSIONS)
TLSC_CODEPOINT_NAMES(CipherSuite, TLSC_CIPHER_SUITES)
TLSC_CODEPOINT_NAMES(ExtensionType, TLSC_EXTENSION_TYPES)
TLSC_CODEPOINT_NAMES(NamedGroup, TLSC_NAMED_GROUPS)
TLSC_CODEPOINT_NAMES(SignatureScheme, TLSC_SIGNATURE_SCHEMES)
TLSC_CODEPOINT_NAMES(ECPointFormat, TLSC_EC_POINT_FORMATS)
TLSC_CODEPOINT_NAMES(CompressionMethod, TLSC_COMPRESSION_METHODS)
TLSC_CODEPOINT_NAMES(ClientCertificateType, TLSC_CLIENT_CERTIFICATE_TYPES)

}  // namespace tlsc
