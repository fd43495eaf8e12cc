#include "peers/record/aead_protection.h"

#include "peers/record/additional_data.h"
#include "peers/record/aead.h"
#include "peers/wire/reader.h"
#include "peers/wire/writer.h"

namespace tlsc::record {

AeadProtection::AeadProtection(BulkCipher cipher, const DirectionKeys& keys)
    : cipher_(cipher), key_(keys.enc_key), fixed_iv_(keys.fixed_iv) {}

Bytes AeadProtection::chacha_nonce(uint64_t seq) const {
  // RFC 7905, 2: the 64-bit sequence number, big-endian, left-padded with zeros to 12 bytes,
  // XORed with the 12-byte client/server_write_IV.
  wire::Writer padded;
  padded.u32(0);
  padded.u64(seq);
  Bytes nonce = padded.take();
  for (size_t i = 0; i < nonce.size() && i < fixed_iv_.size(); ++i) nonce[i] ^= fixed_iv_[i];
  return nonce;
}

SealResult AeadProtection::seal_fragment(uint64_t seq, uint8_t type, uint16_t version, ByteView plaintext,
                                         const SealTweaks& tweaks) {
  wire::Writer fragment;
  Bytes nonce;
  if (is_gcm()) {
    // RFC 5288, 3: GCMNonce = salt || nonce_explicit; the explicit part is sent in clear. The
    // sequence number is a value that never repeats under this key.
    wire::Writer n;
    n.bytes(fixed_iv_);
    n.u64(seq);
    nonce = n.take();
    fragment.u64(seq);
  } else {
    nonce = chacha_nonce(seq);
  }
  // RFC 5246, 6.2.3.3: additional_data = seq_num + type + version + length (of the plaintext).
  const Bytes aad = additional_data(seq, type, version, plaintext.size());
  std::optional<Bytes> sealed = aead_seal(cipher_, key_, nonce, aad, plaintext);
  if (!sealed) return {RecordError::internal_error, {}, "AEAD encryption failed"};
  if (tweaks.corrupt_mac && !sealed->empty()) sealed->back() ^= 0x01;  // last tag byte
  fragment.bytes(*sealed);
  return {RecordError::none, fragment.take(), {}};
}

OpenResult AeadProtection::open_fragment(uint64_t seq, const RecordHeader& header, ByteView fragment) {
  OpenResult out;
  wire::Reader in(fragment);
  Bytes nonce;
  if (is_gcm()) {
    ByteView explicit_nonce;
    // RFC 5288, 3: the fragment starts with the 8-byte nonce_explicit.
    if (!in.bytes(8, explicit_nonce)) {
      out.error = RecordError::bad_record_mac;
      out.detail = "fragment shorter than the explicit nonce";
      return out;
    }
    wire::Writer n;
    n.bytes(fixed_iv_);
    n.bytes(explicit_nonce);
    nonce = n.take();
  } else {
    nonce = chacha_nonce(seq);
  }
  // RFC 5246, 6.2.3.3: the ciphertext carries a 16-byte tag; anything shorter cannot verify.
  if (in.remaining() < kAeadTagLength) {
    out.error = RecordError::bad_record_mac;
    out.detail = "fragment shorter than the AEAD tag";
    return out;
  }
  const size_t plaintext_length = in.remaining() - kAeadTagLength;
  const Bytes aad = additional_data(seq, header.type, header.version, plaintext_length);
  std::optional<Bytes> opened = aead_open(cipher_, key_, nonce, aad, in.rest());
  // RFC 5246, 6.2.3.3: "If the decryption fails, a fatal bad_record_mac alert MUST be generated."
  if (!opened) {
    out.error = RecordError::bad_record_mac;
    out.detail = "AEAD tag does not verify";
    return out;
  }
  out.plaintext = std::move(*opened);
  return out;
}

}  // namespace tlsc::record
