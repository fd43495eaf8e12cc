// Raw AEAD primitive (AES-GCM, ChaCha20-Poly1305) over OpenSSL EVP, used by the TLS record
// protection and directly testable against the RFC known-answer vectors.
#pragma once

#include <optional>

#include "peers/record/cipher_suite.h"
#include "peers/wire/bytes.h"

namespace tlsc::record {

inline constexpr size_t kAeadTagLength = 16;
inline constexpr size_t kAeadNonceLength = 12;

// ciphertext || 16-byte tag; nullopt on bad key/nonce sizes or an OpenSSL failure.
// `cipher` must be one of the AEAD ciphers.
std::optional<Bytes> aead_seal(BulkCipher cipher, ByteView key, ByteView nonce, ByteView aad,
                               ByteView plaintext);
// Input is ciphertext || tag; nullopt if the tag does not verify (or sizes are wrong).
std::optional<Bytes> aead_open(BulkCipher cipher, ByteView key, ByteView nonce, ByteView aad,
                               ByteView sealed);

}  // namespace tlsc::record
