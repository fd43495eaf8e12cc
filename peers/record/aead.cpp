#include "peers/record/aead.h"

#include <openssl/evp.h>

#include "peers/record/openssl_handles.h"
#include "peers/wire/reader.h"

namespace tlsc::record {
namespace {

const EVP_CIPHER* evp_cipher(BulkCipher cipher, size_t& key_len) {
  switch (cipher) {
    case BulkCipher::aes_128_gcm: key_len = 16; return EVP_aes_128_gcm();
    case BulkCipher::aes_256_gcm: key_len = 32; return EVP_aes_256_gcm();
    case BulkCipher::chacha20_poly1305: key_len = 32; return EVP_chacha20_poly1305();
    case BulkCipher::aes_128_cbc:
    case BulkCipher::aes_256_cbc: break;
  }
  return nullptr;
}

// Sets up `ctx` for one AEAD operation and feeds the additional data.
bool start(EVP_CIPHER_CTX* ctx, BulkCipher cipher, ByteView key, ByteView nonce, ByteView aad, int enc) {
  size_t key_len = 0;
  const EVP_CIPHER* evp = evp_cipher(cipher, key_len);
  if (evp == nullptr || key.size() != key_len || nonce.size() != kAeadNonceLength) return false;
  // Both GCM and ChaCha20-Poly1305 default to a 96-bit nonce, which is what TLS uses.
  if (EVP_CipherInit_ex2(ctx, evp, key.data(), nonce.data(), enc, nullptr) != 1) return false;
  int outl = 0;
  if (!aad.empty() && EVP_CipherUpdate(ctx, nullptr, &outl, aad.data(), static_cast<int>(aad.size())) != 1)
    return false;
  return true;
}

}  // namespace

std::optional<Bytes> aead_seal(BulkCipher cipher, ByteView key, ByteView nonce, ByteView aad,
                               ByteView plaintext) {
  ossl::CipherCtx ctx(EVP_CIPHER_CTX_new());
  if (!ctx || !start(ctx.get(), cipher, key, nonce, aad, 1)) return std::nullopt;
  Bytes out(plaintext.size() + kAeadTagLength);
  int outl = 0;
  // An empty update with a null output would be taken as more AAD, so skip it.
  if (!plaintext.empty() &&
      (EVP_EncryptUpdate(ctx.get(), out.data(), &outl, plaintext.data(), static_cast<int>(plaintext.size())) != 1 ||
       static_cast<size_t>(outl) != plaintext.size()))
    return std::nullopt;
  int finl = 0;
  if (EVP_EncryptFinal_ex(ctx.get(), out.data(), &finl) != 1 || finl != 0) return std::nullopt;
  std::span<uint8_t> tag = std::span<uint8_t>(out).subspan(plaintext.size());
  if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_GET_TAG, static_cast<int>(kAeadTagLength), tag.data()) != 1)
    return std::nullopt;
  return out;
}

std::optional<Bytes> aead_open(BulkCipher cipher, ByteView key, ByteView nonce, ByteView aad,
                               ByteView sealed) {
  wire::Reader in(sealed);
  ByteView ciphertext, tag_view;
  if (sealed.size() < kAeadTagLength || !in.bytes(sealed.size() - kAeadTagLength, ciphertext) ||
      !in.bytes(kAeadTagLength, tag_view) || !in.done())
    return std::nullopt;
  ossl::CipherCtx ctx(EVP_CIPHER_CTX_new());
  if (!ctx || !start(ctx.get(), cipher, key, nonce, aad, 0)) return std::nullopt;
  Bytes out(ciphertext.size());
  int outl = 0;
  if (!ciphertext.empty() &&
      (EVP_DecryptUpdate(ctx.get(), out.data(), &outl, ciphertext.data(), static_cast<int>(ciphertext.size())) != 1 ||
       static_cast<size_t>(outl) != ciphertext.size()))
    return std::nullopt;
  Bytes tag(tag_view.begin(), tag_view.end());  // the ctrl takes a non-const pointer
  if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_SET_TAG, static_cast<int>(tag.size()), tag.data()) != 1)
    return std::nullopt;
  int finl = 0;
  if (EVP_DecryptFinal_ex(ctx.get(), out.data(), &finl) != 1) return std::nullopt;  // tag mismatch
  return out;
}

}  // namespace tlsc::record
