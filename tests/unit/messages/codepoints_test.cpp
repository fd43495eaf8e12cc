#include <gtest/gtest.h>

#include <sstream>

#include "peers/wire/codepoints.h"

using namespace tlsc;

TEST(Codepoints, KnownValuesHaveRegistryNames) {
  EXPECT_EQ(ExtensionType::kExtendedMasterSecret.value, 23);
  EXPECT_EQ(ExtensionType::kExtendedMasterSecret.name(), "extended_master_secret");
  EXPECT_EQ(ExtensionType::kRenegotiationInfo.value, 0xff01);
  EXPECT_EQ(ExtensionType::kRenegotiationInfo.name(), "renegotiation_info");
  EXPECT_EQ(CipherSuite::kTLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256.value, 0xc02f);
  EXPECT_EQ(CipherSuite{0xcca8}.name(), "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
  EXPECT_EQ(CipherSuite{0x00ff}.name(), "TLS_EMPTY_RENEGOTIATION_INFO_SCSV");
  EXPECT_EQ(CipherSuite{0x5600}.name(), "TLS_FALLBACK_SCSV");
  EXPECT_EQ(ProtocolVersion{0x0303}.name(), "TLS1.2");
  EXPECT_EQ(ProtocolVersion::kTls10.name(), "TLS1.0");
  EXPECT_EQ(AlertDescription{86}.name(), "inappropriate_fallback");
  EXPECT_EQ(AlertDescription::kCertificateRequired.value, 116);
  EXPECT_EQ(HandshakeType{16}.name(), "client_key_exchange");
  EXPECT_EQ(NamedGroup{29}.name(), "x25519");
  EXPECT_EQ(NamedGroup::kFfdhe3072.value, 257);
  EXPECT_EQ(SignatureScheme{0x0804}.name(), "rsa_pss_rsae_sha256");
  EXPECT_EQ(SignatureScheme::kEcdsaSha1.value, 0x0203);
  EXPECT_EQ(ClientCertificateType{64}.name(), "ecdsa_sign");
  EXPECT_EQ(ContentType{23}.name(), "application_data");
  EXPECT_EQ(ECPointFormat{0}.name(), "uncompressed");
  EXPECT_EQ(CompressionMethod{0}.name(), "null");
  EXPECT_EQ(AlertLevel{2}.name(), "fatal");
}

TEST(Codepoints, UnknownValuesPrintAsZeroPaddedHex) {
  EXPECT_EQ(ExtensionType{0x1234}.name(), "0x1234");
  EXPECT_EQ(ExtensionType{0x0a0a}.name(), "0x0a0a");  // GREASE
  EXPECT_EQ(CipherSuite{0x0001}.name(), "0x0001");
  EXPECT_EQ(AlertDescription{255}.name(), "0xff");
  EXPECT_EQ(HandshakeType{7}.name(), "0x07");
  EXPECT_FALSE(CipherSuite{0x0001}.known());
  EXPECT_TRUE(CipherSuite{0x009e}.known());
  std::ostringstream os;
  os << NamedGroup{0x7777} << " " << NamedGroup::kSecp384r1;
  EXPECT_EQ(os.str(), "0x7777 secp384r1");
}

TEST(Codepoints, CompareByValue) {
  EXPECT_EQ(ProtocolVersion{0x0302}, ProtocolVersion::kTls11);
  EXPECT_LT(ProtocolVersion::kTls11, ProtocolVersion::kTls12);
  EXPECT_NE(CipherSuite::kTLS_RSA_WITH_AES_128_CBC_SHA, CipherSuite::kTLS_RSA_WITH_AES_128_GCM_SHA256);
  constexpr ExtensionType t = ExtensionType::kSessionTicket;  // usable in constant expressions
  static_assert(t.value == 35);
}
