// Handshake transcript: keeps the raw handshake message bytes and hashes them on demand, so the
// hash can be chosen after ServerHello and taken at any point (RFC 7627 session_hash at
// ClientKeyExchange, Finished at each side's Finished).
#pragma once

#include "peers/crypto/prf.h"
#include "peers/wire/bytes.h"

namespace tlsc::crypto {

class Transcript {
 public:
  // Appends a whole handshake message including its 4-byte header (RFC 5246, 7.4.9: "all of the
  // data from all messages in this handshake ... up to, but not including, this message").
  void add(ByteView handshake_message) {
    raw_.insert(raw_.end(), handshake_message.begin(), handshake_message.end());
  }
  void clear() { raw_.clear(); }
  const Bytes& raw() const { return raw_; }
  size_t size() const { return raw_.size(); }

  // Snapshot hash of everything so far: MD5||SHA1 (36 bytes) for tls10, else the PRF hash.
  Bytes hash(PrfAlg alg) const;
  Bytes hash(HashAlg alg) const;

 private:
  Bytes raw_;
};

}  // namespace tlsc::crypto
