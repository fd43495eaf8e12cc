// TLS wire code points (TLS 1.0-1.2 plus the few TLS 1.3 values that appear in real hellos).
//
// Each type is a thin wrapper over the integer that goes on the wire: any value can be held,
// compared and sent, so a test can put an unassigned or forbidden value on the wire. Named
// constants cover the registered values; name() gives the registry name for known values and
// "0x.." (hex, zero-padded to the field width) for unknown ones, so unknown values still print;
// parse() is the other way, for a registered name only.
//
// Each registered value is written once, as one row X(T, constant, value, registry name) of its
// type's list; TLSC_CODEPOINT makes the type and its constants from the list, and codepoints.cpp
// makes the name table from the same list.
#pragma once

#include <compare>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

// A list row's constant: declared in the struct, defined after it (the type is complete there).
#define TLSC_CODEPOINT_DECLARE(T, id, v, n) static const T id;
#define TLSC_CODEPOINT_DEFINE(T, id, v, n) inline constexpr T T::id{v};

// The type T over the wire integer Int, with a constant for each row of LIST.
#define TLSC_CODEPOINT(T, Int, LIST)                                       \
  struct T {                                                               \
    Int value = 0;                                                         \
    LIST(TLSC_CODEPOINT_DECLARE, T)                                        \
    friend constexpr bool operator==(T, T) = default;                      \
    friend constexpr auto operator<=>(T, T) = default;                     \
    /* Registry name, or "0x.." for a value this table does not know. */  \
    std::string name() const;                                              \
    /* True when the value has a name in the table. */                    \
    bool known() const;                                                    \
    /* The value of that registry name (exact spelling), or nullopt. */   \
    static std::optional<T> parse(std::string_view name);                  \
  };                                                                       \
  LIST(TLSC_CODEPOINT_DEFINE, T)                                           \
  std::ostream& operator<<(std::ostream& os, T v);

namespace tlsc {

// RFC 5246, 6.2.1
#define TLSC_CONTENT_TYPES(X, T)                      \
  X(T, kChangeCipherSpec, 0x14, "change_cipher_spec") \
  X(T, kAlert, 0x15, "alert")                         \
  X(T, kHandshake, 0x16, "handshake")                 \
  X(T, kApplicationData, 0x17, "application_data")    \
  X(T, kHeartbeat, 0x18, "heartbeat")
TLSC_CODEPOINT(ContentType, uint8_t, TLSC_CONTENT_TYPES)

// RFC 5246, 7.4 (+ RFC 5077, RFC 6066, RFC 6347)
#define TLSC_HANDSHAKE_TYPES(X, T)                        \
  X(T, kHelloRequest, 0x00, "hello_request")              \
  X(T, kClientHello, 0x01, "client_hello")                \
  X(T, kServerHello, 0x02, "server_hello")                \
  X(T, kHelloVerifyRequest, 0x03, "hello_verify_request") \
  X(T, kNewSessionTicket, 0x04, "new_session_ticket")     \
  X(T, kCertificate, 0x0b, "certificate")                 \
  X(T, kServerKeyExchange, 0x0c, "server_key_exchange")   \
  X(T, kCertificateRequest, 0x0d, "certificate_request")  \
  X(T, kServerHelloDone, 0x0e, "server_hello_done")       \
  X(T, kCertificateVerify, 0x0f, "certificate_verify")    \
  X(T, kClientKeyExchange, 0x10, "client_key_exchange")   \
  X(T, kFinished, 0x14, "finished")                       \
  X(T, kCertificateUrl, 0x15, "certificate_url")          \
  X(T, kCertificateStatus, 0x16, "certificate_status")
TLSC_CODEPOINT(HandshakeType, uint8_t, TLSC_HANDSHAKE_TYPES)

// RFC 5246, 7.2
#define TLSC_ALERT_LEVELS(X, T)   \
  X(T, kWarning, 0x01, "warning") \
  X(T, kFatal, 0x02, "fatal")
TLSC_CODEPOINT(AlertLevel, uint8_t, TLSC_ALERT_LEVELS)

// RFC 5246, 7.2 (+ RFC 6066, RFC 7301, RFC 7507, RFC 8446)
#define TLSC_ALERT_DESCRIPTIONS(X, T)                                          \
  X(T, kCloseNotify, 0x00, "close_notify")                                     \
  X(T, kUnexpectedMessage, 0x0a, "unexpected_message")                         \
  X(T, kBadRecordMac, 0x14, "bad_record_mac")                                  \
  X(T, kDecryptionFailed, 0x15, "decryption_failed_RESERVED")                  \
  X(T, kRecordOverflow, 0x16, "record_overflow")                               \
  X(T, kDecompressionFailure, 0x1e, "decompression_failure")                   \
  X(T, kHandshakeFailure, 0x28, "handshake_failure")                           \
  X(T, kNoCertificate, 0x29, "no_certificate_RESERVED")                        \
  X(T, kBadCertificate, 0x2a, "bad_certificate")                               \
  X(T, kUnsupportedCertificate, 0x2b, "unsupported_certificate")               \
  X(T, kCertificateRevoked, 0x2c, "certificate_revoked")                       \
  X(T, kCertificateExpired, 0x2d, "certificate_expired")                       \
  X(T, kCertificateUnknown, 0x2e, "certificate_unknown")                       \
  X(T, kIllegalParameter, 0x2f, "illegal_parameter")                           \
  X(T, kUnknownCa, 0x30, "unknown_ca")                                         \
  X(T, kAccessDenied, 0x31, "access_denied")                                   \
  X(T, kDecodeError, 0x32, "decode_error")                                     \
  X(T, kDecryptError, 0x33, "decrypt_error")                                   \
  X(T, kExportRestriction, 0x3c, "export_restriction_RESERVED")                \
  X(T, kProtocolVersion, 0x46, "protocol_version")                             \
  X(T, kInsufficientSecurity, 0x47, "insufficient_security")                   \
  X(T, kInternalError, 0x50, "internal_error")                                 \
  X(T, kInappropriateFallback, 0x56, "inappropriate_fallback")                 \
  X(T, kUserCanceled, 0x5a, "user_canceled")                                   \
  X(T, kNoRenegotiation, 0x64, "no_renegotiation")                             \
  X(T, kMissingExtension, 0x6d, "missing_extension")                           \
  X(T, kUnsupportedExtension, 0x6e, "unsupported_extension")                   \
  X(T, kCertificateUnobtainable, 0x6f, "certificate_unobtainable")             \
  X(T, kUnrecognizedName, 0x70, "unrecognized_name")                           \
  X(T, kBadCertificateStatusResponse, 0x71, "bad_certificate_status_response") \
  X(T, kBadCertificateHashValue, 0x72, "bad_certificate_hash_value")           \
  X(T, kUnknownPskIdentity, 0x73, "unknown_psk_identity")                      \
  X(T, kCertificateRequired, 0x74, "certificate_required")                     \
  X(T, kNoApplicationProtocol, 0x78, "no_application_protocol")
TLSC_CODEPOINT(AlertDescription, uint8_t, TLSC_ALERT_DESCRIPTIONS)

// RFC 5246, 6.2.1 / Appendix E
#define TLSC_PROTOCOL_VERSIONS(X, T) \
  X(T, kSsl30, 0x0300, "SSL3.0")     \
  X(T, kTls10, 0x0301, "TLS1.0")     \
  X(T, kTls11, 0x0302, "TLS1.1")     \
  X(T, kTls12, 0x0303, "TLS1.2")     \
  X(T, kTls13, 0x0304, "TLS1.3")
TLSC_CODEPOINT(ProtocolVersion, uint16_t, TLSC_PROTOCOL_VERSIONS)

// IANA TLS Cipher Suites registry; RFC 5246 A.5, RFC 5288, RFC 5289, RFC 7905, RFC 5746, RFC 7507
#define TLSC_CIPHER_SUITES(X, T)                                                                                \
  X(T, kTLS_NULL_WITH_NULL_NULL, 0x0000, "TLS_NULL_WITH_NULL_NULL")                                             \
  X(T, kTLS_RSA_WITH_RC4_128_MD5, 0x0004, "TLS_RSA_WITH_RC4_128_MD5")                                           \
  X(T, kTLS_RSA_WITH_RC4_128_SHA, 0x0005, "TLS_RSA_WITH_RC4_128_SHA")                                           \
  X(T, kTLS_RSA_WITH_3DES_EDE_CBC_SHA, 0x000a, "TLS_RSA_WITH_3DES_EDE_CBC_SHA")                                 \
  X(T, kTLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA, 0x0016, "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA")                         \
  X(T, kTLS_RSA_WITH_AES_128_CBC_SHA, 0x002f, "TLS_RSA_WITH_AES_128_CBC_SHA")                                   \
  X(T, kTLS_DHE_RSA_WITH_AES_128_CBC_SHA, 0x0033, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA")                           \
  X(T, kTLS_RSA_WITH_AES_256_CBC_SHA, 0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA")                                   \
  X(T, kTLS_DHE_RSA_WITH_AES_256_CBC_SHA, 0x0039, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA")                           \
  X(T, kTLS_RSA_WITH_AES_128_CBC_SHA256, 0x003c, "TLS_RSA_WITH_AES_128_CBC_SHA256")                             \
  X(T, kTLS_RSA_WITH_AES_256_CBC_SHA256, 0x003d, "TLS_RSA_WITH_AES_256_CBC_SHA256")                             \
  X(T, kTLS_DHE_RSA_WITH_AES_128_CBC_SHA256, 0x0067, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256")                     \
  X(T, kTLS_DHE_RSA_WITH_AES_256_CBC_SHA256, 0x006b, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256")                     \
  X(T, kTLS_RSA_WITH_AES_128_GCM_SHA256, 0x009c, "TLS_RSA_WITH_AES_128_GCM_SHA256")                             \
  X(T, kTLS_RSA_WITH_AES_256_GCM_SHA384, 0x009d, "TLS_RSA_WITH_AES_256_GCM_SHA384")                             \
  X(T, kTLS_DHE_RSA_WITH_AES_128_GCM_SHA256, 0x009e, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256")                     \
  X(T, kTLS_DHE_RSA_WITH_AES_256_GCM_SHA384, 0x009f, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384")                     \
  X(T, kTLS_EMPTY_RENEGOTIATION_INFO_SCSV, 0x00ff, "TLS_EMPTY_RENEGOTIATION_INFO_SCSV")                         \
  X(T, kTLS_AES_128_GCM_SHA256, 0x1301, "TLS_AES_128_GCM_SHA256")                                               \
  X(T, kTLS_AES_256_GCM_SHA384, 0x1302, "TLS_AES_256_GCM_SHA384")                                               \
  X(T, kTLS_CHACHA20_POLY1305_SHA256, 0x1303, "TLS_CHACHA20_POLY1305_SHA256")                                   \
  X(T, kTLS_FALLBACK_SCSV, 0x5600, "TLS_FALLBACK_SCSV")                                                         \
  X(T, kTLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, 0xc009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA")                   \
  X(T, kTLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA, 0xc00a, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA")                   \
  X(T, kTLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA, 0xc012, "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA")                     \
  X(T, kTLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, 0xc013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA")                       \
  X(T, kTLS_ECDHE_RSA_WITH_AES_256_CBC_SHA, 0xc014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA")                       \
  X(T, kTLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256, 0xc023, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256")             \
  X(T, kTLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384, 0xc024, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384")             \
  X(T, kTLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256, 0xc027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256")                 \
  X(T, kTLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384, 0xc028, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384")                 \
  X(T, kTLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, 0xc02b, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")             \
  X(T, kTLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, 0xc02c, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384")             \
  X(T, kTLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, 0xc02f, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")                 \
  X(T, kTLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, 0xc030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384")                 \
  X(T, kTLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, 0xcca8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256")     \
  X(T, kTLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, 0xcca9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256") \
  X(T, kTLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256, 0xccaa, "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256")
TLSC_CODEPOINT(CipherSuite, uint16_t, TLSC_CIPHER_SUITES)

// IANA TLS ExtensionType registry; RFC 5246 7.4.1.4, RFC 6066, RFC 8422, RFC 7627, RFC 5077, RFC 5746
#define TLSC_EXTENSION_TYPES(X, T)                                          \
  X(T, kServerName, 0x0000, "server_name")                                  \
  X(T, kMaxFragmentLength, 0x0001, "max_fragment_length")                   \
  X(T, kStatusRequest, 0x0005, "status_request")                            \
  X(T, kSupportedGroups, 0x000a, "supported_groups")                        \
  X(T, kEcPointFormats, 0x000b, "ec_point_formats")                         \
  X(T, kSignatureAlgorithms, 0x000d, "signature_algorithms")                \
  X(T, kUseSrtp, 0x000e, "use_srtp")                                        \
  X(T, kHeartbeat, 0x000f, "heartbeat")                                     \
  X(T, kAlpn, 0x0010, "application_layer_protocol_negotiation")             \
  X(T, kSignedCertificateTimestamp, 0x0012, "signed_certificate_timestamp") \
  X(T, kPadding, 0x0015, "padding")                                         \
  X(T, kEncryptThenMac, 0x0016, "encrypt_then_mac")                         \
  X(T, kExtendedMasterSecret, 0x0017, "extended_master_secret")             \
  X(T, kCompressCertificate, 0x001b, "compress_certificate")                \
  X(T, kRecordSizeLimit, 0x001c, "record_size_limit")                       \
  X(T, kSessionTicket, 0x0023, "session_ticket")                            \
  X(T, kPreSharedKey, 0x0029, "pre_shared_key")                             \
  X(T, kEarlyData, 0x002a, "early_data")                                    \
  X(T, kSupportedVersions, 0x002b, "supported_versions")                    \
  X(T, kCookie, 0x002c, "cookie")                                           \
  X(T, kPskKeyExchangeModes, 0x002d, "psk_key_exchange_modes")              \
  X(T, kPostHandshakeAuth, 0x0031, "post_handshake_auth")                   \
  X(T, kSignatureAlgorithmsCert, 0x0032, "signature_algorithms_cert")       \
  X(T, kKeyShare, 0x0033, "key_share")                                      \
  X(T, kRenegotiationInfo, 0xff01, "renegotiation_info")
TLSC_CODEPOINT(ExtensionType, uint16_t, TLSC_EXTENSION_TYPES)

// RFC 8422, 5.1.1; RFC 7919; RFC 7027
#define TLSC_NAMED_GROUPS(X, T)                     \
  X(T, kSecp256k1, 0x0016, "secp256k1")             \
  X(T, kSecp256r1, 0x0017, "secp256r1")             \
  X(T, kSecp384r1, 0x0018, "secp384r1")             \
  X(T, kSecp521r1, 0x0019, "secp521r1")             \
  X(T, kBrainpoolP256r1, 0x001a, "brainpoolP256r1") \
  X(T, kBrainpoolP384r1, 0x001b, "brainpoolP384r1") \
  X(T, kBrainpoolP512r1, 0x001c, "brainpoolP512r1") \
  X(T, kX25519, 0x001d, "x25519")                   \
  X(T, kX448, 0x001e, "x448")                       \
  X(T, kFfdhe2048, 0x0100, "ffdhe2048")             \
  X(T, kFfdhe3072, 0x0101, "ffdhe3072")             \
  X(T, kFfdhe4096, 0x0102, "ffdhe4096")             \
  X(T, kFfdhe6144, 0x0103, "ffdhe6144")             \
  X(T, kFfdhe8192, 0x0104, "ffdhe8192")
TLSC_CODEPOINT(NamedGroup, uint16_t, TLSC_NAMED_GROUPS)

// RFC 5246 7.4.1.4.1 (hash, signature) pairs; RFC 8446 4.2.3 names
#define TLSC_SIGNATURE_SCHEMES(X, T)                            \
  X(T, kRsaPkcs1Md5, 0x0101, "rsa_pkcs1_md5")                   \
  X(T, kRsaPkcs1Sha1, 0x0201, "rsa_pkcs1_sha1")                 \
  X(T, kDsaSha1, 0x0202, "dsa_sha1")                            \
  X(T, kEcdsaSha1, 0x0203, "ecdsa_sha1")                        \
  X(T, kRsaPkcs1Sha224, 0x0301, "rsa_pkcs1_sha224")             \
  X(T, kDsaSha224, 0x0302, "dsa_sha224")                        \
  X(T, kEcdsaSha224, 0x0303, "ecdsa_sha224")                    \
  X(T, kRsaPkcs1Sha256, 0x0401, "rsa_pkcs1_sha256")             \
  X(T, kDsaSha256, 0x0402, "dsa_sha256")                        \
  X(T, kEcdsaSecp256r1Sha256, 0x0403, "ecdsa_secp256r1_sha256") \
  X(T, kRsaPkcs1Sha384, 0x0501, "rsa_pkcs1_sha384")             \
  X(T, kDsaSha384, 0x0502, "dsa_sha384")                        \
  X(T, kEcdsaSecp384r1Sha384, 0x0503, "ecdsa_secp384r1_sha384") \
  X(T, kRsaPkcs1Sha512, 0x0601, "rsa_pkcs1_sha512")             \
  X(T, kDsaSha512, 0x0602, "dsa_sha512")                        \
  X(T, kEcdsaSecp521r1Sha512, 0x0603, "ecdsa_secp521r1_sha512") \
  X(T, kRsaPssRsaeSha256, 0x0804, "rsa_pss_rsae_sha256")        \
  X(T, kRsaPssRsaeSha384, 0x0805, "rsa_pss_rsae_sha384")        \
  X(T, kRsaPssRsaeSha512, 0x0806, "rsa_pss_rsae_sha512")        \
  X(T, kEd25519, 0x0807, "ed25519")                             \
  X(T, kEd448, 0x0808, "ed448")                                 \
  X(T, kRsaPssPssSha256, 0x0809, "rsa_pss_pss_sha256")          \
  X(T, kRsaPssPssSha384, 0x080a, "rsa_pss_pss_sha384")          \
  X(T, kRsaPssPssSha512, 0x080b, "rsa_pss_pss_sha512")
TLSC_CODEPOINT(SignatureScheme, uint16_t, TLSC_SIGNATURE_SCHEMES)

// RFC 8422, 5.1.2
#define TLSC_EC_POINT_FORMATS(X, T)                                 \
  X(T, kUncompressed, 0x00, "uncompressed")                         \
  X(T, kAnsiX962CompressedPrime, 0x01, "ansiX962_compressed_prime") \
  X(T, kAnsiX962CompressedChar2, 0x02, "ansiX962_compressed_char2")
TLSC_CODEPOINT(ECPointFormat, uint8_t, TLSC_EC_POINT_FORMATS)

// RFC 5246, 7.4.1.2; RFC 3749
#define TLSC_COMPRESSION_METHODS(X, T) \
  X(T, kNull, 0x00, "null")            \
  X(T, kDeflate, 0x01, "DEFLATE")
TLSC_CODEPOINT(CompressionMethod, uint8_t, TLSC_COMPRESSION_METHODS)

// RFC 5246, 7.4.4; RFC 8422, 5.5
#define TLSC_CLIENT_CERTIFICATE_TYPES(X, T)       \
  X(T, kRsaSign, 0x01, "rsa_sign")                \
  X(T, kDssSign, 0x02, "dss_sign")                \
  X(T, kRsaFixedDh, 0x03, "rsa_fixed_dh")         \
  X(T, kDssFixedDh, 0x04, "dss_fixed_dh")         \
  X(T, kEcdsaSign, 0x40, "ecdsa_sign")            \
  X(T, kRsaFixedEcdh, 0x41, "rsa_fixed_ecdh")     \
  X(T, kEcdsaFixedEcdh, 0x42, "ecdsa_fixed_ecdh")
TLSC_CODEPOINT(ClientCertificateType, uint8_t, TLSC_CLIENT_CERTIFICATE_TYPES)

}  // namespace tlsc
