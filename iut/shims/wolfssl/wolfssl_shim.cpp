// The shim for wolfSSL (tlsc-shim-wolfssl), on its native API. One server certificate only:
// a wolfSSL context holds one key, so --ecdsa-cert is ignored (the RSA one is served).
#include <wolfssl/options.h>
#include <wolfssl/ssl.h>
#include <wolfssl/error-ssl.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include "iut/shims/common/shim.h"

namespace tlsc::shim {
namespace {

constexpr const char* kProgram = "tlsc-shim-wolfssl";

std::string error_text(int code) {
  char buf[WOLFSSL_MAX_ERROR_SZ];
  wolfSSL_ERR_error_string_n(static_cast<unsigned long>(code), buf, sizeof buf);
  return std::string(buf) + " (" + std::to_string(code) + ")";
}

class WolfConnection : public Connection {
 public:
  WolfConnection(WOLFSSL* ssl, int fd, bool client) : ssl_(ssl), fd_(fd), client_(client) { wolfSSL_set_fd(ssl_, fd_); }
  ~WolfConnection() override {
    wolfSSL_free(ssl_);
    ::close(fd_);
  }

  std::string handshake() override {
    int r = client_ ? wolfSSL_connect(ssl_) : wolfSSL_accept(ssl_);
    if (r == WOLFSSL_SUCCESS) {
      done_ = true;
      return "";
    }
    return error_text(wolfSSL_get_error(ssl_, r));
  }

  long read(uint8_t* buf, size_t len) override {
    int n = wolfSSL_read(ssl_, buf, static_cast<int>(len));
    if (n > 0) return n;
    int e = wolfSSL_get_error(ssl_, n);
    if (n == 0 || e == WOLFSSL_ERROR_ZERO_RETURN || e == SOCKET_PEER_CLOSED_E) return 0;
    last_error_ = error_text(e);
    return -1;
  }

  bool write(const uint8_t* buf, size_t len) override {
    int n = wolfSSL_write(ssl_, buf, static_cast<int>(len));
    if (n == static_cast<int>(len)) return true;
    last_error_ = error_text(wolfSSL_get_error(ssl_, n));
    return false;
  }

  void close() override {
    if (!closed_ && done_) wolfSSL_shutdown(ssl_);
    closed_ = true;
  }

  ConnInfo info() override {
    ConnInfo c;
    if (!done_) return c;
    c.version = version_name(wolfSSL_version(ssl_));
    int suite = wolfSSL_get_current_cipher_suite(ssl_);
    if (const char* n = wolfSSL_get_cipher_name_iana_from_suite(static_cast<unsigned char>(suite >> 8),
                                                               static_cast<unsigned char>(suite & 0xff)))
      c.suite = n;
    c.resumed = wolfSSL_session_reused(ssl_) == 1;
    // wolfSSL has no public call that says whether EMS was negotiated: ems stays null.
    WOLFSSL_X509_CHAIN* chain = wolfSSL_get_peer_chain(ssl_);
    c.peer_certificate = chain && wolfSSL_get_chain_count(chain) > 0;
    return c;
  }

  std::string error() override { return last_error_; }

  std::string save_session(const std::string& path) override {
    WOLFSSL_SESSION* s = wolfSSL_get1_session(ssl_);
    if (!s) return "no session";
    int len = wolfSSL_i2d_SSL_SESSION(s, nullptr);
    std::vector<uint8_t> der(len > 0 ? static_cast<size_t>(len) : 0);
    unsigned char* p = der.data();
    bool ok = len > 0 && wolfSSL_i2d_SSL_SESSION(s, &p) == len && write_file(path, der);
    wolfSSL_SESSION_free(s);
    return ok ? "" : "cannot serialize the session to " + path;
  }

 private:
  WOLFSSL* ssl_;
  int fd_;
  bool client_;
  bool done_ = false;
  bool closed_ = false;
  std::string last_error_;
};

int wolf_version(int v) { return v == kTls10 ? WOLFSSL_TLSV1 : v == kTls11 ? WOLFSSL_TLSV1_1 : WOLFSSL_TLSV1_2; }

int curve(const std::string& g) {
  if (g == "x25519") return WOLFSSL_ECC_X25519;
  if (g == "secp256r1") return WOLFSSL_ECC_SECP256R1;
  if (g == "secp384r1") return WOLFSSL_ECC_SECP384R1;
  if (g == "secp521r1") return WOLFSSL_ECC_SECP521R1;
  if (g == "ffdhe2048") return WOLFSSL_FFDHE_2048;
  if (g == "ffdhe3072") return WOLFSSL_FFDHE_3072;
  return 0;
}

class WolfLibrary : public Library {
 public:
  WolfLibrary() { wolfSSL_Init(); }
  ~WolfLibrary() override {
    if (session_) wolfSSL_SESSION_free(session_);
    if (ctx_) wolfSSL_CTX_free(ctx_);
    wolfSSL_Cleanup();
  }

  std::string name() const override { return std::string("wolfSSL ") + wolfSSL_lib_version(); }

  std::string configure(const Options& o) override {
    const bool server = o.role == Role::kServer;
    ctx_ = wolfSSL_CTX_new(server ? wolfSSLv23_server_method() : wolfSSLv23_client_method());
    if (!ctx_) return "wolfSSL_CTX_new failed";
    if (o.min_version) {
      if (wolfSSL_CTX_SetMinVersion(ctx_, wolf_version(o.min_version)) != WOLFSSL_SUCCESS)
        unsupported("--min-version: this wolfSSL build does not enable that version");
    } else {  // the lowest version this build has (Debian's has no TLS 1.0)
      for (int v = kTls10; v <= kTls12 && wolfSSL_CTX_SetMinVersion(ctx_, wolf_version(v)) != WOLFSSL_SUCCESS; ++v) {
      }
    }
    if (wolfSSL_CTX_set_max_proto_version(ctx_, o.max_version ? o.max_version : kTls12) != WOLFSSL_SUCCESS)
      unsupported("--max-version: this wolfSSL build does not enable that version");
    std::string list = o.ciphers;
    if (!o.ciphers.empty() && wolfSSL_CTX_set_cipher_list(ctx_, o.ciphers.c_str()) != WOLFSSL_SUCCESS)
      return "--ciphers '" + o.ciphers + "' rejected";
    // wolfSSL's cipher lists take IANA names as they are.
    for (const auto& s : o.suites) list += (list.empty() ? "" : ":") + s;
    if (!o.suites.empty() && wolfSSL_CTX_set_cipher_list(ctx_, list.c_str()) != WOLFSSL_SUCCESS)
      unsupported("--suite: '" + list + "' names a suite this wolfSSL build does not have");
    for (const auto& g : o.groups) {
      int c = curve(g);
      if (!c || wolfSSL_CTX_UseSupportedCurve(ctx_, static_cast<word16>(c)) != WOLFSSL_SUCCESS)
        unsupported("--groups: " + g + " is not supported");
    }
    if (o.ems && !*o.ems && wolfSSL_CTX_DisableExtendedMasterSecret(ctx_) != WOLFSSL_SUCCESS)
      unsupported("--ems off: wolfSSL_CTX_DisableExtendedMasterSecret failed");
    if (o.session_cache && !*o.session_cache) wolfSSL_CTX_set_session_cache_mode(ctx_, WOLFSSL_SESS_CACHE_OFF);
    if (server) {
      static const unsigned char sid_ctx[] = "tlsc-shim";
      wolfSSL_CTX_set_session_id_context(ctx_, sid_ctx, sizeof sid_ctx - 1);
      if (o.tickets && !*o.tickets) wolfSSL_CTX_NoTicketTLSv12(ctx_);
      if (wolfSSL_CTX_use_certificate_chain_file(ctx_, o.cert.c_str()) != WOLFSSL_SUCCESS) return o.cert + ": cannot load";
      if (wolfSSL_CTX_use_PrivateKey_file(ctx_, o.key.c_str(), WOLFSSL_FILETYPE_PEM) != WOLFSSL_SUCCESS)
        return o.key + ": cannot load";
      if (!o.dhparams.empty() &&
          wolfSSL_CTX_SetTmpDH_file(ctx_, o.dhparams.c_str(), WOLFSSL_FILETYPE_PEM) != WOLFSSL_SUCCESS)
        return "--dhparams " + o.dhparams + ": cannot load";
      if (o.require_client_cert && o.ca.empty()) return "--require-client-cert needs --ca";
      wolfSSL_CTX_set_verify(ctx_,
                             o.require_client_cert ? WOLFSSL_VERIFY_PEER | WOLFSSL_VERIFY_FAIL_IF_NO_PEER_CERT
                                                   : WOLFSSL_VERIFY_NONE,
                             nullptr);
    } else {
      if (o.tickets.value_or(true)) wolfSSL_CTX_UseSessionTicket(ctx_);
      if (!o.client_cert.empty()) {
        if (wolfSSL_CTX_use_certificate_chain_file(ctx_, o.client_cert.c_str()) != WOLFSSL_SUCCESS)
          return o.client_cert + ": cannot load";
        if (wolfSSL_CTX_use_PrivateKey_file(ctx_, o.client_key.c_str(), WOLFSSL_FILETYPE_PEM) != WOLFSSL_SUCCESS)
          return o.client_key + ": cannot load";
      }
      wolfSSL_CTX_set_verify(ctx_, o.ca.empty() ? WOLFSSL_VERIFY_NONE : WOLFSSL_VERIFY_PEER, nullptr);
      if (!o.session_in.empty()) {
        auto der = read_file(o.session_in);
        if (der && !der->empty()) {
          const unsigned char* p = der->data();
          session_ = wolfSSL_d2i_SSL_SESSION(nullptr, &p, static_cast<long>(der->size()));
        }
        if (!session_) std::fprintf(stderr, "%s: --session-in %s: no session read, full handshake\n", kProgram, o.session_in.c_str());
      }
    }
    if (!o.ca.empty() && wolfSSL_CTX_load_verify_locations(ctx_, o.ca.c_str(), nullptr) != WOLFSSL_SUCCESS)
      return "--ca " + o.ca + ": cannot load";
    return "";
  }

  std::unique_ptr<Connection> accept(int fd) override {
    return std::make_unique<WolfConnection>(wolfSSL_new(ctx_), fd, false);
  }

  std::unique_ptr<Connection> connect(int fd) override {
    WOLFSSL* ssl = wolfSSL_new(ctx_);
    wolfSSL_UseSNI(ssl, WOLFSSL_SNI_HOST_NAME, "localhost", 9);
    if (session_) wolfSSL_set_session(ssl, session_);
    return std::make_unique<WolfConnection>(ssl, fd, true);
  }

 private:
  WOLFSSL_CTX* ctx_ = nullptr;
  WOLFSSL_SESSION* session_ = nullptr;
};

}  // namespace
}  // namespace tlsc::shim

int main(int argc, char** argv) {
  tlsc::shim::WolfLibrary lib;
  return tlsc::shim::run(argc, argv, tlsc::shim::kProgram, lib);
}
