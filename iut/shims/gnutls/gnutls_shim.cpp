// The shim for GnuTLS (tlsc-shim-gnutls): priority strings, an in-memory session-ID cache (the
// server's db callbacks) and one server ticket key for the process.
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "iut/shims/common/shim.h"

namespace tlsc::shim {
namespace {

constexpr const char* kProgram = "tlsc-shim-gnutls";

std::string gnutls_error(int r) { return gnutls_strerror(r); }

// The session-ID cache of the server (GnuTLS leaves storage to the application).
std::map<std::vector<uint8_t>, std::vector<uint8_t>>& cache() {
  static std::map<std::vector<uint8_t>, std::vector<uint8_t>> c;
  return c;
}
std::vector<uint8_t> bytes(const gnutls_datum_t& d) { return std::vector<uint8_t>(d.data, d.data + d.size); }
int db_store(void*, gnutls_datum_t key, gnutls_datum_t data) {
  cache()[bytes(key)] = bytes(data);
  return 0;
}
gnutls_datum_t db_fetch(void*, gnutls_datum_t key) {
  gnutls_datum_t out{nullptr, 0};
  auto it = cache().find(bytes(key));
  if (it == cache().end()) return out;
  out.data = static_cast<unsigned char*>(gnutls_malloc(it->second.size()));
  if (!out.data) return out;
  std::memcpy(out.data, it->second.data(), it->second.size());
  out.size = static_cast<unsigned>(it->second.size());
  return out;
}
int db_remove(void*, gnutls_datum_t key) { return cache().erase(bytes(key)) ? 0 : -1; }

// TLS_<KX>_WITH_<CIPHER>_<HASH> -> "+KX:+CIPHER:+MAC" priority items.
std::string suite_priority(const std::string& iana) {
  const std::string with = "_WITH_";
  size_t w = iana.find(with);
  if (iana.rfind("TLS_", 0) != 0 || w == std::string::npos) return "";
  std::string kx = iana.substr(4, w - 4);
  std::string rest = iana.substr(w + with.size());
  size_t last = rest.rfind('_');
  if (last == std::string::npos) return "";
  std::string cipher = rest.substr(0, last), hash = rest.substr(last + 1);
  std::string mac;
  if (cipher.find("GCM") != std::string::npos || cipher.find("CCM") != std::string::npos ||
      cipher.find("POLY1305") != std::string::npos)
    mac = "AEAD";
  else if (hash == "SHA")
    mac = "SHA1";
  else
    mac = hash;
  if (cipher == "3DES_EDE_CBC") cipher = "3DES_CBC";
  for (std::string* s : {&kx, &cipher})
    for (char& ch : *s)
      if (ch == '_') ch = '-';
  return "+" + kx + ":+" + cipher + ":+" + mac;
}

const char* version_item(int v) {
  switch (v) {
    case kTls10: return "+VERS-TLS1.0";
    case kTls11: return "+VERS-TLS1.1";
    default: return "+VERS-TLS1.2";
  }
}

int wire_version(gnutls_protocol_t p) {
  switch (p) {
    case GNUTLS_TLS1_0: return kTls10;
    case GNUTLS_TLS1_1: return kTls11;
    case GNUTLS_TLS1_2: return kTls12;
    default: return 0;
  }
}

class GnutlsConnection : public Connection {
 public:
  GnutlsConnection(gnutls_session_t s, int fd) : s_(s), fd_(fd) { gnutls_transport_set_int(s_, fd_); }
  ~GnutlsConnection() override {
    gnutls_deinit(s_);
    ::close(fd_);
  }

  std::string handshake() override {
    int r;
    do {
      r = gnutls_handshake(s_);
    } while (r < 0 && (r == GNUTLS_E_INTERRUPTED || r == GNUTLS_E_WARNING_ALERT_RECEIVED));
    if (r == 0) {
      done_ = true;
      return "";
    }
    return describe(r);
  }

  long read(uint8_t* buf, size_t len) override {
    for (;;) {
      ssize_t n = gnutls_record_recv(s_, buf, len);
      if (n > 0) return n;
      if (n == 0 || n == GNUTLS_E_PREMATURE_TERMINATION) return 0;
      if (n == GNUTLS_E_INTERRUPTED || n == GNUTLS_E_WARNING_ALERT_RECEIVED || n == GNUTLS_E_REHANDSHAKE) continue;
      last_error_ = describe(static_cast<int>(n));
      return -1;
    }
  }

  bool write(const uint8_t* buf, size_t len) override {
    size_t off = 0;
    while (off < len) {
      ssize_t n = gnutls_record_send(s_, buf + off, len - off);
      if (n == GNUTLS_E_INTERRUPTED) continue;
      if (n <= 0) {
        last_error_ = describe(static_cast<int>(n));
        return false;
      }
      off += static_cast<size_t>(n);
    }
    return true;
  }

  void close() override {
    if (!closed_ && done_) gnutls_bye(s_, GNUTLS_SHUT_WR);
    closed_ = true;
  }

  ConnInfo info() override {
    ConnInfo c;
    if (!done_) return c;
    c.version = version_name(wire_version(gnutls_protocol_get_version(s_)));
    if (const char* n = gnutls_ciphersuite_get(s_)) c.suite = n;
    c.resumed = gnutls_session_is_resumed(s_) != 0;
    c.ems = gnutls_session_ext_master_secret_status(s_) != 0;
    unsigned int n = 0;
    c.peer_certificate = gnutls_certificate_get_peers(s_, &n) != nullptr && n > 0;
    return c;
  }

  std::string error() override { return last_error_; }

  std::string save_session(const std::string& path) override {
    gnutls_datum_t d{nullptr, 0};
    int r = gnutls_session_get_data2(s_, &d);
    if (r < 0) return gnutls_error(r);
    bool ok = write_file(path, bytes(d));
    gnutls_free(d.data);
    return ok ? "" : "cannot write " + path;
  }

 private:
  std::string describe(int r) {
    std::string out = gnutls_error(r);
    if (r == GNUTLS_E_FATAL_ALERT_RECEIVED)
      if (const char* a = gnutls_alert_get_name(gnutls_alert_get(s_))) out += ": " + std::string(a);
    if (r == GNUTLS_E_AGAIN) out = "timeout";
    return out;
  }

  gnutls_session_t s_;
  int fd_;
  bool done_ = false;
  bool closed_ = false;
  std::string last_error_;
};

class GnutlsLibrary : public Library {
 public:
  ~GnutlsLibrary() override {
    if (prio_) gnutls_priority_deinit(prio_);
    if (cred_) gnutls_certificate_free_credentials(cred_);
    if (dh_) gnutls_dh_params_deinit(dh_);
    if (ticket_key_.data) gnutls_free(ticket_key_.data);
  }

  std::string name() const override { return std::string("GnuTLS ") + gnutls_check_version(nullptr); }

  std::string configure(const Options& o) override {
    o_ = o;
    int r = gnutls_certificate_allocate_credentials(&cred_);
    if (r < 0) return gnutls_error(r);
    const bool server = o.role == Role::kServer;
    if (server) {
      if ((r = gnutls_certificate_set_x509_key_file(cred_, o.cert.c_str(), o.key.c_str(), GNUTLS_X509_FMT_PEM)) < 0)
        return o.cert + ": " + gnutls_error(r);
      if (!o.ecdsa_cert.empty() &&
          (r = gnutls_certificate_set_x509_key_file(cred_, o.ecdsa_cert.c_str(), o.ecdsa_key.c_str(), GNUTLS_X509_FMT_PEM)) < 0)
        return o.ecdsa_cert + ": " + gnutls_error(r);
      if (!o.dhparams.empty()) {
        auto pem = read_file(o.dhparams);
        if (!pem) return "--dhparams " + o.dhparams + ": cannot read";
        gnutls_datum_t d{pem->data(), static_cast<unsigned>(pem->size())};
        gnutls_dh_params_init(&dh_);
        if ((r = gnutls_dh_params_import_pkcs3(dh_, &d, GNUTLS_X509_FMT_PEM)) < 0) return "--dhparams: " + gnutls_error(r);
        gnutls_certificate_set_dh_params(cred_, dh_);
      } else {
        gnutls_certificate_set_known_dh_params(cred_, GNUTLS_SEC_PARAM_MEDIUM);
      }
      if (o.require_client_cert && o.ca.empty()) return "--require-client-cert needs --ca";
      if (o.tickets.value_or(true) && (r = gnutls_session_ticket_key_generate(&ticket_key_)) < 0)
        return "ticket key: " + gnutls_error(r);
    } else if (!o.client_cert.empty()) {
      if ((r = gnutls_certificate_set_x509_key_file(cred_, o.client_cert.c_str(), o.client_key.c_str(), GNUTLS_X509_FMT_PEM)) < 0)
        return o.client_cert + ": " + gnutls_error(r);
    }
    if (!o.ca.empty() && (r = gnutls_certificate_set_x509_trust_file(cred_, o.ca.c_str(), GNUTLS_X509_FMT_PEM)) < 0)
      return "--ca " + o.ca + ": " + gnutls_error(r);
    if (!o.session_in.empty()) {
      if (auto s = read_file(o.session_in); s && !s->empty())
        session_ = *s;
      else
        std::fprintf(stderr, "%s: --session-in %s: no session read, full handshake\n", kProgram, o.session_in.c_str());
    }

    // The priority string: the library's own (--ciphers) or NORMAL narrowed by the flags.
    std::string p = o.ciphers.empty() ? "NORMAL" : o.ciphers;
    const int lo = o.min_version ? o.min_version : kTls10, hi = o.max_version ? o.max_version : kTls12;
    p += ":-VERS-ALL";
    for (int v = lo; v <= hi; ++v) p += std::string(":") + version_item(v);
    if (!o.suites.empty()) {
      p += ":-KX-ALL:-CIPHER-ALL:-MAC-ALL";
      for (const auto& s : o.suites) {
        std::string items = suite_priority(s);
        if (items.empty()) unsupported("--suite " + s + ": not a TLS_<kx>_WITH_<cipher>_<hash> name");
        p += ":" + items;
      }
    }
    if (!o.groups.empty()) {
      p += ":-GROUP-ALL";
      for (auto g : o.groups) {
        for (char& ch : g) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        p += ":+GROUP-" + g;
      }
    }
    if (o.ems && !*o.ems) p += ":%NO_SESSION_HASH";
    const char* where = nullptr;
    if ((r = gnutls_priority_init(&prio_, p.c_str(), &where)) < 0) {
      std::string at = where ? std::string(" at '") + where + "'" : "";
      if (!o.ciphers.empty()) return "--ciphers: priority '" + p + "'" + at + ": " + gnutls_error(r);
      unsupported("priority '" + p + "'" + at + ": " + gnutls_error(r));
    }
    return "";
  }

  std::unique_ptr<Connection> accept(int fd) override {
    gnutls_session_t s;
    gnutls_init(&s, GNUTLS_SERVER);
    common(s);
    if (o_.session_cache.value_or(true)) {
      gnutls_db_set_retrieve_function(s, db_fetch);
      gnutls_db_set_store_function(s, db_store);
      gnutls_db_set_remove_function(s, db_remove);
      gnutls_db_set_ptr(s, nullptr);
    }
    if (ticket_key_.data) gnutls_session_ticket_enable_server(s, &ticket_key_);
    if (o_.require_client_cert) {
      gnutls_certificate_server_set_request(s, GNUTLS_CERT_REQUIRE);
      gnutls_session_set_verify_cert(s, nullptr, 0);
    }
    return std::make_unique<GnutlsConnection>(s, fd);
  }

  std::unique_ptr<Connection> connect(int fd) override {
    gnutls_session_t s;
    unsigned flags = GNUTLS_CLIENT;
    if (o_.tickets && !*o_.tickets) flags |= GNUTLS_NO_TICKETS;
    gnutls_init(&s, flags);
    common(s);
    gnutls_server_name_set(s, GNUTLS_NAME_DNS, "localhost", 9);
    if (!o_.ca.empty()) gnutls_session_set_verify_cert(s, nullptr, 0);
    if (!session_.empty()) gnutls_session_set_data(s, session_.data(), session_.size());
    return std::make_unique<GnutlsConnection>(s, fd);
  }

 private:
  void common(gnutls_session_t s) {
    gnutls_priority_set(s, prio_);
    gnutls_credentials_set(s, GNUTLS_CRD_CERTIFICATE, cred_);
  }

  Options o_;
  gnutls_certificate_credentials_t cred_ = nullptr;
  gnutls_priority_t prio_ = nullptr;
  gnutls_dh_params_t dh_ = nullptr;
  gnutls_datum_t ticket_key_{nullptr, 0};
  std::vector<uint8_t> session_;
};

}  // namespace
}  // namespace tlsc::shim

int main(int argc, char** argv) {
  tlsc::shim::GnutlsLibrary lib;
  return tlsc::shim::run(argc, argv, tlsc::shim::kProgram, lib);
}
