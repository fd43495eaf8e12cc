#include "peers/record/cbc_protection.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "peers/record/additional_data.h"
#include "peers/record/openssl_handles.h"
#include "peers/wire/reader.h"
#include "peers/wire/writer.h"

namespace tlsc::record {
namespace {

const EVP_CIPHER* evp_cbc(BulkCipher cipher) {
  switch (cipher) {
    case BulkCipher::aes_128_cbc: return EVP_aes_128_cbc();
    case BulkCipher::aes_256_cbc: return EVP_aes_256_cbc();
    default: return nullptr;
  }
}

Bytes last_block(ByteView ciphertext, size_t block) {
  ByteView tail = ciphertext.subspan(ciphertext.size() - block);
  return Bytes(tail.begin(), tail.end());
}

}  // namespace

CbcProtection::CbcProtection(const CipherSuite& suite, uint16_t version, const DirectionKeys& keys,
                             RandomSource random)
    : suite_cipher_(suite.cipher),
      cipher_(evp_cbc(suite.cipher)),
      hmac_(suite.mac, keys.mac_key),
      key_(keys.enc_key),
      chained_iv_mode_(version <= kTls10),
      chained_iv_(keys.fixed_iv),
      random_(std::move(random)) {
  if (chained_iv_mode_ && chained_iv_.size() != kBlock) cipher_ = nullptr;
}

std::optional<Bytes> CbcProtection::crypt(ByteView iv, ByteView input, int enc) const {
  if (input.size() % kBlock != 0 || iv.size() != kBlock) return std::nullopt;
  ossl::CipherCtx ctx(EVP_CIPHER_CTX_new());
  if (!ctx || EVP_CipherInit_ex2(ctx.get(), cipher_, key_.data(), iv.data(), enc, nullptr) != 1 ||
      EVP_CIPHER_CTX_set_padding(ctx.get(), 0) != 1)
    return std::nullopt;
  Bytes out(input.size());
  int outl = 0;
  if (!input.empty() &&
      (EVP_CipherUpdate(ctx.get(), out.data(), &outl, input.data(), static_cast<int>(input.size())) != 1 ||
       static_cast<size_t>(outl) != input.size()))
    return std::nullopt;
  int finl = 0;
  if (EVP_CipherFinal_ex(ctx.get(), out.data(), &finl) != 1 || finl != 0) return std::nullopt;
  return out;
}

SealResult CbcProtection::seal_fragment(uint64_t seq, uint8_t type, uint16_t version, ByteView plaintext,
                                        const SealTweaks& tweaks) {
  // RFC 5246, 6.2.3.1: MAC(MAC_write_key, seq_num + type + version + length + content).
  std::optional<Bytes> mac = hmac_.compute({additional_data(seq, type, version, plaintext.size()), plaintext});
  if (!mac) return {RecordError::internal_error, {}, "HMAC failed"};
  if (tweaks.corrupt_mac) mac->front() ^= 0x01;

  // RFC 5246, 6.2.3.2: padding makes content + MAC + padding + padding_length a multiple of the
  // block length; any padding_length up to 255 that does so is legal.
  const size_t unpadded = plaintext.size() + mac->size() + 1;
  size_t pad = (kBlock - unpadded % kBlock) % kBlock;
  if (tweaks.cbc_padding_length) {
    pad = *tweaks.cbc_padding_length;
    if ((unpadded + pad) % kBlock != 0)
      return {RecordError::internal_error, {}, "cbc_padding_length does not fill whole blocks"};
  } else if (tweaks.corrupt_padding && pad == 0) {
    pad = kBlock;  // need at least one padding byte to corrupt
  }
  if (tweaks.corrupt_padding && pad == 0)
    return {RecordError::internal_error, {}, "corrupt_padding needs a padding length of at least 1"};

  wire::Writer inner;
  inner.bytes(plaintext);
  inner.bytes(*mac);
  // RFC 5246, 6.2.3.2: each padding byte holds the padding length value.
  for (size_t i = 0; i < pad; ++i) inner.u8(static_cast<uint8_t>(i == 0 && tweaks.corrupt_padding ? pad ^ 0xFF : pad));
  inner.u8(static_cast<uint8_t>(pad));

  Bytes iv;
  if (chained_iv_mode_) {
    iv = chained_iv_;  // RFC 2246, 6.2.3.2: last ciphertext block of the previous record
  } else {
    iv.resize(kBlock);  // RFC 4346 / 5246, 6.2.3.2: IV SHOULD be chosen at random
    if (random_) {
      random_(iv);
    } else if (RAND_bytes(iv.data(), static_cast<int>(iv.size())) != 1) {
      return {RecordError::internal_error, {}, "RAND_bytes failed"};
    }
  }
  std::optional<Bytes> ciphertext = crypt(iv, inner.data(), 1);
  if (!ciphertext) return {RecordError::internal_error, {}, "CBC encryption failed"};
  if (chained_iv_mode_) chained_iv_ = last_block(*ciphertext, kBlock);

  wire::Writer fragment;
  if (!chained_iv_mode_) fragment.bytes(iv);
  fragment.bytes(*ciphertext);
  return {RecordError::none, fragment.take(), {}};
}

OpenResult CbcProtection::open_fragment(uint64_t seq, const RecordHeader& header, ByteView fragment) {
  OpenResult out;
  auto fail = [&out](std::string detail) {
    // RFC 5246, 6.2.3.2: padding and MAC failures alike are reported as bad_record_mac (the
    // TLS 1.0 decryption_failed alert is not used: RFC 5246, 7.2.2).
    out.error = RecordError::bad_record_mac;
    out.detail = std::move(detail);
    return out;
  };
  const size_t mac_length = hmac_.length();
  wire::Reader in(fragment);
  Bytes iv = chained_iv_;
  // RFC 4346 / 5246, 6.2.3.2: the record starts with a block-sized explicit IV.
  if (!chained_iv_mode_ && !in.bytes(kBlock, iv)) return fail("fragment shorter than the explicit IV");
  const ByteView ciphertext = in.rest();
  // RFC 5246, 6.2.3.2: the encrypted part is whole blocks holding at least MAC + padding_length.
  if (ciphertext.size() % kBlock != 0) return fail("ciphertext is not a whole number of blocks");
  if (ciphertext.size() < mac_length + 1) return fail("ciphertext shorter than MAC + padding length");

  std::optional<Bytes> decrypted = crypt(iv, ciphertext, 0);
  if (!decrypted) {
    out.error = RecordError::internal_error;
    out.detail = "CBC decryption failed";
    return out;
  }
  if (chained_iv_mode_) chained_iv_ = last_block(ciphertext, kBlock);
  const Bytes& inner = *decrypted;

  // RFC 5246, 6.2.3.2: padding_length is the last byte; every padding byte must equal it and
  // the receiver MUST check this.
  const size_t pad = inner.back();
  bool padding_ok = pad + 1 + mac_length <= inner.size();
  if (padding_ok) {
    wire::Reader padding(ByteView(inner).subspan(inner.size() - pad - 1));
    uint8_t b = 0;
    while (padding.u8(b)) padding_ok = padding_ok && b == pad;
  }
  // With bad padding, still compute a MAC as if there were no padding (RFC 5246, 6.2.3.2 advises
  // this against timing attacks), then report bad_record_mac.
  const size_t content_length = padding_ok ? inner.size() - pad - 1 - mac_length : inner.size() - 1 - mac_length;
  wire::Reader body(inner);
  ByteView content, received_mac;
  if (!body.bytes(content_length, content) || !body.bytes(mac_length, received_mac)) return fail("internal slicing");
  std::optional<Bytes> expected =
      hmac_.compute({additional_data(seq, header.type, header.version, content_length), content});
  if (!expected) {
    out.error = RecordError::internal_error;
    out.detail = "HMAC failed";
    return out;
  }
  const bool mac_ok = CRYPTO_memcmp(expected->data(), received_mac.data(), mac_length) == 0;
  if (!padding_ok) return fail("padding bytes do not all equal the padding length");
  if (!mac_ok) return fail("MAC does not verify");
  out.plaintext.assign(content.begin(), content.end());
  return out;
}

}  // namespace tlsc::record
