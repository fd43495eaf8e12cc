// The common part of every shim (iut/shims/<library>/): the uniform flag set, loopback sockets,
// the accept/connect loops, echo and send, and the one-JSON-line-per-connection report. A shim
// only implements Library and Connection for its TLS library (docs/iut-adapters.md).
//
// This code links nothing but the C++ standard library and libc: the BoringSSL shim uses it too,
// and BoringSSL must never share a process with OpenSSL.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tlsc::shim {

// Exit codes.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;       // a connection failed (its JSON line says why)
inline constexpr int kExitUsage = 2;        // bad flag or value
inline constexpr int kExitSetup = 3;        // cannot load a file, listen or connect
inline constexpr int kExitUnsupported = 89; // the library cannot do what a flag asks

enum class Role { kServer, kClient };

// Protocol versions as on the wire (0x0301 = TLS 1.0 ... 0x0303 = TLS 1.2).
inline constexpr int kTls10 = 0x0301, kTls11 = 0x0302, kTls12 = 0x0303;

struct Options {
  Role role = Role::kServer;
  std::string host = "127.0.0.1";
  uint16_t port = 0;
  std::string cert, key, ecdsa_cert, ecdsa_key, ca, client_cert, client_key, dhparams;
  bool require_client_cert = false;
  int min_version = 0;  // 0: the library's default
  int max_version = 0;
  std::string ciphers;              // the library's own syntax, passed through
  std::vector<std::string> suites;  // IANA names (TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)
  std::vector<std::string> groups;  // x25519, secp256r1, secp384r1, secp521r1, ffdhe2048, ffdhe3072
  std::optional<bool> ems, tickets, session_cache;  // unset: the library's default
  int connections = 1;              // server: 0 = until killed
  std::string session_in, session_out;
  std::optional<std::string> send;  // client
  bool echo = false;                // server
  int timeout_ms = 10000;           // every socket read/write
};

// What one connection did; printed as one JSON line.
struct ConnInfo {
  std::string version;  // "TLS1.0" .. "TLS1.2", "" if no handshake
  std::string suite;    // IANA name
  bool resumed = false;
  std::optional<bool> ems;  // nullopt: the library does not tell
  bool peer_certificate = false;
  std::string error;
};

// One TLS connection over a connected socket, owned by the Connection (closed with it).
class Connection {
 public:
  virtual ~Connection() = default;
  virtual std::string handshake() = 0;  // "" when complete, else why not
  // > 0: bytes read; 0: the peer closed (close_notify or EOF); < 0: error (error() says what).
  virtual long read(uint8_t* buf, size_t len) = 0;
  virtual bool write(const uint8_t* buf, size_t len) = 0;  // all of it, or false
  virtual void close() = 0;                                 // close_notify (best effort)
  virtual ConnInfo info() = 0;                              // after handshake()
  virtual std::string error() = 0;                          // the last error, one line
  // Client: writes the session to `path` in the library's own format. "" or why not.
  virtual std::string save_session(const std::string& path) = 0;
};

class Library {
 public:
  virtual ~Library() = default;
  virtual std::string name() const = 0;  // "OpenSSL 3.0.x"
  // Builds the context from the options. "" or why not; calls unsupported() for a flag the
  // library cannot honour.
  virtual std::string configure(const Options& o) = 0;
  virtual std::unique_ptr<Connection> accept(int fd) = 0;
  // Client: also offers the session in o.session_in if set (configure() may have loaded it).
  virtual std::unique_ptr<Connection> connect(int fd) = 0;
};

// Prints "tlsc-shim: unsupported: <reason>" on stderr and exits with 89.
[[noreturn]] void unsupported(const std::string& reason);

// Parses the uniform flags. On a bad flag: one line on stderr, exit 2. --help prints the usage.
Options parse_options(int argc, char** argv, const std::string& program);

// Runs the shim: parse, configure, then serve (printing "ready 127.0.0.1:PORT") or connect.
int run(int argc, char** argv, const std::string& program, Library& lib);

// Helpers for the libraries.
std::string version_name(int wire_version);  // "TLS1.2"; "" for anything else
std::optional<std::vector<uint8_t>> read_file(const std::string& path);
bool write_file(const std::string& path, const std::vector<uint8_t>& data);
std::string json_line(const ConnInfo& c);

}  // namespace tlsc::shim
