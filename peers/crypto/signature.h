// Handshake signatures: TLS 1.2 SignatureScheme codepoints and the TLS 1.0/1.1 forms.
#pragma once

#include <cstdint>
#include <optional>

#include "peers/crypto/hash.h"
#include "peers/crypto/keys.h"
#include "peers/crypto/result.h"

namespace tlsc::crypto {

// RFC 8446, 4.2.3 codepoints (for TLS 1.2 these are the RFC 5246, 7.4.1.4.1 {hash, signature}
// pairs; the rsa_pss_rsae ones come from RFC 8446 as allowed in TLS 1.2).
enum class SignatureScheme : uint16_t {
  rsa_pkcs1_sha1 = 0x0201,
  ecdsa_sha1 = 0x0203,
  rsa_pkcs1_sha256 = 0x0401,
  ecdsa_secp256r1_sha256 = 0x0403,
  rsa_pkcs1_sha384 = 0x0501,
  ecdsa_secp384r1_sha384 = 0x0503,
  rsa_pkcs1_sha512 = 0x0601,
  ecdsa_secp521r1_sha512 = 0x0603,
  rsa_pss_rsae_sha256 = 0x0804,
  rsa_pss_rsae_sha384 = 0x0805,
  rsa_pss_rsae_sha512 = 0x0806,
};

enum class SigAlg { rsa_pkcs1, rsa_pss, ecdsa };

struct SchemeInfo {
  SigAlg alg;
  HashAlg hash;
  std::optional<NamedGroup> curve;  // ECDSA curve named by the scheme (binding only in TLS 1.3)
};

// nullopt for codepoints this layer does not implement.
std::optional<SignatureScheme> scheme_from_codepoint(uint16_t codepoint);
SchemeInfo scheme_info(SignatureScheme scheme);
const char* scheme_name(SignatureScheme scheme);
// Whether the key type fits the scheme (RSA for rsa_*, EC for ecdsa_*). The curve is not
// checked: in TLS 1.2 ecdsa_secp256r1_sha256 just means "ECDSA with SHA-256".
bool scheme_fits_key(SignatureScheme scheme, const KeyInfo& key);

// TLS 1.2 digitally-signed (RFC 5246, 4.7): sign/verify `message` (e.g. client_random +
// server_random + ServerDHParams) with the scheme's hash. PSS: MGF1 with the same hash, salt
// length = hash length (RFC 8446, 4.2.3). ECDSA signatures are DER (RFC 8422, 5.4).
// Verify reasons: sig_key_mismatch, sig_invalid.
Result<Bytes> sign(const PrivateKey& key, SignatureScheme scheme, ByteView message);
Status verify(const PublicKey& key, SignatureScheme scheme, ByteView message, ByteView signature);

// TLS 1.0/1.1 (RFC 2246, 7.4.3 / RFC 4492, 5.4): RSA signs MD5(m)||SHA1(m), 36 bytes, PKCS#1 v1.5
// block type 1 without DigestInfo; ECDSA signs SHA-1(m).
Result<Bytes> sign_legacy(const PrivateKey& key, ByteView message);
Status verify_legacy(const PublicKey& key, ByteView message, ByteView signature);

}  // namespace tlsc::crypto
