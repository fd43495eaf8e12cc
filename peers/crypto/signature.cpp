#include "peers/crypto/signature.h"

#include <openssl/rsa.h>

namespace tlsc::crypto {
namespace {

// Configures the signature context behind an EVP_DigestSign/VerifyInit.
bool configure(EVP_PKEY_CTX* pctx, int padding) {
  if (padding == 0) return true;
  if (EVP_PKEY_CTX_set_rsa_padding(pctx, padding) != 1) return false;
  if (padding == RSA_PKCS1_PSS_PADDING) {
    // RFC 8446, 4.2.3: salt length equal to the digest length; MGF1 uses the same hash (default
    // when unset is the signature digest).
    return EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) == 1;
  }
  return true;
}

Result<Bytes> do_sign(EVP_PKEY* key, const EVP_MD* md, int padding, ByteView message) {
  ossl::MdCtx ctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pctx = nullptr;  // owned by ctx
  size_t len = 0;
  if (!ctx || EVP_DigestSignInit(ctx.get(), &pctx, md, nullptr, key) != 1 || !configure(pctx, padding) ||
      EVP_DigestSign(ctx.get(), nullptr, &len, message.data(), message.size()) != 1)
    return Err{ossl::error_string("sign_init")};
  Bytes sig(len);
  if (EVP_DigestSign(ctx.get(), sig.data(), &len, message.data(), message.size()) != 1)
    return Err{ossl::error_string("sign")};
  sig.resize(len);
  return sig;
}

Status do_verify(EVP_PKEY* key, const EVP_MD* md, int padding, ByteView message, ByteView sig) {
  ossl::MdCtx ctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pctx = nullptr;
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), &pctx, md, nullptr, key) != 1 || !configure(pctx, padding))
    return Err{ossl::error_string("sig_verify_init")};
  // Hostile input: any failure (bad length, bad DER, wrong value) is just "invalid".
  const int rc = EVP_DigestVerify(ctx.get(), sig.data(), sig.size(), message.data(), message.size());
  ossl::clear_errors();
  if (rc != 1) return Err{"sig_invalid: signature does not verify"};
  return {};
}

}  // namespace

std::optional<SignatureScheme> scheme_from_codepoint(uint16_t cp) {
  switch (cp) {
    case 0x0201: case 0x0203: case 0x0401: case 0x0403: case 0x0501: case 0x0503:
    case 0x0601: case 0x0603: case 0x0804: case 0x0805: case 0x0806:
      return static_cast<SignatureScheme>(cp);
    default:
      return std::nullopt;
  }
}

SchemeInfo scheme_info(SignatureScheme s) {
  switch (s) {
    case SignatureScheme::rsa_pkcs1_sha1: return {SigAlg::rsa_pkcs1, HashAlg::sha1, std::nullopt};
    case SignatureScheme::ecdsa_sha1: return {SigAlg::ecdsa, HashAlg::sha1, std::nullopt};
    case SignatureScheme::rsa_pkcs1_sha256: return {SigAlg::rsa_pkcs1, HashAlg::sha256, std::nullopt};
    case SignatureScheme::ecdsa_secp256r1_sha256: return {SigAlg::ecdsa, HashAlg::sha256, NamedGroup::secp256r1};
    case SignatureScheme::rsa_pkcs1_sha384: return {SigAlg::rsa_pkcs1, HashAlg::sha384, std::nullopt};
    case SignatureScheme::ecdsa_secp384r1_sha384: return {SigAlg::ecdsa, HashAlg::sha384, NamedGroup::secp384r1};
    case SignatureScheme::rsa_pkcs1_sha512: return {SigAlg::rsa_pkcs1, HashAlg::sha512, std::nullopt};
    case SignatureScheme::ecdsa_secp521r1_sha512: return {SigAlg::ecdsa, HashAlg::sha512, NamedGroup::secp521r1};
    case SignatureScheme::rsa_pss_rsae_sha256: return {SigAlg::rsa_pss, HashAlg::sha256, std::nullopt};
    case SignatureScheme::rsa_pss_rsae_sha384: return {SigAlg::rsa_pss, HashAlg::sha384, std::nullopt};
    case SignatureScheme::rsa_pss_rsae_sha512: return {SigAlg::rsa_pss, HashAlg::sha512, std::nullopt};
  }
  return {SigAlg::rsa_pkcs1, HashAlg::sha256, std::nullopt};
}

const char* scheme_name(SignatureScheme s) {
  switch (s) {
    case SignatureScheme::rsa_pkcs1_sha1: return "rsa_pkcs1_sha1";
    case SignatureScheme::ecdsa_sha1: return "ecdsa_sha1";
    case SignatureScheme::rsa_pkcs1_sha256: return "rsa_pkcs1_sha256";
    case SignatureScheme::ecdsa_secp256r1_sha256: return "ecdsa_secp256r1_sha256";
    case SignatureScheme::rsa_pkcs1_sha384: return "rsa_pkcs1_sha384";
    case SignatureScheme::ecdsa_secp384r1_sha384: return "ecdsa_secp384r1_sha384";
    case SignatureScheme::rsa_pkcs1_sha512: return "rsa_pkcs1_sha512";
    case SignatureScheme::ecdsa_secp521r1_sha512: return "ecdsa_secp521r1_sha512";
    case SignatureScheme::rsa_pss_rsae_sha256: return "rsa_pss_rsae_sha256";
    case SignatureScheme::rsa_pss_rsae_sha384: return "rsa_pss_rsae_sha384";
    case SignatureScheme::rsa_pss_rsae_sha512: return "rsa_pss_rsae_sha512";
  }
  return "unknown";
}

bool scheme_fits_key(SignatureScheme scheme, const KeyInfo& key) {
  const SigAlg alg = scheme_info(scheme).alg;
  return alg == SigAlg::ecdsa ? key.kind == KeyKind::ec : key.kind == KeyKind::rsa;
}

Result<Bytes> sign(const PrivateKey& key, SignatureScheme scheme, ByteView message) {
  if (!scheme_fits_key(scheme, key.info())) return Err{"sig_key_mismatch: key type does not fit the scheme"};
  const SchemeInfo si = scheme_info(scheme);
  const int padding = si.alg == SigAlg::rsa_pkcs1 ? RSA_PKCS1_PADDING
                      : si.alg == SigAlg::rsa_pss ? RSA_PKCS1_PSS_PADDING
                                                  : 0;
  return do_sign(key.get(), evp_md(si.hash), padding, message);
}

Status verify(const PublicKey& key, SignatureScheme scheme, ByteView message, ByteView signature) {
  if (!scheme_fits_key(scheme, key.info())) return Err{"sig_key_mismatch: key type does not fit the scheme"};
  const SchemeInfo si = scheme_info(scheme);
  const int padding = si.alg == SigAlg::rsa_pkcs1 ? RSA_PKCS1_PADDING
                      : si.alg == SigAlg::rsa_pss ? RSA_PKCS1_PSS_PADDING
                                                  : 0;
  return do_verify(key.get(), evp_md(si.hash), padding, message, signature);
}

// RFC 2246, 7.4.3: RSA "digitally-signed" covers md5_hash + sha_hash (36 bytes) in a PKCS#1
// block type 1 with no DigestInfo; OpenSSL's "MD5-SHA1" digest with RSA signs exactly that.
// RFC 4492, 5.4: ECDSA in TLS 1.0/1.1 signs the SHA-1 hash.
Result<Bytes> sign_legacy(const PrivateKey& key, ByteView message) {
  const KeyInfo info = key.info();
  if (info.kind == KeyKind::rsa) return do_sign(key.get(), EVP_md5_sha1(), RSA_PKCS1_PADDING, message);
  if (info.kind == KeyKind::ec) return do_sign(key.get(), EVP_sha1(), 0, message);
  return Err{"sig_key_mismatch: legacy signatures need an RSA or EC key"};
}

Status verify_legacy(const PublicKey& key, ByteView message, ByteView signature) {
  const KeyInfo info = key.info();
  if (info.kind == KeyKind::rsa) return do_verify(key.get(), EVP_md5_sha1(), RSA_PKCS1_PADDING, message, signature);
  if (info.kind == KeyKind::ec) return do_verify(key.get(), EVP_sha1(), 0, message, signature);
  return Err{"sig_key_mismatch: legacy signatures need an RSA or EC key"};
}

}  // namespace tlsc::crypto
