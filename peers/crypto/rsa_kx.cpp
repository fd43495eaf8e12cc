#include "peers/crypto/rsa_kx.h"

#include <openssl/rsa.h>

#include "peers/crypto/octets.h"

namespace tlsc::crypto {
namespace {

Result<Bytes> encrypt(const PublicKey& key, ByteView in, int padding) {
  if (key.info().kind != KeyKind::rsa) return Err{"rsa_key_not_rsa"};
  ossl::PkeyCtx ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr));
  size_t len = 0;
  if (!ctx || EVP_PKEY_encrypt_init(ctx.get()) != 1 || EVP_PKEY_CTX_set_rsa_padding(ctx.get(), padding) != 1 ||
      EVP_PKEY_encrypt(ctx.get(), nullptr, &len, in.data(), in.size()) != 1)
    return Err{ossl::error_string("rsa_encrypt_init")};
  Bytes out(len);
  if (EVP_PKEY_encrypt(ctx.get(), out.data(), &len, in.data(), in.size()) != 1)
    return Err{ossl::error_string("rsa_encrypt")};
  out.resize(len);
  return out;
}

}  // namespace

Bytes make_rsa_premaster(uint16_t client_version, Drbg& drbg) {
  Bytes pms = {static_cast<uint8_t>(client_version >> 8), static_cast<uint8_t>(client_version)};
  Bytes r = drbg.generate(kPremasterLen - 2);
  pms.insert(pms.end(), r.begin(), r.end());
  return pms;
}

Result<Bytes> rsa_encrypt_premaster(const PublicKey& server_key, ByteView premaster) {
  return encrypt(server_key, premaster, RSA_PKCS1_PADDING);
}

Result<Bytes> rsa_encrypt_raw(const PublicKey& server_key, ByteView block) {
  return encrypt(server_key, block, RSA_NO_PADDING);
}

RsaPremasterOutcome rsa_decrypt_premaster(const PrivateKey& server_key, ByteView ciphertext,
                                          uint16_t client_version, Drbg& drbg) {
  RsaPremasterOutcome o;
  // RFC 5246, 7.4.7.1 step 1: generate a string R of 46 random bytes (before decrypting).
  const Bytes fallback = make_rsa_premaster(client_version, drbg);
  o.premaster = fallback;
  o.used_random = true;

  if (server_key.info().kind != KeyKind::rsa) {
    o.detail = "rsa_key_not_rsa";
    return o;
  }
  const size_t k = static_cast<size_t>(EVP_PKEY_get_size(server_key.get()));
  // RFC 8017, 7.2.2 step 1: the ciphertext must be exactly k bytes.
  if (ciphertext.size() != k) {
    o.detail = "rsa_ciphertext_wrong_length: " + std::to_string(ciphertext.size()) + " bytes, modulus " +
               std::to_string(k);
    return o;
  }
  // Step 2: decrypt the raw block ourselves (no padding) so the padding can be inspected.
  ossl::PkeyCtx ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, server_key.get(), nullptr));
  Bytes em(k);
  size_t len = em.size();
  if (!ctx || EVP_PKEY_decrypt_init(ctx.get()) != 1 || EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_NO_PADDING) != 1 ||
      EVP_PKEY_decrypt(ctx.get(), em.data(), &len, ciphertext.data(), ciphertext.size()) != 1) {
    o.detail = ossl::error_string("rsa_decrypt_failed");  // e.g. ciphertext >= n
    return o;
  }
  o.decrypted = true;
  em.resize(len);
  em = pad_to(em, k);  // raw RSA output is k bytes already; keep that invariant explicit

  // RFC 8017, 7.2.2 step 3: EM = 0x00 || 0x02 || PS || 0x00 || M with |PS| >= 8, PS nonzero.
  size_t sep = 2;
  while (sep < k && em[sep] != 0) ++sep;
  if (em[0] != 0x00 || em[1] != 0x02) {
    o.detail = "rsa_padding_bad_header: block does not start 00 02";
  } else if (sep == k) {
    o.detail = "rsa_padding_no_separator";
  } else if (sep - 2 < 8) {
    o.detail = "rsa_padding_short_ps: padding string shorter than 8 bytes";
  } else {
    o.padding_ok = true;
  }
  if (!o.padding_ok) return o;

  Bytes m(em.begin() + static_cast<std::ptrdiff_t>(sep + 1), em.end());
  if (m.size() >= 2) o.carried_version = static_cast<uint16_t>((m[0] << 8) | m[1]);
  o.length_ok = m.size() == kPremasterLen;
  if (!o.length_ok) {
    // RFC 5246, 7.4.7.1 step 3: wrong length is treated like a padding error.
    o.detail = "rsa_premaster_wrong_length: " + std::to_string(m.size()) + " bytes";
    return o;
  }
  o.version_ok = o.carried_version == client_version;
  o.used_random = false;
  // RFC 5246, 7.4.7.1: pre_master_secret = ClientHello.client_version || M[2..47]; equals M when
  // the version matches.
  o.premaster = m;
  o.premaster[0] = static_cast<uint8_t>(client_version >> 8);
  o.premaster[1] = static_cast<uint8_t>(client_version);
  if (!o.version_ok) o.detail = "rsa_premaster_version_mismatch";
  return o;
}

}  // namespace tlsc::crypto
