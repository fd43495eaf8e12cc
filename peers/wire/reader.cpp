#include "peers/wire/reader.h"

namespace tlsc::wire {

bool Reader::uint(size_t width, uint64_t& out) {
  if (data_.size() < width) return false;
  uint64_t v = 0;
  for (size_t i = 0; i < width; ++i) v = (v << 8) | data_[i];
  data_ = data_.subspan(width);
  out = v;
  return true;
}

bool Reader::u8(uint8_t& out) {
  uint64_t v;
  if (!uint(1, v)) return false;
  out = static_cast<uint8_t>(v);
  return true;
}

bool Reader::u16(uint16_t& out) {
  uint64_t v;
  if (!uint(2, v)) return false;
  out = static_cast<uint16_t>(v);
  return true;
}

bool Reader::u24(uint32_t& out) {
  uint64_t v;
  if (!uint(3, v)) return false;
  out = static_cast<uint32_t>(v);
  return true;
}

bool Reader::u32(uint32_t& out) {
  uint64_t v;
  if (!uint(4, v)) return false;
  out = static_cast<uint32_t>(v);
  return true;
}

bool Reader::u64(uint64_t& out) { return uint(8, out); }

bool Reader::bytes(size_t n, ByteView& out) {
  if (data_.size() < n) return false;
  out = data_.first(n);
  data_ = data_.subspan(n);
  return true;
}

bool Reader::bytes(size_t n, Bytes& out) {
  ByteView v;
  if (!bytes(n, v)) return false;
  out.assign(v.begin(), v.end());
  return true;
}

bool Reader::skip(size_t n) {
  ByteView ignored;
  return bytes(n, ignored);
}

bool Reader::prefixed(size_t width, Reader& out) {
  Reader copy = *this;
  uint64_t len;
  ByteView body;
  if (!copy.uint(width, len) || !copy.bytes(static_cast<size_t>(len), body)) return false;
  *this = copy;
  out = Reader(body);
  return true;
}

bool Reader::prefixed8(Reader& out) { return prefixed(1, out); }
bool Reader::prefixed16(Reader& out) { return prefixed(2, out); }
bool Reader::prefixed24(Reader& out) { return prefixed(3, out); }

bool Reader::vec8(Bytes& out) {
  Reader r;
  if (!prefixed8(r)) return false;
  out = r.take_rest();
  return true;
}

bool Reader::vec16(Bytes& out) {
  Reader r;
  if (!prefixed16(r)) return false;
  out = r.take_rest();
  return true;
}

bool Reader::vec24(Bytes& out) {
  Reader r;
  if (!prefixed24(r)) return false;
  out = r.take_rest();
  return true;
}

Bytes Reader::take_rest() {
  Bytes out(data_.begin(), data_.end());
  data_ = {};
  return out;
}

}  // namespace tlsc::wire
