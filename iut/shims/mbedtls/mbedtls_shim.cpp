// The shim for Mbed TLS 2.28 (tlsc-shim-mbedtls). Mbed TLS 2.28 has no call that tells whether a
// handshake resumed or negotiated EMS: the server learns resumption from its own session cache and
// ticket callbacks (a successful lookup), the client from the master secret (a resumed session
// keeps the one it offered); EMS stays null.
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/dhm.h>
#include <mbedtls/entropy.h>
#include <mbedtls/error.h>
#include <mbedtls/net_sockets.h>
#include <mbedtls/pk.h>
#include <mbedtls/ssl.h>
#include <mbedtls/ssl_cache.h>
#include <mbedtls/ssl_ciphersuites.h>
#include <mbedtls/ssl_ticket.h>
#include <mbedtls/version.h>
#include <mbedtls/x509_crt.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "iut/shims/common/shim.h"

namespace tlsc::shim {
namespace {

constexpr const char* kProgram = "tlsc-shim-mbedtls";

std::string error_text(int r) {
  char buf[256];
  mbedtls_strerror(r, buf, sizeof buf);
  return std::string(buf) + " (-0x" + [&] {
    char h[16];
    std::snprintf(h, sizeof h, "%04x", static_cast<unsigned>(-r));
    return std::string(h);
  }() + ")";
}

// Plain blocking socket I/O; a timeout (SO_RCVTIMEO) is an error, not WANT_READ.
int bio_send(void* ctx, const unsigned char* buf, size_t len) {
  ssize_t n = ::send(*static_cast<int*>(ctx), buf, len, MSG_NOSIGNAL);
  if (n >= 0) return static_cast<int>(n);
  return errno == EPIPE || errno == ECONNRESET ? MBEDTLS_ERR_NET_CONN_RESET : MBEDTLS_ERR_NET_SEND_FAILED;
}
int bio_recv(void* ctx, unsigned char* buf, size_t len) {
  ssize_t n = ::recv(*static_cast<int*>(ctx), buf, len, 0);
  if (n >= 0) return static_cast<int>(n);
  return errno == ECONNRESET ? MBEDTLS_ERR_NET_CONN_RESET : MBEDTLS_ERR_NET_RECV_FAILED;
}

// Set by the server's cache and ticket callbacks when a session was found for resumption.
bool g_server_found_session = false;
mbedtls_ssl_cache_context g_cache;
mbedtls_ssl_ticket_context g_ticket;

int cache_get(void* data, mbedtls_ssl_session* session) {
  int r = mbedtls_ssl_cache_get(data, session);
  if (r == 0) g_server_found_session = true;
  return r;
}
int ticket_parse(void* p, mbedtls_ssl_session* session, unsigned char* buf, size_t len) {
  int r = mbedtls_ssl_ticket_parse(p, session, buf, len);
  if (r == 0) g_server_found_session = true;
  return r;
}

std::string iana_of(const char* mbed_name) {
  std::string s = mbed_name ? mbed_name : "";
  for (char& ch : s)
    if (ch == '-') ch = '_';
  return s;
}

int version_of(const char* v) {
  std::string s = v ? v : "";
  if (s == "TLSv1.0") return kTls10;
  if (s == "TLSv1.1") return kTls11;
  if (s == "TLSv1.2") return kTls12;
  return 0;
}

class MbedConnection : public Connection {
 public:
  MbedConnection(const mbedtls_ssl_config* conf, int fd, bool client, const mbedtls_ssl_session* offer)
      : fd_(fd), client_(client) {
    mbedtls_ssl_init(&ssl_);
    setup_ = mbedtls_ssl_setup(&ssl_, conf);
    mbedtls_ssl_set_bio(&ssl_, &fd_, bio_send, bio_recv, nullptr);
    if (client_) mbedtls_ssl_set_hostname(&ssl_, "localhost");
    if (offer && setup_ == 0) {
      mbedtls_ssl_set_session(&ssl_, offer);
      offered_master_.assign(offer->master, offer->master + sizeof offer->master);
    }
  }
  ~MbedConnection() override {
    mbedtls_ssl_free(&ssl_);
    ::close(fd_);
  }

  std::string handshake() override {
    if (setup_ != 0) return "mbedtls_ssl_setup: " + error_text(setup_);
    if (!client_) g_server_found_session = false;
    int r;
    do {
      r = mbedtls_ssl_handshake(&ssl_);
    } while (r == MBEDTLS_ERR_SSL_WANT_READ || r == MBEDTLS_ERR_SSL_WANT_WRITE);
    if (r != 0) return error_text(r);
    done_ = true;
    if (client_) {
      const mbedtls_ssl_session* s = ssl_.session;
      // A resumption keeps the offered session's master secret; a full handshake makes a new one.
      resumed_ = !offered_master_.empty() && s &&
                 std::memcmp(s->master, offered_master_.data(), offered_master_.size()) == 0;
    } else {
      resumed_ = g_server_found_session;
    }
    return "";
  }

  long read(uint8_t* buf, size_t len) override {
    for (;;) {
      int n = mbedtls_ssl_read(&ssl_, buf, len);
      if (n > 0) return n;
      if (n == MBEDTLS_ERR_SSL_WANT_READ || n == MBEDTLS_ERR_SSL_WANT_WRITE) continue;
      if (n == 0 || n == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY || n == MBEDTLS_ERR_NET_CONN_RESET) return 0;
      last_error_ = error_text(n);
      return -1;
    }
  }

  bool write(const uint8_t* buf, size_t len) override {
    size_t off = 0;
    while (off < len) {
      int n = mbedtls_ssl_write(&ssl_, buf + off, len - off);
      if (n == MBEDTLS_ERR_SSL_WANT_READ || n == MBEDTLS_ERR_SSL_WANT_WRITE) continue;
      if (n <= 0) {
        last_error_ = error_text(n);
        return false;
      }
      off += static_cast<size_t>(n);
    }
    return true;
  }

  void close() override {
    if (!closed_ && done_) mbedtls_ssl_close_notify(&ssl_);
    closed_ = true;
  }

  ConnInfo info() override {
    ConnInfo c;
    if (!done_) return c;
    c.version = version_name(version_of(mbedtls_ssl_get_version(&ssl_)));
    c.suite = iana_of(mbedtls_ssl_get_ciphersuite(&ssl_));
    c.resumed = resumed_;
    c.peer_certificate = mbedtls_ssl_get_peer_cert(&ssl_) != nullptr;
    return c;
  }

  std::string error() override { return last_error_; }

  std::string save_session(const std::string& path) override {
    mbedtls_ssl_session s;
    mbedtls_ssl_session_init(&s);
    int r = mbedtls_ssl_get_session(&ssl_, &s);
    std::string err;
    if (r != 0) {
      err = "mbedtls_ssl_get_session: " + error_text(r);
    } else {
      size_t need = 0;
      mbedtls_ssl_session_save(&s, nullptr, 0, &need);
      std::vector<uint8_t> buf(need);
      r = mbedtls_ssl_session_save(&s, buf.data(), buf.size(), &need);
      if (r != 0)
        err = "mbedtls_ssl_session_save: " + error_text(r);
      else if (!write_file(path, buf))
        err = "cannot write " + path;
    }
    mbedtls_ssl_session_free(&s);
    return err;
  }

 private:
  mbedtls_ssl_context ssl_;
  int fd_;
  bool client_;
  int setup_ = 0;
  bool done_ = false, closed_ = false, resumed_ = false;
  std::vector<uint8_t> offered_master_;
  std::string last_error_;
};

int minor_of(int v) { return v == kTls10 ? MBEDTLS_SSL_MINOR_VERSION_1 : v == kTls11 ? MBEDTLS_SSL_MINOR_VERSION_2 : MBEDTLS_SSL_MINOR_VERSION_3; }

mbedtls_ecp_group_id curve_of(const std::string& g) {
  if (g == "x25519") return MBEDTLS_ECP_DP_CURVE25519;
  if (g == "secp256r1") return MBEDTLS_ECP_DP_SECP256R1;
  if (g == "secp384r1") return MBEDTLS_ECP_DP_SECP384R1;
  if (g == "secp521r1") return MBEDTLS_ECP_DP_SECP521R1;
  return MBEDTLS_ECP_DP_NONE;
}

class MbedLibrary : public Library {
 public:
  MbedLibrary() {
    mbedtls_ssl_config_init(&conf_);
    mbedtls_entropy_init(&entropy_);
    mbedtls_ctr_drbg_init(&drbg_);
    mbedtls_x509_crt_init(&ca_);
    mbedtls_x509_crt_init(&rsa_crt_);
    mbedtls_x509_crt_init(&ec_crt_);
    mbedtls_pk_init(&rsa_key_);
    mbedtls_pk_init(&ec_key_);
    mbedtls_dhm_init(&dhm_);
    mbedtls_ssl_session_init(&session_);
    mbedtls_ssl_cache_init(&g_cache);
    mbedtls_ssl_ticket_init(&g_ticket);
  }
  ~MbedLibrary() override {
    mbedtls_ssl_ticket_free(&g_ticket);
    mbedtls_ssl_cache_free(&g_cache);
    mbedtls_ssl_session_free(&session_);
    mbedtls_dhm_free(&dhm_);
    mbedtls_pk_free(&ec_key_);
    mbedtls_pk_free(&rsa_key_);
    mbedtls_x509_crt_free(&ec_crt_);
    mbedtls_x509_crt_free(&rsa_crt_);
    mbedtls_x509_crt_free(&ca_);
    mbedtls_ctr_drbg_free(&drbg_);
    mbedtls_entropy_free(&entropy_);
    mbedtls_ssl_config_free(&conf_);
  }

  std::string name() const override { return "Mbed TLS " MBEDTLS_VERSION_STRING; }

  std::string configure(const Options& o) override {
    const bool server = o.role == Role::kServer;
    int r = mbedtls_ctr_drbg_seed(&drbg_, mbedtls_entropy_func, &entropy_, nullptr, 0);
    if (r != 0) return "ctr_drbg_seed: " + error_text(r);
    r = mbedtls_ssl_config_defaults(&conf_, server ? MBEDTLS_SSL_IS_SERVER : MBEDTLS_SSL_IS_CLIENT,
                                    MBEDTLS_SSL_TRANSPORT_STREAM, MBEDTLS_SSL_PRESET_DEFAULT);
    if (r != 0) return "ssl_config_defaults: " + error_text(r);
    mbedtls_ssl_conf_rng(&conf_, mbedtls_ctr_drbg_random, &drbg_);
    mbedtls_ssl_conf_min_version(&conf_, MBEDTLS_SSL_MAJOR_VERSION_3, minor_of(o.min_version ? o.min_version : kTls10));
    mbedtls_ssl_conf_max_version(&conf_, MBEDTLS_SSL_MAJOR_VERSION_3, minor_of(o.max_version ? o.max_version : kTls12));
    for (const auto& name : split_commas(o.ciphers)) add_suite(name, false);
    for (const auto& name : o.suites) add_suite(name, true);
    if (!suites_.empty()) {
      suites_.push_back(0);
      mbedtls_ssl_conf_ciphersuites(&conf_, suites_.data());
    }
    if (!o.groups.empty()) {
      for (const auto& g : o.groups) {
        auto id = curve_of(g);
        if (id == MBEDTLS_ECP_DP_NONE) unsupported("--groups: " + g + " is not an Mbed TLS 2.28 curve");
        curves_.push_back(id);
      }
      curves_.push_back(MBEDTLS_ECP_DP_NONE);
      mbedtls_ssl_conf_curves(&conf_, curves_.data());
    }
    if (o.ems) mbedtls_ssl_conf_extended_master_secret(&conf_, *o.ems ? MBEDTLS_SSL_EXTENDED_MS_ENABLED : MBEDTLS_SSL_EXTENDED_MS_DISABLED);
    if (!o.ca.empty()) {
      if ((r = mbedtls_x509_crt_parse_file(&ca_, o.ca.c_str())) != 0) return "--ca " + o.ca + ": " + error_text(r);
      mbedtls_ssl_conf_ca_chain(&conf_, &ca_, nullptr);
    }
    if (server) {
      if (auto e = credential(o.cert, o.key, rsa_crt_, rsa_key_); !e.empty()) return e;
      if (!o.ecdsa_cert.empty())
        if (auto e = credential(o.ecdsa_cert, o.ecdsa_key, ec_crt_, ec_key_); !e.empty()) return e;
      if (!o.dhparams.empty()) {
        if ((r = mbedtls_dhm_parse_dhmfile(&dhm_, o.dhparams.c_str())) != 0) return "--dhparams: " + error_text(r);
        if ((r = mbedtls_ssl_conf_dh_param_ctx(&conf_, &dhm_)) != 0) return "--dhparams: " + error_text(r);
      }
      if (o.require_client_cert && o.ca.empty()) return "--require-client-cert needs --ca";
      mbedtls_ssl_conf_authmode(&conf_, o.require_client_cert ? MBEDTLS_SSL_VERIFY_REQUIRED : MBEDTLS_SSL_VERIFY_NONE);
      if (o.session_cache.value_or(true)) mbedtls_ssl_conf_session_cache(&conf_, &g_cache, cache_get, mbedtls_ssl_cache_set);
      if (o.tickets.value_or(true)) {
        if ((r = mbedtls_ssl_ticket_setup(&g_ticket, mbedtls_ctr_drbg_random, &drbg_, MBEDTLS_CIPHER_AES_256_GCM, 86400)) != 0)
          return "ticket setup: " + error_text(r);
        mbedtls_ssl_conf_session_tickets_cb(&conf_, mbedtls_ssl_ticket_write, ticket_parse, &g_ticket);
      }
    } else {
      if (!o.client_cert.empty())
        if (auto e = credential(o.client_cert, o.client_key, rsa_crt_, rsa_key_); !e.empty()) return e;
      mbedtls_ssl_conf_authmode(&conf_, o.ca.empty() ? MBEDTLS_SSL_VERIFY_NONE : MBEDTLS_SSL_VERIFY_REQUIRED);
      mbedtls_ssl_conf_session_tickets(&conf_, o.tickets.value_or(true) ? MBEDTLS_SSL_SESSION_TICKETS_ENABLED
                                                                       : MBEDTLS_SSL_SESSION_TICKETS_DISABLED);
      if (!o.session_in.empty()) {
        auto data = read_file(o.session_in);
        have_session_ = data && !data->empty() && mbedtls_ssl_session_load(&session_, data->data(), data->size()) == 0;
        if (!have_session_) std::fprintf(stderr, "%s: --session-in %s: no session read, full handshake\n", kProgram, o.session_in.c_str());
      }
    }
    return "";
  }

  std::unique_ptr<Connection> accept(int fd) override { return std::make_unique<MbedConnection>(&conf_, fd, false, nullptr); }

  std::unique_ptr<Connection> connect(int fd) override {
    return std::make_unique<MbedConnection>(&conf_, fd, true, have_session_ ? &session_ : nullptr);
  }

 private:
  static std::vector<std::string> split_commas(const std::string& s) {
    std::vector<std::string> out;
    std::string cur;
    for (char ch : s + ",") {
      if (ch == ',' || ch == ':') {
        if (!cur.empty()) out.push_back(cur);
        cur.clear();
      } else {
        cur.push_back(ch);
      }
    }
    return out;
  }

  // An IANA name (TLS_..._WITH_...) or an Mbed TLS name (TLS-...-WITH-...).
  void add_suite(std::string name, bool iana) {
    for (char& ch : name)
      if (ch == '_') ch = '-';
    int id = mbedtls_ssl_get_ciphersuite_id(name.c_str());
    if (id == 0) {
      if (iana) unsupported("--suite " + name + ": not a cipher suite of this Mbed TLS build");
      std::fprintf(stderr, "%s: --ciphers: unknown suite %s\n", kProgram, name.c_str());
      std::exit(kExitUsage);
    }
    suites_.push_back(id);
  }

  std::string credential(const std::string& cert, const std::string& key, mbedtls_x509_crt& crt, mbedtls_pk_context& pk) {
    int r = mbedtls_x509_crt_parse_file(&crt, cert.c_str());
    if (r != 0) return cert + ": " + error_text(r);
    r = mbedtls_pk_parse_keyfile(&pk, key.c_str(), nullptr);
    if (r != 0) return key + ": " + error_text(r);
    r = mbedtls_ssl_conf_own_cert(&conf_, &crt, &pk);
    return r == 0 ? "" : cert + ": " + error_text(r);
  }

  mbedtls_ssl_config conf_;
  mbedtls_entropy_context entropy_;
  mbedtls_ctr_drbg_context drbg_;
  mbedtls_x509_crt ca_, rsa_crt_, ec_crt_;
  mbedtls_pk_context rsa_key_, ec_key_;
  mbedtls_dhm_context dhm_;
  mbedtls_ssl_session session_;
  bool have_session_ = false;
  std::vector<int> suites_;
  std::vector<mbedtls_ecp_group_id> curves_;
};

}  // namespace
}  // namespace tlsc::shim

int main(int argc, char** argv) {
  tlsc::shim::MbedLibrary lib;
  return tlsc::shim::run(argc, argv, tlsc::shim::kProgram, lib);
}
