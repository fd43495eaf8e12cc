// Signing keys and certificates: PEM/DER loading, key type, test-time generation.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "peers/crypto/ecdh.h"
#include "peers/crypto/ossl.h"
#include "peers/crypto/result.h"
#include "peers/wire/bytes.h"

namespace tlsc::crypto {

enum class KeyKind { rsa, ec, other };

struct KeyInfo {
  KeyKind kind = KeyKind::other;
  int bits = 0;                          // modulus bits (RSA) or curve order bits (EC)
  std::optional<NamedGroup> curve;       // EC keys on a supported curve
  std::string curve_name;                // OpenSSL group name for EC ("prime256v1"), else empty
};

KeyInfo key_info(const EVP_PKEY* pkey);

class PublicKey {
 public:
  explicit PublicKey(ossl::Pkey pkey) : pkey_(std::move(pkey)) {}
  static Result<PublicKey> from_pem(std::string_view pem);        // "PUBLIC KEY" (SPKI)
  static Result<PublicKey> from_der_certificate(ByteView der);    // as sent in Certificate
  EVP_PKEY* get() const { return pkey_.get(); }
  KeyInfo info() const { return key_info(pkey_.get()); }

 private:
  ossl::Pkey pkey_;
};

class PrivateKey {
 public:
  explicit PrivateKey(ossl::Pkey pkey) : pkey_(std::move(pkey)) {}
  static Result<PrivateKey> from_pem(std::string_view pem);  // unencrypted PKCS#8 / traditional
  static Result<PrivateKey> from_pem_file(const std::string& path);
  // Test-time generation with EVP_PKEY_Q_keygen (OpenSSL's RNG, not the Drbg).
  static Result<PrivateKey> generate_rsa(int bits);
  static Result<PrivateKey> generate_ec(NamedGroup curve);  // secp256r1/384r1/521r1

  EVP_PKEY* get() const { return pkey_.get(); }
  KeyInfo info() const { return key_info(pkey_.get()); }
  Result<PublicKey> public_key() const;
  Result<std::string> to_pem() const;  // PKCS#8, unencrypted

 private:
  ossl::Pkey pkey_;
};

class Certificate {
 public:
  static Result<Certificate> from_pem(std::string_view pem);
  static Result<Certificate> from_pem_file(const std::string& path);
  static Result<Certificate> from_der(ByteView der);
  // Minimal self-signed X.509 v3 certificate (CN=common_name, 1 day back / 1 year ahead,
  // SHA-256 signature) for the engine's server role and tests.
  static Result<Certificate> self_signed(const PrivateKey& key, std::string_view common_name);

  X509* get() const { return x509_.get(); }
  Bytes der() const;
  Result<std::string> to_pem() const;
  Result<PublicKey> public_key() const;

 private:
  explicit Certificate(ossl::X509Ptr x) : x509_(std::move(x)) {}
  ossl::X509Ptr x509_;
};

}  // namespace tlsc::crypto
