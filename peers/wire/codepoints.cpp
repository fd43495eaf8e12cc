#include "peers/wire/codepoints.h"

#include <array>
#include <cstdio>
#include <ostream>
#include <string_view>

namespace tlsc {
namespace {

struct NameEntry {
  uint16_t value;
  std::string_view name;
};

template <size_t N>
std::string lookup(const std::array<NameEntry, N>& table, uint16_t value, int hex_digits) {
  for (const NameEntry& e : table)
    if (e.value == value) return std::string(e.name);
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%0*x", hex_digits, static_cast<unsigned>(value));
  return buf;
}

template <size_t N>
bool contains(const std::array<NameEntry, N>& table, uint16_t value) {
  for (const NameEntry& e : table)
    if (e.value == value) return true;
  return false;
}

}  // namespace

namespace {
constexpr std::array<NameEntry, 5> kContentTypeNames{{
    {0x14, "change_cipher_spec"},
    {0x15, "alert"},
    {0x16, "handshake"},
    {0x17, "application_data"},
    {0x18, "heartbeat"},
}};
}  // namespace

std::string ContentType::name() const { return lookup(kContentTypeNames, value, 2); }
bool ContentType::known() const { return contains(kContentTypeNames, value); }
std::ostream& operator<<(std::ostream& os, ContentType v) { return os << v.name(); }

namespace {
constexpr std::array<NameEntry, 14> kHandshakeTypeNames{{
    {0x00, "hello_request"},
    {0x01, "client_hello"},
    {0x02, "server_hello"},
    {0x03, "hello_verify_request"},
    {0x04, "new_session_ticket"},
    {0x0b, "certificate"},
    {0x0c, "server_key_exchange"},
    {0x0d, "certificate_request"},
    {0x0e, "server_hello_done"},
    {0x0f, "certificate_verify"},
    {0x10, "client_key_exchange"},
    {0x14, "finished"},
    {0x15, "certificate_url"},
    {0x16, "certificate_status"},
}};
}  // namespace

std::string HandshakeType::name() const { return lookup(kHandshakeTypeNames, value, 2); }
bool HandshakeType::known() const { return contains(kHandshakeTypeNames, value); }
std::ostream& operator<<(std::ostream& os, HandshakeType v) { return os << v.name(); }

namespace {
constexpr std::array<NameEntry, 2> kAlertLevelNames{{
    {0x01, "warning"},
    {0x02, "fatal"},
}};
}  // namespace

std::string AlertLevel::name() const { return lookup(kAlertLevelNames, value, 2); }
bool AlertLevel::known() const { return contains(kAlertLevelNames, value); }
std::ostream& operator<<(std::ostream& os, AlertLevel v) { return os << v.name(); }

namespace {
constexpr std::array<NameEntry, 34> kAlertDescriptionNames{{
    {0x00, "close_notify"},
    {0x0a, "unexpected_message"},
    {0x14, "bad_record_mac"},
    {0x15, "decryption_failed_RESERVED"},
    {0x16, "record_overflow"},
    {0x1e, "decompression_failure"},
    {0x28, "handshake_failure"},
    {0x29, "no_certificate_RESERVED"},
    {0x2a, "bad_certificate"},
    {0x2b, "unsupported_certificate"},
    {0x2c, "certificate_revoked"},
    {0x2d, "certificate_expired"},
    {0x2e, "certificate_unknown"},
    {0x2f, "illegal_parameter"},
    {0x30, "unknown_ca"},
    {0x31, "access_denied"},
    {0x32, "decode_error"},
    {0x33, "decrypt_error"},
    {0x3c, "export_restriction_RESERVED"},
    {0x46, "protocol_version"},
    {0x47, "insufficient_security"},
    {0x50, "internal_error"},
    {0x56, "inappropriate_fallback"},
    {0x5a, "user_canceled"},
    {0x64, "no_renegotiation"},
    {0x6d, "missing_extension"},
    {0x6e, "unsupported_extension"},
    {0x6f, "certificate_unobtainable"},
    {0x70, "unrecognized_name"},
    {0x71, "bad_certificate_status_response"},
    {0x72, "bad_certificate_hash_value"},
    {0x73, "unknown_psk_identity"},
    {0x74, "certificate_required"},
    {0x78, "no_application_protocol"},
}};
}  // namespace

std::string AlertDescription::name() const { return lookup(kAlertDescriptionNames, value, 2); }
bool AlertDescription::known() const { return contains(kAlertDescriptionNames, value); }
std::ostream& operator<<(std::ostream& os, AlertDescription v) { return os << v.name(); }

namespace {
constexpr std::array<NameEntry, 5> kProtocolVersionNames{{
    {0x0300, "SSL3.0"},
    {0x0301, "TLS1.0"},
    {0x0302, "TLS1.1"},
    {0x0303, "TLS1.2"},
    {0x0304, "TLS1.3"},
}};
}  // namespace

std::string ProtocolVersion::name() const { return lookup(kProtocolVersionNames, value, 4); }
bool ProtocolVersion::known() const { return contains(kProtocolVersionNames, value); }
std::ostream& operator<<(std::ostream& os, ProtocolVersion v) { return os << v.name(); }

namespace {
constexpr std::array<NameEntry, 38> kCipherSuiteNames{{
    {0x0000, "TLS_NULL_WITH_NULL_NULL"},
    {0x0004, "TLS_RSA_WITH_RC4_128_MD5"},
    {0x0005, "TLS_RSA_WITH_RC4_128_SHA"},
    {0x000a, "TLS_RSA_WITH_3DES_EDE_CBC_SHA"},
    {0x0016, "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA"},
    {0x002f, "TLS_RSA_WITH_AES_128_CBC_SHA"},
    {0x0033, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA"},
    {0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA"},
    {0x0039, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA"},
    {0x003c, "TLS_RSA_WITH_AES_128_CBC_SHA256"},
    {0x003d, "TLS_RSA_WITH_AES_256_CBC_SHA256"},
    {0x0067, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256"},
    {0x006b, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256"},
    {0x009c, "TLS_RSA_WITH_AES_128_GCM_SHA256"},
    {0x009d, "TLS_RSA_WITH_AES_256_GCM_SHA384"},
    {0x009e, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"},
    {0x009f, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384"},
    {0x00ff, "TLS_EMPTY_RENEGOTIATION_INFO_SCSV"},
    {0x1301, "TLS_AES_128_GCM_SHA256"},
    {0x1302, "TLS_AES_256_GCM_SHA384"},
    {0x1303, "TLS_CHACHA20_POLY1305_SHA256"},
    {0x5600, "TLS_FALLBACK_SCSV"},
    {0xc009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"},
    {0xc00a, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA"},
    {0xc012, "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA"},
    {0xc013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"},
    {0xc014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA"},
    {0xc023, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"},
    {0xc024, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384"},
    {0xc027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"},
    {0xc028, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384"},
    {0xc02b, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"},
    {0xc02c, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"},
    {0xc02f, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"},
    {0xc030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"},
    {0xcca8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"},
    {0xcca9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"},
    {0xccaa, "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256"},
}};
}  // namespace

std::string CipherSuite::name() const { return lookup(kCipherSuiteNames, value, 4); }
bool CipherSuite::known() const { return contains(kCipherSuiteNames, value); }
std::ostream& operator<<(std::ostream& os, CipherSuite v) { return os << v.name(); }

namespace {
constexpr std::array<NameEntry, 25> kExtensionTypeNames{{
    {0x0000, "server_name"},
    {0x0001, "max_fragment_length"},
    {0x0005, "status_request"},
    {0x000a, "supported_groups"},
    {0x000b, "ec_point_formats"},
    {0x000d, "signature_algorithms"},
    {0x000e, "use_srtp"},
    {0x000f, "heartbeat"},
    {0x0010, "application_layer_protocol_negotiation"},
    {0x0012, "signed_certificate_timestamp"},
    {0x0015, "padding"},
    {0x0016, "encrypt_then_mac"},
    {0x0017, "extended_master_secret"},
    {0x001b, "compress_certificate"},
    {0x001c, "record_size_limit"},
    {0x0023, "session_ticket"},
    {0x0029, "pre_shared_key"},
    {0x002a, "early_data"},
    {0x002b, "supported_versions"},
    {0x002c, "cookie"},
    {0x002d, "psk_key_exchange_modes"},
    {0x0031, "post_handshake_auth"},
    {0x0032, "signature_algorithms_cert"},
    {0x0033, "key_share"},
    {0xff01, "renegotiation_info"},
}};
}  // namespace

std::string ExtensionType::name() const { return lookup(kExtensionTypeNames, value, 4); }
bool ExtensionType::known() const { return contains(kExtensionTypeNames, value); }
std::ostream& operator<<(std::ostream& os, ExtensionType v) { return os << v.name(); }

namespace {
constexpr std::array<NameEntry, 14> kNamedGroupNames{{
    {0x0016, "secp256k1"},
    {0x0017, "secp256r1"},
    {0x0018, "secp384r1"},
    {0x0019, "secp521r1"},
    {0x001a, "brainpoolP256r1"},
    {0x001b, "brainpoolP384r1"},
    {0x001c, "brainpoolP512r1"},
    {0x001d, "x25519"},
    {0x001e, "x448"},
    {0x0100, "ffdhe2048"},
    {0x0101, "ffdhe3072"},
    {0x0102, "ffdhe4096"},
    {0x0103, "ffdhe6144"},
    {0x0104, "ffdhe8192"},
}};
}  // namespace

std::string NamedGroup::name() const { return lookup(kNamedGroupNames, value, 4); }
bool NamedGroup::known() const { return contains(kNamedGroupNames, value); }
std::ostream& operator<<(std::ostream& os, NamedGroup v) { return os << v.name(); }

namespace {
constexpr std::array<NameEntry, 24> kSignatureSchemeNames{{
    {0x0101, "rsa_pkcs1_md5"},
    {0x0201, "rsa_pkcs1_sha1"},
    {0x0202, "dsa_sha1"},
    {0x0203, "ecdsa_sha1"},
    {0x0301, "rsa_pkcs1_sha224"},
    {0x0302, "dsa_sha224"},
    {0x0303, "ecdsa_sha224"},
    {0x0401, "rsa_pkcs1_sha256"},
    {0x0402, "dsa_sha256"},
    {0x0403, "ecdsa_secp256r1_sha256"},
    {0x0501, "rsa_pkcs1_sha384"},
    {0x0502, "dsa_sha384"},
    {0x0503, "ecdsa_secp384r1_sha384"},
    {0x0601, "rsa_pkcs1_sha512"},
    {0x0602, "dsa_sha512"},
    {0x0603, "ecdsa_secp521r1_sha512"},
    {0x0804, "rsa_pss_rsae_sha256"},
    {0x0805, "rsa_pss_rsae_sha384"},
    {0x0806, "rsa_pss_rsae_sha512"},
    {0x0807, "ed25519"},
    {0x0808, "ed448"},
    {0x0809, "rsa_pss_pss_sha256"},
    {0x080a, "rsa_pss_pss_sha384"},
    {0x080b, "rsa_pss_pss_sha512"},
}};
}  // namespace

std::string SignatureScheme::name() const { return lookup(kSignatureSchemeNames, value, 4); }
bool SignatureScheme::known() const { return contains(kSignatureSchemeNames, value); }
std::ostream& operator<<(std::ostream& os, SignatureScheme v) { return os << v.name(); }

namespace {
constexpr std::array<NameEntry, 3> kECPointFormatNames{{
    {0x00, "uncompressed"},
    {0x01, "ansiX962_compressed_prime"},
    {0x02, "ansiX962_compressed_char2"},
}};
}  // namespace

std::string ECPointFormat::name() const { return lookup(kECPointFormatNames, value, 2); }
bool ECPointFormat::known() const { return contains(kECPointFormatNames, value); }
std::ostream& operator<<(std::ostream& os, ECPointFormat v) { return os << v.name(); }

namespace {
constexpr std::array<NameEntry, 2> kCompressionMethodNames{{
    {0x00, "null"},
    {0x01, "DEFLATE"},
}};
}  // namespace

std::string CompressionMethod::name() const { return lookup(kCompressionMethodNames, value, 2); }
bool CompressionMethod::known() const { return contains(kCompressionMethodNames, value); }
std::ostream& operator<<(std::ostream& os, CompressionMethod v) { return os << v.name(); }

namespace {
constexpr std::array<NameEntry, 7> kClientCertificateTypeNames{{
    {0x01, "rsa_sign"},
    {0x02, "dss_sign"},
    {0x03, "rsa_fixed_dh"},
    {0x04, "dss_fixed_dh"},
    {0x40, "ecdsa_sign"},
    {0x41, "rsa_fixed_ecdh"},
    {0x42, "ecdsa_fixed_ecdh"},
}};
}  // namespace

std::string ClientCertificateType::name() const { return lookup(kClientCertificateTypeNames, value, 2); }
bool ClientCertificateType::known() const { return contains(kClientCertificateTypeNames, value); }
std::ostream& operator<<(std::ostream& os, ClientCertificateType v) { return os << v.name(); }

}  // namespace tlsc
