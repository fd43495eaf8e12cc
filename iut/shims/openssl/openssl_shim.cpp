// The shim for OpenSSL 3 (tlsc-shim-openssl) and, built from this same file against BoringSSL's
// headers and libraries only, for BoringSSL (tlsc-shim-boringssl). The few API differences are
// under OPENSSL_IS_BORINGSSL.
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "iut/shims/common/shim.h"

namespace tlsc::shim {
namespace {

#ifdef OPENSSL_IS_BORINGSSL
constexpr const char* kProgram = "tlsc-shim-boringssl";
#else
constexpr const char* kProgram = "tlsc-shim-openssl";
#endif

// The error queue as one line (and clears it).
std::string drain_errors() {
  std::string out;
  while (unsigned long e = ERR_get_error()) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    if (!out.empty()) out += "; ";
    out += buf;
  }
  return out;
}

int wire_version(int v) { return v; }  // TLS1_VERSION etc. are the wire numbers

class OpensslConnection : public Connection {
 public:
  OpensslConnection(SSL* ssl, int fd, bool client) : ssl_(ssl), fd_(fd), client_(client) { SSL_set_fd(ssl_, fd_); }
  ~OpensslConnection() override {
    SSL_free(ssl_);
    ::close(fd_);
  }

  std::string handshake() override {
    ERR_clear_error();
    int r = client_ ? SSL_connect(ssl_) : SSL_accept(ssl_);
    if (r == 1) return "";
    return describe(r);
  }

  long read(uint8_t* buf, size_t len) override {
    ERR_clear_error();
    int n = SSL_read(ssl_, buf, static_cast<int>(len));
    if (n > 0) return n;
    int e = SSL_get_error(ssl_, n);
    if (e == SSL_ERROR_ZERO_RETURN || (e == SSL_ERROR_SYSCALL && ERR_peek_error() == 0 && errno == 0)) return 0;
    last_error_ = describe(n);
    return -1;
  }

  bool write(const uint8_t* buf, size_t len) override {
    ERR_clear_error();
    int n = SSL_write(ssl_, buf, static_cast<int>(len));
    if (n == static_cast<int>(len)) return true;
    last_error_ = describe(n);
    return false;
  }

  void close() override {
    if (!closed_) SSL_shutdown(ssl_);
    closed_ = true;
  }

  ConnInfo info() override {
    ConnInfo c;
    if (!SSL_is_init_finished(ssl_)) return c;
    c.version = version_name(wire_version(SSL_version(ssl_)));
    if (const SSL_CIPHER* ci = SSL_get_current_cipher(ssl_)) {
      const char* std_name = SSL_CIPHER_standard_name(ci);
      c.suite = std_name ? std_name : SSL_CIPHER_get_name(ci);
    }
    c.resumed = SSL_session_reused(ssl_) == 1;
    int ems = SSL_get_extms_support(ssl_);
    if (ems >= 0) c.ems = ems == 1;
#ifdef OPENSSL_IS_BORINGSSL
    c.peer_certificate = SSL_get0_peer_certificates(ssl_) != nullptr;
#else
    c.peer_certificate = SSL_get0_peer_certificate(ssl_) != nullptr;
#endif
    return c;
  }

  std::string error() override { return last_error_; }

  std::string save_session(const std::string& path) override {
    SSL_SESSION* s = SSL_get1_session(ssl_);
    if (!s) return "no session";
    BIO* b = BIO_new_file(path.c_str(), "w");
    bool ok = b && PEM_write_bio_SSL_SESSION(b, s) == 1;
    BIO_free(b);
    SSL_SESSION_free(s);
    return ok ? "" : "cannot write " + path + ": " + drain_errors();
  }

 private:
  std::string describe(int r) {
    int e = SSL_get_error(ssl_, r);
    std::string q = drain_errors();
    if (e == SSL_ERROR_SYSCALL) return q.empty() ? (errno ? std::string("socket: ") + std::strerror(errno) : "the peer closed the connection") : q;
    if (!q.empty()) return q;
    return "SSL_get_error " + std::to_string(e);
  }

  SSL* ssl_;
  int fd_;
  bool client_;
  bool closed_ = false;
  std::string last_error_;
};

#ifdef OPENSSL_IS_BORINGSSL
// BoringSSL has no OPENSSL_cipher_name: look the standard name up among its ciphers.
std::string cipher_for_iana(SSL_CTX* ctx, const std::string& iana) {
  STACK_OF(SSL_CIPHER)* all = SSL_CTX_get_ciphers(ctx);
  for (size_t i = 0; i < sk_SSL_CIPHER_num(all); ++i) {
    const SSL_CIPHER* c = sk_SSL_CIPHER_value(all, i);
    if (iana == SSL_CIPHER_standard_name(c)) return SSL_CIPHER_get_name(c);
  }
  return "";
}
#else
std::string cipher_for_iana(SSL_CTX*, const std::string& iana) {
  const char* n = OPENSSL_cipher_name(iana.c_str());
  return n && std::string(n) != "(NONE)" ? n : "";
}
#endif

std::string group_name(const std::string& g) {
  if (g == "x25519") return "X25519";
  if (g == "secp256r1") return "P-256";
  if (g == "secp384r1") return "P-384";
  if (g == "secp521r1") return "P-521";
  return g;  // ffdhe2048 ... (OpenSSL uses them for TLS 1.3 only)
}

class OpensslLibrary : public Library {
 public:
  ~OpensslLibrary() override {
    SSL_SESSION_free(session_);
    SSL_CTX_free(ctx_);
  }

  std::string name() const override { return OpenSSL_version(OPENSSL_VERSION); }

  std::string configure(const Options& o) override {
    o_ = o;
    const bool server = o.role == Role::kServer;
    ctx_ = SSL_CTX_new(server ? TLS_server_method() : TLS_client_method());
    if (!ctx_) return "SSL_CTX_new: " + drain_errors();
    // This tool certifies TLS 1.0-1.2: never negotiate TLS 1.3 unless asked (it cannot be).
    SSL_CTX_set_min_proto_version(ctx_, o.min_version ? o.min_version : TLS1_VERSION);
    SSL_CTX_set_max_proto_version(ctx_, o.max_version ? o.max_version : TLS1_2_VERSION);
#ifndef OPENSSL_IS_BORINGSSL
    // TLS 1.0/1.1 (SHA-1 signatures) need security level 0 in OpenSSL 3.
    if (o.min_version && o.min_version < TLS1_2_VERSION) SSL_CTX_set_security_level(ctx_, 0);
    SSL_CTX_set_options(ctx_, SSL_OP_IGNORE_UNEXPECTED_EOF);
#endif
    std::string list = o.ciphers;
    for (const auto& s : o.suites) {
      std::string n = cipher_for_iana(ctx_, s);
      if (n.empty()) unsupported("--suite " + s + ": not a cipher suite of this library");
      list += (list.empty() ? "" : ":") + n;
    }
    if (!list.empty() && SSL_CTX_set_cipher_list(ctx_, list.c_str()) != 1)
      return "--ciphers/--suite '" + list + "': " + drain_errors();
    if (!o.groups.empty()) {
      std::string g;
      for (const auto& x : o.groups) g += (g.empty() ? "" : ":") + group_name(x);
      if (SSL_CTX_set1_curves_list(ctx_, g.c_str()) != 1) unsupported("--groups " + g + ": " + drain_errors());
    }
    if (o.ems && !*o.ems) {
#ifdef OPENSSL_IS_BORINGSSL
      unsupported("--ems off: BoringSSL always offers and accepts extended_master_secret");
#else
      SSL_CTX_set_options(ctx_, SSL_OP_NO_EXTENDED_MASTER_SECRET);
#endif
    }
    if (o.tickets && !*o.tickets) SSL_CTX_set_options(ctx_, SSL_OP_NO_TICKET);
    if (o.session_cache && !*o.session_cache) SSL_CTX_set_session_cache_mode(ctx_, SSL_SESS_CACHE_OFF);
    if (server) {
      static const unsigned char sid_ctx[] = "tlsc-shim";
      SSL_CTX_set_session_id_context(ctx_, sid_ctx, sizeof sid_ctx - 1);
      if (auto e = use_credential(o.cert, o.key); !e.empty()) return e;
      if (!o.ecdsa_cert.empty())
        if (auto e = use_credential(o.ecdsa_cert, o.ecdsa_key); !e.empty()) return e;
      if (auto e = dh(o.dhparams); !e.empty()) return e;
      if (o.require_client_cert) {
        if (o.ca.empty()) return "--require-client-cert needs --ca (the client certificates' issuer)";
        SSL_CTX_set_verify(ctx_, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nullptr);
        SSL_CTX_set_client_CA_list(ctx_, SSL_load_client_CA_file(o.ca.c_str()));
      }
    } else {
      if (!o.client_cert.empty())
        if (auto e = use_credential(o.client_cert, o.client_key); !e.empty()) return e;
      if (!o.ca.empty()) SSL_CTX_set_verify(ctx_, SSL_VERIFY_PEER, nullptr);
      if (!o.session_in.empty()) {
        BIO* b = BIO_new_file(o.session_in.c_str(), "r");
        if (b) session_ = PEM_read_bio_SSL_SESSION(b, nullptr, nullptr, nullptr);
        BIO_free(b);
        if (!session_) std::fprintf(stderr, "%s: --session-in %s: no session read, full handshake\n", kProgram, o.session_in.c_str());
        drain_errors();
      }
    }
    if (!o.ca.empty() && SSL_CTX_load_verify_locations(ctx_, o.ca.c_str(), nullptr) != 1)
      return "--ca " + o.ca + ": " + drain_errors();
    return "";
  }

  std::unique_ptr<Connection> accept(int fd) override {
    return std::make_unique<OpensslConnection>(SSL_new(ctx_), fd, false);
  }

  std::unique_ptr<Connection> connect(int fd) override {
    SSL* ssl = SSL_new(ctx_);
    SSL_set_tlsext_host_name(ssl, "localhost");
    if (session_) SSL_set_session(ssl, session_);
    return std::make_unique<OpensslConnection>(ssl, fd, true);
  }

 private:
  std::string use_credential(const std::string& cert, const std::string& key) {
    if (SSL_CTX_use_certificate_chain_file(ctx_, cert.c_str()) != 1) return cert + ": " + drain_errors();
    if (SSL_CTX_use_PrivateKey_file(ctx_, key.c_str(), SSL_FILETYPE_PEM) != 1) return key + ": " + drain_errors();
    return "";
  }

  std::string dh(const std::string& file) {
#ifdef OPENSSL_IS_BORINGSSL
    if (file.empty()) return "";
    BIO* b = BIO_new_file(file.c_str(), "r");
    DH* d = b ? PEM_read_bio_DHparams(b, nullptr, nullptr, nullptr) : nullptr;
    BIO_free(b);
    if (!d) return "--dhparams " + file + ": " + drain_errors();
    SSL_CTX_set_tmp_dh(ctx_, d);
    DH_free(d);
#else
    if (file.empty()) {
      SSL_CTX_set_dh_auto(ctx_, 1);
      return "";
    }
    BIO* b = BIO_new_file(file.c_str(), "r");
    EVP_PKEY* p = b ? PEM_read_bio_Parameters(b, nullptr) : nullptr;
    BIO_free(b);
    if (!p) return "--dhparams " + file + ": " + drain_errors();
    if (SSL_CTX_set0_tmp_dh_pkey(ctx_, p) != 1) {
      EVP_PKEY_free(p);
      return "--dhparams " + file + ": " + drain_errors();
    }
#endif
    return "";
  }

  Options o_;
  SSL_CTX* ctx_ = nullptr;
  SSL_SESSION* session_ = nullptr;
};

}  // namespace
}  // namespace tlsc::shim

int main(int argc, char** argv) {
  tlsc::shim::OpensslLibrary lib;
  return tlsc::shim::run(argc, argv, tlsc::shim::kProgram, lib);
}
