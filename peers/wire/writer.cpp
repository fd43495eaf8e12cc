#include "peers/wire/writer.h"

#include <string>

namespace tlsc::wire {

void Writer::uint(size_t width, uint64_t v) {
  if (width < 8 && (v >> (8 * width)) != 0)
    throw WireError("value " + std::to_string(v) + " does not fit in " + std::to_string(width) + " bytes");
  for (size_t i = width; i-- > 0;) out_.push_back(static_cast<uint8_t>(v >> (8 * i)));
}

void Writer::u8(uint8_t v) { uint(1, v); }
void Writer::u16(uint16_t v) { uint(2, v); }
void Writer::u24(uint32_t v) { uint(3, v); }
void Writer::u32(uint32_t v) { uint(4, v); }
void Writer::u64(uint64_t v) { uint(8, v); }
void Writer::bytes(ByteView data) { out_.insert(out_.end(), data.begin(), data.end()); }

void Writer::prefixed(size_t width, const Body& body) {
  const size_t at = out_.size();
  out_.resize(at + width);
  body(*this);
  const uint64_t len = out_.size() - at - width;
  if (width < 8 && (len >> (8 * width)) != 0)
    throw WireError("body of " + std::to_string(len) + " bytes overflows a " + std::to_string(width) +
                    "-byte length prefix");
  for (size_t i = 0; i < width; ++i) out_[at + i] = static_cast<uint8_t>(len >> (8 * (width - 1 - i)));
}

void Writer::prefixed8(const Body& body) { prefixed(1, body); }
void Writer::prefixed16(const Body& body) { prefixed(2, body); }
void Writer::prefixed24(const Body& body) { prefixed(3, body); }

void Writer::vec8(ByteView data) { prefixed8([&](Writer& w) { w.bytes(data); }); }
void Writer::vec16(ByteView data) { prefixed16([&](Writer& w) { w.bytes(data); }); }
void Writer::vec24(ByteView data) { prefixed24([&](Writer& w) { w.bytes(data); }); }

}  // namespace tlsc::wire
