// The TLS 1.0-1.2 cipher suites the engine speaks, with every parameter the handshake and the
// record layer need. Codepoints and names: IANA "TLS Cipher Suites" registry; short names follow
// OpenSSL's spelling so the CLI accepts what people already type.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace tlsc::record {

// Protocol versions as they appear on the wire (RFC 2246, 4346, 5246: ProtocolVersion).
inline constexpr uint16_t kTls10 = 0x0301;
inline constexpr uint16_t kTls11 = 0x0302;
inline constexpr uint16_t kTls12 = 0x0303;

enum class KeyExchange : uint8_t { rsa, dhe_rsa, ecdhe_rsa, ecdhe_ecdsa };
enum class BulkCipher : uint8_t { aes_128_gcm, aes_256_gcm, chacha20_poly1305, aes_128_cbc, aes_256_cbc };
enum class MacAlgorithm : uint8_t { none, hmac_sha1, hmac_sha256, hmac_sha384 };  // none: AEAD
enum class PrfHash : uint8_t { sha256, sha384 };                      // TLS 1.2 PRF only

struct CipherSuite {
  uint16_t code;
  std::string_view iana_name;   // "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"
  std::string_view short_name;  // "ECDHE-RSA-AES128-GCM-SHA256"
  KeyExchange key_exchange;
  BulkCipher cipher;
  MacAlgorithm mac;
  PrfHash prf_hash;
  uint8_t mac_key_length;  // key block MAC secret = HMAC output length; 0 for AEAD
  uint8_t enc_key_length;  // key block write key
  uint8_t tls12_only;      // AEAD and SHA-256/384 MAC suites (RFC 5246, 5288, 5289, 7905) are TLS 1.2 only

  bool is_aead() const { return mac == MacAlgorithm::none; }
  bool is_cbc() const { return !is_aead(); }
  // Length of the MAC appended to each CBC record (= mac_key_length in TLS 1.0-1.2), 0 for AEAD.
  size_t mac_length() const { return mac_key_length; }
  // AEAD tag length (16 for all three AEADs here), 0 for CBC.
  size_t tag_length() const { return is_aead() ? 16 : 0; }
  // Block size of the cipher (16 for AES-CBC), 0 for AEAD (stream-like).
  size_t block_size() const { return is_cbc() ? 16 : 0; }
  // Key-block IV ("fixed IV") length: GCM 4 (RFC 5288, 3: salt), ChaCha20-Poly1305 12
  // (RFC 7905, 2), CBC 16 in TLS 1.0 only (RFC 2246, 6.3; TLS 1.1+ CBC IVs are explicit).
  size_t fixed_iv_length(uint16_t version) const;
  // Per-record explicit IV/nonce carried in the fragment: GCM 8 (RFC 5288, 3), ChaCha 0,
  // CBC 16 from TLS 1.1 (RFC 4346, 6.2.3.2), 0 in TLS 1.0.
  size_t record_iv_length(uint16_t version) const;
  // RFC 5246, 6.3: key_block = 2 * (MAC key + enc key + fixed IV), in that order.
  size_t key_block_length(uint16_t version) const;
  // True if the suite may be negotiated at `version` (TLS 1.0 .. 1.2).
  bool allowed_in(uint16_t version) const;
};

// The whole table, in a stable order (strongest AEAD suites first).
std::span<const CipherSuite> all_cipher_suites();
// nullptr for a codepoint we do not implement.
const CipherSuite* find_cipher_suite(uint16_t code);
// Looks up either the IANA name or the OpenSSL-style short name (case-insensitive); nullptr if
// neither matches.
const CipherSuite* find_cipher_suite(std::string_view name);

std::string_view to_string(KeyExchange kx);
std::string_view to_string(BulkCipher cipher);
std::string_view to_string(MacAlgorithm mac);

}  // namespace tlsc::record
