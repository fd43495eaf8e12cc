#include "peers/crypto/drbg.h"

#include <algorithm>

#include "peers/crypto/hash.h"

namespace tlsc::crypto {
namespace {

Bytes cat(std::initializer_list<ByteView> parts) {
  Bytes out;
  for (ByteView p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

Bytes entropy_for(uint64_t seed) {
  Bytes in = {'t', 'l', 's', 'c', 'o', 'n', 'f', 'o', 'r', 'm', '-', 'd', 'r', 'b', 'g'};
  for (int i = 7; i >= 0; --i) in.push_back(static_cast<uint8_t>(seed >> (8 * i)));
  return digest(HashAlg::sha256, in);
}

ByteView label_view(std::string_view s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

constexpr size_t kOutLen = 32;              // SHA-256 output length
constexpr size_t kMaxRequest = (1u << 19) / 8;  // SP 800-90A, Table 2: 2^19 bits per request

}  // namespace

HmacDrbg::HmacDrbg(ByteView entropy, ByteView nonce, ByteView personalization)
    : key_(kOutLen, 0x00), v_(kOutLen, 0x01) {  // 10.1.2.3 steps 2-3
  update(cat({entropy, nonce, personalization}));  // step 4
}

// 10.1.2.2: K = HMAC(K, V || 0x00 || provided); V = HMAC(K, V); if provided is non-empty,
// repeat with 0x01.
void HmacDrbg::update(ByteView provided) {
  key_ = hmac(HashAlg::sha256, key_, cat({v_, Bytes{0x00}, provided}));
  v_ = hmac(HashAlg::sha256, key_, v_);
  if (provided.empty()) return;
  key_ = hmac(HashAlg::sha256, key_, cat({v_, Bytes{0x01}, provided}));
  v_ = hmac(HashAlg::sha256, key_, v_);
}

Bytes HmacDrbg::generate_one(size_t n, ByteView additional) {
  if (!additional.empty()) update(additional);  // 10.1.2.5 step 2
  Bytes out;
  out.reserve(n + kOutLen);
  while (out.size() < n) {  // step 4
    v_ = hmac(HashAlg::sha256, key_, v_);
    out.insert(out.end(), v_.begin(), v_.end());
  }
  out.resize(n);
  update(additional);  // step 6
  return out;
}

Bytes HmacDrbg::generate(size_t n, ByteView additional) {
  Bytes out;
  out.reserve(n);
  do {
    size_t chunk = std::min(n - out.size(), kMaxRequest);
    Bytes part = generate_one(chunk, additional);
    out.insert(out.end(), part.begin(), part.end());
  } while (out.size() < n);
  return out;
}

Drbg::Drbg(uint64_t seed, std::string_view label)
    : seed_(seed), label_(label), drbg_(entropy_for(seed), {}, label_view(label)) {}

Bytes Drbg::generate(size_t n) { return drbg_.generate(n); }

uint64_t Drbg::next_u64() {
  Bytes b = generate(8);
  uint64_t v = 0;
  for (uint8_t x : b) v = (v << 8) | x;
  return v;
}

uint64_t Drbg::uniform(uint64_t bound) {
  if (bound == 0) return 0;
  // Reject the top partial block so every residue is equally likely.
  const uint64_t limit = UINT64_MAX - (UINT64_MAX % bound + 1) % bound;
  for (;;) {
    uint64_t v = next_u64();
    if (v <= limit) return v % bound;
  }
}

Drbg Drbg::fork(std::string_view label) const {
  std::string path = label_;
  path += '/';
  path += label;
  return Drbg(seed_, path);
}

}  // namespace tlsc::crypto
