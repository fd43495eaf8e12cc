// RecordProtection: one direction's connection state (RFC 5246, 6.1): cipher, keys, and the
// sequence number. The engine holds one for reading and one for writing and replaces each at
// ChangeCipherSpec; a fresh object starts at sequence number 0 (RFC 5246, 6.1).
//
// seal() builds a whole record (header + protected fragment); open() takes a header and its
// fragment (as cut by RecordReader) and returns the plaintext or an error. Peer bytes are
// hostile: open() never reads past the fragment and reports every failure as a RecordError.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string_view>

#include "peers/record/cipher_suite.h"
#include "peers/record/record_error.h"
#include "peers/record/record_header.h"
#include "peers/wire/bytes.h"

namespace tlsc::record {

// Fills the span with random bytes. Used for the CBC explicit IV (TLS 1.1+); the engine passes a
// seeded DRBG for deterministic replays. An empty function means OpenSSL RAND_bytes.
using RandomSource = std::function<void(std::span<uint8_t>)>;

// Deliberate deviations, for the misbehaving engine. All default to correct behaviour.
struct SealTweaks {
  // Accept plaintext over 2^14 (still limited by the 16-bit length field). RFC 5246, 6.2.1.
  bool allow_oversize = false;
  // CBC: total padding length byte value to use instead of the minimum; must keep the
  // ciphertext a multiple of the block size (RFC 5246, 6.2.3.2 allows up to 255).
  std::optional<uint8_t> cbc_padding_length;
  // CBC: make one padding byte differ from the padding length (needs padding length >= 1).
  bool corrupt_padding = false;
  // CBC: flip a bit of the MAC before encryption. AEAD: flip a bit of the tag.
  bool corrupt_mac = false;
};

class RecordProtection {
 public:
  virtual ~RecordProtection() = default;
  RecordProtection(const RecordProtection&) = delete;
  RecordProtection& operator=(const RecordProtection&) = delete;

  // Protects `plaintext` as one record of `type` with `version` in the header. Advances the
  // sequence number on success.
  SealResult seal(uint8_t type, uint16_t version, ByteView plaintext, const SealTweaks& tweaks = {});
  // Unprotects one record. Advances the sequence number on success. Errors: bad_record_mac,
  // record_overflow, decode_error, sequence_overflow, internal_error.
  OpenResult open(const RecordHeader& header, ByteView fragment);

  // The sequence number the next record will use.
  uint64_t sequence() const { return next_seq_; }
  // For tests and misbehaviour (e.g. start near 2^64 - 1, or replay a sequence number).
  void set_sequence(uint64_t seq) {
    next_seq_ = seq;
    exhausted_ = false;
  }
  // "null", "aes_128_gcm", ...
  virtual std::string_view name() const = 0;
  // Largest fragment growth over the plaintext (explicit IV + MAC/tag + max padding).
  virtual size_t max_expansion() const = 0;

 protected:
  RecordProtection() = default;
  // Fragment only (no header). `seq` is this record's sequence number.
  virtual SealResult seal_fragment(uint64_t seq, uint8_t type, uint16_t version, ByteView plaintext,
                                   const SealTweaks& tweaks) = 0;
  virtual OpenResult open_fragment(uint64_t seq, const RecordHeader& header, ByteView fragment) = 0;

 private:
  uint64_t next_seq_ = 0;
  bool exhausted_ = false;  // the number 2^64 - 1 has been used
};

// Keys for one direction, sliced from the key block (see split_key_block).
struct DirectionKeys {
  Bytes mac_key;   // CBC suites only
  Bytes enc_key;
  Bytes fixed_iv;  // GCM salt (4), ChaCha IV (12), TLS 1.0 CBC initial IV (16); else empty
};

struct KeyBlockSplit {
  DirectionKeys client_write;
  DirectionKeys server_write;
};

// RFC 5246, 6.3: client MAC, server MAC, client key, server key, client IV, server IV.
// nullopt if `key_block` is shorter than suite.key_block_length(version) (longer is fine).
std::optional<KeyBlockSplit> split_key_block(const CipherSuite& suite, uint16_t version, ByteView key_block);

// TLS_NULL_WITH_NULL_NULL: the initial state before the first ChangeCipherSpec (RFC 5246, 6.1).
std::unique_ptr<RecordProtection> make_null_protection();

// Protection for `suite` negotiated at `version` (which decides the CBC IV scheme: chained in
// TLS 1.0, explicit from TLS 1.1). nullptr if the key sizes do not match the suite.
std::unique_ptr<RecordProtection> make_protection(const CipherSuite& suite, uint16_t version,
                                                  const DirectionKeys& keys, RandomSource random = {});

}  // namespace tlsc::record
