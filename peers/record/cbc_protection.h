// MAC-then-encrypt block cipher protection (RFC 5246, 6.2.3.2; RFC 2246 / RFC 4346, 6.2.3.2):
// fragment = [IV] || E(content || MAC || padding || padding_length).
//  - TLS 1.0: no IV in the record; each record's IV is the last ciphertext block of the previous
//    record in this direction, starting with the key-block IV (RFC 2246, 6.2.3.2).
//  - TLS 1.1/1.2: a fresh random IV in front of each record (RFC 4346 / RFC 5246, 6.2.3.2).
#pragma once

#include <openssl/evp.h>

#include "peers/record/hmac.h"
#include "peers/record/protection.h"

namespace tlsc::record {

class CbcProtection final : public RecordProtection {
 public:
  CbcProtection(const CipherSuite& suite, uint16_t version, const DirectionKeys& keys, RandomSource random);
  bool ok() const { return cipher_ != nullptr && hmac_.ok(); }
  std::string_view name() const override { return to_string(suite_cipher_); }
  size_t max_expansion() const override { return explicit_iv_length() + hmac_.length() + 256; }

 protected:
  SealResult seal_fragment(uint64_t seq, uint8_t type, uint16_t version, ByteView plaintext,
                           const SealTweaks& tweaks) override;
  OpenResult open_fragment(uint64_t seq, const RecordHeader& header, ByteView fragment) override;

 private:
  static constexpr size_t kBlock = 16;
  size_t explicit_iv_length() const { return chained_iv_mode_ ? 0 : kBlock; }
  // Raw CBC without padding; nullopt on an OpenSSL failure or a partial block.
  std::optional<Bytes> crypt(ByteView iv, ByteView input, int enc) const;

  BulkCipher suite_cipher_;
  const EVP_CIPHER* cipher_ = nullptr;
  Hmac hmac_;
  Bytes key_;
  bool chained_iv_mode_;  // TLS 1.0
  Bytes chained_iv_;      // TLS 1.0: IV for the next record
  RandomSource random_;
};

}  // namespace tlsc::record
