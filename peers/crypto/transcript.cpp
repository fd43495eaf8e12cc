#include "peers/crypto/transcript.h"

namespace tlsc::crypto {

Bytes Transcript::hash(PrfAlg alg) const {
  // RFC 2246, 7.4.9: MD5(handshake_messages) + SHA-1(handshake_messages) for TLS 1.0/1.1;
  // RFC 5246, 7.4.9: Hash(handshake_messages) with the PRF hash for TLS 1.2.
  if (alg == PrfAlg::tls10) return md5_sha1(raw_);
  return digest(prf_hash(alg), raw_);
}

Bytes Transcript::hash(HashAlg alg) const { return digest(alg, raw_); }

}  // namespace tlsc::crypto
