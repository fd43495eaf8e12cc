// TLS wire code points (TLS 1.0-1.2 plus the few TLS 1.3 values that appear in real hellos).
//
// Each type is a thin wrapper over the integer that goes on the wire: any value can be held,
// compared and sent, so a test can put an unassigned or forbidden value on the wire. Named
// constants cover the registered values; name() gives the registry name for known values and
// "0x.." (hex, zero-padded to the field width) for unknown ones, so unknown values still print.
#pragma once

#include <compare>
#include <cstdint>
#include <iosfwd>
#include <string>

namespace tlsc {

// RFC 5246, 6.2.1
struct ContentType {
  uint8_t value = 0;
  static const ContentType kChangeCipherSpec;
  static const ContentType kAlert;
  static const ContentType kHandshake;
  static const ContentType kApplicationData;
  static const ContentType kHeartbeat;

  friend constexpr bool operator==(ContentType, ContentType) = default;
  friend constexpr auto operator<=>(ContentType, ContentType) = default;
  // Registry name, or "0x.." for a value this table does not know.
  std::string name() const;
  // True when the value has a name in the table.
  bool known() const;
};
inline constexpr ContentType ContentType::kChangeCipherSpec{0x14};
inline constexpr ContentType ContentType::kAlert{0x15};
inline constexpr ContentType ContentType::kHandshake{0x16};
inline constexpr ContentType ContentType::kApplicationData{0x17};
inline constexpr ContentType ContentType::kHeartbeat{0x18};
std::ostream& operator<<(std::ostream& os, ContentType v);

// RFC 5246, 7.4 (+ RFC 5077, RFC 6066, RFC 6347)
struct HandshakeType {
  uint8_t value = 0;
  static const HandshakeType kHelloRequest;
  static const HandshakeType kClientHello;
  static const HandshakeType kServerHello;
  static const HandshakeType kHelloVerifyRequest;
  static const HandshakeType kNewSessionTicket;
  static const HandshakeType kCertificate;
  static const HandshakeType kServerKeyExchange;
  static const HandshakeType kCertificateRequest;
  static const HandshakeType kServerHelloDone;
  static const HandshakeType kCertificateVerify;
  static const HandshakeType kClientKeyExchange;
  static const HandshakeType kFinished;
  static const HandshakeType kCertificateUrl;
  static const HandshakeType kCertificateStatus;

  friend constexpr bool operator==(HandshakeType, HandshakeType) = default;
  friend constexpr auto operator<=>(HandshakeType, HandshakeType) = default;
  // Registry name, or "0x.." for a value this table does not know.
  std::string name() const;
  // True when the value has a name in the table.
  bool known() const;
};
inline constexpr HandshakeType HandshakeType::kHelloRequest{0x00};
inline constexpr HandshakeType HandshakeType::kClientHello{0x01};
inline constexpr HandshakeType HandshakeType::kServerHello{0x02};
inline constexpr HandshakeType HandshakeType::kHelloVerifyRequest{0x03};
inline constexpr HandshakeType HandshakeType::kNewSessionTicket{0x04};
inline constexpr HandshakeType HandshakeType::kCertificate{0x0b};
inline constexpr HandshakeType HandshakeType::kServerKeyExchange{0x0c};
inline constexpr HandshakeType HandshakeType::kCertificateRequest{0x0d};
inline constexpr HandshakeType HandshakeType::kServerHelloDone{0x0e};
inline constexpr HandshakeType HandshakeType::kCertificateVerify{0x0f};
inline constexpr HandshakeType HandshakeType::kClientKeyExchange{0x10};
inline constexpr HandshakeType HandshakeType::kFinished{0x14};
inline constexpr HandshakeType HandshakeType::kCertificateUrl{0x15};
inline constexpr HandshakeType HandshakeType::kCertificateStatus{0x16};
std::ostream& operator<<(std::ostream& os, HandshakeType v);

// RFC 5246, 7.2
struct AlertLevel {
  uint8_t value = 0;
  static const AlertLevel kWarning;
  static const AlertLevel kFatal;

  friend constexpr bool operator==(AlertLevel, AlertLevel) = default;
  friend constexpr auto operator<=>(AlertLevel, AlertLevel) = default;
  // Registry name, or "0x.." for a value this table does not know.
  std::string name() const;
  // True when the value has a name in the table.
  bool known() const;
};
inline constexpr AlertLevel AlertLevel::kWarning{0x01};
inline constexpr AlertLevel AlertLevel::kFatal{0x02};
std::ostream& operator<<(std::ostream& os, AlertLevel v);

// RFC 5246, 7.2 (+ RFC 6066, RFC 7301, RFC 7507, RFC 8446)
struct AlertDescription {
  uint8_t value = 0;
  static const AlertDescription kCloseNotify;
  static const AlertDescription kUnexpectedMessage;
  static const AlertDescription kBadRecordMac;
  static const AlertDescription kDecryptionFailed;
  static const AlertDescription kRecordOverflow;
  static const AlertDescription kDecompressionFailure;
  static const AlertDescription kHandshakeFailure;
  static const AlertDescription kNoCertificate;
  static const AlertDescription kBadCertificate;
  static const AlertDescription kUnsupportedCertificate;
  static const AlertDescription kCertificateRevoked;
  static const AlertDescription kCertificateExpired;
  static const AlertDescription kCertificateUnknown;
  static const AlertDescription kIllegalParameter;
  static const AlertDescription kUnknownCa;
  static const AlertDescription kAccessDenied;
  static const AlertDescription kDecodeError;
  static const AlertDescription kDecryptError;
  static const AlertDescription kExportRestriction;
  static const AlertDescription kProtocolVersion;
  static const AlertDescription kInsufficientSecurity;
  static const AlertDescription kInternalError;
  static const AlertDescription kInappropriateFallback;
  static const AlertDescription kUserCanceled;
  static const AlertDescription kNoRenegotiation;
  static const AlertDescription kMissingExtension;
  static const AlertDescription kUnsupportedExtension;
  static const AlertDescription kCertificateUnobtainable;
  static const AlertDescription kUnrecognizedName;
  static const AlertDescription kBadCertificateStatusResponse;
  static const AlertDescription kBadCertificateHashValue;
  static const AlertDescription kUnknownPskIdentity;
  static const AlertDescription kCertificateRequired;
  static const AlertDescription kNoApplicationProtocol;

  friend constexpr bool operator==(AlertDescription, AlertDescription) = default;
  friend constexpr auto operator<=>(AlertDescription, AlertDescription) = default;
  // Registry name, or "0x.." for a value this table does not know.
  std::string name() const;
  // True when the value has a name in the table.
  bool known() const;
};
inline constexpr AlertDescription AlertDescription::kCloseNotify{0x00};
inline constexpr AlertDescription AlertDescription::kUnexpectedMessage{0x0a};
inline constexpr AlertDescription AlertDescription::kBadRecordMac{0x14};
inline constexpr AlertDescription AlertDescription::kDecryptionFailed{0x15};
inline constexpr AlertDescription AlertDescription::kRecordOverflow{0x16};
inline constexpr AlertDescription AlertDescription::kDecompressionFailure{0x1e};
inline constexpr AlertDescription AlertDescription::kHandshakeFailure{0x28};
inline constexpr AlertDescription AlertDescription::kNoCertificate{0x29};
inline constexpr AlertDescription AlertDescription::kBadCertificate{0x2a};
inline constexpr AlertDescription AlertDescription::kUnsupportedCertificate{0x2b};
inline constexpr AlertDescription AlertDescription::kCertificateRevoked{0x2c};
inline constexpr AlertDescription AlertDescription::kCertificateExpired{0x2d};
inline constexpr AlertDescription AlertDescription::kCertificateUnknown{0x2e};
inline constexpr AlertDescription AlertDescription::kIllegalParameter{0x2f};
inline constexpr AlertDescription AlertDescription::kUnknownCa{0x30};
inline constexpr AlertDescription AlertDescription::kAccessDenied{0x31};
inline constexpr AlertDescription AlertDescription::kDecodeError{0x32};
inline constexpr AlertDescription AlertDescription::kDecryptError{0x33};
inline constexpr AlertDescription AlertDescription::kExportRestriction{0x3c};
inline constexpr AlertDescription AlertDescription::kProtocolVersion{0x46};
inline constexpr AlertDescription AlertDescription::kInsufficientSecurity{0x47};
inline constexpr AlertDescription AlertDescription::kInternalError{0x50};
inline constexpr AlertDescription AlertDescription::kInappropriateFallback{0x56};
inline constexpr AlertDescription AlertDescription::kUserCanceled{0x5a};
inline constexpr AlertDescription AlertDescription::kNoRenegotiation{0x64};
inline constexpr AlertDescription AlertDescription::kMissingExtension{0x6d};
inline constexpr AlertDescription AlertDescription::kUnsupportedExtension{0x6e};
inline constexpr AlertDescription AlertDescription::kCertificateUnobtainable{0x6f};
inline constexpr AlertDescription AlertDescription::kUnrecognizedName{0x70};
inline constexpr AlertDescription AlertDescription::kBadCertificateStatusResponse{0x71};
inline constexpr AlertDescription AlertDescription::kBadCertificateHashValue{0x72};
inline constexpr AlertDescription AlertDescription::kUnknownPskIdentity{0x73};
inline constexpr AlertDescription AlertDescription::kCertificateRequired{0x74};
inline constexpr AlertDescription AlertDescription::kNoApplicationProtocol{0x78};
std::ostream& operator<<(std::ostream& os, AlertDescription v);

// RFC 5246, 6.2.1 / Appendix E
struct ProtocolVersion {
  uint16_t value = 0;
  static const ProtocolVersion kSsl30;
  static const ProtocolVersion kTls10;
  static const ProtocolVersion kTls11;
  static const ProtocolVersion kTls12;
  static const ProtocolVersion kTls13;

  friend constexpr bool operator==(ProtocolVersion, ProtocolVersion) = default;
  friend constexpr auto operator<=>(ProtocolVersion, ProtocolVersion) = default;
  // Registry name, or "0x.." for a value this table does not know.
  std::string name() const;
  // True when the value has a name in the table.
  bool known() const;
};
inline constexpr ProtocolVersion ProtocolVersion::kSsl30{0x0300};
inline constexpr ProtocolVersion ProtocolVersion::kTls10{0x0301};
inline constexpr ProtocolVersion ProtocolVersion::kTls11{0x0302};
inline constexpr ProtocolVersion ProtocolVersion::kTls12{0x0303};
inline constexpr ProtocolVersion ProtocolVersion::kTls13{0x0304};
std::ostream& operator<<(std::ostream& os, ProtocolVersion v);

// IANA TLS Cipher Suites registry; RFC 5246 A.5, RFC 5288, RFC 5289, RFC 7905, RFC 5746, RFC 7507
struct CipherSuite {
  uint16_t value = 0;
  static const CipherSuite kTLS_NULL_WITH_NULL_NULL;
  static const CipherSuite kTLS_RSA_WITH_RC4_128_MD5;
  static const CipherSuite kTLS_RSA_WITH_RC4_128_SHA;
  static const CipherSuite kTLS_RSA_WITH_3DES_EDE_CBC_SHA;
  static const CipherSuite kTLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA;
  static const CipherSuite kTLS_RSA_WITH_AES_128_CBC_SHA;
  static const CipherSuite kTLS_DHE_RSA_WITH_AES_128_CBC_SHA;
  static const CipherSuite kTLS_RSA_WITH_AES_256_CBC_SHA;
  static const CipherSuite kTLS_DHE_RSA_WITH_AES_256_CBC_SHA;
  static const CipherSuite kTLS_RSA_WITH_AES_128_CBC_SHA256;
  static const CipherSuite kTLS_RSA_WITH_AES_256_CBC_SHA256;
  static const CipherSuite kTLS_DHE_RSA_WITH_AES_128_CBC_SHA256;
  static const CipherSuite kTLS_DHE_RSA_WITH_AES_256_CBC_SHA256;
  static const CipherSuite kTLS_RSA_WITH_AES_128_GCM_SHA256;
  static const CipherSuite kTLS_RSA_WITH_AES_256_GCM_SHA384;
  static const CipherSuite kTLS_DHE_RSA_WITH_AES_128_GCM_SHA256;
  static const CipherSuite kTLS_DHE_RSA_WITH_AES_256_GCM_SHA384;
  static const CipherSuite kTLS_EMPTY_RENEGOTIATION_INFO_SCSV;
  static const CipherSuite kTLS_AES_128_GCM_SHA256;
  static const CipherSuite kTLS_AES_256_GCM_SHA384;
  static const CipherSuite kTLS_CHACHA20_POLY1305_SHA256;
  static const CipherSuite kTLS_FALLBACK_SCSV;
  static const CipherSuite kTLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA;
  static const CipherSuite kTLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA;
  static const CipherSuite kTLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA;
  static const CipherSuite kTLS_ECDHE_RSA_WITH_AES_128_CBC_SHA;
  static const CipherSuite kTLS_ECDHE_RSA_WITH_AES_256_CBC_SHA;
  static const CipherSuite kTLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256;
  static const CipherSuite kTLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384;
  static const CipherSuite kTLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256;
  static const CipherSuite kTLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384;
  static const CipherSuite kTLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256;
  static const CipherSuite kTLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384;
  static const CipherSuite kTLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;
  static const CipherSuite kTLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384;
  static const CipherSuite kTLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256;
  static const CipherSuite kTLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256;
  static const CipherSuite kTLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256;

  friend constexpr bool operator==(CipherSuite, CipherSuite) = default;
  friend constexpr auto operator<=>(CipherSuite, CipherSuite) = default;
  // Registry name, or "0x.." for a value this table does not know.
  std::string name() const;
  // True when the value has a name in the table.
  bool known() const;
};
inline constexpr CipherSuite CipherSuite::kTLS_NULL_WITH_NULL_NULL{0x0000};
inline constexpr CipherSuite CipherSuite::kTLS_RSA_WITH_RC4_128_MD5{0x0004};
inline constexpr CipherSuite CipherSuite::kTLS_RSA_WITH_RC4_128_SHA{0x0005};
inline constexpr CipherSuite CipherSuite::kTLS_RSA_WITH_3DES_EDE_CBC_SHA{0x000a};
inline constexpr CipherSuite CipherSuite::kTLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA{0x0016};
inline constexpr CipherSuite CipherSuite::kTLS_RSA_WITH_AES_128_CBC_SHA{0x002f};
inline constexpr CipherSuite CipherSuite::kTLS_DHE_RSA_WITH_AES_128_CBC_SHA{0x0033};
inline constexpr CipherSuite CipherSuite::kTLS_RSA_WITH_AES_256_CBC_SHA{0x0035};
inline constexpr CipherSuite CipherSuite::kTLS_DHE_RSA_WITH_AES_256_CBC_SHA{0x0039};
inline constexpr CipherSuite CipherSuite::kTLS_RSA_WITH_AES_128_CBC_SHA256{0x003c};
inline constexpr CipherSuite CipherSuite::kTLS_RSA_WITH_AES_256_CBC_SHA256{0x003d};
inline constexpr CipherSuite CipherSuite::kTLS_DHE_RSA_WITH_AES_128_CBC_SHA256{0x0067};
inline constexpr CipherSuite CipherSuite::kTLS_DHE_RSA_WITH_AES_256_CBC_SHA256{0x006b};
inline constexpr CipherSuite CipherSuite::kTLS_RSA_WITH_AES_128_GCM_SHA256{0x009c};
inline constexpr CipherSuite CipherSuite::kTLS_RSA_WITH_AES_256_GCM_SHA384{0x009d};
inline constexpr CipherSuite CipherSuite::kTLS_DHE_RSA_WITH_AES_128_GCM_SHA256{0x009e};
inline constexpr CipherSuite CipherSuite::kTLS_DHE_RSA_WITH_AES_256_GCM_SHA384{0x009f};
inline constexpr CipherSuite CipherSuite::kTLS_EMPTY_RENEGOTIATION_INFO_SCSV{0x00ff};
inline constexpr CipherSuite CipherSuite::kTLS_AES_128_GCM_SHA256{0x1301};
inline constexpr CipherSuite CipherSuite::kTLS_AES_256_GCM_SHA384{0x1302};
inline constexpr CipherSuite CipherSuite::kTLS_CHACHA20_POLY1305_SHA256{0x1303};
inline constexpr CipherSuite CipherSuite::kTLS_FALLBACK_SCSV{0x5600};
inline constexpr CipherSuite CipherSuite::kTLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA{0xc009};
inline constexpr CipherSuite CipherSuite::kTLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA{0xc00a};
inline constexpr CipherSuite CipherSuite::kTLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA{0xc012};
inline constexpr CipherSuite CipherSuite::kTLS_ECDHE_RSA_WITH_AES_128_CBC_SHA{0xc013};
inline constexpr CipherSuite CipherSuite::kTLS_ECDHE_RSA_WITH_AES_256_CBC_SHA{0xc014};
inline constexpr CipherSuite CipherSuite::kTLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256{0xc023};
inline constexpr CipherSuite CipherSuite::kTLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384{0xc024};
inline constexpr CipherSuite CipherSuite::kTLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256{0xc027};
inline constexpr CipherSuite CipherSuite::kTLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384{0xc028};
inline constexpr CipherSuite CipherSuite::kTLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256{0xc02b};
inline constexpr CipherSuite CipherSuite::kTLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384{0xc02c};
inline constexpr CipherSuite CipherSuite::kTLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256{0xc02f};
inline constexpr CipherSuite CipherSuite::kTLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384{0xc030};
inline constexpr CipherSuite CipherSuite::kTLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256{0xcca8};
inline constexpr CipherSuite CipherSuite::kTLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256{0xcca9};
inline constexpr CipherSuite CipherSuite::kTLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256{0xccaa};
std::ostream& operator<<(std::ostream& os, CipherSuite v);

// IANA TLS ExtensionType registry; RFC 5246 7.4.1.4, RFC 6066, RFC 8422, RFC 7627, RFC 5077, RFC 5746
struct ExtensionType {
  uint16_t value = 0;
  static const ExtensionType kServerName;
  static const ExtensionType kMaxFragmentLength;
  static const ExtensionType kStatusRequest;
  static const ExtensionType kSupportedGroups;
  static const ExtensionType kEcPointFormats;
  static const ExtensionType kSignatureAlgorithms;
  static const ExtensionType kUseSrtp;
  static const ExtensionType kHeartbeat;
  static const ExtensionType kAlpn;
  static const ExtensionType kSignedCertificateTimestamp;
  static const ExtensionType kPadding;
  static const ExtensionType kEncryptThenMac;
  static const ExtensionType kExtendedMasterSecret;
  static const ExtensionType kCompressCertificate;
  static const ExtensionType kRecordSizeLimit;
  static const ExtensionType kSessionTicket;
  static const ExtensionType kPreSharedKey;
  static const ExtensionType kEarlyData;
  static const ExtensionType kSupportedVersions;
  static const ExtensionType kCookie;
  static const ExtensionType kPskKeyExchangeModes;
  static const ExtensionType kPostHandshakeAuth;
  static const ExtensionType kSignatureAlgorithmsCert;
  static const ExtensionType kKeyShare;
  static const ExtensionType kRenegotiationInfo;

  friend constexpr bool operator==(ExtensionType, ExtensionType) = default;
  friend constexpr auto operator<=>(ExtensionType, ExtensionType) = default;
  // Registry name, or "0x.." for a value this table does not know.
  std::string name() const;
  // True when the value has a name in the table.
  bool known() const;
};
inline constexpr ExtensionType ExtensionType::kServerName{0x0000};
inline constexpr ExtensionType ExtensionType::kMaxFragmentLength{0x0001};
inline constexpr ExtensionType ExtensionType::kStatusRequest{0x0005};
inline constexpr ExtensionType ExtensionType::kSupportedGroups{0x000a};
inline constexpr ExtensionType ExtensionType::kEcPointFormats{0x000b};
inline constexpr ExtensionType ExtensionType::kSignatureAlgorithms{0x000d};
inline constexpr ExtensionType ExtensionType::kUseSrtp{0x000e};
inline constexpr ExtensionType ExtensionType::kHeartbeat{0x000f};
inline constexpr ExtensionType ExtensionType::kAlpn{0x0010};
inline constexpr ExtensionType ExtensionType::kSignedCertificateTimestamp{0x0012};
inline constexpr ExtensionType ExtensionType::kPadding{0x0015};
inline constexpr ExtensionType ExtensionType::kEncryptThenMac{0x0016};
inline constexpr ExtensionType ExtensionType::kExtendedMasterSecret{0x0017};
inline constexpr ExtensionType ExtensionType::kCompressCertificate{0x001b};
inline constexpr ExtensionType ExtensionType::kRecordSizeLimit{0x001c};
inline constexpr ExtensionType ExtensionType::kSessionTicket{0x0023};
inline constexpr ExtensionType ExtensionType::kPreSharedKey{0x0029};
inline constexpr ExtensionType ExtensionType::kEarlyData{0x002a};
inline constexpr ExtensionType ExtensionType::kSupportedVersions{0x002b};
inline constexpr ExtensionType ExtensionType::kCookie{0x002c};
inline constexpr ExtensionType ExtensionType::kPskKeyExchangeModes{0x002d};
inline constexpr ExtensionType ExtensionType::kPostHandshakeAuth{0x0031};
inline constexpr ExtensionType ExtensionType::kSignatureAlgorithmsCert{0x0032};
inline constexpr ExtensionType ExtensionType::kKeyShare{0x0033};
inline constexpr ExtensionType ExtensionType::kRenegotiationInfo{0xff01};
std::ostream& operator<<(std::ostream& os, ExtensionType v);

// RFC 8422, 5.1.1; RFC 7919; RFC 7027
struct NamedGroup {
  uint16_t value = 0;
  static const NamedGroup kSecp256k1;
  static const NamedGroup kSecp256r1;
  static const NamedGroup kSecp384r1;
  static const NamedGroup kSecp521r1;
  static const NamedGroup kBrainpoolP256r1;
  static const NamedGroup kBrainpoolP384r1;
  static const NamedGroup kBrainpoolP512r1;
  static const NamedGroup kX25519;
  static const NamedGroup kX448;
  static const NamedGroup kFfdhe2048;
  static const NamedGroup kFfdhe3072;
  static const NamedGroup kFfdhe4096;
  static const NamedGroup kFfdhe6144;
  static const NamedGroup kFfdhe8192;

  friend constexpr bool operator==(NamedGroup, NamedGroup) = default;
  friend constexpr auto operator<=>(NamedGroup, NamedGroup) = default;
  // Registry name, or "0x.." for a value this table does not know.
  std::string name() const;
  // True when the value has a name in the table.
  bool known() const;
};
inline constexpr NamedGroup NamedGroup::kSecp256k1{0x0016};
inline constexpr NamedGroup NamedGroup::kSecp256r1{0x0017};
inline constexpr NamedGroup NamedGroup::kSecp384r1{0x0018};
inline constexpr NamedGroup NamedGroup::kSecp521r1{0x0019};
inline constexpr NamedGroup NamedGroup::kBrainpoolP256r1{0x001a};
inline constexpr NamedGroup NamedGroup::kBrainpoolP384r1{0x001b};
inline constexpr NamedGroup NamedGroup::kBrainpoolP512r1{0x001c};
inline constexpr NamedGroup NamedGroup::kX25519{0x001d};
inline constexpr NamedGroup NamedGroup::kX448{0x001e};
inline constexpr NamedGroup NamedGroup::kFfdhe2048{0x0100};
inline constexpr NamedGroup NamedGroup::kFfdhe3072{0x0101};
inline constexpr NamedGroup NamedGroup::kFfdhe4096{0x0102};
inline constexpr NamedGroup NamedGroup::kFfdhe6144{0x0103};
inline constexpr NamedGroup NamedGroup::kFfdhe8192{0x0104};
std::ostream& operator<<(std::ostream& os, NamedGroup v);

// RFC 5246 7.4.1.4.1 (hash, signature) pairs; RFC 8446 4.2.3 names
struct SignatureScheme {
  uint16_t value = 0;
  static const SignatureScheme kRsaPkcs1Md5;
  static const SignatureScheme kRsaPkcs1Sha1;
  static const SignatureScheme kDsaSha1;
  static const SignatureScheme kEcdsaSha1;
  static const SignatureScheme kRsaPkcs1Sha224;
  static const SignatureScheme kDsaSha224;
  static const SignatureScheme kEcdsaSha224;
  static const SignatureScheme kRsaPkcs1Sha256;
  static const SignatureScheme kDsaSha256;
  static const SignatureScheme kEcdsaSecp256r1Sha256;
  static const SignatureScheme kRsaPkcs1Sha384;
  static const SignatureScheme kDsaSha384;
  static const SignatureScheme kEcdsaSecp384r1Sha384;
  static const SignatureScheme kRsaPkcs1Sha512;
  static const SignatureScheme kDsaSha512;
  static const SignatureScheme kEcdsaSecp521r1Sha512;
  static const SignatureScheme kRsaPssRsaeSha256;
  static const SignatureScheme kRsaPssRsaeSha384;
  static const SignatureScheme kRsaPssRsaeSha512;
  static const SignatureScheme kEd25519;
  static const SignatureScheme kEd448;
  static const SignatureScheme kRsaPssPssSha256;
  static const SignatureScheme kRsaPssPssSha384;
  static const SignatureScheme kRsaPssPssSha512;

  friend constexpr bool operator==(SignatureScheme, SignatureScheme) = default;
  friend constexpr auto operator<=>(SignatureScheme, SignatureScheme) = default;
  // Registry name, or "0x.." for a value this table does not know.
  std::string name() const;
  // True when the value has a name in the table.
  bool known() const;
};
inline constexpr SignatureScheme SignatureScheme::kRsaPkcs1Md5{0x0101};
inline constexpr SignatureScheme SignatureScheme::kRsaPkcs1Sha1{0x0201};
inline constexpr SignatureScheme SignatureScheme::kDsaSha1{0x0202};
inline constexpr SignatureScheme SignatureScheme::kEcdsaSha1{0x0203};
inline constexpr SignatureScheme SignatureScheme::kRsaPkcs1Sha224{0x0301};
inline constexpr SignatureScheme SignatureScheme::kDsaSha224{0x0302};
inline constexpr SignatureScheme SignatureScheme::kEcdsaSha224{0x0303};
inline constexpr SignatureScheme SignatureScheme::kRsaPkcs1Sha256{0x0401};
inline constexpr SignatureScheme SignatureScheme::kDsaSha256{0x0402};
inline constexpr SignatureScheme SignatureScheme::kEcdsaSecp256r1Sha256{0x0403};
inline constexpr SignatureScheme SignatureScheme::kRsaPkcs1Sha384{0x0501};
inline constexpr SignatureScheme SignatureScheme::kDsaSha384{0x0502};
inline constexpr SignatureScheme SignatureScheme::kEcdsaSecp384r1Sha384{0x0503};
inline constexpr SignatureScheme SignatureScheme::kRsaPkcs1Sha512{0x0601};
inline constexpr SignatureScheme SignatureScheme::kDsaSha512{0x0602};
inline constexpr SignatureScheme SignatureScheme::kEcdsaSecp521r1Sha512{0x0603};
inline constexpr SignatureScheme SignatureScheme::kRsaPssRsaeSha256{0x0804};
inline constexpr SignatureScheme SignatureScheme::kRsaPssRsaeSha384{0x0805};
inline constexpr SignatureScheme SignatureScheme::kRsaPssRsaeSha512{0x0806};
inline constexpr SignatureScheme SignatureScheme::kEd25519{0x0807};
inline constexpr SignatureScheme SignatureScheme::kEd448{0x0808};
inline constexpr SignatureScheme SignatureScheme::kRsaPssPssSha256{0x0809};
inline constexpr SignatureScheme SignatureScheme::kRsaPssPssSha384{0x080a};
inline constexpr SignatureScheme SignatureScheme::kRsaPssPssSha512{0x080b};
std::ostream& operator<<(std::ostream& os, SignatureScheme v);

// RFC 8422, 5.1.2
struct ECPointFormat {
  uint8_t value = 0;
  static const ECPointFormat kUncompressed;
  static const ECPointFormat kAnsiX962CompressedPrime;
  static const ECPointFormat kAnsiX962CompressedChar2;

  friend constexpr bool operator==(ECPointFormat, ECPointFormat) = default;
  friend constexpr auto operator<=>(ECPointFormat, ECPointFormat) = default;
  // Registry name, or "0x.." for a value this table does not know.
  std::string name() const;
  // True when the value has a name in the table.
  bool known() const;
};
inline constexpr ECPointFormat ECPointFormat::kUncompressed{0x00};
inline constexpr ECPointFormat ECPointFormat::kAnsiX962CompressedPrime{0x01};
inline constexpr ECPointFormat ECPointFormat::kAnsiX962CompressedChar2{0x02};
std::ostream& operator<<(std::ostream& os, ECPointFormat v);

// RFC 5246, 7.4.1.2; RFC 3749
struct CompressionMethod {
  uint8_t value = 0;
  static const CompressionMethod kNull;
  static const CompressionMethod kDeflate;

  friend constexpr bool operator==(CompressionMethod, CompressionMethod) = default;
  friend constexpr auto operator<=>(CompressionMethod, CompressionMethod) = default;
  // Registry name, or "0x.." for a value this table does not know.
  std::string name() const;
  // True when the value has a name in the table.
  bool known() const;
};
inline constexpr CompressionMethod CompressionMethod::kNull{0x00};
inline constexpr CompressionMethod CompressionMethod::kDeflate{0x01};
std::ostream& operator<<(std::ostream& os, CompressionMethod v);

// RFC 5246, 7.4.4; RFC 8422, 5.5
struct ClientCertificateType {
  uint8_t value = 0;
  static const ClientCertificateType kRsaSign;
  static const ClientCertificateType kDssSign;
  static const ClientCertificateType kRsaFixedDh;
  static const ClientCertificateType kDssFixedDh;
  static const ClientCertificateType kEcdsaSign;
  static const ClientCertificateType kRsaFixedEcdh;
  static const ClientCertificateType kEcdsaFixedEcdh;

  friend constexpr bool operator==(ClientCertificateType, ClientCertificateType) = default;
  friend constexpr auto operator<=>(ClientCertificateType, ClientCertificateType) = default;
  // Registry name, or "0x.." for a value this table does not know.
  std::string name() const;
  // True when the value has a name in the table.
  bool known() const;
};
inline constexpr ClientCertificateType ClientCertificateType::kRsaSign{0x01};
inline constexpr ClientCertificateType ClientCertificateType::kDssSign{0x02};
inline constexpr ClientCertificateType ClientCertificateType::kRsaFixedDh{0x03};
inline constexpr ClientCertificateType ClientCertificateType::kDssFixedDh{0x04};
inline constexpr ClientCertificateType ClientCertificateType::kEcdsaSign{0x40};
inline constexpr ClientCertificateType ClientCertificateType::kRsaFixedEcdh{0x41};
inline constexpr ClientCertificateType ClientCertificateType::kEcdsaFixedEcdh{0x42};
std::ostream& operator<<(std::ostream& os, ClientCertificateType v);

}  // namespace tlsc
