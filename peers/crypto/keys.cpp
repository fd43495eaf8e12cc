#include "peers/crypto/keys.h"

#include <openssl/core_names.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <fstream>
#include <sstream>

namespace tlsc::crypto {
namespace {

Result<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Err{"file_unreadable: cannot open " + path};
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

ossl::Bio mem_bio(std::string_view s) { return ossl::Bio(BIO_new_mem_buf(s.data(), static_cast<int>(s.size()))); }

std::string bio_string(BIO* bio) {
  char* data = nullptr;
  long len = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<size_t>(len));
}

}  // namespace

KeyInfo key_info(const EVP_PKEY* pkey) {
  KeyInfo info;
  if (pkey == nullptr) return info;
  info.bits = EVP_PKEY_get_bits(pkey);
  if (EVP_PKEY_is_a(pkey, "RSA")) {
    info.kind = KeyKind::rsa;
  } else if (EVP_PKEY_is_a(pkey, "EC")) {
    info.kind = KeyKind::ec;
    char name[64] = {0};
    size_t len = 0;
    if (EVP_PKEY_get_utf8_string_param(pkey, OSSL_PKEY_PARAM_GROUP_NAME, name, sizeof name, &len) == 1) {
      info.curve_name.assign(name, len);
      if (auto group = nist_group_from_ossl_name(info.curve_name)) info.curve = *group;
    }
  }
  return info;
}

Result<PublicKey> PublicKey::from_pem(std::string_view pem) {
  ossl::Bio bio = mem_bio(pem);
  ossl::Pkey pkey(bio ? PEM_read_bio_PUBKEY_ex(bio.get(), nullptr, nullptr, nullptr, nullptr, nullptr) : nullptr);
  if (!pkey) return Err{ossl::error_string("key_pem_unreadable")};
  return PublicKey(std::move(pkey));
}

Result<PublicKey> PublicKey::from_der_certificate(ByteView der) {
  Result<Certificate> cert = Certificate::from_der(der);
  if (!cert) return Err{cert.error()};
  return cert->public_key();
}

Result<PrivateKey> PrivateKey::from_pem(std::string_view pem) {
  ossl::Bio bio = mem_bio(pem);
  // No password callback: encrypted keys fail instead of prompting.
  ossl::Pkey pkey(bio ? PEM_read_bio_PrivateKey_ex(bio.get(), nullptr, nullptr, const_cast<char*>(""), nullptr, nullptr)
                      : nullptr);
  if (!pkey) return Err{ossl::error_string("key_pem_unreadable")};
  return PrivateKey(std::move(pkey));
}

Result<PrivateKey> PrivateKey::from_pem_file(const std::string& path) {
  Result<std::string> pem = read_file(path);
  if (!pem) return Err{pem.error()};
  return from_pem(*pem);
}

Result<PrivateKey> PrivateKey::generate_rsa(int bits) {
  ossl::Pkey pkey(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(bits)));
  if (!pkey) return Err{ossl::error_string("keygen_rsa")};
  return PrivateKey(std::move(pkey));
}

Result<PrivateKey> PrivateKey::generate_ec(NamedGroup curve) {
  const char* name = curve == NamedGroup::secp256r1   ? "P-256"
                     : curve == NamedGroup::secp384r1 ? "P-384"
                     : curve == NamedGroup::secp521r1 ? "P-521"
                                                      : nullptr;
  if (name == nullptr) return Err{"keygen_ec: unsupported curve"};
  ossl::Pkey pkey(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", name));
  if (!pkey) return Err{ossl::error_string("keygen_ec")};
  return PrivateKey(std::move(pkey));
}

Result<PublicKey> PrivateKey::public_key() const {
  // Round-trip through SubjectPublicKeyInfo DER to get a public-only EVP_PKEY.
  unsigned char* der = nullptr;
  int len = i2d_PUBKEY(pkey_.get(), &der);
  if (len <= 0) return Err{ossl::error_string("key_public_encode")};
  const unsigned char* p = der;
  ossl::Pkey pub(d2i_PUBKEY(nullptr, &p, len));
  OPENSSL_free(der);
  if (!pub) return Err{ossl::error_string("key_public_decode")};
  return PublicKey(std::move(pub));
}

Result<std::string> PrivateKey::to_pem() const {
  ossl::Bio bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), pkey_.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
    return Err{ossl::error_string("key_pem_write")};
  return bio_string(bio.get());
}

Result<Certificate> Certificate::from_pem(std::string_view pem) {
  ossl::Bio bio = mem_bio(pem);
  ossl::X509Ptr x(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  if (!x) return Err{ossl::error_string("cert_pem_unreadable")};
  return Certificate(std::move(x));
}

Result<Certificate> Certificate::from_pem_file(const std::string& path) {
  Result<std::string> pem = read_file(path);
  if (!pem) return Err{pem.error()};
  return from_pem(*pem);
}

Result<Certificate> Certificate::from_der(ByteView der) {
  const unsigned char* p = der.data();
  ossl::X509Ptr x(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
  if (!x) return Err{ossl::error_string("cert_der_unreadable")};
  if (p != der.data() + der.size()) return Err{"cert_der_trailing_data: bytes after the certificate"};
  return Certificate(std::move(x));
}

Result<Certificate> Certificate::self_signed(const PrivateKey& key, std::string_view common_name) {
  ossl::X509Ptr x(X509_new());
  if (!x) return Err{"cert_alloc: out of memory"};
  std::string cn(common_name);
  X509_NAME* name = X509_get_subject_name(x.get());
  const bool ok =
      X509_set_version(x.get(), X509_VERSION_3) == 1 &&
      ASN1_INTEGER_set(X509_get_serialNumber(x.get()), 1) == 1 &&
      X509_gmtime_adj(X509_getm_notBefore(x.get()), -24L * 3600) != nullptr &&
      X509_gmtime_adj(X509_getm_notAfter(x.get()), 365L * 24 * 3600) != nullptr &&
      X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(cn.c_str()), -1,
                                 -1, 0) == 1 &&
      X509_set_issuer_name(x.get(), name) == 1 && X509_set_pubkey(x.get(), key.get()) == 1 &&
      X509_sign(x.get(), key.get(), EVP_sha256()) > 0;
  if (!ok) return Err{ossl::error_string("cert_build")};
  return Certificate(std::move(x));
}

Bytes Certificate::der() const {
  unsigned char* buf = nullptr;
  int len = i2d_X509(x509_.get(), &buf);
  if (len <= 0) return {};
  Bytes out(buf, buf + len);
  OPENSSL_free(buf);
  return out;
}

Result<std::string> Certificate::to_pem() const {
  ossl::Bio bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_X509(bio.get(), x509_.get()) != 1) return Err{ossl::error_string("cert_pem_write")};
  return bio_string(bio.get());
}

Result<PublicKey> Certificate::public_key() const {
  ossl::Pkey pkey(X509_get_pubkey(x509_.get()));  // new reference
  if (!pkey) return Err{ossl::error_string("cert_no_public_key")};
  return PublicKey(std::move(pkey));
}

}  // namespace tlsc::crypto
