#include "peers/crypto/prf.h"

#include <openssl/core_names.h>

#include "peers/crypto/ossl.h"

namespace tlsc::crypto {

Bytes p_hash(HashAlg alg, ByteView secret, ByteView seed, size_t out_len) {
  Bytes out;
  out.reserve(out_len + hash_len(alg));
  Bytes a(seed.begin(), seed.end());  // A(0) = seed
  while (out.size() < out_len) {
    a = hmac(alg, secret, a);  // A(i) = HMAC_hash(secret, A(i-1))
    Bytes in = a;
    in.insert(in.end(), seed.begin(), seed.end());
    Bytes block = hmac(alg, secret, in);  // HMAC_hash(secret, A(i) + seed)
    out.insert(out.end(), block.begin(), block.end());
  }
  out.resize(out_len);
  return out;
}

Bytes prf(PrfAlg alg, ByteView secret, std::string_view label, ByteView seed, size_t out_len) {
  Bytes ls(label.begin(), label.end());  // label + seed
  ls.insert(ls.end(), seed.begin(), seed.end());
  if (alg != PrfAlg::tls10) return p_hash(prf_hash(alg), secret, ls, out_len);

  // RFC 2246, 5: S1 and S2 are the two halves of the secret, each ceil(len/2) bytes long; with an
  // odd length the last byte of S1 is the first byte of S2.
  const size_t half = (secret.size() + 1) / 2;
  ByteView s1 = secret.first(half);
  ByteView s2 = secret.last(half);
  Bytes out = p_hash(HashAlg::md5, s1, ls, out_len);
  Bytes sha = p_hash(HashAlg::sha1, s2, ls, out_len);
  for (size_t i = 0; i < out_len; ++i) out[i] ^= sha[i];  // PRF = P_MD5 XOR P_SHA-1
  return out;
}

std::optional<Bytes> prf_openssl(PrfAlg alg, ByteView secret, std::string_view label, ByteView seed,
                                 size_t out_len) {
  ossl::Kdf kdf(EVP_KDF_fetch(nullptr, "TLS1-PRF", nullptr));
  if (!kdf) return std::nullopt;
  ossl::KdfCtx ctx(EVP_KDF_CTX_new(kdf.get()));
  if (!ctx) return std::nullopt;
  const char* md = alg == PrfAlg::tls10 ? "MD5-SHA1" : hash_name(prf_hash(alg));
  Bytes ls(label.begin(), label.end());
  ls.insert(ls.end(), seed.begin(), seed.end());
  Bytes sec(secret.begin(), secret.end());
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, const_cast<char*>(md), 0),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SECRET, sec.data(), sec.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SEED, ls.data(), ls.size()),
      OSSL_PARAM_construct_end()};
  Bytes out(out_len);
  if (EVP_KDF_derive(ctx.get(), out.data(), out.size(), params) != 1) {
    ossl::clear_errors();
    return std::nullopt;
  }
  return out;
}

}  // namespace tlsc::crypto
