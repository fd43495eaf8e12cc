// Cuts complete records out of a byte stream. Bytes arrive in arbitrary pieces (partial headers,
// partial fragments); next() hands out one whole record at a time. Everything is bounded: a
// header announcing a fragment over the limit is reported at once (before its body arrives),
// and the buffer never grows past a fixed cap.
#pragma once

#include <cstddef>

#include "peers/record/record_header.h"
#include "peers/wire/bytes.h"

namespace tlsc::record {

class RecordReader {
 public:
  // RFC 5246, 6.2.3: no TLSCiphertext fragment exceeds 2^14 + 2048. Use kMaxPlaintext while the
  // read state is null (6.2.1), or more to observe an oversized peer.
  explicit RecordReader(size_t max_fragment_length = kMaxCiphertext);

  void set_max_fragment_length(size_t n) { max_fragment_ = n; }
  size_t max_fragment_length() const { return max_fragment_; }

  // Appends stream bytes. Returns false and appends nothing if that would take the buffer over
  // buffer_cap(); drain with next() between feeds (feeding at most wanted() never fails).
  [[nodiscard]] bool feed(ByteView bytes);

  enum class Status {
    record,     // header + fragment are valid
    need_more,  // feed more bytes (at least wanted())
    overflow,   // header.length > max_fragment_length: RFC 5246, 6.2.3 -> record_overflow.
                // Sticky: the stream cannot be resynchronised.
  };
  struct Next {
    Status status = Status::need_more;
    RecordHeader header;  // valid for record and overflow
    Bytes fragment;       // valid for record
  };
  Next next();

  // Bytes still missing for the next record (header first, then fragment); 0 if one is ready.
  size_t wanted() const;
  size_t buffered() const { return buf_.size() - start_; }
  static constexpr size_t buffer_cap() { return 4 * (kHeaderLength + 0xFFFF); }

 private:
  ByteView pending() const { return ByteView(buf_).subspan(start_); }

  size_t max_fragment_;
  Bytes buf_;
  size_t start_ = 0;  // consumed prefix of buf_, dropped lazily
  bool overflowed_ = false;
  RecordHeader overflow_header_;
};

}  // namespace tlsc::record
