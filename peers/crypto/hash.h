// Message digests and HMAC over OpenSSL EVP.
#pragma once

#include <openssl/evp.h>

#include <cstddef>
#include <string_view>

#include "peers/wire/bytes.h"

namespace tlsc::crypto {

enum class HashAlg { md5, sha1, sha256, sha384, sha512 };

// OpenSSL name ("SHA256", ...) usable with EVP_MD_fetch / OSSL_PARAM digest parameters.
const char* hash_name(HashAlg alg);
const EVP_MD* evp_md(HashAlg alg);  // static EVP_MD (EVP_sha256() etc.)
size_t hash_len(HashAlg alg);

// One-shot digest.
Bytes digest(HashAlg alg, ByteView data);
// TLS 1.0/1.1 combined digest MD5(data) || SHA1(data), 36 bytes (RFC 2246, 7.4.8 / 7.4.3).
Bytes md5_sha1(ByteView data);
// HMAC (RFC 2104) via EVP_MAC "HMAC".
Bytes hmac(HashAlg alg, ByteView key, ByteView data);

}  // namespace tlsc::crypto
