#include "peers/pki/test_pki.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#include <cstdio>
#include <functional>
#include <memory>
#include <vector>
#include <system_error>

namespace tlsc::pki {
namespace fs = std::filesystem;
namespace {

template <auto Fn>
struct Deleter {
  template <class T>
  void operator()(T* p) const { Fn(p); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO_free_all>>;
using P12Ptr = std::unique_ptr<PKCS12, Deleter<PKCS12_free>>;

struct Failure {
  std::string what;
};

[[noreturn]] void fail(const std::string& what) {
  unsigned long e = ERR_get_error();
  char buf[256] = "";
  if (e != 0) ERR_error_string_n(e, buf, sizeof buf);
  ERR_clear_error();
  throw Failure{e != 0 ? what + ": " + buf : what};
}

struct Identity {
  PkeyPtr key;
  X509Ptr cert;
};

PkeyPtr make_rsa() {
  PkeyPtr k(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{2048}));
  if (!k) fail("RSA-2048 key generation");
  return k;
}

PkeyPtr make_p256() {
  PkeyPtr k(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  if (!k) fail("P-256 key generation");
  return k;
}

void add_ext(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (!ext) fail(std::string("certificate extension ") + OBJ_nid2sn(nid));
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

// Issues a certificate for `key` with subject CN=`cn`, signed by `issuer` (self-signed if null).
X509Ptr issue(EVP_PKEY* key, const char* cn, long serial, const Identity* issuer,
              const std::vector<std::pair<int, const char*>>& exts) {
  X509Ptr cert(X509_new());
  if (!cert) fail("X509_new");
  X509_set_version(cert.get(), 2);  // v3
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -24L * 3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 90L * 24 * 3600);
  X509_set_pubkey(cert.get(), key);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("tlsconform test PKI"), -1,
                             -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(cn), -1, -1, 0);
  X509* issuer_cert = issuer ? issuer->cert.get() : cert.get();
  X509_set_issuer_name(cert.get(), X509_get_subject_name(issuer_cert));
  for (const auto& [nid, value] : exts) add_ext(cert.get(), issuer_cert, nid, value);
  EVP_PKEY* signer = issuer ? issuer->key.get() : key;
  if (X509_sign(cert.get(), signer, EVP_sha256()) == 0) fail(std::string("signing the certificate for ") + cn);
  return cert;
}

void write_file(const fs::path& path, bool secret, const std::function<bool(BIO*)>& body) {
  // Private material is created with mode 0600 from the start, never widened.
  const fs::path tmp = path.string() + ".tmp";
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) fail("cannot create " + tmp.string());
  if (secret) ::fchmod(fileno(f), 0600);
  BioPtr bio(BIO_new_fp(f, BIO_CLOSE));
  if (!bio || !body(bio.get()) || BIO_flush(bio.get()) != 1) fail("cannot write " + path.string());
  bio.reset();
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) throw Failure{"cannot rename " + tmp.string() + ": " + ec.message()};
}

void write_pair(const Identity& id, const Identity& ca, const KeyPair& files) {
  write_file(files.cert, false, [&](BIO* b) { return PEM_write_bio_X509(b, id.cert.get()) == 1; });
  write_file(files.key, true, [&](BIO* b) {
    return PEM_write_bio_PrivateKey(b, id.key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1;
  });
  STACK_OF(X509)* chain = sk_X509_new_null();
  sk_X509_push(chain, ca.cert.get());
  P12Ptr p12(PKCS12_create(kPkcs12Password, "tlsconform", id.key.get(), id.cert.get(), chain, 0, 0, 0, 0, 0));
  sk_X509_free(chain);
  if (!p12) fail("PKCS#12 for " + files.cert.string());
  write_file(files.p12, true, [&](BIO* b) { return i2d_PKCS12_bio(b, p12.get()) == 1; });
}

X509Ptr read_cert(const fs::path& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return nullptr;
  X509Ptr cert(PEM_read_X509(f, nullptr, nullptr, nullptr));
  std::fclose(f);
  return cert;
}

bool key_readable(const fs::path& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  PkeyPtr key(PEM_read_PrivateKey(f, nullptr, nullptr, nullptr));
  std::fclose(f);
  ERR_clear_error();
  return key != nullptr;
}

}  // namespace

// True when every file exists, every key and certificate parses, and every certificate is valid
// for at least another day.
bool usable(const TestPki& p) {
  for (const KeyPair* kp : {&p.server_rsa, &p.server_ecdsa, &p.client_rsa})
    if (!key_readable(kp->key) || !fs::exists(kp->p12)) return false;
  if (!key_readable(p.ca_key)) return false;
  for (const fs::path* c : {&p.ca_cert, &p.server_rsa.cert, &p.server_ecdsa.cert, &p.client_rsa.cert}) {
    X509Ptr cert = read_cert(*c);
    if (!cert) return false;
    time_t tomorrow = time(nullptr) + 24 * 3600;
    if (X509_cmp_time(X509_get0_notAfter(cert.get()), &tomorrow) <= 0) return false;
  }
  return true;
}

namespace {

void generate(const TestPki& p) {
  Identity ca{make_rsa(), nullptr};
  ca.cert = issue(ca.key.get(), "tlsconform test CA", 1, nullptr,
                  {{NID_basic_constraints, "critical,CA:TRUE"},
                   {NID_key_usage, "critical,keyCertSign,cRLSign"},
                   {NID_subject_key_identifier, "hash"}});
  const std::vector<std::pair<int, const char*>> server_common = {
      {NID_basic_constraints, "critical,CA:FALSE"},
      {NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1"},
      {NID_ext_key_usage, "serverAuth"},
      {NID_subject_key_identifier, "hash"},
      {NID_authority_key_identifier, "keyid"}};
  auto with = [](std::vector<std::pair<int, const char*>> v, int nid, const char* value) {
    v.emplace_back(nid, value);
    return v;
  };
  Identity rsa{make_rsa(), nullptr};
  // RSA server keys sign (DHE/ECDHE) and decrypt (RSA key transport).
  rsa.cert = issue(rsa.key.get(), "localhost", 2, &ca,
                   with(server_common, NID_key_usage, "critical,digitalSignature,keyEncipherment"));
  Identity ec{make_p256(), nullptr};
  ec.cert = issue(ec.key.get(), "localhost", 3, &ca, with(server_common, NID_key_usage, "critical,digitalSignature"));
  Identity client{make_rsa(), nullptr};
  client.cert = issue(client.key.get(), "tlsconform client", 4, &ca,
                      {{NID_basic_constraints, "critical,CA:FALSE"},
                       {NID_key_usage, "critical,digitalSignature"},
                       {NID_ext_key_usage, "clientAuth"},
                       {NID_subject_key_identifier, "hash"},
                       {NID_authority_key_identifier, "keyid"}});

  write_file(p.ca_key, true, [&](BIO* b) {
    return PEM_write_bio_PrivateKey(b, ca.key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1;
  });
  write_pair(rsa, ca, p.server_rsa);
  write_pair(ec, ca, p.server_ecdsa);
  write_pair(client, ca, p.client_rsa);
  // The CA certificate last: its presence with valid dates is what marks the set complete.
  write_file(p.ca_cert, false, [&](BIO* b) { return PEM_write_bio_X509(b, ca.cert.get()) == 1; });
}

KeyPair pair_in(const fs::path& dir, const std::string& stem) {
  return {dir / (stem + ".pem"), dir / (stem + ".key"), dir / (stem + ".p12")};
}

}  // namespace

TestPki layout(const fs::path& dir) {
  TestPki p;
  p.dir = dir;
  p.ca_cert = dir / "ca.pem";
  p.ca_key = dir / "ca.key";
  p.server_rsa = pair_in(dir, "server-rsa");
  p.server_ecdsa = pair_in(dir, "server-ecdsa");
  p.client_rsa = pair_in(dir, "client-rsa");
  return p;
}

std::optional<TestPki> ensure(const fs::path& dir, std::string* error) {
  TestPki p = layout(dir);
  if (usable(p)) return p;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    if (error) *error = "cannot create " + dir.string() + ": " + ec.message();
    return std::nullopt;
  }
  try {
    fs::remove(p.ca_cert, ec);  // incomplete until the CA certificate is rewritten
    generate(p);
  } catch (const Failure& f) {
    if (error) *error = "test PKI in " + dir.string() + ": " + f.what;
    return std::nullopt;
  }
  return p;
}

}  // namespace tlsc::pki
