#include "peers/record/cipher_suite.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "peers/wire/name_table.h"

namespace tlsc::record {
namespace {

using KX = KeyExchange;
using BC = BulkCipher;
using MA = MacAlgorithm;
using PH = PrfHash;

// Key lengths: AES-128 16, AES-256 32, ChaCha20 32 (RFC 7905, 2); MAC keys HMAC-SHA1 20,
// HMAC-SHA256 32 (RFC 5246, 6.2.3.1 / Appendix C), HMAC-SHA384 48 (RFC 5289, 3.1). The order is
// our default preference: AEAD first.
constexpr std::array<CipherSuite, 25> kSuites{{
    {0xC02B, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "ECDHE-ECDSA-AES128-GCM-SHA256", KX::ecdhe_ecdsa,
     BC::aes_128_gcm, MA::none, PH::sha256, 0, 16, 1},
    {0xC02F, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "ECDHE-RSA-AES128-GCM-SHA256", KX::ecdhe_rsa,
     BC::aes_128_gcm, MA::none, PH::sha256, 0, 16, 1},
    {0xC030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "ECDHE-RSA-AES256-GCM-SHA384", KX::ecdhe_rsa,
     BC::aes_256_gcm, MA::none, PH::sha384, 0, 32, 1},
    {0xCCA8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-RSA-CHACHA20-POLY1305", KX::ecdhe_rsa,
     BC::chacha20_poly1305, MA::none, PH::sha256, 0, 32, 1},
    {0x009E, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "DHE-RSA-AES128-GCM-SHA256", KX::dhe_rsa,
     BC::aes_128_gcm, MA::none, PH::sha256, 0, 16, 1},
    {0x009F, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", "DHE-RSA-AES256-GCM-SHA384", KX::dhe_rsa,
     BC::aes_256_gcm, MA::none, PH::sha384, 0, 32, 1},
    {0xCCAA, "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "DHE-RSA-CHACHA20-POLY1305", KX::dhe_rsa,
     BC::chacha20_poly1305, MA::none, PH::sha256, 0, 32, 1},
    {0x009C, "TLS_RSA_WITH_AES_128_GCM_SHA256", "AES128-GCM-SHA256", KX::rsa, BC::aes_128_gcm, MA::none,
     PH::sha256, 0, 16, 1},
    {0xC02C, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "ECDHE-ECDSA-AES256-GCM-SHA384", KX::ecdhe_ecdsa,
     BC::aes_256_gcm, MA::none, PH::sha384, 0, 32, 1},
    {0x009D, "TLS_RSA_WITH_AES_256_GCM_SHA384", "AES256-GCM-SHA384", KX::rsa, BC::aes_256_gcm, MA::none,
     PH::sha384, 0, 32, 1},
    {0x0067, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256", "DHE-RSA-AES128-SHA256", KX::dhe_rsa, BC::aes_128_cbc,
     MA::hmac_sha256, PH::sha256, 32, 16, 1},
    {0xC013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "ECDHE-RSA-AES128-SHA", KX::ecdhe_rsa, BC::aes_128_cbc,
     MA::hmac_sha1, PH::sha256, 20, 16, 0},
    {0x0033, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA", "DHE-RSA-AES128-SHA", KX::dhe_rsa, BC::aes_128_cbc,
     MA::hmac_sha1, PH::sha256, 20, 16, 0},
    {0x0039, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA", "DHE-RSA-AES256-SHA", KX::dhe_rsa, BC::aes_256_cbc,
     MA::hmac_sha1, PH::sha256, 20, 32, 0},
    {0x002F, "TLS_RSA_WITH_AES_128_CBC_SHA", "AES128-SHA", KX::rsa, BC::aes_128_cbc, MA::hmac_sha1,
     PH::sha256, 20, 16, 0},
    {0xC024, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", "ECDHE-ECDSA-AES256-SHA384", KX::ecdhe_ecdsa,
     BC::aes_256_cbc, MA::hmac_sha384, PH::sha384, 48, 32, 1},
    {0xC023, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "ECDHE-ECDSA-AES128-SHA256", KX::ecdhe_ecdsa,
     BC::aes_128_cbc, MA::hmac_sha256, PH::sha256, 32, 16, 1},
    {0xC028, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", "ECDHE-RSA-AES256-SHA384", KX::ecdhe_rsa, BC::aes_256_cbc,
     MA::hmac_sha384, PH::sha384, 48, 32, 1},
    {0xC027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "ECDHE-RSA-AES128-SHA256", KX::ecdhe_rsa, BC::aes_128_cbc,
     MA::hmac_sha256, PH::sha256, 32, 16, 1},
    {0xC00A, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", "ECDHE-ECDSA-AES256-SHA", KX::ecdhe_ecdsa, BC::aes_256_cbc,
     MA::hmac_sha1, PH::sha256, 20, 32, 0},
    {0xC009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "ECDHE-ECDSA-AES128-SHA", KX::ecdhe_ecdsa, BC::aes_128_cbc,
     MA::hmac_sha1, PH::sha256, 20, 16, 0},
    {0xC014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", "ECDHE-RSA-AES256-SHA", KX::ecdhe_rsa, BC::aes_256_cbc,
     MA::hmac_sha1, PH::sha256, 20, 32, 0},
    {0x003D, "TLS_RSA_WITH_AES_256_CBC_SHA256", "AES256-SHA256", KX::rsa, BC::aes_256_cbc, MA::hmac_sha256,
     PH::sha256, 32, 32, 1},
    {0x003C, "TLS_RSA_WITH_AES_128_CBC_SHA256", "AES128-SHA256", KX::rsa, BC::aes_128_cbc, MA::hmac_sha256,
     PH::sha256, 32, 16, 1},
    {0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA", "AES256-SHA", KX::rsa, BC::aes_256_cbc, MA::hmac_sha1, PH::sha256,
     20, 32, 0},
}};

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

size_t CipherSuite::fixed_iv_length(uint16_t version) const {
  switch (cipher) {
    case BC::aes_128_gcm:
    case BC::aes_256_gcm:
      return 4;  // RFC 5288, 3: GCMNonce.salt
    case BC::chacha20_poly1305:
      return 12;  // RFC 7905, 2: client/server_write_IV
    case BC::aes_128_cbc:
    case BC::aes_256_cbc:
      return version <= kTls10 ? 16 : 0;  // RFC 2246, 6.3 vs RFC 4346, 6.3
  }
  return 0;
}

size_t CipherSuite::record_iv_length(uint16_t version) const {
  switch (cipher) {
    case BC::aes_128_gcm:
    case BC::aes_256_gcm:
      return 8;  // RFC 5288, 3: nonce_explicit
    case BC::chacha20_poly1305:
      return 0;  // RFC 7905, 2: no explicit nonce
    case BC::aes_128_cbc:
    case BC::aes_256_cbc:
      return version >= kTls11 ? 16 : 0;  // RFC 4346, 6.2.3.2: explicit IV
  }
  return 0;
}

size_t CipherSuite::key_block_length(uint16_t version) const {
  return 2 * (size_t{mac_key_length} + enc_key_length + fixed_iv_length(version));
}

bool CipherSuite::allowed_in(uint16_t version) const {
  if (version < kTls10 || version > kTls12) return false;
  return !tls12_only || version == kTls12;
}

std::span<const CipherSuite> all_cipher_suites() { return kSuites; }

const CipherSuite* find_cipher_suite(uint16_t code) {
  for (const auto& s : kSuites)
    if (s.code == code) return &s;
  return nullptr;
}

const CipherSuite* find_cipher_suite(std::string_view name) {
  for (const auto& s : kSuites)
    if (iequals(s.iana_name, name) || iequals(s.short_name, name)) return &s;
  return nullptr;
}

namespace {

constexpr Named<KX> kKeyExchangeNames[] = {
    {KX::rsa, "rsa"}, {KX::dhe_rsa, "dhe_rsa"}, {KX::ecdhe_rsa, "ecdhe_rsa"}, {KX::ecdhe_ecdsa, "ecdhe_ecdsa"}};
static_assert(distinct_rows(kKeyExchangeNames));

constexpr Named<BC> kBulkCipherNames[] = {{BC::aes_128_gcm, "aes_128_gcm"},
                                          {BC::aes_256_gcm, "aes_256_gcm"},
                                          {BC::chacha20_poly1305, "chacha20_poly1305"},
                                          {BC::aes_128_cbc, "aes_128_cbc"},
                                          {BC::aes_256_cbc, "aes_256_cbc"}};
static_assert(distinct_rows(kBulkCipherNames));

constexpr Named<MA> kMacNames[] = {
    {MA::none, "none"}, {MA::hmac_sha1, "hmac_sha1"}, {MA::hmac_sha256, "hmac_sha256"}, {MA::hmac_sha384, "hmac_sha384"}};
static_assert(distinct_rows(kMacNames));

}  // namespace

std::string_view to_string(KeyExchange kx) { return name_of(kKeyExchangeNames, kx, "?"); }
std::string_view to_string(BulkCipher cipher) { return name_of(kBulkCipherNames, cipher, "?"); }
std::string_view to_string(MacAlgorithm mac) { return name_of(kMacNames, mac, "?"); }

}  // namespace tlsc::record
