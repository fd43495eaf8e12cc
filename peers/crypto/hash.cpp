#include "peers/crypto/hash.h"

#include <openssl/core_names.h>

#include <cstdlib>

#include "peers/crypto/ossl.h"

namespace tlsc::crypto {

const char* hash_name(HashAlg alg) {
  switch (alg) {
    case HashAlg::md5: return "MD5";
    case HashAlg::sha1: return "SHA1";
    case HashAlg::sha256: return "SHA256";
    case HashAlg::sha384: return "SHA384";
    case HashAlg::sha512: return "SHA512";
  }
  return "SHA256";
}

const EVP_MD* evp_md(HashAlg alg) {
  switch (alg) {
    case HashAlg::md5: return EVP_md5();
    case HashAlg::sha1: return EVP_sha1();
    case HashAlg::sha256: return EVP_sha256();
    case HashAlg::sha384: return EVP_sha384();
    case HashAlg::sha512: return EVP_sha512();
  }
  return EVP_sha256();
}

size_t hash_len(HashAlg alg) { return static_cast<size_t>(EVP_MD_get_size(evp_md(alg))); }

Bytes digest(HashAlg alg, ByteView data) {
  Bytes out(EVP_MAX_MD_SIZE);
  unsigned int len = 0;
  // Digesting in-memory data with a built-in MD cannot fail short of allocation failure.
  if (EVP_Digest(data.data(), data.size(), out.data(), &len, evp_md(alg), nullptr) != 1) std::abort();
  out.resize(len);
  return out;
}

Bytes md5_sha1(ByteView data) {
  Bytes out = digest(HashAlg::md5, data);
  Bytes s = digest(HashAlg::sha1, data);
  out.insert(out.end(), s.begin(), s.end());
  return out;
}

Bytes hmac(HashAlg alg, ByteView key, ByteView data) {
  static const ossl::Mac mac_alg(EVP_MAC_fetch(nullptr, "HMAC", nullptr));
  ossl::MacCtx ctx(EVP_MAC_CTX_new(mac_alg.get()));
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, const_cast<char*>(hash_name(alg)), 0),
      OSSL_PARAM_construct_end()};
  // HMAC accepts any key length including empty; EVP_MAC_init wants a non-null pointer.
  static const uint8_t empty = 0;
  const uint8_t* k = key.empty() ? &empty : key.data();
  Bytes out(EVP_MAX_MD_SIZE);
  size_t len = 0;
  if (!ctx || EVP_MAC_init(ctx.get(), k, key.size(), params) != 1 ||
      EVP_MAC_update(ctx.get(), data.data(), data.size()) != 1 ||
      EVP_MAC_final(ctx.get(), out.data(), &len, out.size()) != 1)
    std::abort();  // not reachable with valid built-in algorithms
  out.resize(len);
  return out;
}

}  // namespace tlsc::crypto
