// AEAD record protection (RFC 5246, 6.2.3.3):
//  - AES-GCM (RFC 5288, 3): nonce = salt(4, key block) || nonce_explicit(8, in the record); we
//    send the sequence number as nonce_explicit.
//  - ChaCha20-Poly1305 (RFC 7905, 2): nonce = IV(12) XOR left-padded seq; nothing explicit.
#pragma once

#include "peers/record/protection.h"

namespace tlsc::record {

class AeadProtection final : public RecordProtection {
 public:
  AeadProtection(BulkCipher cipher, const DirectionKeys& keys);
  std::string_view name() const override { return to_string(cipher_); }
  size_t max_expansion() const override { return explicit_nonce_length() + 16; }

 protected:
  SealResult seal_fragment(uint64_t seq, uint8_t type, uint16_t version, ByteView plaintext,
                           const SealTweaks& tweaks) override;
  OpenResult open_fragment(uint64_t seq, const RecordHeader& header, ByteView fragment) override;

 private:
  bool is_gcm() const { return cipher_ != BulkCipher::chacha20_poly1305; }
  size_t explicit_nonce_length() const { return is_gcm() ? 8 : 0; }
  Bytes chacha_nonce(uint64_t seq) const;

  BulkCipher cipher_;
  Bytes key_;
  Bytes fixed_iv_;
};

}  // namespace tlsc::record
