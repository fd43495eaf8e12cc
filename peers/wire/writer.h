// Growable writer, in the spirit of BoringSSL's CBB.
//
// Length prefixes are written by the writer: `prefixed16([&](Writer& w) { ... })` reserves the
// prefix, runs the body and patches in the body's length. A body longer than its prefix can hold
// is a programming error and throws WireError. To put an invalid length on the wire, a message
// uses its raw-bytes override instead of bending the writer.
#pragma once

#include <cstdint>
#include <functional>
#include <stdexcept>

#include "peers/wire/bytes.h"

namespace tlsc::wire {

struct WireError : std::length_error {
  using std::length_error::length_error;
};

class Writer {
 public:
  using Body = std::function<void(Writer&)>;

  void u8(uint8_t v);
  void u16(uint16_t v);
  void u24(uint32_t v);  // throws WireError if v >= 2^24
  void u32(uint32_t v);
  void u64(uint64_t v);
  void bytes(ByteView data);

  void prefixed8(const Body& body);
  void prefixed16(const Body& body);
  void prefixed24(const Body& body);

  void vec8(ByteView data);
  void vec16(ByteView data);
  void vec24(ByteView data);

  const Bytes& data() const { return out_; }
  size_t size() const { return out_.size(); }
  Bytes take() { return std::move(out_); }

 private:
  void uint(size_t width, uint64_t v);
  void prefixed(size_t width, const Body& body);

  Bytes out_;
};

}  // namespace tlsc::wire
