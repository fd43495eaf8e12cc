// RSA key transport for TLS_RSA_* suites (RFC 5246, 7.4.7.1; RFC 2246, 7.4.7.1).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "peers/crypto/drbg.h"
#include "peers/crypto/keys.h"
#include "peers/crypto/result.h"

namespace tlsc::crypto {

constexpr size_t kPremasterLen = 48;

// RFC 5246, 7.4.7.1: PreMasterSecret = client_version (2 bytes) || random (46 bytes).
Bytes make_rsa_premaster(uint16_t client_version, Drbg& drbg);

// RSAES-PKCS1-v1_5 encryption of the premaster (the padding string comes from OpenSSL's RNG).
Result<Bytes> rsa_encrypt_premaster(const PublicKey& server_key, ByteView premaster);
// Raw RSA (no padding) of a full-length encoded block the caller built, e.g. a deliberately
// malformed PKCS#1 block. `block` must be exactly the modulus length and < n.
Result<Bytes> rsa_encrypt_raw(const PublicKey& server_key, ByteView block);

// Server-side decryption with the RFC 5246, 7.4.7.1 countermeasure plus what was observed.
struct RsaPremasterOutcome {
  Bytes premaster;                        // what the server continues with; always 48 bytes
  bool used_random = false;               // the countermeasure substituted client_version || R
  bool decrypted = false;                 // RSA decryption itself succeeded (ciphertext fits)
  bool padding_ok = false;                // 00 02 PS(>= 8 nonzero) 00 M
  bool length_ok = false;                 // |M| == 48
  std::optional<uint16_t> carried_version;  // M[0..1] when padding_ok and |M| >= 2
  bool version_ok = false;                // carried_version == client_version
  std::string detail;                     // first problem found ("" when well-formed)
  bool well_formed() const { return padding_ok && length_ok && version_ok; }
};

// Always draws 46 bytes R from the Drbg first, whatever the outcome (so replay is unaffected).
// On bad ciphertext length, padding or |M|: premaster = client_version || R. On a version
// mismatch only: premaster = client_version || M[2..47] (RFC 5246, 7.4.7.1). Never fails: the
// error is not revealed, only reported in the outcome.
RsaPremasterOutcome rsa_decrypt_premaster(const PrivateKey& server_key, ByteView ciphertext,
                                          uint16_t client_version, Drbg& drbg);

}  // namespace tlsc::crypto
