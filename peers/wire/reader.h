// Bounded reader over a byte span, in the spirit of BoringSSL's CBS.
//
// Every read checks the remaining length first and returns false (consuming nothing) when the
// input is short. Length-prefixed reads hand out a sub-reader bounded by the prefix, so a parser
// can never run past the field it is parsing. Parsers finish with `done()` to reject trailing
// bytes. No pointer arithmetic leaves this class.
#pragma once

#include <cstddef>
#include <cstdint>

#include "peers/wire/bytes.h"

namespace tlsc::wire {

class Reader {
 public:
  Reader() = default;
  explicit Reader(ByteView data) : data_(data) {}

  size_t remaining() const { return data_.size(); }
  bool empty() const { return data_.empty(); }
  // The unread bytes, without consuming them.
  ByteView rest() const { return data_; }

  [[nodiscard]] bool u8(uint8_t& out);
  [[nodiscard]] bool u16(uint16_t& out);
  [[nodiscard]] bool u24(uint32_t& out);
  [[nodiscard]] bool u32(uint32_t& out);
  [[nodiscard]] bool u64(uint64_t& out);

  // Exactly n bytes.
  [[nodiscard]] bool bytes(size_t n, ByteView& out);
  [[nodiscard]] bool bytes(size_t n, Bytes& out);
  [[nodiscard]] bool skip(size_t n);

  // A sub-reader over a field with an 8/16/24-bit length prefix.
  [[nodiscard]] bool prefixed8(Reader& out);
  [[nodiscard]] bool prefixed16(Reader& out);
  [[nodiscard]] bool prefixed24(Reader& out);

  // The contents of a length-prefixed field, copied.
  [[nodiscard]] bool vec8(Bytes& out);
  [[nodiscard]] bool vec16(Bytes& out);
  [[nodiscard]] bool vec24(Bytes& out);

  // Consumes everything that is left.
  Bytes take_rest();

  // True when every byte has been consumed: the closing check of each parser.
  [[nodiscard]] bool done() const { return data_.empty(); }

 private:
  [[nodiscard]] bool uint(size_t width, uint64_t& out);
  [[nodiscard]] bool prefixed(size_t width, Reader& out);

  ByteView data_;
};

}  // namespace tlsc::wire
