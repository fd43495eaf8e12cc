// Every code point list of peers/wire/codepoints.h, both ways. Registry values themselves:
// tests/unit/messages/codepoints_test.cpp.
#include <gtest/gtest.h>

#include <cstdio>
#include <limits>

#include "peers/wire/codepoints.h"

namespace tlsc {
namespace {

// Over every value of the field: a known value's name parses back to it; an unknown one prints
// as zero-padded hex and does not parse. `registered` is the length of the type's list.
template <class T>
void names_round_trip(size_t registered) {
  using Int = decltype(T{}.value);
  size_t known = 0;
  for (uint32_t v = 0; v <= std::numeric_limits<Int>::max(); ++v) {
    const T cp{static_cast<Int>(v)};
    const std::string name = cp.name();
    if (cp.known()) {
      ++known;
      EXPECT_EQ(T::parse(name), cp) << name;
      EXPECT_NE(name.rfind("0x", 0), 0u) << name;
    } else {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%0*x", static_cast<int>(2 * sizeof(Int)), static_cast<unsigned>(v));
      EXPECT_EQ(name, hex);
      EXPECT_FALSE(T::parse(name)) << name;
    }
  }
  EXPECT_EQ(known, registered);
}

#define TLSC_COUNT_ROW(T, id, v, n) +1
#define TLSC_CHECK_ROW(T, id, v, n) \
  EXPECT_EQ(T::id.value, v);        \
  EXPECT_EQ(T::id.name(), n);       \
  EXPECT_EQ(T::parse(n), T::id);

#define TLSC_CHECK_LIST(T, LIST)                      \
  names_round_trip<T>(0 LIST(TLSC_COUNT_ROW, T));     \
  LIST(TLSC_CHECK_ROW, T)

TEST(CodepointNames, EveryValueNameValueRoundTrips) {
  TLSC_CHECK_LIST(ContentType, TLSC_CONTENT_TYPES)
  TLSC_CHECK_LIST(HandshakeType, TLSC_HANDSHAKE_TYPES)
  TLSC_CHECK_LIST(AlertLevel, TLSC_ALERT_LEVELS)
  TLSC_CHECK_LIST(AlertDescription, TLSC_ALERT_DESCRIPTIONS)
  TLSC_CHECK_LIST(ProtocolVersion, TLSC_PROTOCOL_VERSIONS)
  TLSC_CHECK_LIST(CipherSuite, TLSC_CIPHER_SUITES)
  TLSC_CHECK_LIST(ExtensionType, TLSC_EXTENSION_TYPES)
  TLSC_CHECK_LIST(NamedGroup, TLSC_NAMED_GROUPS)
  TLSC_CHECK_LIST(SignatureScheme, TLSC_SIGNATURE_SCHEMES)
  TLSC_CHECK_LIST(ECPointFormat, TLSC_EC_POINT_FORMATS)
  TLSC_CHECK_LIST(CompressionMethod, TLSC_COMPRESSION_METHODS)
  TLSC_CHECK_LIST(ClientCertificateType, TLSC_CLIENT_CERTIFICATE_TYPES)
}

// parse() takes the registry spelling only (the CLI's "tls1.2" is engine/names.h).
TEST(CodepointNames, ParseTakesTheExactRegistryName) {
  EXPECT_EQ(ProtocolVersion::parse("TLS1.2"), ProtocolVersion::kTls12);
  EXPECT_FALSE(ProtocolVersion::parse("tls1.2"));
  EXPECT_EQ(CipherSuite::parse("TLS_FALLBACK_SCSV"), CipherSuite::kTLS_FALLBACK_SCSV);
  EXPECT_FALSE(NamedGroup::parse("0x001d"));
  EXPECT_FALSE(AlertDescription::parse(""));
}

}  // namespace
}  // namespace tlsc
