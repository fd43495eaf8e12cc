// HMAC over OpenSSL EVP_MAC, keyed once and reused per record (internal to peers/record).
#pragma once

#include <initializer_list>
#include <optional>

#include "peers/record/cipher_suite.h"
#include "peers/record/openssl_handles.h"
#include "peers/wire/bytes.h"

namespace tlsc::record {

class Hmac {
 public:
  // Invalid (ok() == false) if the algorithm is `none` or OpenSSL refuses the key.
  Hmac(MacAlgorithm alg, ByteView key);
  bool ok() const { return keyed_ != nullptr; }
  size_t length() const { return length_; }
  // HMAC over the concatenation of `parts`; nullopt on an OpenSSL failure.
  std::optional<Bytes> compute(std::initializer_list<ByteView> parts) const;

 private:
  ossl::MacCtx keyed_;  // duplicated for each computation
  size_t length_ = 0;
};

}  // namespace tlsc::record
