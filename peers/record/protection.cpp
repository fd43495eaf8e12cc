#include "peers/record/protection.h"

#include "peers/record/aead_protection.h"
#include "peers/record/cbc_protection.h"
#include "peers/record/null_protection.h"
#include "peers/wire/reader.h"
#include "peers/wire/writer.h"

namespace tlsc::record {

SealResult RecordProtection::seal(uint8_t type, uint16_t version, ByteView plaintext, const SealTweaks& tweaks) {
  // RFC 5246, 6.1: sequence numbers may not exceed 2^64 - 1 and must not wrap.
  if (exhausted_) return {RecordError::sequence_overflow, {}, "write sequence number exhausted"};
  // RFC 5246, 6.2.1: the length MUST NOT exceed 2^14 (unless told to misbehave).
  if (plaintext.size() > kMaxPlaintext && !tweaks.allow_oversize)
    return {RecordError::record_overflow, {}, "plaintext longer than 2^14"};
  // RFC 5246, 6.2.1: uint16 length; a fragment that might not fit cannot be encoded. Checked
  // before sealing so that no state (sequence number, TLS 1.0 IV chain) moves on failure.
  if (plaintext.size() + max_expansion() > 0xFFFF)
    return {RecordError::record_overflow, {}, "fragment would not fit a 16-bit length"};
  const uint64_t seq = next_seq_;
  SealResult fragment = seal_fragment(seq, type, version, plaintext, tweaks);
  if (!fragment.ok()) return fragment;
  wire::Writer w;
  write_header(w, {type, version, static_cast<uint16_t>(fragment.record.size())});
  w.bytes(fragment.record);
  if (seq == UINT64_MAX) exhausted_ = true; else next_seq_ = seq + 1;
  return {RecordError::none, w.take(), {}};
}

OpenResult RecordProtection::open(const RecordHeader& header, ByteView fragment) {
  OpenResult fail;
  fail.type = header.type;
  if (fragment.size() != header.length) {
    fail.error = RecordError::decode_error;
    fail.detail = "fragment size does not match the header length";
    return fail;
  }
  // RFC 5246, 6.2.3: TLSCiphertext.length MUST NOT exceed 2^14 + 2048 (7.2.2: record_overflow).
  if (header.length > kMaxCiphertext) {
    fail.error = RecordError::record_overflow;
    fail.detail = "fragment longer than 2^14 + 2048";
    return fail;
  }
  // RFC 5246, 6.1: sequence numbers must not wrap.
  if (exhausted_) {
    fail.error = RecordError::sequence_overflow;
    fail.detail = "read sequence number exhausted";
    return fail;
  }
  const uint64_t seq = next_seq_;
  OpenResult out = open_fragment(seq, header, fragment);
  out.type = header.type;
  if (!out.ok()) return out;
  // RFC 5246, 6.2.1/6.2.2 and 7.2.2: a record that decrypts to more than 2^14 bytes (no
  // compression is ever negotiated, so the 2^14 + 1024 TLSCompressed bound is not reached
  // first) is a record_overflow.
  if (out.plaintext.size() > kMaxPlaintext) {
    fail.error = RecordError::record_overflow;
    fail.detail = "plaintext longer than 2^14";
    return fail;
  }
  if (seq == UINT64_MAX) exhausted_ = true; else next_seq_ = seq + 1;
  return out;
}

std::optional<KeyBlockSplit> split_key_block(const CipherSuite& suite, uint16_t version, ByteView key_block) {
  wire::Reader in(key_block);
  KeyBlockSplit s;
  const size_t mac = suite.mac_key_length, key = suite.enc_key_length, iv = suite.fixed_iv_length(version);
  // RFC 5246, 6.3: client_write_MAC_key, server_write_MAC_key, client_write_key,
  // server_write_key, client_write_IV, server_write_IV. Trailing bytes are unused.
  if (!in.bytes(mac, s.client_write.mac_key) || !in.bytes(mac, s.server_write.mac_key) ||
      !in.bytes(key, s.client_write.enc_key) || !in.bytes(key, s.server_write.enc_key) ||
      !in.bytes(iv, s.client_write.fixed_iv) || !in.bytes(iv, s.server_write.fixed_iv))
    return std::nullopt;
  return s;
}

std::unique_ptr<RecordProtection> make_null_protection() { return std::make_unique<NullProtection>(); }

std::unique_ptr<RecordProtection> make_protection(const CipherSuite& suite, uint16_t version,
                                                  const DirectionKeys& keys, RandomSource random) {
  if (keys.enc_key.size() != suite.enc_key_length || keys.mac_key.size() != suite.mac_key_length ||
      keys.fixed_iv.size() != suite.fixed_iv_length(version))
    return nullptr;
  if (suite.is_aead()) return std::make_unique<AeadProtection>(suite.cipher, keys);
  auto cbc = std::make_unique<CbcProtection>(suite, version, keys, std::move(random));
  if (!cbc->ok()) return nullptr;
  return cbc;
}

}  // namespace tlsc::record
